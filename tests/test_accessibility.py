"""Accessibility rules that hold without a browser: text colours reach WCAG AA contrast on their
backgrounds, captions are not faded below it, map pages may be zoomed, frames have a language and
a title, and every chart's data can be read as text (tests/e2e/test_accessibility.py runs axe-core)."""

import re
import tomllib
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from streamlit_folium import _get_header

from ovop_core.demo import synthetic_registry
from ovop_core.scoring import score_table
from ovop_ui.builders import chart_tables, figures, maps, palette
from ovop_ui.modes.present import slides
from ovop_ui.shell.chrome import page_css
from tests.test_builders import TINY_GEO, TINY_INDEX

ROOT = Path(__file__).resolve().parents[1]
AA = 4.5  # normal text; every text of the app is held to it, large or not


def blend(colour: str, background: str, alpha: float) -> str:
    """``colour`` drawn at ``alpha`` opacity over ``background``, as the browser composes it."""
    mix = [round(alpha * int(colour[i : i + 2], 16) + (1 - alpha) * int(background[i : i + 2], 16)) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02X}" for c in mix)


def test_the_theme_takes_its_colours_from_the_palette():
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert theme["primaryColor"] == palette.NAVY
    assert theme["textColor"] == palette.INK
    assert theme["backgroundColor"] == palette.WHITE
    assert theme["secondaryBackgroundColor"] == palette.SIDEBAR


# (text, background, where): every text colour of the app on the backgrounds it is drawn on. A disabled
# button (DISABLED_TEXT on DISABLED) is exempt: WCAG 1.4.3 excludes inactive controls.
TEXT_PAIRS = [
    ("INK", "WHITE", "body text"),
    ("INK", "SIDEBAR", "sidebar text"),
    ("INK_SOFT", "WHITE", "captions"),
    ("INK_SOFT", "SIDEBAR", "sidebar captions (data source, model)"),
    ("INK", "TINT", "notices"),
    ("NAVY", "WHITE", "titles, the present mode's step label"),
    ("WHITE", "NAVY", "the present mode's Next button"),
    ("WHITE", "NAVY_DARK", "the Next button under the pointer"),
    ("NAVY", "CHIP", "the kiosk's category chip"),
    ("SLATE", "WHITE", "the kiosk's secondary text"),
    ("SLATE_DARK", "WHITE", "the kiosk's product story"),
    ("SLATE_LIGHT", "WHITE", "the kiosk's footer"),
    ("STAR_TEXT", "WHITE", "stars written as text in the kiosk"),
]


@pytest.mark.parametrize("text, background, where", TEXT_PAIRS, ids=[p[2] for p in TEXT_PAIRS])
def test_text_colours_reach_wcag_aa_contrast_on_their_backgrounds(text, background, where):
    ratio = palette.contrast_ratio(getattr(palette, text), getattr(palette, background))
    assert ratio >= AA, f"{where}: {text} on {background} is {ratio:.2f}:1"


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert palette.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert palette.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    # Streamlit's own caption (text colour at 60 % opacity), measured by axe-core before the fix:
    assert palette.contrast_ratio(blend(palette.INK, palette.WHITE, 0.6), palette.WHITE) == pytest.approx(
        4.15, abs=0.01
    )
    assert palette.contrast_ratio(blend(palette.INK, palette.SIDEBAR, 0.6), palette.SIDEBAR) == pytest.approx(
        3.98, abs=0.01
    )


@pytest.mark.parametrize("mode", ["normal", "present", "kiosk"])
def test_every_mode_draws_captions_opaque_in_the_soft_ink(mode):
    css = page_css(mode)
    rule = re.search(r'\[data-testid="stCaptionContainer"\]\s*\{([^}]*)\}', css)
    assert rule is not None
    assert f"color: {palette.INK_SOFT}" in rule.group(1) and "opacity: 1" in rule.group(1)
    assert ("stSidebar" in css) == (mode != "normal")  # the chrome is hidden outside the normal mode only


def test_a_map_frame_may_be_zoomed():
    fmap = maps.choropleth(TINY_GEO, TINY_INDEX, "mean_score", "id")
    page = fmap.get_root().render()
    header = _get_header(fmap)  # what streamlit-folium puts into its frame
    for text in (page, header):
        assert "width=device-width" in text
        assert "user-scalable=no" not in text and "maximum-scale" not in text


@pytest.mark.parametrize("lang, title", [("id", "Tombol ← →"), ("en", "Keys ← →")])
def test_the_present_keyboard_frame_has_a_language_and_a_title(lang, title):
    document = slides.keyboard_document(lang)
    assert document.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}">' in document
    assert re.search(rf"<title>{re.escape(title)}[^<]+</title>", document)
    assert slides.KEYBOARD_SCRIPT.strip() in document  # the script itself unescaped


def test_a_bar_chart_s_table_has_one_row_per_category_and_a_column_per_trace():
    figure = go.Figure(
        [
            go.Bar(name="official", x=["★1", "★2"], y=[3, 1200], text=["3", "1.200"]),
            go.Bar(name="estimated", x=["★2", "<b>Not</b> rated"], y=[5, 7]),
        ]
    )
    figure.update_xaxes(title_text="Stars")
    table = chart_tables.figure_table(figure, "id")
    assert list(table.columns) == ["Stars", "official", "estimated"]
    assert table.values.tolist() == [["★1", "3", ""], ["★2", "1.200", "5"], ["Not rated", "", "7"]]
    assert chart_tables.chart_alt(figure, "Bintang", "id") == (
        "Bintang: ★1: official 3; ★2: official 1.200, estimated 5; Not rated: estimated 7."
    )


def test_a_stacked_chart_reads_each_trace_s_values_not_the_totals_written_on_top():
    figure = go.Figure(
        [
            go.Bar(name="official", x=["★1", "★2"], y=[3, 4]),
            go.Bar(name="estimated", x=["★1", "★2"], y=[5, 6], text=["8", "10"], textposition="outside"),
            go.Bar(name="Not rated", x=["Not rated"], y=[7], text=["7"]),
        ]
    ).update_layout(barmode="stack")
    assert chart_tables.figure_table(figure, "en").values.tolist() == [
        ["★1", "3", "5", ""],
        ["★2", "4", "6", ""],
        ["Not rated", "", "", "7"],
    ]
    assert chart_tables.chart_alt(figure, "Stars", "en") == (
        "Stars: ★1: official 3, estimated 5; ★2: official 4, estimated 6; Not rated: 7."
    )


def test_a_horizontal_bar_and_a_funnel_read_their_categories_from_the_y_axis():
    bar = go.Figure(go.Bar(x=np.array([1200, 2.5]), y=["Bali", "Jawa&lt;Tengah&gt;"], orientation="h"))
    assert chart_tables.figure_table(bar, "en").values.tolist() == [["Bali", "1,200"], ["Jawa<Tengah>", "2.5"]]
    assert list(chart_tables.figure_table(bar, "id").columns) == ["Kategori", "Nilai"]
    funnel = go.Figure(go.Funnel(x=[9, 4], y=["0 · Identified", "1 · Proposed"]))
    assert chart_tables.chart_alt(funnel, "Funnel", "en") == "Funnel: 0 · Identified 9; 1 · Proposed 4."


def test_a_heatmap_s_table_is_its_matrix_and_a_long_chart_points_to_its_table():
    heat = go.Figure(
        go.Heatmap(z=[[1, 2], [3, 4]], x=["★1", "★2"], y=["before ★1", "before ★2"], text=[["a", "b"], ["c", "d"]])
    )
    heat.update_yaxes(title_text="Before")
    table = chart_tables.figure_table(heat, "en")
    assert table.values.tolist() == [["before ★1", "a", "b"], ["before ★2", "c", "d"]]
    assert list(table.columns) == ["Before", "★1", "★2"]
    long = go.Figure(go.Bar(x=[str(i) for i in range(chart_tables.ALT_ROWS + 1)], y=list(range(13))))
    assert chart_tables.chart_alt(long, "Kab/kota", "id") == ("Kab/kota. Datanya ada di tabel data grafik di bawahnya.")


@pytest.mark.parametrize("build", [figures.star_distribution, figures.category_counts, figures.stage_counts])
def test_chart_axes_are_labelled_in_a_colour_that_reaches_aa(build):
    figure = build(score_table(synthetic_registry(200, seed=5)), "id")
    axes = [*figure.select_xaxes(), *figure.select_yaxes()]
    assert axes
    for axis in axes:
        for colour in (axis.tickfont.color, axis.title.font.color):
            assert colour is not None and palette.contrast_ratio(colour, palette.WHITE) >= AA
