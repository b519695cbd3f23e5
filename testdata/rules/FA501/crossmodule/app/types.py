from typing import Annotated, Any, Dict

from fastapi import Body, Depends, Query

JSONBody = Annotated[dict, Body()]
SearchTerm = Annotated[str, Query(max_length=50)]
Payload = Dict[str, Any]


def get_db():
    yield None


DBDep = Annotated[dict, Depends(get_db)]
