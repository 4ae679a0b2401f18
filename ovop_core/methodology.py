"""What the Metodologi page discloses: the model's weights, sub-items and anchors, bands, gates,
presets, pipeline rules, and which parts follow a public rule and which are this model's own.

Officials are asked "where does this ★3 come from?"; the answer must be the model the app is
running, not a copy of it. So every table here is built from the live definitions in ``model``,
``scoring`` and ``pipeline`` (weights, points, edges, gates, thresholds): change a rule there and
this page changes with it. The words that explain the rules (anchors, provenance, entry conditions)
are in the catalog (``method.*``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .catalog import translate
from .model import (
    COACHING_OWNER_BY_STAR,
    CRITERIA,
    GATE_ITEMS,
    OFFICIAL_STAGE,
    PRESETS,
    STAR_EDGES,
    SUB_ITEMS,
    criterion_name,
)
from .pipeline import DEFAULT_STALLED_MONTHS, LAST_STAGE, MIN_ASSESSORS, REEVALUATION_MONTHS, SELECTION_SCORE, STAGES

LEVELS = (1, 2, 3)  # the anchored levels of a sub-item (DESIGN.md §4); level 0 is "no evidence"


def anchor(key: str, level: int, lang: str) -> str:
    """What level ``level`` of sub-item ``key`` looks like (catalog ``method.anchor.<key>.<level>``)."""
    return translate(f"method.anchor.{key}.{level}", lang)


@dataclass(frozen=True)
class Provenance:
    """One part of the method and where it comes from: a public rule (with its source) or ours."""

    part: str  # catalog id of the part's description
    public: bool
    source: str


_SYNTHESIS = "sintesis model ini / this model's synthesis"

PROVENANCE: tuple[Provenance, ...] = (
    Provenance("method.part.bands", True, "OCOP QĐ 148/2023"),
    Provenance("method.part.validity", True, "OCOP QĐ 148/2023"),
    Provenance("method.part.coaching_owner", True, "Kemenperin (Permenperin 14/2021)"),
    Provenance("method.part.stages", True, "Permenperin 78/M-IND/PER/9/2007, Perdirjen IKM 98/2013"),
    Provenance("method.part.non_halal", True, "UU 33/2014"),
    Provenance("method.part.criteria", False, _SYNTHESIS),
    Provenance("method.part.sub_items", False, _SYNTHESIS),
    Provenance("method.part.gates", False, _SYNTHESIS),
    Provenance("method.part.stage_entry", False, _SYNTHESIS),
)


def weights(lang: str) -> pd.DataFrame:
    """One row per criterion: its name and its weight under every preset (columns by version)."""
    rows = {"key": list(CRITERIA), "criterion": [criterion_name(c, lang) for c in CRITERIA]}
    for version, model in PRESETS.items():
        rows[version] = [float(model.weights[c]) for c in CRITERIA]
    return pd.DataFrame(rows)


def sub_items(lang: str) -> pd.DataFrame:
    """One row per sub-item of the detailed format: criterion, points and the three anchors."""
    return pd.DataFrame(
        {
            "criterion": [s.criterion for s in SUB_ITEMS],
            "key": [s.key for s in SUB_ITEMS],
            "item": [s.name(lang) for s in SUB_ITEMS],
            "points": [s.points for s in SUB_ITEMS],
            **{f"level_{level}": [anchor(s.key, level, lang) for s in SUB_ITEMS] for level in LEVELS},
        }
    )


def bands() -> pd.DataFrame:
    """Star bands as half-open score ranges [low, high), with the coaching owner of each star."""
    lows = (0.0, *STAR_EDGES)
    highs = (*STAR_EDGES, 100.0)
    return pd.DataFrame(
        {
            "stars": range(1, 6),
            "low": lows,
            "high": highs,
            "high_inclusive": [False] * 4 + [True],
            "coaching_owner": [COACHING_OWNER_BY_STAR[s] for s in range(1, 6)],
        }
    )


# What lifts a gate besides its evidence, stated beside the requirement (DESIGN.md §4): the
# catalog's ``method.gate_exemption.<gate>`` for these gates.
_GATE_EXEMPTIONS: frozenset[str] = frozenset({"halal"})


def _requirement(gate, lang: str) -> str:
    """The gate's missing-item words, with the per-category wording and any exemption."""
    parts = [gate.missing_text("", lang)]
    parts += [f"{cat}: {gate.missing_text(cat, lang)}" for cat in sorted(gate.worded_by_category)]
    if gate.key in _GATE_EXEMPTIONS:
        parts.append(translate(f"method.gate_exemption.{gate.key}", lang))
    return "; ".join(parts)


def gates(lang: str) -> pd.DataFrame:
    """One row per gate item: the star it guards, what is required and which categories it binds."""
    everyone = translate("method.all_categories", lang)
    return pd.DataFrame(
        {
            "stars": [g.star for g in GATE_ITEMS],
            "key": [g.key for g in GATE_ITEMS],
            "requirement": [_requirement(g, lang) for g in GATE_ITEMS],
            "categories": [", ".join(sorted(g.categories)) if g.categories else everyone for g in GATE_ITEMS],
        }
    )


def stage_rules(lang: str) -> pd.DataFrame:
    """The entry condition of each pipeline stage, with the model's live thresholds filled in."""
    params = {
        "score": f"{SELECTION_SCORE:g}",
        "n": MIN_ASSESSORS,
        "stage": OFFICIAL_STAGE,
        "months": REEVALUATION_MONTHS,
    }
    conditions = [translate(f"method.entry.{s.number}", lang, **params) for s in STAGES]
    # Stages 0–3 stall after their own threshold; 4–5 last by design until re-evaluation (§6).
    time = [
        translate("method.time.stalled", lang, months=DEFAULT_STALLED_MONTHS[s.number])
        if s.number in DEFAULT_STALLED_MONTHS
        else translate("method.time.due" if s.number == LAST_STAGE else "method.time.waiting", lang)
        for s in STAGES
    ]
    return pd.DataFrame(
        {
            "stage": [s.number for s in STAGES],
            "name": [s.name(lang) for s in STAGES],
            "entry_condition": conditions,
            "time_in_stage": time,
            "official_star": [s.number >= OFFICIAL_STAGE for s in STAGES],
        }
    )


def provenance(lang: str) -> pd.DataFrame:
    """Which parts follow a public rule (with its source) and which are this model's synthesis."""
    return pd.DataFrame(
        {
            "part": [translate(p.part, lang) for p in PROVENANCE],
            "public": [p.public for p in PROVENANCE],
            "source": [p.source for p in PROVENANCE],
        }
    )
