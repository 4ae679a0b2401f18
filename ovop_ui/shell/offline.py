"""Serve the map's JavaScript and CSS from installed packages, never from a CDN.

folium writes CDN links for Leaflet (and jQuery, Bootstrap, Font Awesome) into every map, and
streamlit-folium loads them one by one in the browser: offline, the first failure leaves a blank
map. Our maps need Leaflet only. Its files come from the `XStatic-Leaflet` package and are copied
into ``static/vendor/leaflet`` beside ``app.py``, which Streamlit serves at ``/app/static/…``
(``server.enableStaticServing = true``).
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from ovop_ui import PROJECT_ROOT

ROOT = PROJECT_ROOT
STATIC_DIR = ROOT / "static"
LEAFLET_URL = "/app/static/vendor/leaflet"
LEAFLET_JS = [("leaflet", f"{LEAFLET_URL}/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{LEAFLET_URL}/leaflet.css")]
_FILES = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png")


def leaflet_source_dir() -> Path:
    import xstatic.pkg.leaflet as leaflet  # the package ships the files as data

    return Path(leaflet.BASE_DIR)


def ensure_static_assets(static_dir: Path = STATIC_DIR) -> Path:
    """Copy Leaflet into the static folder when missing or different; returns the target folder.

    Idempotent and cheap (a size/mtime comparison per file), so the frame calls it every run.
    """
    source = leaflet_source_dir()
    target = static_dir / "vendor" / "leaflet"
    for name in _FILES:
        src, dst = source / name, target / name
        if not dst.exists() or not filecmp.cmp(src, dst, shallow=True):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    return target
