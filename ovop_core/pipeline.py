"""Pipeline stages and the one rule set for moving on (DESIGN.md §6).

Each stage has an entry condition. For a product in stage s the core checks the entry condition
of stage s+1 and, when it is not met, says why in plain words (id and en), e.g. "skor 47,3 < 50",
"belum ada NIB", "baru 2 penilai (perlu 3)". Stage 6 (re-evaluation) is the last stage.

The entry conditions are written once, as data: ``RULES``. Everything that speaks of moving on
derives from it — ``pipeline_status`` (eligibility and blocking reasons), ``funnel`` (kinds of
blocker and their counts) and ``whatif`` (eligibility before and after) — so a changed rule
changes all of them at once and they cannot disagree.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .model import CRITERIA
from .scoring import snap

SELECTION_SCORE = 50.0
MIN_ASSESSORS = 3
REEVALUATION_MONTHS = 36
DEFAULT_STALLED_MONTHS = 12
_DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Stage:
    number: int
    name_id: str
    name_en: str


STAGES: tuple[Stage, ...] = (
    Stage(0, "Identifikasi potensi", "Identified"),
    Stage(1, "Pengusulan", "Proposed"),
    Stage(2, "Seleksi", "Selected"),
    Stage(3, "Penilaian & penetapan", "Assessed & rated"),
    Stage(4, "Pembinaan", "Coached"),
    Stage(5, "Promosi & pasar global", "Promoted / go global"),
    Stage(6, "Evaluasi ulang", "Re-evaluation due"),
)
LAST_STAGE = STAGES[-1].number


# --- the rule set ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StageRule:
    """One kind of blocker: a part of the entry condition of the next stage that can fail.

    For a product in one of ``stages``, ``blocks(facts)`` is True where this part is not met
    (``facts`` is ``rule_facts``'s frame; the predicate is vectorised over all products). A
    product may move on when no rule of its stage blocks. ``reason_id``/``reason_en`` are the
    words shown when it blocks, with ``{score}``, ``{assessors}``, ``{stars}`` and ``{month}``
    filled per product. A ``waiting`` rule blocks only until a date: nothing is missing, time
    is, so the funnel counts its products as waiting rather than blocked.
    """

    kind: str
    stages: tuple[int, ...]
    blocks: Callable[[pd.DataFrame], pd.Series]
    reason_id: str
    reason_en: str
    waiting: bool = False

    def reason(self, lang: str) -> str:
        return self.reason_id if lang == "id" else self.reason_en


def _promotable(f: pd.DataFrame) -> pd.Series:
    """★4–5, or ★2–3 with documented export (entry to stage 5)."""
    return f["stars"].isin([4, 5]) | (f["stars"].isin([2, 3]) & f["export"])


# Listed by stage; within a stage, in the order its reasons are joined. A rule that needs
# another's premise (a score to compare) blocks only where that premise holds, so a product
# gets the one reason that tells what to do first.
RULES: tuple[StageRule, ...] = (
    StageRule(
        "incomplete",
        (0, 1),
        lambda f: ~f["complete"],
        "nilai kriteria belum lengkap",
        "criterion scores incomplete",
    ),
    StageRule("no_nib", (0,), lambda f: ~f["nib"], "belum ada NIB", "no NIB (business identity number)"),
    StageRule(
        "low_score",
        (1,),
        lambda f: f["complete"] & ~(snap(f["score"]) >= SELECTION_SCORE),
        f"skor {{score}} < {SELECTION_SCORE:g}",
        f"score {{score}} < {SELECTION_SCORE:g}",
    ),
    StageRule(
        "few_assessors",
        (2,),
        lambda f: f["assessors"] < MIN_ASSESSORS,
        f"baru {{assessors}} penilai (perlu {MIN_ASSESSORS})",
        f"only {{assessors}} assessors ({MIN_ASSESSORS} needed)",
    ),
    StageRule("unrated", (3, 4), lambda f: f["stars"] < 1, "bintang belum ditetapkan", "no star rating yet"),
    StageRule(
        "promotion_criteria",
        (4,),
        lambda f: (f["stars"] >= 1) & ~_promotable(f),
        "★{stars}; perlu ★4–5, atau ★2–3 dengan bukti ekspor",
        "★{stars}; needs ★4–5, or ★2–3 with documented export",
    ),
    StageRule("no_stage_date", (5,), lambda f: f["since"].isna(), "tanggal tahap belum diisi", "stage date missing"),
    StageRule(
        "reeval_not_yet",
        (5,),
        lambda f: f["since"].notna() & ~f["reeval_reached"],
        "evaluasi ulang mulai {month}",
        "re-evaluation from {month}",
        waiting=True,
    ),
)
# Kinds of blocker in rule order (a product may have several, e.g. no NIB and scores incomplete).
KINDS: tuple[str, ...] = tuple(dict.fromkeys(rule.kind for rule in RULES))


def _stage_dates(table: pd.DataFrame) -> pd.Series:
    """``stage_since`` as dates (NaT where missing, or everywhere when the column is absent)."""
    if "stage_since" not in table:
        return pd.Series(pd.NaT, index=table.index, dtype="datetime64[ns]")
    return pd.to_datetime(table["stage_since"])


def reevaluation_reached(since: pd.Series, today: date | pd.Timestamp) -> pd.Series:
    """True where ``REEVALUATION_MONTHS`` have passed since the stage date (no date: False)."""
    due = since + pd.DateOffset(months=REEVALUATION_MONTHS)
    return since.notna() & (due <= pd.Timestamp(today).normalize())


def rule_facts(table: pd.DataFrame, reeval_reached: pd.Series) -> pd.DataFrame:
    """The per-product inputs the rules read, in the types they compare.

    ``table`` is a scored registry (``scoring.score_table``). ``reeval_reached`` is passed in
    rather than computed from a date, so that a table that already carries its status (the
    funnel's) can supply its own ``reeval_due`` and give the same answer without knowing the day.
    """
    idx = table.index
    assessors = table["assessors"].fillna(0).astype("int64") if "assessors" in table else pd.Series(0, index=idx)
    return pd.DataFrame(
        {
            "stage": table["stage"].astype("int64"),
            "complete": table[list(CRITERIA)].notna().all(axis=1),
            "nib": table["nib"].astype(bool),
            "score": table["score"],
            "assessors": assessors,
            "stars": table["stars"].astype("int64"),
            "export": table["export"].astype(bool),
            "since": _stage_dates(table),
            "reeval_reached": reeval_reached.astype(bool),
        },
        index=idx,
    )


def blocking_kinds(facts: pd.DataFrame) -> pd.DataFrame:
    """Per product, one boolean column per kind (``KINDS``): True where a rule of the product's
    stage blocks its entry to the next stage. Stage-6 products have none (there is no next)."""
    stage = facts["stage"]
    out = {kind: np.zeros(len(facts), dtype=bool) for kind in KINDS}
    for rule in RULES:  # a handful of rules, each vectorised over all products
        out[rule.kind] |= stage.isin(rule.stages).to_numpy() & rule.blocks(facts).to_numpy(dtype=bool)
    return pd.DataFrame(out, index=facts.index)


def _eligible(facts: pd.DataFrame, kinds: pd.DataFrame) -> pd.Series:
    """May enter the next stage: below the last stage and no rule blocks."""
    return facts["stage"].between(0, LAST_STAGE - 1) & ~kinds.any(axis=1)


def eligible_next_stage(scored: pd.DataFrame, today: date | pd.Timestamp | None = None) -> pd.Series:
    """Per product: True where the entry condition of its next stage is met on ``today``.

    The what-if engine calls this (before and after a scenario) so that it judges eligibility
    by exactly the rules the pipeline page shows.
    """
    today = pd.Timestamp(today if today is not None else date.today()).normalize()
    facts = rule_facts(scored, reevaluation_reached(_stage_dates(scored), today))
    return _eligible(facts, blocking_kinds(facts))


# --- reasons ---------------------------------------------------------------------------------


def _fmt_score(values: pd.Series, lang: str) -> pd.Series:
    # Truncate, not round: 49.97 must read "49,9 < 50", never the contradictory "50,0 < 50".
    shown = np.floor(snap(values.to_numpy(dtype="float64")) * 10) / 10
    text = pd.Series(np.char.mod("%.1f", shown), index=values.index, dtype=object)
    return text.str.replace(".", ",", regex=False) if lang == "id" else text


def _reason_fields(facts: pd.DataFrame, lang: str) -> dict[str, pd.Series]:
    """The values a reason template may name, as text in ``lang``."""
    due = facts["since"] + pd.DateOffset(months=REEVALUATION_MONTHS)
    return {
        "score": _fmt_score(facts["score"], lang),
        "assessors": facts["assessors"].astype(str),
        "stars": facts["stars"].astype(str),
        "month": due.dt.strftime("%Y-%m").fillna(""),
    }


def _render(template: str, fields: Mapping[str, pd.Series]) -> pd.Series | str:
    """Fill ``{name}`` placeholders element-wise (one concatenation per template part)."""
    out: pd.Series | str = ""
    for literal, name, _, _ in string.Formatter().parse(template):
        out = out + literal
        if name:
            out = out + fields[name]
    return out


def _join(parts: list[pd.Series]) -> pd.Series:
    """Join non-empty reason fragments with "; ", element-wise."""
    out = parts[0]
    for part in parts[1:]:
        sep = np.where((out != "") & (part != ""), "; ", "")
        out = out + sep + part
    return out


def blocking_reasons(facts: pd.DataFrame, kinds: pd.DataFrame, lang: str) -> pd.Series:
    """Per product, the reasons of its blocking kinds in ``lang``, joined with "; " ("" when none).

    Texts are built only for the products that have a reason: string work is the costly part.
    """
    out = pd.Series("", index=facts.index, dtype=object)
    has_reason = kinds.any(axis=1).to_numpy()
    if not has_reason.any():
        return out
    facts, kinds = facts[has_reason], kinds[has_reason]
    fields = _reason_fields(facts, lang)
    templates = {r.kind: r.reason(lang) for r in RULES}
    parts = [
        pd.Series(np.where(kinds[kind], _render(templates[kind], fields), ""), index=facts.index, dtype=object)
        for kind in KINDS
    ]
    out[has_reason] = _join(parts).to_numpy()
    return out


# --- the status ------------------------------------------------------------------------------


def pipeline_status(
    scored: pd.DataFrame,
    today: date | pd.Timestamp | None = None,
    stalled_months: float = DEFAULT_STALLED_MONTHS,
    reasons: bool = True,
) -> pd.DataFrame:
    """Per product: next stage, whether it may enter it, why not, stalled and re-evaluation flags.

    ``scored`` is the output of ``scoring.score_table``. Returns a frame on the same index with
    ``next_stage`` (<NA> at the last stage), ``eligible_next_stage``, ``blocking_reason_id``/
    ``_en`` ("" when eligible or at the last stage), ``months_in_stage``, ``stalled`` (longer
    than ``stalled_months`` in the stage) and ``reeval_due`` (stage ≥ 3 entered 36+ months ago).
    ``reasons=False`` skips the texts (when only eligibility is needed).
    """
    today = pd.Timestamp(today if today is not None else date.today()).normalize()
    idx = scored.index
    since = _stage_dates(scored)
    reached = reevaluation_reached(since, today)
    facts = rule_facts(scored, reached)
    kinds = blocking_kinds(facts)
    stage = facts["stage"]
    empty = pd.Series("", index=idx, dtype=object)
    texts = {lang: blocking_reasons(facts, kinds, lang) if reasons else empty for lang in ("id", "en")}

    months = (today - since).dt.days / _DAYS_PER_MONTH
    return pd.DataFrame(
        {
            "next_stage": (stage + 1).where(stage < LAST_STAGE).astype("Int64"),
            "eligible_next_stage": _eligible(facts, kinds),
            "blocking_reason_id": texts["id"],
            "blocking_reason_en": texts["en"],
            "months_in_stage": months,
            "stalled": (months > stalled_months).fillna(False).astype(bool),
            "reeval_due": (stage.between(3, 5) & reached).astype(bool),
        },
        index=idx,
    )
