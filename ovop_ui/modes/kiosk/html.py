"""The kiosk's look: its CSS, the HTML of slides and product cards, its locator maps, product pictures
and QR codes (no Streamlit).

Markup comes from the macros of ``templates/kiosk.html`` (Jinja2, autoescape): everything from the
registry (names, stories) is escaped there. The locator maps are ``svg_map`` images with the
chosen region highlighted (and ringed when small), as a data URI: ``st.html`` sanitises inline SVG.
A product slide shows the product's photo large (bytes passed in, so these stay pure functions), or
its category's illustration captioned as one, and a QR code of its page when the registry gives an
http(s) address. Nothing here reads a cap or blocking reason: a kiosk shows none (DESIGN.md §8).
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from ovop_ui.builders import qr, svg_map, templating
from ovop_ui.builders.photos import product_image
from ovop_ui.modes.kiosk.deck import ProductView, RegionView
from ovop_ui.text.format import number
from ovop_ui.text.i18n import category_name, stars_text, translate

TEMPLATE = "kiosk.html"


def fragment(name: str, /, **context: object) -> Markup:
    """One macro of ``templates/kiosk.html``, rendered."""
    return templating.macro(TEMPLATE, name, **context)


def page_css() -> str:
    return str(templating.render("kiosk_page.html"))


def locator_svg(code: str) -> str:
    """A kab/kota highlighted in its province, or a province highlighted (and ringed) in Indonesia:
    neutral regions, the chosen one in orange, no tooltips (no hover on a touch screen)."""
    return svg_map.svg_map(
        svg_map.features_for(code if len(code) > 2 else ""),
        fills=None,
        highlight=code,
        css=Markup(templating.render("kiosk_map.css").strip()),
        ring=True,
        standalone=True,
    )


@lru_cache(maxsize=96)
def locator_uri(code: str) -> str:
    """``locator_svg`` as a data URI for an ``<img>``; the map depends on the code only."""
    return svg_map.data_uri(locator_svg(code))


def locator_img(code: str, alt: str, size: str = "") -> Markup:
    """``size``: "" (normal), "small" (the province above a product's kab/kota) or "wide"."""
    return fragment("locator", src=locator_uri(code), alt=alt, size=size)


def product_text_html(view: ProductView, lang: str) -> str:
    return fragment(
        "product_text",
        view=view,
        kicker=translate("kiosk.flagship", lang),
        stars=stars_text(view.stars, lang),
        category=category_name(view.category, lang),
    )


def region_text_html(view: RegionView, lang: str) -> str:
    figures = [
        (number(view.n_products, lang), translate("kiosk.n_products", lang)),
        (number(view.n_recognised, lang), translate("kiosk.n_recognised", lang)),
        (number(view.mean_score, lang, 1), translate("kiosk.mean_score", lang)),
    ]
    top = None
    if view.top_name:
        top = {
            "label": translate("kiosk.top_product", lang),
            "name": view.top_name,
            "region": view.top_region,
            "stars": stars_text(view.top_stars, lang),
        }
    return fragment("region_text", view=view, kicker=translate("kiosk.highlight", lang), figures=figures, top=top)


def product_maps_html(view: ProductView, lang: str, compact: bool = False) -> str:
    """The product's province in Indonesia and its kab/kota in the province, small, with a caption;
    ``compact`` (under a QR code, where height is short) keeps only the kab/kota in its province, and
    its caption only as the map's alt text (the slide's text names the place already)."""
    caption = translate("kiosk.map_caption", lang, region=view.region_name, province=view.province_name)
    if compact:
        return fragment("maps", images=[locator_img(view.region_code, caption)], caption="")
    images = [locator_img(view.province_code, view.province_name, "small"), locator_img(view.region_code, caption)]
    return fragment("maps", images=images, caption=caption)


def region_map_html(view: RegionView, lang: str) -> str:
    caption = translate("kiosk.region_caption", lang, province=view.name)
    return fragment("maps", images=[locator_img(view.code, caption, "wide")], caption=caption)


def qr_html(url: str, lang: str) -> Markup:
    """The QR code of the product's page with the address written under it; empty unless http(s)."""
    src = qr.qr_uri(url)
    if not src:
        return Markup("")
    address = qr.address_label(qr.scannable_url(url))
    return fragment(
        "qr", src=src, label=translate("kiosk.qr_label", lang), address=address,
        alt=translate("kiosk.qr_alt", lang, address=address),
    )  # fmt: skip


def product_picture_html(view: ProductView, photo: bytes | None, lang: str) -> str:
    """The slide's picture side: the photo large (or the category's illustration, captioned as one),
    the QR code of the product's page when there is one, and the locator maps."""
    image = product_image(photo, view.category, lang, view.name)
    caption = "" if image.is_photo else translate("kiosk.illustration", lang)
    code = qr_html(view.url, lang)
    return fragment(
        "product_picture", image=image, caption=caption, qr=code, maps=product_maps_html(view, lang, bool(code))
    )


def slide_html(text: str, picture: str, kind: str) -> str:
    """One element per slide, so text and map change together (never a title over the last slide's map)."""
    return fragment("slide", text=text, picture=picture, kind=kind)


def product_card_html(product: dict, lang: str, thumb: bytes | None = None) -> str:
    """A product of a province in the explorer; ``thumb``: its photo's thumbnail (else its illustration)."""
    return fragment(
        "product_card",
        image=product_image(thumb, str(product["category"]), lang, str(product["name"])),
        key=product["product_id"],
        name=product["name"],
        region=product.get("region_name") or product["region_code"],
        stars=stars_text(int(product["stars"]), lang),
        category=category_name(str(product["category"]), lang),
        score=translate("kiosk.score", lang, score=number(product["score"], lang, 1)),
    )
