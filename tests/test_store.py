"""The versioned registry store, run against SQLite and (with OVOP_TEST_DATABASE_URL) PostgreSQL.

Each test gets a fresh database: a SQLite file in tmp_path, or a new PostgreSQL schema.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from store_helpers import (
    ACEH_EDITOR,
    ADMIN,
    BACKENDS,
    BALI_EDITOR,
    PG_URL,
    VIEWER,
    PostgresSchema,
    checksum,
    demo_frame,
    migrated_store,
    sqlite_url,
)

import ovop_core.store as store_module
from ovop_core.demo import synthetic_registry
from ovop_core.export import registry_file_frame, write_csv
from ovop_core.registry import read_registry
from ovop_core.schema import COLUMN_ORDER
from ovop_core.scoring import score_table
from ovop_core.store import (
    PermissionDenied,
    ProductNotFound,
    StaleEditError,
    Store,
    StoreError,
    ValidationFailed,
    VersionNotFound,
    bulk,
    preview_edit,
)
from ovop_core.store import store as store_impl
from ovop_core.store.schema import BOOL_COLUMNS, FLOAT_COLUMNS, STORED_DATES, TEXT_COLUMNS
from ovop_core.users import ANONYMOUS, User


@pytest.fixture(params=BACKENDS)
def empty_store(request, tmp_path):
    """A migrated store with no version yet."""
    with migrated_store(request.param, tmp_path) as store:
        yield store


@pytest.fixture
def store(empty_store):
    """A store seeded with the demo registry as version 1."""
    empty_store.ensure_seeded(demo_frame())
    return empty_store


def product(store: Store, product_id: str) -> pd.Series:
    frame = store.load()
    return frame.loc[frame["product_id"] == product_id].iloc[0]


# -- users -------------------------------------------------------------------------------------


def test_province_editor_covers_its_kabkota_but_not_other_provinces():
    assert ACEH_EDITOR.can_edit_region("11.04") and ACEH_EDITOR.can_edit_region("11.04.01")
    assert not ACEH_EDITOR.can_edit_region("51.07") and not ACEH_EDITOR.can_edit_region("110.1")
    assert BALI_EDITOR.can_edit_region("51.07") and not BALI_EDITOR.can_edit_region("51.01")
    assert ADMIN.can_edit_region("51.07") and ADMIN.can_write
    assert not VIEWER.can_write and not VIEWER.can_edit_region("11.04")
    assert ANONYMOUS == User("", "viewer") and not ANONYMOUS.can_write
    codes = pd.Series(["11.04", "51.07", "11", ""])
    assert ACEH_EDITOR.editable(codes).tolist() == [True, False, True, False]


# -- seed and load -----------------------------------------------------------------------------


def test_seed_round_trip_is_lossless(empty_store):
    seed = demo_frame()
    version = empty_store.ensure_seeded(seed)
    assert (version.id, version.action, version.is_demo, version.n_rows) == (1, "seed", True, len(seed))
    assert version.created_at.tzinfo == dt.UTC
    loaded = empty_store.load()
    assert loaded["revision"].dtype == "int64" and (loaded["revision"] == 1).all()
    pd.testing.assert_frame_equal(loaded.drop(columns=["revision"]), seed)
    pd.testing.assert_frame_equal(score_table(loaded.drop(columns=["revision"])), score_table(seed))
    pd.testing.assert_frame_equal(empty_store.export_current(), seed)


def test_synthetic_registry_round_trips_including_sub_items_and_missing_values(empty_store):
    seed = synthetic_registry(3000, seed=7)
    empty_store.ensure_seeded(seed)
    loaded = empty_store.export_current()
    pd.testing.assert_frame_equal(loaded, seed, check_dtype=False)
    assert loaded.dtypes.equals(demo_frame().dtypes)


def test_ensure_seeded_seeds_only_once(store):
    again = store.ensure_seeded(synthetic_registry(5))
    assert again.id == 1 and len(store.versions()) == 1 and store.current_version().n_rows == len(demo_frame())


def test_empty_store_has_no_version_and_loads_an_empty_registry(empty_store):
    assert empty_store.current_version() is None and empty_store.versions() == []
    frame = empty_store.load()
    assert frame.empty and list(frame.columns) == list(demo_frame().columns) + ["revision"]


def test_every_loaded_column_has_the_dtype_the_file_reader_gives_it(empty_store):
    seed = synthetic_registry(200, seed=5)  # sub-item levels and missing values included
    read = read_registry(write_csv(seed)).frame.drop(columns=["_row"])
    expected = read.dtypes.to_dict()
    assert empty_store.load().drop(columns=["revision"]).dtypes.to_dict() == expected  # no version yet
    empty_store.ensure_seeded(seed)
    empty_store.update_product("SYN-0000001", {"k3": 90}, 1, ADMIN)
    for version in (1, 2):  # an earlier version and the current one
        loaded = empty_store.load(version).drop(columns=["revision"])
        assert loaded.dtypes.to_dict() == expected
    assert dict(store_module.CANONICAL_DTYPES) == expected


def test_every_stored_column_has_exactly_one_type():
    typed = ["product_id", "round", "stage", *STORED_DATES, *TEXT_COLUMNS, *FLOAT_COLUMNS, *BOOL_COLUMNS]
    assert sorted(typed) == sorted(store_module.STORED)
    assert store_module.STORED == [c for c in COLUMN_ORDER if c != "province"]


def test_migrated_schema_matches_the_store_tables(empty_store):
    with empty_store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), store_module.metadata)
    assert diff == []
    empty_store.migrate()  # idempotent


def test_loading_an_unknown_version_is_refused(store):
    with pytest.raises(VersionNotFound) as err:
        store.load(99)
    assert "99" in err.value.text("id") and "99" in err.value.text("en")


# -- places, non-halal, rating dates (migration 0002) ------------------------------------------


def places_frame() -> pd.DataFrame:
    """Four demo products moved to a desa, a kecamatan and a kab/kota, one marked non-halal and rated."""
    frame = demo_frame().head(4).copy()
    places = {
        "region_code": ["35.73", "35.73", "61.05", "51.04"],
        "province": ["35", "35", "61", "51"],
        "place_code": ["35.73.01.2001", "35.73.01", "61.05", "51.04.02.2005"],
    }
    for column, values in places.items():
        frame[column] = pd.Series(values, dtype=object, index=frame.index)
    frame["category"] = "minuman"
    frame["halal"] = [True, True, False, False]
    frame["non_halal"] = [False, False, False, True]
    frame["rated_on"] = pd.to_datetime(["2025-04-10", None, None, "2025-06-30"]).astype("datetime64[us]")
    return frame.reset_index(drop=True)


def test_places_non_halal_and_rating_dates_round_trip_through_the_store(empty_store):
    frame = places_frame()
    empty_store.ensure_seeded(frame)
    pd.testing.assert_frame_equal(empty_store.export_current(), frame)
    again = read_registry(write_csv(empty_store.export_current())).frame.drop(columns=["_row"])
    pd.testing.assert_frame_equal(again, frame)


def test_an_edit_keeps_the_desa_the_product_was_placed_in(empty_store):
    empty_store.ensure_seeded(places_frame())
    pid = places_frame()["product_id"].iloc[0]
    empty_store.update_product(pid, {"k3": 90, "rated_on": pd.Timestamp("2025-05-01")}, 1, ADMIN)
    row = product(empty_store, pid)
    assert (row["place_code"], row["region_code"], row["k3"]) == ("35.73.01.2001", "35.73", 90)
    assert row["rated_on"] == pd.Timestamp("2025-05-01")
    empty_store.update_product(pid, {"region_code": "35.73.02"}, 2, ADMIN)  # moved to another kecamatan
    assert product(empty_store, pid)["place_code"] == "35.73.02"


def test_an_edit_marking_a_halal_product_non_halal_is_refused_naming_both_columns(empty_store):
    empty_store.ensure_seeded(places_frame())
    pid = places_frame()["product_id"].iloc[0]
    with pytest.raises(ValidationFailed) as err:
        empty_store.update_product(pid, {"non_halal": True}, 1, ADMIN)
    problem = err.value.problems.iloc[0]
    assert (problem["column"], problem["code"]) == ("non_halal", "halal_and_non_halal")
    assert "'halal'" in problem["message_en"]


def test_a_frame_whose_place_lies_outside_its_kabkota_is_refused(empty_store):
    frame = places_frame()
    frame.loc[1, "place_code"] = "35.74.01"
    with pytest.raises(ValidationFailed) as err:
        empty_store.ensure_seeded(frame)
    assert err.value.problems[["row", "column"]].values.tolist() == [[3, "place_code"]]
    assert empty_store.current_version() is None


def test_a_frame_without_a_place_is_placed_at_its_kabkota(empty_store):
    frame = places_frame()
    frame["place_code"] = ""
    empty_store.ensure_seeded(frame)
    assert empty_store.load()["place_code"].tolist() == ["35.73", "35.73", "61.05", "51.04"]


@pytest.fixture(params=BACKENDS)
def store_at_0001(request, tmp_path):
    """A store whose schema is the first migration's, holding one product with two stored rows."""
    from alembic import command
    from alembic.config import Config

    if request.param == "sqlite":
        store, schema = Store(sqlite_url(tmp_path)), None
    else:
        schema = PostgresSchema(PG_URL)
        store = Store(schema.url)
    config = Config()
    config.set_main_option("script_location", "ovop_core:migrations")
    when = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        for version, parent in ((1, None), (2, 1)):
            conn.execute(
                sa.text(
                    "INSERT INTO dataset_version (id, created_at, author, action, n_rows, note, is_demo, parent_id) "
                    "VALUES (:id, :at, 'ana.admin', :action, 1, '', :demo, :parent)"
                ),
                {"id": version, "at": when, "action": "seed" if version == 1 else "edit", "demo": version == 1,
                 "parent": parent},
            )  # fmt: skip
        for valid_from, valid_to, k3 in ((1, 2, 60.0), (2, None, 75.5)):
            conn.execute(
                sa.text(
                    "INSERT INTO product_row (product_id, valid_from, valid_to, revision, changed_in, seq, name, "
                    "producer, category, region_code, stage, stage_since, k1, k2, k3, k4, k5, nib, permit, halal, "
                    "brand, export, assessors, revenue_idr, workers) VALUES ('OLD-1', :vf, :vt, :vf, :vf, 0, "
                    "'Kopi Lama', 'KUB', 'minuman', '11.04', 3, :since, 70, 65, :k3, 60, 55, :yes, 'pirt', :yes, "
                    ":yes, :no, 2, 1500000, 4)"
                ),
                {"vf": valid_from, "vt": valid_to, "k3": k3, "since": dt.date(2025, 3, 1), "yes": True, "no": False},
            )
    yield store
    store.dispose()
    if schema is not None:
        schema.drop()


def test_upgrading_a_0001_store_keeps_every_row_and_places_them_at_their_kabkota(store_at_0001):
    assert not store_at_0001.schema_is_current()
    store_at_0001.migrate()
    assert store_at_0001.schema_is_current()
    with store_at_0001.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), store_module.metadata) == []
    now, first = store_at_0001.load(), store_at_0001.load(1)
    assert len(now) == len(first) == 1 and [v.id for v in store_at_0001.versions()] == [2, 1]
    row = now.iloc[0]
    assert (row["product_id"], row["name"], row["region_code"], row["place_code"]) == (
        "OLD-1", "Kopi Lama", "11.04", "11.04")  # fmt: skip
    assert (row["k3"], row["revision"], first.iloc[0]["k3"]) == (75.5, 2, 60.0)
    assert row["stage_since"] == pd.Timestamp("2025-03-01") and pd.isna(row["rated_on"])
    assert bool(row["halal"]) and not bool(row["non_halal"]) and row["permit"] == "pirt"
    store_at_0001.update_product("OLD-1", {"non_halal": False, "k3": 80}, 2, ADMIN)  # writable after the upgrade
    assert product(store_at_0001, "OLD-1")["k3"] == 80


# -- history, import ---------------------------------------------------------------------------


def test_versions_record_who_when_what_and_how_many_rows(store):
    before = dt.datetime.now(dt.UTC)
    new = synthetic_registry(40, seed=3)
    store.import_frame(new, ADMIN, note="registri 2026", mode="replace")
    row = product(store, "SYN-0000001")
    store.update_product("SYN-0000001", {"k3": 90.0}, row["revision"], ADMIN, note="mutu naik")
    history = store.versions()
    assert [v.action for v in history] == ["edit", "import", "seed"]
    assert [v.id for v in history] == [3, 2, 1] and [v.parent_id for v in history] == [2, 1, None]
    assert [v.author for v in history] == ["ana.admin", "ana.admin", "system"]
    assert [v.n_rows for v in history] == [40, 40, 1000]
    assert [v.note for v in history] == ["mutu naik", "registri 2026", "demo"]
    assert [v.is_demo for v in history] == [False, False, True]
    assert all(v.created_at >= before - dt.timedelta(seconds=5) for v in history[:2])
    assert store.current_version() == history[0]


def test_replace_import_swaps_the_whole_registry_and_keeps_the_old_version(store):
    new = synthetic_registry(50, seed=4)
    version = store.import_frame(new, ADMIN, mode="replace")
    assert version.action == "import" and version.n_rows == 50
    pd.testing.assert_frame_equal(store.export_current(), new, check_dtype=False)
    pd.testing.assert_frame_equal(store.load(1).drop(columns=["revision"]), demo_frame())


def test_merge_updates_listed_products_adds_new_ones_and_keeps_the_rest(store):
    seed = demo_frame()
    changed = seed[seed["product_id"].isin(["FLAG-01", "FLAG-03"])].copy()
    changed.loc[changed["product_id"] == "FLAG-01", "k3"] = 55.0
    added = synthetic_registry(2, seed=5)
    version = store.import_frame(pd.concat([changed, added], ignore_index=True), ADMIN, mode="merge")
    assert version.n_rows == len(seed) + 2
    now = store.load()
    assert len(now) == len(seed) + 2 and now["product_id"].tail(2).tolist() == added["product_id"].tolist()
    by_id = now.set_index("product_id")
    assert by_id.loc["FLAG-01", "k3"] == 55.0 and by_id.loc["FLAG-01", "revision"] == 2
    assert by_id.loc["FLAG-03", "revision"] == 1  # listed but unchanged: same revision
    assert by_id.loc["SYN-0000001", "revision"] == 1
    pd.testing.assert_frame_equal(now.head(len(seed)).drop(columns=["revision", "k3"]), seed.drop(columns=["k3"]))


def test_edit_creates_a_version_and_bumps_only_that_products_revision(store):
    before = product(store, "FLAG-02")
    version = store.update_product("FLAG-02", {"halal": "ya", "k3": "72,5"}, int(before["revision"]), ADMIN)
    assert version.action == "edit" and version.n_rows == 1000 and "FLAG-02" in version.note
    after = store.load()
    row = after.set_index("product_id").loc["FLAG-02"]
    assert row["k3"] == 72.5 and bool(row["halal"]) and row["revision"] == before["revision"] + 1
    assert (after.loc[after["product_id"] != "FLAG-02", "revision"] == 1).all()
    assert store.load(1).set_index("product_id").loc["FLAG-02", "k3"] == before["k3"]
    assert after["product_id"].tolist() == store.load(1)["product_id"].tolist()  # order kept


def test_an_edit_writes_one_row_not_a_copy_of_the_registry(store):
    store.update_product("FLAG-02", {"k3": 70}, 1, ADMIN)
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT count(*) FROM product_row").scalar()
    assert rows == 1001


def test_an_edit_is_validated_like_a_file(store):
    digest = checksum(store)
    with pytest.raises(ValidationFailed) as err:
        store.update_product("FLAG-02", {"k3": 150, "halal": "mungkin"}, 1, ADMIN)
    assert set(err.value.problems["column"]) == {"k3", "halal"}
    assert "k3" in err.value.text("en") and "k3" in err.value.text("id")
    with pytest.raises(ValidationFailed):
        store.update_product("FLAG-02", {"region_code": "99.99"}, 1, ADMIN)
    with pytest.raises(StoreError):
        store.update_product("FLAG-02", {"province": "11"}, 1, ADMIN)
    with pytest.raises(ProductNotFound):
        store.update_product("NOPE", {"k3": 10}, 1, ADMIN)
    assert checksum(store) == digest and len(store.versions()) == 1


def test_an_edit_gets_exactly_the_problems_the_same_row_gets_in_a_file(store):
    sheet = registry_file_frame(store.export_current().query("product_id == 'FLAG-02'"))
    sheet["k3"], sheet["halal"], sheet["stage_since"] = "150", "mungkin", "31/02/2024"
    in_file = read_registry(sheet.to_csv(index=False).encode(), name="edit.csv").errors.reset_index(drop=True)
    assert len(in_file) == 3
    with pytest.raises(ValidationFailed) as err:
        store.update_product("FLAG-02", {"k3": 150, "halal": "mungkin", "stage_since": "31/02/2024"}, 1, ADMIN)
    pd.testing.assert_frame_equal(err.value.problems, in_file)


def test_the_edit_preview_names_the_problems_the_save_is_refused_for(store):
    changes = {"k3": 150.0, "stage_since": pd.Timestamp("1980-01-01")}  # out of range, before any programme
    frame = store.load()
    preview = preview_edit(frame[frame["product_id"] == "FLAG-02"], changes)
    assert set(preview.problems["column"]) == {"k3", "stage_since"}
    with pytest.raises(ValidationFailed) as err:
        store.update_product("FLAG-02", changes, 1, ADMIN)
    pd.testing.assert_frame_equal(preview.problems, err.value.problems)


def test_a_stale_edit_is_refused_with_who_and_when_and_nothing_changes(store):
    opened = int(product(store, "FLAG-01")["revision"])
    store.update_product("FLAG-01", {"k3": 80}, opened, ACEH_EDITOR)
    digest, n_versions = checksum(store), len(store.versions())
    with pytest.raises(StaleEditError) as err:
        store.update_product("FLAG-01", {"k3": 60}, opened, ADMIN)
    e = err.value
    assert (e.product_id, e.expected_revision, e.current_revision, e.changed_by) == ("FLAG-01", 1, 2, "budi.aceh")
    assert e.changed_at == store.current_version().created_at
    assert "budi.aceh" in e.text("id") and "sejak Anda membukanya" in e.text("id")
    assert "budi.aceh" in e.text("en") and "since you opened it" in e.text("en")
    assert checksum(store) == digest and len(store.versions()) == n_versions


# -- permissions -------------------------------------------------------------------------------


def test_an_aceh_editor_cannot_change_a_bali_product_even_calling_the_store(store):
    digest = checksum(store)
    assert product(store, "FLAG-02")["region_code"] == "51.07"
    with pytest.raises(PermissionDenied) as err:
        store.update_product("FLAG-02", {"k3": 99}, 1, ACEH_EDITOR)
    assert err.value.product_ids == ["FLAG-02"] and "FLAG-02" in err.value.text("en")
    assert checksum(store) == digest
    store.update_product("FLAG-02", {"k3": 99}, 1, BALI_EDITOR)  # the Bali editor may
    assert product(store, "FLAG-02")["k3"] == 99


def test_an_editor_cannot_move_a_product_out_of_their_regions(store):
    digest = checksum(store)
    with pytest.raises(PermissionDenied):
        store.update_product("FLAG-01", {"region_code": "51.07"}, 1, ACEH_EDITOR)
    assert checksum(store) == digest


def test_an_aceh_editor_cannot_merge_a_file_with_bali_rows(store):
    seed = demo_frame()
    rows = seed[seed["region_code"].str.startswith(("11.", "51."))].copy()
    rows["k1"] = 10.0
    bali = rows.loc[rows["region_code"].str.startswith("51."), "product_id"].tolist()
    digest = checksum(store)
    with pytest.raises(PermissionDenied) as err:
        store.import_frame(rows, ACEH_EDITOR, mode="merge")
    assert sorted(err.value.product_ids) == sorted(bali) and bali[0] in err.value.text("id")
    assert checksum(store) == digest and len(store.versions()) == 1
    aceh = rows[rows["region_code"].str.startswith("11.")]
    store.import_frame(aceh, ACEH_EDITOR, mode="merge")
    assert (store.load().set_index("product_id").loc[aceh["product_id"], "k1"] == 10.0).all()


def test_an_editor_cannot_replace_or_roll_back_and_a_viewer_cannot_write_at_all(store):
    digest = checksum(store)
    frame = demo_frame()
    attempts = [
        lambda: store.import_frame(frame, ACEH_EDITOR, mode="replace"),
        lambda: store.rollback(1, ACEH_EDITOR),
        lambda: store.import_frame(frame, VIEWER, mode="merge"),
        lambda: store.import_frame(frame, VIEWER, mode="replace"),
        lambda: store.update_product("FLAG-01", {"k3": 1}, 1, VIEWER),
        lambda: store.update_product("FLAG-01", {"k3": 1}, 1, ANONYMOUS),
        lambda: store.rollback(1, VIEWER),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied) as err:
            attempt()
        assert err.value.text("id") and err.value.text("en")
    assert checksum(store) == digest and len(store.versions()) == 1


# -- rollback and failures ---------------------------------------------------------------------


def test_rollback_restores_an_earlier_version_exactly(store):
    v1 = store.load(1).drop(columns=["revision"])
    store.import_frame(synthetic_registry(30, seed=9), ADMIN, mode="replace")
    store.update_product("SYN-0000002", {"stage": 3}, 1, ADMIN)
    version = store.rollback(1, ADMIN)
    assert version.action == "rollback" and version.n_rows == 1000 and version.is_demo
    pd.testing.assert_frame_equal(store.export_current(), v1)
    assert store.versions()[0].id == 4 and len(store.versions()) == 4
    assert (store.load()["revision"] >= 1).all()


def test_an_admin_may_roll_back_to_every_version_but_the_current_one(store):
    assert store.rollback_choices() == []
    store.update_product("FLAG-01", {"k3": 70}, 1, ADMIN)
    store.update_product("FLAG-01", {"k3": 75}, 2, ADMIN)
    assert store.rollback_choices() == [2, 1]


def test_an_empty_store_offers_nothing_to_roll_back_to(empty_store):
    assert empty_store.rollback_choices() == []


def test_a_product_removed_and_restored_never_reuses_an_old_revision(store):
    store.update_product("FLAG-01", {"k3": 70}, 1, ADMIN)  # revision 2
    store.import_frame(synthetic_registry(5), ADMIN, mode="replace")
    store.rollback(2, ADMIN)
    assert product(store, "FLAG-01")["revision"] == 3  # an editor holding revision 1 or 2 is stale


def test_an_import_that_fails_mid_insert_leaves_the_previous_version_intact(store, monkeypatch):
    digest, head = checksum(store), store.current_version()
    calls = []

    def broken(*args):
        calls.append(1)
        if len(calls) == 2 or store.dialect == "postgresql":
            raise RuntimeError("disk on fire")
        original(*args)

    if store.dialect == "postgresql":
        original = bulk.copy_chunk
        monkeypatch.setattr(bulk, "copy_chunk", broken)
    else:
        original = bulk.insert_chunk
        monkeypatch.setattr(bulk, "insert_chunk", broken)
        monkeypatch.setattr(bulk, "INSERT_CHUNK", 100)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.import_frame(synthetic_registry(500, seed=2), ADMIN, mode="replace")
    assert calls
    assert store.current_version() == head and checksum(store) == digest
    monkeypatch.undo()
    store.import_frame(synthetic_registry(10), ADMIN)  # and the store still takes writes
    assert store.current_version().id == 2


def test_duplicate_product_ids_are_refused_before_and_by_the_database(store, monkeypatch):
    digest = checksum(store)
    frame = synthetic_registry(20)
    frame.loc[5, "product_id"] = frame.loc[4, "product_id"]
    with pytest.raises(ValidationFailed) as err:
        store.import_frame(frame, ADMIN)
    assert err.value.problems["code"].tolist() == ["duplicate_id"]
    # Even past the frame check, the database's unique index refuses two current rows.
    conformed = store_module.conform(frame.drop_duplicates("product_id"))
    doubled = pd.concat([conformed, conformed.head(3)], ignore_index=True)
    monkeypatch.setattr(store_impl, "conform", lambda _frame: doubled)
    with pytest.raises(StoreError) as err:
        store.import_frame(frame, ADMIN)
    assert "previous dataset version is intact" in err.value.text("en")
    assert checksum(store) == digest and len(store.versions()) == 1


def test_a_frame_missing_columns_is_refused(store):
    with pytest.raises(ValidationFailed) as err:
        store.import_frame(demo_frame().drop(columns=["k3"]), ADMIN)
    assert err.value.problems["column"].tolist() == ["k3"]


# -- location ----------------------------------------------------------------------------------


def test_the_default_database_lives_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("OVOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("OVOP_DATABASE_URL", raising=False)
    store = Store.from_env()
    store.migrate()
    assert (tmp_path / "data" / "ovop.sqlite3").exists()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.dispose()
    monkeypatch.setenv("OVOP_DATABASE_URL", "postgresql://u:p@db.example/ovop")
    assert Store.from_env().url.drivername == "postgresql+psycopg"


def test_numbers_are_stored_exactly(empty_store):
    frame = demo_frame().head(3).copy()
    frame["revenue_idr"] = [0.1 + 0.2, 1e15 + 0.5, np.nan]
    frame["k1"] = [1 / 3, 99.99999999999999, np.nan]
    empty_store.ensure_seeded(frame)
    pd.testing.assert_frame_equal(empty_store.export_current(), frame)


def test_head_revision_constant_matches_the_newest_migration(tmp_path):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from ovop_core.store import HEAD_REVISION, Store

    config = Config()
    config.set_main_option("script_location", "ovop_core:migrations")
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION
    store = Store(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    assert not store.schema_is_current()
    store.migrate()
    assert store.schema_is_current()
    store.migrate()  # a second start changes nothing
    assert store.current_version() is None
