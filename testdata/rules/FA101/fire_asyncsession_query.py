from sqlalchemy.ext.asyncio import AsyncSession


async def legacy(session: AsyncSession):
    return session.query(User).all()  # want: FA101
