"""Failure paths end in a clear message in the visitor's language, never in a traceback (issue 10, defect 6).

An invalid ``OVOP_DATA_FILE``, a store whose schema is stamped current but lost a column, a store
that fails on read, and a sidebar that fails: in every mode the app keeps running on the next
data source and says why, while the server log gets the details.
"""

import logging
import sqlite3

import pytest
from app_helpers import fresh_data
from streamlit.testing.v1 import AppTest

from ovop_core.store import Store

APP = "../app.py"
MODES = ("normal", "present", "kiosk")


@pytest.fixture(autouse=True)
def own_data(tmp_path, monkeypatch):
    monkeypatch.delenv("OVOP_MODE", raising=False)
    yield from fresh_data(tmp_path, monkeypatch)


def run(mode="normal", lang="en", page=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    if mode != "normal":
        at.query_params["mode"] = mode
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def warnings(at) -> str:
    return "\n".join(w.value for w in at.warning)


def invalid_file(tmp_path, monkeypatch):
    bad = tmp_path / "registri_rusak.csv"
    bad.write_text("product_id,name,category,region_code,stage\nP1,,cars,99.99,9\n", encoding="utf-8")
    monkeypatch.setenv("OVOP_DATA_FILE", str(bad))
    return bad


def broken_store(tmp_path):
    """A store created by the app, then altered by hand: the Alembic stamp still says current."""
    from ovop_ui.data_access.dataset import demo_frame

    store = Store.from_env()
    store.migrate()
    store.ensure_seeded(demo_frame())
    store.dispose()
    with sqlite3.connect(tmp_path / "ovop.sqlite3") as con:
        con.execute("ALTER TABLE product_row DROP COLUMN workers")
    assert Store.from_env().schema_is_current()


@pytest.mark.parametrize("mode", MODES)
def test_an_invalid_data_file_is_named_with_its_first_problems_and_the_app_falls_back(
    own_data, monkeypatch, caplog, mode
):
    bad = invalid_file(own_data, monkeypatch)
    with caplog.at_level(logging.ERROR, logger="ovop"):
        at = run(mode)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    if mode == "kiosk":  # visitors get the loop on the fallback data, not an operator notice
        assert not at.warning
        assert any("kiosk_explore" == b.key for b in at.button)
    else:
        text = warnings(at)
        assert "registri\\_rusak\\.csv (OVOP_DATA_FILE) is not used because it does not validate" in text
        assert "Row 1, column 'k1'" in text  # the first problems, with row and column
        assert "Shown now: Sample data" in text
    assert str(bad) in caplog.text and "does not validate" in caplog.text


def test_the_invalid_file_message_is_in_indonesian_too(own_data, monkeypatch):
    invalid_file(own_data, monkeypatch)
    at = run(lang="id")
    assert not at.exception
    text = warnings(at)
    assert "tidak dipakai karena tidak lolos validasi" in text
    assert "Baris 1" in text
    assert "Yang ditampilkan sekarang: Data contoh" in text


def test_a_missing_data_file_is_said_and_the_stored_data_shown(own_data, monkeypatch):
    monkeypatch.setenv("OVOP_DATA_FILE", str(own_data / "tidak_ada.csv"))
    at = run()
    assert not at.exception
    assert "tidak\\_ada\\.csv (OVOP_DATA_FILE) does not exist" in warnings(at)


@pytest.mark.parametrize("mode", MODES)
def test_a_store_missing_a_column_falls_back_to_demo_data_with_a_message(own_data, caplog, mode):
    broken_store(own_data)
    with caplog.at_level(logging.ERROR, logger="ovop"):
        at = run(mode)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    if mode != "kiosk":
        text = warnings(at)
        assert "The data store cannot be opened or read" in text
        assert "Shown now: Sample data" in text
    assert "product_row.workers" in caplog.text


def test_the_data_page_of_a_broken_store_says_it_once_and_stops_cleanly(own_data):
    broken_store(own_data)
    at = run(page="app_pages/data.py")
    assert not at.exception
    assert len(at.warning) == 1
    assert "The data store cannot be opened or read" in at.warning[0].value


def test_a_store_that_fails_on_read_falls_back_to_demo_data(own_data, monkeypatch):
    def broken_load(self, version_id=None):
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(Store, "load", broken_load)
    at = run(page="app_pages/overview.py")
    assert not at.exception
    assert "The data store cannot be opened or read" in warnings(at)
    assert any(m.label == "Products" for m in at.metric)


def test_a_failing_sidebar_says_so_and_the_page_still_renders(monkeypatch):
    import ovop_ui.shell.sidebar

    def broken_sidebar(lang):
        raise RuntimeError("sidebar boom")

    monkeypatch.setattr(ovop_ui.shell.sidebar, "render_sidebar", broken_sidebar)
    at = run()
    assert not at.exception
    assert any("The side panel cannot be shown" in e.value for e in at.sidebar.error)
    assert any(m.label == "Products" for m in at.metric)
