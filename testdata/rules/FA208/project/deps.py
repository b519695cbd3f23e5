from jose import jwt


def user_from_token(token: str):
    return jwt.get_unverified_claims(token)  # want: FA208
