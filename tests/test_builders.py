"""Figure and map builders as plain functions: no Streamlit, no browser."""

import json
import re

import pandas as pd
import pytest

from ovop_core import classing
from ovop_core.demo import synthetic_registry
from ovop_core.model import DEFAULT_MODEL
from ovop_core.regions import region_index
from ovop_core.scoring import score_table
from ovop_ui.builders import figures, map_classes, maps, palette
from ovop_ui.shell.offline import ensure_static_assets
from ovop_ui.widgets.map_widget import legend_html

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def scored():
    return score_table(synthetic_registry(3000, seed=21))


@pytest.fixture(scope="module")
def provinces_geojson():
    return maps.load_geojson(maps.province_geojson_path())


def rendered(fmap) -> str:
    return fmap.get_root().render()


def test_province_map_has_38_features_and_the_metric_values(scored, provinces_geojson):
    index = region_index(scored, "province")
    html = rendered(maps.choropleth(provinces_geojson, index, "mean_score", "id"))
    assert len(re.findall(r'"kode":\s*"\d\d"', html)) == 38
    bali = index.set_index("code").loc["51", "mean_score"]
    assert f"{bali:.1f}".replace(".", ",") in html  # Indonesian decimal comma
    assert "Skor rata-rata" in html


def test_map_html_fetches_nothing_from_the_internet(scored, provinces_geojson):
    html = rendered(maps.choropleth(provinces_geojson, region_index(scored), "n_products", "en"))
    urls = re.findall(r"https?://[^\s\"'<>)]+", html)
    assert [u for u in urls if not re.match(r"https?://(localhost|127\.0\.0\.1)", u)] == []
    assert "/app/static/vendor/leaflet/leaflet.js" in html
    assert "d3" not in re.findall(r"<script[^>]+src=\"([^\"]+)\"", html)


def test_regions_without_products_are_drawn_as_no_data(provinces_geojson):
    only_bali = score_table(synthetic_registry(400, seed=2))
    only_bali = only_bali[only_bali["province"] == "51"]
    html = rendered(maps.choropleth(provinces_geojson, region_index(only_bali), "mean_score", "en"))
    assert html.count(maps.NO_DATA_COLOUR) >= 37
    assert "No data" in html


def test_region_names_are_escaped_in_tooltips_and_legend(scored):
    geo = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"kode": "51", "nama": XSS},
                "geometry": {"type": "Polygon", "coordinates": [[[115, -8], [116, -8], [116, -9], [115, -8]]]},
            }
        ],
    }
    html = rendered(maps.choropleth(geo, region_index(scored), "mean_score", "en"))
    assert XSS not in html
    # HTML-escaped before folium serialises it (which writes "&" as \u0026 in the JSON).
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in html


def test_regions_without_a_shape_are_counted_for_the_map_s_note():
    features = {"type": "FeatureCollection", "features": [{"properties": {"kode": "3374"}}]}
    codes = pd.Series(["33.74", "33.26", "33.01"])
    assert maps.missing_shapes(features, codes) == 2
    assert maps.missing_shapes(features, codes.iloc[:1]) == 0


def square_feature(code: str, x: float) -> dict:
    ring = [[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]
    return {
        "type": "Feature",
        "properties": {"kode": code, "nama": f"Region {code}"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


# Six regions with data and one without; natural breaks into 5 classes merge the two closest values.
TINY_GEO = {"type": "FeatureCollection", "features": [square_feature(str(11 + i), 100 + i) for i in range(7)]}
TINY_INDEX = pd.DataFrame(
    {
        "code": [str(11 + i) for i in range(7)],
        "mean_score": [40.0, 40.5, 50.0, 60.0, 70.0, 80.0, float("nan")],
        "n_products": [3, 1, 2, 2, 1, 4, 0],
        "has_data": [True] * 6 + [False],
    }
)


def fills(fmap) -> list[str]:
    layer = next(child for child in fmap._children.values() if getattr(child, "layer_name", "") == "regions")
    return [feature["properties"]["fill"] for feature in layer.data["features"]]


def test_fills_follow_natural_breaks_over_the_regions_shown():
    fmap = maps.choropleth(TINY_GEO, TINY_INDEX, "mean_score", "id")
    scale = palette.CLASS_SCALES[5]
    assert fills(fmap) == [scale[0], scale[0], scale[1], scale[2], scale[3], scale[4], palette.NO_DATA]


def test_fills_follow_the_star_bands_when_asked_and_quantiles_split_by_rank():
    stars = maps.choropleth(TINY_GEO, TINY_INDEX, "mean_score", "en", classing="stars")
    blues = palette.MAP_SCALE
    assert fills(stars) == [blues[1], blues[1], blues[2], blues[2], blues[3], blues[3], palette.NO_DATA]
    quantiles = maps.choropleth(TINY_GEO, TINY_INDEX, "mean_score", "en", classing="quantile")
    scale = palette.CLASS_SCALES[5]  # six values in five classes: positions 0..5 aim at 0,0,1,2,3,4
    assert fills(quantiles) == [scale[0], scale[0], scale[1], scale[2], scale[3], scale[4], palette.NO_DATA]


def test_a_count_metric_offers_no_star_bands():
    fmap = maps.choropleth(TINY_GEO, TINY_INDEX, "n_products", "en", classing="stars")
    assert fmap.legend.method.startswith("Natural breaks (Jenks)")


def test_legend_states_method_ranges_in_the_users_language_and_counts():
    legend = maps.choropleth(TINY_GEO, TINY_INDEX, "mean_score", "id").legend
    assert legend.title == "Skor rata-rata"
    assert legend.method == "Jeda alami (Jenks), 5 kelas"
    assert [(e.label, e.count) for e in legend.entries] == [
        ("40,0 – 40,5", "2 wilayah"),
        ("50,0", "1 wilayah"),
        ("60,0", "1 wilayah"),
        ("70,0", "1 wilayah"),
        ("80,0", "1 wilayah"),
        ("Tidak ada data", "1 wilayah"),
    ]
    english = maps.choropleth(TINY_GEO, TINY_INDEX, "mean_score", "en", classing="stars").legend
    assert english.method == "Star bands, 5 classes"
    assert [e.label for e in english.entries][:2] == ["0 – < 30 (★1)", "30 – < 50 (★2)"]


def test_legend_ranges_gain_decimals_until_neighbouring_classes_differ():
    classes = classing.Classes("jenks", (50.01, 50.042), ((50.01, 50.04), (50.042, 51.0)), (1, 1))
    assert map_classes.range_labels("mean_score", classes, "id") == ("50,010 – 50,040", "50,042 – 51,000")


def test_no_legend_is_drawn_inside_the_leaflet_map():
    fmap = maps.choropleth(TINY_GEO, TINY_INDEX, "mean_score", "en", selected="12")
    html = rendered(fmap)
    assert "L.control(" not in html
    assert "legend" not in html.lower()
    assert "Natural breaks" not in html and "1 region" not in html
    # ... it travels with the map, for show_map to draw below it.
    assert "Natural breaks (Jenks)" in legend_html(fmap.legend)
    assert 'class="legend ovop-map-legend"' in legend_html(fmap.legend)


def test_the_selected_region_is_outlined_on_a_dark_casing_and_named():
    fmap = maps.choropleth(TINY_GEO, TINY_INDEX, "mean_score", "en", selected="12")
    html = rendered(fmap)
    assert "ovop-selected-label" in html
    assert 'label.textContent = "Region 12"' in html
    assert f'"color": "{palette.HIGHLIGHT}"' in html and f'"color": "{palette.SELECTED_CASING}"' in html
    assert fmap.legend.selected == "Selected: Region 12"
    assert maps.label_point(square_feature("12", 101)["geometry"]) == pytest.approx((0.5, 101.5))
    # Beside the region, not on it: above a region in the lower half of the view, below one in the upper half.
    (lat, lon), side = maps.label_anchor(square_feature("12", 101)["geometry"], [[0, 100], [3, 107]])
    assert (lat, lon, side) == (1.0, pytest.approx(101.5), "top")
    (lat, lon), side = maps.label_anchor(square_feature("12", 101)["geometry"], [[-3, 100], [1, 107]])
    assert (lat, lon, side) == (0.0, pytest.approx(101.5), "bottom")
    assert maps.choropleth(TINY_GEO, TINY_INDEX, "mean_score", "en").legend.selected == ""


def test_the_view_fits_the_regions_and_shapes_the_frame_to_them():
    fmap = maps.choropleth(TINY_GEO, TINY_INDEX, "mean_score", "en")
    assert json.loads(fmap.fit.bounds_json) == [[0, 100], [1, 107]]
    assert float(fmap.fit.aspect) == pytest.approx(7.0, rel=1e-3)  # 7° by 1° at the equator
    assert maps.mercator_aspect([[-1, 100], [1, 104]]) == pytest.approx(2.0, rel=1e-3)
    fmap.fit.max_height = 480
    html = rendered(fmap)
    assert "map.fitBounds(bounds, {paddingTopLeft: [left, pad]" in html and "maxHeight = 480" in html


def test_a_far_islet_does_not_stretch_the_fit_but_a_small_region_does():
    mainland = square_feature("11", 100)["geometry"]["coordinates"]
    islet = [[[100.5, 5], [100.51, 5], [100.51, 5.01], [100.5, 5]]]
    with_islet = {
        "type": "Feature",
        "properties": {"kode": "11"},
        "geometry": {"type": "MultiPolygon", "coordinates": [mainland, islet]},
    }
    assert maps.fit_bounds([with_islet, square_feature("12", 101)]) == [[0, 100], [1, 102]]
    alone = {"type": "Feature", "properties": {"kode": "13"}, "geometry": {"type": "Polygon", "coordinates": islet}}
    assert maps.fit_bounds([square_feature("12", 101), alone]) == [[0, 100.5], [5.01, 102]]


def test_every_outline_stands_out_from_its_fill():
    for scale in (*palette.CLASS_SCALES.values(), palette.MAP_SCALE, (palette.NO_DATA,)):
        for fill in scale:
            assert palette.contrast_ratio(maps.edge_for(fill), fill) >= 2.4, fill


def test_unknown_metric_is_refused(scored, provinces_geojson):
    with pytest.raises(ValueError):
        maps.choropleth(provinces_geojson, region_index(scored), "happiness", "en")


def test_leaflet_assets_are_copied_from_the_installed_package(tmp_path):
    target = ensure_static_assets(tmp_path)
    assert (target / "leaflet.js").stat().st_size > 100_000
    assert (target / "leaflet.css").exists()


def test_star_distribution_labels_stars_as_numbers(scored):
    fig = figures.star_distribution(scored, "en")
    official, estimated = fig.data[0], fig.data[1]
    assert list(official.x) == ["★1", "★2", "★3", "★4", "★5"]
    counts = scored["stars"].value_counts()
    assert estimated.text[2] == f"{counts.get(3, 0):,}"  # the stack's total on top
    assert fig.layout.separators == ".,"
    assert figures.star_distribution(scored, "id").layout.separators == ",."


def test_star_distribution_stacks_official_and_estimated_stars_apart():
    from conftest import make_products

    from ovop_core.scoring import score_table

    scored = score_table(
        make_products(
            {"k": 60, "stage": 3}, {"k": 60, "stage": 1}, {"k": 60, "stage": 0}, {"k": (60, None, 60, 60, 60)}
        )
    )
    fig = figures.star_distribution(scored, "id")
    official, estimated, unrated = fig.data
    assert (official.y[2], estimated.y[2]) == (1, 2)  # ★3: one assessed, two estimates
    assert estimated.marker.pattern.shape == "/" and not official.marker.pattern.shape
    assert estimated.name == "perkiraan (tahap 0–2)" and estimated.text[2] == "3"
    assert list(unrated.y) == [1] and fig.layout.barmode == "stack"


def test_category_and_stage_figures_count_every_product(scored):
    cat = figures.category_counts(scored, "id")
    assert sum(cat.data[0].x) == len(scored)
    assert "Makanan olahan" in cat.data[0].y
    stages = figures.stage_counts(scored, "en")
    assert sum(stages.data[0].x) == len(scored)
    assert stages.data[0].y[0] == "0 · Identified"


def test_score_breakdown_shows_each_criterion_and_its_contribution(scored):
    product = scored.dropna(subset=["score"]).iloc[0]
    fig = figures.score_breakdown(product, DEFAULT_MODEL, "en")
    assert list(fig.data[0].x) == [pytest.approx(product[c]) for c in ("k1", "k2", "k3", "k4", "k5")]
    assert "weight 30" in fig.data[0].y[2]
    contribution = product["k3"] * 30 / 100
    assert f"+{contribution:,.1f}" in fig.data[0].text[2]


def test_figures_serialise_to_json(scored):
    for fig in (figures.star_distribution(scored, "id"), figures.category_counts(scored, "en")):
        assert json.loads(fig.to_json())["data"]
