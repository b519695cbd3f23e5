import uuid

from fastapi import FastAPI

app = FastAPI()
_step_guards: dict[str, dict] = {}


class LeaderLease:
    def __init__(self, redis):
        self.redis = redis

    async def acquire(self, lock_key: str, owner_token: str, ttl: int) -> bool:
        if await self.redis.set(lock_key, owner_token, nx=True, ex=ttl):
            return True
        current_holder = await self.redis.get(lock_key)
        # The process compares the random value it wrote itself: no caller
        # guesses it, so timing reveals nothing.
        return current_holder == owner_token


def release_step(sequence_id: str, guard_token: str) -> None:
    entry = _step_guards.get(sequence_id)
    if entry and entry.get("token") == guard_token:
        _step_guards.pop(sequence_id, None)


def start_step(sequence_id: str) -> str:
    guard_token = uuid.uuid4().hex
    _step_guards[sequence_id] = {"token": guard_token}
    return guard_token


@app.post("/steps/{sequence_id}")
async def run_step(sequence_id: str):
    release_step(sequence_id, start_step(sequence_id))
    return {}
