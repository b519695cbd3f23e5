from fastapi import APIRouter, FastAPI

app = FastAPI(title="Shop", version="1.0.0")
orders = APIRouter(prefix="/orders")
users = APIRouter(prefix="/users", tags=["users"])


@orders.get("/")  # want: FA602
def list_orders():
    return []


@orders.post("/", tags=[])  # want: FA602
def create_order():
    return {}


@users.get("/")
def list_users():
    return []


@app.get("/")  # want: FA602
def root():
    return {}


app.include_router(orders)
app.include_router(users)
