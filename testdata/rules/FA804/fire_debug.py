import uvicorn
from fastapi import FastAPI
from starlette.applications import Starlette
from uvicorn import run as serve

app = FastAPI(title="shop", debug=True)  # want: FA804
inner = Starlette(debug=True)  # want: FA804
app.debug = True  # want: FA804


def dev():
    uvicorn.run("app.main:app", host="0.0.0.0", reload=True)  # want: FA804


def legacy():
    serve(app, debug=True)  # want: FA804


config = uvicorn.Config("app.main:app", reload=True)  # want: FA804

uvicorn.run(app, reload=True)  # want: FA804

if app.title == "production":
    prod_app = FastAPI(debug=True)  # want: FA804
