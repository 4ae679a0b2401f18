"""Pipeline stages and the one rule set for moving on (DESIGN.md §6).

Each stage has an entry condition. For a product in stage s the core checks the entry condition
of stage s+1 and, when it is not met, says what to do in plain words (id and en), e.g. "naikkan
skor 13,6 poin, terutama mutu & penampilan (k3)", "urus NIB", "perlu 1 penilai lagi". Stage 6
(re-evaluation due) is the last stage.

The entry conditions are written once, as data: ``RULES``. Everything that speaks of moving on
derives from it — ``pipeline_status`` (eligibility and blocking reasons), ``funnel`` (kinds of
blocker and their counts) and ``whatif`` (eligibility before and after) — so a changed rule
changes all of them at once and they cannot disagree.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

import numpy as np
import pandas as pd

from .catalog import template, translate
from .model import CRITERIA, DEFAULT_MODEL, PRESETS, criterion_name
from .scoring import snap

SELECTION_SCORE = 50.0
MIN_ASSESSORS = 3
# OCOP certificates are valid 36 months (QĐ 148/2023); a model parameter, not a law of nature.
REEVAL_MONTHS = 36
REEVALUATION_MONTHS = REEVAL_MONTHS  # the older name, kept for callers
# Stalled (tertahan lama) applies to stages 0–3 only; stages 4 and 5 last by design until the
# re-evaluation ("waiting"), and stage 6 is the last. A product is stalled once it has been in
# its stage for at least its stage's threshold: ``months_in_stage >= threshold`` (so a product
# stalls on the calendar day the threshold is reached, not one day later).
DEFAULT_STALLED_MONTHS: Mapping[int, int] = MappingProxyType({0: 6, 1: 6, 2: 6, 3: 3})
STALLABLE_STAGES: tuple[int, ...] = tuple(DEFAULT_STALLED_MONTHS)


@dataclass(frozen=True)
class Stage:
    number: int

    def name(self, lang: str) -> str:
        """The stage's name in ``lang`` (catalog ``stage.<number>``)."""
        return translate(f"stage.{self.number}", lang)


STAGES: tuple[Stage, ...] = (
    Stage(0),
    Stage(1),
    Stage(2),
    Stage(3),
    Stage(4),
    Stage(5),
    Stage(6),
)
LAST_STAGE = STAGES[-1].number


# --- the rule set ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StageRule:
    """One kind of blocker: a part of the entry condition of the next stage that can fail.

    For a product in one of ``stages``, ``blocks(facts)`` is True where this part is not met
    (``facts`` is ``rule_facts``'s frame; the predicate is vectorised over all products). A
    product may move on when no rule of its stage blocks. The catalog's ``pipeline.reason.<kind>``
    says what to do, with ``{gap}``, ``{criterion}``, ``{more}``, ``{stars}`` and ``{month}``
    filled per product (``_reason_fields``); a rule ``counted`` by a field has one text per
    grammatical number (``….one`` where the field is 1, ``….many`` elsewhere). A ``waiting`` rule
    blocks only until a date: nothing is missing, time is, so the funnel counts its products as
    waiting, not blocked.
    """

    kind: str
    stages: tuple[int, ...]
    blocks: Callable[[pd.DataFrame], pd.Series]
    waiting: bool = False
    counted: str = ""  # the field whose number chooses the text's form ("" for one text)

    def reason(self, lang: str, form: str = "") -> str:
        """The unfilled reason in ``lang`` (``form``: "one" or "many" for a counted rule)."""
        return template(f"pipeline.reason.{self.kind}" + (f".{form}" if form else ""), lang)


def promotable(stars: pd.Series, export: pd.Series) -> pd.Series:
    """The entry condition of stage 5: ★4–5, or ★2–3 with documented export."""
    return stars.isin([4, 5]) | (stars.isin([2, 3]) & export.astype(bool))


# Listed by stage; within a stage, in the order its reasons are joined. A rule that needs
# another's premise (a score to compare) blocks only where that premise holds, so a product
# gets the one reason that tells what to do first. Stage 3 → 4 needs a star set (the product
# passed stage 3); a product with a criterion missing has none ("unrated").
RULES: tuple[StageRule, ...] = (
    StageRule(
        "unrated",
        (0, 1, 3, 4),
        lambda f: ~f["complete"],
    ),
    StageRule("no_nib", (0,), lambda f: ~f["nib"]),
    StageRule(
        "low_score",
        (1,),
        lambda f: f["complete"] & ~(snap(f["score"]) >= SELECTION_SCORE),
    ),
    StageRule(
        "few_assessors",
        (2,),
        lambda f: f["assessors"] < MIN_ASSESSORS,
        counted="more",
    ),
    StageRule(
        "low_star",
        (4,),
        lambda f: f["stars"] == 1,
    ),
    StageRule(
        "no_export",
        (4,),
        lambda f: f["stars"].isin([2, 3]) & ~f["export"],
    ),
    StageRule(
        "no_reeval_date",
        (5,),
        lambda f: f["reeval_from"].isna(),
    ),
    StageRule(
        "reeval_not_yet",
        (5,),
        lambda f: f["reeval_from"].notna() & ~f["reeval_reached"],
        waiting=True,
    ),
)
# Kinds of blocker in rule order (a product may have several, e.g. no NIB and not rated).
KINDS: tuple[str, ...] = tuple(dict.fromkeys(rule.kind for rule in RULES))


# --- dates -----------------------------------------------------------------------------------


def _dates(table: pd.DataFrame, column: str) -> pd.Series:
    """A date column as datetimes (NaT where missing, or everywhere when the column is absent)."""
    if column not in table:
        return pd.Series(pd.NaT, index=table.index, dtype="datetime64[ns]")
    return pd.to_datetime(table[column], errors="coerce")


def reevaluation_from(table: pd.DataFrame) -> pd.Series:
    """When the current rating began: ``rated_on`` (penetapan) where given; else, for products
    at stage ≥ 3, their ``stage_since`` (the only date the registry then has); else NaT."""
    rated = _dates(table, "rated_on")
    fallback = _dates(table, "stage_since").where(table["stage"].astype("int64") >= 3)
    return rated.fillna(fallback)


def reevaluation_reached(start: pd.Series, today: date | pd.Timestamp) -> pd.Series:
    """True where ``REEVAL_MONTHS`` calendar months have passed since ``start`` (no date: False)."""
    due = start + pd.DateOffset(months=REEVAL_MONTHS)
    return start.notna() & (due <= pd.Timestamp(today).normalize())


def months_between(start: pd.Series, today: date | pd.Timestamp) -> pd.Series:
    """Calendar months from ``start`` to ``today``: whole months, plus the part of the month
    under way (NaN without a date). Exactly 6.0 on the day six calendar months later (15 Jan →
    15 Jul), so thresholds in months read the way people count them."""
    today = pd.Timestamp(today).normalize()
    start = start.dt.normalize()
    whole = (today.year - start.dt.year) * 12 + (today.month - start.dt.month)
    whole = whole - (today.day < start.dt.day).astype("float64")  # this month's day not reached yet

    def shifted(months: pd.Series) -> pd.Series:
        total = start.dt.month - 1 + months
        first = pd.to_datetime(
            {"year": start.dt.year + total // 12, "month": total % 12 + 1, "day": 1}, errors="coerce"
        )
        day = np.minimum(start.dt.day, first.dt.days_in_month)  # 31 Jan + 1 month = 28/29 Feb
        return first + pd.to_timedelta(day - 1, unit="D")

    if start.notna().sum() == 0:
        return pd.Series(np.nan, index=start.index, dtype="float64")
    this, following = shifted(whole.fillna(0)), shifted(whole.fillna(0) + 1)
    part = (today - this).dt.days / (following - this).dt.days
    return (whole + part).where(start.notna()).astype("float64")


def month_year(dates: pd.Series, lang: str) -> pd.Series:
    """ "Agustus 2029" (id) / "August 2029" (en); "" where there is no date."""
    names = np.array(["", *(translate(f"month.{m}", lang) for m in range(1, 13))])
    month = dates.dt.month.fillna(0).astype("int64").to_numpy()
    year = dates.dt.year.fillna(0).astype("int64").to_numpy()
    text = names[month] + " " + np.char.mod("%d", year).astype(object)
    return pd.Series(np.where(month > 0, text, ""), index=dates.index, dtype=object)


# --- stalled ---------------------------------------------------------------------------------


def stalled_thresholds(months: Mapping[int, float] | float | None = None) -> dict[int, float]:
    """The threshold of each stage 0–3: the defaults overridden by a mapping, or one number for all."""
    if months is None:
        chosen = dict(DEFAULT_STALLED_MONTHS)
    elif isinstance(months, Mapping):
        unknown = set(months) - set(STALLABLE_STAGES)
        if unknown:
            raise ValueError(f"only stages {STALLABLE_STAGES} can stall; got thresholds for {sorted(unknown)}")
        chosen = {**DEFAULT_STALLED_MONTHS, **{int(s): m for s, m in months.items()}}
    else:
        chosen = dict.fromkeys(STALLABLE_STAGES, months)
    if any(not (float(m) >= 0) for m in chosen.values()):
        raise ValueError(f"stalled thresholds must be ≥ 0 months, got {chosen}")
    return {s: float(m) for s, m in chosen.items()}


def stalled_mask(
    stage: pd.Series, months_in_stage: pd.Series, months: Mapping[int, float] | float | None = None
) -> pd.Series:
    """True where a product of stages 0–3 has been in its stage at least its stage's threshold
    (``>=``; no stage date: False). Stages 4–6 never stall."""
    thresholds = stalled_thresholds(months)
    limit = stage.astype("int64").map(thresholds).astype("float64")  # NaN for stages 4–6
    return (months_in_stage >= limit).astype(bool)  # a NaN limit or month compares False


# --- facts and kinds -------------------------------------------------------------------------


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
            "reeval_from": reevaluation_from(table),
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


def eligible(facts: pd.DataFrame, kinds: pd.DataFrame) -> pd.Series:
    """May enter the next stage: below the last stage and no rule blocks."""
    return facts["stage"].between(0, LAST_STAGE - 1) & ~kinds.any(axis=1)


def eligible_next_stage(scored: pd.DataFrame, today: date | pd.Timestamp | None = None) -> pd.Series:
    """Per product: True where the entry condition of its next stage is met on ``today``.

    The what-if engine calls this (before and after a scenario) so that it judges eligibility
    by exactly the rules the pipeline page shows.
    """
    today = pd.Timestamp(today if today is not None else date.today()).normalize()
    facts = rule_facts(scored, reevaluation_reached(reevaluation_from(scored), today))
    return eligible(facts, blocking_kinds(facts))


# --- reasons ---------------------------------------------------------------------------------

_CUSTOM = re.compile(r"(k[1-5])=([0-9.eE+-]+)")


def _weights(table: pd.DataFrame) -> np.ndarray:
    """Per product, the five weights of the model that scored it (``model_version``): a preset's,
    a custom model's (its version records them), else the default model's."""
    default = [float(DEFAULT_MODEL.weights[c]) for c in CRITERIA]
    if "model_version" not in table:
        return np.tile(default, (len(table), 1))
    versions = table["model_version"].astype(str)
    known: dict[str, list[float]] = {}
    for version in versions.unique():  # one per model in the table, not per product
        if version in PRESETS:
            known[version] = [float(PRESETS[version].weights[c]) for c in CRITERIA]
        else:
            found = dict(_CUSTOM.findall(version))
            known[version] = [float(found[c]) for c in CRITERIA] if set(found) == set(CRITERIA) else default
    rows = pd.Index(list(known)).get_indexer(versions)
    return np.array(list(known.values()), dtype="float64").reshape(-1, len(CRITERIA))[rows]


def main_shortfall(table: pd.DataFrame) -> np.ndarray:
    """Per product, the index (0–4) of the criterion with the largest weighted shortfall to 100
    (weight · (100 − k) / 100: the most score points it can still add); the first on a tie."""
    k = table[list(CRITERIA)].to_numpy(dtype="float64")
    gap = np.nan_to_num(_weights(table) * (100.0 - k) / 100.0, nan=-1.0)
    return gap.argmax(axis=1)


def score_gap_text(score: pd.Series, lang: str) -> pd.Series:
    """Points missing to the selection score, rounded up to one decimal (raising by the amount
    shown is always enough: 36.42 needs "13,6"), with the language's decimal mark. "Enough" as
    the bands compare scores, snapped to 9 decimals: tenths of the gap are rounded at 8 before
    rounding up, so float noise in 13.6 · 10 does not show "13,7" and 36.39999996 does."""
    gap = SELECTION_SCORE - score.to_numpy(dtype="float64")
    shown = np.ceil(np.round(gap * 10, 8)) / 10
    text = pd.Series(np.char.mod("%.1f", shown), index=score.index, dtype=object)
    return text.str.replace(".", ",", regex=False) if lang == "id" else text


def criterion_label(key: str, lang: str) -> str:
    """ "mutu & penampilan (k3)": a criterion by its name, for use inside a sentence."""
    name = criterion_name(key, lang)
    return f"{name[:1].lower()}{name[1:]} ({key})"


def _reason_fields(facts: pd.DataFrame, table: pd.DataFrame, lang: str) -> dict[str, pd.Series]:
    """The values a reason template may name, as text in ``lang``."""
    more = (MIN_ASSESSORS - facts["assessors"]).clip(lower=1)
    labels = np.array([criterion_label(c, lang) for c in CRITERIA])
    return {
        "gap": score_gap_text(facts["score"], lang),
        "criterion": pd.Series(labels[main_shortfall(table)], index=facts.index, dtype=object),
        "more": more.astype(str),
        "stars": facts["stars"].astype(str),
        "month": month_year(facts["reeval_from"] + pd.DateOffset(months=REEVAL_MONTHS), lang),
    }


def _render(template: str, fields: Mapping[str, pd.Series]) -> pd.Series | str:
    """Fill ``{name}`` placeholders element-wise (one concatenation per template part)."""
    out: pd.Series | str = ""
    for literal, name, _, _ in string.Formatter().parse(template):
        out = out + literal
        if name:
            out = out + fields[name]
    return out


def _reason_text(rule: StageRule, fields: Mapping[str, pd.Series], lang: str):
    """A rule's reason filled per product (a counted rule: its form chosen per product)."""
    if not rule.counted:
        return _render(rule.reason(lang), fields)
    one, many = (_render(rule.reason(lang, form), fields) for form in ("one", "many"))
    return np.where(fields[rule.counted] == "1", one, many)


def _join(parts: list[pd.Series]) -> pd.Series:
    """Join non-empty reason fragments with "; ", element-wise."""
    out = parts[0]
    for part in parts[1:]:
        sep = np.where((out != "") & (part != ""), "; ", "")
        out = out + sep + part
    return out


def blocking_reasons(facts: pd.DataFrame, kinds: pd.DataFrame, lang: str, table: pd.DataFrame) -> pd.Series:
    """Per product, the reasons of its blocking kinds in ``lang``, joined with "; " ("" when none).

    ``table`` is the scored registry the facts come from (its criterion scores name the main
    shortfall). Texts are built only for the products that have a reason: string work is costly.
    """
    out = pd.Series("", index=facts.index, dtype=object)
    has_reason = kinds.any(axis=1).to_numpy()
    if not has_reason.any():
        return out
    facts, kinds, table = facts[has_reason], kinds[has_reason], table[has_reason]
    fields = _reason_fields(facts, table, lang)
    rules = {r.kind: r for r in RULES}
    parts = [
        pd.Series(np.where(kinds[kind], _reason_text(rules[kind], fields, lang), ""), index=facts.index, dtype=object)
        for kind in KINDS
    ]
    out[has_reason] = _join(parts).to_numpy()
    return out


# --- the status ------------------------------------------------------------------------------


def pipeline_status(
    scored: pd.DataFrame,
    today: date | pd.Timestamp | None = None,
    stalled_months: Mapping[int, float] | float | None = None,
    reasons: bool = True,
) -> pd.DataFrame:
    """Per product: next stage, whether it may enter it, what to do, stalled and re-evaluation flags.

    ``scored`` is the output of ``scoring.score_table``. Returns a frame on the same index with
    ``next_stage`` (<NA> at the last stage), ``eligible_next_stage``, ``blocking_reason_id``/
    ``_en`` ("" when eligible or at the last stage), ``months_in_stage`` (calendar months since
    ``stage_since``), ``stalled`` (stages 0–3, at least the stage's threshold: ``stalled_months``,
    default ``DEFAULT_STALLED_MONTHS``) and ``reeval_due`` (stages 3–6 whose rating —
    ``reevaluation_from`` — is ``REEVAL_MONTHS`` old). ``reasons=False`` skips the texts.
    """
    today = pd.Timestamp(today if today is not None else date.today()).normalize()
    idx = scored.index
    reached = reevaluation_reached(reevaluation_from(scored), today)
    facts = rule_facts(scored, reached)
    kinds = blocking_kinds(facts)
    stage = facts["stage"]
    empty = pd.Series("", index=idx, dtype=object)
    texts = {lang: blocking_reasons(facts, kinds, lang, scored) if reasons else empty for lang in ("id", "en")}
    months = months_between(_dates(scored, "stage_since"), today)
    return pd.DataFrame(
        {
            "next_stage": (stage + 1).where(stage < LAST_STAGE).astype("Int64"),
            "eligible_next_stage": eligible(facts, kinds),
            "blocking_reason_id": texts["id"],
            "blocking_reason_en": texts["en"],
            "months_in_stage": months,
            "stalled": stalled_mask(stage, months, stalled_months),
            "reeval_due": (stage.between(3, LAST_STAGE) & reached).astype(bool),
        },
        index=idx,
    )
