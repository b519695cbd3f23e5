from .events import router as history_router
