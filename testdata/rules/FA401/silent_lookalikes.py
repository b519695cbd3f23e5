from http import HTTPStatus

import stripe
from fastapi import APIRouter, FastAPI, HTTPException, Request, Response, status
from fastapi.responses import JSONResponse

app = FastAPI()
router = APIRouter()
NOT_FOUND = 404


# Exception handlers are not path operations.
@app.exception_handler(ValueError)
async def value_error_handler(request, exc):
    return JSONResponse(status_code=400, content={"error": str(exc)})


@app.exception_handler(KeyError)
async def key_error_handler(request, exc):
    return {"error": "missing key"}


# Helpers are not path operations either.
def not_found_body(name):
    return {"error": f"{name} not found"}


@router.delete("/users/{uid}")
def delete_user(uid: int):
    return {"message": "User deleted successfully"}


@router.get("/check")
def check():
    return {"error": None, "data": 1}


@router.post("/bulk")
def bulk():
    return {"errors": [], "created": 3}


@router.get("/flags")
def flags():
    return {"error": False, "warning": ""}


@router.get("/a/{item_id}")
def raise_instead(item_id: int):
    raise HTTPException(status_code=404, detail="Item not found")


@router.get("/b/{item_id}")
def json_response_404(item_id: int):
    return JSONResponse(status_code=404, content={"error": "Item not found"})


@router.get("/b2/{item_id}")
def json_response_constant(item_id: int):
    return JSONResponse({"error": "Item not found"}, status.HTTP_404_NOT_FOUND)


@router.get("/c/{item_id}")
def response_param(item_id: int, response: Response):
    if item_id < 0:
        response.status_code = status.HTTP_404_NOT_FOUND
        return {"error": "not found"}
    return {"id": item_id}


@router.get("/d/{item_id}", status_code=404)
def route_status_404(item_id: int):
    return {"detail": "Not found"}


@router.get("/d2", status_code=NOT_FOUND)
def route_status_constant():
    return {"detail": "Not found"}


@router.get("/d3", status_code=HTTPStatus.BAD_REQUEST)
def route_status_httpstatus():
    return {"error": "Invalid input"}


@router.get("/e")
def unknown_status(response: Response, code: int):
    response.status_code = code
    return {"error": "something went wrong"}


@router.get("/f")
def explicit_success():
    return {"success": True, "message": "Invalid rows were skipped"}


@router.get("/g")
def no_errors():
    return {"message": "Imported with no errors"}


@router.post("/h")
def runtime_errors(rows: list):
    errors = validate(rows)
    return {"errors": errors}


@router.get("/i")
def health():
    return {"status": "ok"}


@router.get("/j")
def nested_helper():
    def fallback():
        return {"error": "not found"}

    return {"items": [], "fallback": fallback}


@router.get("/k")
def unknown_response_status(code: int):
    return JSONResponse(content={"error": "Item not found"}, status_code=code)


@router.websocket("/ws")
async def ws(websocket):
    return {"error": "closed"}


@router.get("/l")
def stored_error_body():
    body = {"error": "not found"}
    return body


@router.get("/m")
def message_ok():
    return {"message": "Item found", "detail": "Everything is fine"}


@router.post("/logs/clear")
def clear_logs():
    return {"message": "Error log cleared successfully"}


@router.get("/status-flag")
def status_flag(failed: bool):
    return {"status": "error" if failed else "ok"}


@router.get("/search")
def search(q: str):
    return {"message": "No results found", "items": []}


@router.post("/billing")
async def stripe_events(request: Request):
    event = stripe.Webhook.construct_event(await request.body(), request.headers["stripe-signature"], SECRET)
    if event["type"] not in HANDLED:
        return {"success": False}
    return {"success": True}


@router.post("/hooks/github")
async def github_push(payload: dict):
    return {"status": "ignored", "error": "unsupported event"}
