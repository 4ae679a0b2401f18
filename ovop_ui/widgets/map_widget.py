"""The one place a folium map enters a page (``streamlit_folium.st_folium``).

Every map of the app — the map page, the present slides, the kiosk's explorer, the what-if map —
is drawn by ``show_map``: full width, at most the height asked (a wide region gets a lower frame,
so it fills it), the legend below the map where it covers no region, and only the last click sent
back (or nothing, for a map that is only looked at), so each rerun carries as little as possible.
"""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

from ovop_core import regions
from ovop_ui.builders import templating
from ovop_ui.builders.maps import ChoroplethMap, Legend


def legend_html(legend: Legend) -> str:
    """The legend drawn below a map (``templates/map_legend_page.html``, autoescaped)."""
    return str(templating.render("map_legend_page.html", legend=legend, svg_swatches=False))


def show_map(fmap: folium.Map, key: str, height: int, clickable: bool = False) -> str:
    """Draw ``fmap`` and, for a ``ChoroplethMap``, its legend below it; for a ``clickable`` map, the
    dotted code of the region last clicked ("" before a click).

    ``key`` names the map's frame: change it to draw a fresh map that has forgotten the old click.
    ``height`` is the frame's height at most: the map's fit shapes the frame to its regions.
    """
    if isinstance(fmap, ChoroplethMap) and fmap.fit is not None:
        fmap.fit.max_height = int(height)
    event = st_folium(
        fmap,
        key=key,
        height=height,
        width=None,
        use_container_width=True,
        returned_objects=["last_active_drawing"] if clickable else [],
    )
    if isinstance(fmap, ChoroplethMap) and fmap.legend is not None:
        st.html(legend_html(fmap.legend))
    if not clickable:
        return ""
    drawing = (event or {}).get("last_active_drawing") or {}
    return regions.to_dotted(str((drawing.get("properties") or {}).get("kode", "")))
