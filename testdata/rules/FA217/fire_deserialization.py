import base64
import marshal
import pickle
import pickle as pk

import dill
import jsonpickle
import yaml
from fastapi import APIRouter, Request, UploadFile

router = APIRouter()


@router.post("/restore")
async def restore(request: Request):
    body = await request.body()
    obj = pickle.loads(body)  # want: FA217
    other = pk.loads(base64.b64decode(body))  # want: FA217
    return {"obj": str(obj), "other": str(other)}


@router.post("/import")
async def import_config(file: UploadFile):
    data = await file.read()
    config = yaml.load(data, Loader=yaml.Loader)  # want: FA217
    legacy = yaml.load(data)  # want: FA217
    full = yaml.load(data, yaml.FullLoader)  # want: FA217
    raw = yaml.unsafe_load(data)  # want: FA217
    return {"c": config, "l": legacy, "f": full, "r": raw}


@router.get("/calc")
def calc(expr: str):
    result = eval(expr)  # want: FA217
    exec("print(1)")  # want: FA217
    return {"result": result}


@router.post("/misc")
def misc(payload: str):
    def decode():
        return jsonpickle.decode(payload)  # want: FA217

    with open("model.pkl", "rb") as f:
        model = pickle.load(f)  # want: FA217
    return {"a": marshal.loads(payload.encode()), "b": dill.loads(payload.encode()), "c": decode(), "m": model}  # want: FA217 FA217


def from_cache(redis, key: str):
    return pickle.loads(redis.get(key))  # want: FA217


def compute(formula: str):
    return eval(formula)  # want: FA217
