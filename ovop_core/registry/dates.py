"""Dates as ISO ``YYYY-MM-DD`` or Indonesian ``DD/MM/YYYY``, within the years a programme can have."""

from __future__ import annotations

import pandas as pd
from babel.dates import format_date

from .cells import Cells
from .messages import Both

EARLIEST_DATE = pd.Timestamp("1990-01-01")  # before any OVOP programme; year 1 or 0201 is a typo


def dates(cells: Cells, col: str) -> pd.Series:
    """A date column; ``DD/MM/YY`` is read with a warning naming the date it became.

    A date before 1990 or after today is an error: such a stage date is a typing slip (year 1,
    9999) that would otherwise sit silently in every duration and re-evaluation date.
    """
    text = cells.text(col)
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    local = pd.to_datetime(text.where(text.str.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}"), ""),
                           format="%d/%m/%Y", errors="coerce")  # fmt: skip
    short_year = text.str.fullmatch(r"\d{1,2}/\d{1,2}/\d{2}")
    short = pd.to_datetime(text.where(short_year, ""), format="%d/%m/%y", errors="coerce")
    value = iso.fillna(local).fillna(short)
    cells.report((text != "") & value.isna(), col, "bad_date")
    latest = pd.Timestamp.today().normalize() + pd.Timedelta(days=1)
    out_of_range = value.notna() & ((value < EARLIEST_DATE) | (value > latest))
    cells.report(out_of_range, col, "date_out_of_range")
    two_digit = short_year & value.notna() & ~out_of_range
    if two_digit.any():
        shown = pd.Series("", index=value.index, dtype=object)
        shown[two_digit] = value[two_digit].map(lambda d: format_date(d, "long", locale="id"))
        shown_en = shown.copy()
        shown_en[two_digit] = value[two_digit].map(lambda d: format_date(d, "d MMMM y", locale="en"))
        cells.report(two_digit, col, "two_digit_year", severity="warning", text=text, date=Both(shown, shown_en))
    # Microseconds, whatever pandas infers (seconds when a column is all empty): one dtype per column.
    return value.where(~out_of_range).astype("datetime64[us]")
