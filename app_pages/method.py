"""Metodologi / Methodology: the model in use, its weights, bands, gates, anchors and stage rules."""

import streamlit as st

from ovop_core.model import DEFAULT_MODEL
from ovop_ui.shell import state
from ovop_ui.shell.state import t
from ovop_ui.widgets import methodology

lang = state.current_lang()
st.title(t("method.title"))
st.markdown(t("method.intro"))
methodology.render(DEFAULT_MODEL, lang)
