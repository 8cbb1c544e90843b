"""The one error type user interfaces show as a message (never as a traceback)."""

from aeo_assess.messages import UserError


class ServiceError(UserError):
    """A user-facing failure: bad input, missing assessment, refused file."""
