import os

from pydantic_settings import BaseSettings
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine

DATABASE_URL = "postgresql://app:s3cr3t@db.internal:5432/app"  # want: FA201
engine = create_async_engine("postgresql+asyncpg://app:pw@localhost/app")  # want: FA201
REDIS_URL = "redis://:r3dis@cache:6379/0"  # want: FA201
CELERY_BROKER = "amqp://guest:guest@rabbit//"  # want: FA201
MONGO = "mongodb+srv://admin:mongo-pass@cluster0.example.net/db"  # want: FA201
# SQLAlchemy driver names may hold underscores.
ORACLE_URL = f"oracle+cx_oracle://hr:hr-pass-2025@10.0.4.7:1521/hrfree"  # want: FA201


def connect(host: str):
    return create_engine(f"mysql+pymysql://root:rootpw@{host}/shop")  # want: FA201


STRIPE = "sk_live_51H8d9fK2eZvKYlo2C0a1b2c3d4e5f6"  # want: FA201
AWS_ID = "AKIAQWERTYUIOPASDFGH"  # want: FA201
GH = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"  # want: FA201
SLACK = {"bot": "xoxb-123456789012-abcdefghijkl"}  # want: FA201

PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----"  # want: FA201

# Fallbacks and settings defaults of non-secret names: FA202 leaves them to FA201.
BROKER_URL = os.getenv("BROKER_URL", "amqp://app:rabbitpw@mq:5672//")  # want: FA201
CACHE_URL = os.environ.get("CACHE_URL") or "redis://:cachepw@cache:6379/0"  # want: FA201


class Settings(BaseSettings):
    DATABASE_URL: str = "postgresql://app:settingspw@db/app"  # want: FA201
    billing: str = "sk_live_51H8d9fK2eZvKYlo2C0a1b2c3d4e5f6"  # want: FA201
