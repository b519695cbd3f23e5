import redis
import requests

redis_client = redis.Redis.from_url("redis://localhost:6379/0")
http = requests.Session()


def get_redis():
    yield redis_client


def get_async_redis():
    import redis.asyncio as aioredis

    yield aioredis.Redis()
