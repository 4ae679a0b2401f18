"""Product photos in the store, on SQLite and (with OVOP_TEST_DATABASE_URL) PostgreSQL: versioned
with the product, rolled back with it, shared by hash, and written only by those who may edit it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from photo_helpers import image_bytes
from store_helpers import ACEH_EDITOR, ADMIN, BACKENDS, BALI_EDITOR, VIEWER, checksum, demo_frame, migrated_store

from ovop_core.demo import synthetic_registry
from ovop_core.photos import MAX_PHOTOS_PER_PRODUCT, prepare_photo
from ovop_core.store import PermissionDenied, ProductNotFound, StoreError, VersionNotFound, photo_blob, product_photo


def photo(colour):
    return prepare_photo(image_bytes("JPEG", (240, 160), colour=colour), "foto.jpg")


RED, GREEN, BLUE = photo((200, 30, 30)), photo((30, 200, 30)), photo((30, 30, 200))


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """The demo registry as version 1 (FLAG-01 lies in Aceh 11.04, FLAG-02 in Bali 51.07)."""
    with migrated_store(request.param, tmp_path) as store:
        store.ensure_seeded(demo_frame())
        yield store


def count(store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()


def test_a_store_without_photos_has_no_thumbnails_and_a_product_none(store):
    assert store.thumbnails() == {} and store.photos("FLAG-01") == []


def test_adding_photos_is_a_new_edit_version_and_they_come_back_in_order(store):
    digest = checksum(store)
    version = store.add_photos("FLAG-01", [RED, GREEN], ADMIN, note="foto baru")
    assert (version.id, version.action, version.author, version.note) == (2, "edit", "ana.admin", "foto baru")
    assert version.n_rows == 1000 and version.parent_id == 1 and store.current_version() == version
    assert store.photos("FLAG-01") == [RED, GREEN]
    assert store.thumbnails() == {"FLAG-01": RED.thumb}
    store.add_photos("FLAG-01", [BLUE], ADMIN)
    assert [p.sha256 for p in store.photos("FLAG-01")] == [RED.sha256, GREEN.sha256, BLUE.sha256]
    assert checksum(store) == digest  # the registry's rows did not change


def test_photos_are_read_as_they_were_at_each_version(store):
    store.add_photos("FLAG-01", [RED], ADMIN)
    store.add_photos("FLAG-01", [GREEN], ADMIN)
    store.remove_photo("FLAG-01", RED.sha256, ADMIN)
    assert store.photos("FLAG-01", 1) == [] and store.thumbnails(1) == {}
    assert store.photos("FLAG-01", 2) == [RED] and store.thumbnails(2) == {"FLAG-01": RED.thumb}
    assert store.photos("FLAG-01", 3) == [RED, GREEN]
    assert store.photos("FLAG-01") == [GREEN] and store.thumbnails() == {"FLAG-01": GREEN.thumb}
    with pytest.raises(VersionNotFound):
        store.photos("FLAG-01", 99)
    with pytest.raises(VersionNotFound):
        store.thumbnails(99)


def test_removing_a_photo_is_a_version_and_keeps_the_picture_for_earlier_versions(store):
    store.add_photos("FLAG-01", [RED, GREEN], ADMIN)
    version = store.remove_photo("FLAG-01", RED.sha256, ADMIN)
    assert version.action == "edit" and version.id == 3 and "FLAG-01" in version.note
    assert store.photos("FLAG-01") == [GREEN] and count(store, photo_blob) == 2
    with pytest.raises(StoreError) as err:
        store.remove_photo("FLAG-01", RED.sha256, ADMIN)
    assert err.value.message.id == "photos.not_found" and len(store.versions()) == 3


def test_rollback_restores_the_photos_valid_at_the_target_version(store):
    store.add_photos("FLAG-01", [RED, GREEN], ADMIN)  # 2
    store.add_photos("FLAG-02", [BLUE], ADMIN)  # 3
    store.remove_photo("FLAG-01", RED.sha256, ADMIN)  # 4
    store.add_photos("FLAG-01", [RED], ADMIN)  # 5: RED again, now after GREEN
    assert store.photos("FLAG-01") == [GREEN, RED]
    store.rollback(3, ADMIN)  # 6
    assert store.photos("FLAG-01") == [RED, GREEN] and store.photos("FLAG-02") == [BLUE]
    store.rollback(1, ADMIN)  # 7
    assert store.thumbnails() == {}
    store.rollback(5, ADMIN)  # 8
    assert store.photos("FLAG-01") == [GREEN, RED] and store.photos("FLAG-02") == [BLUE]
    assert store.photos("FLAG-01", 6) == [RED, GREEN]  # history is left as it was


def test_the_same_picture_is_stored_once_and_shared_between_products(store):
    store.add_photos("FLAG-01", [RED, RED], ADMIN)
    store.add_photos("FLAG-02", [RED], ADMIN)
    assert store.photos("FLAG-01") == [RED] and store.photos("FLAG-02") == [RED]
    assert count(store, photo_blob) == 1 and count(store, product_photo) == 2


def test_a_picture_the_product_already_shows_is_refused_and_nothing_is_written(store):
    store.add_photos("FLAG-01", [RED], ADMIN)
    with pytest.raises(StoreError) as err:
        store.add_photos("FLAG-01", [RED], ADMIN)
    assert err.value.message.id == "photos.already_stored" and "FLAG-01" in err.value.text("en")
    assert len(store.versions()) == 2
    store.add_photos("FLAG-01", [RED, GREEN], ADMIN)  # only the new one is added
    assert store.photos("FLAG-01") == [RED, GREEN]


def test_at_most_six_photos_per_product(store):
    many = [photo((40 * i, 10, 10)) for i in range(MAX_PHOTOS_PER_PRODUCT + 1)]
    store.add_photos("FLAG-01", many[:4], ADMIN)
    with pytest.raises(StoreError) as err:
        store.add_photos("FLAG-01", many[4:], ADMIN)
    assert err.value.message.id == "photos.too_many"
    assert err.value.text("en") == (
        "Product FLAG-01 has 4 photos; 3 more would exceed the limit of 6 photos per product. Nothing was saved."
    )
    assert len(store.photos("FLAG-01")) == 4 and len(store.versions()) == 2
    store.add_photos("FLAG-01", many[4:6], ADMIN)
    assert len(store.photos("FLAG-01")) == MAX_PHOTOS_PER_PRODUCT


def test_editors_change_photos_only_of_products_in_their_regions(store):
    for attempt in (
        lambda: store.add_photos("FLAG-02", [RED], ACEH_EDITOR),
        lambda: store.add_photos("FLAG-01", [RED], VIEWER),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert store.thumbnails() == {} and len(store.versions()) == 1 and count(store, photo_blob) == 0
    store.add_photos("FLAG-02", [RED], BALI_EDITOR)
    store.add_photos("FLAG-01", [GREEN], ACEH_EDITOR)
    with pytest.raises(PermissionDenied) as err:
        store.remove_photo("FLAG-02", RED.sha256, ACEH_EDITOR)
    assert err.value.product_ids == ["FLAG-02"]
    store.remove_photo("FLAG-02", RED.sha256, BALI_EDITOR)
    assert store.thumbnails() == {"FLAG-01": GREEN.thumb}


def test_photos_of_a_product_not_in_the_registry_are_refused(store):
    with pytest.raises(ProductNotFound):
        store.add_photos("NO-SUCH", [RED], ADMIN)
    with pytest.raises(ValueError):
        store.add_photos("FLAG-01", [], ADMIN)


def test_photos_belong_to_the_product_in_every_round(store):
    rounds = synthetic_registry(3, seed=5)
    history = [rounds.assign(round=year) for year in (2024, 2025)]
    store.import_frame(history[0], ADMIN, mode="replace")
    store.import_frame(history[1], ADMIN, mode="add_round")
    pid = history[0]["product_id"].iloc[0]
    store.add_photos(pid, [BLUE], ADMIN)
    assert store.photos(pid) == [BLUE] and list(store.thumbnails()) == [pid]


def test_thumbnails_read_no_display_bytes(store):
    store.add_photos("FLAG-01", [RED, GREEN], ADMIN)
    store.add_photos("FLAG-02", [BLUE], ADMIN)
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", record)
    try:
        thumbs = store.thumbnails()
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", record)
    assert thumbs == {"FLAG-01": RED.thumb, "FLAG-02": BLUE.thumb}
    photo_reads = [s for s in statements if "photo_blob" in s]
    assert photo_reads and not any("display" in s for s in photo_reads)
