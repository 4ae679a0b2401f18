"""Which row is the registry's header, and which column holds which canonical field.

The table readers ask ``looks_like_registry`` of the first non-empty row and, when that is a title,
``looks_like_later_header`` of the rows below it. ``map_header`` turns the header into canonical
column → position and reports duplicated, unknown and missing columns.
"""

from __future__ import annotations

from ..model import CRITERIA, SUB_ITEMS
from ..schema import ALIASES, DERIVED_COLUMNS, EVIDENCE_COLUMNS, REQUIRED_COLUMNS, normalise_header
from .problems import Problems
from .raw_table import RawTable


def canonical(header: str) -> str | None:
    """The canonical column a header names ("Nama Produk" → "name"), or None."""
    return ALIASES.get(normalise_header(header))


def looks_like_registry(header: list[str]) -> bool:
    """The first non-empty row is the header when it names product_id."""
    return "product_id" in {canonical(h) for h in header}


def looks_like_later_header(header: list[str]) -> bool:
    """A row below a title is taken as the header only when it names product_id and two more columns.

    Stricter than the first row's rule, so that an instructions sheet listing one column per row
    is never mistaken for a registry.
    """
    names = {canonical(h) for h in header} - {None}
    return "product_id" in names and len(names) >= 3


def is_region_code_header(header: str) -> bool:
    """A region code typed as a number must keep two decimals (33.10), so its column is read apart."""
    return canonical(header) == "region_code"


def map_header(raw: RawTable, problems: Problems) -> dict[str, int] | None:
    """Canonical column → position; None when the header is unusable (reported in ``problems``)."""
    positions = _positions(raw, problems)
    if "product_id" not in positions and not any(canonical(h) for h in raw.header):
        problems.add([raw.header_row], "", [""], "no_header")
        return None
    missing = _missing_columns(positions)
    for col in missing:
        alias = next((a for a, c in ALIASES.items() if c == col and a != col), col)
        problems.add([raw.header_row], col, [""], "missing_column", alias=alias, canonical=col)
    for col in EVIDENCE_COLUMNS:
        if col not in positions:
            problems.add([raw.header_row], col, [""], "missing_evidence_column", severity="warning")
    return None if missing else positions


def _positions(raw: RawTable, problems: Problems) -> dict[str, int]:
    """The first position of every canonical column; unknown and duplicated columns reported."""
    positions: dict[str, int] = {}
    merged = {p for _, spanned in raw.merged_header for p in spanned}  # reported as merged_header
    for pos, written in enumerate(raw.header):
        canon = canonical(written)
        if canon is None:
            if (not written and (raw.cells[pos] == "").all()) or pos in merged:
                continue
            if not written:
                problems.add([raw.header_row], "", [""], "unknown_column", "untitled_column", "warning", number=pos + 1)
            elif normalise_header(written) not in DERIVED_COLUMNS:
                problems.add([raw.header_row], written, [written], "unknown_column", severity="warning")
            continue
        if canon in positions:
            first = raw.header[positions[canon]]
            problems.add([raw.header_row], written, [written], "duplicate_column",
                         first=first, second=written, canonical=canon)  # fmt: skip
            continue
        positions[canon] = pos
    return positions


def _missing_columns(positions: dict[str, int]) -> list[str]:
    """Required columns not in the header; a criterion may be given as all of its sub-items instead."""
    missing = [c for c in REQUIRED_COLUMNS if c not in positions]
    for crit in CRITERIA:
        items = [s.key for s in SUB_ITEMS if s.criterion == crit]
        if crit not in positions and not all(k in positions for k in items):
            missing.append(crit)
    return missing
