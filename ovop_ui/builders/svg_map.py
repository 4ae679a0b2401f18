"""One inline SVG map of regions (provinces of Indonesia, or one province's kab/kota), used by the
region brief and by the kiosk's locator maps.

No Leaflet, no tiles, no script: an SVG drawn from ``data/geo`` that works offline and in print.
The caller says what each region looks like (``fills``, ``titles``) and which one to highlight;
the highlighted region is drawn last, so its outline is not covered by its neighbours, and
``ring=True`` circles it when it is too small to see from afar (a province on the map of Indonesia).
Markup comes from ``templates/svg_map.svg`` (autoescaped), never from editing an SVG string.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ovop_core import regions
from ovop_ui.builders import maps, palette, templating

MAP_WIDTH = 1000.0  # SVG user units; the SVG itself scales to its container
MAP_MAX_HEIGHT = 620.0
PAD = 6
RING_BELOW = 1 / 12  # a highlighted region smaller than this share of the map's width gets a ring


def features_for(code: str) -> list[dict]:
    """The shapes a region's map draws: Indonesia's provinces for "" (the country), else the kab/kota
    of the region's province (``code`` a province or a kab/kota)."""
    if not code:
        return maps.load_geojson(maps.province_geojson_path())["features"]
    return maps.load_geojson(maps.kabkota_geojson_path(code[:2]))["features"]


def _rings(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


class Projection:
    """Equirectangular, x scaled by cos(mid-latitude), fitted to the features' bounds as the Leaflet
    maps fit them (``maps.fit_bounds``: a far islet does not shrink the mainland)."""

    def __init__(self, features: list[dict]):
        bounds = maps.fit_bounds(features) or [[-11.0, 95.0], [6.0, 141.0]]
        (lat0, lon0), (lat1, lon1) = bounds
        self.kx = math.cos(math.radians((lat0 + lat1) / 2))
        span_x = max((lon1 - lon0) * self.kx, 1e-6)
        span_y = max(lat1 - lat0, 1e-6)
        self.scale = min(MAP_WIDTH / span_x, MAP_MAX_HEIGHT / span_y)
        self.width = span_x * self.scale
        self.height = span_y * self.scale
        self.lon0, self.lat1 = lon0, lat1

    def rings(self, geometry: dict) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each ring as (x, y) in SVG units, rounded to 0.1, without points that round onto the previous one."""
        out = []
        for ring in _rings(geometry):
            xy = np.asarray(ring, dtype="float64")[:, :2]
            x = np.round((xy[:, 0] - self.lon0) * self.kx * self.scale, 1)
            y = np.round((self.lat1 - xy[:, 1]) * self.scale, 1)
            keep = np.ones(len(x), dtype=bool)
            keep[1:] = (np.diff(x) != 0) | (np.diff(y) != 0)
            if keep.sum() >= 3:
                out.append((x[keep], y[keep]))
        return out


def _path(rings: list[tuple[np.ndarray, np.ndarray]]) -> str:
    return "".join("M" + " ".join(f"{a:g} {b:g}" for a, b in zip(x, y)) + "Z" for x, y in rings)


@dataclass(frozen=True)
class Shape:
    """One region as the template draws it."""

    code: str  # undotted, as in the GeoJSON's ``kode``
    d: str
    fill: str | None
    title: str
    css: str


@dataclass(frozen=True)
class Ring:
    cx: str
    cy: str
    r: str
    stroke_width: str


def _ring(rings: list[tuple[np.ndarray, np.ndarray]], width: float) -> Ring | None:
    """A circle around a region too small to see (its box under ``RING_BELOW`` of the map's width)."""
    if not rings:
        return None
    xs = np.concatenate([x for x, _ in rings])
    ys = np.concatenate([y for _, y in rings])
    size = max(xs.max() - xs.min(), ys.max() - ys.min())
    if size > width * RING_BELOW:
        return None
    cx, cy = (xs.max() + xs.min()) / 2, (ys.max() + ys.min()) / 2
    return Ring(f"{cx:.1f}", f"{cy:.1f}", f"{size / 2 + width / 60:.1f}", f"{width / 250:.1f}")


def svg_map(
    features: list[dict],
    fills: Mapping[str, str] | None = None,
    highlight: str = "",
    titles: Mapping[str, str] | None = None,
    label: str = "",
    css: str = "",
    ring: bool = False,
    standalone: bool = False,
) -> str:
    """The SVG of ``features`` (GeoJSON features with ``properties.kode``).

    ``fills``: undotted code → colour; a region missing from it is "no data" (grey, class ``nodata``).
    ``None`` writes no fill at all (``css`` colours every region). ``highlight``: the code (dotted or
    not) of the region to mark ``selected``, draw last and, with ``ring``, circle if small.
    ``titles``: tooltips per code (none when ``None``). ``css`` goes into the SVG's own ``<style>``;
    ``standalone`` adds the namespace an SVG file or data URI needs.
    """
    projection = Projection(features)
    chosen = regions.to_undotted(highlight) if highlight else ""
    pad_width = float(f"{projection.width + 2 * PAD:.1f}")
    shapes, marked, ring_shape = [], [], None
    for feature in features:  # one per region (≤ 38 provinces or one province's kab/kota)
        code = str(feature["properties"]["kode"])
        rings = projection.rings(feature["geometry"])
        fill = None if fills is None else fills.get(code, palette.NO_DATA)
        css_class = (
            "region"
            + (" selected" if code == chosen else "")
            + (" nodata" if fill == palette.NO_DATA else "")
            # A pale class is edged in slate: the usual light edge would vanish on it.
            + (" pale" if fill and fill != palette.NO_DATA and maps.edge_for(fill) != palette.WHITE else "")
        )
        shape = Shape(code, _path(rings), fill, "" if titles is None else titles.get(code, ""), css_class)
        if code == chosen:
            marked.append(shape)
            if ring:
                ring_shape = _ring(rings, pad_width)
        else:
            shapes.append(shape)
    view = f"{-PAD} {-PAD} {projection.width + 2 * PAD:.1f} {projection.height + 2 * PAD:.1f}"
    return str(
        templating.render(
            "svg_map.svg",
            shapes=shapes + marked,
            ring=ring_shape,
            view=view,
            label=label,
            css=css,
            standalone=standalone,
        )
    )


def data_uri(svg: str) -> str:
    """A standalone SVG as a data URI for an ``<img>`` (``st.html`` sanitises inline SVG away)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
