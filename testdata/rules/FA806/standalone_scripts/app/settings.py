import os


class Settings:
    warehouse = os.environ.get("WAREHOUSE", "main")


def load():
    return Settings()


settings = load()
# Imported by the app: this runs in every worker at start-up.
print("warehouse:", settings.warehouse)  # want: FA806
