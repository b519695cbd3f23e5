from fastapi import FastAPI

from app.direct import direct_lifespan

second = FastAPI(lifespan=direct_lifespan)
