"""Domain errors that carry a message for the user in Indonesian and English."""

from __future__ import annotations


class UnreadableFileError(ValueError):
    """The file cannot be read as a table at all; carries a message in Indonesian and English."""

    def __init__(self, code: str, message_id: str, message_en: str, row: int = 0):
        super().__init__(message_en)
        self.code = code
        self.message_id = message_id
        self.message_en = message_en
        self.row = row
