import requests

SLACK_WEBHOOK = "https://hooks.slack.com/services/T000/B000/XXXX"


def send_slack(text: str) -> None:
    if not text:
        return
    requests.post(SLACK_WEBHOOK, json={"text": text}, timeout=5)


def slack_payload(text: str) -> dict:
    # CPU only: builds the payload, sends nothing.
    return {"text": text.strip(), "mrkdwn": True}


class SlackClient:
    def __init__(self, url: str):
        self.url = url

    def post_message(self, text: str) -> None:
        requests.post(self.url, json={"text": text}, timeout=5)

    def channel_url(self, channel: str) -> str:
        return f"{self.url}/{channel}"


slack_client = SlackClient(SLACK_WEBHOOK)
