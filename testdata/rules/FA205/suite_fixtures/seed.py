SEED_USERS = [{"username": "ops", "password": "ops-pass-7731"}]  # want: FA205
