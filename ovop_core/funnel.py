"""The pipeline view's figures (DESIGN.md §6): funnel, coaching owners, regions × stages, blockers.

Every function takes the table the app works on: ``scoring.score_table`` joined column-wise
with ``pipeline.pipeline_status`` (same index), already filtered to what the user looks at.
All counts are vectorised over the whole table.

Vocabulary:
- *in stage s*: the product's current stage is s.
- *reached s*: the product's stage is s or later (the registry keeps only the current stage,
  and a product only gets further by passing every earlier entry condition).
- *eligible*: the entry condition of the next stage is met (``eligible_next_stage``).
- *waiting*: a stage-5 product whose 36-month re-evaluation date has not come yet. Nothing
  is missing, time is; so it is neither eligible nor blocked. Stages 4 and 5 last by design
  until re-evaluation, so their products are never *stalled* (only stages 0–3 stall).
- *blocked*: neither eligible nor waiting, below the last stage. Its kinds of blocker are
  those of ``pipeline.RULES`` that block it (a product may have several, e.g. no NIB and
  scores incomplete). Kinds, eligibility and reasons all come from that one rule set, so the
  counts here always agree with the reasons ``pipeline_status`` gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import pipeline
from .filters import Filters, apply_filters
from .model import COACHING_OWNER_BY_STAR, COACHING_OWNERS
from .pipeline import LAST_STAGE, RULES, STAGES
from .regions import LEVELS, province_of, region_table

STAGE_NUMBERS: tuple[int, ...] = tuple(s.number for s in STAGES)
# Stalled thresholds: per stage 0–3 (``pipeline.DEFAULT_STALLED_MONTHS`` when None), or one for all.
StalledMonths = Mapping[int, float] | float | None

# Kind of blocker -> the stages where it can block, derived from the rule set.
BLOCKING_KINDS: dict[str, tuple[int, ...]] = {r.kind: r.stages for r in RULES if not r.waiting}
# Stage 5 before its re-evaluation date; there is exactly one waiting rule (unpacking checks it).
(WAITING_KIND,) = (r.kind for r in RULES if r.waiting)

UNRATED_OWNER = "unrated"
OWNERS: tuple[str, ...] = (*COACHING_OWNERS, UNRATED_OWNER)
# What a stage's product list can be narrowed to: a ``product_status`` or stalled (a product of
# any status that has been in its stage too long).
SHOWN_STATUSES: tuple[str, ...] = ("all", "eligible", "blocked", "waiting", "stalled")


def stalled_mask(table: pd.DataFrame, months: StalledMonths = None) -> pd.Series:
    """True where a product of stages 0–3 has been in its stage at least its stage's threshold
    (``pipeline.stalled_mask``: the status's own rule; no stage date: False)."""
    return pipeline.stalled_mask(table["stage"], table["months_in_stage"], months)


def blocking_kinds(table: pd.DataFrame) -> pd.DataFrame:
    """Per product, which kinds of blocker hold (one boolean column per ``BLOCKING_KINDS`` key,
    plus ``reeval_not_yet``): ``pipeline.blocking_kinds`` itself, fed from the table's status
    columns, so there is no second copy of the rules here.

    Only products that are not eligible and below the last stage can have a kind; a blocked
    product always has at least one. The table's ``reeval_due`` says whether the 36 months have
    passed (stages 3–6), which is all the stage-5 rules need: no date has to be passed in.
    """
    facts = pipeline.rule_facts(table, table["reeval_due"])
    return pipeline.blocking_kinds(facts)


def product_status(table: pd.DataFrame) -> pd.Series:
    """Per product: ``eligible``, ``blocked``, ``waiting`` (stage 5 before its date) or ``last``."""
    stage = table["stage"].astype("int64").to_numpy()
    eligible = table["eligible_next_stage"].astype(bool).to_numpy()
    waiting = blocking_kinds(table)[WAITING_KIND].to_numpy()
    status = np.select([stage >= LAST_STAGE, eligible, waiting], ["last", "eligible", "waiting"], default="blocked")
    return pd.Series(status, index=table.index, dtype=object)


def _per_stage(stage: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    chosen = stage if mask is None else stage[mask]
    return np.bincount(chosen, minlength=len(STAGES))[: len(STAGES)]


def stage_funnel(table: pd.DataFrame, stalled_months: StalledMonths = None) -> pd.DataFrame:
    """One row per stage 0–6 (index = stage number).

    Columns: ``stage``; ``n_in_stage``; ``n_reached`` (stage ≥ s); ``conversion`` =
    reached(s+1) / reached(s), the share of products that reached s and got further (NaN when
    reached(s) = 0 and at the last stage); ``n_eligible``, ``n_blocked``, ``n_waiting`` (they
    add up to ``n_in_stage`` for stages 0–5; stage 6 has none of them); ``n_stalled`` (stages 0–3, at
    least ``stalled_months`` in the stage); ``n_reeval_due`` (stages 3–6).
    """
    stage = table["stage"].astype("int64").to_numpy()
    status = product_status(table).to_numpy()
    in_stage = _per_stage(stage)
    reached = in_stage[::-1].cumsum()[::-1]
    following = np.append(reached[1:], 0).astype("float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        conversion = np.where(reached > 0, following / np.where(reached > 0, reached, 1), np.nan)
    conversion[LAST_STAGE] = np.nan
    out = pd.DataFrame(
        {
            "stage": np.array(STAGE_NUMBERS, dtype="int64"),
            "n_in_stage": in_stage,
            "n_reached": reached,
            "conversion": conversion,
            "n_eligible": _per_stage(stage, status == "eligible"),
            "n_blocked": _per_stage(stage, status == "blocked"),
            "n_waiting": _per_stage(stage, status == "waiting"),
            "n_stalled": _per_stage(stage, stalled_mask(table, stalled_months).to_numpy()),
            "n_reeval_due": _per_stage(stage, table["reeval_due"].astype(bool).to_numpy()),
        },
        index=pd.Index(STAGE_NUMBERS, name="stage_number"),
    )
    return out


@dataclass(frozen=True)
class FunnelTotals:
    """The pipeline's headline counts over every stage: what the pipeline page and the present
    mode's pipeline slide show above the funnel, so both add the funnel up the same way."""

    n_products: int
    n_eligible: int
    n_blocked: int
    n_stalled: int
    n_reeval_due: int


def funnel_totals(funnel: pd.DataFrame) -> FunnelTotals:
    """``stage_funnel``'s columns summed over the stages (every product is in exactly one stage)."""
    return FunnelTotals(
        n_products=int(funnel["n_in_stage"].sum()),
        n_eligible=int(funnel["n_eligible"].sum()),
        n_blocked=int(funnel["n_blocked"].sum()),
        n_stalled=int(funnel["n_stalled"].sum()),
        n_reeval_due=int(funnel["n_reeval_due"].sum()),
    )


def most_blocked_stage(funnel: pd.DataFrame) -> int:
    """The stage with most blocked products (the first such stage on a tie, stage 0 when none is
    blocked): where the pipeline page opens, because that is where coaching is needed."""
    return int(funnel["n_blocked"].idxmax())


def products_showing(table: pd.DataFrame, shown: str, stalled_months: StalledMonths = None) -> pd.DataFrame:
    """The rows of ``table`` that ``shown`` (one of ``SHOWN_STATUSES``) asks for: every product,
    those of one ``product_status``, or the stalled ones (``stalled_mask``)."""
    if shown not in SHOWN_STATUSES:
        raise ValueError(f"unknown product status {shown!r}; expected one of {SHOWN_STATUSES}")
    if shown == "all":
        return table
    if shown == "stalled":
        return table[stalled_mask(table, stalled_months)]
    return table[product_status(table) == shown]


def owner_load(table: pd.DataFrame) -> pd.DataFrame:
    """Products per coaching owner by star (DESIGN.md §4): ``kabkota`` ★1–2, ``provinsi`` ★3,
    ``pusat`` ★4–5, and ``unrated`` (no star yet, so no owner).

    Columns: ``owner``, ``n_products`` (all products of the table), ``n_in_coaching`` (of them,
    those now in stage 4 Pembinaan). Always four rows, in that order.
    """
    stars = table["stars"].astype("int64")
    owner = stars.map(dict(COACHING_OWNER_BY_STAR)).fillna(UNRATED_OWNER)
    owner = pd.Categorical(owner, categories=list(OWNERS))
    coached = (table["stage"].astype("int64") == 4).to_numpy()
    codes = owner.codes.astype("int64")
    return pd.DataFrame(
        {
            "owner": list(OWNERS),
            "n_products": np.bincount(codes, minlength=len(OWNERS)),
            "n_in_coaching": np.bincount(codes[coached], minlength=len(OWNERS)),
        }
    )


def region_stage_matrix(table: pd.DataFrame, level: str = "province", province: str = "") -> pd.DataFrame:
    """Regions × stages: products in each stage for every region of ``level`` in scope.

    ``level`` is ``province`` (all 38) or ``kabkota`` (those of ``province`` when given, else
    all 514). Columns: ``code``, ``name`` (+ ``province`` for kab/kota), ``stage_0`` …
    ``stage_6`` and ``total``; regions without products have zeros. Rows follow the official
    code order. Products whose region is not in the table are left out.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {LEVELS}")
    regions = region_table(level)
    if level == "kabkota" and province:
        regions = regions[regions["province"] == province]
    regions = regions.reset_index(drop=True)
    if level == "province":
        group = table["province"] if "province" in table else province_of(table["region_code"])
    else:
        group = table["region_code"]
    pos = pd.Index(regions["code"]).get_indexer(group.astype(object)).astype("int64")  # -1: not in scope
    stage = table["stage"].astype("int64").to_numpy()
    known = pos >= 0
    n_stages = len(STAGES)
    flat = np.bincount(pos[known] * n_stages + stage[known], minlength=len(regions) * n_stages)
    counts = flat.reshape(len(regions), n_stages)
    out = regions[["code", "name"] + (["province"] if level == "kabkota" else [])].copy()
    for s in STAGE_NUMBERS:
        out[f"stage_{s}"] = counts[:, s]
    out["total"] = counts.sum(axis=1)
    return out


def blocking_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Products per kind of blocker per stage, long format: ``stage``, ``kind``, ``n_products``.

    One row for every stage where a kind can block (zeros included), in stage then rule
    order, including stage 5's ``reeval_not_yet`` (waiting, not blocked). A product with two
    blockers counts under both, so the rows of a stage may add up to more than its blocked
    products.
    """
    kinds = blocking_kinds(table)
    stage = table["stage"].astype("int64").to_numpy()
    pairs = sorted(
        {(s, r.kind) for r in RULES for s in r.stages}, key=lambda p: (p[0], list(kinds.columns).index(p[1]))
    )
    counts = {k: _per_stage(stage, kinds[k].to_numpy()) for k in kinds.columns}
    return pd.DataFrame(
        {
            "stage": [s for s, _ in pairs],
            "kind": [k for _, k in pairs],
            "n_products": [int(counts[k][s]) for s, k in pairs],
        }
    )


def filtered_stage_matrix(table: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The regions × stages matrix for what ``filters`` look at (``region_stage_matrix``).

    Without a province: every province, over the filtered products. With a province: its kab/kota,
    and a chosen kab/kota is shown among them (the kab/kota filter is not applied), as on the map;
    the category and stage filters always apply.
    """
    if not filters.province:
        return region_stage_matrix(apply_filters(table, filters), "province")
    pool = apply_filters(
        table, Filters(province=filters.province, categories=filters.categories, stages=filters.stages)
    )
    return region_stage_matrix(pool, "kabkota", filters.province)
