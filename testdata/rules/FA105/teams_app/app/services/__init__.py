from .notify import notify_team_created, team_banner

__all__ = ["notify_team_created", "team_banner"]
