"""The normal mode's sidebar: language, global filters, data source and model labels, sign-in."""

from __future__ import annotations

import streamlit as st

from ovop_core import regions
from ovop_core.model import CATEGORIES, DEFAULT_MODEL
from ovop_core.pipeline import STAGES
from ovop_ui.data_access.dataset import current_dataset
from ovop_ui.shell import state
from ovop_ui.shell.session import sign_in_box
from ovop_ui.text.i18n import LANG_NAMES, LANGS, category_name, stage_name, translate


def _reset_filters() -> None:
    for key, empty in (
        (state.KEY_PROV, ""),
        (state.KEY_KAB, ""),
        (state.KEY_KEC, ""),
        (state.KEY_CAT, []),
        (state.KEY_STAGE, []),
    ):
        st.session_state[key] = empty


def _on_province_change() -> None:
    st.session_state[state.KEY_KAB] = ""
    st.session_state[state.KEY_KEC] = ""


def _on_kabkota_change() -> None:
    st.session_state[state.KEY_KEC] = ""


def _kecamatan_select(lang: str) -> None:
    """The kecamatan of the chosen kab/kota (shown only once a kab/kota is chosen)."""
    chosen_kabkota = st.session_state.get(state.KEY_KAB, "")
    if not chosen_kabkota:
        st.session_state[state.KEY_KEC] = ""
        return
    table = regions.kecamatan()
    inside = table[table["kabkota"] == chosen_kabkota].sort_values("name")
    names = dict(zip(inside["code"], inside["name"]))
    if st.session_state.get(state.KEY_KEC) not in names:
        st.session_state[state.KEY_KEC] = ""
    st.selectbox(
        translate("filters.kecamatan", lang),
        [""] + inside["code"].tolist(),
        format_func=lambda c: names.get(c, translate("filters.all_kecamatan", lang)),
        key=state.KEY_KEC,
    )


def render_sidebar(lang: str) -> None:
    def t(key: str, **values) -> str:
        return translate(key, lang, **values)

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
                on_change=_on_kabkota_change,
            )
        _kecamatan_select(lang)
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
        st.divider()
        st.caption(f"**{t('data.source')}:** {t(current_dataset().label)}")
        st.caption(t("model.label", version=DEFAULT_MODEL.version))
        st.divider()
        sign_in_box()
