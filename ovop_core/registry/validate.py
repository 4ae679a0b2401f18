"""Validate a raw table into the canonical registry frame: every problem collected, none raised."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import CRITERIA, SUB_ITEM_KEYS
from ..schema import COLUMN_ORDER, MAX_ASSESSORS, MAX_REVENUE_IDR, MAX_WORKERS
from . import columns
from .cells import Cells
from .characters import has_invisible, remove_invisible
from .dates import dates
from .header import map_header
from .numbers import bounded
from .problems import VALUE_SHOWN, Problems
from .raw_table import RawTable


def validate_table(raw: RawTable, problems: Problems) -> pd.DataFrame | None:
    """Parse every canonical column of a raw table; None when its header is unusable or it has no rows.

    The frame has ``_row`` (the file row of each product) and ``COLUMN_ORDER``; rows with errors are
    kept (with neutral values) so that a caller may offer to keep only the clean ones.
    """
    positions = map_header(raw, problems)
    if positions is None:
        return None
    if raw.cells.empty:
        problems.add([raw.header_row], "", [""], "no_data_rows")
        return None
    cells = Cells(raw, positions, problems)
    if raw.may_have_invisible:
        for pos in positions.values():
            clean_invisible(raw, pos, raw.header[pos], cells.rows, problems)
    out = pd.DataFrame(index=range(cells.n))
    out["_row"] = cells.rows
    for col, text in columns.text_columns(cells).items():
        out[col] = text
    out["round"] = columns.assessment_round(cells)
    columns.check_product_ids(cells, out["product_id"], out["round"])
    out["category"] = columns.category(cells)
    out["region_code"], out["province"], out["place_code"] = columns.region(cells)
    out["stage"] = columns.stage(cells)
    out["stage_since"] = dates(cells, "stage_since")
    _scores(cells, out)
    for col, value in columns.booleans(cells).items():
        out[col] = value
    columns.check_halal_and_non_halal(cells, out["halal"].to_numpy(), out["non_halal"].to_numpy())
    out["permit"] = columns.permit(cells)
    out["assessors"] = bounded(cells, "assessors", 0, MAX_ASSESSORS, True)
    out["revenue_idr"] = bounded(cells, "revenue_idr", 0, MAX_REVENUE_IDR, False, thousands=True)
    out["workers"] = bounded(cells, "workers", 0, MAX_WORKERS, True, thousands=True)
    out["rated_on"] = dates(cells, "rated_on")
    out["url"] = columns.url(cells)
    return out[["_row"] + COLUMN_ORDER]


def _scores(cells: Cells, out: pd.DataFrame) -> None:
    """Criterion scores 0–100 and sub-item levels 0–3 (a criterion's sub-items all or none)."""
    for col in CRITERIA:
        out[col] = bounded(cells, col, 0, 100, False)
    for col in SUB_ITEM_KEYS:
        out[col] = bounded(cells, col, 0, 3, True) if cells.has(col) else np.nan
    columns.check_sub_items_complete(cells, out)


def clean_invisible(raw: RawTable, pos: int, column: str, rows: pd.Series, problems: Problems) -> None:
    """Remove BOM, zero-width and control characters from one column, with a warning per row.

    They make look-alike values ("\\ufeffP1" next to "P1") that a person cannot see; cleaned, such ids
    are caught as duplicates.
    """
    text = raw.cells[pos].astype(str)
    if not has_invisible(text):
        return
    cleaned = remove_invisible(text)
    changed = (cleaned != text).to_numpy()
    problems.add(rows[changed], column, text[changed], "invisible_characters", severity="warning",
                 cleaned=cleaned[changed].str.slice(0, VALUE_SHOWN))  # fmt: skip
    raw.cells[pos] = cleaned.str.strip()
