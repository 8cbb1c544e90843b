"""Storage failures that user interfaces show as a message, so they never import SQLAlchemy."""

from aeo_assess.messages import UserError


class StorageError(UserError):
    """The database cannot do what was asked: cannot open it, server unreachable, bad data."""


class NotFound(StorageError):
    """The assessment (or the evidence of one) named does not exist."""


class Unreachable(StorageError):
    """The database server cannot be reached now (network down, server restarting): the same
    action may succeed later, so a caller may keep it and try again."""
