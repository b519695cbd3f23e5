def check(user, body) -> bool:
    return user.password == body.password  # want: FA204
