import os

from fastapi import FastAPI
from fastapi.middleware import Middleware
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware.cors import CORSMiddleware as StarletteCORS

ORIGINS = ["https://app.example.com", "*"]
CREDENTIALS = True

app = FastAPI()
app.add_middleware(  # want: FA210
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)
app.add_middleware(StarletteCORS, allow_origins=ORIGINS, allow_credentials=CREDENTIALS)  # want: FA210
app.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)  # want: FA210
app.add_middleware(CORSMiddleware, allow_origin_regex=r"https?://.*", allow_credentials=True)  # want: FA210
app.add_middleware(CORSMiddleware, allow_origins=os.getenv("CORS_ORIGINS", "*").split(","), allow_credentials=True)  # want: FA210

other = FastAPI(middleware=[Middleware(CORSMiddleware, allow_origins=("*",), allow_credentials=True)])  # want: FA210


def build():
    inner = FastAPI()
    return CORSMiddleware(inner, allow_origins="*", allow_credentials=True)  # want: FA210
