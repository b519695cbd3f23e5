from fastapi import APIRouter

from .history import *
from .status import *

router = APIRouter(prefix="/api/v1")
router.include_router(history_router)
router.include_router(status_router)
