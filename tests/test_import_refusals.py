"""Every bad file in the corpus, sent through the same import path the Data page uses, leaves the
stored data byte-for-byte unchanged (checksum of an export before and after)."""

import hashlib
from pathlib import Path

import pytest

from ovop_core.export import write_csv
from ovop_core.importing import IMPORT_MODES, import_file, import_modes
from ovop_core.store import PermissionDenied, Store
from ovop_core.users import User

BAD = Path(__file__).resolve().parent / "data" / "bad"
ACCEPTED = {
    "html_in_names.csv",
    "formula_like_text.csv",
    "title_rows.csv",
    "title_rows.xlsx",
    "dates_as_datetime.xlsx",
    "extra_columns.csv",
    "decimal_comma_unquoted.csv",
    "control_characters.csv",
}  # invisible characters are removed with a warning (DESIGN §3)
ADMIN = User("admin", "admin")


def checksum(store: Store) -> str:
    return hashlib.sha256(write_csv(store.export_current())).hexdigest()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from ovop_core.demo import synthetic_registry

    s = Store(f"sqlite:///{tmp_path_factory.mktemp('store') / 'ovop.sqlite3'}")
    s.migrate()
    s.ensure_seeded(synthetic_registry(200, seed=3))
    return s


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.iterdir() if p.name not in ACCEPTED))
def test_a_bad_file_is_refused_and_nothing_stored_changes(store, name):
    before, version = checksum(store), store.current_version().id
    outcome = import_file(store, BAD / name, ADMIN, mode="replace")
    assert outcome.version is None
    assert not outcome.result.ok
    assert not outcome.result.errors.empty
    assert store.current_version().id == version
    assert checksum(store) == before


def test_a_file_over_the_size_limit_is_refused_without_change(store, tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"product_id,name\n" + b"x" * (101 * 1024 * 1024))
    before = checksum(store)
    outcome = import_file(store, path, ADMIN, mode="replace")
    assert outcome.version is None and outcome.result.problems["code"].tolist() == ["file_too_large"]
    assert checksum(store) == before


def test_dropping_bad_rows_is_an_explicit_choice(store):
    from ovop_core.demo import synthetic_registry

    before = checksum(store)
    refused = import_file(store, BAD / "unknown_region.csv", ADMIN, mode="merge")
    assert refused.version is None and checksum(store) == before
    kept = import_file(store, BAD / "unknown_region.csv", ADMIN, mode="merge", drop_bad_rows=True)
    assert kept.version is not None and kept.n_dropped >= 1 and kept.n_imported >= 1
    store.import_frame(synthetic_registry(200, seed=3), ADMIN, mode="replace")  # back to the seed content


def test_an_editor_cannot_import_another_regions_products(store, tmp_path):
    from ovop_core.demo import synthetic_registry

    frame = synthetic_registry(30, seed=5)
    frame["region_code"], frame["province"] = "51.07", "51"
    path = tmp_path / "bali.csv"
    write_csv(frame, path)
    before = checksum(store)
    with pytest.raises(PermissionDenied):
        import_file(store, path, User("dinas_aceh", "editor", ("11",)), mode="merge")
    assert checksum(store) == before


def test_only_an_admin_is_offered_to_replace_the_whole_registry_or_a_round():
    assert import_modes(ADMIN) == IMPORT_MODES == ("merge", "add_round", "replace_round", "replace")
    assert import_modes(User("dinas_aceh", "editor", ("11",))) == ("merge",)
