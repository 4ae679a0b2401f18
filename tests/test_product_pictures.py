"""Product pictures (issue 16): the category illustrations, photos and illustrations as data URIs,
QR codes of a product's page, and where they are shown (kiosk slide, profile, brief)."""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET

import pytest
import segno
from PIL import Image

from ovop_core.model import CATEGORIES
from ovop_ui.builders import palette, photos, qr
from ovop_ui.modes.kiosk import html as kiosk_html
from ovop_ui.modes.kiosk.deck import ProductView

SVG = "{http://www.w3.org/2000/svg}"
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")


def jpeg(colour=(200, 120, 40), size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def palette_hexes() -> set[str]:
    values: set[str] = set()

    def collect(value):
        if isinstance(value, str) and HEX.fullmatch(value):
            values.add(value.upper())
        elif isinstance(value, dict):
            for v in value.values():
                collect(v)
        elif isinstance(value, tuple):
            for v in value:
                collect(v[1] if isinstance(v, tuple) else v)

    for value in palette.as_dict().values():
        collect(value)
    return values


def decoded(uri: str) -> bytes:
    header, data = uri.split(",", 1)
    assert header.endswith(";base64")
    return base64.b64decode(data)


# --- the illustrations -----------------------------------------------------------------------


@pytest.mark.parametrize("category", CATEGORIES)
def test_each_category_has_its_own_illustration_with_a_title_and_palette_colours_only(category):
    text = photos.illustration_svg(category)
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == "0 0 320 240"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text and len(title.text) > 10  # read out by screen readers
    assert root.get("aria-labelledby") == title.get("id")
    colours = {c.upper() for c in HEX.findall(text)}
    assert colours and colours <= palette_hexes(), colours - palette_hexes()
    assert palette.ILLUSTRATION_BACKGROUNDS[category].upper() in colours  # its own soft background
    assert len(text) < 3000  # the same string goes into every row of a product list without a photo
    assert "<script" not in text and "href" not in text


def test_the_six_illustrations_differ():
    assert len({photos.illustration_svg(c) for c in CATEGORIES}) == len(CATEGORIES)


def test_an_illustration_uri_decodes_to_its_svg_and_an_unknown_category_gets_a_fallback():
    uri = photos.illustration_uri("minuman")
    assert uri.startswith("data:image/svg+xml;base64,")
    assert decoded(uri).decode("utf-8") == photos.illustration_svg("minuman")
    assert photos.illustration_uri("nonsense") == photos.illustration_uri(photos.FALLBACK_CATEGORY)


# --- photos as data URIs ----------------------------------------------------------------------


def test_photo_bytes_become_a_data_uri_of_their_own_type():
    data = jpeg()
    uri = photos.image_data_uri(data)
    assert uri.startswith("data:image/jpeg;base64,") and decoded(uri) == data
    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, "PNG")
    assert photos.image_data_uri(png.getvalue()).startswith("data:image/png;base64,")
    webp = io.BytesIO()
    Image.new("RGB", (4, 4)).save(webp, "WEBP")
    assert photos.image_data_uri(webp.getvalue()).startswith("data:image/webp;base64,")


@pytest.mark.parametrize("lang, word", [("id", "Ilustrasi"), ("en", "Illustration")])
def test_a_product_without_a_photo_shows_its_category_illustration_and_says_so(lang, word):
    image = photos.product_image(None, "tekstil", lang, "Tenun Ikat")
    assert not image.is_photo
    assert image.uri == photos.illustration_uri("tekstil")
    assert word in image.alt and ("tenun" in image.alt.lower() or "textile" in image.alt.lower())


def test_a_product_with_a_photo_shows_the_photo_named_in_its_alt_text():
    data = jpeg()
    image = photos.product_image(data, "tekstil", "en", "Tenun Ikat")
    assert image.is_photo and decoded(image.uri) == data
    assert image.alt == "Photo of Tenun Ikat"


def test_a_table_gets_thumbnails_where_there_are_some_and_illustrations_elsewhere():
    thumb = jpeg(size=(32, 24))
    images = photos.table_images(["A", "B", "C"], ["pangan", "herbal", "pangan"], {"B": thumb})
    assert images[0] == images[2] == photos.illustration_uri("pangan")
    assert decoded(images[1]) == thumb


# --- QR codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "ftp://example.org/file",
        "//example.org/no-scheme",
        "example.org/kopi",
        "https://example.org/a b",
        "https://",
        "https://example.org/" + "x" * 500,
        None,
        float("nan"),
        "",
    ],
)
def test_only_an_absolute_http_address_gets_a_qr_code(url):
    assert qr.scannable_url(url) == ""
    assert qr.qr_svg(url if isinstance(url, str) else "") == ""
    assert qr.qr_uri(url if isinstance(url, str) else "") == ""


def test_a_qr_code_encodes_the_address_in_ink_on_white_with_its_quiet_zone():
    url = "https://ovop.example.go.id/produk/kopi-gayo"
    svg = qr.qr_svg(url)
    expected = segno.make(url, error="m", micro=False, boost_error=False)
    size = expected.symbol_size(border=4)[0]
    root = ET.fromstring(svg)
    assert root.get("viewBox") == f"0 0 {size} {size}"  # the 4-module quiet zone is drawn
    assert root.get("width") is None  # sized by the page, not fixed
    out = io.BytesIO()
    expected.save(out, kind="svg", border=4, dark=palette.INK, light=palette.WHITE, omitsize=True, xmldecl=False)
    assert svg == out.getvalue().decode().strip()  # the same modules as segno's own code of that address
    assert palette.INK.lower() in svg.lower() and qr.qr_svg(url + "/2") != svg
    assert decoded(qr.qr_uri(f"  {url} ")).decode() == svg


def test_the_address_under_the_code_drops_the_scheme_and_is_cut_when_long():
    assert qr.address_label("https://ovop.example.go.id/produk/") == "ovop.example.go.id/produk"
    long = qr.address_label("https://example.org/" + "x" * 100)
    assert len(long) == qr.LABEL_CHARS and long.endswith("…")


# --- the kiosk's product slide ----------------------------------------------------------------


def view(url: str = "", name: str = "Kopi Arabika Gayo") -> ProductView:
    return ProductView(
        product_id="FLAG-01",
        name=name,
        region_code="11.04",
        region_name="Kabupaten Aceh Tengah",
        province_code="11",
        province_name="Aceh",
        category="minuman",
        stars=5,
        score=92.0,
        story="",
        url=url,
    )


def test_the_kiosk_slide_shows_the_photo_large_without_an_illustration_caption():
    data = jpeg()
    html = kiosk_html.product_picture_html(view(), data, "id")
    assert f'<img src="{photos.image_data_uri(data)}" alt="Foto Kopi Arabika Gayo">' in html
    assert 'class="kiosk-photo"' in html and "Ilustrasi" not in html
    assert html.count('<img class="kiosk-map') == 2  # the locator maps stay


@pytest.mark.parametrize("lang, caption", [("id", "Ilustrasi · foto produk belum tersedia"), ("en", "Illustration")])
def test_the_kiosk_slide_without_a_photo_shows_the_captioned_illustration(lang, caption):
    html = kiosk_html.product_picture_html(view(), None, lang)
    assert 'class="kiosk-photo illustration"' in html
    assert photos.illustration_uri("minuman") in html
    assert caption in html


def test_the_kiosk_slide_has_a_qr_code_and_the_address_only_for_a_web_address():
    with_url = kiosk_html.product_picture_html(view("https://ovop.example.go.id/kopi-gayo"), None, "en")
    assert with_url.count('class="kiosk-qr"') == 1
    assert qr.qr_uri("https://ovop.example.go.id/kopi-gayo") in with_url
    assert "Scan for the product&#x27;s page" in with_url and "ovop.example.go.id/kopi-gayo" in with_url
    # Under the code, only the kab/kota's locator (its caption as alt text): the slide keeps its height.
    assert with_url.count('<img class="kiosk-map') == 1 and "kiosk-map-caption" not in with_url
    assert 'alt="Kabupaten Aceh Tengah, Aceh province"' in with_url
    for url in ("", "javascript:alert(1)", "www.example.org"):
        assert 'class="kiosk-qr"' not in kiosk_html.product_picture_html(view(url), None, "en")


def test_names_and_addresses_on_the_kiosk_slide_are_escaped():
    url = 'https://example.org/?q="><script>alert(1)</script>'
    html = kiosk_html.product_picture_html(view(url, name='<img src=x onerror="alert(1)">'), jpeg(), "en")
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
