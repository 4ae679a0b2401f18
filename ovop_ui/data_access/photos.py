"""Product photos for the pages, read from the store and cached per store version.

Every store write clears the app's data caches (``store.run_write``), and the version id is part of
each cache key, so a page never shows photos of another version. Without a store (the app fell back
to the bundled demo data) there are no photos, and pages show each category's illustration.
"""

from __future__ import annotations

import streamlit as st

from ovop_core.photos import Photo
from ovop_core.store import Store
from ovop_ui.data_access.store import store


@st.cache_data(max_entries=2, show_spinner=False)
def _thumbnails(_store: Store, version_id: int) -> dict[str, bytes]:
    return _store.thumbnails(version_id)


@st.cache_data(max_entries=16, show_spinner=False)
def _photos(_store: Store, version_id: int, product_id: str) -> list[Photo]:
    return _store.photos(product_id, version_id)


def thumbnails() -> dict[str, bytes]:
    """product_id -> the JPEG thumbnail of its first photo, for the products that have one."""
    s = store()
    version = s.current_version() if s is not None else None
    return {} if version is None else _thumbnails(s, version.id)


def product_photos(product_id: str) -> list[Photo]:
    """The product's photos now, in order (display and thumbnail JPEGs)."""
    s = store()
    version = s.current_version() if s is not None else None
    return [] if version is None else _photos(s, version.id, product_id)
