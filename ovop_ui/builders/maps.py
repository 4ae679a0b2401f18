"""Choropleth maps of provinces and kab/kota, built as plain functions (testable without a browser).

Offline by construction: no tile layer (Indonesia itself is the base layer, drawn from
``data/geo``), Leaflet served locally (``offline.py``). Colours are classes computed over the
regions shown (``map_classes``: natural breaks by default), so the map tells those regions apart.
The legend is not drawn in the map: ``show_map`` draws it below, where it covers no region. Every
text placed in a tooltip is HTML-escaped here, because folium's tooltip inserts property values
with ``innerHTML``.
"""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement, Template

from ovop_core import regions
from ovop_ui import PROJECT_ROOT
from ovop_ui.builders import palette
from ovop_ui.builders.map_classes import (  # noqa: F401  (re-exported: the map's public vocabulary)
    DEFAULT_CLASSING,
    Legend,
    LegendEntry,
    classes_for,
    classing_choices,
    colour_for,
    colours_for,
    edge_for,
    legend_for,
)
from ovop_ui.shell.offline import LEAFLET_CSS, LEAFLET_JS
from ovop_ui.text.format import number, percent
from ovop_ui.text.i18n import translate

GEO_DIR = PROJECT_ROOT / "data" / "geo"
METRICS = ("mean_score", "n_recognised", "share_recognised", "n_products")
# Metrics a page may pass in a prepared index, e.g. the what-if change per province.
EXTRA_METRICS = ("delta_recognised",)
NO_DATA_COLOUR = palette.NO_DATA
# The star blues, for maps classed by star bands (other classings use palette.CLASS_SCALES).
PALETTE = palette.MAP_SCALE
_MAP_CSS = (
    f"<style>.leaflet-container {{ background: {palette.MAP_BACKGROUND}; }}"
    f" .ovop-selected-label {{ font-weight: 600; color: {palette.INK}; }}</style>"
)


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


_FIT_TEMPLATE = Template(
    """
{% macro script(this, kwargs) %}
(function() {
    var map = {{ this._parent.get_name() }};
    var bounds = {{ this.bounds_json }};
    var aspect = {{ this.aspect }}, pad = {{ this.pad }}, minHeight = {{ this.min_height }}, maxHeight = {{ this.max_height }};
    // Room for the zoom buttons in the top left corner, so they cover no region; on a phone-wide
    // frame they would take a tenth of the map: pinching zooms there, so they go.
    var left = pad;
    var room = function (width) {
        if (map.zoomControl && width < 480) { map.zoomControl.remove(); map.zoomControl = null; }
        left = map.zoomControl ? pad + 40 : pad;
    };
    var sizing = false, following = true;
    // streamlit-folium sets the frame's height again on every rerun: keep the shaped height.
    var streamlit = window.Streamlit;
    if (streamlit && maxHeight > 0 && !streamlit.ovopShaped) {
        var setFrameHeight = streamlit.setFrameHeight.bind(streamlit);
        streamlit.setFrameHeight = function (height) { setFrameHeight(window.ovopFrameHeight || height); };
        streamlit.ovopShaped = true;
    }
    // The frame takes the region's shape (up to maxHeight), so the region fills it at any width.
    var shape = function () {
        var box = map.getContainer(), width = box.clientWidth;
        if (width > 0) room(width);
        if (!(maxHeight > 0) || !(width > 0)) return;
        var height = Math.round(Math.min(maxHeight, Math.max(minHeight, (width - left - pad) / aspect + 2 * pad)));
        window.ovopFrameHeight = height;
        if (window.__GLOBAL_DATA__) window.__GLOBAL_DATA__.height = height;
        if (streamlit) streamlit.setFrameHeight(height);
        if (Math.abs(box.clientHeight - height) <= 1) return;
        box.style.height = height + "px";
        sizing = true; map.invalidateSize({pan: false}); sizing = false;
    };
    // A hidden or collapsed frame has no size: fitting then would compute NaN coordinates.
    var fit = function () {
        shape();
        var size = map.getSize();
        if (following && size.x > 0 && size.y > 0) {
            map.fitBounds(bounds, {paddingTopLeft: [left, pad], paddingBottomRight: [pad, pad], animate: false});
        }
    };
    fit();
    // The component's iframe gets its final width after the map is drawn: fit again then.
    map.on("resize", function () { if (!sizing) fit(); });
    map.getContainer().addEventListener("pointerdown", function () { following = false; }, {once: true});
})();
{% endmacro %}
"""
)


def mercator_aspect(bounds: list[list[float]]) -> float:
    """Width / height of ``[[south, west], [north, east]]`` in Web Mercator (what Leaflet draws)."""
    (south, west), (north, east) = bounds
    width = math.radians(max(east - west, 1e-6))

    def y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(max(min(lat, 85.0), -85.0)) / 2))

    return width / max(y(north) - y(south), 1e-6)


class FitToBounds(MacroElement):
    """Fit the map to its regions now and whenever the frame is resized, until the user pans or zooms.

    With ``max_height`` set (``show_map`` sets it to the height it was given), the frame's height
    follows the regions' shape between ``min_height`` and ``max_height``: a wide province gets a
    low frame instead of empty bands above and below it."""

    _template = _FIT_TEMPLATE

    def __init__(self, bounds: list[list[float]], pad: int = 12, min_height: int = 160):
        super().__init__()
        self._name = "OvopFit"
        self.bounds_json = json.dumps(bounds)
        self.aspect = f"{mercator_aspect(bounds):.4f}"
        self.pad = int(pad)
        self.min_height = int(min_height)
        self.max_height = 0


_LABEL_TEMPLATE = Template(
    """
{% macro script(this, kwargs) %}
(function() {
    var label = document.createElement("span");
    label.textContent = {{ this.text_json }};
    var tip = L.tooltip({permanent: true, direction: {{ this.direction_json }}, className: "ovop-selected-label", interactive: false})
        .setLatLng({{ this.latlng_json }}).setContent(label);
    var map = {{ this._parent.get_name() }};
    tip.addTo(map);
    // A free-standing tooltip is not always moved with the view (after the frame is shaped and the
    // map fitted, it was seen off its region): place it again whenever the view or the frame changes.
    var place = function () { tip.update(); };
    map.on("move moveend zoomend resize viewreset", place);
    window.addEventListener("resize", function () { setTimeout(place, 250); });
    setTimeout(place, 500);
})();
{% endmacro %}
"""
)


class RegionLabel(MacroElement):
    """The selected region's name written on the map (as text: never parsed as HTML), beside the
    region rather than on it, so the label does not hide the outline it names."""

    _template = _LABEL_TEMPLATE

    def __init__(self, text: str, latlng: tuple[float, float], direction: str = "top"):
        super().__init__()
        self._name = "OvopLabel"
        self.text_json = json.dumps(text)
        self.latlng_json = json.dumps([round(latlng[0], 5), round(latlng[1], 5)])
        self.direction_json = json.dumps(direction)


def label_anchor(geometry: dict, bounds: list[list[float]] | None) -> tuple[tuple[float, float], str]:
    """Where the label points and on which side it sits: above the region's largest part, or below
    it when the region lies in the upper half of the view (a label above would leave the frame)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    ring = max((np.asarray(p[0], dtype="float64")[:, :2] for p in polygons), key=_ring_area)
    lat, lon = label_point({"type": "Polygon", "coordinates": [ring.tolist()]})
    middle = (bounds[0][0] + bounds[1][0]) / 2 if bounds else lat
    if lat > middle:
        return (float(ring[:, 1].min()), lon), "bottom"
    return (float(ring[:, 1].max()), lon), "top"


def _ring_area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return abs(float((x * np.roll(y, -1) - np.roll(x, -1) * y).sum())) / 2


def label_point(geometry: dict) -> tuple[float, float]:
    """(lat, lon) for a region's label: the centroid of its largest polygon's outer ring."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    best, best_area = (0.0, 0.0), -1.0
    for polygon in polygons:  # a region's parts (islands), not products
        ring = np.asarray(polygon[0], dtype="float64")[:, :2]
        x, y = ring[:, 0], ring[:, 1]
        cross = x * np.roll(y, -1) - np.roll(x, -1) * y
        area = cross.sum() / 2
        if abs(area) > best_area:
            if area:
                cx = ((x + np.roll(x, -1)) * cross).sum() / (6 * area)
                cy = ((y + np.roll(y, -1)) * cross).sum() / (6 * area)
            else:
                cx, cy = x.mean(), y.mean()
            best, best_area = (float(cy), float(cx)), abs(area)
    return best


# A part of a region (an island) smaller than this share of the map's area does not stretch the fit,
# unless it is the region's largest part: a far islet of a kabupaten leaves no empty frame around
# the mainland, yet every region stays in view.
SMALL_PART = 0.002


def fit_bounds(features: list[dict]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the regions' parts worth fitting (see ``SMALL_PART``)."""
    parts = []  # (feature, area, west, south, east, north)
    for i, feature in enumerate(features):  # regions and their islands, not products
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        for polygon in polygons if geometry.get("type") == "MultiPolygon" else [polygons]:
            if not polygon:
                continue
            ring = np.asarray(polygon[0], dtype="float64")[:, :2]
            x, y = ring[:, 0], ring[:, 1]
            area = abs(float((x * np.roll(y, -1) - np.roll(x, -1) * y).sum())) / 2
            parts.append((i, area, x.min(), y.min(), x.max(), y.max()))
    if not parts:
        return None
    table = pd.DataFrame(parts, columns=["feature", "area", "west", "south", "east", "north"])
    largest = table["area"] == table.groupby("feature")["area"].transform("max")
    kept = table[largest | (table["area"] >= SMALL_PART * table["area"].sum())]
    return [
        [float(kept["south"].min()), float(kept["west"].min())],
        [float(kept["north"].max()), float(kept["east"].max())],
    ]


# folium's map header forbids zooming the page (``maximum-scale=1.0, user-scalable=no``): a reader
# who needs to enlarge the text cannot (WCAG 1.4.4; axe-core's rule ``meta-viewport``).
ZOOM_LOCK = re.compile(r",\s*maximum-scale=[\d.]+|,\s*user-scalable=no")


class ChoroplethMap(folium.Map):
    """A folium map that carries what ``show_map`` draws around it: the legend (outside the map,
    never over a region) and the fit (whose frame height ``show_map`` bounds); its page may be zoomed."""

    legend: Legend | None = None
    fit: FitToBounds | None = None

    def render(self, **kwargs) -> None:
        super().render(**kwargs)
        header = self.get_root().header
        mine = header._children.get(self.get_name())
        if mine is not None and mine._template_str:
            header.add_child(Element(ZOOM_LOCK.sub("", mine._template_str)), name=self.get_name())


def choropleth(
    geojson: dict,
    index: pd.DataFrame,
    metric: str,
    lang: str,
    selected: str = "",
    height_hint: str = "",
    classing: str | None = None,
) -> ChoroplethMap:
    """A folium map of the features in ``geojson`` coloured by ``index[metric]``.

    ``index`` is ``ovop_core.regions.region_index`` at the matching level (dotted codes);
    features are matched on their undotted ``kode``. The classes (``classing``: "jenks",
    "quantile" or "stars"; default natural breaks) are computed over the regions drawn that have
    data; regions without products are grey ("no data"), never coloured as zero. ``selected``
    (dotted code) gets a thick outline and its name on the map. The legend travels with the map
    (``ChoroplethMap.legend``) for ``show_map`` to draw outside it.
    """
    if metric not in METRICS + EXTRA_METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    by_code = index.set_index(index["code"].map(regions.to_undotted))
    values = by_code[metric].where(by_code["has_data"])
    codes = [str(feature["properties"]["kode"]) for feature in geojson["features"]]
    shown = values.reindex(codes).to_numpy(dtype="float64")  # the regions drawn, NaN without data
    classes = classes_for(metric, shown, classing)
    fills = colours_for(shown, classes)
    products = by_code["n_products"].reindex(codes).fillna(0).astype(int).to_numpy()
    selected_undotted = regions.to_undotted(selected) if selected else ""
    metric_label = translate(f"metric.{metric}", lang)

    features, chosen = [], None
    for i, feature in enumerate(geojson["features"]):  # one per region (≤ 514), not per product
        code = codes[i]
        properties = {
            "kode": code,
            "name": html.escape(str(feature["properties"].get("nama", code))),
            "value": html.escape(format_metric(metric, float(shown[i]), lang)),
            "products": html.escape(number(int(products[i]), lang)),
            "fill": str(fills[i]),
            "edge": edge_for(str(fills[i])),
        }
        features.append({"type": "Feature", "geometry": feature["geometry"], "properties": properties})
        if code == selected_undotted:
            chosen = (feature, str(feature["properties"].get("nama", code)))

    fmap = ChoroplethMap(
        location=[-2.5, 118.0],
        zoom_start=5,
        tiles=None,
        min_zoom=4,
        max_zoom=13,
        control_scale=False,  # a scale bar would cover regions in a corner
        prefer_canvas=False,
        zoom_control=True,
        attribution_control=False,
        # Fractional zoom, so a fit fills the frame instead of stopping at the zoom below.
        zoom_snap=0,
        zoom_delta=0.5,
        # Leaflet focuses its container on mousedown for keyboard panning; inside the component's
        # iframe that scrolls the page between mousedown and mouseup, and the click misses.
        keyboard=False,
    )
    fmap.default_js = LEAFLET_JS
    fmap.default_css = LEAFLET_CSS
    fmap.get_root().header.add_child(Element(_MAP_CSS), name="ovop_map_css")
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
    bounds = fit_bounds(features)
    if chosen is not None:
        _outline(chosen[0]["geometry"]).add_to(fmap)
        RegionLabel(chosen[1], *label_anchor(chosen[0]["geometry"], bounds)).add_to(fmap)
    if bounds:
        fmap.fit = FitToBounds(bounds)
        fmap.fit.add_to(fmap)
    fmap.legend = legend_for(metric, classes, lang, selected=chosen[1] if chosen else "")
    return fmap


def _outline(geometry: dict) -> folium.FeatureGroup:
    """The selected region's outline above every other: orange on a dark casing, so it stands out
    on pale and dark classes alike; not clickable (a click goes to the region below)."""
    group = folium.FeatureGroup(name="selected", control=False)
    shape = {"type": "Feature", "geometry": geometry, "properties": {}}
    for colour, weight in ((palette.SELECTED_CASING, 7), (palette.HIGHLIGHT, 3.5)):
        folium.GeoJson(
            shape,
            style_function=lambda _, c=colour, w=weight: {"color": c, "weight": w, "fill": False, "opacity": 1},
            interactive=False,
        ).add_to(group)
    return group


def _style(feature: dict) -> dict:
    props = feature["properties"]
    no_data = props["fill"] == NO_DATA_COLOUR
    return {
        "fillColor": props["fill"],
        "fillOpacity": 1,
        "color": props["edge"],
        "weight": 0.8,
        "dashArray": "3" if no_data else None,
    }
