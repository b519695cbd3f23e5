# Imported by the app and calls its own helper at import time: still
# application code.
def summarize(warehouse):
    print("summarizing", warehouse)  # want: FA806
    return {"warehouse": warehouse}


DEFAULT_SUMMARY = summarize("main")
