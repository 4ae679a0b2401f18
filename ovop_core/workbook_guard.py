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
goes through expat, because its cells repeat by attribute (``number-columns-repeated``).
"""

from __future__ import annotations

import functools
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

import numpy as np

from . import limits
from .errors import UnreadableFileError

_CHUNK = 1 << 22
_OVERLAP = 512  # longer than any tag the patterns below must see whole

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


def column_number(letters: str) -> int:
    """"A" → 1, "GR" → 200, "XFD" → 16384."""
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
                return _check_ods(archive)
            return _check_xlsx(archive, infos)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
            if isinstance(exc, UnreadableFileError):
                raise
            raise corrupt_workbook() from None


def corrupt_workbook() -> UnreadableFileError:
    return UnreadableFileError(
        "corrupt_xlsx",
        "Berkas lembar kerja rusak atau terkunci kata sandi dan tidak dapat dibaca.",
        "The spreadsheet file is corrupt or password-protected and cannot be read.",
    )


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f}".replace(",", ".")


def _mb_en(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f}"


def _unpacks_too_large(sheet: str, size: int, limit: int) -> UnreadableFileError:
    return UnreadableFileError(
        "sheet_too_large",
        f"Lembar '{sheet}' berisi {_mb(size)} MB data setelah dibuka; batasnya {_mb(limit)} MB "
        "(mungkin berkas berbahaya atau berisi sel raksasa). Simpan hanya kolom dan baris registri.",
        f"Sheet '{sheet}' unpacks to {_mb_en(size)} MB; the limit is {_mb_en(limit)} MB (possibly a "
        "hostile file, or giant cells). Keep only the registry's columns and rows.",
    )


def _too_many_rows(sheet: str, row: int) -> UnreadableFileError:
    return UnreadableFileError(
        "too_many_rows",
        f"Lembar '{sheet}' terisi sampai baris {row:,}".replace(",", ".")
        + f"; batasnya {limits.MAX_DATA_ROWS:,} baris data".replace(",", ".")
        + ". Hapus sel di bawah data Anda atau bagi registri menjadi beberapa berkas.",
        f"Sheet '{sheet}' is filled down to row {row:,}; the limit is {limits.MAX_DATA_ROWS:,} data rows. "
        "Delete the cells below your data or split the registry into several files.",
    )


def _too_many_columns(sheet: str, where: str) -> UnreadableFileError:
    return UnreadableFileError(
        "too_many_columns",
        f"Lembar '{sheet}' berisi data di sel {where}, di luar {limits.MAX_COLUMNS} kolom pertama "
        "(batas kolom). Hapus kolom di sebelah kanan data Anda.",
        f"Sheet '{sheet}' holds data in cell {where}, beyond the first {limits.MAX_COLUMNS} columns "
        "(the column limit). Delete the columns to the right of your data.",
    )


def _cell_too_long(sheet: str | None) -> UnreadableFileError:
    n = f"{limits.MAX_CELL_CHARS:,}"
    where_id = f"Lembar '{sheet}'" if sheet else "Buku kerja ini"
    where_en = f"Sheet '{sheet}'" if sheet else "The workbook"
    return UnreadableFileError(
        "cell_too_long",
        f"{where_id} berisi sel yang lebih panjang dari {n.replace(',', '.')} karakter (batas panjang "
        "sel). Periksa sel yang berisi teks sangat panjang.",
        f"{where_en} holds a cell longer than {n} characters (the cell length limit). "
        "Look for a cell holding very long text.",
    )


def _declared_too_large(sheet: str, ref: str, rows: int, columns: int) -> UnreadableFileError:
    code = "too_many_columns" if columns > limits.MAX_COLUMNS else "too_many_rows"
    return UnreadableFileError(
        code,
        f"Lembar '{sheet}' menyatakan ukurannya {ref} ({columns:,} kolom × {rows:,} baris)".replace(",", ".")
        + f"; batasnya {limits.MAX_COLUMNS} kolom dan {limits.MAX_DATA_ROWS:,} baris data".replace(",", ".")
        + ". Salin hanya data registri ke buku kerja baru, lalu simpan.",
        f"Sheet '{sheet}' declares its size as {ref} ({columns:,} columns × {rows:,} rows); the limits are "
        f"{limits.MAX_COLUMNS} columns and {limits.MAX_DATA_ROWS:,} data rows. Copy only the registry's "
        "data into a new workbook and save it.",
    )


# --------------------------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------------------------


def _check_xlsx(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> WorkbookFacts:
    for info in infos:
        if info.filename in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels") and (
            info.file_size > limits.MAX_OTHER_PART_BYTES
        ):
            raise _unpacks_too_large(info.filename, info.file_size, limits.MAX_OTHER_PART_BYTES)
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
            raise _unpacks_too_large(titles.get(info.filename, info.filename), info.file_size, limit)
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


class _TextRuns:
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


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    """(chunk, buffer, offset of buffer[0] in the part, final) with an overlap carried between buffers.

    Patterns are searched in ``buffer``; only matches starting before ``len(buffer) - _OVERLAP``
    (or anywhere, in the final buffer) count, so a tag split by a chunk boundary is seen once, whole.
    """
    with archive.open(info) as stream:
        tail, offset = b"", 0
        chunk = stream.read(_CHUNK)
        while chunk:
            following = stream.read(_CHUNK)
            buffer = tail + chunk
            yield chunk, buffer, offset, not following
            keep = min(_OVERLAP, len(buffer))
            offset += len(buffer) - keep
            tail = buffer[-keep:]
            chunk = following


def _before(pattern: re.Pattern, buffer: bytes, horizon: int):
    """Matches starting before ``horizon``, each seen whole (the buffer is not cut at the horizon)."""
    for match in pattern.finditer(buffer):
        if match.start() >= horizon:
            return
        yield match


def _scan_shared_strings(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    runs = _TextRuns()
    last_start = 0
    for chunk, buffer, offset, final in _chunks(archive, info):
        if runs.feed(chunk) > limits.MAX_TEXT_NODE_BYTES:
            raise _cell_too_long(None)
        horizon = len(buffer) if final else len(buffer) - _OVERLAP
        for match in _before(_SHARED_STRING, buffer, horizon):
            start = offset + match.start()
            if start - last_start > limits.MAX_SHARED_STRING_BYTES:
                raise _cell_too_long(None)
            last_start = max(last_start, start)
        if offset + horizon - last_start > limits.MAX_SHARED_STRING_BYTES:
            raise _cell_too_long(None)


def _scan_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str) -> None:
    runs = _TextRuns()
    rows_seen, highest_row, last_row_start, patterns = 0, 0, 0, None
    for chunk, buffer, offset, final in _chunks(archive, info):
        if runs.feed(chunk) > limits.MAX_TEXT_NODE_BYTES:
            raise _cell_too_long(sheet)
        horizon = len(buffer) if final else len(buffer) - _OVERLAP
        if patterns is None:
            root = _ROOT.search(buffer)
            patterns = _sheet_patterns(root.group(1) or b"" if root else b"")
            _check_dimension(buffer, sheet)
        row_tag, far_column, far_row, unreferenced = patterns
        for match in _before(row_tag, buffer, horizon):
            start = offset + match.start()
            if start - last_row_start > limits.MAX_ROW_XML_BYTES:
                raise _cell_too_long(sheet)
            last_row_start = max(last_row_start, start)
            rows_seen += 1
            ref = _ROW_REF.search(match.group(1))
            highest_row = max(highest_row, rows_seen, int(ref.group(1)) if ref else 0)
        if highest_row > limits.MAX_SHEET_ROW:
            raise _too_many_rows(sheet, highest_row)
        if offset + horizon - last_row_start > limits.MAX_ROW_XML_BYTES:
            raise _cell_too_long(sheet)
        for far in _before(far_column, buffer, horizon):
            raise _too_many_columns(sheet, far.group(1).decode())
        for match in _before(far_row, buffer, horizon):
            if int(match.group(1)) > limits.MAX_SHEET_ROW:
                raise _too_many_rows(sheet, int(match.group(1)))
        if next(_before(unreferenced, buffer, horizon), None):
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
        raise _declared_too_large(sheet, ref, rows, columns)


def _scan_unreferenced_cells(archive: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str) -> None:
    """Exact extent for sheets whose cells carry no ``r``: an expat pass that counts cells per row."""
    state = {"row": 0, "col": 0}

    def start(name: str, attrs: dict) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "row":
            state["row"] = int(attrs["r"]) if attrs.get("r", "").isdigit() else state["row"] + 1
            state["col"] = 0
            if state["row"] > limits.MAX_SHEET_ROW:
                raise _too_many_rows(sheet, state["row"])
        elif local == "c":
            ref = re.fullmatch(r"([A-Z]{1,3})(\d+)", attrs.get("r", ""))
            state["col"] = column_number(ref.group(1)) if ref else state["col"] + 1
            if state["col"] > limits.MAX_COLUMNS:
                raise _too_many_columns(sheet, f"{column_letters(state['col'])}{state['row']}")

    _expat_stream(archive, info, start)


def _expat_stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, start, text=None, end=None) -> None:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = start
    if text is not None:
        parser.CharacterDataHandler = text
    if end is not None:
        parser.EndElementHandler = end
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        raise corrupt_workbook() from None


# --------------------------------------------------------------------------------------------
# ODS (OpenDocument, e.g. LibreOffice Calc)
# --------------------------------------------------------------------------------------------


def _check_ods(archive: zipfile.ZipFile) -> WorkbookFacts:
    try:
        info = archive.getinfo("content.xml")
    except KeyError:
        raise corrupt_workbook() from None
    if info.file_size > limits.MAX_ODS_CONTENT_BYTES:
        raise _unpacks_too_large("content.xml", info.file_size, limits.MAX_ODS_CONTENT_BYTES)
    facts = WorkbookFacts()
    state = {"sheet": "", "row": 0, "row_repeat": 1, "col": 0, "cell_chars": 0, "in_cell": False}

    def start(name: str, attrs: dict) -> None:
        if name == "table:table":
            state.update(sheet=attrs.get("table:name", ""), row=0)
            facts.formulas.setdefault(state["sheet"], [])
        elif name == "table:table-row":
            state["row_repeat"] = _repeat(attrs.get("table:number-rows-repeated"))
            state["col"] = 0
        elif name in ("table:table-cell", "table:covered-table-cell"):
            repeat = _repeat(attrs.get("table:number-columns-repeated"))
            row, first_col = state["row"] + 1, state["col"] + 1
            state["col"] += repeat
            state["cell_chars"], state["in_cell"] = 0, True
            if "office:value-type" in attrs or "table:formula" in attrs:
                last_row = state["row"] + state["row_repeat"]
                if last_row > limits.MAX_SHEET_ROW:
                    raise _too_many_rows(state["sheet"], last_row)
                if state["col"] > limits.MAX_COLUMNS:
                    raise _too_many_columns(state["sheet"], f"{column_letters(state['col'])}{row}")
                if "table:formula" in attrs:
                    facts.formulas[state["sheet"]].append((row, first_col - 1, attrs["table:formula"]))

    def text(data: str) -> None:
        if state["in_cell"]:
            state["cell_chars"] += len(data)
            if state["cell_chars"] > limits.MAX_CELL_CHARS:
                raise _cell_too_long(state["sheet"])

    def end(name: str) -> None:
        if name == "table:table-row":
            state["row"] += state["row_repeat"]
        elif name in ("table:table-cell", "table:covered-table-cell"):
            state["in_cell"] = False

    _expat_stream(archive, info, start, text, end)
    return facts


def _repeat(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1
