"""Spreadsheet cell values → the text a person would have typed, a whole column at a time."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import numpy as np
import pandas as pd


def cell_text(value: object) -> str:
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


def code_text(value: object) -> str:
    """A region code typed as a number: Excel shows 33.10 but stores 33.1, so keep two decimals."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}"
    return cell_text(value)


def column_text(values: pd.Series, code: bool) -> pd.Series:
    """``cell_text`` (``code_text`` for a region-code column) over a column, by value type."""
    kinds = values.map(type)
    out = pd.Series("", index=values.index, dtype=object)
    text = kinds.eq(str).to_numpy()
    if text.any():
        out[text] = values[text].str.strip()
    floats = kinds.eq(float).to_numpy()
    if floats.any():
        number = values[floats].astype("float64")
        whole = (number == np.floor(number)) & (number.abs() < 2**53)
        out.loc[whole[whole].index] = number[whole].astype("int64").astype(str)
        fraction = number[~whole]
        out.loc[fraction.index] = fraction.map("{:.2f}".format if code else repr)
    rest = ~text & ~floats & values.notna().to_numpy()
    if rest.any():  # ints, booleans, dates: few, and each type has its own text
        out[rest] = values[rest].map(code_text if code else cell_text)
    return out


def non_empty(row) -> bool:
    return bool(row) and any(c is not None and str(c).strip() for c in row)


CHUNK_ROWS = 50_000  # rows converted at a time: the cell objects of one chunk live at once, not all


def body(rows, header_row: int, width: int, codes: set[int]) -> tuple[pd.DataFrame, pd.Series]:
    """The rows below the header as text cells, converted column by column (not cell by cell)."""
    parts, numbers, first = [], [], header_row + 1
    rows = iter(rows)
    while chunk := [list(row[:width]) for row in itertools.islice(rows, CHUNK_ROWS)]:
        table = pd.DataFrame(chunk, dtype=object)
        cells = pd.DataFrame(
            {i: column_text(table[i], i in codes) if i in table.columns else "" for i in range(width)},
            index=table.index,
        )
        keep = (cells != "").any(axis=1).to_numpy()
        parts.append(cells[keep].astype("str"))  # Arrow-backed: ~5× smaller than Python str objects
        numbers.append(np.arange(first, first + len(chunk))[keep])
        first += len(chunk)
        del chunk, table
    if not parts:
        return pd.DataFrame(columns=range(width), dtype=object), pd.Series([], dtype="int64")
    cells = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)
    return cells, pd.Series(np.concatenate(numbers), dtype="int64")
