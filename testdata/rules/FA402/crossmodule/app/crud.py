def create_items(db, items):
    db.add_all(items)
    db.commit()
    return items
