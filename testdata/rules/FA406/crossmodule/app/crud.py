from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Item


async def get_item(db: AsyncSession, item_id: int) -> Item | None:
    return await db.get(Item, item_id)


async def get_item_strict(db: AsyncSession, item_id: int) -> Item:
    return (await db.execute(select(Item).where(Item.id == item_id))).scalar_one()


class ItemRepo:
    async def find(self, db: AsyncSession, item_id: int) -> "Item | None":
        return await db.get(Item, item_id)

    def by_title(self, db, title: str) -> Item | None:
        return None


repo = ItemRepo()
