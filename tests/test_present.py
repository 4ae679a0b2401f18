"""Present mode (``?mode=present``): the four slides, stepping, the province, the region brief."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ovop_core import regions, rounds
from ovop_core.model import DEFAULT_MODEL
from ovop_core.registry import read_registry
from ovop_core.summary import analysed_table
from ovop_core.whatif import Scenario, Target, run_whatif
from ovop_ui.modes.present import slides as present
from ovop_ui.text.sentences import scenario_sentence

ROOT = Path(__file__).resolve().parent.parent
APP = "../app.py"
TODAY = "2026-11-29"
TITLES = {
    "id": ["Indonesia", "{prov}", "Tahapan produk: {prov}", "Bagaimana jika…"],
    "en": ["Indonesia", "{prov}", "Product pipeline: {prov}", "What if…"],
}


def open_present(lang: str = "id", **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["mode"] = "present"
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def title(at: AppTest) -> str:
    return at.title[0].value


def param(at: AppTest, key: str) -> str:
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value


def province_shown(at: AppTest) -> str:
    return regions.region_name(at.selectbox(key=present.KEY_PROV).value)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("step", [1, 2, 3, 4])
def test_every_slide_renders_without_errors(lang, step):
    at = open_present(lang, step=str(step))
    assert not at.exception
    assert not at.error
    expected = TITLES[lang][step - 1].format(prov=province_shown(at))
    assert title(at) == expected
    assert param(at, "step") == str(step)
    assert at.button(key=present.KEY_PREV).disabled == (step == 1)
    assert at.button(key=present.KEY_NEXT).disabled == (step == 4)
    assert any(f"{step} / 4" == m.value for m in at.markdown)
    # The model label and the illustrative-data notice on every slide.
    notice = " ".join(c.value for c in at.caption)
    assert ("ovop-2026.2" in notice) and ("ilustratif" in notice if lang == "id" else "illustrative" in notice)
    buttons = at.get("download_button")
    assert len(buttons) == 1
    assert buttons[0].proto.label == ("Unduh ringkasan wilayah" if lang == "id" else "Download region brief")


def test_next_and_previous_change_the_slide_and_the_url():
    at = open_present("en")
    assert title(at) == "Indonesia" and param(at, "step") == "1"
    at.button(key=present.KEY_NEXT).click().run()
    assert param(at, "step") == "2"
    assert title(at) == province_shown(at)
    at.button(key=present.KEY_NEXT).click().run()
    assert param(at, "step") == "3" and title(at).startswith("Product pipeline")
    at.button(key=present.KEY_PREV).click().run()
    assert param(at, "step") == "2"
    at.button(key=present.KEY_PREV).click().run()
    assert param(at, "step") == "1" and title(at) == "Indonesia"


def test_an_invalid_step_in_the_url_opens_the_first_slide():
    at = open_present("id", step="9")
    assert title(at) == "Indonesia"
    assert param(at, "step") == "1"


def test_the_chosen_province_changes_the_province_slide():
    at = open_present("id", step="2")
    first = title(at)
    metrics_before = [m.value for m in at.metric]
    at.selectbox(key=present.KEY_PROV).set_value("51").run()
    assert title(at) == "Bali" != first
    assert [m.value for m in at.metric] != metrics_before
    assert param(at, "prov") == "51"  # the frame mirrors the province into the URL
    assert param(at, "step") == "2"


def test_the_province_comes_from_the_url():
    at = open_present("id", step="2", prov="33")
    assert title(at) == "Jawa Tengah"
    at.button(key=present.KEY_NEXT).click().run()
    assert title(at) == "Tahapan produk: Jawa Tengah"


def test_without_a_scenario_the_what_if_slide_shows_halal_for_the_province_food():
    at = open_present("id", step="4", prov="33")
    sentence = at.info[0].value
    assert sentence.startswith("Jika ") and "sertifikat halal" in sentence and "Jawa Tengah" in sentence
    assert any("Skenario contoh" in c.value for c in at.caption)


def test_the_what_if_slide_shows_the_scenario_from_the_url():
    at = open_present("en", step="4", prov="33", q="10", iv="brand", tr="51")
    sentence = at.info[0].value
    assert "improve quality by 10 points" in sentence and "Bali" in sentence
    assert any("Scenario from the What-if page" in c.value for c in at.caption)
    assert param(at, "q") == "10" and param(at, "iv") == "brand"  # the scenario stays in the link


# --- builders --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    return rounds.current(read_registry(ROOT / "data" / "products_demo.csv").frame.drop(columns=["_row"]))


@pytest.fixture(scope="module")
def table(registry) -> pd.DataFrame:
    return analysed_table(registry, DEFAULT_MODEL, TODAY)


def _brief(table, registry, code, lang):
    sc = present.default_scenario("33", DEFAULT_MODEL)
    result = run_whatif(registry, sc, today=pd.Timestamp(TODAY))
    text = scenario_sentence(result, sc, lang)
    document = present.brief_document(
        table, result, "test-v1", code, lang, DEFAULT_MODEL.version, present.scenario_key(sc), text, True, TODAY
    )
    return document, text


@pytest.mark.parametrize("code,lang,name", [("33", "id", "Jawa Tengah"), ("", "en", "Indonesia")])
def test_the_brief_is_a_full_html_document_with_the_region_and_the_scenario(table, registry, code, lang, name):
    document, text = _brief(table, registry, code, lang)
    assert document.startswith("<!DOCTYPE html>") and document.rstrip().endswith("</html>")
    assert name in document
    assert text.replace("&", "&amp;") in document  # the scenario sentence (HTML-escaped)
    assert "<script src" not in document and "<link" not in document  # self-contained


def test_the_brief_is_built_once_per_scope_and_scenario(table, registry, monkeypatch):
    calls = []
    real = present.brief.region_brief_html

    def counting(*args, **kwargs):
        calls.append(args[1:3])
        return real(*args, **kwargs)

    monkeypatch.setattr(present.brief, "region_brief_html", counting)
    present.brief_document.clear()
    for _ in range(3):
        _brief(table, registry, "33", "id")
    assert len(calls) == 1
    _brief(table, registry, "33", "en")
    _brief(table, registry, "", "id")
    assert len(calls) == 3


def test_the_default_scenario_targets_the_province_food_products():
    sc = present.default_scenario("33", DEFAULT_MODEL)
    assert sc.interventions == ("halal",)
    assert sc.target == Target(regions=("33",), categories=("pangan", "minuman", "herbal"))
    assert present.has_levers(sc) and not present.has_levers(Scenario())


def test_the_scenario_key_changes_with_the_scenario():
    a = present.scenario_key(Scenario(quality=10))
    assert a == present.scenario_key(Scenario(quality=10))
    assert a != present.scenario_key(Scenario(quality=15))
    assert a != present.scenario_key(Scenario(quality=10, target=Target(regions=("33",))))


@pytest.mark.parametrize("text,expected", [("1", 1), ("4", 4), ("0", 1), ("5", 1), ("x", 1), (None, 1), ("3", 3)])
def test_parse_step(text, expected):
    assert present.parse_step(text) == expected


def test_province_ranking_highlights_the_chosen_province_even_outside_the_top(table):
    index = regions.region_index(table, "province")
    last = index.sort_values("rank").iloc[-1]["code"]
    fig = present.province_ranking(index, "id", highlight=last, n=10)
    labels = list(fig.data[0].y)
    assert len(labels) == 11 and labels[-1].startswith("▶ ")
    assert fig.data[0].marker.color[-1] == present.HIGHLIGHT_COLOUR


def test_top_products_escape_names_and_write_stars_as_text(table):
    scope = table[table["province"] == "33"].copy()
    best = scope["score"].idxmax()
    scope.loc[best, "name"] = "<b>Batik</b>"
    fig = present.top_products(scope, "id", n=5)
    assert fig.data[0].y[0].startswith("&lt;b&gt;Batik&lt;/b&gt;")
    assert all("★" in text or "belum dinilai" in text for text in fig.data[0].text)


def test_keyboard_script_clicks_the_buttons_and_guards_against_a_second_listener():
    script = present.KEYBOARD_SCRIPT
    for key in ("ArrowRight", "ArrowLeft", "PageDown", "PageUp", '" "'):
        assert key in script
    assert '.st-key-" + key' in script and present.KEY_NEXT in script and present.KEY_PREV in script
    assert "removeEventListener" in script and "__ovopPresentKeys" in script


@pytest.mark.parametrize("rule, column", [("recognised", "n_recognised"), ("share", "share_recognised")])
def test_province_ranking_bars_show_the_figure_the_rule_ranks_by(table, rule, column):
    index = regions.region_index(table, "province", rank_by=rule)
    fig = present.province_ranking(index, "en", n=3, rule=rule)
    best = index[index["has_data"]].sort_values(["rank", "name"]).head(3)
    assert list(fig.data[0].x) == pytest.approx(best[column].tolist())
    assert all(text.endswith("%") for text in fig.data[0].text) == (rule == "share")
