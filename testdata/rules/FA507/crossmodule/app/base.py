from pydantic import BaseModel
from pydantic.v1 import BaseModel as V1BaseModel


class AppModel(BaseModel):
    pass


class LegacyModel(V1BaseModel):
    pass
