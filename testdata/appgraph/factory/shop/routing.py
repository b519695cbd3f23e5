from fastapi import APIRouter as _APIRouter


class APIRouter(_APIRouter):
    """Project router with shared defaults (a common pattern)."""


class AdminRouter(_APIRouter):
    pass
