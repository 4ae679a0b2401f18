"""Products whose stage contradicts their data (DESIGN.md §6): warnings, never errors.

A product's stage says which entry conditions it passed. When its data says otherwise — stage
≥ 2 with a score below 50 (or no score), stage ≥ 3 with fewer than 3 assessors, stage ≥ 1
without a NIB, stage 5 failing the stage-5 condition, a rating date (``rated_on``, when the
official star was set) at a stage below 3 — the registry is probably out of date in one of the
two places. Real registries are messy, so this is a warning (row, column, why) for ``validate``,
the import report and the pipeline page, never a reason to refuse a file.

The conditions are the pipeline's own (``pipeline.SELECTION_SCORE``, ``MIN_ASSESSORS``,
``promotable``); the words are the registry reader's (``registry.messages``, id and en), so the
CLI, the import report and the page say the same thing. Everything is vectorised; texts are
built only for the products flagged.

Choices: an unknown assessor count (empty cell or no column) contradicts nothing — only a
count given and below 3 does. The registry has no column for the official star itself; the
date it was set (``rated_on``) stands for it, checked only when the registry carries that column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .catalog import translate
from .model import OFFICIAL_STAGE
from .pipeline import MIN_ASSESSORS, SELECTION_SCORE, promotable
from .registry.messages import LANGUAGES, Both, render_rows
from .schema import ALIASES, normalise_header
from .scoring import score_table, snap

CONTRADICTION_COLUMNS = ["product_id", "stage", "kind", "column", "reason_id", "reason_en"]


@dataclass(frozen=True)
class Contradiction:
    """One kind of contradiction: where it holds (``found``'s column ``kind``), the registry
    column it points at, and the message that words it (a key of ``registry.messages``)."""

    kind: str
    column: str
    message: str


CHECKS: tuple[Contradiction, ...] = (
    Contradiction("low_score", "stage", "contradiction_low_score"),
    Contradiction("unscored", "stage", "contradiction_unscored"),
    Contradiction("few_assessors", "assessors", "contradiction_few_assessors"),
    Contradiction("no_nib", "nib", "contradiction_no_nib"),
    Contradiction("not_promotable", "stage", "contradiction_not_promotable"),
    Contradiction("rated_early", "rated_on", "contradiction_rated_early"),
)
KINDS: tuple[str, ...] = tuple(c.kind for c in CHECKS)


def found(scored: pd.DataFrame) -> pd.DataFrame:
    """Per product (``scoring.score_table`` rows), one boolean column per kind (``KINDS``)."""
    stage = scored["stage"].astype("int64")
    score = pd.Series(snap(scored["score"].to_numpy(dtype="float64")), index=scored.index)
    assessors = scored["assessors"] if "assessors" in scored else pd.Series(np.nan, index=scored.index)
    rated = pd.to_datetime(scored["rated_on"], errors="coerce") if "rated_on" in scored else None
    return pd.DataFrame(
        {
            "low_score": (stage >= 2) & (score < SELECTION_SCORE),
            "unscored": (stage >= 2) & score.isna(),
            "few_assessors": (stage >= OFFICIAL_STAGE) & assessors.notna() & (assessors < MIN_ASSESSORS),
            "no_nib": (stage >= 1) & ~scored["nib"].astype(bool),
            "not_promotable": (stage == 5) & ~promotable(scored["stars"].astype("int64"), scored["export"]),
            "rated_early": (stage < OFFICIAL_STAGE) & rated.notna() if rated is not None else False,
        },
        index=scored.index,
    )


def _score_text(score: pd.Series) -> Both:
    # Truncate, not round: 49.97 must read "49,9 … below 50", never the contradictory "50,0".
    shown = np.floor(snap(score.to_numpy(dtype="float64")) * 10) / 10
    text = pd.Series(np.char.mod("%.1f", shown), dtype=object)
    return Both(text.str.replace(".", ",", regex=False), text)


def _stars_text(stars: pd.Series) -> Both:
    value = stars.astype("int64").reset_index(drop=True)
    star = "★" + value.astype(str)
    return Both(*(star.where(value > 0, translate("registry.no_star", lang)) for lang in LANGUAGES))


def _params(rows: pd.DataFrame) -> dict[str, object]:
    """The placeholders of every contradiction message for ``rows`` (per-row, by position)."""
    assessors = rows["assessors"] if "assessors" in rows else pd.Series(np.nan, index=rows.index)
    return {
        "stage": rows["stage"].astype("int64").astype(str).reset_index(drop=True),
        "score": _score_text(rows["score"]),
        "assessors": assessors.fillna(0).astype("int64").astype(str).reset_index(drop=True),
        "stars": _stars_text(rows["stars"]),
    }


def contradictions(scored: pd.DataFrame) -> pd.DataFrame:
    """One row per contradiction (a product may have several), on the flagged products' index
    labels, in ``CHECKS`` order: ``product_id``, ``stage``, ``kind``, ``column`` (the registry
    column to look at) and ``reason_id``/``reason_en`` (why, worded as in ``validate``)."""
    flags = found(scored)
    parts = []
    for check in CHECKS:
        rows = scored[flags[check.kind].to_numpy()]
        if rows.empty:
            continue
        params = _params(rows)  # render_rows takes the placeholders its message names
        reasons = {lang: render_rows(check.message, lang, len(rows), **params) for lang in LANGUAGES}
        parts.append(
            pd.DataFrame(
                {
                    "product_id": rows["product_id"].to_numpy(),
                    "stage": rows["stage"].astype("int64").to_numpy(),
                    "kind": check.kind,
                    "column": check.column,
                    "reason_id": reasons["id"],
                    "reason_en": reasons["en"],
                },
                index=rows.index,
            )
        )
    if not parts:
        return pd.DataFrame(columns=CONTRADICTION_COLUMNS)
    return pd.concat(parts)[CONTRADICTION_COLUMNS]


def report_warnings(frame: pd.DataFrame, header: Sequence[str], problems) -> None:
    """Add a warning per contradiction to a registry reader's ``problems`` (``registry.Problems``).

    ``frame`` is the reader's canonical frame (with ``_row``), ``header`` the file's headers (so
    the warning names the column as the user wrote it). Rows with an error are skipped: their
    values are neutral placeholders, not data, and the error already stops the import.
    """
    errors = problems.frame()
    bad = errors.loc[errors["severity"] == "error", "row"]
    clean = frame[~frame["_row"].isin(bad)]
    if clean.empty:
        return
    scored = score_table(clean)
    flags = found(scored)
    written = {ALIASES.get(normalise_header(h)): h for h in header}
    for check in CHECKS:
        rows = scored[flags[check.kind].to_numpy()]
        if rows.empty:
            continue
        values = rows[check.column].astype(str)  # a flagged product always has its column
        problems.add(
            rows["_row"],
            written.get(check.column, check.column),
            values,
            check.message,
            severity="warning",
            **_params(rows),
        )
