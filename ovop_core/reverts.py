"""Would an import undo later edits? (issue 10, defect 10)

Re-importing an old export looks harmless — the file is valid and the store takes it — but every
product edited since that export silently goes back to its old values. This module compares an
incoming registry frame with the products' stored history *before* the import, so the Data page
can say how many products would go back, to which version, and whose newer edit they would undo.

A product "goes back" when its incoming content differs from its current content and equals the
content of one of its earlier (superseded) rows, compared exactly as the store decides that a
product is unchanged (``store.same_content``). Products whose new content matches no earlier
state are ordinary updates. The check is advisory and reads outside the import's transaction;
the store stays the only judge of what is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .store import CONTENT, Store, conform, same_content
from .store.frames import row_keys

_FILTER_LIMIT = 5_000

REVERT_COLUMNS: list[str] = [
    "product_id",
    "name",  # the current name (what people know the product as)
    "back_to_version",  # version that set the content the file would restore
    "back_to_revision",
    "current_version",  # version of the newer edit that would be undone
    "current_revision",
    "changed_by",
    "changed_at",  # UTC
]


@dataclass(frozen=True)
class RevertCheck:
    """What importing a frame would do to the products it names, judged against their history."""

    reverting: pd.DataFrame  # one row per product going back, ``REVERT_COLUMNS``, newest edit first
    n_updated: int  # would change, to content never stored before (ordinary updates)
    n_new: int  # not in the current registry
    n_unchanged: int

    @property
    def n_reverting(self) -> int:
        return len(self.reverting)

    def latest_undone(self) -> tuple[int, str, dt.datetime] | None:
        """(version, author, time) of the newest edit the import would undo, if any."""
        if self.reverting.empty:
            return None
        row = self.reverting.iloc[0]
        return int(row["current_version"]), str(row["changed_by"]), row["changed_at"]


def check_reverts(store: Store, frame: pd.DataFrame) -> RevertCheck:
    """Compare ``frame`` (canonical columns, as ``read_registry(...).frame`` without ``_row``) with
    the store: which products would go back to an earlier state, which are ordinary updates.

    Two reads of product rows whatever the file's size: the current rows of the file's products,
    then the superseded rows of only those that would change; the comparisons are column-wise.
    """
    incoming = conform(frame)
    # A product's state is per round: rows are matched by (product_id, round) (``row_keys``).
    ids = _index(incoming["product_id"]).unique()
    keys = row_keys(incoming)
    # Filtering by id in the database pays off only for a few products; a big file reads them all.
    current = store.product_rows(ids.tolist() if len(ids) <= _FILTER_LIMIT else None)
    if current.empty:  # none of the file's products is stored yet: all new, nothing to go back to
        return RevertCheck(_empty(), 0, len(incoming), 0)
    current_keys = row_keys(current)
    at = current_keys.get_indexer(keys)
    known = at >= 0
    prior = current.take(np.where(known, at, 0))  # aligned to incoming; unknown rows are masked
    same = same_content(prior[CONTENT], incoming[CONTENT]) & known
    changed = known & ~same
    n_updated = int(changed.sum())
    reverting = _empty()
    if changed.any():
        earlier = store.product_rows(pd.unique(incoming.loc[changed, "product_id"]).tolist(), earlier=True)
        earlier = earlier[row_keys(earlier).isin(keys[changed])]
        wanted = incoming.take(keys.get_indexer(row_keys(earlier)))
        hits = earlier.loc[same_content(earlier[CONTENT], wanted[CONTENT])]
        # A product may have held this content more than once: the latest such state counts.
        hits = hits.sort_values("revision", kind="stable")
        hits = hits[~row_keys(hits).duplicated(keep="last")]
        if not hits.empty:
            now = current.take(current_keys.get_indexer(row_keys(hits)))
            reverting = _describe(store, hits, now)
            n_updated -= len(reverting)
    return RevertCheck(reverting, n_updated, int((~known).sum()), int(same.sum()))


def _index(ids: pd.Series) -> pd.Index:
    """Product ids as a plain object index: Arrow-backed string lookups (``isin``, ``reindex``)
    are many times slower at 100k products."""
    return pd.Index(ids.to_numpy(dtype=object))


def _describe(store: Store, hits: pd.DataFrame, now: pd.DataFrame) -> pd.DataFrame:
    """The report rows: the matched earlier state, and who set the current state and when."""
    versions = {v.id: v for v in store.versions()}
    current_version = pd.Series(now["changed_in"].to_numpy(dtype="int64"))
    authors = {v: versions[v].author if v in versions else "" for v in current_version.unique().tolist()}
    times = {v: versions[v].created_at if v in versions else pd.NaT for v in current_version.unique().tolist()}
    out = pd.DataFrame(
        {
            "product_id": hits["product_id"].to_numpy(dtype=object),
            "name": now["name"].to_numpy(dtype=object),
            "back_to_version": hits["changed_in"].to_numpy(dtype="int64"),
            "back_to_revision": hits["revision"].to_numpy(dtype="int64"),
            "current_version": current_version,
            "current_revision": now["revision"].to_numpy(dtype="int64"),
            "changed_by": current_version.map(authors).astype(object),
            "changed_at": pd.to_datetime(current_version.map(times), utc=True),
        }
    )
    return out.sort_values(["current_version", "product_id"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )[REVERT_COLUMNS]


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "product_id": pd.Series(dtype=object),
            "name": pd.Series(dtype=object),
            "back_to_version": pd.Series(dtype="int64"),
            "back_to_revision": pd.Series(dtype="int64"),
            "current_version": pd.Series(dtype="int64"),
            "current_revision": pd.Series(dtype="int64"),
            "changed_by": pd.Series(dtype=object),
            "changed_at": pd.Series(dtype="datetime64[ns, UTC]"),
        }
    )[REVERT_COLUMNS]
