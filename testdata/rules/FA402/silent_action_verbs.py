from fastapi import APIRouter

router = APIRouter()


class Trainer:
    def create_report(self, runs):
        return {"runs": runs}


trainer = Trainer()


class Members:
    async def add_role(self, user_id, role):
        return (user_id, role)


members = Members()


@router.post("/forecast-train-models")
async def train_models(runs: list[str]):
    # A command that fits models; the report it builds is not a new resource.
    return trainer.create_report(runs)


@router.post("/roles/assign")
async def assign_role(user_id: int, role: str):
    await members.add_role(user_id, role)
    return {"assigned": role}
