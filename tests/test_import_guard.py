"""The Data page warns before an old export undoes newer edits, and imports it only when confirmed."""

import pytest
from test_data_page import open_data, own_store  # noqa: F401  (own_store: a fresh data folder per test)

from ovop_core import rounds
from ovop_core.export import write_csv
from ovop_core.store import Store
from ovop_core.users import User

EDITOR = User("dinas_aceh", "editor", ("11",))
ADMIN = User("ana_admin", "admin")


def aceh_export(store: Store) -> bytes:
    """What the Aceh office downloaded earlier: its own products as a CSV export."""
    frame = store.export_current()
    return write_csv(frame[frame["province"] == "11"].reset_index(drop=True))


def edit_later(store: Store, product_id: str, assessors: float):
    revision = int(rounds.current(store.load()).set_index("product_id").loc[product_id, "revision"])
    return store.update_product(product_id, {"assessors": assessors}, revision, ADMIN)


def upload(at, data: bytes, name="registri-lama.csv"):
    at.file_uploader(key="data_upload").set_value((name, data, "text/csv")).run()
    assert not at.exception
    return at


def confirm_box(at):
    return next((c for c in at.checkbox if c.key and c.key.startswith("data_import_revert_confirm")), None)


@pytest.mark.parametrize(
    "lang,expected",
    [
        (
            "en",
            "1 product would go back to its old values from version #1, undoing the changes made since "
            "(latest by ana\\_admin at ",
        ),
        (
            "id",
            "1 produk akan kembali ke nilai lama dari versi #1, membatalkan perubahan yang dibuat setelahnya "
            "(terakhir oleh ana\\_admin pada ",
        ),
    ],
)
def test_an_old_export_is_flagged_and_imported_only_after_confirmation(lang, expected):
    at = open_data(EDITOR, lang)
    store = Store.from_env()
    old = aceh_export(store)
    product = "FLAG-01"
    before = rounds.current(store.load()).set_index("product_id").loc[product, "assessors"]
    edited = edit_later(store, product, before + 2)
    at.run()
    upload(at, old)
    warning = next(w.value for w in at.warning if "#1" in w.value)
    assert warning.startswith(expected)
    assert edited.created_at.strftime("%Y-%m-%d %H:%M UTC") in warning
    listed = next(e for e in at.expander if e.label.startswith("Product" if lang == "en" else "Produk"))
    table = listed.dataframe[0].value
    assert table.iloc[:, 0].tolist() == [product]
    assert table.iloc[0, 2:5].tolist() == ["#1", f"#{edited.id}", "ana_admin"]
    go = at.button(key="data_import_go")
    assert go.disabled, "the import must wait for an explicit confirmation"
    assert store.current_version().id == edited.id

    confirm_box(at).check().run()
    assert not at.button(key="data_import_go").disabled
    at.button(key="data_import_go").click().run()
    assert not at.exception
    now = store.current_version()
    assert now.id == edited.id + 1 and now.author == "dinas_aceh"
    assert (
        rounds.current(store.load()).set_index("product_id").loc[product, "assessors"] == before
    )  # what was confirmed


def test_a_current_file_or_fresh_values_import_without_a_warning():
    at = open_data(EDITOR, "en")
    store = Store.from_env()
    edit_later(store, "FLAG-01", 9.0)
    at.run()
    upload(at, aceh_export(store), "registri-baru.csv")
    assert not any("would go back" in w.value for w in at.warning)
    assert confirm_box(at) is None and not at.button(key="data_import_go").disabled
    assert any("0 updated, 0 going back to old values" in c.value for c in at.caption)

    frame = store.export_current()
    frame = frame[frame["province"] == "11"].reset_index(drop=True)
    frame.loc[0, "assessors"] = 7.0  # a value this product never had
    upload(at, write_csv(frame), "registri-april.csv")
    assert confirm_box(at) is None and not at.button(key="data_import_go").disabled
    assert any("1 updated, 0 going back to old values" in c.value for c in at.caption)
