from sqlalchemy.orm import Session

from app import models, schemas
from app.security import encode_password, fake_hash_password, get_password_hash, hash_password, pwd_context


def create_user(db: Session, user: schemas.UserCreate):
    db_user = models.User(email=user.email, hashed_password=get_password_hash(user.password))
    db.add(db_user)
    return db_user


def create_user_fake(db: Session, user: schemas.UserCreate):
    db_user = models.User(email=user.email, hashed_password=fake_hash_password(user.password))  # want: FA203
    db.add(db_user)
    return db_user


def create_user_encoded(db: Session, user: schemas.UserCreate):
    db_user = models.User(email=user.email, hashed_password=encode_password(user.password))  # want: FA203
    db.add(db_user)
    return db_user


def create_user_wrapped(db: Session, user: schemas.UserCreate):
    db.add(models.User(email=user.email, hashed_password=hash_password(user.password)))
    db.add(models.User(email=user.email, hashed_password=pwd_context.hash(user.password)))


def create_service_account(db: Session, account: schemas.ServiceAccountCreate):
    db_account = models.ServiceAccount(**account.model_dump())  # want: FA203
    db.add(db_account)
    return db_account


def create_service_account_hashed(db: Session, account: schemas.ServiceAccountCreate):
    db_account = models.ServiceAccount(**account.model_dump(exclude={"password"}), password=get_password_hash(account.password))
    db.add(db_account)
    return db_account


def rename_service_account(db: Session, account: schemas.ServiceAccountOut):
    # the schema has no password field
    db.add(models.ServiceAccount(**account.model_dump()))


def copy_account(db: Session, account: models.ServiceAccount):
    # an ORM object, not request data: copying its stored value
    db.add(models.ServiceAccount(name=account.name + "-copy", password=account.password))


def set_password(db: Session, user: models.ServiceAccount, password: str):
    user.password = password  # want: FA203
    db.commit()


def set_hashed(db: Session, user: models.ServiceAccount, password: str):
    # every caller passes a hash
    user.password = password
    db.commit()
