def SessionLocal():
    return object()
