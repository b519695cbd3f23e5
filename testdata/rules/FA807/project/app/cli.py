import asyncio

import typer

from app.db import reset_db

cli = typer.Typer()


@cli.command()
def reset():
    asyncio.run(reset_db())
