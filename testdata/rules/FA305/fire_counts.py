from fastapi import Depends, FastAPI
from sqlalchemy import Column, ForeignKey, Integer, String, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()
app = FastAPI()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    team_id = Column(Integer, ForeignKey("teams.id"))


def get_db() -> Session:
    ...


async def get_async_db() -> AsyncSession:
    ...


@app.get("/stats")
def stats(db: Session = Depends(get_db)):
    return {"users": len(db.query(User).all())}  # want: FA305


@app.get("/team-stats/{team_id}")
def team_stats(team_id: int, db: Session = Depends(get_db)):
    members = db.query(User).filter(User.team_id == team_id).all()
    return {"members": len(members)}  # want: FA305


@app.get("/async-stats")
async def async_stats(db: AsyncSession = Depends(get_async_db)):
    n = len((await db.execute(select(User))).scalars().all())  # want: FA305
    result = await db.execute(select(User).where(User.name.is_not(None)))
    named = result.scalars().all()
    return {"users": n, "named": len(named)}  # want: FA305


@app.get("/raw-stats")
def raw_stats(db: Session = Depends(get_db)):
    rows = db.execute(text("select * from users")).all()
    return {"users": len(rows)}  # want: FA305


@app.get("/list-stats")
def list_stats(db: Session = Depends(get_db)):
    return {"users": len(list(db.scalars(select(User))))}  # want: FA305


@app.delete("/teams/{team_id}")
def delete_team(team_id: int, db: Session = Depends(get_db)):
    members = db.query(User).filter(User.team_id == team_id).all()
    if len(members) > 0:  # want: FA305
        return {"error": "team not empty"}
    return {"ok": True}
