import asyncio

import stripe
from fastapi import APIRouter, BackgroundTasks, Depends, Request, Response, status
from fastapi.responses import JSONResponse, RedirectResponse
from openai import OpenAI
from sqlalchemy.orm import Session

from app import crud
from app.security import create_access_token, create_refresh_token

router = APIRouter()
client = OpenAI()
common = {"tags": ["items"]}


@router.post("/users", status_code=201)
def create_user(user: UserIn, db: Session = Depends(get_db)):
    db.add(User(**user.model_dump()))
    db.commit()


@router.post("/users/v2", status_code=status.HTTP_201_CREATED)
def create_user_v2(user: UserIn, db: Session = Depends(get_db)):
    return crud.create_user(db, user)


@router.post("/users/v3", status_code=200)
def create_user_v3(user: UserIn, db: Session = Depends(get_db)):
    return crud.create_user(db, user)


@router.post("/login")
def login(form: LoginForm, db: Session = Depends(get_db)):
    user = crud.authenticate(db, form.username, form.password)
    return {"access_token": create_access_token(user.id), "token_type": "bearer"}


@router.post("/token")
def issue_token(form: LoginForm):
    return {"access_token": create_access_token(form.username)}


@router.post("/auth/refresh")
def refresh(token: str):
    return {"refresh_token": create_refresh_token(token)}


@router.post("/logout")
def logout(token: str, db: Session = Depends(get_db)):
    db.add(RevokedToken(token=token))
    db.commit()


@router.post("/search")
def search_items(q: SearchQuery, db: Session = Depends(get_db)):
    return db.query(Item).filter(Item.name.contains(q.text)).all()


@router.post("/verify-email")
def verify_email(code: str, db: Session = Depends(get_db)):
    crud.mark_verified(db, code)


@router.post("/items/json")
def create_with_response(item: ItemIn, db: Session = Depends(get_db)):
    db.add(Item(**item.model_dump()))
    db.commit()
    return JSONResponse(status_code=201, content={"ok": True})


@router.post("/items/form")
def create_from_form(item: ItemIn, db: Session = Depends(get_db)):
    db.add(Item(**item.model_dump()))
    db.commit()
    return RedirectResponse("/items", status_code=303)


@router.post("/items/param")
def create_with_param(item: ItemIn, response: Response, db: Session = Depends(get_db)):
    db.add(Item(**item.model_dump()))
    db.commit()
    response.status_code = 201
    return item


@router.post("/items/prg", response_class=RedirectResponse)
def create_then_redirect(item: ItemIn, db: Session = Depends(get_db)):
    crud.create_item(db, item)
    return "/items"


@router.post("/notify")
async def send_notification(email: str, background_tasks: BackgroundTasks):
    background_tasks.add_task(send_email, email)
    return {"queued": True}


@router.post("/jobs/run")
async def run_now():
    asyncio.create_task(work())
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work())
    return {"started": True}


@router.post("/chat")
async def chat(prompt: str):
    completion = client.chat.completions.create(model="x", messages=[])
    return {"answer": completion.choices[0].message.content}


@router.post("/dedupe")
def dedupe(items: list[str]):
    seen = set()
    for x in items:
        seen.add(x)
    return sorted(seen)


@router.post("/compute")
def compute(data: Numbers):
    return {"sum": sum(data.values)}


@router.put("/users/{uid}")
def replace_user(uid: int, user: UserIn, db: Session = Depends(get_db)):
    db.add(User(id=uid, **user.model_dump()))
    db.commit()


@router.get("/visits")
def count_visit(db: Session = Depends(get_db)):
    db.add(Visit())
    db.commit()


@router.post("/nested")
def nested():
    def later(db):
        db.add(Item())
        db.commit()

    return {"scheduled": later is not None}


@router.post("/splat", **common)
def splat_kwargs(item: ItemIn, db: Session = Depends(get_db)):
    return crud.create_item(db, item)


@router.post("/reorder")
def reorder(ids: list[int]):
    ids.insert(0, ids.pop())
    return ids


@router.post("/articles/{slug}/favorite")
async def mark_article_as_favorite(slug: str, articles_repo: ArticlesRepository = Depends()):
    await articles_repo.add_article_into_favorites(slug)
    return {"favorited": True}


@router.post("/orders/{order_id}/cancel")
def cancel_order(order_id: int, db: Session = Depends(get_db)):
    db.add(OrderEvent(order_id=order_id, kind="cancelled"))
    db.commit()


@router.post("/lists/{item_id}/recipe/{recipe_id}")
def add_recipe_ingredients_to_list(item_id: int, recipe_id: int, service: ListService = Depends()):
    return service.add_recipe_ingredients_to_list(item_id, recipe_id)


@router.post("/predict")
def predict(features: Features, db: Session = Depends(get_db)):
    db.add(PredictionLog(input=features.model_dump()))
    db.commit()
    return {"label": 1}


@router.post("/notifications/send-email")
def send_welcome(email: str):
    return crud.create_outbox_entry(email)


@router.post("/billing/events")
async def billing_events(request: Request, db: Session = Depends(get_db)):
    event = stripe.Webhook.construct_event(await request.body(), request.headers["stripe-signature"], SECRET)
    db.add(BillingEvent(payload=event))
    db.commit()
    return {"received": True}
