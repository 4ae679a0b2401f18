"""The kiosk's look: its CSS and the HTML of slides and product cards (escaped, no Streamlit).

Everything from the registry (names, stories) goes through ``_e`` (HTML escape) first.
"""

from __future__ import annotations

import base64
import html
import re

from ovop_core import regions
from ovop_ui.modes.kiosk.deck import ProductView, RegionView
from ovop_ui.text.format import number
from ovop_ui.text.i18n import category_name, stars_text, translate

HIGHLIGHT = "#F28E2B"
INK = "#1C2733"
NAVY = "#0B5394"
_MAP_STYLE = (
    "<style>path{fill:#C9D5E2;stroke:#FFFFFF;stroke-width:.8;vector-effect:non-scaling-stroke;"
    f"stroke-linejoin:round}}path.selected{{fill:{HIGHLIGHT};stroke:{INK};stroke-width:2.5}}</style>"
)


def _highlight(svg: str, code: str) -> str:
    """Mark a region of the SVG as selected and draw it last, so its outline is on top.

    The brief only outlines a chosen kab/kota; the kiosk also needs a province on Indonesia.
    """
    undotted = re.escape(regions.to_undotted(code))
    pattern = re.compile(rf'<path class="region([^"]*)" data-code="{undotted}"(.*?)</path>', re.S)
    match = pattern.search(svg)
    if not match:
        return svg
    classes = match.group(1) if " selected" in match.group(1) else match.group(1) + " selected"
    chosen = f'<path class="region{classes}" data-code="{regions.to_undotted(code)}"{match.group(2)}</path>'
    rest = svg[: match.start()] + svg[match.end() :]
    return rest.replace("</svg>", chosen + _ring(match.group(2), svg) + "</svg>", 1)


def _ring(path_rest: str, svg: str) -> str:
    """A ring around a small region (a province on the map of Indonesia), so it is seen from afar."""
    outline = re.search(r' d="([^"]*)"', path_rest)
    numbers = re.findall(r"-?\d+(?:\.\d+)?", outline.group(1)) if outline else []
    view = re.search(r'viewBox="([^"]+)"', svg)
    if len(numbers) < 2 or not view:
        return ""
    xs, ys = [float(v) for v in numbers[0::2]], [float(v) for v in numbers[1::2]]
    width = float(view.group(1).split()[2])
    size = max(max(xs) - min(xs), max(ys) - min(ys))
    if size > width / 12:  # big enough to see without a ring
        return ""
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    radius = size / 2 + width / 60
    return (
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" fill="none" stroke="{HIGHLIGHT}" '
        f'stroke-width="{width / 250:.1f}"/>'
    )


def svg_image(svg: str) -> str:
    """A self-contained SVG as a data URI for an ``<img>``: ``st.html`` sanitises inline SVG away,
    and an image carries its own style (neutral regions, the chosen one in orange)."""
    svg = re.sub(r"<title>.*?</title>", "", svg, flags=re.S)  # tooltips: no hover on a touch screen
    svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    head_end = svg.index(">") + 1
    svg = svg[:head_end] + _MAP_STYLE + svg[head_end:]
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


CSS = f"""
<style>
.kiosk-brand {{ font-size: 1.1rem; font-weight: 700; color: {NAVY}; letter-spacing: .02em; }}
.kiosk-brand span {{ font-weight: 400; color: #44515E; }}
[class*="st-key-kiosk_stage_"], [class*="st-key-kiosk_rec_stage_"] {{ min-height: 60vh; }}
.kiosk-slide {{ display: grid; gap: 2.5rem; align-items: center; color: {INK}; }}
.kiosk-slide.product {{ grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); }}
.kiosk-slide.region {{ grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }}
.kiosk-text {{ color: {INK}; }}
.kiosk-kicker {{ font-size: 1.2rem; font-weight: 700; text-transform: uppercase; letter-spacing: .12em;
  color: {NAVY}; margin: 0 0 .3rem 0; }}
h1.kiosk-title {{ font-size: clamp(2.4rem, 4.6vw, 4.6rem); line-height: 1.05; font-weight: 800;
  margin: 0 0 .6rem 0; padding: 0; color: {INK}; }}
.kiosk-place {{ font-size: clamp(1.3rem, 2vw, 2rem); margin: 0 0 .6rem 0; }}
.kiosk-stars {{ font-size: clamp(1.8rem, 2.8vw, 2.8rem); color: #B45F06; margin: 0 0 .5rem 0; white-space: nowrap; }}
.kiosk-chip {{ display: inline-block; font-size: 1.2rem; background: #E8EEF5; color: {NAVY}; border-radius: 999px;
  padding: .2rem .9rem; margin: 0 0 .7rem 0; }}
.kiosk-story {{ font-size: clamp(1.2rem, 1.8vw, 1.7rem); line-height: 1.4; font-style: italic; color: #2E3B48;
  border-left: 6px solid {HIGHLIGHT}; padding-left: 1rem; margin: .3rem 0 0 0; }}
.kiosk-figures {{ display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1.2rem; margin: .3rem 0 1rem 0; }}
.kiosk-figure b {{ display: block; font-size: clamp(2.4rem, 4vw, 4rem); line-height: 1.05; color: {NAVY}; }}
.kiosk-figure span {{ font-size: 1.1rem; color: #44515E; }}
.kiosk-top {{ font-size: clamp(1.3rem, 1.9vw, 1.8rem); margin: 0; }}
.kiosk-top .kiosk-nowrap {{ white-space: nowrap; color: #B45F06; }}
.kiosk-maps {{ display: flex; flex-direction: column; gap: .5rem; align-items: center; }}
img.kiosk-map {{ display: block; width: 100%; height: auto; max-height: 34vh; object-fit: contain; }}
img.kiosk-map.small {{ max-height: 13vh; }}
img.kiosk-map.wide {{ max-height: 44vh; }}
.kiosk-map-caption {{ font-size: 1.05rem; color: #44515E; text-align: center; margin: 0; }}
.kiosk-head h1 {{ font-size: clamp(2rem, 3.4vw, 3.2rem); margin: 0; padding: 0; color: {INK}; line-height: 1.1; }}
.kiosk-head p {{ font-size: 1.3rem; margin: .3rem 0 0 0; color: #2E3B48; }}
.kiosk-cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 1rem; }}
.kiosk-card {{ border: 2px solid #D5DEE8; border-radius: 14px; padding: .9rem 1.2rem; background: #FFFFFF; color: {INK}; }}
.kiosk-card h3 {{ font-size: 1.45rem; margin: 0 0 .2rem 0; padding: 0; line-height: 1.2; }}
.kiosk-card p {{ margin: .1rem 0; font-size: 1.1rem; }}
.kiosk-card .kiosk-card-stars {{ font-size: 1.5rem; color: #B45F06; white-space: nowrap; }}
[class*="st-key-kiosk_"] button p {{ font-size: 1.25rem; }}
.st-key-kiosk_explore button, [class*="st-key-kiosk_rec_explore"] button {{ min-height: 96px; border-radius: 18px; }}
.st-key-kiosk_explore button p, [class*="st-key-kiosk_rec_explore"] button p {{ font-size: 2rem; font-weight: 700; }}
[class*="st-key-kiosk_see_"] button, [class*="st-key-kiosk_rec_see_"] button {{ min-height: 72px; }}
[class*="st-key-kiosk_prov_"] button {{ min-height: 72px; }}
.kiosk-foot {{ font-size: .75rem; color: #5A6672; margin: 0; }}
</style>
"""


def product_text_html(view: ProductView, lang: str) -> str:
    story = f'<p class="kiosk-story">{_e(view.story)}</p>' if view.story else ""
    return (
        f'<div class="kiosk-text" data-slide="product" data-key="{_e(view.product_id)}">'
        f'<p class="kiosk-kicker">{_e(translate("kiosk.flagship", lang))}</p>'
        f'<h1 class="kiosk-title">{_e(view.name)}</h1>'
        f'<p class="kiosk-place">{_e(view.region_name)} · {_e(view.province_name)}</p>'
        f'<p class="kiosk-stars">{_e(stars_text(view.stars, lang))}</p>'
        f'<span class="kiosk-chip">{_e(category_name(view.category, lang))}</span>'
        f"{story}</div>"
    )


def region_text_html(view: RegionView, lang: str) -> str:
    figures = "".join(
        f'<div class="kiosk-figure"><b>{_e(value)}</b><span>{_e(translate(label, lang))}</span></div>'
        for value, label in (
            (number(view.n_products, lang), "kiosk.n_products"),
            (number(view.n_recognised, lang), "kiosk.n_recognised"),
            (number(view.mean_score, lang, 1), "kiosk.mean_score"),
        )
    )
    top = ""
    if view.top_name:
        top = (
            f'<p class="kiosk-top">{_e(translate("kiosk.top_product", lang))}: <b>{_e(view.top_name)}</b>'
            f' ({_e(view.top_region)}) <span class="kiosk-nowrap">{_e(stars_text(view.top_stars, lang))}</span></p>'
        )
    return (
        f'<div class="kiosk-text" data-slide="region" data-key="{_e(view.code)}">'
        f'<p class="kiosk-kicker">{_e(translate("kiosk.highlight", lang))}</p>'
        f'<h1 class="kiosk-title">{_e(view.name)}</h1>'
        f'<div class="kiosk-figures">{figures}</div>{top}</div>'
    )


def slide_html(text: str, picture: str, kind: str) -> str:
    """One element per slide, so text and map change together (never a title over the last slide's map)."""
    return f'<div class="kiosk-slide {kind}"><div>{text}</div><div>{picture}</div></div>'


def product_card_html(product: dict, lang: str) -> str:
    region = product.get("region_name") or product["region_code"]
    score = translate("kiosk.score", lang, score=number(product["score"], lang, 1))
    return (
        f'<div class="kiosk-card" data-key="{_e(product["product_id"])}">'
        f"<h3>{_e(product['name'])}</h3>"
        f"<p>{_e(region)}</p>"
        f'<p class="kiosk-card-stars">{_e(stars_text(int(product["stars"]), lang))}</p>'
        f"<p>{_e(category_name(str(product['category']), lang))} · {_e(score)}</p>"
        "</div>"
    )
