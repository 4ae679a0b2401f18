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
from .frames import same_content
from .queries import close_rows, max_revisions, max_seq
from .schema import CONTENT, STORED, dataset_version

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
) -> DatasetVersion:
    """Write ``incoming`` over ``current`` as a new version: only new or changed rows are written.

    ``current`` holds the current rows of (at least) every product in ``incoming``; with
    ``replace`` it holds all current rows and products missing from ``incoming`` are removed.
    ``incoming`` may carry ``seq`` (a rollback restores the old order); otherwise a replace
    takes the file's order and a merge keeps known products in place and appends new ones.
    """
    incoming = incoming.reset_index(drop=True)
    old = current.set_index("product_id")
    ids = incoming["product_id"]
    known = ids.isin(old.index).to_numpy()
    prior = old.reindex(ids)  # aligned to incoming; NaN for new products
    same = same_content(prior[CONTENT], incoming[CONTENT]) & known
    seq = _positions(conn, incoming, prior, known, replace)
    moved = known & (prior["seq"].fillna(-1).to_numpy(dtype="int64") != seq)
    write = ~same | moved

    removed = old.index.difference(pd.Index(ids)).tolist() if replace else []
    n_rows = len(incoming) if replace else (head.n_rows if head else 0) + int((~known).sum())
    version = new_version(conn, action, author, n_rows, note, is_demo, head.id if head else None)

    rows = incoming.loc[write, STORED].copy()
    rows["seq"] = seq[write]
    changed = ~same[write]
    new_ids = rows.loc[~known[write], "product_id"].tolist()
    history = max_revisions(conn, new_ids) if new_ids else {}
    base = np.where(
        known[write], prior.loc[write, "revision"].to_numpy(), rows["product_id"].map(history).fillna(0).to_numpy()
    )
    rows["revision"] = base.astype("int64") + changed
    rows["changed_in"] = np.where(changed, version.id, prior.loc[write, "changed_in"].fillna(0).to_numpy())
    rows["changed_in"] = rows["changed_in"].astype("int64")

    closing = rows.loc[known[write], "product_id"].tolist() + removed
    close_rows(conn, closing, version.id, everything=replace and len(closing) == len(old))
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
    start = max_seq(conn) + 1
    return np.where(known, prior["seq"].fillna(-1).to_numpy(dtype="int64"), start + np.cumsum(~known) - 1)
