from http import HTTPStatus

from fastapi import APIRouter, FastAPI, Response, status
from fastapi.responses import JSONResponse

app = FastAPI()
router = APIRouter()


@router.get("/items/{item_id}")
async def get_item(item_id: int):
    item = await find_item(item_id)
    if item is None:
        return {"error": "Item not found"}  # want: FA401
    return item


@router.post("/orders")
def place_order(order: dict):
    try:
        submit(order)
    except Exception as e:
        return {"success": False, "error": str(e)}  # want: FA401
    return {"success": True}


@router.get("/users/{uid}")
def get_user(uid: int):
    if uid < 0:
        return {"status": "error", "code": "BAD_ID"}  # want: FA401
    if uid == 0:
        return {"detail": f"User {uid} does not exist"}  # want: FA401
    return {"id": uid}


@app.post("/login")
def login(form: dict):
    if not check_password(form):
        return {"message": "Invalid credentials"}  # want: FA401
    return {"access_token": "x"}


@app.delete("/files/{name}")
def delete_file(name: str):
    if not file_exists(name):
        return JSONResponse(content={"message": "File not found"})  # want: FA401
    if locked(name):
        return JSONResponse({"errors": ["locked"]}, status_code=status.HTTP_200_OK)  # want: FA401
    return {"deleted": name}


@app.put("/things/{tid}", status_code=HTTPStatus.ACCEPTED)
def update_thing(tid: int):
    return (
        {"ok": False, "reason": "busy"}  # want: FA401
        if tid
        else {"message": "Unauthorized"}  # want: FA401
    )


@app.get("/flask-style")
def flask_style():
    return {"error": "Forbidden"}, 403  # want: FA401


@app.get("/explicit-ok")
def explicit_ok(response: Response):
    response.status_code = 200
    return {"status": "failed"}  # want: FA401


@app.post("/payments")
async def pay(body: dict):
    try:
        await charge(body)
    except PaymentError as exc:
        return {"errors": exc.errors()}  # want: FA401
    return {"paid": True}


@app.get("/sync/{job}")
def sync_job(job: str):
    return {"message": "Sync failed: upstream timeout"}  # want: FA401


@app.get("/exists/{name}")
def check_name(name: str):
    return {"msg": "A user with this email already exists"}  # want: FA401
