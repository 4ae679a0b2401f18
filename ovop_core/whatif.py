"""What-if scenarios: levers applied to a target set, computed on the whole table (DESIGN.md §5).

A scenario raises quality (k3) and/or market access (k4) by some points and/or sets evidence
(NIB, permit, halal, brand, export) for a target set of products; the result compares scores,
stars, recognition, region ranks and stage eligibility before and after. The UI, the CLI and
the tests all call ``run_whatif``, so the same scenario gives the same numbers everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from . import regions
from .model import (
    BASE_WEIGHTS,
    CRITERIA,
    DEFAULT_MODEL,
    FOOD_CATEGORIES,
    GATE_ITEMS,
    MAX_LEVEL,
    RECOGNISED_STAR,
    SUB_ITEM_KEYS,
    SUB_ITEMS,
    ScoringModel,
)
from .pipeline import pipeline_status
from .scoring import criterion_scores, detailed_criteria, score_columns, score_table
from .summary import top_products

INTERVENTIONS: tuple[str, ...] = ("nib", "permit", "halal", "brand", "export")
# The sub-item each intervention provides evidence for.
LINKED_SUB_ITEM = {"permit": "k3a", "halal": "k3b", "brand": "k4c", "export": "k4a", "nib": "k5c"}
MAX_LEVER = 40.0
# Columns the scenario needs to re-score and re-check eligibility; the rest is never copied.
_LEVER_INPUTS = (
    "product_id", "category", "region_code", "province", "stage", "stage_since", "assessors",
    "nib", "permit", "halal", "brand", "export", *CRITERIA, *SUB_ITEM_KEYS,
)
_ITEMS = {s.key: s for s in SUB_ITEMS}


class ScenarioError(ValueError):
    """A scenario that cannot be run (unknown intervention, lever out of range, bad target)."""


@dataclass(frozen=True)
class Target:
    """Which products receive the levers; empty tuples mean "all". Filters combine with AND.

    ``regions`` takes province ("33") or kab/kota ("33.01" or "3301") codes. ``stars`` and
    ``stages`` refer to the situation before the scenario. ``top_n`` then keeps only the N
    products of that set that gain most (stars gained first, then score gained).
    """

    regions: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    stages: tuple[int, ...] = ()
    stars: tuple[int, ...] = ()
    top_n: int | None = None


@dataclass(frozen=True)
class Scenario:
    quality: float = 0.0
    market: float = 0.0
    interventions: tuple[str, ...] = ()
    target: Target = field(default_factory=Target)
    model: ScoringModel = DEFAULT_MODEL

    def __post_init__(self) -> None:
        for name, value in (("quality", self.quality), ("market", self.market)):
            if not 0 <= value <= MAX_LEVER:
                raise ScenarioError(f"{name} must be between 0 and {MAX_LEVER:g} points, got {value:g}")
        unknown = set(self.interventions) - set(INTERVENTIONS)
        if unknown:
            raise ScenarioError(f"unknown intervention(s): {', '.join(sorted(unknown))}; known: {', '.join(INTERVENTIONS)}")
        if self.target.top_n is not None and self.target.top_n < 0:
            raise ScenarioError("top N must not be negative")


@dataclass
class WhatIfResult:
    products: pd.DataFrame  # per product, before and after
    transition_matrix: pd.DataFrame  # 5×5, rows = ★ before, columns = ★ after (rated products)
    recognised_before: int
    recognised_after: int
    regions: pd.DataFrame  # region index before/after with ranks
    n_targeted: int
    newly_eligible: int
    gates_still_blocking: dict[str, int]  # gate key → targeted products still capped by it

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
            "newly_eligible": self.newly_eligible,
            "gates_still_blocking": self.gates_still_blocking,
            "transition_matrix": self.transition_matrix.to_numpy().astype(int).tolist(),
            "regions": regions_out,
        }


def _plain(value):
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if np.isnan(value) else round(float(value), 6)
    if value is pd.NA:
        return None
    return value


def target_mask(scored: pd.DataFrame, target: Target) -> pd.Series:
    """Products matched by the target's filters (before ``top_n`` is applied)."""
    mask = pd.Series(True, index=scored.index)
    if target.regions:
        codes = [regions.to_dotted(c) for c in target.regions]
        provs = [c for c in codes if len(c) == 2]
        kabs = [c for c in codes if len(c) != 2]
        province = scored["region_code"].astype(str).str.slice(0, 2)
        mask &= province.isin(provs) | scored["region_code"].isin(kabs)
    if target.categories:
        mask &= scored["category"].isin(target.categories)
    if target.stages:
        mask &= scored["stage"].isin(target.stages)
    if target.stars:
        mask &= scored["stars"].isin(target.stars)
    return mask


def apply_levers(frame: pd.DataFrame, targeted: pd.Series, scenario: Scenario) -> pd.DataFrame:
    """The registry after the scenario's levers, for the targeted rows only.

    Interventions first set their evidence; in the detailed format they raise the linked
    sub-item to level 3, in the simple format they add the sub-item's points on the criterion
    scale, only where the evidence was missing (halal: +6/30·100 = +20 on k3). Quality and
    market points are then added to k3 and k4, capped at 100. The returned k1…k5 are final
    (sub-item columns are cleared so that scoring does not derive them again).
    """
    # Copy-on-write: selecting columns copies nothing until a column is replaced below.
    out = frame[[c for c in _LEVER_INPUTS if c in frame.columns]]
    t = targeted.to_numpy(dtype=bool)
    detailed = detailed_criteria(frame)
    bonus = {c: np.zeros(len(frame)) for c in CRITERIA}
    food = frame["category"].isin(FOOD_CATEGORIES).to_numpy()
    for name in scenario.interventions:
        item = _ITEMS[LINKED_SUB_ITEM[name]]
        if name == "permit":
            was_missing = (frame["permit"] == "none").to_numpy()
            new_permit = np.where(food, "pirt", "sni")
            out["permit"] = np.where(t & was_missing, new_permit, out["permit"].to_numpy()).astype(object)
        else:
            was_missing = ~frame[name].to_numpy(dtype=bool)
            out[name] = frame[name].to_numpy(dtype=bool) | t
        is_detailed = detailed[item.criterion].to_numpy()
        out[item.key] = np.where(t & is_detailed, float(MAX_LEVEL), out[item.key].to_numpy(dtype="float64"))
        points = 100.0 * item.points / BASE_WEIGHTS[item.criterion]
        bonus[item.criterion] += np.where(t & ~is_detailed & was_missing, points, 0.0)
    k = criterion_scores(out)
    k["k3"] += np.where(t, scenario.quality, 0.0)
    k["k4"] += np.where(t, scenario.market, 0.0)
    for crit in CRITERIA:
        out[crit] = np.minimum(k[crit].to_numpy() + bonus[crit], 100.0)
    out[list(SUB_ITEM_KEYS)] = np.nan
    return out


def _transition(before: np.ndarray, after: np.ndarray) -> pd.DataFrame:
    rated = (before >= 1) & (after >= 1)
    cells = (before[rated].astype(int) - 1) * 5 + (after[rated].astype(int) - 1)
    counts = np.bincount(cells, minlength=25).reshape(5, 5)
    labels = [1, 2, 3, 4, 5]
    return pd.DataFrame(counts, index=pd.Index(labels, name="before"), columns=pd.Index(labels, name="after"))


def _choose_top(before: pd.DataFrame, after: pd.DataFrame, candidates: pd.Series, n: int) -> pd.Series:
    """The n candidates that gain most: stars gained, then score gained, then product id."""
    gain = pd.DataFrame(
        {
            "stars": after["stars"].astype(int) - before["stars"].astype(int),
            "score": (after["score"] - before["score"]).fillna(0.0),
            "product_id": before["product_id"],
        }
    )[candidates.to_numpy()]
    order = gain.sort_values(["stars", "score", "product_id"], ascending=[False, False, True], kind="stable")
    chosen = pd.Series(False, index=before.index)
    chosen.loc[order.index[:n]] = True
    return chosen


def _rescore(frame: pd.DataFrame, targeted: pd.Series, scenario: Scenario) -> pd.DataFrame:
    changed = apply_levers(frame, targeted, scenario)
    results = score_columns(changed, scenario.model)
    return pd.concat([changed.drop(columns=list(CRITERIA)), results], axis=1)


def run_whatif(
    frame: pd.DataFrame,
    scenario: Scenario,
    today: date | pd.Timestamp | None = None,
    level: str = "province",
    before: pd.DataFrame | None = None,
) -> WhatIfResult:
    """Run one scenario over the whole registry.

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

    if "eligible_next_stage" in before.columns:  # the UI passes a table already carrying its status
        eligible_before = before["eligible_next_stage"]
    else:
        eligible_before = pipeline_status(before, today, reasons=False)["eligible_next_stage"]
    eligible_after = pipeline_status(after, today, reasons=False)["eligible_next_stage"]
    products = pd.DataFrame(
        {
            "product_id": before["product_id"],
            "name": before["name"],
            "category": before["category"],
            "region_code": before["region_code"],
            "stage": before["stage"],
            "score": before["score"],
            "stars": before["stars"],
            "score_after": after["score"],
            "stars_after": after["stars"],
            "targeted": targeted.to_numpy(),
            "eligible_before": eligible_before.to_numpy(),
            "eligible_after": eligible_after.to_numpy(),
            "cap_reason_after_id": after["cap_reason_id"],
            "cap_reason_after_en": after["cap_reason_en"],
        }
    )
    products["newly_eligible"] = ~products["eligible_before"] & products["eligible_after"]

    still_capped = targeted.to_numpy() & after["capped"].to_numpy()
    missing_after = after["missing_gates"][still_capped]
    gates = {g.key: int(missing_after.str.contains(rf"\b{g.key}\b").sum()) for g in GATE_ITEMS}

    return WhatIfResult(
        products=products,
        transition_matrix=_transition(before["stars"].to_numpy(), after["stars"].to_numpy()),
        recognised_before=int((before["stars"] >= RECOGNISED_STAR).sum()),
        recognised_after=int((after["stars"] >= RECOGNISED_STAR).sum()),
        regions=compare_regions(before, after, level),
        n_targeted=int(targeted.sum()),
        newly_eligible=int(products["newly_eligible"].sum()),
        gates_still_blocking=gates,
    )


def compare_regions(before: pd.DataFrame, after: pd.DataFrame, level: str = "province") -> pd.DataFrame:
    """Region index before and after, with ranks; ``rank_change`` > 0 means the region moved up."""
    b = regions.region_index(before, level)
    a = regions.region_index(after, level)
    keep = ["mean_score", "n_recognised", "share_recognised", "rank"]
    out = b[["code", "name", "n_products"]].copy()
    for col in keep:
        out[f"{col}_before"] = b[col]
        out[f"{col}_after"] = a[col]
    out["rank_change"] = out["rank_before"] - out["rank_after"]
    return out


def rank_stability(frame: pd.DataFrame, model_a: ScoringModel, model_b: ScoringModel, top: int = 20) -> int:
    """How many of the top ``top`` products under model A stay in the top ``top`` under model B."""
    def top_ids(model: ScoringModel) -> set:
        return set(top_products(score_table(frame, model), top)["product_id"])

    return len(top_ids(model_a) & top_ids(model_b))
