"""The kiosk's product photos from the store, read so that a failing store never costs a slide:
the picture then falls back to the category's illustration (``builders.photos``)."""

from __future__ import annotations

import logging

from ovop_ui.data_access.photos import product_photos, thumbnails

log = logging.getLogger("ovop.kiosk")


def product_photo(product_id: str) -> bytes | None:
    """The product's first photo at display size, or None (no photo, no store, or the store failing:
    the slide then shows the category's illustration rather than no slide at all)."""
    try:
        photos = product_photos(product_id)
    except Exception:
        log.exception("photos of %s cannot be read; showing the illustration", product_id)
        return None
    return photos[0].display if photos else None


def card_thumbnails() -> dict[str, bytes]:
    """Thumbnails for the explorer's cards; none (illustrations) when the store cannot give them."""
    try:
        return thumbnails()
    except Exception:
        log.exception("thumbnails cannot be read; the cards show illustrations")
        return {}
