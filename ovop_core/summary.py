"""The region read model: what a region *is*, computed once for every mode (DESIGN.md §2, §4).

The overview, the map's region profile, the present slides, the kiosk and the region brief all
render a ``RegionSummary``, and ``python -m ovop_core summary --region`` prints one. A region's
KPIs, its star counts, its best products and their order, and its rank among its peers are
decided here and nowhere else, so the same region cannot give two answers in two modes.

A region is named by its scope code: ``""`` is Indonesia, ``"33"`` a province, ``"33.26"`` a
kab/kota, ``"33.26.05"`` a kecamatan (whose products are those placed in it at kecamatan or desa
depth, ``regions.kecamatan_of``). Every function takes the *analysed table* (``analysed_table``: scores, pipeline status
and region names, one row per product), already narrowed by any non-region filter the caller
applies (category, stage); the region itself is chosen here, by ``scope``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from . import regions
from .model import ScoringModel
from .pipeline import pipeline_status
from .scoring import score_table

# The one order of "top products", everywhere: best score first, products without a score
# (a criterion missing) last, and ties broken by product_id, so the order never depends on the
# row order of the file or on how names sort.
TOP_ORDER = (("score", False), ("product_id", True))
TOP_N = 10
# Regions are ranked among their peers by a rule of ``regions.RANK_RULES`` (DESIGN.md §4); by
# default the number of recognised products. Every mode states the rule next to its ranking
# (``regions.rank_rule_text``), read from the summary's ``Rank.rule`` / ``RegionSummary.rank_rule``.
RANK_RULE = regions.DEFAULT_RANK_RULE


# --- the analysed table ----------------------------------------------------------------------


def analysed_table(
    frame: pd.DataFrame, model: ScoringModel, today: date | pd.Timestamp | str | None = None
) -> pd.DataFrame:
    """The registry with scores, pipeline status and region names: the table every mode reads.

    ``today`` (a date or ``YYYY-MM-DD``; None for the real today) dates the pipeline status. The
    UI caches this per dataset version, model and day; the CLI and the tests call it directly.
    """
    scored = score_table(frame, model)
    out = pd.concat([scored, pipeline_status(scored, None if today is None else pd.Timestamp(today))], axis=1)
    names = regions.kabkota().set_index("code")
    out["region_name"] = out["region_code"].map(names["name"])
    out["province_name"] = out["region_code"].map(names["province_name"])
    return out


# --- scope -----------------------------------------------------------------------------------


def level_of(code: str) -> str:
    """``"country"`` for "", ``"province"`` for "33", ``"kabkota"`` for "33.26", ``"kecamatan"`` for "33.26.05"."""
    return "country" if not code else "province" if len(code) == 2 else "kabkota" if len(code) == 5 else "kecamatan"


def normalise_code(code: str | None) -> str:
    """A scope code in its dotted form ("3326" → "33.26"); raises ``ValueError`` for an unknown region."""
    dotted = regions.to_dotted(code or "")
    if dotted and regions.region_name(dotted) is None:
        raise ValueError(
            f"unknown region code {dotted!r}; expected a province (33), kab/kota (33.74) or kecamatan (33.74.01) code"
        )
    return dotted


def region_mask(table: pd.DataFrame, code: str) -> pd.Series:
    """Which rows of ``table`` belong to region ``code`` (all of them for Indonesia)."""
    if not code:
        return pd.Series(True, index=table.index)
    if len(code) == 2:
        province = table["province"] if "province" in table.columns else regions.province_of(table["region_code"])
        return province == code
    if len(code) == 5:
        return table["region_code"] == code
    # A kecamatan: among its kab/kota's products, those placed in it (only they are looked at).
    in_kabkota = (table["region_code"] == code[:5]).to_numpy()
    inside = np.zeros(len(table), dtype=bool)
    if "place_code" in table.columns:
        inside[in_kabkota] = (regions.kecamatan_of(table["place_code"][in_kabkota]) == code).to_numpy()
    return pd.Series(inside, index=table.index)


def scope(table: pd.DataFrame, code: str) -> pd.DataFrame:
    """The products of a region: all of ``table`` for "", a province's for "33", a kab/kota's for "33.26",
    a kecamatan's for "33.26.05".

    Rows keep the table's order and index (a boolean selection, nothing copied or re-sorted).
    """
    return table if not code else table[region_mask(table, code)]


# --- figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kpis:
    """The headline figures of a set of products (the KPI row of the overview, present and brief)."""

    n_products: int
    n_kabkota: int  # kab/kota with at least one product
    n_provinces: int
    mean_score: float  # of the rated products; NaN when none is rated
    n_recognised: int  # official ★≥3 (stage ≥ 3)
    share_recognised: float  # of the rated products; NaN when none is rated
    n_eligible: int  # may move on to the next stage
    n_rated: int = 0  # every criterion scored (stars > 0)
    not_rated: int = 0  # a criterion missing: counted, never dropped
    n_potential: int = 0  # estimated ★≥3 below stage 3
    revenue_idr: float = float("nan")  # sum where reported; NaN when no product reports it
    workers: float = float("nan")
    n_desa: float = float("nan")  # desa with a product; NaN without desa-level place codes


def _reported_sum(products: pd.DataFrame, column: str) -> float:
    """Sum of ``column`` over the products that report it; NaN when none does (or no column)."""
    if column not in products.columns or not products[column].notna().any():
        return float("nan")
    return float(products[column].sum())


def _desa_count(products: pd.DataFrame) -> float:
    """Distinct desa with a product (``regions.desa_ids``); NaN without a ``place_code`` column."""
    if "place_code" not in products.columns:
        return float("nan")
    ids = regions.desa_ids(products["place_code"])
    return float(len(np.unique(ids[ids >= 0])))


def compute_kpis(products: pd.DataFrame) -> Kpis:
    """The KPIs of ``products`` (rows of the analysed table). The only place they are computed."""
    n = len(products)
    recognised = int(products["recognised"].sum())
    rated = int((products["stars"] > 0).sum())
    province = products["province"] if "province" in products.columns else regions.province_of(products["region_code"])
    return Kpis(
        n_products=n,
        n_kabkota=int(products["region_code"].nunique()),
        n_provinces=int(province.nunique()),
        mean_score=float(products["score"].mean()),  # only rated products have a score: NaN when none
        n_recognised=recognised,
        share_recognised=recognised / rated if rated else float("nan"),
        n_eligible=int(products["eligible_next_stage"].sum()),
        n_rated=rated,
        not_rated=n - rated,
        n_potential=int(products["potential"].sum()) if "potential" in products.columns else 0,
        revenue_idr=_reported_sum(products, "revenue_idr"),
        workers=_reported_sum(products, "workers"),
        n_desa=_desa_count(products),
    )


def star_counts(products: pd.DataFrame) -> tuple[int, ...]:
    """Products per star: index 0 is "not rated" (a criterion missing), 1…5 the stars."""
    return tuple(int(c) for c in np.bincount(products["stars"].astype(int).to_numpy(), minlength=6))


def top_products(products: pd.DataFrame, n: int | None = None) -> pd.DataFrame:
    """The ``n`` best products (all when None) in the one order, ``TOP_ORDER``.

    Only the candidates that can make the top ``n`` are sorted (every product scoring at least
    the n-th best score, ties included), so a national top ten does not sort the whole registry.
    That pre-filter needs ``n`` scored products: pandas' ``nlargest`` keeps a missing score when
    there are fewer, and comparing with it would keep nothing.
    """
    if n is not None and len(products) > n:
        best = products["score"].dropna().nlargest(n)
        if len(best) == n:
            products = products[products["score"] >= best.iloc[-1]]
    columns = [c for c, _ in TOP_ORDER]
    ascending = [a for _, a in TOP_ORDER]
    # A sort by several columns is stable and puts missing scores last (pandas' defaults).
    return products.sort_values(columns, ascending=ascending).iloc[:n]


# --- peers and ranks -------------------------------------------------------------------------


def peers(table: pd.DataFrame, level: str, within: str = "", rank_by: str = RANK_RULE) -> pd.DataFrame:
    """The region index (``regions.region_index``) of ``level``, ranked by ``rank_by`` among its rows.

    ``within`` (a province code for kab/kota, a kab/kota code for kecamatan) keeps the regions
    inside it and ranks them among themselves: the peers of a kab/kota are the kab/kota of its
    province, the peers of a kecamatan the kecamatan of its kab/kota. Regions without products
    stay in the index, with no rank. ``rank_by`` is one of ``regions.RANK_RULES`` (ValueError otherwise).
    """
    index = regions.region_index(table, level, rank_by=rank_by)
    parent = {"kabkota": "province", "kecamatan": "kabkota"}.get(level)
    if within and parent:
        index = index[index[parent] == within].reset_index(drop=True)
        index["rank"] = regions.rank_regions(index, rank_by)
    return index


def _peer_level(code: str) -> tuple[str, str]:
    """(level, parent region) of the peers a region is ranked among."""
    if len(code) == 2:
        return "province", ""
    return ("kabkota", code[:2]) if len(code) == 5 else ("kecamatan", code[:5])


def without_kecamatan(table: pd.DataFrame, kabkota: str) -> int:
    """How many products of ``kabkota`` belong to no kecamatan: placed only at their kab/kota (or
    in a kecamatan unknown to Kemendagri's list), so no kecamatan map or index can show them."""
    products = scope(table, kabkota)
    if "place_code" not in products.columns:
        return len(products)
    known = regions.kecamatan_of(products["place_code"]).isin(set(regions.kecamatan()["code"]))
    return int((~known).sum())


@dataclass(frozen=True)
class Rank:
    """A region's place among its peers; ``position`` is None when the region has no products."""

    position: int | None
    total: int  # peers with products (the ranked ones)
    level: str  # "province", "kabkota" or "kecamatan"
    rule: str = RANK_RULE  # the rank rule (regions.RANK_RULES), stated next to every ranking

    def rule_text(self, lang: str) -> str:
        """The sentence stated next to this rank (``regions.rank_rule_text``)."""
        return regions.rank_rule_text(self.rule, lang)


@dataclass(frozen=True)
class Labels:
    """What every figure rests on, named wherever figures are shown: where the data comes from
    (the app's text key for its source, "" when not said) and the scoring model's version."""

    model_version: str
    source: str = ""
    illustrative: bool = False  # sample or synthetic data: the modes say so


# --- the summary -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class RegionSummary:
    """One region as every mode shows it.

    ``top`` holds the region's best products in ``TOP_ORDER`` (as many as asked for); ``peers``
    the index of the regions it is ranked among (None for Indonesia) and ``subregions`` the
    index of the regions inside it, ranked among themselves (provinces of Indonesia, kab/kota of
    a province, kecamatan of a kab/kota; None for a kecamatan). Both are ranked by ``rank_rule``,
    which every view states next to its ranking (``rank_rule_text``). ``without_kecamatan``
    counts, for a kab/kota or a kecamatan, the products of the kab/kota that belong to no
    kecamatan (placed at kab/kota depth): the kecamatan figures leave them out, and views say so.
    """

    code: str
    level: str
    name: str  # the region's name; "" for Indonesia (each mode names the country in its language)
    kpis: Kpis
    stars: tuple[int, ...]  # star_counts
    top: pd.DataFrame
    rank: Rank | None
    peers: pd.DataFrame | None
    subregions: pd.DataFrame | None
    labels: Labels
    rank_rule: str = RANK_RULE
    without_kecamatan: int = 0

    @property
    def has_products(self) -> bool:
        return self.kpis.n_products > 0

    def rank_rule_text(self, lang: str) -> str:
        """The sentence stated next to the peers' and subregions' rankings, in ``lang``."""
        return regions.rank_rule_text(self.rank_rule, lang)

    def to_dict(self) -> dict:
        """JSON-ready (the CLI's output): figures, stars, the top products' ids, names and scores."""
        k = self.kpis
        top = self.top
        return {
            "code": self.code,
            "level": self.level,
            "name": self.name,
            "model_version": self.labels.model_version,
            "kpis": {
                "n_products": k.n_products,
                "n_kabkota": k.n_kabkota,
                "n_provinces": k.n_provinces,
                "mean_score": _number(k.mean_score),
                "n_recognised": k.n_recognised,
                "share_recognised": _number(k.share_recognised),
                "n_eligible": k.n_eligible,
                "n_rated": k.n_rated,
                "not_rated": k.not_rated,
                "n_potential": k.n_potential,
                "revenue_idr": _number(k.revenue_idr),
                "workers": _number(k.workers),
                "n_desa": _number(k.n_desa),
            },
            "rank_rule": self.rank_rule,
            "without_kecamatan": self.without_kecamatan,
            "stars": {("not_rated" if s == 0 else str(s)): n for s, n in enumerate(self.stars)},
            "rank": None
            if self.rank is None
            else {
                "position": self.rank.position,
                "total": self.rank.total,
                "level": self.rank.level,
                "rule": self.rank.rule,
            },
            "top_products": [
                {
                    "product_id": str(pid),
                    "name": str(name),
                    "score": None if pd.isna(score) else round(float(score), 6),
                    "stars": int(stars),
                }
                for pid, name, score, stars in zip(top["product_id"], top["name"], top["score"], top["stars"])
            ],
        }


def summarise(
    table: pd.DataFrame,
    code: str = "",
    top_n: int | None = TOP_N,
    labels: Labels | None = None,
    rank_by: str = RANK_RULE,
) -> RegionSummary:
    """The summary of region ``code`` ("" Indonesia, "33", "33.26", "33.26.05") over ``table`` (the analysed table).

    ``top_n`` best products are kept (None: all of them, in order). ``labels`` default to the
    model the table was scored with. Peers and subregions are ranked by ``rank_by`` (one of
    ``regions.RANK_RULES``). Raises ``ValueError`` for an unknown region code or rank rule.
    """
    regions.check_rank_rule(rank_by)
    code = normalise_code(code)
    level = level_of(code)
    products = scope(table, code)
    rank = peer_index = None
    if code:
        peer_level, within = _peer_level(code)
        peer_index = peers(table, peer_level, within, rank_by)
        # A known code (normalise_code) is always a row of its peers' index.
        position = peer_index.loc[peer_index["code"] == code, "rank"].iloc[0]
        rank = Rank(
            None if pd.isna(position) else int(position), int(peer_index["rank"].notna().sum()), peer_level, rank_by
        )
    if level == "country":
        subregions = peers(table, "province", rank_by=rank_by)
    elif level == "province":
        subregions = peers(table, "kabkota", within=code, rank_by=rank_by)
    elif level == "kabkota":
        subregions = peers(table, "kecamatan", within=code, rank_by=rank_by)
    else:
        subregions = None
    if labels is None:
        labels = Labels(model_version=_model_version(table))
    return RegionSummary(
        code=code,
        level=level,
        name=regions.region_name(code) or "",  # "" names no region: Indonesia
        kpis=compute_kpis(products),
        stars=star_counts(products),
        top=top_products(products, top_n),
        rank=rank,
        peers=peer_index,
        subregions=subregions,
        labels=labels,
        rank_rule=rank_by,
        without_kecamatan=_without_kecamatan(table, code, subregions if level == "kabkota" else peer_index),
    )


def _without_kecamatan(table: pd.DataFrame, code: str, kecamatan_index: pd.DataFrame | None) -> int:
    """``without_kecamatan`` of a kab/kota or kecamatan summary, from the kecamatan index already
    computed for it (the kab/kota's products less those its kecamatan hold); 0 at other levels."""
    if len(code) not in (5, 8) or kecamatan_index is None:
        return 0
    return int((table["region_code"] == code[:5]).sum() - kecamatan_index["n_products"].sum())


def _number(value: float) -> float | None:
    """A figure for JSON: None for NaN ("no data"), else rounded to 6 decimals."""
    return None if np.isnan(value) else round(float(value), 6)


def _model_version(table: pd.DataFrame) -> str:
    if "model_version" in table.columns and len(table):
        return str(table["model_version"].iloc[0])
    return ""


def provinces_with_products(table: pd.DataFrame) -> pd.DataFrame:
    """The provinces that hold at least one product (``code``, ``name``), in alphabetical order of
    their names: the province choices of the present mode and the kiosk."""
    index = regions.region_index(table, "province")
    return index.loc[index["has_data"], ["code", "name"]].sort_values("name").reset_index(drop=True)


def default_province(table: pd.DataFrame, preferred: str = "") -> str:
    """The province a province view opens on: ``preferred`` when it holds products, else the one
    with most products (ties: lowest code), so the view is never empty; "" for an empty table."""
    if preferred and preferred in set(provinces_with_products(table)["code"]):
        return preferred
    counts = table["province"].value_counts()
    if counts.empty:
        return ""
    top = counts[counts == counts.max()].index
    return str(sorted(top)[0])
