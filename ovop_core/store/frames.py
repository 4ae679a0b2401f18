"""Registry frames ↔ stored rows: the dtypes, the conversions both ways, and content equality.

The store hands out exactly the frame ``read_registry(...).frame.drop(columns=["_row"])`` would
give (``CANONICAL_DTYPES``, ``province`` derived from ``region_code``), so every caller sees one
shape whether the registry came from a file or from the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd

from .. import regions
from ..catalog import Message
from ..schema import COLUMN_ORDER, ROUND_DTYPE
from .errors import ValidationFailed, problem_rows
from .schema import (
    BOOKKEEPING,
    BOOL_COLUMNS,
    CONTENT,
    FLOAT_COLUMNS,
    NO_ROUND,
    STORED,
    STORED_DATES,
    TEXT_COLUMNS,
)

# pandas' default text dtype ("str": Arrow-backed when pyarrow is installed, NaN for missing).
_TEXT = pd.StringDtype(na_value=np.nan)
# region_code, province and place_code are plain objects: ``regions.normalise_kabkota_codes`` and
# ``regions.province_of``, which build them in the reader, return object Series.
_OBJECT_COLUMNS = ("region_code", "province", "place_code")


def _dtype_of(column: str):
    if column in _OBJECT_COLUMNS:
        return np.dtype(object)
    if column == "product_id" or column in TEXT_COLUMNS:
        return _TEXT
    if column in FLOAT_COLUMNS:
        return np.dtype("float64")
    if column in BOOL_COLUMNS:
        return np.dtype(bool)
    if column == "stage":
        return np.dtype("int8")
    if column in STORED_DATES:
        return np.dtype("datetime64[us]")
    if column == "round":
        return ROUND_DTYPE
    raise KeyError(f"registry column {column!r} has no stored type")


# The dtype ``read_registry`` gives each canonical column; a test compares the two for every column.
CANONICAL_DTYPES: Mapping[str, object] = MappingProxyType({c: _dtype_of(c) for c in COLUMN_ORDER})


def rows_frame(records: list[tuple], names: list[str]) -> pd.DataFrame:
    """Driver tuples → typed frame (canonical dtypes, int64 bookkeeping), sorted by seq."""
    columns = list(zip(*records)) if records else [()] * len(names)
    data = dict(zip(names, columns))
    out = {}
    for name in names:
        values = data[name]
        if name in STORED_DATES:
            dates = pd.to_datetime(pd.Series(values, dtype=object), format="ISO8601")
            out[name] = dates.astype(CANONICAL_DTYPES[name])
        elif name in BOOKKEEPING or name == "row_id":
            out[name] = np.array(values, dtype="int64")
        elif name == "round":
            number = pd.array(np.array(values, dtype="int64"), dtype=ROUND_DTYPE)
            out[name] = pd.Series(number).mask(number == NO_ROUND)
        elif name in FLOAT_COLUMNS or name in BOOL_COLUMNS or name == "stage":
            out[name] = np.array(values, dtype=CANONICAL_DTYPES[name])
        else:
            out[name] = pd.Series(values, dtype=CANONICAL_DTYPES[name])
    frame = pd.DataFrame(out)
    if "seq" in frame:
        frame = frame.sort_values("seq", kind="stable").reset_index(drop=True)
    return frame


def empty_rows() -> pd.DataFrame:
    """No stored rows, with the columns and dtypes of ``rows_frame``."""
    return rows_frame([], STORED + BOOKKEEPING)


def public_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Stored rows → canonical registry frame + ``revision``."""
    frame = rows[STORED].copy()
    frame.insert(STORED.index("region_code") + 1, "province", regions.province_of(frame["region_code"]))
    frame = frame.astype(dict(CANONICAL_DTYPES))
    frame["revision"] = rows["revision"].astype("int64").to_numpy()
    return frame.reset_index(drop=True)


def driver_columns(rows: pd.DataFrame) -> list[list]:
    """Each column as a list of plain Python values the SQLite driver takes (None for missing)."""
    out = []
    for name in rows.columns:
        s = rows[name]
        if name in STORED_DATES:
            text = s.dt.strftime("%Y-%m-%d")
            out.append(text.astype(object).where(s.notna(), None).tolist())
        elif name in FLOAT_COLUMNS:
            out.append(s.astype(object).where(s.notna(), None).tolist())
        elif name in BOOL_COLUMNS:
            out.append(s.astype(bool).astype(int).tolist())
        elif name == "round":
            out.append(stored_round(s).tolist())
        elif s.dtype.kind in "iu":
            out.append(s.astype("int64").tolist())
        else:
            out.append(s.astype(object).tolist())
    return out


def stored_round(rounds: pd.Series) -> pd.Series:
    """Rounds as the database keeps them: int64, ``NO_ROUND`` for a row without one."""
    return rounds.astype(ROUND_DTYPE).fillna(NO_ROUND).astype("int64")


def row_keys(frame: pd.DataFrame) -> pd.Index:
    """One label per stored row's key (product_id, round), as a plain object index for fast lookups.

    The two key columns joined by a unit separator (a character the reader removes from ids), so a
    product's rows of different rounds are different rows and a registry without rounds keys by id.
    """
    ids = frame["product_id"].to_numpy(dtype=object).astype(str)
    rounds = stored_round(frame["round"]).to_numpy().astype(str) if "round" in frame else "0"
    return pd.Index(np.char.add(np.char.add(ids, "\x1f"), rounds).astype(object))


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """A canonical registry frame → stored columns with canonical dtypes; checks shape and keys.

    Values are not validated again (the frame comes from ``read_registry``), but a frame that
    could corrupt the store — missing columns, empty or duplicated product ids, no region — is
    refused with ``ValidationFailed`` before anything is written.
    """
    if "round" not in frame.columns:  # a frame built without rounds (older code, tests): no round
        frame = frame.assign(round=pd.array([pd.NA] * len(frame), dtype=ROUND_DTYPE))
    if "url" not in frame.columns:  # likewise without the product's web page
        frame = frame.assign(url="")
    missing = [c for c in STORED if c not in frame.columns]
    if missing:
        raise ValidationFailed(
            pd.concat(
                [problem_rows(c, "", "missing_column", Message("store.missing_column", column=c)) for c in missing],
                ignore_index=True,
            )
        )
    out = frame[STORED].reset_index(drop=True).copy()
    for col in ("product_id", *TEXT_COLUMNS):
        out[col] = out[col].astype(object).where(out[col].notna(), "").astype(str)
    # A frame built in code may leave the place empty: then the product is placed at its kab/kota.
    out["place_code"] = out["place_code"].where(out["place_code"].str.strip() != "", out["region_code"])
    _check_keys(out, _file_rows(frame))
    try:
        out["round"] = pd.to_numeric(out["round"].astype(object).where(out["round"].notna(), None)).astype(ROUND_DTYPE)
        for col in FLOAT_COLUMNS:
            out[col] = pd.to_numeric(out[col]).astype("float64")
        for col in BOOL_COLUMNS:
            out[col] = out[col].fillna(False).astype(bool)
        out["stage"] = pd.to_numeric(out["stage"]).astype("int8")
        for col in STORED_DATES:
            out[col] = pd.to_datetime(out[col]).astype("datetime64[us]")
    except (TypeError, ValueError) as exc:
        raise ValidationFailed(
            problem_rows(
                "",
                str(exc)[:200],
                "bad_frame",
                Message("store.bad_frame"),
            )
        ) from None
    for col in ("product_id", *TEXT_COLUMNS):
        out[col] = out[col].astype(CANONICAL_DTYPES[col])
    return out


def check_keys(out: pd.DataFrame, frame: pd.DataFrame) -> None:
    """``_check_keys`` again after the caller gave rows their round (two rows may now collide)."""
    _check_keys(out, _file_rows(frame))


def _file_rows(frame: pd.DataFrame) -> np.ndarray:
    return (frame["_row"] if "_row" in frame.columns else pd.Series(np.arange(len(frame)) + 2)).to_numpy()


def _check_keys(out: pd.DataFrame, file_rows: np.ndarray) -> None:
    """Refuse empty product ids or regions, a place outside its kab/kota and duplicated product ids
    (naming the file rows)."""
    problems = []
    for col in ("product_id", "region_code"):
        empty = (out[col].str.strip() == "").to_numpy()
        if empty.any():
            problems.append(
                problem_rows(
                    col,
                    "",
                    "required_value",
                    Message("store.required_value", column=col),
                    file_rows[empty],
                )
            )
    place, region = out["place_code"], out["region_code"]
    # A kab/kota code is NN.NN: a place lies in it when it is that code or continues it after a dot.
    width = region.str.len()
    outside = (place.str.slice(0, 5) != region) | ((place.str.len() > width) & (place.str.slice(5, 6) != "."))
    outside = outside.to_numpy() & (region != "").to_numpy()
    if outside.any():
        problems.append(
            problem_rows(
                "place_code",
                place[outside].tolist(),
                "place_outside_region",
                Message("store.place_outside_region"),
                file_rows[outside],
            )
        )
    dup = row_keys(out).duplicated(keep="first") & (out["product_id"] != "").to_numpy()
    if dup.any():
        ids = out.loc[dup, "product_id"].tolist()
        problems.append(problem_rows("product_id", ids, "duplicate_id", Message("store.duplicate_id"), file_rows[dup]))
    if problems:
        raise ValidationFailed(pd.concat(problems, ignore_index=True))


def same_content(a: pd.DataFrame, b: pd.DataFrame) -> np.ndarray:
    """Row-wise equality of two aligned frames over ``CONTENT``, missing equal to missing.

    This is what decides that a product is unchanged: the store writes no new row for it, and
    ``ovop_core.reverts`` uses it to find an import that would restore an earlier state.
    """
    same = np.ones(len(b), dtype=bool)
    for col in CONTENT:
        x, y = a[col], b[col]
        if col in FLOAT_COLUMNS:
            x, y = x.to_numpy(dtype="float64", na_value=np.nan), y.to_numpy(dtype="float64", na_value=np.nan)
            same &= (x == y) | (np.isnan(x) & np.isnan(y))
        elif col in STORED_DATES:
            x, y = pd.to_datetime(x).to_numpy(), pd.to_datetime(y).to_numpy()
            same &= (x == y) | (np.isnat(x) & np.isnat(y))
        else:
            x, y = x.to_numpy(dtype=object), y.to_numpy(dtype=object)
            eq = x == y
            same &= np.asarray(eq, dtype=bool)
    return same
