import ast
import json
import pickle

import yaml
from fastapi import APIRouter, Request

router = APIRouter()

with open("model.pkl", "rb") as f:
    MODEL = pickle.load(f)

CONSTANT = eval("1 + 2")
DEFAULTS = yaml.load("a: 1")


def load_model(path: str):
    with open(path, "rb") as fh:
        return pickle.load(fh)


@router.post("/import")
async def import_config(request: Request):
    data = await request.body()
    config = yaml.safe_load(data)
    strict = yaml.load(data, Loader=yaml.SafeLoader)
    fast = yaml.load(data, Loader=yaml.CSafeLoader)
    parsed = json.loads(data)
    literal = ast.literal_eval(data.decode())
    dumped = pickle.dumps(parsed)
    return {"c": config, "s": strict, "f": fast, "p": parsed, "l": literal, "d": len(dumped)}


@router.get("/custom")
def custom(data: str, loader):
    return yaml.load(data, Loader=loader)


def shadowed(text: str):
    def eval(x):
        return x

    return eval(text)
