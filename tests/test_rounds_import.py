"""The Data page's import and rounds: a file without a round column goes into the round the user
chooses (default the newest stored round); an admin may add a round, keeping the others."""

from __future__ import annotations

import pytest
from app_helpers import fresh_data, open_data_page

from ovop_core.registry import read_registry
from ovop_core.store import Store
from ovop_core.users import User

ADMIN = User("admin", "admin")
HEADER = "product_id,name,category,region_code,stage,k1,k2,k3,k4,k5,nib,permit,halal,brand,export"
ROWS = (
    "P-ACEH-1,Kopi Gayo,minuman,11.04,1,60,60,60,60,60,ya,pirt,ya,ya,tidak\n"
    "P-ACEH-2,Kerawang Gayo,tekstil,11.04,2,70,70,70,70,70,ya,none,tidak,ya,tidak\n"
)
NO_ROUNDS = f"{HEADER}\n{ROWS}".encode()
WITH_ROUNDS = (f"{HEADER},periode\n" + "".join(line + ",2027\n" for line in ROWS.splitlines())).encode()


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch):
    yield from fresh_data(tmp_path, monkeypatch)


def test_a_file_without_rounds_is_added_as_the_round_the_admin_chooses():
    at = open_data_page(ADMIN, "en")
    at.file_uploader(key="data_upload").set_value(("aceh.csv", NO_ROUNDS, "text/csv")).run()
    chosen = at.number_input(key="data_import_round")
    assert chosen.value == 2026  # the newest round of the demo store
    chosen.set_value(2027).run()
    at.radio(key="data_import_mode").set_value("add_round").run()
    at.button(key="data_import_go").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    store = Store.from_env()
    assert store.rounds() == [2024, 2025, 2026, 2027]
    new = store.load()
    assert sorted(new.loc[new["round"] == 2027, "product_id"]) == ["P-ACEH-1", "P-ACEH-2"]


def test_a_file_with_rounds_names_them_and_adding_a_stored_round_is_refused_in_words():
    at = open_data_page(ADMIN, "id")
    at.file_uploader(key="data_upload").set_value(("aceh.csv", WITH_ROUNDS, "text/csv")).run()
    assert not [n for n in at.number_input if n.key == "data_import_round"]
    assert any("Periode dalam berkas: 2027." in c.value for c in at.caption)
    at.radio(key="data_import_mode").set_value("add_round").run()
    at.button(key="data_import_go").click().run()
    assert Store.from_env().rounds() == [2024, 2025, 2026, 2027]
    at.button(key="data_import_go").click().run()  # the same round again
    assert any("Periode 2027 sudah ada" in e.value for e in at.error), [e.value for e in at.error]
    assert Store.from_env().rounds() == [2024, 2025, 2026, 2027]


def test_adding_a_round_beside_products_stored_without_one_warns_that_they_leave_now():
    store = Store.from_env()
    store.migrate()
    undated = read_registry(NO_ROUNDS, name="old.csv").frame.drop(columns=["_row", "round"], errors="ignore")
    store.import_frame(undated, ADMIN, note="before rounds existed", mode="replace")  # no round given
    assert store.rounds() == [] and store.n_undated() == 2
    at = open_data_page(ADMIN, "en")
    at.file_uploader(key="data_upload").set_value(("aceh.csv", NO_ROUNDS, "text/csv")).run()
    at.radio(key="data_import_mode").set_value("add_round").run()
    warned = [w.value for w in at.warning if "have no round" in w.value]
    assert warned and warned[0].startswith("2 stored products have no round")
    at.radio(key="data_import_mode").set_value("replace").run()  # replacing everything loses nothing unseen
    assert not [w for w in at.warning if "have no round" in w.value]
