# Nobody imports this module, but it only defines functions: a task runner
# may load it by name, so it is application code.
def nightly_restock(items):
    print("restocking", len(items))  # want: FA806
