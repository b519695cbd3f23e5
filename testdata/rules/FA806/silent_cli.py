import typer

cli = typer.Typer()


@cli.command()
def create_user(email: str):
    print(f"created {email}")
