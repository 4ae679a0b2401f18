"""The one place a folium map enters a page (``streamlit_folium.st_folium``).

Every map of the app — the map page, the present slides, the kiosk's explorer, the what-if map —
is drawn by ``show_map``: full width, a fixed height, and only the last click sent back (or
nothing, for a map that is only looked at), so each rerun carries as little as possible.
"""

from __future__ import annotations

import folium
from streamlit_folium import st_folium

from ovop_core import regions


def show_map(fmap: folium.Map, key: str, height: int, clickable: bool = False) -> str:
    """Draw ``fmap``; for a ``clickable`` map, the dotted code of the region last clicked ("" before a click).

    ``key`` names the map's frame: change it to draw a fresh map that has forgotten the old click.
    """
    event = st_folium(
        fmap,
        key=key,
        height=height,
        width=None,
        use_container_width=True,
        returned_objects=["last_active_drawing"] if clickable else [],
    )
    if not clickable:
        return ""
    drawing = (event or {}).get("last_active_drawing") or {}
    return regions.to_dotted(str((drawing.get("properties") or {}).get("kode", "")))
