from fastapi import APIRouter, Depends, Header

router = APIRouter()


def current_user(authorization: str = Header()):
    assert authorization.startswith("Bearer "), "bad token"  # want: FA809
    return authorization[7:]


def require_admin(user=Depends(current_user)):
    assert user is not None  # want: FA809
    return user


@router.delete("/posts/{post_id}", dependencies=[Depends(require_admin)])
async def delete_post(post_id: int, user: str = Depends(current_user)):
    post = {"owner": "x"}
    assert post["owner"] == user, "not your post"  # want: FA809
    assert isinstance(post_id, int)  # want: FA809
    return post


def transfer(amount: int):
    assert amount > 0  # want: FA809
    return amount


class Service:
    def charge(self, amount):
        assert amount <= 10_000, "limit"  # want: FA809


class Mailer:
    host = None

    def send(self):
        assert self.host, "SMTP host not configured"  # want: FA809
