"""QR codes for a product's page on the organiser's site (registry column ``url``), drawn offline.

``segno`` (pure Python) encodes the address; the code becomes an SVG data URI for an ``<img>``
(``st.html`` sanitises inline SVG). Only absolute http/https addresses are encoded: anything else
in the column (a ``javascript:`` address, a bare word) gets no code at all. The kiosk sizes the image
so that it can be scanned from about a metre; the quiet zone (4 modules) is part of the image.
"""

from __future__ import annotations

import base64
import io
import re
from functools import lru_cache

import segno

from ovop_core.registry.columns import URL_PATTERN
from ovop_core.schema import MAX_TEXT
from ovop_ui.builders import palette

MAX_URL = MAX_TEXT["url"]  # the registry's own limit for the column
LABEL_CHARS = 60  # the address written under the code is cut after this many characters


def scannable_url(url: object) -> str:
    """``url`` stripped if the registry would accept it (an absolute http(s) address without spaces,
    at most ``MAX_URL`` characters: the same rule, ``registry.columns.URL_PATTERN``), else ``""``."""
    if not isinstance(url, str):
        return ""
    url = url.strip()
    return url if len(url) <= MAX_URL and re.fullmatch(URL_PATTERN, url, flags=re.IGNORECASE) else ""


def address_label(url: str) -> str:
    """The address as written under the code: no scheme, no trailing slash, cut with "…" when long."""
    text = url.split("://", 1)[-1].rstrip("/")
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


@lru_cache(maxsize=64)
def qr_svg(url: str) -> str:
    """The QR code of ``url`` as standalone SVG (ink on white, medium error correction, no fixed size:
    the page sizes it); ``""`` when the address is not one to encode."""
    url = scannable_url(url)
    if not url:
        return ""
    out = io.BytesIO()
    code = segno.make(url, error="m", micro=False, boost_error=False)
    code.save(out, kind="svg", border=4, dark=palette.INK, light=palette.WHITE, omitsize=True, xmldecl=False, nl=False)
    return out.getvalue().decode("utf-8")


def qr_uri(url: str) -> str:
    """``qr_svg`` as a data URI for an ``<img>``, or ``""``."""
    svg = qr_svg(url)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii") if svg else ""
