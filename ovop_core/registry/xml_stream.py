"""Streaming the XML parts of a workbook in chunks, without building any cell object.

Used by ``workbook_guard`` and ``ods_guard`` to measure a sheet before a cell reader sees it.
"""

from __future__ import annotations

import re
import zipfile
from xml.parsers import expat

import numpy as np

from .messages import refusal

CHUNK = 1 << 22
OVERLAP = 512  # longer than any tag the guard's patterns must see whole


def corrupt_workbook():
    """The refusal of a workbook that cannot be read at all."""
    return refusal("corrupt_xlsx")


def column_number(letters: str) -> int:
    """ "A" → 1, "GR" → 200, "XFD" → 16384."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    """1 → "A", 200 → "GR", 16384 → "XFD"."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


class TextRuns:
    """The longest run of bytes without a '<' (one XML text node), across chunks."""

    def __init__(self) -> None:
        self.carry = 0
        self.longest = 0

    def feed(self, chunk: bytes) -> int:
        tags = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == 0x3C)
        if tags.size == 0:
            self.carry += len(chunk)
            self.longest = max(self.longest, self.carry)
            return self.longest
        inner = int(np.diff(tags).max()) - 1 if tags.size > 1 else 0
        self.longest = max(self.longest, self.carry + int(tags[0]), inner)
        self.carry = len(chunk) - int(tags[-1]) - 1
        return self.longest


def chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    """(chunk, buffer, offset of buffer[0] in the part, final) with an overlap carried between buffers.

    Patterns are searched in ``buffer``; only matches starting before ``len(buffer) - OVERLAP``
    (or anywhere, in the final buffer) count, so a tag split by a chunk boundary is seen once, whole.
    """
    with archive.open(info) as stream:
        tail, offset = b"", 0
        chunk = stream.read(CHUNK)
        while chunk:
            following = stream.read(CHUNK)
            buffer = tail + chunk
            yield chunk, buffer, offset, not following
            keep = min(OVERLAP, len(buffer))
            offset += len(buffer) - keep
            tail = buffer[-keep:]
            chunk = following


def before(pattern: re.Pattern, buffer: bytes, horizon: int):
    """Matches starting before ``horizon``, each seen whole (the buffer is not cut at the horizon)."""
    for match in pattern.finditer(buffer):
        if match.start() >= horizon:
            return
        yield match


def expat_stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, start, text=None, end=None) -> None:
    """Feed one part to expat in chunks; a malformed part refuses the workbook as corrupt."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = start
    if text is not None:
        parser.CharacterDataHandler = text
    if end is not None:
        parser.EndElementHandler = end
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        raise corrupt_workbook() from None
