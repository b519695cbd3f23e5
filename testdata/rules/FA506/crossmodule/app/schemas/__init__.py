from .user import UserCreate, UserOut, UserUpdate

__all__ = ["UserCreate", "UserOut", "UserUpdate"]
