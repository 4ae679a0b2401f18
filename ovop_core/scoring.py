"""Score, stars and gates for a whole registry at once (DESIGN.md §4).

All work is vectorised over the table: a registry of a million products is scored in well under
a second. Functions take the canonical registry frame produced by ``registry.read_registry`` (or
``demo.synthetic_registry``) and never mutate it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .catalog import LANGS, translate
from .model import (
    BASE_WEIGHTS,
    COACHING_OWNER_BY_STAR,
    CRITERIA,
    DEFAULT_MODEL,
    GATE_ITEMS,
    MAX_LEVEL,
    OFFICIAL_STAGE,
    PERMITS_ACCEPTED,
    RECOGNISED_STAR,
    STAR_EDGES,
    SUB_ITEMS,
    ScoringModel,
)

# Scores are sums of products of decimals (e.g. 0.2·50 + 0.15·50 + …); binary floating point
# can land a hair below a band edge. Snapping to 9 decimals makes "exactly 50.0" ★3 while
# keeping 49.99 (or 49.999999) below the edge, which is far coarser than any real input.
_SNAP_DECIMALS = 9


def snap(values: pd.Series | np.ndarray) -> pd.Series | np.ndarray:
    """Remove floating-point noise before comparing a score with a band edge or threshold."""
    return np.round(values, _SNAP_DECIMALS)


def detailed_criteria(df: pd.DataFrame) -> pd.DataFrame:
    """Per row and criterion: True where every sub-item level of that criterion is present.

    Those criteria are determined by the detailed format; the others fall back to k1…k5.
    """
    out = {}
    for crit in CRITERIA:
        keys = [s.key for s in SUB_ITEMS if s.criterion == crit]
        if all(k in df.columns for k in keys):
            out[crit] = df[keys].notna().all(axis=1)
        else:
            out[crit] = pd.Series(False, index=df.index)
    return pd.DataFrame(out, index=df.index)


def criterion_scores(df: pd.DataFrame) -> pd.DataFrame:
    """k1…k5 in [0, 100]: from sub-item levels where complete, else from the simple columns.

    k = 100 · Σ(level/3 · points) / weight, with the base sub-item points.
    """
    detailed = detailed_criteria(df)
    out = {}
    for crit in CRITERIA:
        simple = df[crit].astype("float64") if crit in df.columns else pd.Series(np.nan, index=df.index)
        if detailed[crit].any():
            items = [s for s in SUB_ITEMS if s.criterion == crit]
            earned = sum(df[s.key].astype("float64") * s.points for s in items)
            from_items = 100.0 * earned / (MAX_LEVEL * BASE_WEIGHTS[crit])
            out[crit] = from_items.where(detailed[crit], simple)
        else:
            out[crit] = simple
    return pd.DataFrame(out, index=df.index)


def weighted_score(k: pd.DataFrame, model: ScoringModel = DEFAULT_MODEL) -> pd.Series:
    """Score = Σ weight·k / 100; NaN when any criterion is missing. Snapped, not rounded."""
    weights = np.array([float(model.weights[c]) for c in CRITERIA])
    values = k[list(CRITERIA)].to_numpy(dtype="float64")
    score = values @ weights / 100.0  # NaN propagates: an incomplete product has no score
    return pd.Series(snap(score), index=k.index, name="score")


def stars_by_score(score: pd.Series | np.ndarray) -> np.ndarray:
    """★1 < 30 ≤ ★2 < 50 ≤ ★3 < 70 ≤ ★4 < 90 ≤ ★5; 0 where there is no score (not rated)."""
    values = snap(np.asarray(score, dtype="float64"))
    stars = np.searchsorted(np.array(STAR_EDGES), values, side="right") + 1
    return np.where(np.isnan(values), 0, stars).astype("int8")


def _flag(df: pd.DataFrame, column: str) -> np.ndarray:
    """A boolean evidence column as a numpy array; a missing column or an empty cell is False."""
    if column not in df.columns:
        return np.zeros(len(df), dtype=bool)
    return pd.array(df[column], dtype="boolean").fillna(False).to_numpy(dtype=bool)


def permit_ok(df: pd.DataFrame) -> np.ndarray:
    """True where the product holds a distribution permit its category accepts (``PERMITS_ACCEPTED``):
    P-IRT or BPOM for food and beverages, BPOM for herbal; categories without the gate pass."""
    category, permit = df["category"], df["permit"]
    ok = ~category.isin(list(PERMITS_ACCEPTED)).to_numpy()
    by_accepted: dict[frozenset[str], list[str]] = {}
    for cat, accepted in PERMITS_ACCEPTED.items():
        by_accepted.setdefault(accepted, []).append(cat)
    for accepted, cats in by_accepted.items():  # one pass per distinct permit set, not per product
        ok |= (category.isin(cats) & permit.isin(list(accepted))).to_numpy()
    return ok


def gate_failures(df: pd.DataFrame) -> dict[str, np.ndarray]:
    """For each gate item, True where the product lacks that evidence and the item applies to it.

    Halal is satisfied by a halal certificate or by a declared non-halal product (the optional
    ``non_halal`` column; absent means nobody declared it), which UU 33/2014 exempts.
    """
    checks = {
        "nib": _flag(df, "nib"),
        "permit": permit_ok(df),
        "brand": _flag(df, "brand"),
        "halal": _flag(df, "halal") | _flag(df, "non_halal"),
        "export": _flag(df, "export"),
    }
    failures = {}
    for g in GATE_ITEMS:
        applies = df["category"].isin(list(g.categories)).to_numpy() if g.categories else True
        failures[g.key] = ~checks[g.key] & applies
    return failures


def gate_ceiling(failures: dict[str, np.ndarray]) -> np.ndarray:
    """Highest star whose gates (and all lower gates) pass: 2, 3, 4 or 5."""
    n = len(next(iter(failures.values())))
    ceiling = np.full(n, 5, dtype="int8")
    # Walk from the highest gate down so the lowest failing gate decides the ceiling.
    for star in (5, 4, 3):
        failed = np.zeros(n, dtype=bool)
        for g in GATE_ITEMS:
            if g.star == star:
                failed |= failures[g.key]
        ceiling = np.where(failed, star - 1, ceiling).astype("int8")
    return ceiling


# Categories whose missing-item words differ from the general ones (e.g. herbal: BPOM, not P-IRT).
_TEXT_CATEGORIES: tuple[str, ...] = tuple(sorted({c for g in GATE_ITEMS for c in g.worded_by_category}))


def _cap_texts(
    by_score: np.ndarray, stars: np.ndarray, missing: np.ndarray, category: pd.Series
) -> tuple[np.ndarray, ...]:
    """Cap reason (id, en) and missing gate keys per product.

    Products share few distinct (wording, star by score, star, missing items) combinations, so
    the texts are built once per combination and gathered, instead of formatting a string per
    product. The wording is the product's category where a gate item words it differently.
    """
    bits = np.zeros(len(stars), dtype="int64")
    for i in range(missing.shape[1]):
        bits |= missing[:, i].astype("int64") << i
    wording = np.zeros(len(stars), dtype="int64")
    for i, cat in enumerate(_TEXT_CATEGORIES, start=1):
        wording[category.isin([cat]).to_numpy()] = i
    key = ((wording * 10 + by_score.astype("int64")) * 10 + stars.astype("int64")) * 100 + bits
    uniques, inverse = np.unique(key, return_inverse=True)
    texts: dict[str, list[str]] = {lang: [] for lang in LANGS}
    keys = []
    for u in uniques:  # one iteration per distinct combination, not per product
        mask, star, sbs, word = int(u % 100), int(u // 100 % 10), int(u // 1000 % 10), int(u // 10000)
        cat = _TEXT_CATEGORIES[word - 1] if word else ""
        items = [g for i, g in enumerate(GATE_ITEMS) if mask >> i & 1]
        for lang in LANGS:
            missing_words = ", ".join(g.missing_text(cat, lang) for g in items)
            capped = translate("scoring.cap_reason", lang, score_star=sbs, star=star, missing=missing_words)
            texts[lang].append(capped if star < sbs else "")
        keys.append(",".join(g.key for g in items))
    return tuple(_categorical(t, inverse) for t in (*texts.values(), keys))


def _categorical(texts: list[str], codes: np.ndarray) -> pd.Categorical:
    """Strings per product as a categorical: built from codes, no per-product string objects."""
    categories, remap = np.unique(np.array(texts, dtype=object), return_inverse=True)
    return pd.Categorical.from_codes(remap[codes], categories=categories.tolist())


RESULT_COLUMNS: tuple[str, ...] = (
    *CRITERIA,
    "score",
    "stars_by_score",
    "stars",
    "capped",
    "cap_reason_id",
    "cap_reason_en",
    "missing_gates",
    "official",
    "recognised",
    "potential",
    "coaching_owner",
    "model_version",
)


def score_and_stars(df: pd.DataFrame, model: ScoringModel = DEFAULT_MODEL) -> tuple[np.ndarray, np.ndarray]:
    """Only the score and the star (gates applied; 0 = not rated), without the texts of
    ``score_columns``: for callers that score many variants of a table (the budget planner)."""
    score = weighted_score(criterion_scores(df), model).to_numpy()
    stars = np.minimum(stars_by_score(score), gate_ceiling(gate_failures(df))).astype("int8")
    return score, stars


def score_columns(df: pd.DataFrame, model: ScoringModel = DEFAULT_MODEL) -> pd.DataFrame:
    """The model's results only (``RESULT_COLUMNS``), on the registry's index.

    k1…k5 are derived where the detailed format is used; ``stars`` is 0 for a product that is
    not rated (a criterion missing); ``missing_gates`` lists the gate keys the product lacks to
    hold the star its score earns. ``official`` is stage ≥ 3 (the star was set by an assessment;
    below that it is an estimate), ``recognised`` is an official ★≥3 and ``potential`` an
    estimated ★≥3 (DESIGN.md §4). A registry without a ``stage`` column is all estimates.
    """
    k = criterion_scores(df)
    score = weighted_score(k, model)
    by_score = stars_by_score(score)
    failures = gate_failures(df)
    stars = np.minimum(by_score, gate_ceiling(failures)).astype("int8")
    # Only gates at or below the score's star matter: those are what the product must fix.
    missing = np.column_stack([failures[g.key] & (by_score >= g.star) for g in GATE_ITEMS])
    cap_id, cap_en, missing_keys = _cap_texts(by_score, stars, missing, df["category"])
    if "stage" in df.columns:
        official = df["stage"].to_numpy(dtype="float64") >= OFFICIAL_STAGE
    else:
        official = np.zeros(len(df), dtype=bool)
    good = stars >= RECOGNISED_STAR
    owners = [""] + [COACHING_OWNER_BY_STAR[s] for s in range(1, 6)]
    out = {c: k[c].to_numpy() for c in CRITERIA}
    out.update(
        score=score.to_numpy(),
        stars_by_score=by_score,
        stars=stars,
        capped=stars < by_score,
        cap_reason_id=cap_id,
        cap_reason_en=cap_en,
        missing_gates=missing_keys,
        official=official,
        recognised=official & good,
        potential=~official & good,
        coaching_owner=_categorical(owners, stars.astype("int64")),
        model_version=_categorical([model.version], np.zeros(len(df), dtype="int64")),
    )
    return pd.DataFrame(out, index=df.index)


def score_table(df: pd.DataFrame, model: ScoringModel = DEFAULT_MODEL) -> pd.DataFrame:
    """A copy of the registry with ``score_columns`` added (k1…k5 replaced by the derived values)."""
    results = score_columns(df, model)
    kept = df.drop(columns=[c for c in RESULT_COLUMNS if c in df.columns])
    order = [c for c in df.columns] + [c for c in RESULT_COLUMNS if c not in df.columns]
    return pd.concat([kept, results], axis=1)[order]
