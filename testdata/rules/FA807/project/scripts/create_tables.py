from app.db import Base, engine

Base.metadata.create_all(engine)
