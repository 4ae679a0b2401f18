"""The refusals of a workbook sheet beyond one of ``ovop_core.limits``, each naming sheet and limit."""

from __future__ import annotations

from .. import limits
from .messages import Both, grouped, refusal


def _megabytes(n: int) -> Both:
    """Whole megabytes with thousands separators (1.024 MB / 1,024 MB)."""
    return Both(f"{n / (1024 * 1024):,.0f}".replace(",", "."), f"{n / (1024 * 1024):,.0f}")


def unpacks_too_large(sheet: str, size: int, limit: int):
    return refusal("sheet_too_large", sheet=sheet, size=_megabytes(size), limit=_megabytes(limit))


def too_many_rows(sheet: str, row: int):
    return refusal("too_many_rows", "sheet_too_many_rows", sheet=sheet, row=grouped(row),
                   limit=grouped(limits.MAX_DATA_ROWS))  # fmt: skip


def too_many_columns(sheet: str, cell: str):
    return refusal("too_many_columns", "sheet_too_many_columns", sheet=sheet, cell=cell, limit=limits.MAX_COLUMNS)


def cell_too_long(sheet: str | None):
    """A cell beyond the length limit, in a named sheet or (shared strings) somewhere in the workbook."""
    limit = grouped(limits.MAX_CELL_CHARS)
    if sheet:
        return refusal("cell_too_long", "sheet_cell_too_long", sheet=sheet, limit=limit)
    return refusal("cell_too_long", "workbook_cell_too_long", limit=limit)


def declared_too_large(sheet: str, ref: str, rows: int, columns: int):
    """A sheet whose ``<dimension>`` claims more than the limits, before any cell is looked at."""
    code = "too_many_columns" if columns > limits.MAX_COLUMNS else "too_many_rows"
    return refusal(
        code, "sheet_declared_too_large", sheet=sheet, ref=ref, columns=grouped(columns), rows=grouped(rows),
        column_limit=limits.MAX_COLUMNS, row_limit=grouped(limits.MAX_DATA_ROWS),
    )  # fmt: skip
