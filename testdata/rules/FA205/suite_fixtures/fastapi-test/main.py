from fastapi import FastAPI

app = FastAPI()
# A project folder named like a test suite still holds an app: audited.
users = {"admin": "adm1n-pass-4410"}  # want: FA205


@app.get("/health")
def health():
    return {"ok": True}
