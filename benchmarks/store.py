"""Store benchmarks: import + validate 100k products from CSV and XLSX, load, edit, merge, rollback.

SQLite always (a temporary file); PostgreSQL too when OVOP_DATABASE_URL or OVOP_TEST_DATABASE_URL
is set (in a throwaway schema). ``run()`` returns rows like ``benchmarks.core.run``.
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

from ovop_core.demo import synthetic_registry
from ovop_core.export import write_csv, write_xlsx
from ovop_core.registry import read_registry
from ovop_core.store import Store
from ovop_core.users import User

ADMIN = User("bench", "admin")
N = 100_000


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _import(store: Store, path: Path) -> tuple[float, float]:
    """Seconds spent reading + validating the file, and importing the frame."""
    t_read, result = _timed(lambda: read_registry(path))
    assert result.ok
    t_store, _ = _timed(lambda: store.import_frame(result.frame, ADMIN, mode="replace"))
    return t_read, t_store


def _bench_store(store: Store, label: str, csv_path: Path, xlsx_path: Path | None) -> list[tuple]:
    store.migrate()
    store.ensure_seeded(synthetic_registry(1000, seed=1))
    rows = []
    t_read, t_store = _import(store, csv_path)
    rows.append((label, "import + validate CSV (read_registry + import_frame)", t_read + t_store, "≤ 5 s"))
    rows.append((label, f"  of which import_frame (read_registry {t_read:.1f} s)", t_store, ""))
    store.load()  # warm caches as the app would after an import
    t_load = min(_timed(store.load)[0] for _ in range(3))
    rows.append((label, "load current version", t_load, "≤ 1 s"))
    current = store.load()
    first = current.iloc[0]
    t_edit, _ = _timed(lambda: store.update_product(first["product_id"], {"k3": 77.5}, int(first["revision"]), ADMIN))
    rows.append((label, "edit one product (validate + new version)", t_edit, ""))
    part = current.drop(columns=["revision"]).sample(1000, random_state=1).assign(k1=12.5)
    t_merge, _ = _timed(lambda: store.import_frame(part, ADMIN, mode="merge"))
    rows.append((label, "merge 1,000 changed products", t_merge, ""))
    t_same, _ = _timed(lambda: store.import_frame(current.drop(columns=["revision"]), ADMIN, mode="replace"))
    rows.append((label, "re-import the same 100k (diff only)", t_same, ""))
    t_back, _ = _timed(lambda: store.rollback(2, ADMIN))
    rows.append((label, "rollback to the 100k import", t_back, ""))
    if xlsx_path is not None:
        t_read, t_store = _import(store, xlsx_path)
        rows.append((label, "import + validate XLSX (read_registry + import_frame)", t_read + t_store, "≤ 20 s"))
        rows.append((label, f"  of which import_frame (read_registry {t_read:.1f} s)", t_store, ""))
    return rows


def run(n: int = N, xlsx: bool = True) -> list[tuple[str, str, float, str]]:
    label = f"{n:,}"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        frame = synthetic_registry(n, seed=11)
        csv_path, xlsx_path = Path(tmp) / "registry.csv", Path(tmp) / "registry.xlsx"
        write_csv(frame, csv_path)
        if xlsx:
            write_xlsx(frame, xlsx_path)
        store = Store(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        rows += [
            (lbl, f"SQLite: {what}", t, target)
            for lbl, what, t, target in _bench_store(store, label, csv_path, xlsx_path if xlsx else None)
        ]
        store.dispose()
        pg_url = os.environ.get("OVOP_DATABASE_URL") or os.environ.get("OVOP_TEST_DATABASE_URL")
        if pg_url:
            rows += [
                (lbl, f"PostgreSQL: {what}", t, target)
                for lbl, what, t, target in _bench_postgres(pg_url, label, csv_path, xlsx_path if xlsx else None)
            ]
    return rows


def _bench_postgres(url: str, label: str, csv_path: Path, xlsx_path: Path | None) -> list[tuple]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(Store(url).url)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        store = Store(
            Store(url)
            .url.update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
        try:
            return _bench_store(store, label, csv_path, xlsx_path)
        finally:
            store.dispose()
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


if __name__ == "__main__":
    for size, what, seconds, target in run():
        shown = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
        print(f"{size:>10}  {what:<62} {shown:>10}  {target}")
