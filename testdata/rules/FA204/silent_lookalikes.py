import bcrypt
from fastapi import APIRouter, HTTPException
from passlib.context import CryptContext
from pydantic import BaseModel, model_validator

router = APIRouter()
pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")


class Register(BaseModel):
    username: str
    password: str
    confirm_password: str
    new_password: str
    old_password: str

    @model_validator(mode="after")
    def passwords_match(self):
        if self.password != self.confirm_password:
            raise ValueError("passwords do not match")
        if self.new_password == self.old_password:
            raise ValueError("new password must differ")
        return self


def verify_password(plain: str, hashed: str) -> bool:
    return pwd_context.verify(plain, hashed)


@router.post("/register")
def register(body: Register):
    if body.password == body.username:
        raise HTTPException(status_code=400, detail="password must not equal the user name")
    if len(body.password) < 8:
        raise HTTPException(status_code=400)
    if len(body.password) == 0:
        raise HTTPException(status_code=400)
    return {}


@router.post("/register2")
def register2(username: str, password: str, password2: str, repeat_password: str):
    if password != password2 or password != repeat_password:
        raise HTTPException(status_code=400)
    if password == username:
        raise HTTPException(status_code=400)
    return {}


@router.post("/rotate")
def rotate(new_password: str, current_password: str):
    if new_password == current_password:
        raise HTTPException(status_code=400)
    return {}


def login(user, password: str, email: str):
    if user.password_hash == None:
        return False
    if user.hashed_password is None:
        return False
    if password == "":
        return False
    if password == email:
        return False
    if verify_password(password, user.hashed_password) == True:
        return True
    if bcrypt.checkpw(password.encode(), user.hashed_password) == True:
        return True
    if user.password_algorithm == "bcrypt":
        return True
    if user.password_reset_token == password:
        return True
    if type(password) == str:
        return True
    return pwd_context.verify(password, user.hashed_password)


def literal_compare(form):
    # a literal password is FA205's business (with a user-name check)
    return form.password == "admin123"


def field_names(field: str) -> bool:
    return field == "password"


class Credentials:
    def __init__(self, username: str, password: str):
        self.username = username
        self.password = password

    def __eq__(self, other):
        return self.username == other.username and self.password == other.password
