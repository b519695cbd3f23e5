import contextlib
from pathlib import Path


def iter_export(path: str):
    # A generator: calling it runs nothing (StreamingResponse iterates it in a threadpool).
    with open(path, "rb") as f:
        yield from f


@contextlib.contextmanager
def opened(path: str):
    f = open(path)
    try:
        yield f
    finally:
        f.close()


class Archive:
    def __init__(self, root: str):
        self.root = Path(root)
        self.index = Path(root, "index.txt").read_text()

    def describe(self) -> str:
        return str(self.root)


class Mailer:
    def __init__(self, host: str):
        self.host = host
