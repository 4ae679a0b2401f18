"""Figure and map builders as plain functions: no Streamlit, no browser."""

import json
import re

import pandas as pd
import pytest

from ovop_core.demo import synthetic_registry
from ovop_core.model import DEFAULT_MODEL
from ovop_core.regions import region_index
from ovop_core.scoring import score_table
from ovop_ui.builders import figures, maps
from ovop_ui.shell.offline import ensure_static_assets

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


def test_metric_classes_follow_star_bands_for_scores():
    assert maps.class_edges("mean_score", pd.Series([10.0, 95.0])) == (0.0, 30.0, 50.0, 70.0, 90.0, 100.0)
    assert maps.colour_for(49.99, maps.SCORE_EDGES) == maps.PALETTE[1]
    assert maps.colour_for(50.0, maps.SCORE_EDGES) == maps.PALETTE[2]
    assert maps.colour_for(float("nan"), maps.SCORE_EDGES) == maps.NO_DATA_COLOUR
    edges = maps.class_edges("n_products", pd.Series([3.0, 47.0]))
    assert edges[0] == 0 and edges[-1] >= 47


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
