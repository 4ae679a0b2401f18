"""Assessment rounds (DESIGN.md §3 ``round``, §11): which rows are "now", and how rounds compare.

A registry may hold several rounds of the same products (``product_id`` unique per ``round``). The
rule of this module, used wherever a registry is loaded for analysis (the app's dataset, the CLI):
**the newest round is "now"** — every existing view works on ``current(frame)``; a registry without
rounds (no ``round`` column, or every cell empty) is all "now". The comparisons across rounds take
the whole history (every round), scored with one vectorised call of the same model, and reuse the
definitions the rest of the core uses: ``recognised`` from ``scoring.score_columns`` (official ★≥3),
``reeval_due`` from ``pipeline.pipeline_status``, the region scope from ``summary.scope``.

Functions for other parts of the app:

- ``current(frame)`` — the rows of the newest round (the frame itself when it has no rounds).
- ``recognised_trend(frame, region="")`` — n_recognised per round, a Series indexed by round.
- ``stars_by_round(table, region="")`` — products per star (0 = not rated, 1…5) per round.
- ``since_last_round(table, region="")`` — what changed between the two newest rounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .model import DEFAULT_MODEL, ScoringModel
from .scoring import score_columns
from .summary import scope

ROUND = "round"


def has_rounds(frame: pd.DataFrame) -> bool:
    """True when the registry names a round for at least one row."""
    return ROUND in frame.columns and bool(frame[ROUND].notna().any())


def rounds_of(frame: pd.DataFrame) -> list[int]:
    """The rounds a registry holds, oldest first ([] without rounds)."""
    if not has_rounds(frame):
        return []
    return sorted(int(r) for r in pd.unique(frame[ROUND].dropna()))


def newest(frame: pd.DataFrame) -> int | None:
    """The newest round (None for a registry without rounds)."""
    found = rounds_of(frame)
    return found[-1] if found else None


def current(frame: pd.DataFrame) -> pd.DataFrame:
    """The registry "now": the rows of the newest round, index reset (the frame itself without rounds).

    The one place this rule lives: the app's dataset and the CLI call it where they load a registry
    for analysis, so every view of "now" agrees. A row without a round in a registry that has rounds
    is not "now" (the reader refuses such a file; the store gives every row a round).
    """
    latest = newest(frame)
    if latest is None:
        return frame
    return frame[(frame[ROUND] == latest).fillna(False).to_numpy()].reset_index(drop=True)


def _scored(frame: pd.DataFrame, model: ScoringModel) -> pd.DataFrame:
    """The frame with the model's results (``stars``, ``recognised``…); a scored table as it is."""
    if "recognised" in frame.columns and "stars" in frame.columns:
        return frame
    results = score_columns(frame, model)
    return pd.concat([frame.drop(columns=[c for c in results.columns if c in frame.columns]), results], axis=1)


def recognised_trend(frame: pd.DataFrame, region: str = "", model: ScoringModel = DEFAULT_MODEL) -> pd.Series:
    """n_recognised (official ★≥3, the summary's definition) per round, for a region scope.

    ``frame`` is the all-rounds registry, raw (scored here with ``model``) or already scored
    (``summary.analysed_table`` / ``scoring.score_table``: its ``recognised`` column is used as is).
    ``region`` is a scope code as in ``summary.scope`` ("" Indonesia, "33", "33.26", "33.26.05").
    Returns an int64 Series indexed by round (int, oldest first, named ``round``), with 0 for a
    round that has no recognised product in the region; empty for a registry without rounds.
    """
    rounds = rounds_of(frame)
    index = pd.Index(rounds, dtype="int64", name=ROUND)
    if not rounds:
        return pd.Series([], index=index, dtype="int64", name="n_recognised")
    table = scope(_scored(frame, model), region)
    counts = table["recognised"].astype("int64").groupby(table[ROUND].astype("int64")).sum()
    return counts.reindex(index, fill_value=0).astype("int64").rename("n_recognised")


def stars_by_round(frame: pd.DataFrame, region: str = "", model: ScoringModel = DEFAULT_MODEL) -> pd.DataFrame:
    """Products per star per round: rows = rounds (oldest first), columns 0…5 (0 = not rated).

    The counts are those of ``summary.star_counts`` (gates applied, estimated stars included), so
    the newest round's row equals the star counts every view shows for "now".
    """
    rounds = rounds_of(frame)
    index = pd.Index(rounds, dtype="int64", name=ROUND)
    columns = pd.Index(range(6), name="stars")
    if not rounds:
        return pd.DataFrame(0, index=index, columns=columns, dtype="int64")
    table = scope(_scored(frame, model), region)
    counts = pd.crosstab(table[ROUND].astype("int64"), table["stars"].astype("int64"))
    return counts.reindex(index=index, columns=columns, fill_value=0).astype("int64")


CHANGE_COLUMNS = ["product_id", "name", "region_code", "stars_before", "stars_after"]


@dataclass(frozen=True)
class RoundChanges:
    """What changed in a region from the previous round to the newest one.

    ``gained``/``lost``: products rated in both rounds whose star went up/down (a product that
    became or stopped being rated is neither: its star was not compared). ``new``: in the newest
    round, not in the previous one; ``gone``: in the previous round, not in the newest one.
    ``reeval_due``: products of the newest round due for re-evaluation (``pipeline``'s rule).
    Each is a frame of ``CHANGE_COLUMNS`` ordered by product_id (stars_before is 0 for new
    products, stars_after 0 for gone ones).
    """

    newest: int
    previous: int
    gained: pd.DataFrame
    lost: pd.DataFrame
    new: pd.DataFrame
    gone: pd.DataFrame
    reeval_due: pd.DataFrame
    counts: dict[str, int] = field(default_factory=dict)

    KINDS = ("gained", "lost", "new", "gone", "reeval_due")


def since_last_round(table: pd.DataFrame, region: str = "") -> RoundChanges | None:
    """Changes between the two newest rounds of an analysed all-rounds table; None with fewer than two.

    ``table`` is ``summary.analysed_table`` of the whole history (it carries ``stars`` and
    ``reeval_due``). A product's round-to-round identity is its ``product_id``.
    """
    rounds = rounds_of(table)
    if len(rounds) < 2:
        return None
    previous, latest = rounds[-2], rounds[-1]
    key = table[ROUND]
    now_all = table[(key == latest).fillna(False).to_numpy()]
    before_all = table[(key == previous).fillna(False).to_numpy()]
    now, before = scope(now_all, region), scope(before_all, region)

    prior_stars = before_all.set_index("product_id")["stars"]
    both = now[now["product_id"].isin(prior_stars.index)]
    stars_before = both["product_id"].map(prior_stars).astype("int64")
    stars_after = both["stars"].astype("int64")
    rated = (stars_before > 0) & (stars_after > 0)

    def listed(rows: pd.DataFrame, before: pd.Series | int, after: pd.Series | int) -> pd.DataFrame:
        out = rows[["product_id", "name", "region_code"]].copy()
        out["stars_before"] = np.asarray(before, dtype="int64") if not np.isscalar(before) else before
        out["stars_after"] = np.asarray(after, dtype="int64") if not np.isscalar(after) else after
        return out.sort_values("product_id", kind="stable").reset_index(drop=True)[CHANGE_COLUMNS]

    up, down = rated & (stars_after > stars_before), rated & (stars_after < stars_before)
    new_rows = now[~now["product_id"].isin(prior_stars.index)]
    gone_rows = before[~before["product_id"].isin(now_all["product_id"])]
    due = now[now["reeval_due"].astype(bool)] if "reeval_due" in now.columns else now.iloc[:0]
    due_before = due["product_id"].map(prior_stars).fillna(0)
    parts = {
        "gained": listed(both[up], stars_before[up], stars_after[up]),
        "lost": listed(both[down], stars_before[down], stars_after[down]),
        "new": listed(new_rows, 0, new_rows["stars"]),
        "gone": listed(gone_rows, gone_rows["stars"], 0),
        "reeval_due": listed(due, due_before, due["stars"]),
    }
    return RoundChanges(latest, previous, **parts, counts={k: len(v) for k, v in parts.items()})
