from fastapi import FastAPI

sub_app = FastAPI()
