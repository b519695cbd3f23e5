from .notify import notify as notify_user
