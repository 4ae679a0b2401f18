"""Numbers written the Indonesian or the English way, and the bounds every number column has."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .cells import Cells
from .messages import Both


def parse_number(text: pd.Series, thousands: bool = False) -> pd.Series:
    """Parse numbers written the Indonesian or English way ("72,5", "72.5", "1.234.567", "1 234 567").

    Spaces inside a number are accepted only as thousands separators between groups of three
    digits, so " 7 0 " is not silently read as 70.
    """
    # Literal replaces run natively on Arrow strings; a regex here costs a Python call per cell.
    t = text.str.replace("\xa0", " ", regex=False).str.strip()
    if thousands:
        grouped = t.str.fullmatch(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
        t = t.where(~grouped, t.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
        spaced = t.str.fullmatch(r"-?\d{1,3}(?: \d{3})+(?:[.,]\d+)?")
        t = t.where(~spaced, t.str.replace(" ", "", regex=False).str.replace(",", ".", regex=False))
    comma = t.str.fullmatch(r"-?\d*,\d+")
    t = t.where(~comma, t.str.replace(",", ".", regex=False))
    return pd.to_numeric(t.where(t != "", None), errors="coerce").astype("float64")


def bounded(cells: Cells, col: str, low: float, high: float, whole: bool, thousands: bool = False) -> pd.Series:
    """An optional number in [low, high] (whole when ``whole``); NaN where empty or invalid.

    Beyond its bounds a value is a typing or unit error, and unbounded values (1e308) would break
    sums and exports for every visitor.
    """
    text = cells.text(col)
    value = parse_number(text, thousands)
    not_a = "not_a_whole_number" if whole else "not_a_number"
    non_numeric = (text != "") & (value.isna() | ~np.isfinite(value.fillna(0)))
    cells.report(non_numeric, col, "not_numeric", not_a)
    span_en = f"{low:,.0f}–{high:,.0f}"
    out_of_range = ~non_numeric & value.notna() & ((value < low) | (value > high))
    cells.report(out_of_range, col, "out_of_range", span=Both(span_en.replace(",", "."), span_en))
    bad = non_numeric | out_of_range
    if whole:
        fractional = ~non_numeric & ~out_of_range & value.notna() & (value != value.round())
        cells.report(fractional, col, "not_whole", not_a)
        bad = bad | fractional
    return value.where(~bad)
