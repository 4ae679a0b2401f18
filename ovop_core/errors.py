"""Domain errors that carry a message for the user as a catalog id and parameters."""

from __future__ import annotations

from .catalog import Message, MessageError


class UnreadableFileError(MessageError, ValueError):
    """The file cannot be read as a table at all; ``text(lang)`` words why in the caller's language."""

    def __init__(self, code: str, message: Message, row: int = 0):
        super().__init__(message)
        self.code = code
        self.row = row
