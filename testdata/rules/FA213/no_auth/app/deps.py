from fastapi import Request


def get_current_user(request: Request):
    # Only a name: no scheme, no token check. Names alone do not make an app "authenticated".
    return request.query_params.get("user", "anonymous")
