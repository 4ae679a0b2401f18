"""Writing many product rows at once: chunked ``executemany`` on SQLite, one ``COPY`` on PostgreSQL.

A replace import writes up to hundreds of thousands of rows inside the write transaction, so
this is the store's hot path. ``insert_chunk`` and ``copy_chunk`` are the single places rows
reach the driver; tests replace them to fail or kill an import half-way.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from .frames import driver_columns, stored_round
from .queries import column_list
from .schema import BOOKKEEPING, STORED, STORED_DATES, TEXT_COLUMNS

INSERT_CHUNK = 10_000  # rows per executemany on SQLite
COPY_CHUNK = 8 << 20  # characters per write to PostgreSQL's COPY


def insert_rows(conn: sa.Connection, rows: pd.DataFrame, version_id: int) -> None:
    """Insert ``rows`` (STORED + BOOKKEEPING) as valid from ``version_id``."""
    if rows.empty:
        return
    names = ["valid_from", *STORED, *BOOKKEEPING]
    rows = rows.assign(valid_from=version_id)[names]
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        if conn.dialect.name == "postgresql":
            _copy(cursor, rows, names)
        else:
            sql = f"INSERT INTO product_row ({column_list(names)}) VALUES ({', '.join('?' * len(names))})"
            values = list(zip(*driver_columns(rows)))
            for start in range(0, len(values), INSERT_CHUNK):
                insert_chunk(cursor, sql, values[start : start + INSERT_CHUNK])
    finally:
        cursor.close()


def insert_chunk(cursor, sql: str, chunk: list[tuple]) -> None:
    cursor.executemany(sql, chunk)


def copy_chunk(copy, chunk: str) -> None:
    copy.write(chunk)


def _copy(cursor, rows: pd.DataFrame, names: list[str]) -> None:
    text = [c for c in names if c in TEXT_COLUMNS or c == "product_id"]
    out = rows.copy()
    for col in STORED_DATES:
        out[col] = out[col].dt.strftime("%Y-%m-%d")
    out["round"] = stored_round(out["round"])
    data = csv_for_copy(out)
    # Text columns are NOT NULL: "\N" inside a name stays text (FORCE_NOT_NULL).
    sql = (
        f"COPY product_row ({column_list(names)}) FROM STDIN "
        f"WITH (FORMAT csv, NULL '\\N', FORCE_NOT_NULL ({column_list(text)}))"
    )
    with cursor.copy(sql) as copy:
        for start in range(0, len(data), COPY_CHUNK):
            copy_chunk(copy, data[start : start + COPY_CHUNK])


def csv_for_copy(frame: pd.DataFrame) -> str:
    """CSV for PostgreSQL's COPY with NULL as \\N; Arrow's writer is several times faster than pandas'."""
    try:
        import pyarrow as pa
        import pyarrow.csv as pa_csv
    except ImportError:
        pa = None
    if pa is not None:
        try:
            table = pa.Table.from_pandas(frame, preserve_index=False)
            sink = pa.BufferOutputStream()
            options = pa_csv.WriteOptions(include_header=False, null_string="\\N", quoting_style="needed")
            pa_csv.write_csv(table, sink, write_options=options)
            return sink.getvalue().to_pybytes().decode("utf-8")
        except pa.ArrowException:  # a column Arrow cannot write: pandas can
            pass
    return frame.to_csv(index=False, header=False, na_rep="\\N", lineterminator="\n")
