"""Text from the registry is escaped wherever it becomes HTML or SVG: the brief, the kiosk's slides
and cards, and the titles of the SVG map. The templates autoescape; these tests feed them markup."""

import html
import re

import pandas as pd
import pytest

from ovop_core.model import DEFAULT_MODEL
from ovop_core.summary import analysed_table
from ovop_ui.builders import svg_map
from ovop_ui.builders.brief import region_brief_html
from ovop_ui.modes.kiosk import html as kiosk_html
from ovop_ui.modes.kiosk.deck import ProductView, RegionView
from tests.conftest import make_products

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
HOSTILE = (SCRIPT, BREAKOUT)


def no_raw_markup(document: str, text: str) -> None:
    """``text`` appears only escaped: never as live markup, and its escaped form is there."""
    assert text not in document
    assert html.escape(text) in document


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    frame = make_products(
        dict(name=SCRIPT, producer=BREAKOUT, region_code="33.74", k=95),
        dict(name=BREAKOUT, producer=SCRIPT, region_code="33.74", k=90),
        dict(name="Keripik", region_code="33.01", k=40),
    ).drop(columns=["_row"])
    return analysed_table(frame, DEFAULT_MODEL, "2026-11-29")


@pytest.mark.parametrize("code", ["", "33", "33.74"])
def test_brief_escapes_product_names_and_producers(table, code):
    document = region_brief_html(table, code, "en", "m1", generated_at="2026-11-29")
    for text in HOSTILE:
        no_raw_markup(document, text)
    assert "onerror=alert(1)>" not in document.replace("&gt;", "")


def test_brief_escapes_the_scenario_sentence(table):
    document = region_brief_html(table, "33", "id", "m1", scenario_text=BREAKOUT, generated_at="2026-11-29")
    no_raw_markup(document, BREAKOUT)


@pytest.mark.parametrize("text", HOSTILE)
def test_kiosk_product_slide_escapes_name_place_and_story(text):
    view = ProductView(
        product_id=text,
        name=text,
        region_code="33.74",
        region_name=text,
        province_code="33",
        province_name=text,
        category="pangan",
        stars=4,
        score=80.0,
        story=text,
    )
    fragment = kiosk_html.product_text_html(view, "id")
    no_raw_markup(fragment, text)
    assert fragment.count(html.escape(text)) == 5  # data-key, title, kab/kota, province, story


@pytest.mark.parametrize("text", HOSTILE)
def test_kiosk_region_slide_and_card_escape_names(text):
    view = RegionView("33", text, 3, 1, 61.5, text, text, 4)
    no_raw_markup(kiosk_html.region_text_html(view, "en"), text)
    card = {"product_id": "P1", "name": text, "region_name": text, "region_code": "33.74"}
    no_raw_markup(kiosk_html.product_card_html({**card, "stars": 3, "category": "pangan", "score": 55.0}, "en"), text)


def test_kiosk_slide_nests_rendered_fragments_without_escaping_them_twice():
    view = RegionView("33", SCRIPT, 3, 1, 61.5, "", "", 0)
    slide = kiosk_html.slide_html(kiosk_html.region_text_html(view, "id"), "", "region")
    assert slide.startswith('<div class="kiosk-slide region"><div><div class="kiosk-text"')
    assert html.escape(SCRIPT) in slide and "&amp;lt;" not in slide


def test_kiosk_locator_alt_text_is_escaped():
    img = kiosk_html.locator_img("51", BREAKOUT)
    assert f'alt="{html.escape(BREAKOUT)}"' in img
    assert len(re.findall(r"<img\b", img)) == 1


@pytest.mark.parametrize("text", HOSTILE)
def test_svg_titles_and_label_are_escaped(text):
    square = {"type": "Polygon", "coordinates": [[[100, 0], [101, 0], [101, 1], [100, 1], [100, 0]]]}
    features = [{"type": "Feature", "properties": {"kode": "11"}, "geometry": square}]
    svg = svg_map.svg_map(features, {"11": "#123456"}, titles={"11": text}, label=text)
    no_raw_markup(svg, text)
    assert svg.count("<title>") == 1 and svg.count("<path") == 1
