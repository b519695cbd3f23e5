async def record(event: str) -> None:
    print(event)


def record_sync(event: str) -> None:
    print(event)
