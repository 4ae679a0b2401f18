"""Shared by the store tests: fresh stores on SQLite or PostgreSQL, users, and an export checksum."""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from ovop_core import rounds
from ovop_core.export import write_csv
from ovop_core.registry import read_registry
from ovop_core.store import Store
from ovop_core.users import User

ROOT = Path(__file__).resolve().parents[1]
DEMO_CSV = ROOT / "data" / "products_demo.csv"
PG_URL = os.environ.get("OVOP_TEST_DATABASE_URL", "")

ADMIN = User("ana.admin", "admin")
ACEH_EDITOR = User("budi.aceh", "editor", ("11",))
BALI_EDITOR = User("made.bali", "editor", ("51.07",))
VIEWER = User("vera.viewer", "viewer")


def demo_frame() -> pd.DataFrame:
    """The committed demo registry's current round (2026, 1000 products) exactly as the file reader
    gives it (without ``_row``); ``demo_history()`` has every round."""
    return rounds.current(demo_history())


def demo_history() -> pd.DataFrame:
    """Every round of the committed demo registry (without ``_row``)."""
    result = read_registry(DEMO_CSV)
    assert result.ok
    return result.frame.drop(columns=["_row"])


def checksum(store: Store) -> str:
    return hashlib.sha256(write_csv(store.export_current())).hexdigest()


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'ovop.sqlite3'}"


class PostgresSchema:
    """A throwaway schema on the test server; the store's URL points its search_path there."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.name = f"t_{uuid.uuid4().hex[:12]}"
        self._admin = sa.create_engine(base_url)
        with self._admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{self.name}"')

    @property
    def url(self) -> str:
        url = sa.engine.make_url(self.base_url).update_query_dict({"options": f"-csearch_path={self.name}"})
        return url.render_as_string(hide_password=False)

    def drop(self) -> None:
        with self._admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{self.name}" CASCADE')
        self._admin.dispose()


# Every store test runs on SQLite, and on PostgreSQL when a test database is given.
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason="set OVOP_TEST_DATABASE_URL")),
]


@contextlib.contextmanager
def migrated_store(backend: str, tmp_path: Path):
    """A migrated, empty store on ``backend`` (a file in ``tmp_path``, or a schema of its own on
    PostgreSQL), disposed of and dropped afterwards."""
    schema = PostgresSchema(PG_URL) if backend == "postgresql" else None
    store = Store(schema.url if schema else sqlite_url(tmp_path))
    store.migrate()
    try:
        yield store
    finally:
        store.dispose()
        if schema is not None:
            schema.drop()
