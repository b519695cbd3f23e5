from fastapi import APIRouter, FastAPI, Response, status
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, StreamingResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

app = FastAPI()
router = APIRouter()
templates = Jinja2Templates(directory="templates")


class ItemOut(BaseModel):
    name: str


def export_csv():
    return StreamingResponse(iter(["a,b\n"]), media_type="text/csv")


@app.get("/annotated")
async def annotated() -> ItemOut:
    return ItemOut(name="x")


@app.get("/model", response_model=ItemOut)
async def with_model():
    return {"name": "x"}


@app.get("/none", response_model=None)
async def explicit_none():
    return {"name": "x"}


@app.get("/json")
async def json_response():
    return JSONResponse({"ok": True})


@app.get("/stream")
async def stream():
    return StreamingResponse(iter([b"x"]))


@app.get("/file")
async def file():
    return FileResponse("report.pdf")


@app.get("/redirect")
async def redirect():
    return RedirectResponse("/new")


@app.get("/page")
async def page(request):
    return templates.TemplateResponse("index.html", {"request": request})


@app.get("/built")
async def built():
    response = Response(content="x", media_type="text/plain")
    response.headers["X-Thing"] = "1"
    return response


@app.get("/export")
async def export():
    return export_csv()


@app.get("/html", response_class=HTMLResponse)
async def html():
    return "<p>hi</p>"


@app.delete("/items/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_item(item_id: int):
    return None


@app.delete("/things/{thing_id}", status_code=204)
async def delete_thing(thing_id: int):
    return {"deleted": thing_id}


@app.get("/old", status_code=301)
async def moved():
    return {"location": "/new"}


@app.get("/internal", include_in_schema=False)
async def internal():
    return {"debug": True}


@router.post("/fire-and-forget")
async def fire_and_forget():
    pass


@app.websocket("/ws")
async def ws(websocket):
    return None


def not_a_route():
    return {"x": 1}


app.include_router(router)
