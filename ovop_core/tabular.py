"""Turn an uploaded CSV or XLSX file into a table of strings, before any validation.

Real registries come from Excel on Indonesian Windows machines: `;` separators, Windows-1252,
a UTF-8 BOM, numbers typed as numbers. This module only gets the cells out faithfully as text,
with the spreadsheet row number of every data row, so that validation can name row and column.

It also recognises what a file *is* from its content, not its name (``sniff_kind``): a PDF, an
image, an old binary ``.xls``, a password-protected workbook (an OLE container holding an
``EncryptedPackage`` stream), a Word document renamed ``.xlsx`` or plain binary data is refused
with a message that says so, never with a traceback.
"""

from __future__ import annotations

import csv
import io
import re
import struct
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from . import limits
from .errors import UnreadableFileError
from .workbook_guard import check_workbook, corrupt_workbook

MAX_BYTES = limits.MAX_FILE_BYTES  # default upload limit of ``registry.read_registry``
HEADER_SEARCH_ROWS = limits.HEADER_SEARCH_ROWS  # a title above the header may push it down this far

# C0 control characters except tab, line feed and carriage return, plus DEL.
CONTROL_CHARACTERS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
# ... and the characters a person cannot see: soft hyphen, zero-width and direction marks, BOM.
INVISIBLE_CHARACTERS = CONTROL_CHARACTERS[:-1] + "\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]"
_INVISIBLE_RE = re.compile(INVISIBLE_CHARACTERS)
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])
_BINARY_SHARE = 0.05  # more control bytes than this in the first 64 KB: binary data, not text


@dataclass
class RawTable:
    """Header cells as written, data cells as stripped strings, and each data row's file row number."""

    header: list[str]
    cells: pd.DataFrame  # columns are positions 0..n-1, values are str ("" when empty)
    row_numbers: pd.Series  # 1-based row in the file/sheet (the header is row 1 in a plain CSV)
    kind: str  # "csv", "xlsx" or "ods"
    sheet: str | None = None
    header_row: int = 1  # the file/sheet row holding the column headers
    header_moved: bool = False  # the header is not the first non-empty row (a title sits above it)
    ragged_rows: list[int] = field(default_factory=list)  # CSV rows with more fields than the header
    formulas: pd.DataFrame | None = None  # XLSX formula cells: row, position, formula
    merged_header: list[tuple[str, list[int]]] = field(default_factory=list)  # (range, positions)
    may_have_invisible: bool = True  # False when the whole file was checked: no invisible character


# --------------------------------------------------------------------------------------------
# What kind of file is it?
# --------------------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_ARCHIVE_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
)


def _wrong_type(what_id: str, what_en: str) -> UnreadableFileError:
    return UnreadableFileError(
        "wrong_file_type",
        f"Berkas ini {what_id}, bukan registri; unggah berkas .csv, .xlsx atau .ods.",
        f"This file is {what_en}, not a registry; upload a .csv, .xlsx or .ods file.",
    )


def sniff_kind(data: bytes) -> str:
    """"xlsx", "ods" or "csv" judged by content; raises ``UnreadableFileError`` for anything else."""
    head = data[:16]
    if head.startswith(b"%PDF"):
        raise _wrong_type("dokumen PDF", "a PDF document")
    for magic, name in _IMAGE_MAGIC:
        if head.startswith(magic):
            raise _wrong_type(f"gambar {name}", f"a {name} image")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        raise _wrong_type("gambar WEBP", "a WEBP image")
    if head[4:8] == b"ftyp":
        raise _wrong_type("gambar atau video (HEIC/MP4)", "an image or video (HEIC/MP4)")
    for magic, name in _ARCHIVE_MAGIC:
        if head.startswith(magic):
            raise _wrong_type(f"arsip terkompresi {name}", f"a {name} compressed archive")
    if head.startswith(_OLE_MAGIC):
        raise _ole_problem(data)
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _zip_kind(data)
    return "csv"


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _corrupt_xlsx() from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
            raise UnreadableFileError(
                "xls_format",
                "Berkas ini buku kerja biner Excel (.xlsb); simpan sebagai .xlsx atau CSV.",
                "This file is a binary Excel workbook (.xlsb); save it as .xlsx or CSV.",
            )
        return "xlsx"
    if "word/document.xml" in names:
        raise _wrong_type("dokumen Word (.docx)", "a Word document (.docx)")
    if any(n.startswith("ppt/") for n in names):
        raise _wrong_type("presentasi PowerPoint (.pptx)", "a PowerPoint presentation (.pptx)")
    if b"opendocument.spreadsheet" in mimetype and "content.xml" in names:
        return "ods"
    if b"opendocument" in mimetype:
        raise _wrong_type("dokumen OpenDocument", "an OpenDocument file")
    raise _wrong_type("arsip ZIP", "a ZIP archive")


def _corrupt_xlsx() -> UnreadableFileError:
    return corrupt_workbook()


def ole_stream_names(data: bytes) -> list[str]:
    """Names in an OLE compound file's directory (old .xls/.doc, encrypted OOXML); [] if unreadable."""
    try:
        shift = struct.unpack_from("<H", data, 30)[0]
        if not 7 <= shift <= 16:
            return []
        size = 1 << shift
        first_dir = struct.unpack_from("<I", data, 48)[0]
        difat = [s for s in struct.unpack_from("<109I", data, 76) if s < 0xFFFFFFFA]
        fat: list[int] = []
        for sector in difat:
            start = (sector + 1) * size
            chunk = data[start : start + size]
            fat.extend(struct.unpack(f"<{len(chunk) // 4}I", chunk[: len(chunk) // 4 * 4]))
        names, sector, seen = [], first_dir, set()
        while sector < 0xFFFFFFFA and sector not in seen and len(seen) < 4096:
            seen.add(sector)
            start = (sector + 1) * size
            block = data[start : start + size]
            for offset in range(0, len(block) - 127, 128):
                length = struct.unpack_from("<H", block, offset + 64)[0]
                if 2 <= length <= 64:
                    names.append(block[offset : offset + length - 2].decode("utf-16-le", "replace"))
            sector = fat[sector] if sector < len(fat) else 0xFFFFFFFE
        return names
    except (struct.error, IndexError):
        return []


def _ole_problem(data: bytes) -> UnreadableFileError:
    names = ole_stream_names(data)
    encrypted = "EncryptedPackage" in names or (
        not names and "EncryptedPackage".encode("utf-16-le") in data
    )
    if encrypted:
        return UnreadableFileError(
            "password_protected",
            "Berkas Excel ini dilindungi kata sandi (terenkripsi). Buka di Excel, hapus kata sandinya "
            "(File → Info → Protect Workbook → Encrypt with Password, kosongkan), simpan, lalu unggah lagi.",
            "This Excel file is password-protected (encrypted). Open it in Excel, remove the password "
            "(File → Info → Protect Workbook → Encrypt with Password, clear it), save and upload again.",
        )
    if "WordDocument" in names:
        return _wrong_type("dokumen Word lama (.doc)", "an old Word document (.doc)")
    if "PowerPoint Document" in names:
        return _wrong_type("presentasi PowerPoint lama (.ppt)", "an old PowerPoint presentation (.ppt)")
    return UnreadableFileError(
        "xls_format",
        "Berkas ini buku kerja Excel lama (.xls, Excel 97–2003); simpan sebagai .xlsx atau CSV "
        "(File → Save As → Excel Workbook atau CSV UTF-8), lalu unggah lagi.",
        "This is an old Excel workbook (.xls, Excel 97–2003); save it as .xlsx or CSV "
        "(File → Save As → Excel Workbook or CSV UTF-8) and upload again.",
    )


def _check_text_bytes(data: bytes) -> None:
    """Refuse UTF-16 text and binary data before trying to decode a CSV."""
    sample = data[:65536]
    if sample[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_like_utf16(sample):
        raise UnreadableFileError(
            "bad_encoding",
            "Berkas ini teks UTF-16 (mis. 'Unicode Text' dari Excel); simpan ulang sebagai CSV UTF-8.",
            "This file is UTF-16 text (e.g. Excel's 'Unicode Text'); save it again as CSV UTF-8.",
        )
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if control > 1 and control > _BINARY_SHARE * len(sample):
        raise UnreadableFileError(
            "binary_file",
            "Berkas berisi data biner, bukan CSV atau XLSX.",
            "The file holds binary data, not CSV or XLSX.",
        )


def _looks_like_utf16(sample: bytes) -> bool:
    sample = sample[: len(sample) // 2 * 2][:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    return (zeros_odd > 0.3 and zeros_even < 0.05) or (zeros_even > 0.3 and zeros_odd < 0.05)


# --------------------------------------------------------------------------------------------
# Bytes and text.
# --------------------------------------------------------------------------------------------


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


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; Windows-1252 when that fails, as Excel writes it.

    A file that is partly UTF-8 and partly something else (rows pasted from two sources) is
    refused: read either way, some of its names would silently turn into mojibake ("KrÃ©asi").
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
        utf8 = _UTF8_MULTIBYTE.search(data)
    if utf8 is not None:
        good_line = data[: utf8.start()].count(b"\n") + 1
        raise UnreadableFileError(
            "mixed_encoding",
            f"Baris {bad_line}: berkas mencampur pengodean karakter (baris {good_line} UTF-8, baris {bad_line} "
            "bukan); huruf seperti é atau Đ akan rusak. Simpan ulang seluruh berkas sebagai CSV UTF-8.",
            f"Row {bad_line}: the file mixes character encodings (row {good_line} is UTF-8, row {bad_line} is "
            "not); letters such as é or Đ would be garbled. Save the whole file again as CSV UTF-8.",
            row=bad_line,
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        raise UnreadableFileError(
            "bad_encoding",
            f"Baris {line}: berkas bukan teks UTF-8 atau Windows-1252 (byte 0x{byte:02X} tidak dikenal); "
            "simpan ulang sebagai CSV UTF-8.",
            f"Row {line}: the file is neither UTF-8 nor Windows-1252 text (unknown byte 0x{byte:02X}); "
            "save it again as CSV UTF-8.",
            row=line,
        ) from None


def sniff_delimiter(text: str) -> str:
    """`;` (Indonesian Excel), `,` or tab, whichever the header line uses most."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _split_line(line: str, sep: str) -> list[str]:
    try:
        return [c.strip() for c in next(csv.reader([line], delimiter=sep), [])]
    except csv.Error:
        return line.split(sep)


def _find_csv_header(text: str, header_matches, later_header_matches) -> tuple[int, int, str, bool]:
    """(line index, character offset, separator, moved) of the header among the first lines."""
    starts, lines, pos = [], [], 0
    while len(lines) < HEADER_SEARCH_ROWS + 20 and pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        starts.append(pos)
        lines.append(text[pos:end].rstrip("\r"))
        pos = end + 1
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled or header_matches is None:
        return 0, 0, sniff_delimiter(text), False
    first = filled[0]
    sep = sniff_delimiter(lines[first])
    if header_matches(_split_line(lines[first], sep)):
        return first, starts[first], sep, False
    for i in filled[1:]:
        if i >= first + HEADER_SEARCH_ROWS:
            break
        later_sep = sniff_delimiter(lines[i])
        if later_header_matches(_split_line(lines[i], later_sep)):
            return i, starts[i], later_sep, True
    for odd in ("|", ":", "#", "~"):
        if lines[first].count(odd) and header_matches(_split_line(lines[first], odd)):
            raise UnreadableFileError(
                "wrong_delimiter",
                f"Baris {first + 1}: kolom dipisahkan dengan '{odd}'; gunakan ',' atau ';' "
                "(simpan dari Excel sebagai CSV UTF-8).",
                f"Row {first + 1}: the columns are separated by '{odd}'; use ',' or ';' "
                "(save from Excel as CSV UTF-8).",
                row=first + 1,
            )
    return first, starts[first], sep, False


_MAX_LINE_BYTES = 20_000  # a line this long is checked for a flood of separators
_MAX_FIELDS = 10 * limits.MAX_COLUMNS  # separators inside quoted text make a line look wider than it is
_MAX_LINES = 8 * limits.MAX_DATA_ROWS  # newlines, counting blank lines and line breaks inside quotes


def _too_many_rows() -> UnreadableFileError:
    n_id, n_en = f"{limits.MAX_DATA_ROWS:,}".replace(",", "."), f"{limits.MAX_DATA_ROWS:,}"
    return UnreadableFileError(
        "too_many_rows",
        f"Berkas berisi lebih dari {n_id} baris data (batasnya {n_id}); bagi registri menjadi beberapa berkas.",
        f"The file holds more than {n_en} data rows (the limit is {n_en}); split the registry into several files.",
    )


def _too_many_columns(row: int, n: int) -> UnreadableFileError:
    return UnreadableFileError(
        "too_many_columns",
        f"Baris {row}: {n} kolom; batasnya {limits.MAX_COLUMNS} kolom. Hapus kolom yang tidak diperlukan "
        "(atau periksa pemisah kolom).",
        f"Row {row}: {n} columns; the limit is {limits.MAX_COLUMNS} columns. Remove the columns that are "
        "not needed (or check the column separator).",
        row=row,
    )


def _check_csv_shape(data: bytes) -> None:
    """Refuse a flood of lines or of separators before a parser splits them into Python objects."""
    if data.count(b"\n") > _MAX_LINES:
        raise _too_many_rows()
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 0x0A)
    starts = np.concatenate(([0], ends + 1))
    lengths = np.append(ends, len(data)) - starts
    for line in np.flatnonzero(lengths > _MAX_LINE_BYTES):
        text = data[starts[line] : starts[line] + lengths[line]]
        fields = 1 + max(text.count(sep) for sep in (b",", b";", b"\t"))
        if fields > _MAX_FIELDS:
            raise _too_many_columns(int(line) + 1, fields)


def read_csv_table(data: bytes, header_matches=None, later_header_matches=None) -> RawTable:
    """Read CSV bytes; with ``header_matches`` the header may sit below a title line."""
    _check_text_bytes(data)
    _check_csv_shape(data)
    text = decode_text(data)
    if not text.strip():
        raise UnreadableFileError("empty_file", "Berkas kosong.", "The file is empty.")
    skipped, offset, sep, moved = _find_csv_header(text, header_matches, later_header_matches or header_matches)
    body = text[offset:]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            table = pd.read_csv(
                io.StringIO(body),
                sep=sep,
                header=None,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                quoting=csv.QUOTE_MINIMAL,
                engine="c",
                on_bad_lines="warn",
                nrows=limits.MAX_DATA_ROWS + 2,  # the header, the data rows, one more to tell
            )
        except pd.errors.ParserError as exc:
            raise _parser_problem(str(exc), sep, skipped) from None
        except pd.errors.EmptyDataError:
            raise UnreadableFileError("empty_file", "Berkas kosong.", "The file is empty.") from None
    ragged = sorted(
        int(n) + skipped for w in caught for n in re.findall(r"Skipping line (\d+)", str(w.message))
    )
    table = table.fillna("")
    if table.shape[1] > limits.MAX_COLUMNS:
        raise _too_many_columns(skipped + 1, table.shape[1])
    header = [str(h).strip().lstrip("\ufeff") for h in table.iloc[0].tolist()]
    cells = table.iloc[1:].reset_index(drop=True)
    cells.columns = range(len(header))
    records = pd.RangeIndex(skipped + 2, skipped + 2 + len(cells) + len(ragged))
    row_numbers = pd.Series(records.difference(pd.Index(ragged)), dtype="int64")
    cells, row_numbers = _drop_blank_rows(cells, row_numbers)
    if len(table) > limits.MAX_DATA_ROWS + 1 or len(cells) > limits.MAX_DATA_ROWS:
        raise _too_many_rows()
    return RawTable(
        header, cells, row_numbers, "csv",
        header_row=skipped + 1, header_moved=moved, ragged_rows=ragged,
        may_have_invisible=_INVISIBLE_RE.search(body.lstrip("\ufeff")) is not None,
    )  # fmt: skip


def _parser_problem(message: str, sep: str, skipped: int) -> UnreadableFileError:
    quote = re.search(r"EOF inside string starting at row (\d+)", message)
    if quote:
        row = int(quote.group(1)) + 1 + skipped
        return UnreadableFileError(
            "unclosed_quote",
            f"Baris {row}: tanda kutip (\") dibuka tetapi tidak ditutup sampai akhir berkas.",
            f"Row {row}: a quote (\") is opened but never closed before the end of the file.",
            row=row,
        )
    line = _line_from_parser_error(message)
    line = line + skipped if line else 0
    return UnreadableFileError(
        "ragged_row",
        f"Baris {line}: jumlah kolom tidak sama dengan judul kolom (pemisah '{sep}').",
        f"Row {line}: the number of fields differs from the header (separator '{sep}').",
        row=line,
    )


def _line_from_parser_error(message: str) -> int:
    # pandas: "Error tokenizing data. C error: Expected 5 fields in line 7, saw 6"
    marker = "in line "
    if marker in message:
        digits = message.split(marker, 1)[1].split(",", 1)[0].strip()
        if digits.isdigit():
            return int(digits)
    return 0


def _drop_blank_rows(cells: pd.DataFrame, rows: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    if cells.empty:
        return cells, rows
    cells = cells.apply(lambda col: col.astype(str).str.strip())
    keep = (cells != "").any(axis=1)
    return cells[keep].reset_index(drop=True), rows[keep.to_numpy()].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# XLSX.
# --------------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    """Excel cell value → the text a person would have typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat()  # a time of day on a stage date carries no meaning here
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _code_text(value: object) -> str:
    """A region code typed as a number: Excel shows 33.10 but stores 33.1, so keep two decimals."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}"
    return _cell_text(value)


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE_TAG = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+\d+(?::[A-Z]+\d+)?)\"")


def _scan_sheet_xml(data: bytes, path: str | None) -> tuple[bool, list[str]]:
    """(holds any formula, merged ranges) of one sheet, by streaming its XML: no cell objects."""
    if not path:
        return False, []
    has_formula, merges, tail = False, [], b""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        with archive.open(path.lstrip("/")) as stream:
            while chunk := stream.read(1 << 22):
                block = tail + chunk
                has_formula = has_formula or _FORMULA_TAG.search(block) is not None
                merges += [m.decode() for m in _MERGE_TAG.findall(block)]
                tail = block[-256:]
    return has_formula, sorted(set(merges))


def _ref_bounds(ref: str) -> tuple[int, int, int, int]:
    """"B2:D3" → (min_col, min_row, max_col, max_row), 1-based."""
    from openpyxl.utils.cell import range_boundaries

    return range_boundaries(ref if ":" in ref else f"{ref}:{ref}")


def _formula_cells(data: bytes, title: str, header_row: int, width: int) -> pd.DataFrame:
    """Every formula cell below the header of one sheet (second read, without cached values)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        found = []
        for row in book[title].iter_rows(min_row=header_row + 1, max_col=width):
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    value = cell.value
                    found.append((cell.row, cell.column - 1, str(getattr(value, "text", value))))
    finally:
        book.close()
    return pd.DataFrame(found, columns=["row", "position", "formula"])


def _non_empty(row) -> bool:
    return bool(row) and any(c is not None and str(c).strip() for c in row)


def _calamine_book(data: bytes):
    """python-calamine (Rust) reads cell values ~10× faster than openpyxl; None when unavailable."""
    try:
        import python_calamine

        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # not installed, or a file calamine cannot read: openpyxl still can (XLSX)
        return None


def _calamine_rows(fast, title: str):
    """Cell values row by row from A1 (cached values for formulas); None when calamine cannot."""
    if fast is None:
        return None
    try:
        return iter(fast.get_sheet_by_name(title).to_python(skip_empty_area=False))
    except Exception:
        return None


def _find_header(rows, header_matches, later_header_matches) -> tuple[list[str] | None, int, int]:
    """(header cells, header row, first non-empty row) among the first rows of a sheet."""
    first = 0
    for number, row in enumerate(rows, start=1):
        if first and number >= first + HEADER_SEARCH_ROWS:
            break
        if not _non_empty(row):
            continue
        cells = [_cell_text(c) for c in row]
        if not first:
            first = number
            if header_matches(cells):
                return cells, number, first
        elif later_header_matches(cells):
            return cells, number, first
    return None, 0, first


def _body(rows, header_row: int, width: int, codes: set[int]) -> tuple[pd.DataFrame, pd.Series]:
    """The rows below the header as text cells, converted column by column (not cell by cell)."""
    records = [list(row[:width]) for row in rows]
    if not records:
        return pd.DataFrame(columns=range(width), dtype=object), pd.Series([], dtype="int64")
    table = pd.DataFrame(records, dtype=object)
    cells = pd.DataFrame(
        {i: _column_text(table[i], i in codes) if i in table.columns else "" for i in range(width)},
        index=table.index,
    )
    numbers = pd.Series(np.arange(header_row + 1, header_row + 1 + len(cells)), dtype="int64")
    keep = (cells != "").any(axis=1).to_numpy()
    return cells[keep].reset_index(drop=True), numbers[keep].reset_index(drop=True)


def _column_text(values: pd.Series, code: bool) -> pd.Series:
    """``_cell_text`` (``_code_text`` for a region-code column) over a column, by value type."""
    kinds = values.map(type)
    out = pd.Series("", index=values.index, dtype=object)
    text = kinds.isin([str]).to_numpy()
    if text.any():
        out[text] = values[text].str.strip()
    floats = kinds.isin([float]).to_numpy()
    if floats.any():
        number = values[floats].astype("float64")
        whole = (number == np.floor(number)) & (number.abs() < 2**53)
        out.loc[whole[whole].index] = number[whole].astype("int64").astype(str)
        fraction = number[~whole]
        out.loc[fraction.index] = fraction.map("{:.2f}".format if code else repr)
    rest = ~text & ~floats & values.notna().to_numpy()
    if rest.any():  # ints, booleans, dates: few, and each type has its own text
        out[rest] = values[rest].map(_code_text if code else _cell_text)
    return out


def read_xlsx_table(
    data: bytes, header_matches, is_code_column=lambda header: False, later_header_matches=None,
    kind: str = "xlsx",
) -> RawTable:
    """Read the first sheet whose header row satisfies ``header_matches(cells)`` (XLSX or ODS).

    The header is the first non-empty row, or, when that is a title, a later row within
    ``HEADER_SEARCH_ROWS`` that satisfies ``later_header_matches`` (default ``header_matches``).
    ``workbook_guard`` sees the file first: nothing here runs on a workbook beyond the limits.
    """
    facts = check_workbook(data, kind)
    later_header_matches = later_header_matches or header_matches
    fast = _calamine_book(data)
    book = None
    if fast is not None:
        titles = list(fast.sheet_names)
    elif kind == "ods":
        raise _corrupt_xlsx()
    else:
        book = _openpyxl_book(data)
        titles = book.sheetnames
    try:
        for title in titles:
            rows = _calamine_rows(fast, title)
            if rows is None:
                if kind == "ods":
                    continue
                book = book or _openpyxl_book(data)
                if title not in book.sheetnames:
                    continue
                rows = book[title].iter_rows(values_only=True)
            header, header_row, first = _find_header(rows, header_matches, later_header_matches)
            if header is None:
                continue
            width = len(header)
            codes = {i for i, h in enumerate(header) if is_code_column(h)}
            cells, numbers = _body(rows, header_row, width, codes)
            table = RawTable(
                header, cells, numbers, kind, title, header_row=header_row, header_moved=header_row != first,
            )  # fmt: skip
            if kind == "ods":
                found = [(r, c, f) for r, c, f in facts.formulas.get(title, []) if r > header_row and c < width]
                if found:
                    table.formulas = pd.DataFrame(found, columns=["row", "position", "formula"])
                _ods_merged_header(fast, title, table)
                return table
            part = facts.sheet_parts.get(title) or (
                getattr(book[title], "_worksheet_path", None) if book is not None else None
            )
            has_formula, merges = _scan_sheet_xml(data, part)
            for ref in merges:
                min_col, min_row, max_col, max_row = _ref_bounds(ref)
                if min_row <= header_row <= max_row:
                    table.merged_header.append((ref, list(range(min_col - 1, min(max_col, width)))))
            if has_formula:
                table.formulas = _formula_cells(data, title, header_row, width)
            return table
    except UnreadableFileError:
        raise
    except Exception as exc:  # a damaged sheet inside a valid archive
        raise _corrupt_xlsx() from exc
    finally:
        if book is not None:
            book.close()
    raise UnreadableFileError(
        "no_matching_sheet",
        "Tidak ada lembar kerja dengan judul kolom registri (mis. 'id_produk' atau 'product_id').",
        "No worksheet has the registry's column headers (e.g. 'product_id' or 'id_produk').",
        row=1,
    )


def _openpyxl_book(data: bytes):
    """openpyxl, only when calamine cannot read a sheet: it scans a sheet without <dimension> whole."""
    import openpyxl  # imported lazily: most files never need it

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged archives
        raise _corrupt_xlsx() from exc


def _ods_merged_header(fast, title: str, table: RawTable) -> None:
    """Merged header cells of an ODS sheet, as calamine reports them (0-based, inclusive)."""
    try:
        ranges = fast.get_sheet_by_name(title).merged_cell_ranges or []
    except Exception:
        return
    from openpyxl.utils.cell import get_column_letter

    row0 = table.header_row - 1
    for (r1, c1), (r2, c2) in ranges:
        if r1 <= row0 <= r2 and c2 > c1:
            ref = f"{get_column_letter(c1 + 1)}{r1 + 1}:{get_column_letter(c2 + 1)}{r2 + 1}"
            table.merged_header.append((ref, list(range(c1, min(c2 + 1, len(table.header))))))
