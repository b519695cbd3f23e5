import requests


def send_slack(text: str) -> None:
    requests.post("https://hooks.slack.com/services/x", json={"text": text}, timeout=5)


def notify_order_created(order_id: int) -> None:
    send_slack(f"order {order_id} created")
