"""Turn an uploaded CSV or XLSX file into a table of strings, before any validation.

Real registries come from Excel on Indonesian Windows machines: `;` separators, Windows-1252,
a UTF-8 BOM, numbers typed as numbers. This module only gets the cells out faithfully as text,
with the spreadsheet row number of every data row, so that validation can name row and column.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

import pandas as pd


class UnreadableFileError(ValueError):
    """The file cannot be read as a table at all; carries a message in Indonesian and English."""

    def __init__(self, code: str, message_id: str, message_en: str, row: int = 0):
        super().__init__(message_en)
        self.code = code
        self.message_id = message_id
        self.message_en = message_en
        self.row = row


@dataclass
class RawTable:
    """Header cells as written, data cells as stripped strings, and each data row's file row number."""

    header: list[str]
    cells: pd.DataFrame  # columns are positions 0..n-1, values are str ("" when empty)
    row_numbers: pd.Series  # 1-based row in the file/sheet (the header is row 1 in a plain CSV)
    kind: str  # "csv" or "xlsx"
    sheet: str | None = None


def read_bytes(source: str | Path | bytes | BinaryIO) -> bytes:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source)
    if isinstance(source, (str, Path)):
        return Path(source).read_bytes()
    return source.read()


def is_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; Windows-1252 when that fails, as Excel writes it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableFileError(
            "bad_encoding",
            "Berkas bukan teks UTF-8 atau Windows-1252; simpan ulang sebagai CSV UTF-8.",
            "The file is neither UTF-8 nor Windows-1252 text; save it again as CSV UTF-8.",
        ) from None


def sniff_delimiter(text: str) -> str:
    """`;` (Indonesian Excel), `,` or tab, whichever the header line uses most."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def read_csv_table(data: bytes) -> RawTable:
    text = decode_text(data)
    if not text.strip():
        raise UnreadableFileError("empty_file", "Berkas kosong.", "The file is empty.")
    if "\x00" in text:
        raise UnreadableFileError(
            "binary_file",
            "Berkas berisi data biner, bukan CSV atau XLSX.",
            "The file holds binary data, not CSV or XLSX.",
        )
    sep = sniff_delimiter(text)
    try:
        table = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            quoting=csv.QUOTE_MINIMAL,
            engine="c",
        )
    except pd.errors.ParserError as exc:
        line = _line_from_parser_error(str(exc))
        raise UnreadableFileError(
            "ragged_row",
            f"Baris {line}: jumlah kolom tidak sama dengan judul kolom (pemisah '{sep}').",
            f"Row {line}: the number of fields differs from the header (separator '{sep}').",
            row=line,
        ) from None
    table = table.fillna("")
    header = [str(h).strip().lstrip("\ufeff") for h in table.iloc[0].tolist()]
    cells = table.iloc[1:].reset_index(drop=True)
    cells.columns = range(len(header))
    row_numbers = pd.Series(range(2, len(cells) + 2))
    cells, row_numbers = _drop_blank_rows(cells, row_numbers)
    return RawTable(header, cells, row_numbers, "csv")


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


def read_xlsx_table(data: bytes, header_matches, is_code_column=lambda header: False) -> RawTable:
    """Read the first sheet whose first non-empty row satisfies ``header_matches(cells)``."""
    import openpyxl  # imported lazily: only XLSX uploads need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise UnreadableFileError(
            "corrupt_xlsx",
            "Berkas XLSX rusak atau terkunci kata sandi dan tidak dapat dibaca.",
            "The XLSX file is corrupt or password-protected and cannot be read.",
        ) from exc
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header, header_row = None, 0
            for number, row in enumerate(rows, start=1):
                if row and any(c is not None and str(c).strip() for c in row):
                    header, header_row = [_cell_text(c) for c in row], number
                    break
            if header is None or not header_matches(header):
                continue
            width = len(header)
            codes = {i for i, h in enumerate(header) if is_code_column(h)}
            texts, numbers = [], []
            for number, row in enumerate(rows, start=header_row + 1):
                cells = [_code_text(c) if i in codes else _cell_text(c) for i, c in enumerate(row[:width])]
                if any(cells):
                    texts.append(cells + [""] * (width - len(cells)))
                    numbers.append(number)
            cells = pd.DataFrame(texts, columns=range(width), dtype=object) if texts else pd.DataFrame(
                columns=range(width), dtype=object
            )
            return RawTable(header, cells, pd.Series(numbers, dtype="int64"), "xlsx", sheet.title)
    finally:
        book.close()
    raise UnreadableFileError(
        "no_matching_sheet",
        "Tidak ada lembar kerja dengan judul kolom registri (mis. 'id_produk' atau 'product_id').",
        "No worksheet has the registry's column headers (e.g. 'product_id' or 'id_produk').",
        row=1,
    )
