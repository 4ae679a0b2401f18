"""Turn CSV bytes into a table of strings, before any validation.

Real registries come from Excel on Indonesian Windows machines: `;` separators, Windows-1252,
a UTF-8 BOM, a title line above the header. This module only gets the cells out faithfully as
text, with the file row number of every data row, so that validation can name row and column.
Its shape is checked first (lines, separators per line), so that a flood is refused before a
parser splits it into Python objects.
"""

from __future__ import annotations

import csv
import io
import re
import warnings

import numpy as np
import pandas as pd

from .. import limits
from .characters import INVISIBLE_RE
from .header import looks_like_later_header, looks_like_registry
from .messages import grouped, refusal
from .raw_table import RawTable
from .sniff import check_text_bytes

HEADER_SEARCH_ROWS = limits.HEADER_SEARCH_ROWS  # a title above the header may push it down this far
_MAX_LINE_BYTES = 20_000  # a line this long is checked for a flood of separators
_MAX_FIELDS = 10 * limits.MAX_COLUMNS  # separators inside quoted text make a line look wider than it is
_MAX_LINES = 8 * limits.MAX_DATA_ROWS  # newlines, counting blank lines and line breaks inside quotes
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def read_csv_table(data: bytes) -> RawTable:
    """Read CSV bytes; the header may sit below a title line (``HEADER_SEARCH_ROWS``)."""
    check_text_bytes(data)
    _check_csv_shape(data)
    text = decode_text(data)
    if not text.strip():
        raise refusal("empty_file")
    skipped, offset, sep, moved = _find_csv_header(text)
    body = text[offset:]
    table, ragged = _parse(body, sep, skipped)
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
        may_have_invisible=INVISIBLE_RE.search(body.lstrip("\ufeff")) is not None,
    )  # fmt: skip


def _parse(body: str, sep: str, skipped: int) -> tuple[pd.DataFrame, list[int]]:
    """All fields as text, and the file rows skipped for having more fields than the header."""
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
            raise refusal("empty_file") from None
    ragged = sorted(int(n) + skipped for w in caught for n in re.findall(r"Skipping line (\d+)", str(w.message)))
    return table, ragged


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
        raise refusal("mixed_encoding", at_row=bad_line, row=bad_line, utf8_row=good_line)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise refusal("bad_encoding", at_row=line, row=line, byte=data[exc.start]) from None


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


def _first_lines(text: str) -> tuple[list[int], list[str]]:
    """(character offset, text) of the lines the header may be on."""
    starts, lines, pos = [], [], 0
    while len(lines) < HEADER_SEARCH_ROWS + 20 and pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        starts.append(pos)
        lines.append(text[pos:end].rstrip("\r"))
        pos = end + 1
    return starts, lines


def _find_csv_header(text: str) -> tuple[int, int, str, bool]:
    """(line index, character offset, separator, moved) of the header among the first lines."""
    starts, lines = _first_lines(text)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return 0, 0, sniff_delimiter(text), False
    first = filled[0]
    sep = sniff_delimiter(lines[first])
    if looks_like_registry(_split_line(lines[first], sep)):
        return first, starts[first], sep, False
    for i in filled[1:]:
        if i >= first + HEADER_SEARCH_ROWS:
            break
        later_sep = sniff_delimiter(lines[i])
        if looks_like_later_header(_split_line(lines[i], later_sep)):
            return i, starts[i], later_sep, True
    for odd in ("|", ":", "#", "~"):
        if lines[first].count(odd) and looks_like_registry(_split_line(lines[first], odd)):
            raise refusal("wrong_delimiter", at_row=first + 1, row=first + 1, sep=odd)
    return first, starts[first], sep, False


def _too_many_rows():
    return refusal("too_many_rows", limit=grouped(limits.MAX_DATA_ROWS))


def _too_many_columns(row: int, n: int):
    return refusal("too_many_columns", at_row=row, row=row, n=n, limit=limits.MAX_COLUMNS)


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


def _parser_problem(message: str, sep: str, skipped: int):
    quote = re.search(r"EOF inside string starting at row (\d+)", message)
    if quote:
        row = int(quote.group(1)) + 1 + skipped
        return refusal("unclosed_quote", at_row=row, row=row)
    line = _line_from_parser_error(message)
    line = line + skipped if line else 0
    return refusal("ragged_row", "ragged_file", at_row=line, row=line, sep=sep)


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
