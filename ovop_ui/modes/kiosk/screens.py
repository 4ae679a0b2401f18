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

Markup comes from the macros of ``templates/kiosk.html`` (autoescape), so text from the registry
(product names, stories) is escaped before it goes into ``st.html``.
Time comes from ``now()`` so tests can move the clock.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from ovop_core import regions, summary
from ovop_core.model import DEFAULT_MODEL
from ovop_ui.builders import maps
from ovop_ui.data_access.dataset import Dataset, current_dataset, geojson, scored_for_model, today
from ovop_ui.modes.kiosk.deck import (  # noqa: F401 - the deck is part of this module's interface
    FALLBACK_FLAGSHIPS,
    FLAGSHIPS_CSV,
    PRODUCTS_PER_REGION_SLIDE,
    REGION_SLIDES,
    ProductView,
    RegionView,
    Slide,
    build_deck,
    flagship_ids,
    highlight_provinces,
    is_idle,
    load_flagships,
    next_index,
    product_view,
    public_table,
    region_view,
    slide_due,
)
from ovop_ui.modes.kiosk.html import (  # noqa: F401 - part of this module's interface
    fragment,
    locator_img,
    locator_svg,
    page_css,
    product_card_html,
    product_maps_html,
    product_picture_html,
    product_text_html,
    region_map_html,
    region_text_html,
    slide_html,
)
from ovop_ui.modes.kiosk.pictures import card_thumbnails, product_photo
from ovop_ui.shell.state import KEY_LANG, current_lang
from ovop_ui.text.format import number
from ovop_ui.text.i18n import LANGS, translate
from ovop_ui.text.summary_text import label_texts

log = logging.getLogger("ovop.kiosk")

KEY_VIEW, KEY_SLIDE, KEY_SLIDE_AT = "kiosk_view", "kiosk_slide", "kiosk_slide_at"
KEY_PROVINCE, KEY_TOUCH, KEY_NONCE = "kiosk_province", "kiosk_last_touch", "kiosk_map_nonce"
VIEWS = ("loop", "explore")
CARDS = 12  # products shown for a province in the explorer


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


@dataclass(frozen=True)
class Context:
    dataset: Dataset
    table: pd.DataFrame
    lang: str


@st.cache_data(max_entries=4, show_spinner=False)
def _public(_table: pd.DataFrame, version: str, day: str) -> pd.DataFrame:
    return public_table(_table)


def context() -> Context:
    dataset = current_dataset()
    day = today()
    table = _public(scored_for_model(dataset, DEFAULT_MODEL, day), dataset.version, str(day))
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


def _header(ctx: Context, ns: str, explorer: bool) -> None:
    widths = [4, 1.6, 1.6, 1.6, 1.6] if explorer else [8, 1.6, 1.6]
    left, *buttons = st.columns(widths, vertical_alignment="center")
    left.html(fragment("brand", name=translate("kiosk.brand", ctx.lang), tagline=translate("kiosk.tagline", ctx.lang)))
    if explorer:
        buttons[0].button(
            translate("kiosk.back", ctx.lang),
            icon=":material/arrow_back:",
            key=f"{ns}back",
            on_click=back,
            width="stretch",
        )
        buttons[1].button(
            translate("kiosk.home", ctx.lang),
            icon=":material/home:",
            key=f"{ns}home",
            on_click=reset_to_loop,
            width="stretch",
        )
        buttons = buttons[2:]
    for column, lang in zip(buttons, LANGS):
        column.button(
            translate(f"kiosk.lang_{lang}", ctx.lang),
            key=f"{ns}lang_{lang}",
            on_click=set_lang,
            args=(lang,),
            type="primary" if lang == ctx.lang else "secondary",
            width="stretch",
        )


def _footer(ctx: Context) -> None:
    label, model = label_texts(ctx.dataset.labels(DEFAULT_MODEL.version), ctx.lang)
    st.html(fragment("foot", label=label, model=model))


def render_product_slide(slide: Slide, ctx: Context) -> str:
    """Draw a flagship product; returns its province (for the slide's button)."""
    view = product_view(ctx.table, flagships(), slide.key, ctx.lang)
    picture = product_picture_html(view, product_photo(view.product_id), ctx.lang)
    st.html(slide_html(product_text_html(view, ctx.lang), picture, "product"))
    return view.province_code


def render_region_slide(slide: Slide, ctx: Context) -> str:
    view = region_view(summary.summarise(ctx.table, slide.key, top_n=1))
    st.html(slide_html(region_text_html(view, ctx.lang), region_map_html(view, ctx.lang), "region"))
    return view.code


def render_welcome(lang: str) -> None:
    """The last resort: a static welcome with nothing that can fail."""
    st.html(fragment("welcome", title=translate("kiosk.welcome", lang), text=translate("kiosk.welcome_text", lang)))


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
                    column.button(
                        translate("kiosk.see_province", ctx.lang, province=name),
                        icon=":material/storefront:",
                        key=f"{ns}see_{index}",
                        on_click=open_explorer,
                        args=(province,),
                        width="stretch",
                    )
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
    st.button(
        translate("kiosk.explore", ctx.lang),
        icon=":material/touch_app:",
        key=f"{ns}explore",
        on_click=open_explorer,
        type="primary",
        width="stretch",
    )
    _footer(ctx)


def render_province_map(ctx: Context, index: pd.DataFrame) -> None:
    """Provinces coloured by their number of products; a tap on one opens it. Local assets only."""
    from ovop_ui.widgets.map_widget import show_map  # streamlit-folium only once the explorer is opened

    fmap = maps.choropleth(geojson(str(maps.province_geojson_path())), index, "n_products", ctx.lang)
    # A still map: no zoom buttons (too small to touch), no panning a visitor could get lost in.
    fmap.options.update(
        zoom_control=False,
        dragging=False,
        scroll_wheel_zoom=False,
        touch_zoom=False,
        double_click_zoom=False,
        box_zoom=False,
        keyboard=False,
    )
    fmap.control_scale = False
    nonce = int(st.session_state.get(KEY_NONCE, 0))
    code = show_map(fmap, key=f"kiosk_map_{ctx.lang}_{nonce}", height=440, clickable=True)
    if code and code in set(index.loc[index["has_data"], "code"]):
        choose_province(code)
        st.rerun()


def render_provinces(ctx: Context, ns: str) -> None:
    lang = ctx.lang
    index = summary.peers(ctx.table, "province")
    st.html(fragment("head", title=translate("kiosk.explore_title", lang), text=translate("kiosk.explore_hint", lang)))
    render_province_map(ctx, index)
    with_data = summary.provinces_with_products(ctx.table)
    columns = st.columns(4)
    for i, (code, name) in enumerate(zip(with_data["code"], with_data["name"])):  # ≤ 38 buttons
        columns[i % 4].button(
            str(name), key=f"{ns}prov_{code}", on_click=choose_province, args=(code,), width="stretch"
        )


def render_province(ctx: Context, province: str) -> None:
    lang = ctx.lang
    region = summary.summarise(ctx.table, province, top_n=CARDS)
    view = region_view(region)
    shown = region.top
    counts = translate(
        "kiosk.province_summary", lang, n=number(view.n_products, lang), recognised=number(view.n_recognised, lang)
    )
    head, locator = st.columns([3, 1], vertical_alignment="center")
    head.html(fragment("head", title=translate("kiosk.products_of", lang, province=view.name), text=counts))
    locator.html(locator_img(province, view.name, "small"))
    if shown.empty:
        st.html(fragment("note", kind="kiosk-place", text=translate("kiosk.no_products", lang)))
        return
    thumbs = card_thumbnails()
    cards = [product_card_html(p, lang, thumbs.get(str(p["product_id"]))) for p in shown.to_dict("records")]  # ≤ CARDS
    st.html(fragment("cards", items=cards))
    if view.n_products > len(shown):
        more = translate("kiosk.top_of", lang, shown=len(shown), n=number(view.n_products, lang))
        st.html(fragment("note", kind="kiosk-map-caption", text=more))


def render_explorer(ctx: Context, ns: str = "kiosk_") -> None:
    _header(ctx, ns, explorer=True)
    province = st.session_state.get(KEY_PROVINCE, "")
    if province and province in set(regions.provinces()["code"]):
        render_province(ctx, province)
    else:
        render_provinces(ctx, ns)
    _footer(ctx)
    st.fragment(_idle_watch, run_every=max(1.0, min(5.0, idle_seconds() / 3)))()


def _scroll_to_top(token: str) -> None:
    """A new view starts at its top (a province picked low on the page must not open scrolled down).

    Our own constant script; ``token`` (view and province code, never user text) changes with the
    view, so the browser runs it once per change.
    """
    st.html(fragment("scroll_top", token=token), unsafe_allow_javascript=True)


def render_kiosk() -> None:
    """The kiosk page: the loop or the explorer; any failure falls back to the loop."""
    init_state()
    st.html(page_css())
    if st.session_state[KEY_VIEW] == "explore" and is_idle(st.session_state.get(KEY_TOUCH), now(), idle_seconds()):
        reset_to_loop()
    _scroll_to_top(f"{st.session_state[KEY_VIEW]}:{st.session_state.get(KEY_PROVINCE, '')}")
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
        st.html(page_css())
        render_loop(context(), ns="kiosk_rec_")
    except Exception:
        log.exception("kiosk recovery failed; showing the welcome slide")
        try:
            render_welcome(current_lang())
        except Exception:  # nothing may escape: the kiosk must never show an error page
            log.exception("kiosk welcome failed")
