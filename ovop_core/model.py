"""The scoring model `ovop-2026.2`: criteria, weights, sub-items, star bands and gates.

Everything here is data, not behaviour, so that the UI, the CLI and the tests read the same
numbers. The model is our own synthesis of Kemenperin's OVOP criteria (Permenperin 78/2007,
Perdirjen IKM 98/2013) and Vietnam's OCOP scoring (QD 148/2023); it must be labelled as such
(the UI catalog's ``model.label``) and never presented as an official Kemenperin score.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .catalog import Both, Message, MessageError, translate

CRITERIA: tuple[str, ...] = ("k1", "k2", "k3", "k4", "k5")


def criterion_name(code: str, lang: str) -> str:
    """A criterion's name in ``lang`` (catalog ``criterion.<k>``); an unknown code as it is."""
    return translate(f"criterion.{code}", lang) if code in CRITERIA else code


@dataclass(frozen=True)
class SubItem:
    """One anchored sub-item of the detailed format, scored at level 0-3."""

    key: str
    criterion: str
    points: int

    def name(self, lang: str) -> str:
        """The sub-item's name in ``lang`` (catalog ``subitem.<key>``)."""
        return translate(f"subitem.{self.key}", lang)


# Sub-item points within a criterion sum to that criterion's base weight (DESIGN.md §4).
SUB_ITEMS: tuple[SubItem, ...] = (
    SubItem("k1a", "k1", 6),
    SubItem("k1b", "k1", 4),
    SubItem("k1c", "k1", 5),
    SubItem("k1d", "k1", 5),
    SubItem("k2a", "k2", 6),
    SubItem("k2b", "k2", 5),
    SubItem("k2c", "k2", 4),
    SubItem("k3a", "k3", 10),
    SubItem("k3b", "k3", 6),
    SubItem("k3c", "k3", 7),
    SubItem("k3d", "k3", 7),
    SubItem("k4a", "k4", 8),
    SubItem("k4b", "k4", 6),
    SubItem("k4c", "k4", 6),
    SubItem("k5a", "k5", 5),
    SubItem("k5b", "k5", 5),
    SubItem("k5c", "k5", 5),
)
SUB_ITEM_KEYS: tuple[str, ...] = tuple(s.key for s in SUB_ITEMS)
MAX_LEVEL = 3

CATEGORIES: tuple[str, ...] = ("pangan", "minuman", "tekstil", "rumah_tangga", "kerajinan", "herbal")


def category_name(code: str, lang: str) -> str:
    """A category's name in ``lang`` (catalog ``category.<code>``); an unknown code as it is."""
    return translate(f"category.{code}", lang) if code in CATEGORIES else code


# Categories that need halal certification (or a declared non-halal label) for ★4 (UU 33/2014).
HALAL_CATEGORIES: frozenset[str] = frozenset({"pangan", "minuman", "herbal"})
# Older name of the same set, kept for the modules that still import it (what-if, demo data).
FOOD_CATEGORIES: frozenset[str] = HALAL_CATEGORIES

PERMITS: tuple[str, ...] = ("none", "pirt", "bpom", "sni")
FOOD_PERMITS: frozenset[str] = frozenset({"pirt", "bpom"})
# The distribution permits (izin edar) that pass the ★3 gate, per category that needs one. Food and
# beverages may be sold with an SPP-IRT (home industry) or BPOM MD permit; herbal products (jamu,
# minyak urut, sabun, kosmetik) are drugs/cosmetics and need BPOM (TR or notifikasi) — a P-IRT
# does not cover them. SNI is a product standard, not an izin edar, so it passes no permit gate.
PERMITS_ACCEPTED: Mapping[str, frozenset[str]] = MappingProxyType(
    {"pangan": FOOD_PERMITS, "minuman": FOOD_PERMITS, "herbal": frozenset({"bpom"})}
)

# Lower edges of ★2..★5 (the OCOP bands): ★1 < 30 ≤ ★2 < 50 ≤ ★3 < 70 ≤ ★4 < 90 ≤ ★5.
STAR_EDGES: tuple[float, ...] = (30.0, 50.0, 70.0, 90.0)
RECOGNISED_STAR = 3
# A star is official (ditetapkan) only once the product has passed assessment (stage 3,
# "Penilaian & penetapan"); below it the same computation is an estimate (DESIGN.md §4).
OFFICIAL_STAGE = 3

# Coaching owner by star (Kemenperin practice): ★1–2 kab/kota, ★3 province, ★4–5 centre.
COACHING_OWNERS: tuple[str, ...] = ("kabkota", "provinsi", "pusat")
COACHING_OWNER_BY_STAR: Mapping[int, str] = MappingProxyType(
    {1: "kabkota", 2: "kabkota", 3: "provinsi", 4: "pusat", 5: "pusat"}
)


@dataclass(frozen=True)
class GateItem:
    """One piece of evidence a star requires, with the words used when it is missing.

    ``categories`` are the categories the item applies to (empty: every category). The missing
    text is the catalog's ``gate.missing.<key>``; a category in ``worded_by_category`` has its
    own (``gate.missing.<key>.<category>``) so that a capped product is told exactly what it
    lacks, e.g. BPOM rather than P-IRT/BPOM for a jamu.
    """

    key: str
    star: int
    categories: frozenset[str]
    worded_by_category: frozenset[str] = frozenset()

    @property
    def food_only(self) -> bool:
        """Older spelling of "binds only some categories" (food, beverages, herbal), kept for callers."""
        return bool(self.categories)

    def applies_to(self, category: str) -> bool:
        return not self.categories or category in self.categories

    def missing_text(self, category: str, lang: str) -> str:
        """The missing-item words for a product of ``category`` in ``lang``."""
        own = f".{category}" if category in self.worded_by_category else ""
        return translate(f"gate.missing.{self.key}{own}", lang)


# Listed in star order; a star requires its own items and all lower ones (DESIGN.md §4, gates).
# The keys are the vocabulary of ``missing_gates`` and of the UI's ``gate.*`` labels.
GATE_ITEMS: tuple[GateItem, ...] = (
    GateItem("nib", 3, frozenset()),
    GateItem("permit", 3, frozenset(PERMITS_ACCEPTED), frozenset({"herbal"})),
    GateItem("brand", 4, frozenset()),
    GateItem("halal", 4, HALAL_CATEGORIES),
    GateItem("export", 5, frozenset()),
)


@dataclass(frozen=True)
class ScoringModel:
    """Criterion weights under a versioned name; sub-item points stay the base ones (``BASE_WEIGHTS``).

    The detailed format turns sub-item levels into criterion percentages (k1…k5) with the base
    sub-item points; a preset only changes how the five percentages are weighted into the score.
    """

    version: str
    weights: Mapping[str, float] = field(default_factory=dict)
    description: str = ""  # catalog id of the words describing the weights

    def describe(self, lang: str) -> str:
        return translate(self.description, lang) if self.description else ""

    def __post_init__(self) -> None:
        validate_weights(self.weights)
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))


class InvalidWeightsError(MessageError, ValueError):
    """Raised when custom weights do not cover k1…k5 with non-negative numbers summing to 100."""


def validate_weights(weights: Mapping[str, float]) -> None:
    """Weights must name exactly k1…k5, be ≥ 0 and sum to 100 (within 1e-9)."""
    if set(weights) != set(CRITERIA):
        raise InvalidWeightsError(Message("weights.exact_keys"))
    try:
        values = [float(weights[k]) for k in CRITERIA]
    except (TypeError, ValueError):
        raise InvalidWeightsError(Message("weights.numbers")) from None
    if any(not math.isfinite(v) for v in values):
        raise InvalidWeightsError(Message("weights.numbers"))
    if any(v < 0 for v in values):
        raise InvalidWeightsError(Message("weights.negative"))
    total = sum(values)
    if abs(total - 100.0) > 1e-9:
        shown = f"{total:g}"
        raise InvalidWeightsError(Message("weights.sum", total=Both(shown.replace(".", ","), shown)))


BASE_WEIGHTS: Mapping[str, int] = MappingProxyType({"k1": 20, "k2": 15, "k3": 30, "k4": 20, "k5": 15})

# `ovop-2026.2` differs from `ovop-2026.1` only in the gates (herbal needs BPOM, a declared
# non-halal product is exempt from halal) and the what-if interventions; the weights are the same.
OVOP_2026 = ScoringModel(
    "ovop-2026.2",
    BASE_WEIGHTS,
    "model.description.ovop_2026",
)

# OCOP (QĐ 148/2023) scores three parts: A production organisation 40, B marketing & story 25,
# C product quality 35. Mapped onto our criteria: A → k1 (local base) 20 + k5 (continuity) 20;
# B → k4 (market) 15 + k2 (story/culture) 10; C → k3 (quality) 35.
OCOP_2023 = ScoringModel(
    "ocop-2023",
    {"k1": 20, "k2": 10, "k3": 35, "k4": 15, "k5": 20},
    "model.description.ocop_2023",
)

PRESETS: Mapping[str, ScoringModel] = MappingProxyType({m.version: m for m in (OVOP_2026, OCOP_2023)})
DEFAULT_MODEL = OVOP_2026


# Retired preset names. `ovop-2026.1` had the same weights but the wrong gates (P-IRT accepted for
# herbal, no non-halal exemption); a stored result or a script naming it is scored with the model
# that replaced it rather than refused, and the result names the model actually used.
RETIRED_PRESETS: Mapping[str, str] = MappingProxyType({"ovop-2026.1": OVOP_2026.version})


def get_model(version: str) -> ScoringModel:
    """Return a preset by its version name (a retired name maps to its successor, see
    ``RETIRED_PRESETS``); raises KeyError naming the known presets."""
    try:
        return PRESETS[RETIRED_PRESETS.get(version, version)]
    except KeyError:
        raise KeyError(f"unknown model {version!r}; known: {', '.join(PRESETS)}") from None


def custom_model(weights: Mapping[str, float]) -> ScoringModel:
    """A user-defined weight set; its version string records the weights for traceability."""
    parts = ",".join(f"{k}={float(weights[k]):g}" for k in CRITERIA if k in weights)
    return ScoringModel(f"custom({parts})", weights, "model.description.custom")
