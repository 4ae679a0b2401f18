"""HTML through Jinja2 templates with autoescape: the environment, the palette in templates, and the
structure each template renders."""

import dataclasses
import re
from pathlib import Path

import pytest
from markupsafe import Markup

from ovop_core import classing
from ovop_ui.builders import maps, palette, templating
from ovop_ui.modes.kiosk import html as kiosk_html
from ovop_ui.modes.kiosk.deck import ProductView
from ovop_ui.modes.present import slides

TEMPLATES = Path(templating.__file__).resolve().parents[1] / "templates"


def test_every_template_autoescapes():
    env = templating.environment()
    for path in sorted(TEMPLATES.iterdir()):
        assert env.get_template(path.name).environment.is_async is False
        assert env.autoescape(path.name) is True, path.name


def test_text_is_escaped_like_the_standard_library_and_markup_is_not():
    env = templating.environment()
    rendered = env.from_string("{{ a }}|{{ b }}|{{ n }}").render(a="Kemenperin's <b>", b=Markup("<b>ok</b>"), n=3)
    assert rendered == "Kemenperin&#x27;s &lt;b&gt;|<b>ok</b>|3"


def test_a_missing_value_is_an_error_not_an_empty_string():
    with pytest.raises(Exception, match="undefined"):
        templating.environment().from_string("{{ nothing }}").render()


def test_templates_take_their_colours_from_the_palette():
    css = kiosk_html.page_css()
    assert f"color: {palette.NAVY}" in css and f"color: {palette.STAR_TEXT}" in css
    assert f"background: {palette.NAVY}; color: {palette.WHITE}" in slides.page_css()


def test_kiosk_product_text_has_kicker_title_place_stars_chip_and_story():
    view = ProductView("P1", "Kopi", "11.04", "Aceh Tengah", "11", "Aceh", "minuman", 5, 91.0, "Dari Gayo.")
    fragment = kiosk_html.product_text_html(view, "id")
    tags = re.findall(r'<(\w+) class="([^"]+)"', fragment)
    assert tags == [
        ("div", "kiosk-text"),
        ("p", "kiosk-kicker"),
        ("h1", "kiosk-title"),
        ("p", "kiosk-place"),
        ("p", "kiosk-stars"),
        ("span", "kiosk-chip"),
        ("p", "kiosk-story"),
    ]
    assert '<p class="kiosk-place">Aceh Tengah · Aceh</p>' in fragment
    without_story = kiosk_html.product_text_html(dataclasses.replace(view, story=""), "id")
    assert "kiosk-story" not in without_story


def test_kiosk_locator_image_sizes():
    assert 'class="kiosk-map"' in kiosk_html.locator_img("51", "Bali")
    assert 'class="kiosk-map small"' in kiosk_html.locator_img("51", "Bali", "small")
    assert 'class="kiosk-map wide"' in kiosk_html.locator_img("51", "Bali", "wide")


def test_map_legend_lists_method_every_class_with_its_colour_range_and_count():
    classes = classing.jenks_breaks([1.0, 2.0, 10.0, float("nan")], 2)
    legend = maps.legend_for("n_products", classes, "en")
    for svg_swatches, pattern in (
        (
            False,
            r'style="background:(#[0-9A-F]{6})"></span><span class="range">([^<]+)</span> <span class="count">\(([^)]+)\)',
        ),
        (
            True,
            r'fill="(#[0-9A-F]{6})" stroke="[^"]+"/></svg><span class="range">([^<]+)</span> <span class="count">\(([^)]+)\)',
        ),
    ):
        rendered = str(templating.render("map_legend.html", legend=legend, svg_swatches=svg_swatches))
        assert "<strong>Number of products</strong> · Natural breaks (Jenks), 2 classes" in rendered
        swatches = re.findall(pattern, rendered)
        colours = palette.CLASS_SCALES[2]
        assert swatches == [
            (colours[0], "1 – 2", "2 regions"),
            (colours[1], "10", "1 region"),
            (palette.NO_DATA, "No data", "1 region"),
        ]
