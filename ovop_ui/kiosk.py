"""The trade-fair kiosk (DESIGN.md §1, §8): an attract loop, a touch explorer, idle return, no error page.

Views (``st.session_state[KEY_VIEW]``):
- ``loop``: slides rotate by themselves (``st.fragment(run_every=OVOP_KIOSK_SLIDE_SECONDS)``):
  flagship products (``data/flagships.csv`` joined with the current dataset) interleaved with
  regional highlights. A big "Touch to explore" button, or a slide's own button, opens the explorer.
- ``explore``: provinces (a folium map to touch, and a grid of big buttons as a fallback), then a
  province's products as big cards. After ``OVOP_KIOSK_IDLE_SECONDS`` without a touch it returns
  to the loop: every button's ``on_click`` stamps ``KEY_TOUCH``; a ``run_every`` fragment checks it.

Never an error page: the page body, each slide and each fragment run are guarded; a failure is
logged, the broken slide skipped, and ``recover`` (also called by ``app.py``) falls back to the loop.
Memory stays flat: session state holds a fixed set of scalars (no lists that grow), caches are
bounded, and slides are small values rebuilt on demand.

Text from the registry (product names, stories) is HTML-escaped before it goes into ``st.html``.
Time comes from ``now()`` so tests can move the clock.
"""

from __future__ import annotations

import base64
import html
import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from ovop_core import regions
from ovop_core.model import DEFAULT_MODEL

from . import maps
from .brief import brief_map_svg
from .data import Dataset, current_dataset, geojson, scored_table, today
from .format import number
from .i18n import LANGS, category_name, stars_text, translate
from .state import KEY_LANG, current_lang

log = logging.getLogger("ovop.kiosk")

FLAGSHIPS_CSV = Path(__file__).resolve().parent.parent / "data" / "flagships.csv"
KEY_VIEW, KEY_SLIDE, KEY_SLIDE_AT = "kiosk_view", "kiosk_slide", "kiosk_slide_at"
KEY_PROVINCE, KEY_TOUCH, KEY_NONCE = "kiosk_province", "kiosk_last_touch", "kiosk_map_nonce"
VIEWS = ("loop", "explore")
PRODUCTS_PER_REGION_SLIDE = 3  # a regional highlight after every three flagship products
REGION_SLIDES = 8
FALLBACK_FLAGSHIPS = 12  # when the dataset holds none of data/flagships.csv: best product per province
CARDS = 12  # products shown for a province in the explorer
HIGHLIGHT = "#F28E2B"
INK = "#1C2733"
NAVY = "#0B5394"


def now() -> float:
    """The kiosk's clock (seconds); tests replace it to simulate idle time."""
    return time.monotonic()


def _env_seconds(name: str, default: float, minimum: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return max(minimum, value) if value == value else default  # NaN → default


def slide_seconds() -> float:
    """How long a slide stays (``OVOP_KIOSK_SLIDE_SECONDS``, default 8, at least 2)."""
    return _env_seconds("OVOP_KIOSK_SLIDE_SECONDS", 8.0, 2.0)


def idle_seconds() -> float:
    """Idle time before the explorer returns to the loop (``OVOP_KIOSK_IDLE_SECONDS``, default 90, at least 5)."""
    return _env_seconds("OVOP_KIOSK_IDLE_SECONDS", 90.0, 5.0)


# --- the deck: which slides, in which order (pure) ------------------------------------------


@dataclass(frozen=True)
class Slide:
    kind: str  # "product" or "region"
    key: str  # product_id or province code


@dataclass(frozen=True)
class ProductView:
    product_id: str
    name: str
    region_code: str
    region_name: str
    province_code: str
    province_name: str
    category: str
    stars: int
    score: float
    story: str


@dataclass(frozen=True)
class RegionView:
    code: str
    name: str
    n_products: int
    n_recognised: int
    mean_score: float
    top_name: str
    top_region: str
    top_stars: int


def load_flagships(path: Path = FLAGSHIPS_CSV) -> pd.DataFrame:
    """``product_id``, ``story_id``, ``story_en`` (empty when the file is missing)."""
    if not path.exists():
        return pd.DataFrame(columns=["product_id", "story_id", "story_en"])
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame[["product_id", "story_id", "story_en"]]


def flagship_ids(table: pd.DataFrame, flagships: pd.DataFrame) -> list[str]:
    """Flagships present in the dataset, in the file's order; else the best product of each province."""
    present = flagships["product_id"][flagships["product_id"].isin(set(table["product_id"]))]
    if len(present):
        return present.tolist()
    ranked = table.dropna(subset=["score"]).sort_values(["score", "name"], ascending=[False, True])
    best = ranked.drop_duplicates(subset=["province"]).head(FALLBACK_FLAGSHIPS)
    return best["product_id"].astype(str).tolist()


def highlight_provinces(table: pd.DataFrame, limit: int = REGION_SLIDES) -> list[str]:
    """Provinces to highlight: the most recognised products first, then the most products."""
    index = regions.region_index(table, "province")
    index = index[index["has_data"]].sort_values(["n_recognised", "n_products", "name"], ascending=[False, False, True])
    return index["code"].head(limit).tolist()


def build_deck(table: pd.DataFrame, flagships: pd.DataFrame) -> tuple[Slide, ...]:
    """Flagship products with a regional highlight after every ``PRODUCTS_PER_REGION_SLIDE``."""
    products = [Slide("product", pid) for pid in flagship_ids(table, flagships)]
    provinces = [Slide("region", code) for code in highlight_provinces(table)]
    deck: list[Slide] = []
    for i, slide in enumerate(products):
        deck.append(slide)
        if provinces and (i + 1) % PRODUCTS_PER_REGION_SLIDE == 0:
            deck.append(provinces[(i // PRODUCTS_PER_REGION_SLIDE) % len(provinces)])
    if not products:
        deck.extend(provinces)
    return tuple(deck)


def next_index(index: int, size: int) -> int:
    """The slide after ``index`` in a deck of ``size`` (wraps; 0 for an empty deck)."""
    return (int(index) + 1) % size if size > 0 else 0


def slide_due(shown_at: float | None, at: float, seconds: float) -> bool:
    """Whether the slide shown at ``shown_at`` has had its time (a little early is fine: timers jitter)."""
    return shown_at is None or at - shown_at >= 0.8 * seconds


def is_idle(last_touch: float | None, at: float, seconds: float) -> bool:
    return last_touch is not None and at - last_touch >= seconds


def product_view(table: pd.DataFrame, flagships: pd.DataFrame, product_id: str, lang: str) -> ProductView:
    row = table.loc[table["product_id"] == product_id]
    if row.empty:
        raise KeyError(f"product {product_id!r} is not in the dataset")
    row = row.iloc[0]
    story = flagships.loc[flagships["product_id"] == product_id, f"story_{lang}"]
    code = str(row["region_code"])
    return ProductView(
        product_id=str(product_id),
        name=str(row["name"]),
        region_code=code,
        region_name=str(row.get("region_name") or regions.region_name(code) or code),
        province_code=code[:2],
        province_name=str(row.get("province_name") or regions.region_name(code[:2]) or code[:2]),
        category=str(row["category"]),
        stars=int(row["stars"]),
        score=float(row["score"]),
        story=str(story.iloc[0]) if len(story) else "",
    )


def region_view(table: pd.DataFrame, province: str) -> RegionView:
    index = regions.region_index(table, "province")
    hit = index[index["code"] == province]
    if hit.empty:
        raise KeyError(f"province {province!r} is unknown")
    figures = hit.iloc[0]
    products = province_products(table, province)
    top = products.iloc[0] if len(products) else None
    return RegionView(
        code=province,
        name=str(figures["name"]),
        n_products=int(figures["n_products"]),
        n_recognised=int(figures["n_recognised"]) if figures["has_data"] else 0,
        mean_score=float(figures["mean_score"]),
        top_name="" if top is None else str(top["name"]),
        top_region="" if top is None else str(top.get("region_name") or ""),
        top_stars=0 if top is None else int(top["stars"]),
    )


def province_products(table: pd.DataFrame, province: str) -> pd.DataFrame:
    """A province's products, best first (score, then stars, then name)."""
    codes = table["region_code"].astype(str).str.slice(0, 2)
    mine = table[codes == province]
    return mine.sort_values(["score", "stars", "name"], ascending=[False, False, True], na_position="last")


# --- cached building blocks (bounded) ------------------------------------------------------


@st.cache_data(max_entries=2, show_spinner=False)
def _flagships(path: str, mtime: float) -> pd.DataFrame:
    return load_flagships(Path(path))


def flagships() -> pd.DataFrame:
    mtime = FLAGSHIPS_CSV.stat().st_mtime if FLAGSHIPS_CSV.exists() else 0.0
    return _flagships(str(FLAGSHIPS_CSV), mtime)


@st.cache_data(max_entries=4, show_spinner=False)
def _deck(_table: pd.DataFrame, version: str, _flags: pd.DataFrame, flags_key: int) -> tuple[Slide, ...]:
    return build_deck(_table, _flags)


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
    return (f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" fill="none" stroke="{HIGHLIGHT}" '
            f'stroke-width="{width / 250:.1f}"/>')


def svg_image(svg: str) -> str:
    """A self-contained SVG as a data URI for an ``<img>``: ``st.html`` sanitises inline SVG away,
    and an image carries its own style (neutral regions, the chosen one in orange)."""
    svg = re.sub(r"<title>.*?</title>", "", svg, flags=re.S)  # tooltips: no hover on a touch screen
    svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    head_end = svg.index(">") + 1
    svg = svg[:head_end] + _MAP_STYLE + svg[head_end:]
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@st.cache_data(max_entries=96, show_spinner=False)
def _locator(_table: pd.DataFrame, version: str, code: str) -> str:
    if len(code) > 2:
        return svg_image(_highlight(brief_map_svg(_table, code, "id"), code))
    return svg_image(_highlight(brief_map_svg(_table, "", "id"), code))


def locator_img(table: pd.DataFrame, version: str, code: str, alt: str, small: bool = False) -> str:
    """An ``<img>`` map: a kab/kota highlighted in its province, or a province highlighted in Indonesia."""
    css = "kiosk-map small" if small else "kiosk-map"
    return f'<img class="{css}" src="{_locator(table, version, code)}" alt="{_e(alt)}">'


@dataclass(frozen=True)
class Context:
    dataset: Dataset
    table: pd.DataFrame
    lang: str


def context() -> Context:
    dataset = current_dataset()
    table = scored_table(dataset.frame, dataset.version, DEFAULT_MODEL.version, today())
    return Context(dataset, table, current_lang())


def deck(ctx: Context) -> tuple[Slide, ...]:
    flags = flagships()
    return _deck(ctx.table, ctx.dataset.version, flags, hash(tuple(flags["product_id"])))


# --- session state and touches ------------------------------------------------------------


def init_state() -> None:
    defaults = {KEY_VIEW: "loop", KEY_SLIDE: 0, KEY_SLIDE_AT: None, KEY_PROVINCE: "", KEY_TOUCH: None, KEY_NONCE: 0}
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)
    if st.session_state[KEY_VIEW] not in VIEWS:
        st.session_state[KEY_VIEW] = "loop"


def reset_to_loop() -> None:
    """Back to the attract loop; the current slide gets its full time again."""
    st.session_state[KEY_VIEW] = "loop"
    st.session_state[KEY_PROVINCE] = ""
    st.session_state[KEY_TOUCH] = None
    st.session_state[KEY_SLIDE_AT] = now()


def touch() -> None:
    st.session_state[KEY_TOUCH] = now()


def open_explorer(province: str = "") -> None:
    touch()
    st.session_state[KEY_VIEW] = "explore"
    st.session_state[KEY_PROVINCE] = province


def choose_province(province: str) -> None:
    touch()
    st.session_state[KEY_PROVINCE] = province
    st.session_state[KEY_NONCE] = int(st.session_state.get(KEY_NONCE, 0)) + 1  # a fresh map forgets the old tap


def back() -> None:
    if st.session_state.get(KEY_PROVINCE):
        choose_province("")
    else:
        reset_to_loop()


def set_lang(lang: str) -> None:
    if st.session_state.get(KEY_VIEW) == "explore":
        touch()
    st.session_state[KEY_LANG] = lang if lang in LANGS else "id"


def advance(deck_size: int, at: float | None = None) -> int:
    """Move to the next slide if the current one has had its time; returns the index to show."""
    at = now() if at is None else at
    index = int(st.session_state.get(KEY_SLIDE, 0) or 0)
    if deck_size <= 0:
        return 0
    index %= deck_size
    shown_at = st.session_state.get(KEY_SLIDE_AT)
    if shown_at is not None and slide_due(shown_at, at, slide_seconds()):
        index = next_index(index, deck_size)
        shown_at = None
    if shown_at is None:
        st.session_state[KEY_SLIDE_AT] = at
    st.session_state[KEY_SLIDE] = index
    return index


# --- rendering ----------------------------------------------------------------------------


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


def _header(ctx: Context, ns: str, explorer: bool) -> None:
    widths = [4, 1.6, 1.6, 1.6, 1.6] if explorer else [8, 1.6, 1.6]
    left, *buttons = st.columns(widths, vertical_alignment="center")
    brand = _e(translate("kiosk.brand", ctx.lang))
    tagline = _e(translate("kiosk.tagline", ctx.lang))
    left.html(f'<div class="kiosk-brand">{brand} <span>· {tagline}</span></div>')
    if explorer:
        buttons[0].button(translate("kiosk.back", ctx.lang), icon=":material/arrow_back:", key=f"{ns}back",
                          on_click=back, width="stretch")
        buttons[1].button(translate("kiosk.home", ctx.lang), icon=":material/home:", key=f"{ns}home",
                          on_click=reset_to_loop, width="stretch")
        buttons = buttons[2:]
    for column, lang in zip(buttons, LANGS):
        column.button(translate(f"kiosk.lang_{lang}", ctx.lang), key=f"{ns}lang_{lang}", on_click=set_lang,
                      args=(lang,), type="primary" if lang == ctx.lang else "secondary", width="stretch")


def _footer(ctx: Context) -> None:
    label = translate(ctx.dataset.label, ctx.lang)
    model = translate("model.label", ctx.lang, version=DEFAULT_MODEL.version)
    st.html(f'<p class="kiosk-foot">{_e(label)} {_e(model)}</p>')


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


def product_maps_html(view: ProductView, ctx: Context) -> str:
    caption = translate("kiosk.map_caption", ctx.lang, region=view.region_name, province=view.province_name)
    version = ctx.dataset.version
    return (
        '<div class="kiosk-maps">'
        f"{locator_img(ctx.table, version, view.province_code, view.province_name, small=True)}"
        f"{locator_img(ctx.table, version, view.region_code, caption)}"
        f'<p class="kiosk-map-caption">{_e(caption)}</p></div>'
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


def region_map_html(view: RegionView, ctx: Context) -> str:
    caption = translate("kiosk.region_caption", ctx.lang, province=view.name)
    img = locator_img(ctx.table, ctx.dataset.version, view.code, caption).replace('class="kiosk-map"', 'class="kiosk-map wide"')
    return f'<div class="kiosk-maps">{img}<p class="kiosk-map-caption">{_e(caption)}</p></div>'


def slide_html(text: str, picture: str, kind: str) -> str:
    """One element per slide, so text and map change together (never a title over the last slide's map)."""
    return f'<div class="kiosk-slide {kind}"><div>{text}</div><div>{picture}</div></div>'


def render_product_slide(slide: Slide, ctx: Context) -> str:
    """Draw a flagship product; returns its province (for the slide's button)."""
    view = product_view(ctx.table, flagships(), slide.key, ctx.lang)
    st.html(slide_html(product_text_html(view, ctx.lang), product_maps_html(view, ctx), "product"))
    return view.province_code


def render_region_slide(slide: Slide, ctx: Context) -> str:
    view = region_view(ctx.table, slide.key)
    st.html(slide_html(region_text_html(view, ctx.lang), region_map_html(view, ctx), "region"))
    return view.code


def render_welcome(lang: str) -> None:
    """The last resort: a static welcome with nothing that can fail."""
    st.html(
        '<div class="kiosk-text" data-slide="welcome"><p class="kiosk-kicker">OVOP</p>'
        f'<h1 class="kiosk-title">{_e(translate("kiosk.welcome", lang))}</h1>'
        f'<p class="kiosk-place">{_e(translate("kiosk.welcome_text", lang))}</p></div>'
    )


def _render_slide(slide: Slide, ctx: Context):
    renderer = render_product_slide if slide.kind == "product" else render_region_slide
    return renderer(slide, ctx)


def _loop_body(ns: str) -> None:
    """One step of the attract loop: advance if due, draw the slide; a broken slide is skipped."""
    try:
        ctx = context()
        slides = deck(ctx)
        index = advance(len(slides))
        for attempt in range(len(slides)):
            slot = st.empty()
            try:
                with slot.container(key=f"{ns}stage_{attempt}"):
                    province = _render_slide(slides[index], ctx)
                    name = regions.region_name(province) or province
                    _, column = st.columns([3, 2], gap="large")
                    column.button(translate("kiosk.see_province", ctx.lang, province=name),
                                  icon=":material/storefront:", key=f"{ns}see_{index}", on_click=open_explorer,
                                  args=(province,), width="stretch")
                return
            except Exception:
                log.exception("kiosk slide %s (%s) failed; skipping it", index, slides[index])
                slot.empty()
                index = next_index(index, len(slides))
                st.session_state[KEY_SLIDE] = index
        render_welcome(ctx.lang)
    except Exception:
        log.exception("kiosk loop failed; showing the welcome slide")
        render_welcome(current_lang())


def _idle_watch() -> None:
    """Explorer only: back to the loop once nobody has touched the screen for the idle time."""
    if st.session_state.get(KEY_VIEW) == "explore" and is_idle(st.session_state.get(KEY_TOUCH), now(), idle_seconds()):
        reset_to_loop()
        st.rerun(scope="app")


def render_loop(ctx: Context, ns: str = "kiosk_") -> None:
    _header(ctx, ns, explorer=False)
    st.fragment(_loop_body, run_every=slide_seconds())(ns)
    st.button(translate("kiosk.explore", ctx.lang), icon=":material/touch_app:", key=f"{ns}explore",
              on_click=open_explorer, type="primary", width="stretch")
    _footer(ctx)


def _clicked_province(event: dict | None) -> str:
    drawing = (event or {}).get("last_active_drawing") or {}
    return regions.to_dotted(str((drawing.get("properties") or {}).get("kode", "")))


def render_province_map(ctx: Context, index: pd.DataFrame) -> None:
    """Provinces coloured by their number of products; a tap on one opens it. Local assets only."""
    from streamlit_folium import st_folium

    fmap = maps.choropleth(geojson(str(maps.province_geojson_path())), index, "n_products", ctx.lang)
    # A still map: no zoom buttons (too small to touch), no panning a visitor could get lost in.
    fmap.options.update(zoom_control=False, dragging=False, scroll_wheel_zoom=False, touch_zoom=False,
                        double_click_zoom=False, box_zoom=False, keyboard=False)
    fmap.control_scale = False
    nonce = int(st.session_state.get(KEY_NONCE, 0))
    event = st_folium(fmap, key=f"kiosk_map_{ctx.lang}_{nonce}", height=440, width=None,
                      use_container_width=True, returned_objects=["last_active_drawing"])
    code = _clicked_province(event)
    if code and code in set(index.loc[index["has_data"], "code"]):
        choose_province(code)
        st.rerun()


def render_provinces(ctx: Context, ns: str) -> None:
    lang = ctx.lang
    index = regions.region_index(ctx.table, "province")
    st.html(
        f'<div class="kiosk-head"><h1>{_e(translate("kiosk.explore_title", lang))}</h1>'
        f'<p>{_e(translate("kiosk.explore_hint", lang))}</p></div>'
    )
    render_province_map(ctx, index)
    with_data = index[index["has_data"]].sort_values("name")
    columns = st.columns(4)
    for i, (code, name) in enumerate(zip(with_data["code"], with_data["name"])):  # ≤ 38 buttons
        columns[i % 4].button(str(name), key=f"{ns}prov_{code}", on_click=choose_province, args=(code,),
                              width="stretch")


def product_card_html(product: dict, lang: str) -> str:
    region = product.get("region_name") or product["region_code"]
    score = translate("kiosk.score", lang, score=number(product["score"], lang, 1))
    return (
        f'<div class="kiosk-card" data-key="{_e(product["product_id"])}">'
        f'<h3>{_e(product["name"])}</h3>'
        f"<p>{_e(region)}</p>"
        f'<p class="kiosk-card-stars">{_e(stars_text(int(product["stars"]), lang))}</p>'
        f'<p>{_e(category_name(str(product["category"]), lang))} · {_e(score)}</p>'
        "</div>"
    )


def render_province(ctx: Context, province: str) -> None:
    lang = ctx.lang
    view = region_view(ctx.table, province)
    products = province_products(ctx.table, province)
    shown = products.head(CARDS)
    summary = translate("kiosk.province_summary", lang, n=number(view.n_products, lang),
                        recognised=number(view.n_recognised, lang))
    head, locator = st.columns([3, 1], vertical_alignment="center")
    head.html(
        f'<div class="kiosk-head"><h1>{_e(translate("kiosk.products_of", lang, province=view.name))}</h1>'
        f"<p>{_e(summary)}</p></div>"
    )
    locator.html(locator_img(ctx.table, ctx.dataset.version, province, view.name, small=True))
    if shown.empty:
        st.html(f'<p class="kiosk-place">{_e(translate("kiosk.no_products", lang))}</p>')
        return
    cards = "".join(product_card_html(p, lang) for p in shown.to_dict("records"))  # ≤ CARDS cards
    st.html(f'<div class="kiosk-cards">{cards}</div>')
    if len(products) > len(shown):
        more = translate("kiosk.top_of", lang, shown=len(shown), n=number(len(products), lang))
        st.html(f'<p class="kiosk-map-caption">{_e(more)}</p>')


def render_explorer(ctx: Context, ns: str = "kiosk_") -> None:
    _header(ctx, ns, explorer=True)
    province = st.session_state.get(KEY_PROVINCE, "")
    if province and province in set(regions.provinces()["code"]):
        render_province(ctx, province)
    else:
        render_provinces(ctx, ns)
    _footer(ctx)
    st.fragment(_idle_watch, run_every=max(1.0, min(5.0, idle_seconds() / 3)))()


_SCROLL_TOP = """<script data-view="{token}">
for (const el of [document.querySelector('[data-testid="stMain"]'),
                  document.querySelector('[data-testid="stAppViewContainer"]'), document.scrollingElement]) {{
  if (el) el.scrollTo(0, 0);
}}
</script>"""


def _scroll_to_top(token: str) -> None:
    """A new view starts at its top (a province picked low on the page must not open scrolled down).

    Our own constant script; ``token`` (view and province code, never user text) changes with the
    view, so the browser runs it once per change.
    """
    st.html(_SCROLL_TOP.format(token=_e(token)), unsafe_allow_javascript=True)


def render_kiosk() -> None:
    """The kiosk page: the loop or the explorer; any failure falls back to the loop."""
    init_state()
    st.html(CSS)
    if st.session_state[KEY_VIEW] == "explore" and is_idle(st.session_state.get(KEY_TOUCH), now(), idle_seconds()):
        reset_to_loop()
    _scroll_to_top(f'{st.session_state[KEY_VIEW]}:{st.session_state.get(KEY_PROVINCE, "")}')
    root = st.empty()
    try:
        with root.container():
            ctx = context()
            if st.session_state[KEY_VIEW] == "explore":
                render_explorer(ctx)
            else:
                render_loop(ctx)
    except Exception:
        log.exception("kiosk view %s failed; back to the loop", st.session_state.get(KEY_VIEW))
        root.empty()
        recover()


def recover() -> None:
    """Called on any kiosk failure (also by ``app.py``): log, reset to the loop, draw the loop.

    Widgets get their own key namespace, because the failed run may already have drawn some.
    """
    try:
        init_state()
        reset_to_loop()
        st.html(CSS)
        render_loop(context(), ns="kiosk_rec_")
    except Exception:
        log.exception("kiosk recovery failed; showing the welcome slide")
        try:
            render_welcome(current_lang())
        except Exception:  # nothing may escape: the kiosk must never show an error page
            log.exception("kiosk welcome failed")
