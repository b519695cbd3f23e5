from fastapi import APIRouter, FastAPI

# An app with no routes is not reported.
empty = FastAPI()

# A health route on the app itself.
direct = FastAPI()


@direct.get("/items")
async def items():
    return []


@direct.get("/healthz", include_in_schema=False)
async def healthz():
    return {"ok": True}


# A health route added with add_api_route.
added = FastAPI()


@added.get("/users")
async def users():
    return []


async def ping():
    return "pong"


added.add_api_route("/ping", ping)

# A health check mounted as a sub-application.
mounted = FastAPI()
health_app = FastAPI()


@mounted.get("/orders")
async def orders():
    return []


mounted.mount("/health", health_app)

# A project sub-application that has its own health route.
outer = FastAPI()
api = FastAPI()


@outer.get("/")
async def root():
    return {}


@api.get("/readyz")
async def ready():
    return {}


outer.mount("/api", api)

# A router included under a health prefix.
probes = APIRouter()


@probes.get("/live")
async def live():
    return {}


prefixed = FastAPI()


@prefixed.get("/books")
async def books():
    return []


prefixed.include_router(probes, prefix="/-")
