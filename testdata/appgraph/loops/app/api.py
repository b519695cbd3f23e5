from fastapi import APIRouter

from app.features.invoices.router import router as invoices_router
from app.features.plans.router import router as plans_router
from app.features.users import router as users_router

billing_router = APIRouter(prefix="/billing", tags=["billing"])
for feature_router in (plans_router, invoices_router):
    billing_router.include_router(feature_router)

api_router = APIRouter(prefix="/api")
api_router.include_router(users_router)
api_router.include_router(billing_router)
