from app.database import SessionLocal


class BaseRepo:
    def persist(self, obj: dict) -> None:
        with SessionLocal() as db:
            db.add(obj)
            db.commit()

    def label(self) -> str:
        return type(self).__name__


class TeamRepo(BaseRepo):
    def create(self, name: str) -> None:
        self.persist({"name": name})


async def create_team_record(name: str) -> None:
    repo = TeamRepo()
    repo.create(name)  # want: FA105
    repo.label()
