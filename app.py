"""OVOP Dashboard frame: page config, language, data source and navigation (runs for every page)."""

import streamlit as st

from ovop_ui.i18n import LANGS, translate

st.set_page_config(page_title="OVOP Dashboard", page_icon=":material/storefront:", layout="wide")

if "lang" not in st.session_state:
    requested = st.query_params.get("lang", "id")
    st.session_state["lang"] = requested if requested in LANGS else "id"
lang = st.session_state["lang"]

with st.sidebar:
    st.radio(
        translate("lang.label", lang),
        LANGS,
        format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
        key="lang",
        horizontal=True,
    )
st.query_params["lang"] = st.session_state["lang"]

pages = [st.Page("pages/overview.py", title=translate("page.overview", lang), icon=":material/home:", default=True)]
st.navigation(pages).run()
