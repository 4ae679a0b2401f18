"""Dataset versions: what one is, how they are read, and how a new one is written over the current.

Every write makes a new version whose number is its parent's plus one; a product's rows record
the version that set their content (``changed_in``) and a per-product ``revision`` bumped only
when the content changes, which is what an editing page compares to detect a stale edit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa

from .bulk import insert_rows
from .errors import VersionNotFound
from .frames import row_keys, same_content
from .queries import close_rows, max_revisions, max_seq
from .schema import CONTENT, KEY, STORED, dataset_version

SYSTEM_AUTHOR = "system"


@dataclass(frozen=True)
class DatasetVersion:
    """One state of the registry: who made it, when (UTC), how, and how many products it holds."""

    id: int
    created_at: dt.datetime
    author: str
    action: str
    n_rows: int
    note: str
    is_demo: bool
    parent_id: int | None


def _from_row(row) -> DatasetVersion:
    m = row._mapping
    return DatasetVersion(
        id=int(m["id"]),
        created_at=m["created_at"],
        author=m["author"],
        action=m["action"],
        n_rows=int(m["n_rows"]),
        note=m["note"],
        is_demo=bool(m["is_demo"]),
        parent_id=None if m["parent_id"] is None else int(m["parent_id"]),
    )


def all_versions(conn: sa.Connection, limit: int | None = None) -> list[DatasetVersion]:
    """Every dataset version (at most ``limit``), newest first."""
    query = sa.select(dataset_version).order_by(dataset_version.c.id.desc()).limit(limit)
    return [_from_row(row) for row in conn.execute(query)]


def head_version(conn: sa.Connection) -> DatasetVersion | None:
    """The current (newest) version; None before the first write."""
    newest = all_versions(conn, limit=1)
    return newest[0] if newest else None


def version_or_raise(conn: sa.Connection, version_id: int) -> DatasetVersion:
    row = conn.execute(sa.select(dataset_version).where(dataset_version.c.id == int(version_id))).first()
    if row is None:
        raise VersionNotFound(version_id)
    return _from_row(row)


def new_version(
    conn: sa.Connection, action: str, author: str, n_rows: int, note: str, is_demo: bool, parent_id: int | None
) -> DatasetVersion:
    """Record a version as the child of ``parent_id`` (writers are serialised by the caller)."""
    # Numbering by hand keeps version numbers gapless (a failed write on PostgreSQL would
    # otherwise burn a sequence value).
    values = dict(
        id=(parent_id or 0) + 1,
        created_at=dt.datetime.now(dt.UTC),
        author=author,
        action=action,
        n_rows=int(n_rows),
        note=note,
        is_demo=bool(is_demo),
        parent_id=parent_id,
    )
    conn.execute(dataset_version.insert().values(**values))
    return DatasetVersion(**values)


def write_version(
    conn: sa.Connection,
    head: DatasetVersion | None,
    current: pd.DataFrame,
    incoming: pd.DataFrame,
    action: str,
    author: str,
    note: str,
    replace: bool,
    is_demo: bool = False,
    scoped: bool = False,
) -> DatasetVersion:
    """Write ``incoming`` over ``current`` as a new version: only new or changed rows are written.

    Rows are matched by their key (product_id, round). ``current`` holds the current rows of (at
    least) every key in ``incoming``; with ``replace`` it holds all current rows — or, ``scoped``,
    all current rows of the rounds being replaced — and rows missing from ``incoming`` are removed.
    ``incoming`` may carry ``seq`` (a rollback restores the old order); otherwise a whole replace
    takes the file's order, and a merge or a round's replace keeps known rows in place and appends
    new ones after every current row.
    """
    incoming = incoming.reset_index(drop=True)
    old = current.set_index(row_keys(current))
    keys = row_keys(incoming)
    known = keys.isin(old.index)
    prior = old.reindex(keys)  # aligned to incoming; NaN for new rows
    same = same_content(prior[CONTENT], incoming[CONTENT]) & known
    seq = _positions(conn, incoming, prior, known, replace and not scoped)
    moved = known & (prior["seq"].fillna(-1).to_numpy(dtype="int64") != seq)
    write = ~same | moved

    removed = old.loc[~old.index.isin(keys), KEY] if replace else old.iloc[:0][KEY]
    before = head.n_rows if head else 0
    if replace and not scoped:
        n_rows = len(incoming)
    else:
        n_rows = before - len(removed) + int((~known).sum())
    version = new_version(conn, action, author, n_rows, note, is_demo, head.id if head else None)

    rows = incoming.loc[write, STORED].copy()
    rows["seq"] = seq[write]
    changed = ~same[write]
    new_ids = rows.loc[~known[write], "product_id"].unique().tolist()
    history = max_revisions(conn, new_ids) if new_ids else {}
    base = np.where(
        known[write], prior.loc[write, "revision"].to_numpy(), rows["product_id"].map(history).fillna(0).to_numpy()
    )
    rows["revision"] = base.astype("int64") + changed
    rows["changed_in"] = np.where(changed, version.id, prior.loc[write, "changed_in"].fillna(0).to_numpy())
    rows["changed_in"] = rows["changed_in"].astype("int64")

    closing = pd.concat([rows.loc[known[write], KEY], removed], ignore_index=True)
    everything = replace and not scoped and len(closing) == len(old)
    close_rows(conn, closing, version.id, everything=everything)
    insert_rows(conn, rows, version.id)
    return version


def _positions(
    conn: sa.Connection, incoming: pd.DataFrame, prior: pd.DataFrame, known: np.ndarray, replace: bool
) -> np.ndarray:
    """Each incoming product's ``seq``: given, the file's order (replace), or kept/appended (merge)."""
    if "seq" in incoming:
        return incoming["seq"].to_numpy(dtype="int64")
    if replace:
        return np.arange(len(incoming), dtype="int64")
    start = max_seq(conn) + 1  # after every current row, of any round
    return np.where(known, prior["seq"].fillna(-1).to_numpy(dtype="int64"), start + np.cumsum(~known) - 1)
