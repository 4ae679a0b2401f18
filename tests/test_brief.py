"""The region brief: one self-contained, escaped, printable HTML document (issue 7)."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest
from plotly.offline import get_plotlyjs

from ovop_core import classing, regions, rounds
from ovop_core.model import DEFAULT_MODEL, SUB_ITEM_KEYS
from ovop_core.registry import read_registry
from ovop_core.scenario import Scenario, Target
from ovop_core.summary import analysed_table
from ovop_core.whatif import run_whatif
from ovop_ui.builders import maps, palette
from ovop_ui.builders.brief import brief_filename, region_brief_html
from ovop_ui.text.format import rupiah
from ovop_ui.text.i18n import stage_name, stars_text, translate

XSS = "<img src=x onerror=alert(1)>"
PRODUCER = 'Bu "Sri" <b>&</b> Co'
TODAY = "2026-11-29"
MODEL = "ovop-2026.2"
CODES = ["", "33", "33.74"]
LANGS = ["id", "en"]
PLOTLY_JS = get_plotlyjs()


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    frame = rounds.current(read_registry("data/products_demo.csv").frame.drop(columns=["_row"]))
    row = frame.index[frame["region_code"] == "33.74"][0]
    frame.loc[row, ["name", "producer"]] = [XSS, PRODUCER]
    frame.loc[row, ["k1", "k2", "k3", "k4", "k5"]] = 99.0  # the best score everywhere: always listed
    frame.loc[row, list(SUB_ITEM_KEYS)] = float("nan")
    return frame


@pytest.fixture(scope="module")
def table(registry) -> pd.DataFrame:
    return analysed_table(registry, DEFAULT_MODEL, TODAY)


@pytest.fixture(scope="module")
def documents(table) -> dict[tuple[str, str], str]:
    return {
        (code, lang): region_brief_html(table, code, lang, MODEL, generated_at=TODAY)
        for code in CODES
        for lang in LANGS
    }


def in_scope(table: pd.DataFrame, code: str) -> pd.DataFrame:
    if not code:
        return table
    if len(code) == 2:
        return table[table["region_code"].str[:2] == code]
    return table[table["region_code"] == code]


def fmt(value: float, lang: str, decimals: int = 0) -> str:
    """1,234.5 → 1.234,5 for Indonesian (written out here, independent of ovop_ui.text.format)."""
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def without_plotly(document: str) -> str:
    return document.replace(PLOTLY_JS, "")


def kpi_values(document: str) -> list[str]:
    return re.findall(r'<div class="kpi-value">([^<]*)</div>', document)


NAMES = {
    "": {"id": "Indonesia", "en": "Indonesia"},
    "33": {"id": "Jawa Tengah", "en": "Jawa Tengah"},
    "33.74": {"id": "Kota Semarang", "en": "Kota Semarang"},
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", CODES)
def test_brief_names_the_region_in_its_title(documents, code, lang):
    document = documents[(code, lang)]
    title = translate("brief.title", lang, name=NAMES[code][lang])
    assert f"<title>{html.escape(title)}</title>" in document
    assert f"<h1>{html.escape(title)}</h1>" in document
    assert f'<html lang="{lang}">' in document


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", CODES)
def test_brief_shows_the_date_the_model_label_and_the_sample_data_notice(documents, code, lang):
    document = documents[(code, lang)]
    assert "29 November 2026" in document
    assert html.escape(translate("model.label", lang, version=MODEL)) in document
    assert html.escape(translate("brief.illustrative", lang)) in document


def test_the_sample_data_notice_can_be_left_out(table):
    document = region_brief_html(table, "33", "en", MODEL, generated_at=TODAY, illustrative=False)
    assert translate("brief.illustrative", "en") not in document


def desa_with_a_product(places: pd.Series) -> int:
    """Distinct desa-depth codes (two products of one desa count it once)."""
    return places[places.str.count(r"\.").eq(3)].nunique()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", CODES)
def test_brief_kpis_match_figures_counted_by_hand(documents, table, code, lang):
    scope = in_scope(table, code)
    n = len(scope)
    recognised = int(((scope["stage"] >= 3) & (scope["stars"] >= 3)).sum())  # official ★≥3
    expected = [
        fmt(n, lang),
        fmt(scope["region_code"].nunique(), lang),
        fmt(scope["score"].mean(), lang, 1),
        fmt(recognised, lang),
        fmt(int(((scope["stage"] < 3) & (scope["stars"] >= 3)).sum()), lang),  # potential: estimated ★≥3
        fmt(int(scope["eligible_next_stage"].sum()), lang),
        # what the programme is for: workers and revenue reported, desa with a product
        fmt(scope["workers"].sum(), lang),
        rupiah(scope["revenue_idr"].sum(), lang),
        "–" if "place_code" not in scope else fmt(desa_with_a_product(scope["place_code"]), lang),
    ]
    document = documents[(code, lang)]
    assert kpi_values(document) == expected
    rated = int((scope["stars"] > 0).sum())
    share = fmt(100 * recognised / rated, lang, 1) + "%"  # of the rated products
    assert html.escape(translate("kpi.recognised_help", lang, share=share)) in document


def feature_codes(code: str) -> list[str]:
    path = maps.province_geojson_path() if not code else maps.kabkota_geojson_path(code[:2])
    with open(path, encoding="utf-8") as handle:
        return [str(f["properties"]["kode"]) for f in json.load(handle)["features"]]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", CODES)
def test_brief_map_is_an_inline_svg_with_one_path_per_region(documents, code, lang):
    document = documents[(code, lang)]
    assert document.count('<svg class="map"') == 1
    drawn = re.findall(r'<path class="region[^"]*" data-code="(\d+)"', document)
    assert sorted(drawn) == sorted(feature_codes(code))
    assert "leaflet" not in without_plotly(document).lower()


def test_province_map_colours_its_kabkota_by_mean_score(documents, table):
    document = documents[("33", "id")]
    # Natural breaks over the mean scores of Jawa Tengah's kab/kota drawn, as on the app's map.
    drawn = pd.Series(feature_codes("33")).map(regions.to_dotted)
    means = table[table["region_code"].str[:2] == "33"].groupby("region_code")["score"].mean().reindex(drawn)
    classes = classing.jenks_breaks(means.to_numpy(), 5)
    assert classes.k == 5
    semarang = table[table["region_code"] == "33.74"]["score"].mean()
    fill = palette.CLASS_SCALES[5][int(classes.classify([semarang])[0])]
    assert re.search(rf'<path class="region( pale)?" data-code="3374" fill="{fill}"', document)
    # A kab/kota of the province without any product is grey, "no data".
    with_products = set(table.loc[table["region_code"].str[:2] == "33", "region_code"].map(regions.to_undotted))
    empty = sorted(set(feature_codes("33")) - with_products)
    assert empty, "the demo registry should leave some kab/kota of Jawa Tengah empty"
    assert f'<path class="region nodata" data-code="{empty[0]}" fill="{maps.NO_DATA_COLOUR}"' in document
    # The legend below the map states the classing, each class's range and its count of kab/kota.
    legend = document[document.index('<div class="legend ovop-map-legend"') :]
    assert "Jeda alami (Jenks), 5 kelas" in legend
    listed = re.findall(
        r'<rect [^>]*fill="(#[0-9A-F]{6})"[^>]*/></svg><span class="range">[^<]+</span> <span class="count">\((\d+) wilayah\)',
        legend,
    )
    assert listed == [
        *zip(palette.CLASS_SCALES[5], (str(n) for n in classes.counts)),
        (palette.NO_DATA, str(len(empty))),
    ]


def test_kabkota_map_draws_its_province_with_the_kabkota_outlined(documents):
    document = documents[("33.74", "en")]
    assert re.findall(r'<path class="region[^"]*selected[^"]*" data-code="(\d+)"', document) == ["3374"]
    assert html.escape(translate("brief.map_selected", "en", name="Kota Semarang")) in document


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", CODES)
def test_plotly_js_is_inlined_exactly_once(documents, code, lang):
    document = documents[(code, lang)]
    assert document.count(PLOTLY_JS[:300]) == 1
    assert document.count(PLOTLY_JS) == 1
    assert document.count('class="plotly-graph-div"') == 2
    assert 'id="brief-stars"' in document and 'id="brief-funnel"' in document


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", CODES)
def test_brief_refers_to_no_outside_resource(documents, code, lang):
    rest = without_plotly(documents[(code, lang)])
    assert not re.search(r"<script[^>]*\ssrc\s*=", rest, re.I)
    assert not re.search(r"<link[^>]*\shref\s*=", rest, re.I)
    assert not re.search(r"<(iframe|object|embed|source)\b", rest, re.I)
    # Images only inline: each product's photo or its category's illustration, as a data URI.
    images = re.findall(r"<img\b[^>]*>", rest, re.I)
    assert images and all(re.match(r'<img src="data:image/(jpeg|png|webp|svg\+xml);base64,', i) for i in images)
    assert "@import" not in rest
    assert "url(" not in rest
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", rest, re.I)
    assert "http://" not in rest and "https://" not in rest


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", CODES)
def test_user_text_is_escaped(documents, code, lang):
    document = documents[(code, lang)]
    assert html.escape(XSS) in document
    assert XSS not in document
    assert html.escape(PRODUCER) in document
    assert PRODUCER not in document


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", CODES)
def test_brief_prints_on_a4_without_splitting_sections(documents, code, lang):
    document = documents[(code, lang)]
    assert re.search(r"@page\s*\{\s*size:\s*A4;\s*margin:\s*14mm;?\s*\}", document)
    assert "break-inside: avoid" in document


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", CODES)
def test_top_products_table_writes_stars_as_text(documents, table, code, lang):
    document = documents[(code, lang)]
    top = in_scope(table, code).sort_values(["score", "product_id"], ascending=[False, True]).head(10)
    rows = re.findall(r"<tr><td class='num'>\d+</td>", document)
    assert len(rows) == len(top)
    first = top.iloc[0]
    assert first["name"] == XSS
    assert html.escape(stars_text(first["stars"], lang)) in document
    assert html.escape(stage_name(first["stage"], lang)) in document
    assert html.escape(first[f"cap_reason_{lang}"]) in document


@pytest.mark.parametrize("lang", LANGS)
def test_funnel_section_names_every_stage(documents, lang):
    document = documents[("33", lang)]
    assert html.escape(translate("brief.stages", lang)) in document
    for stage in range(7):
        encoded = json.dumps(stage_name(stage, lang))[1:-1].replace("/", "\\u002f")  # as plotly's JSON writes it
        assert encoded in document


def test_no_whatif_section_without_a_scenario(documents):
    assert 'class="whatif"' not in documents[("33", "id")]


@pytest.mark.parametrize("lang", LANGS)
def test_whatif_section_shows_the_sentence_the_recognised_change_and_the_matrix(registry, table, lang):
    # Recognised counts official stars only: halal alone lifts no assessed product of Jawa Tengah
    # to ★3 in the demo data, so the scenario adds quality and an izin edar too (the change shown
    # must be positive).
    scenario = Scenario(quality=20, interventions=("halal", "permit"), target=Target(regions=("33",)))
    result = run_whatif(registry, scenario, today=pd.Timestamp(TODAY))
    assert result.recognised_after > result.recognised_before
    sentence = "Jika <b>semua</b> produk & IKM memperoleh izin edar dan halal"
    document = region_brief_html(table, "33", lang, MODEL, scenario_text=sentence, whatif=result, generated_at=TODAY)
    section = document[document.index('<section class="whatif">') :]
    assert html.escape(sentence) in section and sentence not in section
    before, after = result.recognised_before, result.recognised_after
    assert f"{fmt(before, lang)} → {fmt(after, lang)} (+{fmt(after - before, lang)})" in section
    matrix = section[section.index('<table class="matrix">') : section.index("</table>")]
    cells = [c.replace(".", "").replace(",", "") for c in re.findall(r"<td class='num[^']*'>([^<]*)</td>", matrix)]
    assert [int(c) for c in cells] == result.transition_matrix.to_numpy().ravel().tolist()
    assert len(re.findall(r"<th>★\d</th>", matrix)) == 10


def test_a_region_without_products_still_gets_a_brief(table):
    document = region_brief_html(table[table["province"] != "33"], "33", "en", MODEL, generated_at=TODAY)
    assert kpi_values(document)[0] == "0"
    assert html.escape(translate("profile.no_products", "en")) in document
    assert document.count('class="plotly-graph-div"') == 2


def test_unknown_region_code_is_refused(table):
    with pytest.raises(ValueError, match="unknown region code"):
        region_brief_html(table, "99.99", "id", MODEL)


@pytest.mark.parametrize(
    "code,lang,expected",
    [
        ("33", "id", "ringkasan-wilayah-jawa-tengah-2026-11-29.html"),
        ("33", "en", "region-brief-jawa-tengah-2026-11-29.html"),
        ("3374", "id", "ringkasan-wilayah-kota-semarang-2026-11-29.html"),
        ("", "en", "region-brief-indonesia-2026-11-29.html"),
    ],
)
def test_brief_filename_names_region_and_date(code, lang, expected):
    assert brief_filename(code, lang, TODAY) == expected
