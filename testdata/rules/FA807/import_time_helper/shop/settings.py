import shop.bootstrap  # noqa: F401  (creates the tables on import)

DEBUG = False
