"""Tahapan Produk / Product pipeline: funnel, coaching owners, one stage's products, contradictions,
regions × stages."""

import streamlit as st

from ovop_core import regions
from ovop_core.contradictions import contradictions
from ovop_core.filters import apply_filters
from ovop_core.funnel import (
    filtered_stage_matrix,
    funnel_totals,
    most_blocked_stage,
    products_showing,
    stage_funnel,
)
from ovop_core.model import DEFAULT_MODEL
from ovop_ui.builders.tables import sort_for_action
from ovop_ui.data_access.dataset import current_dataset, scored_for_model, today
from ovop_ui.shell import state
from ovop_ui.shell.state import t
from ovop_ui.widgets import pipeline_panels as panels
from ovop_ui.widgets import views

lang = state.current_lang()
filters = state.current_filters()
dataset = current_dataset()
table = scored_for_model(dataset, DEFAULT_MODEL, today())
shown = apply_filters(table, filters)

st.title(t("page.pipeline"))
st.markdown(t("pipeline.subtitle"))
views.data_notice(dataset)

if shown.empty:
    st.info(t("filters.none_match"), icon=":material/search_off:")
    st.stop()

stalled_months = panels.stalled_thresholds(lang)  # stages 0–3; 4 and 5 wait, they never stall

funnel = stage_funnel(shown, stalled_months)
panels.kpi_row(funnel_totals(funnel), stalled_months, lang)
panels.funnel_and_owners(funnel, shown, filters, lang)
panels.stage_table(funnel, lang)

# --- one stage: opens where most products are blocked ---------------------------------------------
stage, show = panels.choose_stage(most_blocked_stage(funnel), lang)
in_stage = shown[shown["stage"] == stage]
panels.stage_sentence(stage, funnel.loc[stage], stalled_months, lang)
if filters.stages and stage not in filters.stages:
    st.info(t("pipeline.stage.filtered_out"), icon=":material/filter_alt:")
panels.blockers(in_stage, stage, funnel.loc[stage], lang)
picked = sort_for_action(products_showing(in_stage, show, stalled_months))
panels.product_list(picked, stalled_months, lang)
panels.downloads(picked, shown, stage, stalled_months, lang)

# --- stages the data contradict (warnings) ------------------------------------------------------
panels.contradiction_list(contradictions(shown), shown, lang)

# --- regions × stages ----------------------------------------------------------------------------
province_name = regions.region_label(filters.province)
panels.region_matrix(filtered_stage_matrix(table, filters), filters, province_name, lang)
