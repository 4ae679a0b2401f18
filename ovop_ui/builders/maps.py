"""Choropleth maps of provinces and kab/kota, built as plain functions (testable without a browser).

Offline by construction: no tile layer (Indonesia itself is the base layer, drawn from
``data/geo``), Leaflet served locally (``offline.py``), a legend drawn as a Leaflet control
without d3. Every text placed in a tooltip is HTML-escaped here, because folium's tooltip
inserts property values with ``innerHTML``.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from pathlib import Path

import folium
import pandas as pd
from branca.element import MacroElement, Template

from ovop_core import regions
from ovop_ui import PROJECT_ROOT
from ovop_ui.builders import palette, templating
from ovop_ui.shell.offline import LEAFLET_CSS, LEAFLET_JS
from ovop_ui.text.format import number, percent
from ovop_ui.text.i18n import translate

GEO_DIR = PROJECT_ROOT / "data" / "geo"
METRICS = ("mean_score", "n_recognised", "share_recognised", "n_products")
# Metrics a page may pass in a prepared index, e.g. the what-if change per province.
EXTRA_METRICS = ("delta_recognised",)
NO_DATA_COLOUR = palette.NO_DATA
# Sequential, colour-blind safe (ColorBrewer Blues, 5 classes): darker = better.
PALETTE = palette.MAP_SCALE
# Mean score classes follow the star bands, so the map's colours read as stars.
SCORE_EDGES = (0.0, 30.0, 50.0, 70.0, 90.0, 100.0)
SHARE_EDGES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


def load_geojson(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def province_geojson_path() -> Path:
    return GEO_DIR / "id_provinsi.geojson"


def kabkota_geojson_path(province: str) -> Path:
    return GEO_DIR / "kabkota" / f"{regions.to_undotted(province)}.geojson"


def missing_shapes(geojson: dict, codes: pd.Series) -> int:
    """How many of the regions ``codes`` (dotted) have no shape in ``geojson``: the map cannot draw
    them, so the page says how many are left out."""
    drawn = {feature["properties"]["kode"] for feature in geojson["features"]}
    return int((~codes.map(regions.to_undotted).isin(drawn)).sum())


@dataclass(frozen=True)
class Legend:
    title: str
    entries: tuple[tuple[str, str], ...]  # (colour, label)


def class_edges(metric: str, values: pd.Series) -> tuple[float, ...]:
    """Class edges for a metric: star bands for scores, fifths for shares, nice steps for counts."""
    if metric == "mean_score":
        return SCORE_EDGES
    if metric == "share_recognised":
        return SHARE_EDGES
    top = float(values.max()) if values.notna().any() else 0.0
    if top <= 0:
        return (0.0, 1.0)
    step = _nice_step(top / 5)
    edges = [0.0]
    while edges[-1] < top:
        edges.append(edges[-1] + step)
    return tuple(edges)


def _nice_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return max(1.0, float(factor * magnitude))
    return max(1.0, float(10 * magnitude))


def colour_for(value: float, edges: tuple[float, ...]) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA_COLOUR
    classes = len(edges) - 1
    for i in range(classes):
        if value < edges[i + 1] or i == classes - 1:
            # Spread fewer classes over the palette so the darkest colour always means "highest".
            return PALETTE[round(i * (len(PALETTE) - 1) / max(classes - 1, 1))]
    return PALETTE[-1]


def format_metric(metric: str, value: float, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return translate("map.no_data", lang)
    if metric == "mean_score":
        return number(value, lang, 1)
    if metric == "share_recognised":
        return percent(value, lang)
    if metric == "delta_recognised":
        return ("+" if value > 0 else "") + number(value, lang)
    return number(value, lang)


def _edge_label(metric: str, low: float, high: float, lang: str, last: bool) -> str:
    fmt = (lambda v: percent(v, lang, 0)) if metric == "share_recognised" else (lambda v: number(v, lang))
    return f"{fmt(low)} – {fmt(high)}" if last else f"{fmt(low)} – < {fmt(high)}"


def legend_for(metric: str, edges: tuple[float, ...], lang: str) -> Legend:
    entries = []
    for i in range(len(edges) - 1):
        label = _edge_label(metric, edges[i], edges[i + 1], lang, i == len(edges) - 2)
        if metric == "mean_score":
            label += f" (★{i + 1})"
        entries.append((colour_for(edges[i], edges), label))
    entries.append((NO_DATA_COLOUR, translate("map.no_data", lang)))
    return Legend(translate(f"metric.{metric}", lang), tuple(entries))


_LEGEND_TEMPLATE = Template(
    """
{% macro script(this, kwargs) %}
(function() {
    var legend = L.control({position: "bottomleft"});
    legend.onAdd = function () {
        var div = L.DomUtil.create("div", "ovop-legend");
        div.style.cssText = {{ this.box_css_json }};
        div.innerHTML = {{ this.html_json }};
        return div;
    };
    legend.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
"""
)


class LegendControl(MacroElement):
    """A static HTML legend inside the map (no d3, no CDN). All text is escaped."""

    _template = _LEGEND_TEMPLATE

    def __init__(self, legend: Legend):
        super().__init__()
        self._name = "OvopLegend"
        self.html_json = json.dumps(str(templating.render("leaflet_legend.html", legend=legend)))
        self.box_css_json = json.dumps(
            f"background:{palette.WHITE};padding:8px 10px;border-radius:6px;"
            f"box-shadow:0 1px 4px {palette.SHADOW};font:14px/1.5 sans-serif;color:{palette.INK};"
        )


_FIT_TEMPLATE = Template(
    """
{% macro script(this, kwargs) %}
(function() {
    var map = {{ this._parent.get_name() }};
    var bounds = {{ this.bounds_json }};
    // A hidden or collapsed frame has no size: fitting then would compute NaN coordinates.
    var fit = function () { var size = map.getSize(); if (size.x > 0 && size.y > 0) map.fitBounds(bounds, {padding: [8, 8]}); };
    fit();
    // The component's iframe gets its final width after the map is drawn: fit again then.
    map.on("resize", fit);
    map.getContainer().addEventListener("pointerdown", function () { map.off("resize", fit); }, {once: true});
})();
{% endmacro %}
"""
)


class FitToBounds(MacroElement):
    """Fit the map to its regions now and whenever the frame is resized, until the user pans or zooms."""

    _template = _FIT_TEMPLATE

    def __init__(self, bounds: list[list[float]]):
        super().__init__()
        self._name = "OvopFit"
        self.bounds_json = json.dumps(bounds)


def choropleth(
    geojson: dict,
    index: pd.DataFrame,
    metric: str,
    lang: str,
    selected: str = "",
    height_hint: str = "",
) -> folium.Map:
    """A folium map of the features in ``geojson`` coloured by ``index[metric]``.

    ``index`` is ``ovop_core.regions.region_index`` at the matching level (dotted codes);
    features are matched on their undotted ``kode``. Regions without products are grey
    ("no data"), never coloured as zero. ``selected`` (dotted code) gets a thick outline.
    """
    if metric not in METRICS + EXTRA_METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    by_code = index.set_index(index["code"].map(regions.to_undotted))
    values = by_code[metric].where(by_code["has_data"])
    edges = class_edges(metric, values)
    selected_undotted = regions.to_undotted(selected) if selected else ""
    metric_label = translate(f"metric.{metric}", lang)

    features = []
    for feature in geojson["features"]:  # one per region (≤ 514), not per product
        code = feature["properties"]["kode"]
        value = values.get(code, float("nan"))
        n = int(by_code["n_products"].get(code, 0))
        properties = {
            "kode": code,
            "name": html.escape(str(feature["properties"].get("nama", code))),
            "value": html.escape(format_metric(metric, value, lang)),
            "products": html.escape(number(n, lang)),
            "fill": colour_for(value, edges),
            "selected": code == selected_undotted,
        }
        features.append({"type": "Feature", "geometry": feature["geometry"], "properties": properties})

    fmap = folium.Map(
        location=[-2.5, 118.0],
        zoom_start=5,
        tiles=None,
        min_zoom=4,
        max_zoom=11,
        control_scale=True,
        prefer_canvas=False,
        zoom_control=True,
        attribution_control=False,
        zoom_snap=0.25,
        zoom_delta=0.5,
        # Leaflet focuses its container on mousedown for keyboard panning; inside the component's
        # iframe that scrolls the page between mousedown and mouseup, and the click misses.
        keyboard=False,
    )
    fmap.default_js = LEAFLET_JS
    fmap.default_css = LEAFLET_CSS
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="regions",
        style_function=_style,
        highlight_function=lambda _: {"weight": 3, "color": palette.HIGHLIGHT},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "value", "products"],
            aliases=[
                html.escape(translate("col.region", lang)),
                html.escape(metric_label),
                html.escape(translate("col.products", lang)),
            ],
            sticky=True,
        ),
    )
    layer.add_to(fmap)
    bounds = layer.get_bounds()
    if bounds and all(v is not None for pair in bounds for v in pair):
        FitToBounds(bounds).add_to(fmap)
    LegendControl(legend_for(metric, edges, lang)).add_to(fmap)
    return fmap


def _style(feature: dict) -> dict:
    props = feature["properties"]
    return {
        "fillColor": props["fill"],
        "fillOpacity": 0.9,
        "color": palette.HIGHLIGHT if props["selected"] else palette.WHITE,
        "weight": 3 if props["selected"] else 0.8,
        "dashArray": None if props["fill"] != NO_DATA_COLOUR else "3",
    }
