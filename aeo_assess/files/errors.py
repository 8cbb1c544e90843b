"""The one error every file reader and writer raises."""

from aeo_assess.messages import UserError


class FileFormatError(UserError):
    """A file that breaks its format, or content that cannot be written in it.

    The message is for the user: it names the file and says what is wrong in plain words.
    """
