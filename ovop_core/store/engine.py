"""Where the database lives, how to connect to it, and how reads and writes hold transactions.

SQLite by default — a file outside the repository, ``$OVOP_DATA_DIR/ovop.sqlite3`` (default
``$XDG_DATA_HOME/ovop-dashboard/`` or ``~/.local/share/ovop-dashboard/``) — or PostgreSQL when
``OVOP_DATABASE_URL`` is set. Each write is one transaction: SQLite takes the write lock up front
(``BEGIN IMMEDIATE`` in WAL mode), PostgreSQL serialises writers with a table lock, so a failed
or killed write leaves the previous version intact and readers are never blocked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from ..catalog import Message
from .errors import StoreError

DB_FILE_NAME = "ovop.sqlite3"


def default_data_dir() -> Path:
    """``$OVOP_DATA_DIR``, else ``$XDG_DATA_HOME/ovop-dashboard``, else ``~/.local/share/ovop-dashboard``."""
    if os.environ.get("OVOP_DATA_DIR"):
        return Path(os.environ["OVOP_DATA_DIR"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "ovop-dashboard"


def default_url() -> str:
    return f"sqlite:///{default_data_dir() / DB_FILE_NAME}"


def normalise_url(url: str) -> sa.engine.URL:
    """Use psycopg 3 for plain ``postgresql://`` (and ``postgres://``) URLs."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    parsed = sa.engine.make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def create_engine(url: sa.engine.URL) -> sa.Engine:
    """An engine for ``url``; SQLite gets its folder created, WAL, foreign keys and explicit BEGINs."""
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # We issue BEGIN ourselves (below); the driver's implicit transactions are off.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL survives a killed process
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # Writers take the write lock up front, so read-check-write cannot interleave.
        write = connection.get_execution_options().get("ovop_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


@contextmanager
def reading(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One transaction for one read, seeing one snapshot of the database."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


@contextmanager
def writing(engine: sa.Engine, lock: bool = True) -> Iterator[sa.Connection]:
    """One transaction for one write; database failures roll back and become ``StoreError``."""
    try:
        with engine.connect() as conn:
            conn.execution_options(ovop_write=True)
            with conn.begin():
                if lock and engine.dialect.name == "postgresql":
                    # Writers queue here; readers are not blocked.
                    conn.exec_driver_sql("LOCK TABLE dataset_version IN SHARE ROW EXCLUSIVE MODE")
                yield conn
    except (sa.exc.DBAPIError, engine.dialect.loaded_dbapi.Error) as exc:
        raise StoreError(Message("store.database_failed", error=type(exc).__name__)) from exc
