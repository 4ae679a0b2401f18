"""Every URL parameter is parsed to a safe value or ignored, and ignored ones leave the link (issue 10, defect 9).

``/whatif?q=nan``, ``top=nan`` and the present mode's what-if slide with ``nan`` used to show an
error page on every visit of the shared link.
"""

import math

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ovop_core.params import finite_number, known_value, known_values

APP = "../app.py"
# Not a usable value for any parameter (more forms in the parser tests; duplicates and
# out-of-range numbers are tested apart, as they are usable).
HOSTILE = ["nan", "inf", "-1e309", "1e999", "", "abc", "x" * 10_000, "9" * 5_000, "cars,xyz"]
FRAME_PARAMS = ("prov", "kab", "kec", "cat", "stage")
SCENARIO_PARAMS = ("q", "m", "iv", "tr", "tc", "ts", "tst", "top", "model")


# --- the parsers -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "-1e309", "1e999", "", "abc", None, "9" * 5_000, "1,5"])
def test_a_number_that_is_not_finite_or_not_a_number_is_ignored(text):
    assert finite_number(text, 0, 40) is None


@pytest.mark.parametrize("text,expected", [("7", 5), ("8", 10), ("-3", 0), ("400", 40), (" 20 ", 20), ("12.4", 10)])
def test_a_lever_is_clamped_to_the_slider_and_snapped_to_its_step(text, expected):
    value = finite_number(text, 0, 40, step=5)
    assert value == expected and math.isfinite(value)


def test_lists_keep_known_values_once_in_order():
    assert known_values("halal,cars,nib,halal", ("nib", "halal")) == ["halal", "nib"]
    assert known_values("3,x,1,3,9", range(7), int) == [3, 1]
    assert known_values("a," * 2_000, ("a",)) == []  # too long to be a real link: not read
    assert known_values(None, ("a",)) == []


def test_a_single_choice_falls_back_to_its_default():
    assert known_value("en", ("id", "en"), "id") == "en"
    assert known_value("EN; drop", ("id", "en"), "id") == "id"
    assert known_value("5", range(1, 5), 1, int) == 1
    assert known_value("9" * 5_000, range(1, 5), 1, int) == 1


# --- every page that reads the URL ------------------------------------------------------


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch):
    monkeypatch.setenv("OVOP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("OVOP_DATA_FILE", raising=False)
    monkeypatch.delenv("OVOP_MODE", raising=False)
    yield
    st.cache_data.clear()


def open_app(params: dict, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def url(at: AppTest) -> dict:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def assert_clean(at: AppTest, dropped: tuple[str, ...]):
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    left = url(at)
    assert not set(dropped) & set(left), left


@pytest.mark.parametrize("value", [*HOSTILE, "99", "-1"], ids=lambda v: repr(v[:12]))
def test_hostile_filters_and_language_open_the_overview_and_leave_the_link(value):
    at = open_app({"lang": value, "mode": value, **{k: value for k in FRAME_PARAMS}})
    assert_clean(at, FRAME_PARAMS + ("mode",))
    assert url(at)["lang"] == "id"
    assert at.selectbox(key="f_prov").value == ""


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v[:12]))
def test_a_hostile_scenario_link_opens_the_default_what_if_and_heals(value):
    at = open_app({"lang": "en", **{k: value for k in SCENARIO_PARAMS}}, "app_pages/whatif.py")
    assert_clean(at, SCENARIO_PARAMS)
    assert at.slider(key="wi_quality").value == 0
    assert "Choose at least one coaching intervention" in at.info[0].value


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v[:12]))
def test_a_hostile_present_link_on_the_what_if_slide_shows_the_default_scenario(value):
    at = open_app({"lang": "en", "mode": "present", "step": "4", **{k: value for k in SCENARIO_PARAMS}})
    assert_clean(at, SCENARIO_PARAMS)
    assert url(at)["step"] == "4"
    assert any(c.value.startswith("Example scenario") for c in at.caption)


@pytest.mark.parametrize("value", ["nan", "1e999", "-1", "0", "5", "abc", "9" * 5_000])
def test_a_hostile_present_step_opens_the_first_slide(value):
    at = open_app({"lang": "en", "mode": "present", "step": value})
    assert_clean(at, ())
    assert url(at)["step"] == "1"


@pytest.mark.parametrize("value", ["nan", "abc", "x" * 10_000])
def test_the_kiosk_ignores_hostile_parameters(value):
    at = open_app({"mode": "kiosk", "lang": value, **{k: value for k in FRAME_PARAMS + SCENARIO_PARAMS}})
    assert not at.exception
    assert any(b.key == "kiosk_explore" for b in at.button)


def test_a_valid_scenario_link_is_kept_exactly():
    link = {
        "lang": "en",
        "q": "20",
        "m": "5",
        "iv": "nib,halal",
        "tr": "33",
        "tc": "pangan",
        "ts": "1",
        "tst": "2",
        "top": "50",
        "model": "ocop-2023",
    }
    at = open_app(link, "app_pages/whatif.py")
    assert_clean(at, ())
    assert url(at) == link
    assert at.multiselect(key="wi_intervene").value == ["nib", "halal"]


def test_a_lever_off_its_step_is_snapped_and_the_link_follows():
    at = open_app({"lang": "en", "q": "7", "top": "-5"}, "app_pages/whatif.py")
    assert_clean(at, ())
    assert at.slider(key="wi_quality").value == 5
    assert url(at)["q"] == "5" and url(at)["top"] == "1"


def test_repeated_list_items_are_kept_once_and_the_link_follows():
    at = open_app({"lang": "en", "stage": "1,1,1", "iv": "halal,halal,cars", "tst": "2,2"}, "app_pages/whatif.py")
    assert_clean(at, ())
    assert at.multiselect(key="f_stage").value == [1]
    assert at.multiselect(key="wi_intervene").value == ["halal"]
    assert url(at)["stage"] == "1" and url(at)["iv"] == "halal" and url(at)["tst"] == "2"


# --- deep links to every map level (issue 13) ----------------------------------------------


def test_a_deep_link_to_a_kecamatan_is_kept_exactly():
    link = {"lang": "en", "prov": "33", "kab": "33.11", "kec": "33.11.01"}
    at = open_app(link, "app_pages/map.py")
    assert_clean(at, ())
    assert url(at) == link
    assert (at.selectbox(key="f_kab").value, at.selectbox(key="f_kec").value) == ("33.11", "33.11.01")


def test_undotted_codes_in_a_link_are_read_and_written_back_dotted():
    at = open_app({"lang": "en", "prov": "33", "kab": "3311", "kec": "331101"})
    assert_clean(at, ())
    assert (url(at)["kab"], url(at)["kec"]) == ("33.11", "33.11.01")


@pytest.mark.parametrize(
    "link,kept_kab",
    [
        ({"prov": "33", "kab": "33.11", "kec": "33.26.05"}, "33.11"),  # a kecamatan of another kab/kota
        ({"prov": "33", "kab": "33.11", "kec": "33.11.99"}, "33.11"),  # no such kecamatan
        ({"prov": "33", "kab": "33.11", "kec": "33.11"}, "33.11"),  # a kab/kota code as kecamatan
        ({"prov": "33", "kec": "33.11.01"}, ""),  # a kecamatan without its kab/kota
        ({"prov": "34", "kab": "33.11", "kec": "33.11.01"}, ""),  # a kab/kota of another province
    ],
)
def test_an_unknown_or_inconsistent_kecamatan_is_dropped_from_the_link(link, kept_kab):
    at = open_app({"lang": "en", **link})
    assert_clean(at, ("kec",) if kept_kab else ("kab", "kec"))
    assert at.selectbox(key="f_kab").value == kept_kab
    assert "kec" not in url(at)
