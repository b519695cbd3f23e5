from fastapi import Depends, FastAPI

from deps import user_from_token

app = FastAPI()


@app.get("/me")
def me(user=Depends(user_from_token)):
    return user
