"""The kiosk's look: its CSS, the HTML of slides and product cards, and its locator maps (no Streamlit).

Markup comes from the macros of ``templates/kiosk.html`` (Jinja2, autoescape): everything from the
registry (names, stories) is escaped there. The locator maps are ``svg_map`` images with the
chosen region highlighted (and ringed when small), as a data URI: ``st.html`` sanitises inline SVG.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from ovop_ui.builders import svg_map, templating
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


def slide_html(text: str, picture: str, kind: str) -> str:
    """One element per slide, so text and map change together (never a title over the last slide's map)."""
    return fragment("slide", text=text, picture=picture, kind=kind)


def product_card_html(product: dict, lang: str) -> str:
    return fragment(
        "product_card",
        key=product["product_id"],
        name=product["name"],
        region=product.get("region_name") or product["region_code"],
        stars=stars_text(int(product["stars"]), lang),
        category=category_name(str(product["category"]), lang),
        score=translate("kiosk.score", lang, score=number(product["score"], lang, 1)),
    )
