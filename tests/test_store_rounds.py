"""Assessment rounds in the store (DESIGN.md §11): rows keyed by (product_id, round); an import adds a
round or replaces one, keeping the others, atomically. Run against SQLite and, with
OVOP_TEST_DATABASE_URL, PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import make_products
from store_helpers import ACEH_EDITOR, ADMIN, BACKENDS, checksum, migrated_store, sqlite_url

from ovop_core.importing import import_file
from ovop_core.store import PermissionDenied, Store, bulk
from ovop_core.store.errors import RoundExists


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """A store holding round 2025 (A ★3, B ★2) and round 2026 (A ★4, C ★3), all in Aceh (11.04)."""
    with migrated_store(request.param, tmp_path) as store:
        yield _seeded(store)


def _seeded(store):
    store.ensure_seeded(
        make_products(
            dict(product_id="A", round=2025, k=60),
            dict(product_id="B", round=2025, k=40),
            dict(product_id="A", round=2026, k=75),
            dict(product_id="C", round=2026, k=60),
        )
    )
    return store


def rows(store: Store) -> list[tuple]:
    """(product_id, round, k3, revision) of every current row, sorted."""
    frame = store.load()
    return sorted(zip(frame["product_id"], frame["round"].astype(int), frame["k3"], frame["revision"]))


def test_the_store_keeps_every_round_and_names_them(store):
    assert rows(store) == [("A", 2025, 60.0, 1), ("A", 2026, 75.0, 1), ("B", 2025, 40.0, 1), ("C", 2026, 60.0, 1)]
    assert store.rounds() == [2025, 2026] and store.current_version().n_rows == 4


def test_adding_a_round_keeps_every_stored_round(store):
    version = store.import_frame(
        make_products(dict(product_id="A", round=2027, k=80), dict(product_id="D", round=2027, k=50)),
        ADMIN,
        mode="add_round",
    )
    assert store.rounds() == [2025, 2026, 2027] and version.n_rows == 6
    assert ("A", 2026, 75.0, 1) in rows(store) and ("D", 2027, 50.0, 1) in rows(store)


def test_adding_a_round_the_store_holds_is_refused_and_nothing_changes(store):
    before, versions = checksum(store), len(store.versions())
    with pytest.raises(RoundExists) as err:
        store.import_frame(make_products(dict(product_id="Z", round=2026)), ADMIN, mode="add_round")
    assert "2026" in err.value.text("id") and "2026" in err.value.text("en")
    assert checksum(store) == before and len(store.versions()) == versions


def test_replacing_a_round_replaces_only_that_rounds_rows(store):
    version = store.import_frame(
        make_products(dict(product_id="A", round=2026, k=90), dict(product_id="D", round=2026, k=50)),
        ADMIN,
        mode="replace_round",
    )
    # C is gone from 2026, A's 2026 row changed (revision 2), D is new; 2025 is untouched.
    assert rows(store) == [("A", 2025, 60.0, 1), ("A", 2026, 90.0, 2), ("B", 2025, 40.0, 1), ("D", 2026, 50.0, 1)]
    assert version.n_rows == 4


def test_a_file_without_rounds_goes_into_the_round_chosen_for_it(store):
    frame = make_products(dict(product_id="E", k=55))  # no round
    store.import_frame(frame, ADMIN, mode="add_round", round=2027)
    assert ("E", 2027, 55.0, 1) in rows(store)


def test_a_file_without_rounds_goes_into_the_newest_stored_round_by_default(store):
    store.import_frame(make_products(dict(product_id="E", k=55)), ADMIN, mode="replace_round")
    assert rows(store) == [("A", 2025, 60.0, 1), ("B", 2025, 40.0, 1), ("E", 2026, 55.0, 1)]


def test_the_default_round_is_the_newest_stored_else_this_year(store, tmp_path):
    assert store.default_round(dt.date(2030, 5, 1)) == 2026
    empty = Store(sqlite_url(tmp_path / "other"))
    empty.migrate()
    assert empty.default_round(dt.date(2030, 5, 1)) == 2030
    empty.dispose()


def test_a_merge_matches_products_by_id_and_round(store):
    store.import_frame(make_products(dict(product_id="A", round=2025, k=65)), ADMIN, mode="merge")
    assert rows(store)[:2] == [("A", 2025, 65.0, 2), ("A", 2026, 75.0, 1)]


def test_an_edit_changes_the_products_newest_round_unless_a_round_is_named(store):
    store.update_product("A", {"k3": 95}, 1, ADMIN)
    assert rows(store)[:2] == [("A", 2025, 60.0, 1), ("A", 2026, 95.0, 2)]
    store.update_product("A", {"k3": 70}, 1, ADMIN, round=2025)
    assert rows(store)[:2] == [("A", 2025, 70.0, 2), ("A", 2026, 95.0, 2)]


def test_a_round_import_that_fails_half_way_leaves_the_store_unchanged(store, monkeypatch):
    before, versions = checksum(store), len(store.versions())

    def broken(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(bulk, "copy_chunk" if store.dialect == "postgresql" else "insert_chunk", broken)
    new_round = make_products(*[dict(product_id=f"N{i}", round=2027) for i in range(5)])
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.import_frame(new_round, ADMIN, mode="add_round")
    assert checksum(store) == before and len(store.versions()) == versions and store.rounds() == [2025, 2026]


def test_only_an_admin_adds_or_replaces_a_round(store):
    before = checksum(store)
    for mode in ("add_round", "replace_round"):
        with pytest.raises(PermissionDenied):
            store.import_frame(make_products(dict(product_id="A", round=2027)), ACEH_EDITOR, mode=mode)
    assert checksum(store) == before


def test_import_file_passes_the_chosen_round(store, tmp_path):
    path = tmp_path / "no_rounds.csv"
    frame = make_products(dict(product_id="F", k=70)).drop(columns=["_row"])
    from ovop_core.export import write_csv

    write_csv(frame, path)
    outcome = import_file(store, path, ADMIN, mode="add_round", round=2028)
    assert outcome.version is not None and ("F", 2028, 70.0, 1) in rows(store)


def test_rolling_back_restores_every_round(store):
    first = sorted(map(tuple, store.load()[["product_id", "round", "k3"]].astype(str).values))
    store.import_frame(make_products(dict(product_id="A", round=2026, k=10)), ADMIN, mode="replace_round")
    store.rollback(1, ADMIN)
    assert sorted(map(tuple, store.load()[["product_id", "round", "k3"]].astype(str).values)) == first
    assert pd.Series([r for _, r, *_ in rows(store)]).tolist() == [2025, 2026, 2025, 2026]
