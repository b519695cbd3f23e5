import redis
import uvicorn
from celery import Celery
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine
from starlette.middleware import Middleware

DATABASE_URL = "postgresql://db.internal:5432/app"  # want: FA808
SQLALCHEMY_DATABASE_URL = "sqlite:///./sql_app.db"  # want: FA808
REDIS_URL = "redis://localhost:6379/0"  # want: FA808
AUTH_SERVICE_URL = "http://localhost:8001"  # want: FA808
EXCHANGE_API_URL = "https://api.exchangerate.host/latest"  # want: FA808
REDIS_HOST = "127.0.0.1"  # want: FA808
REDIS_PORT = 6379  # want: FA808
ALLOWED_ORIGINS = ["http://localhost:3000", "https://app.example.com"]  # want: FA808

engine = create_engine(DATABASE_URL)
async_engine = create_async_engine("postgresql+asyncpg://localhost/app")  # want: FA808
cache = redis.Redis(host="localhost", port=6379)  # want: FA808 FA808
queue = redis.from_url("redis://localhost:6379/1")  # want: FA808
celery_app = Celery("worker", broker="amqp://rabbitmq.internal//")  # want: FA808

origins = [  # want: FA808
    "http://localhost:5173",
]

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=origins)
app.add_middleware(
    CORSMiddleware,
    allow_origins=["http://127.0.0.1:3000"],  # want: FA808
    allow_methods=["*"],
)
middleware = [Middleware(CORSMiddleware, allow_origins=("http://localhost:8080",))]  # want: FA808


class Config:
    DATABASE_URL = "mysql://localhost/app"  # want: FA808
    BROKER_URL = "redis://localhost:6379/2"  # want: FA808


def serve():
    uvicorn.run(app, host="0.0.0.0", port=8000)  # want: FA808 FA808

TRUSTED_HOSTS = ["127.0.0.1", "10.0.0.5"]  # want: FA808
