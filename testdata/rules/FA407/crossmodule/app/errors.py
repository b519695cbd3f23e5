from fastapi import HTTPException


class AppError(HTTPException):
    pass


class NotFoundError(AppError):
    def __init__(self, detail: str = "not found"):
        super().__init__(status_code=404, detail=detail)


class Plain(Exception):
    pass
