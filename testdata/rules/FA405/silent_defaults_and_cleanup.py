from fastapi import FastAPI, Request, Response

app = FastAPI()


def sniff(sample):
    return sample


@app.post("/columns")
def classify_columns(columns: dict[str, list[str]]):
    # Per-column probe: a column that fails to parse is simply not numeric.
    numeric = []
    for name, values in columns.items():
        try:
            parsed = [float(v) for v in values]
            ratio = len(parsed) / max(len(values), 1)
            if ratio > 0.9:
                numeric.append(name)
        except Exception:
            continue
    return {"numeric": numeric}


@app.get("/region")
def region(request: Request):
    # The temporaries live only in the try; the default is set before it.
    region_name = "default"
    try:
        header = request.headers["x-region"]
        cleaned = sniff(header).strip()
        if cleaned:
            region_name = cleaned
    except Exception:
        pass
    return {"region": region_name}


@app.post("/signout")
def signout(response: Response):
    try:
        response.delete_cookie("session")
        response.delete_cookie("refresh", path="/auth")
    except Exception:
        pass
    return {"signed_out": True}
