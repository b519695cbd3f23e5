from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request, Security
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel, Field

from somewhere import make_checker, unknown_dependency

app = FastAPI()
router = APIRouter(prefix="/orgs/{org_id}")
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
API_PREFIX = "/v1"


@app.get("/orders/{order_id}")
async def get_order(order_id: int, query: str = ""):
    return {"order_id": order_id}


@app.get("/catalog/sku-{sku}")
async def get_product(sku: str):
    return {"sku": sku}


@app.get("/files/{file_path:path}")
async def read_file(file_path: str):
    return {"file_path": file_path}


@app.get("/authors/{author}/{book:path}")
async def read_book(*, author: str, book: str):
    return {"author": author, "book": book}


@app.get("/writers/{name}/{book}")
async def read_by_alias(*, author: Annotated[str, Path(alias="name")], book: str):
    return {"author": author, "book": book}


@app.get("/validated/{v_alias}")
async def read_validation_alias(v: Annotated[str, Path(alias="other", validation_alias="v_alias")]):
    return {"v": v}


@app.get("/legacy/{item_id}")
async def read_legacy(item_id: int = Path(..., ge=1)):
    return {"item_id": item_id}


# Dependencies that read the path parameter, directly or through another dependency.
def load_board(board_id: int):
    return board_id


def load_post(post_id: int, board=Depends(load_board)):
    return post_id, board


@app.get("/boards/{board_id}/posts/{post_id}")
async def read_post(post=Depends(load_post)):
    return post


@app.get("/boards/{board_id}")
async def read_board(board: Annotated[int, Depends(load_board)]):
    return board


class TagParams(BaseModel):
    tag: str
    page: int = 1


class LabelParams:
    def __init__(self, label: str):
        self.label = label


class ColorFilter:
    def __call__(self, color: str):
        return color


class AliasParams(BaseModel):
    shade: str = Field(alias="hue")


@app.get("/tags/{tag}")
async def list_tag(params: Annotated[TagParams, Depends()]):
    return params


@app.get("/labels/{label}")
async def list_label(params: LabelParams = Depends()):
    return params


@app.get("/colors/{color}")
async def list_color(flt: Annotated[str, Depends(ColorFilter())]):
    return flt


@app.get("/hues/{hue}")
async def list_hue(params: Annotated[AliasParams, Depends()]):
    return params


# Decorator-level dependencies consume path parameters too (ruff misses them).
@app.delete("/projects/{project_id}", dependencies=[Depends(load_board), Security(load_post)])
async def delete_project(project_id: int):
    return None


@app.get("/archive/{board_id}/{post_id}", dependencies=[Depends(load_post)])
async def read_archive():
    return {}


# Dependencies we cannot inspect: silent.
@app.get("/things/{thing_id}")
async def read_thing(other: str = Depends(unknown_dependency)):
    return other


@app.get("/gadgets/{gadget_id}")
async def read_gadget(checker=Depends(make_checker("admin"))):
    return checker


@app.get("/widgets/{widget_id}")
async def read_widget(other: Annotated[str, Depends(lambda widget_id: widget_id)]):
    return other


# Security schemes read no path parameter, but do not hide one either.
async def current_user(token: str = Depends(oauth2_scheme)):
    return token


@app.get("/me/{section}")
async def read_me(section: str, user=Depends(current_user)):
    return user


# The router prefix holds {org_id}: the handler and its Path() parameter agree.
@router.get("/members/{member_id}")
async def read_member(org_id: Annotated[int, Path()], member_id: int):
    return {"org_id": org_id, "member_id": member_id}


@router.get("/billing", dependencies=[Depends(lambda org_id: org_id)])
async def read_billing():
    return {}


# Not literal paths, not Starlette parameters.
@app.get(API_PREFIX + "/{version}")
async def read_version():
    return {}


@app.get(f"{API_PREFIX}/status/{{code}}")
async def read_status():
    return {}


@app.get("/odd/{thing-id}")
async def read_odd():
    return {}


@app.get("/spaced/{ thing_id }")
async def read_spaced():
    return {}


# The Request is handed on (a gateway), or something reads request.path_params.
async def forward(request: Request):
    return request.url.path


@app.get("/proxy/{service}/{rest:path}")
async def proxy(request: Request):
    return await forward(request)


@app.middleware("http")
async def tenant_middleware(request: Request, call_next):
    tenant = request.path_params.get("tenant")
    return await call_next(request)


@app.get("/{tenant}/dashboard")
async def dashboard():
    return {}


def load_anything(request: Request):
    return dict(request.path_params)


@app.get("/generic/{anything}")
async def generic(values=Depends(load_anything)):
    return values


# A class-based view: a library injects the class's own dependencies.
class ItemView:
    @router.get("/views/{view_id}")
    def get(self):
        return {}


# Not routes.
def helper(path="/users/{user_id}"):
    return path


@app.middleware("http")
async def add_header(request, call_next):
    return await call_next(request)


app.include_router(router)
