from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

AsyncSessionLocal = async_sessionmaker()
router = APIRouter()


async def get_session():
    async with AsyncSessionLocal() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


@router.get("/orders")
async def list_orders(session: SessionDep):
    orders = (await session.execute(select(Order))).scalars().all()
    for order in orders:
        order.customer = await session.get(Customer, order.customer_id)  # want: FA301
    return orders


@router.get("/users")
async def list_users(ids: list[int], session: AsyncSession = Depends(get_session)):
    users = []
    for i in ids:
        result = await session.execute(select(User).where(User.id == i))  # want: FA301
        users.append(result.scalar_one_or_none())
    return users


async def stream_rows(session: AsyncSession, source):
    async for row in source:
        (await session.scalars(select(Tag).where(Tag.name == row["tag"]))).first()  # want: FA301


async def generator(session: AsyncSession, names):
    return [await session.scalar(select(Tag).where(Tag.name == n)) for n in names]  # want: FA301
