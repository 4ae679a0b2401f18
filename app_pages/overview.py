"""Beranda / Overview: the headline figures of the registry."""

import pandas as pd
import streamlit as st

from ovop_core.kpi import compute_kpis
from ovop_core.model import DEFAULT_MODEL
from ovop_ui.data import demo_dataset, scored_table
from ovop_ui.format import number, percent
from ovop_ui.i18n import translate

lang = st.session_state.get("lang", "id")


def t(key: str, **values) -> str:
    return translate(key, lang, **values)


dataset = demo_dataset()
table = scored_table(dataset.frame, dataset.version, DEFAULT_MODEL.version, str(pd.Timestamp.today().date()))
kpis = compute_kpis(table, table)

st.title(t("app.title"))
st.caption(t("data.demo" if dataset.label == "data.demo" else "data.synthetic"))
with st.container(horizontal=True):
    st.metric(t("kpi.products"), number(kpis.n_products, lang), border=True)
    st.metric(t("kpi.regions"), number(kpis.n_kabkota, lang), t("kpi.regions_help", n_prov=kpis.n_provinces),
              delta_color="off", delta_arrow="off", border=True)
    st.metric(t("kpi.mean_score"), number(kpis.mean_score, lang, 1), border=True)
    st.metric(t("kpi.recognised"), number(kpis.n_recognised, lang),
              t("kpi.recognised_help", share=percent(kpis.share_recognised, lang)),
              delta_color="off", delta_arrow="off", border=True)
    st.metric(t("kpi.eligible"), number(kpis.n_eligible, lang), border=True)
st.caption(t("model.label", version=DEFAULT_MODEL.version))
