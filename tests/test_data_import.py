"""The Data page's import section: an upload is read once, and its preview shows dates in words."""

import pandas as pd
import pytest
from app_helpers import fresh_data, open_data_page
from streamlit.testing.v1 import AppTest

import ovop_core.importing
import ovop_core.registry
import ovop_ui.data_access.uploads
from ovop_core.store import Store
from ovop_core.users import User
from ovop_ui.builders.tables import import_preview
from ovop_ui.text.format import long_date

APP = "../app.py"
EDITOR = User("dinas_aceh", "editor", ("11",))
HEADER = "product_id,name,category,region_code,stage,stage_since,k1,k2,k3,k4,k5,nib,permit,halal,brand,export"
CLEAN = (
    f"{HEADER}\n"
    "P-ACEH-1,Kopi Gayo,minuman,11.04,1,2025-03-01,60,60,60,60,60,ya,none,ya,ya,tidak\n"
    "P-ACEH-2,Kerawang Gayo,tekstil,11.04,2,,70,70,70,70,70,ya,none,tidak,ya,tidak\n"
).encode()


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch):
    yield from fresh_data(tmp_path, monkeypatch)


def open_import(lang="en") -> AppTest:
    return open_data_page(EDITOR, lang)


@pytest.fixture
def reads(monkeypatch):
    """Every read of a registry file: by the page (directly or through ``uploads``) and by the import."""
    calls = []

    def counting(real):
        def read(source, *args, **kwargs):
            if isinstance(source, bytes):  # an upload (the demo data is read from its path)
                calls.append(kwargs.get("name"))
            return real(source, *args, **kwargs)

        return read

    for module in (ovop_core.registry, ovop_ui.data_access.uploads):
        monkeypatch.setattr(module, "read_registry", counting(module.read_registry))
    monkeypatch.setattr(ovop_core.importing, "read_registry", counting(ovop_core.importing.read_registry))
    return calls


def test_an_upload_is_read_once_across_reruns_and_the_import(reads):
    at = open_import()
    at.file_uploader(key="data_upload").set_value(("aceh.csv", CLEAN, "text/csv")).run()
    assert at.success, [e.value for e in at.error]
    at.text_input(key="data_import_note").input("first round").run()
    at.radio(key="data_import_mode").set_value("merge").run()
    assert reads == ["aceh.csv"]
    at.button(key="data_import_go").click().run()
    assert not at.exception
    assert any("Saved as version #2" in s.value for s in at.success), [e.value for e in at.error]
    assert reads == ["aceh.csv"]  # the import stored the rows read for the preview
    assert Store.from_env().current_version().note == "first round"


def test_a_new_upload_is_read_again_and_only_the_latest_is_kept(reads):
    at = open_import()
    at.file_uploader(key="data_upload").set_value(("aceh.csv", CLEAN, "text/csv")).run()
    at.file_uploader(key="data_upload").set_value(("aceh-2.csv", CLEAN, "text/csv")).run()
    at.text_input(key="data_import_note").input("x").run()
    assert reads == ["aceh.csv", "aceh-2.csv"]
    kept = at.session_state["_data_upload_result"]
    assert kept[0][1] == "aceh-2.csv"


def test_leaving_the_import_section_frees_the_kept_upload(reads):
    at = open_import()
    at.file_uploader(key="data_upload").set_value(("aceh.csv", CLEAN, "text/csv")).run()
    assert "_data_upload_result" in at.session_state
    at.segmented_control(key="data_section").set_value("history").run()
    assert "_data_upload_result" not in at.session_state


# --- dates in words in the preview --------------------------------------------------------


@pytest.mark.parametrize(
    "value,lang,expected",
    [
        (pd.Timestamp("2025-03-01"), "id", "1 Maret 2025"),
        (pd.Timestamp("2025-03-01"), "en", "1 March 2025"),
        ("2024-12-31", "id", "31 Desember 2024"),
        (pd.NaT, "id", ""),
        (None, "en", ""),
    ],
)
def test_dates_are_written_in_words_in_the_users_language(value, lang, expected):
    assert long_date(value, lang) == expected


def test_the_import_preview_writes_stage_and_rating_dates_in_words():
    frame = pd.DataFrame(
        {
            "_row": [2, 3],
            "product_id": ["A", "B"],
            "stage_since": pd.to_datetime(["2025-03-01", None]),
            "rated_on": pd.to_datetime(["2024-08-17", "2023-01-02"]),
        }
    )
    shown = import_preview(frame, "id")
    assert "_row" not in shown.columns
    assert shown["stage_since"].tolist() == ["1 Maret 2025", ""]
    assert shown["rated_on"].tolist() == ["17 Agustus 2024", "2 Januari 2023"]
    assert frame["stage_since"].dtype.kind == "M"  # the read result itself is unchanged


@pytest.mark.parametrize("lang,expected", [("id", "1 Maret 2025"), ("en", "1 March 2025")])
def test_the_data_page_preview_shows_dates_in_words(lang, expected):
    at = open_import(lang)
    at.file_uploader(key="data_upload").set_value(("aceh.csv", CLEAN, "text/csv")).run()
    preview = at.dataframe[0].value
    assert preview["stage_since"].tolist() == [expected, ""]
