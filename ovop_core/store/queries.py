"""Reading and closing product rows with hand-written SQL, one branch per dialect where they differ.

The store reads up to hundreds of thousands of rows per load, so these queries go to the driver
directly and get plain tuples back (Row objects cost several times more). Product-id filters
pass the ids as one parameter: an array on PostgreSQL, a JSON list on SQLite.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import sqlalchemy as sa

from ..model import SUB_ITEM_KEYS
from .frames import empty_rows, rows_frame, stored_round
from .schema import BOOKKEEPING, NO_ROUND, STORED, product_row


def column_list(names: list[str]) -> str:
    """``"a", "b"``: quoted column names for a hand-written statement."""
    return ", ".join(f'"{name}"' for name in names)


def placeholder(conn: sa.Connection) -> str:
    return "%s" if conn.dialect.name == "postgresql" else "?"


def _id_filter(conn: sa.Connection, product_ids: list[str]) -> tuple[str, list]:
    if conn.dialect.name == "postgresql":
        return "product_id = ANY(%s)", [list(product_ids)]
    return "product_id IN (SELECT value FROM json_each(?))", [json.dumps(list(product_ids))]


def fetch(conn: sa.Connection, sql: str, params: list) -> list[tuple]:
    """Plain tuples straight from the driver (much faster than Row objects for 100k rows)."""
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()
    finally:
        cursor.close()


def _key_filter(conn: sa.Connection, keys: pd.DataFrame) -> tuple[str, list]:
    """Rows whose (product_id, round) is one of ``keys`` (columns product_id and the stored round)."""
    ids = keys["product_id"].astype(str).tolist()
    rounds = stored_round(keys["round"]).tolist()
    if conn.dialect.name == "postgresql":
        return "(product_id, round) IN (SELECT * FROM unnest(%s::text[], %s::int[]))", [ids, rounds]
    return "(product_id || char(31) || round) IN (SELECT value FROM json_each(?))", [
        json.dumps([f"{i}\x1f{r}" for i, r in zip(ids, rounds)])
    ]


def select_rows(
    conn: sa.Connection,
    at: int | None = None,
    product_ids: list[str] | None = None,
    earlier: bool = False,
    rounds: list[int | None] | None = None,
) -> pd.DataFrame:
    """Stored rows (STORED + BOOKKEEPING) current, valid at version ``at``, or all superseded
    ones (``earlier``), optionally only of ``product_ids`` and of ``rounds`` (None: no round);
    in seq order."""
    p = placeholder(conn)
    if earlier:
        where, params = "valid_to IS NOT NULL", []
    elif at is None:
        where, params = "valid_to IS NULL", []
    else:
        where, params = f"valid_from <= {p} AND (valid_to IS NULL OR valid_to > {p})", [int(at), int(at)]
    if product_ids is not None:
        if not product_ids:
            return empty_rows()
        id_where, id_params = _id_filter(conn, product_ids)
        where, params = f"{where} AND {id_where}", params + id_params
    if rounds is not None:
        numbers = ", ".join(str(NO_ROUND if r is None or pd.isna(r) else int(r)) for r in rounds) or "NULL"
        where = f"{where} AND round IN ({numbers})"
    # Sub-item levels are empty for most products: fetch them only where some are filled in
    # (one Python object per stored value is what makes big loads slow).
    unique = "row_id" if earlier else "seq"  # unique among the rows read (a product's old rows share seq)
    names = [c for c in STORED if c not in SUB_ITEM_KEYS] + BOOKKEEPING + (["row_id"] if earlier else [])
    frame = rows_frame(fetch(conn, f"SELECT {column_list(names)} FROM product_row WHERE {where}", params), names)
    levels = [unique, *SUB_ITEM_KEYS]
    any_level = f"COALESCE({column_list(list(SUB_ITEM_KEYS))}) IS NOT NULL"
    sql = f"SELECT {column_list(levels)} FROM product_row WHERE {where} AND {any_level}"
    detailed = rows_frame(fetch(conn, sql, params), levels)
    if earlier:
        at_row = pd.Index(frame["row_id"]).get_indexer(detailed["row_id"])
    else:
        at_row = np.searchsorted(frame["seq"].to_numpy(), detailed["seq"].to_numpy())
    for key in SUB_ITEM_KEYS:
        column = np.full(len(frame), np.nan)
        column[at_row] = detailed[key].to_numpy()
        frame[key] = column
    return frame[STORED + BOOKKEEPING]


def close_rows(conn: sa.Connection, keys: pd.DataFrame, version_id: int, everything: bool) -> None:
    """End the current rows of ``keys`` (product_id, round) at ``version_id`` (``everything``: all current rows)."""
    if keys.empty:
        return
    p = placeholder(conn)
    if everything:
        conn.exec_driver_sql(f"UPDATE product_row SET valid_to = {p} WHERE valid_to IS NULL", (version_id,))
        return
    where, params = _key_filter(conn, keys)
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(
            f"UPDATE product_row SET valid_to = {p} WHERE valid_to IS NULL AND {where}", [version_id, *params]
        )
    finally:
        cursor.close()


def stored_rounds(conn: sa.Connection) -> list[int]:
    """The rounds among current rows, oldest first ([] when no current row has a round)."""
    found = conn.exec_driver_sql(
        f"SELECT DISTINCT round FROM product_row WHERE valid_to IS NULL AND round <> {NO_ROUND}"
    ).scalars()
    return sorted(int(r) for r in found)


def max_seq(conn: sa.Connection) -> int:
    """The last position among current products (-1 when there are none)."""
    value = conn.execute(sa.select(sa.func.max(product_row.c.seq)).where(product_row.c.valid_to.is_(None))).scalar()
    return -1 if value is None else int(value)


def max_revisions(conn: sa.Connection, product_ids: list[str]) -> dict[str, int]:
    """Highest revision ever stored per product (so a re-added product never reuses one)."""
    where, params = _id_filter(conn, product_ids)
    sql = f"SELECT product_id, MAX(revision) FROM product_row WHERE {where} GROUP BY product_id"
    return dict(fetch(conn, sql, params))


def undated_count(conn: sa.Connection) -> int:
    """Current rows without a round: products stored before rounds existed (migration 0004 gave them none)."""
    return int(
        conn.exec_driver_sql(f"SELECT COUNT(*) FROM product_row WHERE valid_to IS NULL AND round = {NO_ROUND}").scalar()
    )
