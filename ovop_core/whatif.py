"""What-if scenarios: levers applied to a target set, computed on the whole table (DESIGN.md §5).

A scenario (``scenario.Scenario``) raises quality (k3) and/or market access (k4) by some points
and/or sets evidence (``interventions``) for a target set of products; the result compares scores,
stars, official recognition and estimated potential, region ranks and stage eligibility before
and after. The UI, the CLI and the tests all call ``run_whatif``, so the same scenario gives the
same numbers everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from . import regions
from .interventions import INTERVENTIONS, InterventionCount, apply_interventions, count
from .model import CRITERIA, GATE_ITEMS, RECOGNISED_STAR, SUB_ITEM_KEYS, ScoringModel
from .pipeline import eligible_next_stage
from .scenario import Scenario, Target
from .scoring import score_columns, score_table, snap
from .summary import RANK_RULE, top_products

# Columns the scenario needs to re-score and re-check eligibility; the rest is never copied.
# Optional ones (``non_halal``, ``rated_on``, ``round``) are carried when the registry has them.
_LEVER_INPUTS = (
    "product_id",
    "category",
    "region_code",
    "province",
    "stage",
    "stage_since",
    "rated_on",
    "round",
    "assessors",
    "nib",
    "permit",
    "halal",
    "non_halal",
    "brand",
    "export",
    *CRITERIA,
    *SUB_ITEM_KEYS,
)
STAR_LEVELS = (1, 2, 3, 4, 5)


@dataclass
class WhatIfResult:
    """What a scenario changes. Counts of recognised (official ★≥3, stage ≥ 3) and potential
    (estimated ★≥3, stage < 3) products cover the whole registry; the matrix, ``not_rated``,
    the intervention counts and the gates still blocking cover the targeted products only."""

    products: pd.DataFrame  # per product, before and after
    transition_matrix: pd.DataFrame  # 5×5, rows = ★ before, columns = ★ after (rated targeted products)
    not_rated: int  # targeted products with a criterion missing (not in the matrix)
    recognised_before: int
    recognised_after: int
    potential_before: int
    potential_after: int
    interventions: tuple[InterventionCount, ...]  # per chosen intervention, on the targeted products
    regions: pd.DataFrame  # region index before/after with ranks, at ``level``
    level: str
    rank_by: str  # the figure regions are ranked by
    n_targeted: int
    newly_eligible: int
    gates_still_blocking: dict[str, int]  # gate key → targeted products still capped by it

    @property
    def applied(self) -> dict[str, int]:
        """Intervention → number of targeted products it changed."""
        return {c.name: c.applied for c in self.interventions}

    @property
    def not_applied(self) -> dict[str, int]:
        """Intervention → number of targeted products it did not apply to."""
        return {c.name: c.not_applied for c in self.interventions}

    def summary(self) -> dict:
        """JSON-ready summary (the CLI's stdout)."""
        regions_out = {}
        for row in self.regions.to_dict("records"):
            regions_out[row["code"]] = {k: _plain(v) for k, v in row.items() if k != "code"}
        return {
            "n_products": int(len(self.products)),
            "n_targeted": self.n_targeted,
            "recognised_before": self.recognised_before,
            "recognised_after": self.recognised_after,
            "potential_before": self.potential_before,
            "potential_after": self.potential_after,
            "applied": self.applied,
            "not_applied": self.not_applied,
            "not_applied_reasons": {c.name: c.to_dict() for c in self.interventions},
            "newly_eligible": self.newly_eligible,
            "gates_still_blocking": self.gates_still_blocking,
            "transition_matrix": self.transition_matrix.to_numpy().astype(int).tolist(),
            "not_rated": self.not_rated,
            "level": self.level,
            "rank_by": self.rank_by,
            "regions": regions_out,
        }


def _plain(value):
    """A region figure for JSON: NaN (no data) as null, a float to 6 decimals, the rest as it is
    (``to_dict("records")`` gives Python numbers, and the region index holds no <NA>)."""
    if isinstance(value, float):
        return None if np.isnan(value) else round(value, 6)
    return value


def target_mask(scored: pd.DataFrame, target: Target) -> pd.Series:
    """Products matched by the target's filters, combined with AND (before ``top_n`` is applied)."""
    mask = pd.Series(True, index=scored.index)
    if target.regions:
        codes = [regions.to_dotted(c) for c in target.regions]
        provs = [c for c in codes if len(c) == 2]
        kabs = [c for c in codes if len(c) != 2]
        code = scored["region_code"].astype(str)
        mask &= code.str.slice(0, 2).isin(provs) | code.str.slice(0, 5).isin(kabs)
    if target.categories:
        mask &= scored["category"].isin(target.categories)
    if target.stages:
        mask &= scored["stage"].isin(target.stages)
    if target.stars:
        mask &= scored["stars"].isin(target.stars)
    return mask


def apply_levers(frame: pd.DataFrame, targeted: pd.Series, scenario: Scenario) -> pd.DataFrame:
    """The registry's scoring inputs after the scenario, changed on the targeted rows only.

    Interventions set evidence and credit their sub-item where they apply
    (``interventions.apply_interventions``); quality and market points are added to k3 and k4;
    every criterion is capped at 100. The returned k1…k5 are final.
    """
    # Copy-on-write: selecting columns copies nothing until a column is replaced.
    inputs = frame[[c for c in _LEVER_INPUTS if c in frame.columns]]
    levers = {"k3": scenario.quality, "k4": scenario.market}
    return apply_interventions(inputs, targeted.to_numpy(dtype=bool), scenario.interventions, levers)


def _transition(before: np.ndarray, after: np.ndarray, targeted: np.ndarray) -> tuple[pd.DataFrame, int]:
    """The star transitions of the rated targeted products, and how many targeted are not rated."""
    rated = targeted & (before >= 1) & (after >= 1)
    cells = (before[rated].astype(int) - 1) * 5 + (after[rated].astype(int) - 1)
    counts = np.bincount(cells, minlength=25).reshape(5, 5)
    matrix = pd.DataFrame(
        counts, index=pd.Index(STAR_LEVELS, name="before"), columns=pd.Index(STAR_LEVELS, name="after")
    )
    return matrix, int((targeted & ~rated).sum())


def _gain_keys(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The numeric keys of ``gain_order``, larger first: becomes ★≥3, stars gained, score gained, stage."""
    stars_before = before["stars"].to_numpy(dtype="int64")
    stars_after = after["stars"].to_numpy(dtype="int64")
    score_gain = after["score"].to_numpy(dtype="float64") - before["score"].to_numpy(dtype="float64")
    return pd.DataFrame(
        {
            "crosses": (stars_before < RECOGNISED_STAR) & (stars_after >= RECOGNISED_STAR),
            "stars": stars_after - stars_before,
            # Snapped: float noise in a difference must not decide between two equal gains.
            "score": snap(np.nan_to_num(score_gain)),
            "stage": before["stage"].to_numpy(dtype="int64"),
        },
        index=before.index,
    )


def gain_order(before: pd.DataFrame, after: pd.DataFrame) -> pd.Index:
    """Products in the order "gains most" (DESIGN.md §5): becomes ★≥3 (recognised or potential;
    yes first), stars gained, score gained, stage (higher first), then ``product_id``."""
    keys = _gain_keys(before, after).assign(product_id=before["product_id"].astype(str).to_numpy())
    return keys.sort_values(list(keys), ascending=[False, False, False, False, True], kind="stable").index


def _choose_top(before: pd.DataFrame, after: pd.DataFrame, candidates: pd.Series, n: int) -> pd.Series:
    """The n candidates that gain most (``gain_order``).

    Only the candidates at least as good as the n-th best on the numeric keys are put in full
    order (with their product ids), so a top 1,000 does not sort a million ids.
    """
    mask = candidates.to_numpy(dtype=bool)
    before, after = before[mask], after[mask]
    if 0 < n < len(before):
        keys = _gain_keys(before, after)
        columns = list(keys)
        values = keys.to_numpy(dtype="float64")
        kth = values[np.lexsort(values.T[::-1])[::-1][n - 1]]  # the n-th best key tuple
        at_least = np.ones(len(values), dtype=bool)  # lexicographically >= the n-th, last key first
        for i in reversed(range(len(columns))):
            at_least = (values[:, i] > kth[i]) | ((values[:, i] == kth[i]) & at_least)
        before, after = before[at_least], after[at_least]
    chosen = pd.Series(False, index=candidates.index)
    chosen.loc[gain_order(before, after)[:n]] = True
    return chosen


def _rescore(frame: pd.DataFrame, targeted: pd.Series, scenario: Scenario) -> pd.DataFrame:
    changed = apply_levers(frame, targeted, scenario)
    results = score_columns(changed, scenario.model)
    return pd.concat([changed.drop(columns=list(CRITERIA)), results], axis=1)


def run_whatif(
    frame: pd.DataFrame,
    scenario: Scenario,
    today: date | pd.Timestamp | str | None = None,
    level: str = "province",
    before: pd.DataFrame | None = None,
    rank_by: str = RANK_RULE,
) -> WhatIfResult:
    """Run one scenario over the whole registry, with eligibility dated ``today`` (a date or
    ``YYYY-MM-DD``; None for the real today), regions compared at ``level`` (province or
    kabkota) and ranked by ``rank_by`` (the read model's rule, ``summary.RANK_RULE``, by default).

    ``before`` may pass the table already scored with ``scenario.model`` (and, optionally, its
    ``pipeline_status`` columns for the same ``today``), as the UI caches it.
    """
    if before is None:
        before = score_table(frame, scenario.model)
    targeted = target_mask(before, scenario.target)
    after = _rescore(frame, targeted, scenario)
    if scenario.target.top_n is not None:
        targeted = _choose_top(before, after, targeted, scenario.target.top_n)
        after = _rescore(frame, targeted, scenario)
    t = targeted.to_numpy(dtype=bool)

    if "eligible_next_stage" in before.columns:  # the UI passes a table already carrying its status
        eligible_before = before["eligible_next_stage"]
    else:
        eligible_before = eligible_next_stage(before, today)
    eligible_after = eligible_next_stage(after, today)
    products = pd.DataFrame(
        {
            "product_id": before["product_id"],
            "name": before["name"],
            "category": before["category"],
            "region_code": before["region_code"],
            "stage": before["stage"],
            "official": before["official"],
            "score": before["score"],
            "stars": before["stars"],
            "score_after": after["score"],
            "stars_after": after["stars"],
            "targeted": t,
            "eligible_before": eligible_before.to_numpy(),
            "eligible_after": eligible_after.to_numpy(),
            "cap_reason_after_id": after["cap_reason_id"],
            "cap_reason_after_en": after["cap_reason_en"],
        }
    )
    products["newly_eligible"] = ~products["eligible_before"] & products["eligible_after"]

    still_capped = t & after["capped"].to_numpy()
    missing_after = after["missing_gates"][still_capped].astype(str)
    gates = {g.key: int(missing_after.str.contains(rf"\b{g.key}\b").sum()) for g in GATE_ITEMS}
    matrix, not_rated = _transition(before["stars"].to_numpy(), after["stars"].to_numpy(), t)
    chosen = tuple(name for name in INTERVENTIONS if name in scenario.interventions)

    return WhatIfResult(
        products=products,
        transition_matrix=matrix,
        not_rated=not_rated,
        recognised_before=int(before["recognised"].sum()),
        recognised_after=int(after["recognised"].sum()),
        potential_before=int(before["potential"].sum()),
        potential_after=int(after["potential"].sum()),
        interventions=count(frame, t, chosen),
        regions=compare_regions(before, after, level, rank_by),
        level=level,
        rank_by=rank_by,
        n_targeted=int(t.sum()),
        newly_eligible=int(products["newly_eligible"].sum()),
        gates_still_blocking=gates,
    )


def compare_regions(
    before: pd.DataFrame, after: pd.DataFrame, level: str = "province", rank_by: str = RANK_RULE
) -> pd.DataFrame:
    """Region index before and after, ranked by ``rank_by`` among the regions of ``level``.

    ``rank_change`` = rank before − rank after: positive when the region moved up (rank 5 → 3
    is +2), negative when it fell, NaN for a region without products.
    """
    b = regions.region_index(before, level, rank_by=rank_by)
    a = regions.region_index(after, level, rank_by=rank_by)
    keep = ["mean_score", "n_recognised", "share_recognised", "rank"]
    out = b[["code", "name", "n_products"]].copy()
    for col in keep:
        out[f"{col}_before"] = b[col]
        out[f"{col}_after"] = a[col]
    out["rank_change"] = out["rank_before"] - out["rank_after"]
    return out


def rank_stability(frame: pd.DataFrame, model_a: ScoringModel, model_b: ScoringModel, top: int = 20) -> int:
    """How many of the top ``top`` products under model A stay in the top ``top`` under model B.

    "Top" is the read model's one product order (``summary.top_products``), so the count agrees
    with the top lists every mode shows.
    """

    def top_ids(model: ScoringModel) -> set:
        return set(top_products(score_table(frame, model), top)["product_id"])

    return len(top_ids(model_a) & top_ids(model_b))
