from fastapi import APIRouter, FastAPI


class UserAPIRouter(APIRouter):
    """A custom router: its prefix handling is not modelled."""


app = FastAPI()
groups = UserAPIRouter(prefix="/groups")
households = UserAPIRouter(prefix="/households")


@groups.get("/self")
def group_self():
    return {}


@households.get("/self")
def household_self():
    return {}


# The same variable bound twice: the first router is never included.
router = APIRouter(prefix="/candidates")


@router.get("")
def old_list():
    return []


router = APIRouter(prefix="/candidates")


@router.get("")
def new_list():
    return []


app.include_router(groups, prefix="/api")
app.include_router(households, prefix="/api")
app.include_router(router)
