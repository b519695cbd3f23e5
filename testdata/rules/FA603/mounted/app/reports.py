from fastapi import FastAPI

# Imported by main but never mounted: it is an app of its own.
reports_app = FastAPI()  # want: FA603
