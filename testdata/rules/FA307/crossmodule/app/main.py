from fastapi import FastAPI

from app.clients import fetch_weather, save_city

app = FastAPI()


@app.get("/weather")
async def weather(cities: list[str]):
    out = {}
    for city in cities:
        out[city] = await fetch_weather(city)  # want: FA307
        await save_city(city)
    return out
