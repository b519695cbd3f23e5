from fastapi import FastAPI

from app.sub import sub_app

app = FastAPI(title="Shop", version="1.0.0")
app.mount("/sub", sub_app)
