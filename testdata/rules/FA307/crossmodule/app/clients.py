import httpx

http = httpx.AsyncClient(timeout=10)


async def fetch_weather(city: str) -> dict:
    r = await http.get("https://weather.example.com", params={"q": city})
    return r.json()


async def save_city(city: str) -> None:
    print(city)
