# "latest" is no test-suite directory: only a whole word counts.
def connect(user: str = "svc", password: str = "svc-pass-5512"):  # want: FA205
    return user, password
