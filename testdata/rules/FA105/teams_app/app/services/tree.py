import time


def walk(node: dict, depth: int = 0) -> int:
    # Recursive, CPU only.
    return 1 + sum(walk(child, depth + 1) for child in node.get("children", []))


def ping(n: int) -> None:
    if n > 0:
        pong(n - 1)


def pong(n: int) -> None:
    if n > 0:
        ping(n - 1)
    else:
        time.sleep(0.5)


def even(n: int) -> bool:
    # Mutual recursion without any I/O.
    return True if n == 0 else odd(n - 1)


def odd(n: int) -> bool:
    return False if n == 0 else even(n - 1)
