from app.base import AppModel, LegacyModel


class UserCreate(AppModel):
    email: str


class UserOut(AppModel):
    id: int

    class Config:
        orm_mode = True  # want: FA507


class LegacyOut(LegacyModel):
    id: int

    class Config:
        orm_mode = True
