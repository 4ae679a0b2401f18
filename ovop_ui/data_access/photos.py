"""Product photos for the pages, read from the store and cached per store version.

Photos are read at the store version the pages show (``Dataset.store_version``), which is part of
each cache key, so a page never shows photos of another version. When the pages show a registry
file (``OVOP_DATA_FILE``) or the bundled demo data without a store, there are no photos (and the
store is not opened for them), and pages show each category's illustration.
"""

from __future__ import annotations

import streamlit as st

from ovop_core.photos import Photo
from ovop_core.store import Store
from ovop_ui.data_access.dataset import current_dataset
from ovop_ui.data_access.store import store


@st.cache_data(max_entries=2, show_spinner=False)
def _thumbnails(_store: Store, version_id: int) -> dict[str, bytes]:
    return _store.thumbnails(version_id)


# A kiosk loop shows every flagship (24 in the demo) in turn: keep them all between two passes.
@st.cache_data(max_entries=48, show_spinner=False)
def _photos(_store: Store, version_id: int, product_id: str) -> list[Photo]:
    return _store.photos(product_id, version_id)


def _shown() -> tuple[Store, int] | None:
    """The store and the version the pages show, or None when they show no store's data."""
    version = current_dataset().store_version
    return None if version is None else (store(), version)


def thumbnails() -> dict[str, bytes]:
    """product_id -> the JPEG thumbnail of its first photo, for the products that have one."""
    shown = _shown()
    return {} if shown is None else _thumbnails(*shown)


def product_photos(product_id: str) -> list[Photo]:
    """The product's photos in the version shown, in order (display and thumbnail JPEGs)."""
    shown = _shown()
    return [] if shown is None else _photos(*shown, product_id)
