"""Re-importing an old export must not silently undo newer edits (issue 10, defect 10).

``check_reverts`` runs on the same stores as tests/test_store.py: SQLite always, PostgreSQL when
OVOP_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import pandas as pd
import pytest
from store_helpers import ADMIN, BALI_EDITOR
from test_store import empty_store, store  # noqa: F401  (the dialect-parametrised fixtures)

import ovop_core.reverts as reverts_module
from ovop_core.demo import synthetic_registry
from ovop_core.export import write_csv
from ovop_core.registry import read_registry
from ovop_core.reverts import REVERT_COLUMNS, check_reverts


def exported(store) -> pd.DataFrame:
    """The current data as a downloaded CSV export, read back as an import would read it."""
    result = read_registry(write_csv(store.export_current()), name="export.csv")
    assert result.ok
    return result.frame.drop(columns=["_row"])


def revision(store, product_id: str) -> int:
    return int(store.load().set_index("product_id").loc[product_id, "revision"])


def test_reimporting_the_v1_export_after_an_edit_reports_exactly_that_product(store):
    old = exported(store)
    edit = store.update_product("FLAG-02", {"k3": "72,5"}, revision(store, "FLAG-02"), BALI_EDITOR)
    check = check_reverts(store, old)
    assert check.reverting["product_id"].tolist() == ["FLAG-02"]
    row = check.reverting.iloc[0]
    assert list(check.reverting.columns) == REVERT_COLUMNS
    assert (row["back_to_version"], row["back_to_revision"]) == (1, 1)
    assert (row["current_version"], row["current_revision"]) == (edit.id, 2)
    assert row["changed_by"] == "made.bali" and row["changed_at"] == pd.Timestamp(edit.created_at)
    assert row["name"] == store.load().set_index("product_id").loc["FLAG-02", "name"]
    assert (check.n_reverting, check.n_updated, check.n_new, check.n_unchanged) == (1, 0, 0, len(old) - 1)
    assert check.latest_undone() == (edit.id, edit.author, edit.created_at)


def test_a_fresh_file_with_new_values_is_an_ordinary_update_not_a_revert(store):
    store.update_product("FLAG-01", {"k3": 70}, 1, ADMIN)
    fresh = exported(store)
    fresh.loc[fresh["product_id"].isin(["FLAG-01", "FLAG-03"]), "k3"] = 33.0
    fresh = pd.concat([fresh, synthetic_registry(2, seed=5)], ignore_index=True)
    check = check_reverts(store, fresh)
    assert check.reverting.empty and check.latest_undone() is None
    assert (check.n_updated, check.n_new, check.n_unchanged) == (2, 2, len(fresh) - 4)


def test_a_file_of_only_new_products_is_all_new(store):
    fresh = synthetic_registry(3, seed=7)
    fresh["product_id"] = ["NEW-1", "NEW-2", "NEW-3"]
    check = check_reverts(store, fresh)
    assert check.reverting.empty
    assert (check.n_updated, check.n_new, check.n_unchanged) == (0, 3, 0)


def test_an_unchanged_file_reports_nothing(store):
    store.update_product("FLAG-01", {"k3": 70}, 1, ADMIN)
    check = check_reverts(store, exported(store))
    assert check.reverting.empty and (check.n_updated, check.n_new) == (0, 0)
    assert check.n_unchanged == store.current_version().n_rows


def test_the_latest_matching_state_and_the_newest_undoing_edit_are_reported(store):
    old = exported(store)
    store.update_product("FLAG-01", {"k3": 70}, 1, ADMIN)  # v2: B
    middle = exported(store)  # holds B for FLAG-01
    store.update_product("FLAG-01", {"k3": 71}, 2, ADMIN)  # v3: C
    store.update_product("FLAG-01", {"k3": 70}, 3, ADMIN)  # v4: B again
    last = store.update_product("FLAG-03", {"assessors": 9}, 1, ADMIN)  # v5
    check = check_reverts(store, middle)  # FLAG-01 is unchanged (B), FLAG-03 goes back
    assert check.reverting["product_id"].tolist() == ["FLAG-03"] and check.n_unchanged == len(middle) - 1
    check = check_reverts(store, old)
    got = check.reverting.set_index("product_id")
    assert sorted(got.index) == ["FLAG-01", "FLAG-03"]
    assert got.loc["FLAG-01", ["back_to_version", "current_version", "current_revision"]].tolist() == [1, 4, 4]
    assert check.reverting["product_id"].iloc[0] == "FLAG-03"  # newest undone edit first
    assert check.latest_undone() == (last.id, "ana.admin", last.created_at)
    c_values = middle.copy()
    c_values.loc[c_values["product_id"] == "FLAG-01", "k3"] = 71.0  # C, set in v3 and overwritten in v4
    got = check_reverts(store, c_values).reverting.set_index("product_id")
    assert got.loc["FLAG-01", ["back_to_version", "back_to_revision"]].tolist() == [3, 3]


@pytest.mark.parametrize("filter_limit", [5_000, 0], ids=["by-id", "whole-registry"])
def test_thousands_of_products_with_sub_items_and_gaps_are_compared_exactly(empty_store, monkeypatch, filter_limit):
    monkeypatch.setattr(reverts_module, "_FILTER_LIMIT", filter_limit)
    v1 = synthetic_registry(3000, seed=11)
    empty_store.ensure_seeded(v1)
    v2 = v1.copy()
    edited = v2.index % 3 == 0
    v2.loc[edited, "workers"] = v2.loc[edited, "workers"].fillna(0) + 1
    empty_store.import_frame(v2, ADMIN, mode="merge")
    check = check_reverts(empty_store, v1)
    assert sorted(check.reverting["product_id"]) == sorted(v1.loc[edited, "product_id"])
    assert (check.reverting["back_to_version"] == 1).all() and (check.reverting["current_version"] == 2).all()
    assert (check.n_updated, check.n_new, check.n_unchanged) == (0, 0, int((~edited).sum()))
    assert check_reverts(empty_store, v2).n_unchanged == 3000


def test_a_merged_import_is_a_newer_edit_too_and_only_the_files_products_count(store):
    seed = exported(store)
    changed = seed[seed["product_id"] == "FLAG-04"].copy()
    changed["assessors"] = 6.0
    version = store.import_frame(changed, ADMIN, mode="merge", note="april")
    subset = seed[seed["product_id"].isin(["FLAG-04", "FLAG-05"])]
    check = check_reverts(store, subset)
    assert check.reverting["product_id"].tolist() == ["FLAG-04"]
    assert check.reverting["current_version"].tolist() == [version.id]
    assert (check.n_updated, check.n_unchanged) == (0, 1)
