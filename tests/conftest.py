"""Tiny factories shared by the core unit tests.

`make_products` builds the canonical registry frame exactly as `registry.read_registry` returns
it (same columns, same dtypes), one row per dict of overrides, so scoring/pipeline/region tests
do not depend on the CSV reader. `make_csv` builds registry file bytes for the reader's tests.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

# `python -m pytest` puts the project root on sys.path; plain `pytest` does not.
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

# The app's store must never touch the tester's own data folder: every test run gets its own.
os.environ.setdefault("OVOP_DATA_DIR", tempfile.mkdtemp(prefix="ovop-test-data-"))
os.environ.pop("OVOP_DATABASE_URL", None)

from ovop_core.model import CRITERIA, SUB_ITEM_KEYS  # noqa: E402 (after the test data folder is set)
from ovop_core.schema import COLUMN_ORDER  # noqa: E402

# A non-food product with every piece of gate evidence: its stars are exactly its stars by score.
_PRODUCT_DEFAULTS: dict[str, object] = {
    "name": "Tenun Ikat Sintang",
    "producer": "",
    "category": "kerajinan",
    "region_code": "11.04",
    "stage": 0,
    "stage_since": pd.NaT,
    **{k: 60.0 for k in CRITERIA},
    **{s: np.nan for s in SUB_ITEM_KEYS},
    "nib": True,
    "permit": "none",
    "halal": False,
    "non_halal": False,
    "brand": True,
    "export": True,
    "assessors": np.nan,
    "revenue_idr": np.nan,
    "workers": np.nan,
    "rated_on": pd.NaT,
    "round": None,
    "url": "",
}


def make_products(*rows: dict) -> pd.DataFrame:
    """One product per dict of overrides; ``k=(k1, …, k5)`` and ``levels={...}`` are shorthands.

    ``k=50`` sets all five criteria to 50; ``levels={"k1a": 3, ...}`` sets sub-item levels.
    ``province`` and ``place_code`` follow ``region_code`` unless given.
    """
    records = []
    for i, overrides in enumerate(rows or ({},)):
        row = dict(_PRODUCT_DEFAULTS, product_id=f"P{i + 1:03d}")
        overrides = dict(overrides)
        k = overrides.pop("k", None)
        if k is not None:
            values = k if isinstance(k, (tuple, list)) else (k,) * 5
            row.update(dict(zip(CRITERIA, (np.nan if v is None else float(v) for v in values))))
        row.update({key: float(v) for key, v in overrides.pop("levels", {}).items()})
        row.update(overrides)
        if "province" not in overrides:
            row["province"] = str(row["region_code"])[:2]
        if "place_code" not in overrides:
            row["place_code"] = row["region_code"]
        records.append(row)
    frame = pd.DataFrame.from_records(records)
    frame.insert(0, "_row", range(2, len(frame) + 2))
    frame = frame[["_row"] + COLUMN_ORDER]
    floats = list(CRITERIA) + list(SUB_ITEM_KEYS) + ["assessors", "revenue_idr", "workers"]
    frame[floats] = frame[floats].astype("float64")
    frame["stage"] = frame["stage"].astype("int8")
    for col in ("stage_since", "rated_on"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[us]")
    frame[["region_code", "province", "place_code"]] = frame[["region_code", "province", "place_code"]].astype(object)
    for col in ("nib", "halal", "non_halal", "brand", "export"):
        frame[col] = frame[col].astype(bool)
    frame["round"] = frame["round"].astype("Int64")
    return frame


def make_product(**overrides) -> pd.DataFrame:
    """A one-row registry frame."""
    return make_products(overrides)


# A complete, valid registry row as a person would type it (all text).
GOOD_ROW: dict[str, str] = {
    "product_id": "P001",
    "name": "Keripik Tempe",
    "producer": "Bu Sri",
    "category": "pangan",
    "region_code": "33.74",
    "stage": "2",
    "stage_since": "2024-01-15",
    "k1": "60",
    "k2": "60",
    "k3": "60",
    "k4": "60",
    "k5": "60",
    "nib": "ya",
    "permit": "pirt",
    "halal": "ya",
    "brand": "ya",
    "export": "tidak",
    "assessors": "3",
    "revenue_idr": "1000000",
    "workers": "4",
}


def make_csv(
    *rows: dict,
    sep: str = ",",
    columns: list[str] | None = None,
    encoding: str = "utf-8",
) -> bytes:
    """CSV bytes: a header (``columns``, default GOOD_ROW's keys) and one line per dict of overrides.

    Each row starts from GOOD_ROW with a distinct product_id (P001, P002, …). Cells holding the
    separator or a quote are quoted the CSV way.
    """
    columns = list(columns or GOOD_ROW)

    def quote(cell: str) -> str:
        cell = str(cell)
        if sep in cell or '"' in cell or "\n" in cell:
            return '"' + cell.replace('"', '""') + '"'
        return cell

    lines = [sep.join(quote(c) for c in columns)]
    for i, overrides in enumerate(rows):
        row = dict(GOOD_ROW, product_id=f"P{i + 1:03d}")
        row.update(overrides)
        lines.append(sep.join(quote(row.get(c, "")) for c in columns))
    return ("\n".join(lines) + "\n").encode(encoding)
