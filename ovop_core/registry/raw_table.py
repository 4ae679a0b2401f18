"""A table as read from a file, before validation: header, text cells and each row's file row."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


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
