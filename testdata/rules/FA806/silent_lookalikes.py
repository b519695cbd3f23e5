import logging

from rich import print as rprint

logger = logging.getLogger(__name__)


def handler():
    logger.info("creating order")
    rprint("[bold]rich output[/bold]")


def shadowed(print):
    print("a parameter named print is not the builtin")


class Printer:
    def print(self, msg):
        return msg


Printer().print("method")


def test_handler():
    print("debugging a test that lives next to the code")
