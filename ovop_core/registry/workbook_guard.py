"""Refuse a hostile XLSX or ODS before any cell of it is expanded in memory.

A spreadsheet is a zip of XML. The cell readers (python-calamine, openpyxl) trust it: one value at
``XFD1048576`` makes calamine allocate the whole rectangle up to it (hundreds of GB: the process
aborts), a 1 MB file may unpack to a 1 GiB cell, and openpyxl loads the shared-string table whole.
So before a reader sees the file, this module looks at the zip directory (declared sizes), then
streams each sheet's XML once, in chunks, without building any cell object:

- the declared ``<dimension>`` and the real extent of cells holding a value (far columns, far rows),
- the number of rows, the bytes of one row, of one shared string and of one text node (a cell),
- the CRC of every part it read (Python's zip reader stops at the declared size and checks the CRC,
  so a part cannot unpack to more than the directory says).

Each refusal is an ``UnreadableFileError`` naming the sheet and the limit (``ovop_core.limits``).
Streaming uses regular expressions and numpy over 4 MB chunks (~0.5 s per 100k rows); ODS content
goes through expat instead (``ods_guard``), because its cells repeat by attribute.
"""

from __future__ import annotations

import functools
import html
import io
import re
import zipfile
from dataclasses import dataclass, field

from .. import limits
from ..errors import UnreadableFileError
from .ods_guard import check_ods
from .sheet_limits import cell_too_long, declared_too_large, too_many_columns, too_many_rows, unpacks_too_large
from .xml_stream import (
    OVERLAP,
    TextRuns,
    before,
    chunks,
    column_letters,
    column_number,
    corrupt_workbook,
    expat_stream,
)

_ROOT = re.compile(rb"<(\w+:)?worksheet\b")


@functools.lru_cache(maxsize=8)
def _sheet_patterns(prefix: bytes) -> tuple[re.Pattern, ...]:
    """Patterns for a sheet whose elements carry ``prefix`` (b"" or e.g. b"x:").

    Each starts with a literal (``<c r="``) so that the regex engine can skip ahead fast; cells written
    any other way (no ``r``, other attribute order, odd spacing) are caught by the last pattern and
    measured exactly by ``_scan_unreferenced_cells`` instead.
    """
    p = re.escape(prefix)
    return (
        re.compile(rb"<" + p + rb"row\b([^>]*)>"),
        # A cell with a value (not self-closing) in a column beyond GR (= column 200).
        re.compile(rb"<" + p + rb"c r=\"((?:[A-Z]{3,}|[H-Z][A-Z]|G[S-Z])\d+)\"[^>]*(?<!/)>"),
        # A cell with a value whose own reference points at row 500,000 or beyond.
        re.compile(rb"<" + p + rb"c r=\"[A-Z]{1,3}((?:[5-9]\d{5}|\d{7,}))\"[^>]*(?<!/)>"),
        re.compile(rb"<" + p + rb"c(?! r=\")[\s>/]"),
    )


_ROW_REF = re.compile(rb"\sr=\"(\d+)\"")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s[^>]*?\bref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si\b")
_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)
_SHARED_STRINGS_PART = re.compile(r"xl/sharedstrings\d*\.xml", re.IGNORECASE)


@dataclass
class WorkbookFacts:
    """What the guard learnt while streaming, for the reader to use instead of reading again."""

    sheet_parts: dict[str, str] = field(default_factory=dict)  # sheet title → zip part (XLSX)
    formulas: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)  # ODS: title → cells


def check_workbook(data: bytes, kind: str) -> WorkbookFacts:
    """Raise ``UnreadableFileError`` when the XLSX/ODS in ``data`` exceeds a limit; else its facts."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise corrupt_workbook() from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.MAX_ZIP_ENTRIES:
            raise corrupt_workbook()
        try:
            if kind == "ods":
                return WorkbookFacts(formulas=check_ods(archive))
            return _check_xlsx(archive, infos)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
            if isinstance(exc, UnreadableFileError):
                raise
            raise corrupt_workbook() from None


# --------------------------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------------------------


def _check_xlsx(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> WorkbookFacts:
    for info in infos:
        if info.filename in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels") and (
            info.file_size > limits.MAX_OTHER_PART_BYTES
        ):
            raise unpacks_too_large(info.filename, info.file_size, limits.MAX_OTHER_PART_BYTES)
    facts = WorkbookFacts(sheet_parts=_sheet_titles(archive))
    titles = {part: title for title, part in facts.sheet_parts.items()}
    for info in infos:
        is_sheet = _SHEET_PART.fullmatch(info.filename) is not None
        is_strings = _SHARED_STRINGS_PART.fullmatch(info.filename) is not None
        limit = (
            limits.MAX_SHEET_XML_BYTES if is_sheet
            else limits.MAX_SHARED_STRINGS_BYTES if is_strings
            else limits.MAX_OTHER_PART_BYTES
        )  # fmt: skip
        if info.file_size > limit:
            raise unpacks_too_large(titles.get(info.filename, info.filename), info.file_size, limit)
    for info in infos:
        if _SHARED_STRINGS_PART.fullmatch(info.filename):
            _scan_shared_strings(archive, info)
    for info in infos:
        if _SHEET_PART.fullmatch(info.filename):
            _scan_sheet(archive, info, titles.get(info.filename, info.filename))
    return facts


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its part, from workbook.xml and its relationships (best effort)."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    book = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        rid, target = re.search(rb'\bId="([^"]+)"', tag), re.search(rb'\bTarget="([^"]+)"', tag)
        if rid and target:
            path = html.unescape(target.group(1).decode("utf-8", "replace"))
            targets[rid.group(1)] = path.lstrip("/") if path.startswith("/") else "xl/" + path
    out = {}
    for tag in re.findall(rb"<(?:\w+:)?sheet\b[^>]*>", book):
        name, rid = re.search(rb'\bname="([^"]*)"', tag), re.search(rb'\b\w*:?id="([^"]+)"', tag)
        if name and rid and rid.group(1) in targets:
            out[html.unescape(name.group(1).decode("utf-8", "replace"))] = targets[rid.group(1)]
    return out


def _scan_shared_strings(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    runs = TextRuns()
    last_start = 0
    for chunk, buffer, offset, final in chunks(archive, info):
        if runs.feed(chunk) > limits.MAX_TEXT_NODE_BYTES:
            raise cell_too_long(None)
        horizon = len(buffer) if final else len(buffer) - OVERLAP
        for match in before(_SHARED_STRING, buffer, horizon):
            start = offset + match.start()
            if start - last_start > limits.MAX_SHARED_STRING_BYTES:
                raise cell_too_long(None)
            last_start = max(last_start, start)
        if offset + horizon - last_start > limits.MAX_SHARED_STRING_BYTES:
            raise cell_too_long(None)


def _scan_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str) -> None:
    runs = TextRuns()
    rows_seen, highest_row, last_row_start, patterns = 0, 0, 0, None
    for chunk, buffer, offset, final in chunks(archive, info):
        if runs.feed(chunk) > limits.MAX_TEXT_NODE_BYTES:
            raise cell_too_long(sheet)
        horizon = len(buffer) if final else len(buffer) - OVERLAP
        if patterns is None:
            root = _ROOT.search(buffer)
            patterns = _sheet_patterns(root.group(1) or b"" if root else b"")
            _check_dimension(buffer, sheet)
        row_tag, far_column, far_row, unreferenced = patterns
        for match in before(row_tag, buffer, horizon):
            start = offset + match.start()
            if start - last_row_start > limits.MAX_ROW_XML_BYTES:
                raise cell_too_long(sheet)
            last_row_start = max(last_row_start, start)
            rows_seen += 1
            ref = _ROW_REF.search(match.group(1))
            highest_row = max(highest_row, rows_seen, int(ref.group(1)) if ref else 0)
        if highest_row > limits.MAX_SHEET_ROW:
            raise too_many_rows(sheet, highest_row)
        if offset + horizon - last_row_start > limits.MAX_ROW_XML_BYTES:
            raise cell_too_long(sheet)
        for far in before(far_column, buffer, horizon):
            raise too_many_columns(sheet, far.group(1).decode())
        for match in before(far_row, buffer, horizon):
            if int(match.group(1)) > limits.MAX_SHEET_ROW:
                raise too_many_rows(sheet, int(match.group(1)))
        if next(before(unreferenced, buffer, horizon), None):
            _scan_unreferenced_cells(archive, info, sheet)
            return


def _check_dimension(head: bytes, sheet: str) -> None:
    found = _DIMENSION.search(head)
    if not found:
        return
    first_col, first_row, last_col, last_row = found.groups()
    columns = column_number((last_col or first_col).decode())
    rows = int(last_row or first_row)
    if columns > limits.MAX_COLUMNS or rows > limits.MAX_SHEET_ROW:
        ref = found.group(0).split(b'ref="', 1)[1].rstrip(b'"').decode()
        raise declared_too_large(sheet, ref, rows, columns)


def _scan_unreferenced_cells(archive: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str) -> None:
    """Exact extent for sheets whose cells carry no ``r``: an expat pass that counts cells per row."""
    state = {"row": 0, "col": 0}

    def start(name: str, attrs: dict) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "row":
            state["row"] = int(attrs["r"]) if attrs.get("r", "").isdigit() else state["row"] + 1
            state["col"] = 0
            if state["row"] > limits.MAX_SHEET_ROW:
                raise too_many_rows(sheet, state["row"])
        elif local == "c":
            ref = re.fullmatch(r"([A-Z]{1,3})(\d+)", attrs.get("r", ""))
            state["col"] = column_number(ref.group(1)) if ref else state["col"] + 1
            if state["col"] > limits.MAX_COLUMNS:
                raise too_many_columns(sheet, f"{column_letters(state['col'])}{state['row']}")

    expat_stream(archive, info, start)
