"""The map page's four levels: Indonesia → province → kab/kota → kecamatan (DESIGN.md §10).

Each level draws one map, loaded on demand (a province's kab/kota file, a kab/kota's kecamatan
file, a province's village points), coloured like every other level by ``maps.choropleth``; a click
drills one level down through ``navigate`` (the page's ``state.request_filters`` + rerun). At a
kecamatan the products are drawn as points at their desa, and those the map cannot place are listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from ovop_core import regions, summary
from ovop_core.filters import Filters
from ovop_core.summary import RegionSummary
from ovop_ui.builders import map_points, maps, templating
from ovop_ui.data_access.dataset import geojson
from ovop_ui.text.i18n import translate
from ovop_ui.widgets import views
from ovop_ui.widgets.map_widget import show_map

Navigate = Callable[..., None]  # navigate(province=…, kabkota=…, kecamatan=…): change the region, rerun
MAP_HEIGHT = 520
COUNTRY_HEIGHT = 640


@dataclass(frozen=True)
class MapView:
    """How the page asked the map to be drawn: the metric, its colour classing, the visitor's
    language, and the navigation count (``nonce``: a new one gives a fresh map component)."""

    metric: str
    classing: str
    lang: str
    nonce: int


@st.cache_resource(max_entries=8, show_spinner=False)
def desa_points(path: str) -> pd.DataFrame:
    """One province's village points, parsed once per process and shared read-only."""
    return map_points.load_desa_points(Path(path))


def _shown_level(filters: Filters) -> str:
    """The level of the regions the map draws: provinces, a province's kab/kota, or a kab/kota's
    kecamatan (when its layer exists; else the province's kab/kota again)."""
    if not filters.province:
        return "province"
    if filters.kabkota and map_points.kecamatan_geojson_path(filters.kabkota).exists():
        return "kecamatan"
    return "kabkota"


def map_key(filters: Filters, view: MapView) -> str:
    """The map component's key: one per region shown, metric, classing and navigation (``nonce``)."""
    level = _shown_level(filters)
    where = {"province": "id", "kabkota": filters.province, "kecamatan": filters.kabkota.replace(".", "")}[level]
    return f"map_{where}_{view.metric}_{view.classing}_{view.nonce}"


def follow_click(filters: Filters, view: MapView, navigate: Navigate) -> None:
    """Drill down at once when the last run's map was clicked, before this run computes the level
    it is leaving (the click arrives as the map component's value in the session)."""
    event = st.session_state.get(map_key(filters, view)) or {}
    drawing = (event.get("last_active_drawing") if isinstance(event, dict) else None) or {}
    code = regions.to_dotted(str((drawing.get("properties") or {}).get("kode", "")))
    level = _shown_level(filters)
    if not code or code in (filters.kabkota, filters.kecamatan):
        return
    table = regions.region_table(level)
    parent = {"province": None, "kabkota": ("province", filters.province), "kecamatan": ("kabkota", filters.kabkota)}
    inside = table if parent[level] is None else table[table[parent[level][0]] == parent[level][1]]
    if code in set(inside["code"]):
        navigate(**{level: code})


def back_buttons(filters: Filters, lang: str, navigate: Navigate) -> None:
    """One way back per level above the one shown: to Indonesia, to the province, to the kab/kota."""
    nav = st.container(horizontal=True)
    if nav.button(translate("map.back", lang), icon=":material/arrow_back:", key="map_back"):
        navigate(province="")
    name = regions.region_label
    if filters.kabkota and nav.button(
        translate("map.back_province", lang, name=name(filters.province)),
        icon=":material/zoom_out_map:",
        key="map_back_province",
    ):
        navigate(kabkota="")
    if filters.kecamatan and nav.button(
        translate("map.back_province", lang, name=name(filters.kabkota)),
        icon=":material/zoom_out_map:",
        key="map_back_kabkota",
    ):
        navigate(kecamatan="")


def country(pool: pd.DataFrame, view: MapView, navigate: Navigate) -> None:
    """Provinces; a click opens a province."""
    index = summary.peers(pool, "province")
    lang = view.lang
    fmap = maps.choropleth(geojson(str(maps.province_geojson_path())), index, view.metric, lang, classing=view.classing)
    st.caption(f":material/touch_app: {translate('map.click_hint', lang)}")
    code = show_map(fmap, key=map_key(Filters(), view), height=COUNTRY_HEIGHT, clickable=True)
    if code and code in set(index["code"]):
        navigate(province=code)
    region_list(index, "province", Filters(), view, navigate)
    st.subheader(translate("map.ranking", lang))
    views.region_table(index, lang, key="map_province_ranking")


def region_map(pool: pd.DataFrame, region: RegionSummary, filters: Filters, view: MapView, navigate: Navigate) -> None:
    """The map of the deepest region chosen: a province's kab/kota, a kab/kota's kecamatan, or the
    kecamatan of a kab/kota with the chosen one outlined and its products as points.

    ``region`` is the summary of ``filters.region`` (all its products) that the profile beside the
    map shows: its subregions or peers are the index the map is coloured by, computed once."""
    kecamatan_file = map_points.kecamatan_geojson_path(filters.kabkota) if filters.kabkota else None
    if kecamatan_file is None:  # a province: its kab/kota
        _kabkota_map(region.subregions, filters, view, navigate)
    elif not kecamatan_file.exists():  # no kecamatan layer: the province's kab/kota, this one outlined
        kabkota = region.peers if region.level == "kabkota" else summary.peers(pool, "kabkota", filters.province)
        _kabkota_map(kabkota, filters, view, navigate)
        st.caption(f":material/info: {translate('map.no_kecamatan_layer', view.lang)}")
    else:
        index = region.subregions if region.level == "kabkota" else region.peers
        _kecamatan_map(index, region, filters, geojson(str(kecamatan_file)), view, navigate)


def _kabkota_map(index, filters: Filters, view: MapView, navigate: Navigate) -> None:
    lang = view.lang
    path = maps.kabkota_geojson_path(filters.province)
    if path.exists():
        features = geojson(str(path))
        fmap = maps.choropleth(features, index, view.metric, lang, selected=filters.kabkota, classing=view.classing)
        st.caption(f":material/touch_app: {translate('map.click_kab_hint', lang)}")
        _show_and_follow(fmap, features, index, filters, view, navigate, level="kabkota")
    st.caption(f":material/info: {translate('map.boundaries', lang)}")


def _kecamatan_map(index, region, filters: Filters, features: dict, view: MapView, navigate: Navigate) -> None:
    lang = view.lang
    fmap = maps.choropleth(features, index, view.metric, lang, selected=filters.kecamatan, classing=view.classing)
    placement = None
    if filters.kecamatan:
        points = desa_points(str(map_points.desa_points_path(filters.province)))
        placement = map_points.place_products(region.top, points)  # every product of the kecamatan
        map_points.add_product_points(fmap, placement.placed, lang)
        bounds = map_points.view_bounds(features, filters.kecamatan, placement.placed)
        if bounds:  # the chosen kecamatan and its villages fill the view, not its whole kab/kota
            map_points.refit(fmap, bounds)
        st.caption(f":material/touch_app: {translate('map.points_hint', lang)}")
    else:
        st.caption(f":material/touch_app: {translate('map.click_kec_hint', lang)}")
    _show_and_follow(fmap, features, index, filters, view, navigate, level="kecamatan")
    if placement is not None:
        _points_notes(placement, lang)


_MISSING_SHAPES = {"kabkota": "map.missing_geometry", "kecamatan": "map.missing_kecamatan"}


def _show_and_follow(fmap, features: dict, index, filters: Filters, view: MapView, navigate: Navigate, level: str):
    """Draw a region map, open the ``level`` region clicked (not the one already open), and say how many
    regions of the index have no shape to colour."""
    code = show_map(fmap, key=map_key(filters, view), height=MAP_HEIGHT, clickable=True)
    if code and code != getattr(filters, level) and code in set(index["code"]):
        navigate(**{level: code})
    region_list(index, level, filters, view, navigate)
    missing = maps.missing_shapes(features, index["code"])
    if missing:
        st.caption(translate(_MISSING_SHAPES[level], view.lang, n=missing))


def region_list(index: pd.DataFrame, level: str, filters: Filters, view: MapView, navigate: Navigate) -> None:
    """The map's regions as a list to open one from the keyboard (type a name, Enter), as a click
    on the map would: a map of shapes cannot be used without a mouse (WCAG 2.1.1)."""
    names = dict(zip(index["code"], index["name"].astype(str)))
    names.pop(getattr(filters, level, ""), None)  # the region already open
    code = st.selectbox(
        translate("map.region_list", view.lang),
        sorted(names, key=names.get),
        index=None,
        format_func=names.get,
        placeholder=translate("map.region_list_placeholder", view.lang),
        key=f"map_region_list_{map_key(filters, view)}",
        width=480,
    )
    if code:
        navigate(**{level: code})


def _points_notes(placement: map_points.Placement, lang: str) -> None:
    """The points' legend, how many are drawn, and every product the map could not place."""
    if len(placement.placed):  # a legend only for dots that are there
        st.html(templating.render("point_legend.html", legend=map_points.point_legend(lang)))
        st.caption(translate("map.points_count", lang, n=len(placement.placed), desa=placement.n_desa))
    unplaced = placement.unplaced
    if unplaced.empty:
        return
    st.caption(f":material/location_off: {translate('map.unplaced', lang, n=len(unplaced))}")
    reasons = unplaced["reason"].map(lambda r: translate(f"map.unplaced_reason.{r}", lang))
    table = pd.DataFrame(
        {
            translate("col.name", lang): unplaced["name"].astype(str),
            translate("col.place_code", lang): unplaced["place_code"].astype(str),
            translate("col.reason", lang): reasons,
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="map_unplaced")
