from .slack import send_slack, slack_payload


def notify_team_created(team: dict) -> None:
    send_slack(f"team {team['name']} created")


def team_banner(team: dict) -> str:
    # CPU only, even though it calls another project helper.
    return slack_payload(team["name"].title())["text"]


def deferred_notice(team: dict):
    # The blocking call only runs when the caller runs the returned callable.
    return lambda: send_slack(team["name"])


def dispatch(callback, team: dict) -> None:
    # The analysis cannot see what `callback` is.
    callback(team["name"])


CHANNELS = {"slack": send_slack}


def notify_channel(channel: str, team: dict) -> None:
    CHANNELS[channel](team["name"])
