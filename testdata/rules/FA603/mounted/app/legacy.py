from fastapi import FastAPI

legacy_app = FastAPI()
