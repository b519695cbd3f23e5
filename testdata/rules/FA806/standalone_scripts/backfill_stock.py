# A one-off script run by hand (`python backfill_stock.py`): no __main__
# guard, its body is the program and nothing imports it.
from app.settings import settings

counts = {"bolts": 40, "nuts": 12}
for name, count in counts.items():
    print(f"{settings.warehouse}: {name} -> {count}")
