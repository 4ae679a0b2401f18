"""What-if scenarios: levers applied to a target set, computed on the whole table (DESIGN.md §5).

A scenario raises quality (k3) and/or market access (k4) by some points and/or sets evidence
(NIB, permit, halal, brand, export) for a target set of products; the result compares scores,
stars, recognition, region ranks and stage eligibility before and after. The UI, the CLI and
the tests all call ``run_whatif``, so the same scenario gives the same numbers everywhere.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from . import regions
from .model import (
    BASE_WEIGHTS,
    CATEGORIES,
    CRITERIA,
    DEFAULT_MODEL,
    FOOD_CATEGORIES,
    GATE_ITEMS,
    MAX_LEVEL,
    PRESETS,
    RECOGNISED_STAR,
    SUB_ITEM_KEYS,
    SUB_ITEMS,
    ScoringModel,
    get_model,
)
from .params import finite_number, known_value, known_values
from .pipeline import LAST_STAGE, eligible_next_stage
from .scoring import criterion_scores, detailed_criteria, score_columns, score_table
from .summary import top_products

INTERVENTIONS: tuple[str, ...] = ("nib", "permit", "halal", "brand", "export")
# The sub-item each intervention provides evidence for.
LINKED_SUB_ITEM = {"permit": "k3a", "halal": "k3b", "brand": "k4c", "export": "k4a", "nib": "k5c"}
# Interventions that concern only products regulated as food or drugs (DESIGN.md §5): halal
# certification is for what is eaten, drunk or taken as medicine.
_FOOD_ONLY_INTERVENTIONS = frozenset({"halal"})
MAX_LEVER = 40.0
# A scenario in a link (the what-if page's URL): short parameter names, as links are read out and
# typed. Levers in a link snap to the page's slider step; "top N" stays within its input's range.
QUERY_KEYS = ("q", "m", "iv", "tr", "tc", "ts", "tst", "top", "model")
LEVER_STEP = 5
TOP_RANGE = (1, 100_000)
# Columns the scenario needs to re-score and re-check eligibility; the rest is never copied.
_LEVER_INPUTS = (
    "product_id",
    "category",
    "region_code",
    "province",
    "stage",
    "stage_since",
    "assessors",
    "nib",
    "permit",
    "halal",
    "brand",
    "export",
    *CRITERIA,
    *SUB_ITEM_KEYS,
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
            raise ScenarioError(
                f"unknown intervention(s): {', '.join(sorted(unknown))}; known: {', '.join(INTERVENTIONS)}"
            )
        if self.target.top_n is not None and self.target.top_n < 0:
            raise ScenarioError("top N must not be negative")

    # --- the scenario as text: a link's parameters and the CLI's flags ----------------------
    # One encoding each way, so a link, the command line shown under the what-if page, the CLI
    # and the present mode's cache key all describe the same scenario.

    def to_query(self) -> dict[str, str]:
        """The scenario as link parameters, one per ``QUERY_KEYS``; a default is "" (left out of the link).

        The model is named only when it is a preset other than the default: a custom weight set
        is not carried by a link, which then opens with the default model.
        """
        t = self.target
        version = self.model.version
        return {
            "q": f"{self.quality:g}" if self.quality else "",
            "m": f"{self.market:g}" if self.market else "",
            "iv": ",".join(self.interventions),
            "tr": ",".join(t.regions),
            "tc": ",".join(t.categories),
            "ts": ",".join(str(x) for x in t.stages),
            "tst": ",".join(str(x) for x in t.stars),
            "top": "" if t.top_n is None else str(t.top_n),
            "model": version if version in PRESETS and version != DEFAULT_MODEL.version else "",
        }

    @classmethod
    def from_query(cls, params: Mapping[str, object]) -> Scenario:
        """The scenario a link describes; never fails.

        Links are untrusted: each parameter is parsed to a value the what-if page accepts or
        ignored (levers clamped to 0…``MAX_LEVER`` and snapped to ``LEVER_STEP``; only known
        interventions, region codes, categories, stages and stars; top N within ``TOP_RANGE``).
        """
        get = params.get
        quality = finite_number(get("q"), 0, MAX_LEVER, step=LEVER_STEP) or 0
        market = finite_number(get("m"), 0, MAX_LEVER, step=LEVER_STEP) or 0
        region_codes = set(regions.provinces()["code"]) | set(regions.kabkota()["code"])
        top = finite_number(get("top"), *TOP_RANGE)
        target = Target(
            regions=tuple(known_values(get("tr"), region_codes, regions.to_dotted)),
            categories=tuple(known_values(get("tc"), CATEGORIES)),
            stages=tuple(known_values(get("ts"), range(LAST_STAGE + 1), int)),
            stars=tuple(known_values(get("tst"), range(1, 6), int)),
            top_n=None if top is None else int(round(top)),
        )
        model = PRESETS[known_value(get("model"), PRESETS, DEFAULT_MODEL.version)]
        return cls(int(quality), int(market), tuple(known_values(get("iv"), INTERVENTIONS)), target, model)

    def to_cli_args(self) -> list[str]:
        """The ``python -m ovop_core whatif`` flags that reproduce this scenario (a custom model has none)."""
        t = self.target
        args = ["--model", self.model.version] if self.model.version in PRESETS else []
        for flag, value in (
            ("--quality", f"{self.quality:g}" if self.quality else ""),
            ("--market", f"{self.market:g}" if self.market else ""),
            ("--intervene", ",".join(self.interventions)),
            ("--region", ",".join(t.regions)),
            ("--category", ",".join(t.categories)),
            ("--stage", ",".join(str(x) for x in t.stages)),
            ("--stars", ",".join(str(x) for x in t.stars)),
            ("--top", "" if t.top_n is None else str(t.top_n)),
        ):
            if value:
                args += [flag, value]
        return args

    @classmethod
    def from_cli_args(cls, args: Sequence[str] | argparse.Namespace) -> Scenario:
        """The scenario the CLI's flags describe: a list of strings, or the namespace a parser built
        with ``add_cli_arguments`` returned. Strict: raises ``ScenarioError`` saying what is wrong."""
        if not isinstance(args, argparse.Namespace):
            parser = _FlagParser(prog="scenario", add_help=False)
            add_cli_arguments(parser)
            args = parser.parse_args(list(args))
        regions_ = _items(args.region)
        for code in regions_:
            if regions.region_name(code) is None:
                raise ScenarioError(f"unknown region code: {code}")
        categories = _items(args.category)
        bad = [c for c in categories if c not in CATEGORIES]
        if bad:
            raise ScenarioError(f"unknown category: {', '.join(bad)} (expected: {', '.join(CATEGORIES)})")
        target = Target(
            regions=regions_,
            categories=categories,
            stages=tuple(int(x) for x in _items(args.stage)),
            stars=tuple(int(x) for x in _items(args.stars)),
            top_n=args.top,
        )
        try:
            model = get_model(args.model)
        except KeyError as exc:
            raise ScenarioError(str(exc.args[0])) from None
        return cls(args.quality, args.market, _items(args.intervene), target, model)

    def to_dict(self) -> dict:
        """JSON-ready (printed by the CLI beside a what-if summary)."""
        t = self.target
        return {
            "model": self.model.version,
            "quality": self.quality,
            "market": self.market,
            "interventions": list(self.interventions),
            "regions": list(t.regions),
            "categories": list(t.categories),
            "stages": list(t.stages),
            "stars": list(t.stars),
            "top": t.top_n,
        }


class _FlagParser(argparse.ArgumentParser):
    """Reads scenario flags given as a list: a bad flag is a ``ScenarioError``, not an exit."""

    def error(self, message: str):
        raise ScenarioError(message)


def _items(text: str | None) -> tuple[str, ...]:
    """The items of a comma-separated flag value, stripped, empty ones dropped."""
    return tuple(x.strip() for x in (text or "").split(",") if x.strip())


def _stage_list(text: str) -> str:
    for part in text.split(","):
        if part.strip() and (not part.strip().isdigit() or int(part) > LAST_STAGE):
            raise argparse.ArgumentTypeError(f"stages are whole numbers 0–{LAST_STAGE}, got {part!r}")
    return text


def _star_list(text: str) -> str:
    for part in text.split(","):
        if part.strip() and part.strip() not in {"1", "2", "3", "4", "5"}:
            raise argparse.ArgumentTypeError(f"stars are 1–5, got {part!r}")
    return text


def _interventions(text: str) -> str:
    bad = [x for x in text.split(",") if x.strip() and x.strip() not in INTERVENTIONS]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown intervention {', '.join(bad)} (expected: {','.join(INTERVENTIONS)})")
    return text


def add_cli_arguments(parser: argparse.ArgumentParser, model: bool = True) -> None:
    """The scenario's flags (``--quality`` … ``--top``, and ``--model`` unless the caller has its own)."""
    if model:
        parser.add_argument("--model", default=DEFAULT_MODEL.version, help=f"scoring preset: {', '.join(PRESETS)}")
    parser.add_argument("--quality", type=float, default=0.0, help="points added to k3 (0–40)")
    parser.add_argument("--market", type=float, default=0.0, help="points added to k4 (0–40)")
    parser.add_argument("--intervene", type=_interventions, help=f"comma list of {','.join(INTERVENTIONS)}")
    parser.add_argument("--region", help="province or kab/kota code(s), comma separated")
    parser.add_argument("--category", help="category/categories, comma separated")
    parser.add_argument("--stage", type=_stage_list, help="stage(s) 0–6, comma separated")
    parser.add_argument("--stars", type=_star_list, help="star level(s) before, comma separated")
    parser.add_argument("--top", type=int, help="only the N targeted products that gain most")


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


def intervention_categories(name: str) -> tuple[str, ...]:
    """The categories (in ``CATEGORIES`` order) where intervention ``name`` can apply.

    Halal applies only to food, beverage and herbal products (``FOOD_CATEGORIES``); the others
    apply to every category. Present mode targets its default halal scenario with this, so the
    rule has one home; ``apply_levers`` does not restrict by it yet (DESIGN.md §5, later issue).
    """
    if name not in INTERVENTIONS:
        raise ScenarioError(f"unknown intervention: {name}; known: {', '.join(INTERVENTIONS)}")
    if name in _FOOD_ONLY_INTERVENTIONS:
        return tuple(c for c in CATEGORIES if c in FOOD_CATEGORIES)
    return CATEGORIES


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
    today: date | pd.Timestamp | str | None = None,
    level: str = "province",
    before: pd.DataFrame | None = None,
) -> WhatIfResult:
    """Run one scenario over the whole registry, with eligibility dated ``today`` (a date or
    ``YYYY-MM-DD``; None for the real today).

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
        eligible_before = eligible_next_stage(before, today)
    eligible_after = eligible_next_stage(after, today)
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
