"""An edit to one product, checked by the registry's own rules before it is stored.

The product is laid out as a one-row registry table in memory — the columns and cell texts an
export would write (``export.registry_file_frame``), with the changed cells as the text a person
would type (``"ya"``, ``"72,5"``) — and validated by ``registry.validate_raw_table``, so an edit is
held to exactly the rules, and gets exactly the messages ("Row 2, column 'k3': …"), of an
imported file.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..export import header_for, registry_file_frame
from ..registry import RawTable, validate_raw_table
from .errors import StoreError, ValidationFailed
from .frames import conform, public_frame
from .schema import STORED

NOT_EDITABLE = frozenset({"product_id", "province", "revision"})
_EDIT_ROW = 2  # the row a one-row file's product sits on, below its header (as messages name it)


def check_editable(changes: dict) -> None:
    """Refuse changes to the key, to derived columns and to columns the registry does not have."""
    bad = sorted(set(changes) & NOT_EDITABLE)
    unknown = sorted(set(changes) - set(STORED) - NOT_EDITABLE)
    if bad or unknown:
        names = ", ".join(bad + unknown)
        raise StoreError(f"Kolom ini tidak dapat diubah: {names}.", f"These columns cannot be changed: {names}.")


def validated_row(current: pd.DataFrame, changes: dict) -> pd.DataFrame:
    """``current`` (one stored row) with ``changes`` applied, as stored columns plus its ``seq``;
    ``ValidationFailed`` with the reader's problems when the result is not a valid product."""
    sheet = registry_file_frame(public_frame(current).drop(columns=["revision"]))
    for col, value in changes.items():
        sheet[header_for(col, "en")] = [_cell_text(value)]
    raw = RawTable(
        header=[str(h) for h in sheet.columns],
        cells=pd.DataFrame({pos: _text(sheet[h]) for pos, h in enumerate(sheet.columns)}),
        row_numbers=pd.Series([_EDIT_ROW], dtype="int64"),
        kind="csv",
    )
    result = validate_raw_table(raw, "edit.csv")
    if not result.ok:
        raise ValidationFailed(result.errors)
    edited = conform(result.frame)
    edited["seq"] = current["seq"].to_numpy()
    return edited


def _text(column: pd.Series) -> pd.Series:
    """Cells as the CSV reader would give them: ``str`` of each value (``repr`` digits for floats,
    so numbers come back exactly), empty when missing, stripped the way the registry reader strips."""
    text = column.astype(object).map(str).where(column.notna(), "")
    return text.astype(str).str.strip().reset_index(drop=True)


def _cell_text(value) -> str:
    """A changed value as the text a person would type in the file."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)
