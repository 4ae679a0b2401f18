"""OVOP Dashboard frame: runs for every page (page config, language, filters, data source, navigation)."""

import logging
from pathlib import Path

import streamlit as st

from ovop_core import regions
from ovop_core.model import CATEGORIES, DEFAULT_MODEL
from ovop_core.pipeline import STAGES
from ovop_ui import state
from ovop_ui.data import demo_dataset
from ovop_ui.i18n import LANG_NAMES, LANGS, category_name, stage_name, translate
from ovop_ui.offline import ensure_static_assets
from ovop_ui.state import t

ASSETS = Path(__file__).resolve().parent / "assets"
st.set_page_config(page_title="OVOP Dashboard", page_icon=str(ASSETS / "favicon.png"), layout="wide")
ensure_static_assets()
state.seed_from_url()
state.apply_pending()
lang = state.current_lang()


def _reset_filters() -> None:
    for key, empty in ((state.KEY_PROV, ""), (state.KEY_KAB, ""), (state.KEY_CAT, []), (state.KEY_STAGE, [])):
        st.session_state[key] = empty


def _on_province_change() -> None:
    st.session_state[state.KEY_KAB] = ""


# Resolve the page before anything touches the URL, so a deep link (/map?prov=33) is honoured.
# Page scripts live in app_pages/, not pages/: while a pages/ folder sits beside the entry script,
# Streamlit 1.67 serves a server's first request the multipage-v1 way, running a deep-linked page
# script alone, without this frame (no sidebar, no language, no filters).
pages = [
    st.Page("app_pages/overview.py", title=t("page.overview"), icon=":material/dashboard:", default=True),
    st.Page("app_pages/map.py", title=t("page.map"), icon=":material/map:"),
    # pipeline page
    # what-if page
]
page = st.navigation(pages)

provinces = regions.provinces()
province_names = dict(zip(provinces["code"], provinces["name"]))
kabkota = regions.kabkota()

with st.sidebar:
    st.markdown(f"### :material/storefront: {t('app.short')}")
    st.radio(t("lang.label"), LANGS, format_func=LANG_NAMES.get, key=state.KEY_LANG, horizontal=True)
    st.markdown(f"**{t('filters.title')}**")
    st.selectbox(
        t("filters.province"),
        [""] + provinces["code"].tolist(),
        format_func=lambda c: province_names.get(c, translate("filters.all_provinces", lang)),
        key=state.KEY_PROV,
        on_change=_on_province_change,
    )
    chosen_province = st.session_state.get(state.KEY_PROV, "")
    if chosen_province:
        in_province = kabkota[kabkota["province"] == chosen_province]
        kab_names = dict(zip(in_province["code"], in_province["name"]))
        if st.session_state.get(state.KEY_KAB) not in kab_names:
            st.session_state[state.KEY_KAB] = ""
        st.selectbox(
            t("filters.kabkota"),
            [""] + in_province["code"].tolist(),
            format_func=lambda c: kab_names.get(c, translate("filters.all_kabkota", lang)),
            key=state.KEY_KAB,
        )
    st.multiselect(
        t("filters.category"),
        list(CATEGORIES),
        format_func=lambda c: category_name(c, lang),
        key=state.KEY_CAT,
        placeholder=t("filters.all"),
    )
    st.multiselect(
        t("filters.stage"),
        [s.number for s in STAGES],
        format_func=lambda s: stage_name(s, lang),
        key=state.KEY_STAGE,
        placeholder=t("filters.all"),
    )
    st.button(t("filters.reset"), on_click=_reset_filters, icon=":material/filter_alt_off:")
    dataset = demo_dataset()
    st.divider()
    st.caption(f"**{t('data.source')}:** {t(dataset.label)}")
    st.caption(t("model.label", version=DEFAULT_MODEL.version))

state.sync_url()

try:
    page.run()
except Exception:  # a page failure must never become a raw error page in front of an audience
    logging.getLogger("ovop").exception("page %s failed", page.title)
    st.error(t("error.page"), icon=":material/error:")
