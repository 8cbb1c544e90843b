"""The one error type user interfaces show as a message (never as a traceback)."""


class ServiceError(Exception):
    """A user-facing failure: bad input, missing assessment, refused file."""
