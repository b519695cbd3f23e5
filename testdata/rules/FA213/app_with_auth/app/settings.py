import os

SECRET_KEY = os.environ["SECRET_KEY"]
WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"]
