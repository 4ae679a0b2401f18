"""Product pictures as ``<img>`` sources: a stored photo, or its category's illustration when it has none.

Photos arrive as bytes (``ovop_core.photos.Photo.display`` or ``.thumb``, JPEG) and become data URIs,
so a page, a kiosk slide and the downloaded region brief carry them inline: nothing is fetched, and
no path to a file on the server ever reaches a browser. The demo data ships no photographs of real
products, so each category has an illustration drawn in the project (``assets/illustrations``,
palette colours only) that stands in wherever a product has no photo — and says so in its alt text.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from typing import NamedTuple

from ovop_core.model import CATEGORIES
from ovop_ui import PROJECT_ROOT
from ovop_ui.text.i18n import category_name, translate

ILLUSTRATIONS = PROJECT_ROOT / "assets" / "illustrations"
FALLBACK_CATEGORY = "kerajinan"  # a registry's category is validated; this only keeps a view from failing
_SIGNATURES = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))


class ProductImage(NamedTuple):
    """What an ``<img>`` needs: its source, its alt text, and whether it is a real photo."""

    uri: str
    alt: str
    is_photo: bool


def image_type(data: bytes) -> str:
    """The MIME type of stored image bytes (JPEG unless the bytes say PNG or WebP)."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((mime for magic, mime in _SIGNATURES if data.startswith(magic)), "image/jpeg")


def image_data_uri(data: bytes) -> str:
    """Image bytes as a ``data:`` URI for an ``<img>`` or ``st.column_config.ImageColumn``."""
    return f"data:{image_type(data)};base64,{base64.b64encode(data).decode('ascii')}"


def illustration_category(category: str) -> str:
    return category if category in CATEGORIES else FALLBACK_CATEGORY


@lru_cache(maxsize=len(CATEGORIES))
def illustration_svg(category: str) -> str:
    """The category's illustration (SVG text, with a ``<title>`` for screen readers)."""
    return (ILLUSTRATIONS / f"{illustration_category(category)}.svg").read_text(encoding="utf-8")


@lru_cache(maxsize=len(CATEGORIES))
def illustration_uri(category: str) -> str:
    """The category's illustration as a data URI (the same few strings for every product of a category)."""
    return "data:image/svg+xml;base64," + base64.b64encode(illustration_svg(category).encode("utf-8")).decode("ascii")


def product_image(photo: bytes | None, category: str, lang: str, name: str = "") -> ProductImage:
    """The photo when there is one, else the category's illustration; the alt text says which."""
    if photo:
        return ProductImage(image_data_uri(photo), translate("picture.alt", lang, name=name), True)
    alt = translate("picture.illustration_alt", lang, category=category_name(illustration_category(category), lang))
    return ProductImage(illustration_uri(category), alt, False)


def table_images(product_ids, categories, thumbnails: dict[str, bytes]) -> list[str]:
    """One image source per product for a table's image column: its thumbnail, else its illustration.

    At most one data URI per product row shown; products without a photo share their category's string.
    """
    return [
        image_data_uri(thumbnails[pid]) if pid in thumbnails else illustration_uri(str(category))
        for pid, category in zip(product_ids, categories)
    ]


def gallery_html(photos: list[bytes], category: str, lang: str, name: str = "") -> str:
    """A product's photos, the first one large (its category's illustration, said to be one, when none)."""
    from ovop_ui.builders import templating

    images = [product_image(photo, category, lang, name) for photo in photos] or [product_image(None, category, lang)]
    caption = "" if photos else translate("picture.no_photo", lang)
    return str(templating.macro("photos.html", "gallery", images=images, caption=caption))
