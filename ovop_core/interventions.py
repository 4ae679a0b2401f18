"""The what-if interventions of DESIGN.md §5: where each applies, what it sets, and its credit.

An intervention sets evidence (NIB, permit, halal, brand, export) only where it makes sense for
the product's category and the product lacks it; elsewhere it changes nothing, and the result
says for how many targeted products, and why, it did not apply. In the detailed format it raises
the linked sub-item to a level (never lowering one); in the simple format it adds that level's
sub-item points to the criterion, as an exact fraction ``Fraction(points·100·levels, weight·3)``
of the BASE weights (``model.SUB_ITEMS``/``BASE_WEIGHTS``), so credits add up without rounding
before the sum. Under another preset the bump in k is the same, since k is 0–100 per criterion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

import numpy as np
import pandas as pd

from .model import BASE_WEIGHTS, CATEGORIES, CRITERIA, FOOD_CATEGORIES, MAX_LEVEL, SUB_ITEMS
from .scoring import criterion_scores, detailed_criteria

INTERVENTIONS: tuple[str, ...] = ("nib", "permit", "halal", "brand", "export")
MAX_LEVER = 50  # quality/market levers add 0…50 points to k3/k4 (DESIGN.md §5)
# The sub-item each intervention provides evidence for. NIB has none: it is a legal gate, not a
# quality, so it changes no score (k5c "years operating" is not what an NIB proves).
LINKED_SUB_ITEM: Mapping[str, str | None] = MappingProxyType(
    {"nib": None, "permit": "k3a", "halal": "k3b", "brand": "k4c", "export": "k4a"}
)
# Detailed-format level each intervention sets (permit: by the permit it sets).
_LEVEL = {"halal": 3, "brand": 2, "export": 3}
PERMIT_LEVEL: Mapping[str, int] = MappingProxyType({"none": 0, "pirt": 2, "bpom": 3, "sni": 3})
# The permit facilitation gives: PIRT to food and beverages, BPOM to herbal, SNI to the rest.
_PERMIT_BY_CATEGORY = {"pangan": "pirt", "minuman": "pirt", "herbal": "bpom"}
# Permits a category may be upgraded from (herbal: PIRT to BPOM; the others only from none).
_PERMIT_FROM_BY_CATEGORY = {"herbal": ("none", "pirt")}
_ITEMS = {s.key: s for s in SUB_ITEMS}
# Why an intervention did not apply to a targeted product.
REASONS: tuple[str, ...] = ("category", "non_halal", "has_evidence")


class ScenarioError(ValueError):
    """A scenario that cannot be run (unknown intervention, lever out of range, bad target)."""


def _check(name: str) -> None:
    if name not in INTERVENTIONS:
        raise ScenarioError(f"unknown intervention: {name}; known: {', '.join(INTERVENTIONS)}")


def intervention_categories(name: str) -> tuple[str, ...]:
    """The categories (in ``CATEGORIES`` order) where intervention ``name`` can apply.

    Halal applies only to food, beverage and herbal products (``FOOD_CATEGORIES``): halal
    certification is for what is eaten, drunk or taken as medicine. The others apply to every
    category (a permit is PIRT, BPOM or SNI by category). Present mode targets its default halal
    scenario with this, so the rule has one home.
    """
    _check(name)
    if name == "halal":
        return tuple(c for c in CATEGORIES if c in FOOD_CATEGORIES)
    return CATEGORIES


def permit_for(category: str) -> str:
    """The permit the permit intervention gives a product of ``category``."""
    return _PERMIT_BY_CATEGORY.get(category, "sni")


def credit(name: str, permit_before: str = "none", category: str = "pangan") -> Fraction:
    """The simple-format bump in the linked criterion (0–100 scale) where ``name`` applies.

    ``Fraction(points·100·levels, weight·3)``: halal k3 +20, brand k4 +20, export k4 +40;
    permit none→pirt k3 +200/9 (22.22…), none→bpom/sni +100/3, pirt→bpom +100/9; NIB 0.
    """
    _check(name)
    key = LINKED_SUB_ITEM[name]
    if key is None:
        return Fraction(0)
    if name == "permit":
        levels = PERMIT_LEVEL[permit_for(category)] - PERMIT_LEVEL[permit_before]
    else:
        levels = _LEVEL[name]
    item = _ITEMS[key]
    return Fraction(item.points * 100 * levels, BASE_WEIGHTS[item.criterion] * MAX_LEVEL)


@dataclass(frozen=True)
class InterventionCount:
    """How one intervention fell on the targeted products: changed, or not and why."""

    name: str
    applied: int  # targeted products it changed
    has_evidence: int = 0  # already had what it sets (or a permit it does not upgrade)
    non_halal: int = 0  # declared non-halal: exempt, not certified (halal only)
    other_category: Mapping[str, int] = field(default_factory=dict)  # category → products outside its scope

    @property
    def not_applied(self) -> int:
        return self.has_evidence + self.non_halal + sum(self.other_category.values())

    def to_dict(self) -> dict:
        return {
            "applied": self.applied,
            "not_applied": self.not_applied,
            "has_evidence": self.has_evidence,
            "non_halal": self.non_halal,
            "category": dict(self.other_category),
        }


def _bool(frame: pd.DataFrame, column: str) -> np.ndarray:
    """An evidence column as booleans; an optional column that is absent is all False."""
    if column not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame[column].fillna(False).to_numpy(dtype=bool)


def _codes(values: pd.Series, keys: tuple[str, ...]) -> np.ndarray:
    """Position of each value in ``keys`` (-1 for a missing or unknown value), vectorised: the few
    distinct values are looked up once, not one string per product."""
    codes, uniques = pd.factorize(values)
    lookup = np.append(pd.Index(keys).get_indexer(pd.Index(uniques, dtype=object)), -1)
    return lookup[codes]


@dataclass(frozen=True)
class _Facts:
    """What decides where interventions apply, read once per table: category and permit as codes
    (positions in ``CATEGORIES`` and ``PERMIT_LEVEL``; a missing permit is none), evidence flags."""

    category: np.ndarray
    permit: np.ndarray
    evidence: Mapping[str, np.ndarray]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> _Facts:
        category = _codes(frame["category"], CATEGORIES)
        permit = _codes(frame["permit"], tuple(PERMIT_LEVEL))
        names = ("nib", "halal", "brand", "export", "non_halal")
        return cls(category, np.where(permit < 0, 0, permit), {n: _bool(frame, n) for n in names})

    def in_categories(self, names) -> np.ndarray:
        return np.isin(self.category, [CATEGORIES.index(c) for c in names])

    def has_permit(self, names) -> np.ndarray:
        return np.isin(self.permit, [tuple(PERMIT_LEVEL).index(p) for p in names])


def _permit_given(facts: _Facts) -> tuple[np.ndarray, np.ndarray]:
    """The permit the intervention gives each product (by category) and the k3a level it stands for."""
    given = np.full(len(facts.category), permit_for(""), dtype=object)
    level = np.full(len(facts.category), PERMIT_LEVEL[permit_for("")], dtype="int64")
    for category, permit in _PERMIT_BY_CATEGORY.items():
        here = facts.category == CATEGORIES.index(category)
        given[here], level[here] = permit, PERMIT_LEVEL[permit]
    return given, level


def _applicable(facts: _Facts, name: str) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Where ``name`` applies (before targeting), and for the other rows the reason it does not."""
    _check(name)
    if name == "permit":
        ok = facts.has_permit(["none"])
        for category, sources in _PERMIT_FROM_BY_CATEGORY.items():
            ok |= facts.in_categories([category]) & facts.has_permit(sources)
        return ok, {"has_evidence": ~ok}
    has = facts.evidence[name]
    if name != "halal":
        return ~has, {"has_evidence": has}
    in_scope = facts.in_categories(intervention_categories("halal"))
    exempt = in_scope & facts.evidence["non_halal"]
    return in_scope & ~exempt & ~has, {
        "category": ~in_scope,
        "non_halal": exempt,
        "has_evidence": in_scope & ~exempt & has,
    }


def applicable(frame: pd.DataFrame, name: str) -> np.ndarray:
    """Where intervention ``name`` would change the product (DESIGN.md §5): the rows it applies to."""
    return _applicable(_Facts.of(frame), name)[0]


def count(frame: pd.DataFrame, targeted: np.ndarray, names: tuple[str, ...]) -> tuple[InterventionCount, ...]:
    """``InterventionCount`` of each of ``names`` over the ``targeted`` rows."""
    facts = _Facts.of(frame)
    counts = []
    for name in names:
        ok, why = _applicable(facts, name)
        outside = targeted & why.get("category", np.zeros(len(frame), dtype=bool))
        per_category = np.bincount(facts.category[outside & (facts.category >= 0)], minlength=len(CATEGORIES))
        counts.append(
            InterventionCount(
                name,
                int((targeted & ok).sum()),
                has_evidence=int((targeted & why["has_evidence"]).sum()),
                non_halal=int((targeted & why.get("non_halal", False)).sum()),
                other_category={c: int(n) for c, n in zip(CATEGORIES, per_category) if n},
            )
        )
    return tuple(counts)


def apply_interventions(
    frame: pd.DataFrame,
    targeted: np.ndarray | Mapping[str, np.ndarray],
    names: tuple[str, ...],
    levers: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """The registry after ``names`` and the ``levers`` (criterion → points) on the ``targeted`` rows.

    ``targeted`` may also map each intervention to its own rows (the budget planner scores every
    set of interventions in one stacked table); levers then apply where any intervention does.

    Evidence columns are set where each intervention applies. Levels of detailed rows are raised
    (never lowered) and k derived from them; simple rows get the sum of their credits as one
    exact fraction per criterion. Lever points are then added, and every criterion capped at 100.
    The returned k1…k5 are final: the sub-item columns are cleared so that scoring does not
    derive them again.
    """
    out = frame.copy(deep=False)
    facts = _Facts.of(frame) if names else None
    detailed = detailed_criteria(frame)
    # Credits per criterion as integer numerators over weight·3: an exact sum, divided once.
    numerators = {c: np.zeros(len(frame), dtype="int64") for c in CRITERIA}
    per_name = targeted if isinstance(targeted, Mapping) else dict.fromkeys(names, targeted)
    if isinstance(targeted, Mapping):
        targeted = np.logical_or.reduce([per_name[n] for n in names]) if names else np.zeros(len(frame), bool)
    for name in names:
        ok, _ = _applicable(facts, name)
        hit = per_name[name] & ok
        if name == "permit":
            given, new_level = _permit_given(facts)
            out["permit"] = frame["permit"].where(~hit, pd.Series(given, index=frame.index))
            levels = new_level - np.asarray(list(PERMIT_LEVEL.values()))[facts.permit]
        else:
            out[name] = facts.evidence[name] | hit
            new_level = np.full(len(frame), _LEVEL.get(name, 0), dtype="int64")
            levels = new_level
        key = LINKED_SUB_ITEM[name]
        if key is None:
            continue
        item = _ITEMS[key]
        is_detailed = detailed[item.criterion].to_numpy()
        if key in out.columns:  # a registry in the simple format may have no sub-item columns
            current = out[key].to_numpy(dtype="float64")
            out[key] = np.where(hit & is_detailed, np.maximum(current, new_level), current)
        numerators[item.criterion] += np.where(hit & ~is_detailed, item.points * 100 * levels, 0)
    k = criterion_scores(out)
    for crit in CRITERIA:
        bump = numerators[crit] / (BASE_WEIGHTS[crit] * MAX_LEVEL)
        lever = np.where(targeted, float((levers or {}).get(crit, 0.0)), 0.0)
        out[crit] = np.minimum(k[crit].to_numpy() + bump + lever, 100.0)
    present = [key for key in _ITEMS if key in out.columns]
    out[present] = np.nan
    return out
