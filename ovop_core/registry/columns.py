"""Parsers of the registry's text, code and choice columns (DESIGN.md §3), one function per kind.

Each reads its column(s) from ``Cells`` as text, reports what is wrong with a mask over all rows
(never a loop per row), and returns the parsed values: invalid values become the column's
neutral value ("" or False or NaN) so that the rest of the row can still be shown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import regions
from ..export import FORMULA_START
from ..model import CATEGORIES, CRITERIA, PERMITS, SUB_ITEMS
from ..schema import (
    BOOL_FALSE,
    BOOL_TRUE,
    EVIDENCE_COLUMNS,
    FIRST_ROUND,
    LAST_ROUND,
    MAX_TEXT,
    PERMIT_ALIASES,
    PERMIT_NONE,
    ROUND_DTYPE,
)
from .cells import Cells
from .characters import shorten, visible
from .numbers import parse_number
from .problems import VALUE_SHOWN

TEXT_COLUMNS: tuple[str, ...] = ("product_id", "name", "producer")
# An absolute web address: http(s)://, a host, then anything but whitespace.
URL_PATTERN = r"https?://[^\s/?#@]+(?:[/?#]\S*)?"
# Text a spreadsheet may run as a formula when the file is opened again (CSV/formula injection).
FORMULA_LIKE = r"(?:[=+@]|-.*[=+(|!])"


def text_columns(cells: Cells) -> dict[str, pd.Series]:
    """Free text: formula-like text is a warning; the apostrophe our exports put before it comes off."""
    for col in TEXT_COLUMNS:
        cells.report(cells.text(col).str.match(FORMULA_LIKE), col, "formula_like_text", severity="warning")
    out = {}
    for col in TEXT_COLUMNS:
        text = cells.text(col)
        guarded = text.str.startswith("'")
        if guarded.any():  # our exports guard formula-like text with an apostrophe: undo it
            unguarded = text.str.slice(1)
            text = text.where(~(guarded & unguarded.str.startswith(FORMULA_START)), unguarded)
        if col != "producer":
            cells.report(text == "", col, "required_value")
        cells.report(text.str.len() > MAX_TEXT[col], col, "too_long", limit=MAX_TEXT[col])
        out[col] = text
    return out


def url(cells: Cells) -> pd.Series:
    """The product's page on the organiser's site (optional): an absolute http(s) address without
    spaces, or empty. Kiosks turn it into a QR code, so anything else (``javascript:``, a bare
    ``www.``, a path on someone's disk) is an error for its row; "" where invalid."""
    text = cells.text("url")
    too_long = text.str.len() > MAX_TEXT["url"]
    cells.report(too_long, "url", "too_long", limit=MAX_TEXT["url"])
    good = text.str.fullmatch(URL_PATTERN, case=False)
    cells.report((text != "") & ~too_long & ~good, "url", "bad_url")
    return text.where(good & ~too_long, "").astype(str)  # pandas' text dtype, also without the column


def check_product_ids(cells: Cells, ids: pd.Series, round_: pd.Series | None = None) -> None:
    """Ids a spreadsheet may have altered (leading zeros) are a warning; a repeated id is an error.

    With rounds, an id is unique per round (DESIGN.md §3): the same product assessed in 2025 and
    2026 is two rows; twice in one round is an error naming the round and the first row.
    """
    cells.report(ids.str.fullmatch(r"0\d+"), "product_id", "leading_zero_id", severity="warning")
    if round_ is None or not cells.has("round"):
        dup = ids.duplicated(keep="first") & (ids != "")
        if dup.any():
            first_row = cells.rows.groupby(ids).transform("first")
            cells.report(dup, "product_id", "duplicate_id",
                         product_id=shorten(visible(ids), VALUE_SHOWN), first_row=first_row.astype(str))  # fmt: skip
        return
    key = pd.DataFrame({"id": ids, "round": round_.astype("string").fillna("")})
    dup = key.duplicated(keep="first") & (ids != "") & round_.notna()
    if dup.any():
        first_row = cells.rows.groupby([key["id"], key["round"]]).transform("first")
        cells.report(dup, "product_id", "duplicate_id_in_round", product_id=shorten(visible(ids), VALUE_SHOWN),
                     first_row=first_row.astype(str), round=key["round"])  # fmt: skip


def assessment_round(cells: Cells) -> pd.Series:
    """The assessment round, a year 2000–2100 (DESIGN.md §3); <NA> without the column or where invalid.

    When the file has a round column every row needs its round: a blank cell would put the row in
    no round at all, neither "now" nor history, so it is an error rather than a silent drop.
    """
    text = cells.text("round")
    if not cells.has("round"):
        return pd.Series(pd.NA, index=range(cells.n), dtype=ROUND_DTYPE)
    value = parse_number(text)
    cells.report(text == "", "round", "required_value", "round_required")
    valid = value.notna() & (value == value.round()) & value.between(FIRST_ROUND, LAST_ROUND)
    cells.report((text != "") & ~valid, "round", "bad_round", first=FIRST_ROUND, last=LAST_ROUND)
    return value.where(valid).astype(ROUND_DTYPE)


def category(cells: Cells) -> pd.Series:
    """One of the six categories, in any case, with spaces or hyphens for underscores."""
    value = cells.text("category").str.lower().str.replace(r"[\s\-]+", "_", regex=True)
    cells.report(value == "", "category", "required_value")
    cells.report((value != "") & ~value.isin(CATEGORIES), "category", "bad_category", choices=", ".join(CATEGORIES))
    return value


def region(cells: Cells) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(kab/kota code, province code, place code) of known Kemendagri regions; "" where unknown or invalid.

    The place code is the code as given, dotted, at its own depth (``35.73``, ``35.73.01`` or
    ``35.73.01.2001``): the village is the unit of the programme, so a desa code is never cut to its
    kab/kota. Only the kab/kota is checked against the Kemendagri list (DESIGN.md §3).
    """
    raw_code = cells.text("region_code")
    code, well_formed, known = regions.normalise_kabkota_codes(raw_code)
    province_only = raw_code.str.fullmatch(r"\d{2}")
    cells.report(raw_code == "", "region_code", "required_value")
    cells.report(province_only, "region_code", "province_code")
    # LibreOffice/Excel read "33.20" in a CSV as the number 33.2 and write it back without the zero.
    padded = raw_code + "0"
    dropped_zero = raw_code.str.fullmatch(r"\d{2}\.\d") & regions.normalise_kabkota_codes(padded)[2]
    cells.report(dropped_zero, "region_code", "trailing_zero_dropped", written=raw_code, padded=padded)
    bad = (raw_code != "") & ~well_formed & ~province_only & ~dropped_zero
    cells.report(bad, "region_code", "bad_region_code")
    cells.report(well_formed & ~known, "region_code", "unknown_region", kabkota=code)
    region_code = code.where(known, "")
    return region_code, regions.province_of(region_code).where(known, ""), place_codes(raw_code).where(known, "")


def place_codes(codes: pd.Series) -> pd.Series:
    """Well-formed region codes, dotted or not, as dotted codes of the same depth ("3573012001" →
    "35.73.01.2001"); the caller keeps only the well-formed ones."""
    digits = codes.astype(str).str.replace(".", "", regex=False)
    dotted = digits.str.slice(0, 2) + "." + digits.str.slice(2, 4)
    for start, stop in ((4, 6), (6, 10)):
        part = digits.str.slice(start, stop)
        dotted = dotted + ("." + part).where(part != "", "")
    return dotted.astype(object)


def stage(cells: Cells) -> pd.Series:
    """The pipeline stage, a whole number 0–6 (0 where invalid)."""
    text = cells.text("stage")
    value = parse_number(text)
    cells.report(text == "", "stage", "required_value", "required_stage")
    cells.report((text != "") & ~(value.isin(range(7))), "stage", "bad_stage")
    return value.where(value.isin(range(7)), 0).astype("int8")


def booleans(cells: Cells) -> dict[str, np.ndarray]:
    """The yes/no columns (the evidence and ``non_halal``); empty means no."""
    out = {}
    for col in (*EVIDENCE_COLUMNS, "non_halal"):
        if col == "permit":
            continue
        text = cells.text(col).str.lower()
        truthy, falsy = text.isin(BOOL_TRUE), text.isin(BOOL_FALSE) | (text == "")
        cells.report(~truthy & ~falsy, col, "bad_boolean")
        out[col] = truthy.to_numpy()
    return out


def check_halal_and_non_halal(cells: Cells, halal: np.ndarray, non_halal: np.ndarray) -> None:
    """A product marked non-halal (tuak, babi panggang) cannot also hold a halal certificate: one of
    the two cells is wrong, so the row is refused, the message naming both columns."""
    cells.report(halal & non_halal, "non_halal", "halal_and_non_halal", halal=cells.header("halal"))


def permit(cells: Cells) -> pd.Series:
    """The izin edar / product standard; the ways of writing "none", P-IRT and BPOM read as their choice."""
    value = cells.text("permit").str.lower()
    squeezed = value.str.replace(r"[\s\-.]+", "", regex=True)
    value = value.where(~value.isin(PERMIT_NONE), "none")
    value = value.where(~squeezed.isin(PERMIT_ALIASES), squeezed.map(PERMIT_ALIASES))
    cells.report(~value.isin(PERMITS), "permit", "bad_permit", choices=", ".join(PERMITS))
    return value.where(value.isin(PERMITS), "none")


def check_sub_items_complete(cells: Cells, out: pd.DataFrame) -> None:
    """A criterion's sub-items are used all together or not at all (then k1…k5 applies).

    Each empty cell of a partly filled criterion is reported in its own column.
    """
    for crit in CRITERIA:
        all_keys = [s.key for s in SUB_ITEMS if s.criterion == crit]
        keys = [k for k in all_keys if cells.has(k)]
        if not keys:
            continue
        started = out[keys].notna().any(axis=1)
        names = ", ".join(all_keys)
        for key in all_keys:
            cells.report(started & out[key].isna(), key, "incomplete_sub_items", criterion=crit, names=names)
