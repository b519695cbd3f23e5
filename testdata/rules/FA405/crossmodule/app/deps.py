from app.db import SessionLocal


def get_db():
    db = SessionLocal()
    try:
        yield db
    except Exception:  # want: FA405
        pass
    finally:
        db.close()
