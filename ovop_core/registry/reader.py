"""Read a registry file (CSV, XLSX or ODS) and validate every row; never raises for bad input.

The steps, each in its own module: refuse a file beyond the size limit, tell what kind of file it
is (``sniff``), get its cells out as text (``csv_table`` / ``workbook_table``, after
``workbook_guard``), report its layout (``layout``), then parse every column (``validate``).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from .. import contradictions, limits
from ..errors import UnreadableFileError
from ..schema import COLUMN_ORDER
from .csv_table import read_csv_table
from .layout import report_layout
from .messages import Both, refusal
from .problems import Problems
from .raw_table import RawTable
from .sniff import sniff_kind
from .validate import validate_table
from .workbook_table import read_workbook_table

MAX_BYTES = limits.MAX_FILE_BYTES  # default upload limit of ``read_registry``


@dataclass
class RegistryResult:
    """The outcome of reading one file: parsed rows and every problem found."""

    frame: pd.DataFrame | None  # canonical columns; None when the file could not be read at all
    problems: pd.DataFrame  # PROBLEM_COLUMNS, sorted by row
    source_name: str = ""
    header_row: int = 1  # the file row holding the column headers (below a title row, if any)

    @property
    def errors(self) -> pd.DataFrame:
        return self.problems[self.problems["severity"] == "error"]

    @property
    def warnings(self) -> pd.DataFrame:
        return self.problems[self.problems["severity"] == "warning"]

    @property
    def ok(self) -> bool:
        return self.frame is not None and self.errors.empty

    @property
    def n_error_rows(self) -> int:
        """Data rows with at least one error (problems of the header or the whole file not counted)."""
        return int(self.errors.loc[self.errors["row"] > self.header_row, "row"].nunique())

    def clean_rows(self) -> pd.DataFrame:
        """Rows without any error (for an explicit "drop the bad rows" choice)."""
        if self.frame is None or (self.errors["row"] <= self.header_row).any():
            return self.frame.iloc[0:0] if self.frame is not None else pd.DataFrame(columns=COLUMN_ORDER)
        bad = set(self.errors["row"].tolist())
        return self.frame[~self.frame["_row"].isin(bad)].reset_index(drop=True)


def read_registry(
    source: str | Path | bytes | BinaryIO, name: str | None = None, max_bytes: int = MAX_BYTES
) -> RegistryResult:
    """Read a CSV, XLSX or ODS registry and validate every row; never raises for bad input.

    Files larger than ``max_bytes`` (default ``limits.MAX_FILE_BYTES``) are refused before they are read.
    """
    source_name = name or (Path(source).name if isinstance(source, (str, Path)) else "")
    problems = Problems()
    try:
        raw = read_table(source, max_bytes)
    except Exception as exc:  # UnreadableFileError, or a safety net: a user's file never gives a traceback
        if not isinstance(exc, UnreadableFileError):
            exc = refusal("read_failed", error=type(exc).__name__)
        located = exc.text("en").startswith("Row ")  # the message already names its row
        problems.add_message([exc.row], "", [""], exc.code, exc.message, where=not located)
        return RegistryResult(None, problems.frame(), source_name)
    return validate_raw_table(raw, source_name, problems)


def validate_raw_table(raw: RawTable, source_name: str = "", problems: Problems | None = None) -> RegistryResult:
    """Validate a table already read: its layout, then every cell.

    The store validates an edited product this way, as a one-row table built in memory, so an
    edit is held to exactly the rules of an imported file.
    """
    problems = problems if problems is not None else Problems()
    report_layout(raw, problems)
    frame = validate_table(raw, problems)
    if frame is not None:  # a stage its data contradicts: a warning (DESIGN.md §6)
        contradictions.report_warnings(frame, raw.header, problems)
    return RegistryResult(frame, problems.frame(), source_name, raw.header_row)


def read_table(source: str | Path | bytes | BinaryIO, max_bytes: int = MAX_BYTES) -> RawTable:
    """The file's cells as text; raises ``UnreadableFileError`` for a file that is not a table."""
    size = source_size(source)
    if size is not None and size > max_bytes:
        raise _too_large(size, max_bytes)
    data = read_bytes(source, max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(None, max_bytes)
    if not data.strip():
        raise refusal("empty_file")
    kind = sniff_kind(data)
    if kind in ("xlsx", "ods"):
        return read_workbook_table(data, kind)
    return read_csv_table(data)


def _megabytes(n: float) -> Both:
    """Size in MB with one decimal, rounded up (so 50 MB + 1 byte reads 50.1, never 50)."""
    text = f"{math.ceil(n / (1024 * 1024) * 10) / 10:.1f}".removesuffix(".0")
    return Both(text.replace(".", ","), text)


def _too_large(size: int | None, limit: int) -> UnreadableFileError:
    if size is None:
        return refusal("file_too_large", "file_too_large_unknown", limit=_megabytes(limit))
    return refusal("file_too_large", size=_megabytes(size), limit=_megabytes(limit))


def source_size(source: str | Path | bytes | BinaryIO) -> int | None:
    """Size in bytes without reading the content, when it can be known."""
    if isinstance(source, (bytes, bytearray)):
        return len(source)
    if isinstance(source, (str, Path)):
        try:
            return Path(source).stat().st_size
        except OSError:
            return None
    try:
        here = source.tell()
        end = source.seek(0, io.SEEK_END)
        source.seek(here)
        return end - here
    except (AttributeError, OSError, ValueError):
        return None


def read_bytes(source: str | Path | bytes | BinaryIO, limit: int | None = None) -> bytes:
    """The file's bytes; at most ``limit`` of them when given."""
    # read(n) allocates n bytes up front: never ask for more than a sane file could hold.
    limit = None if limit is None or limit >= 2**34 else limit
    if isinstance(source, (bytes, bytearray)):
        return bytes(source if limit is None else source[:limit])
    if isinstance(source, (str, Path)):
        with open(source, "rb") as handle:
            return handle.read() if limit is None else handle.read(limit)
    data = source.read() if limit is None else source.read(limit)
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)
