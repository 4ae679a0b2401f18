"""Reading a small settings file (unit costs, targets) as text, refused early and in words.

Both tables are edited by people and read whole, so a file too big to be one is refused before it is
read, and an unreadable or non-UTF-8 file gives the table's own message, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from .catalog import Message, MessageError, grouped


def read_small_text(path: str | Path, most: int, error: type[MessageError], prefix: str) -> str:
    """The UTF-8 text of ``path``; ``error`` with ``{prefix}.too_big`` / ``{prefix}.unreadable`` otherwise."""
    path = Path(path)
    try:
        if path.stat().st_size > most:
            raise error(Message(f"{prefix}.too_big", path=path.name, most=grouped(most)))
        raw = path.read_bytes()
    except OSError as exc:
        raise error(Message(f"{prefix}.unreadable", path=path.name, reason=exc.strerror or str(exc))) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise error(Message(f"{prefix}.unreadable", path=path.name, reason="UTF-8")) from None
