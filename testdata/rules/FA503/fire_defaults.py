from fastapi import APIRouter, Body, Cookie, Depends, FastAPI, File, Form, Header, Path, Query, Security, UploadFile
from fastapi import params as fastapi_params
from fastapi.security import OAuth2PasswordBearer

app = FastAPI()
router = APIRouter()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


def get_db():
    yield None


def get_current_user(token: str = Depends(oauth2_scheme)):
    return token


@app.get("/orders")
def list_orders(
    user: dict = Depends(get_current_user),  # want: FA503
    scoped: dict = Security(get_current_user, scopes=["orders"]),  # want: FA503
):
    return []


@app.post("/uploads/{folder}")
def upload(
    folder: str = Path(),  # want: FA503
    session_id: str = Cookie(),  # want: FA503
    attachment: UploadFile = File(),  # want: FA503
    title: str = Form(),  # want: FA503
    search: str | None = Query(default=None),  # want: FA503
    note: str = Body("none"),  # want: FA503
    retries: int = Header(default=3),  # want: FA503
):
    return {}


@router.get("/reports")
async def list_reports(
    offset: int,
    db: object = Depends(get_db),  # want: FA503
    limit: int = Query(10, le=100),  # want: FA503
):
    return []


@router.get("/reports/{report_id}")
async def read_report(*, report_id: int = Path(title="Report id"), q: str):  # want: FA503
    return {}


@router.api_route("/legacy", methods=["GET", "POST"])
async def legacy(db: object = fastapi_params.Depends(get_db)):  # want: FA503
    return {}


@app.websocket("/ws")
async def feed(websocket, token: str = Query(...)):  # want: FA503
    return None


auth_router = chained = APIRouter()


@chained.post("/token")
async def login(db: object = Depends(get_db)):  # want: FA503
    return {}


def create_app() -> FastAPI:
    factory_app = FastAPI()

    @factory_app.get("/ping")
    async def ping(db: object = Depends(get_db)):  # want: FA503
        return "pong"

    return factory_app


app.include_router(router)
