import logging
import os
import smtplib
import time
from email.message import EmailMessage

import requests

logger = logging.getLogger(__name__)

SLACK_WEBHOOK_URL = os.getenv("SLACK_WEBHOOK_URL")
SMTP_HOST = os.getenv("SMTP_HOST", "localhost")
SMTP_PORT = int(os.getenv("SMTP_PORT", "25"))
MAIL_FROM = os.getenv("MAIL_FROM", "noreply@example.com")


async def notify_slack(text: str) -> bool:
    """Post a message to the team Slack channel, retrying a few times."""
    if not SLACK_WEBHOOK_URL:
        logger.info("Slack webhook not configured, skipping notification")
        return False
    for attempt in range(3):
        try:
            resp = requests.post(SLACK_WEBHOOK_URL, json={"text": text}, timeout=5)
            resp.raise_for_status()
            return True
        except requests.RequestException as exc:
            logger.warning("Slack notification failed (attempt %d): %s", attempt + 1, exc)
            time.sleep(2**attempt)
    return False


def send_welcome_email(to_address: str, username: str) -> None:
    """Send the welcome mail. Runs as a background task (in the threadpool)."""
    msg = EmailMessage()
    msg["Subject"] = "Welcome!"
    msg["From"] = MAIL_FROM
    msg["To"] = to_address
    msg.set_content(f"Hi {username},\n\nThanks for signing up.\n")
    try:
        with smtplib.SMTP(SMTP_HOST, SMTP_PORT, timeout=10) as smtp:
            smtp.send_message(msg)
    except OSError:
        logger.exception("Could not send welcome email to %s", to_address)
