from fastapi import APIRouter, Depends
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from app import crud
from app.models import Article

router = APIRouter()
AsyncSessionLocal = async_sessionmaker()


async def get_session():
    async with AsyncSessionLocal() as session:
        yield session


class Event:
    pass


@router.post("/users", response_model=UserOut)  # want: FA402
def create_user(user: UserIn, db: Session = Depends(get_db)):
    db_user = User(**user.model_dump())
    db.add(db_user)
    db.commit()
    db.refresh(db_user)
    return db_user


@router.post("/items")  # want: FA402
async def create_item(item: ItemIn, session=Depends(get_session)):
    async with session.begin():
        session.add(Item(**item.model_dump()))
    return item


@router.post("/notes")  # want: FA402
async def new_note(note: NoteIn, db=Depends(get_db)):
    await db.execute(insert(Note).values(text=note.text))
    return note


@router.post("/products")  # want: FA402
async def new_product(data: ProductIn, db=Depends(get_db)):
    return await crud.create_product(db, data)


@router.post("/products/legacy")  # want: FA402
def legacy_product(data: ProductIn, db=Depends(get_db)):
    return crud.product.create(db, obj_in=data)


@router.post("/docs")  # want: FA402
async def upload_doc(doc: DocIn, mongo=Depends(get_mongo)):
    result = await mongo.docs.insert_one(doc.model_dump())
    return {"id": str(result.inserted_id)}


@router.post("/articles")  # want: FA402
def post_article(data: ArticleIn):
    return Article.objects.create(**data.dict())


@router.api_route("/tags", methods=["POST"])  # want: FA402
def make_tag(tag: TagIn, service: TagService = Depends()):
    return service.add_tag(tag)


@router.post("/auth/register")  # want: FA402
def register(user: UserIn, db: Session = Depends(get_db)):
    return crud.register_user(db, user)


@router.post("/events")  # want: FA402
async def create_event(data: EventIn):
    event = Event(**data.model_dump())
    await event.insert()
    return event


@router.post("/tasks")  # want: FA402
def add_todo(task: TaskIn, db=Depends(get_db)):
    return crud.create_task(db, task)


@router.post("/bookings")  # want: FA402
async def book(data: BookingIn):
    return await Event.create(**data.model_dump())


@router.post("/items/{item_id}/tags")  # want: FA402
def tag_item(item_id: int, tag: TagIn, db=Depends(get_db)):
    return crud.add_tag(db, item_id, tag)


@router.post("/chats/{chat_id}/messages")  # want: FA402
def post_message(chat_id: int, msg: MessageIn, db=Depends(get_db)):
    return crud.create_message(db, chat_id, msg)
