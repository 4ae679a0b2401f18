"""Simulasi / What-if: coaching levers on a target set, and what they change (DESIGN.md §5)."""

import streamlit as st

from ovop_core.model import DEFAULT_MODEL
from ovop_core.whatif import rank_stability, run_whatif
from ovop_core.whatif_outcome import with_region_names
from ovop_ui.data_access.dataset import current_dataset, scored_for_model, today
from ovop_ui.shell import state
from ovop_ui.shell.state import t
from ovop_ui.text.i18n import translate
from ovop_ui.widgets import scenario, targets_panel, views
from ovop_ui.widgets import whatif_panels as panels
from ovop_ui.widgets.budget_panel import budget_planner

lang = state.current_lang()
filters = state.current_filters()
dataset = current_dataset()
scenario.seed(filters.kabkota or filters.province, filters.categories)

st.title(t("whatif.title"))
question = (
    st.segmented_control(
        t("whatif.question"),
        ["scenario", "budget"],
        format_func=lambda q: translate(f"whatif.question.{q}", lang),
        default="scenario",
        key="wi_question",
    )
    or "scenario"
)


@st.fragment
def whatif_panel() -> None:
    """Levers and results together: a lever change reruns only this fragment."""
    controls, results = st.columns([1, 2.4], gap="large")
    with controls:
        panels.levers(lang)
    model = panels.chosen_model(lang)
    sc = scenario.scenario_from_widgets(model)
    scenario.write_url()
    before = scored_for_model(dataset, model, today())
    result = run_whatif(dataset.frame, sc, today=today(), before=before)
    products = with_region_names(result.products, before)
    with results:
        views.data_notice(dataset, model.version)  # the model this simulation scores with
        panels.headline(result, products, sc, lang)
        targets_panel.scenario_line(result.products, filters.kabkota or filters.province, lang)
        if model.version != DEFAULT_MODEL.version:
            kept = rank_stability(dataset.frame, DEFAULT_MODEL, model, top=20)
            st.caption(":material/balance: " + t("whatif.stability", kept=kept))
        view = panels.choose_view(lang)
        if view == "overview":
            panels.overview_charts(result, products, lang)
        elif view == "regions":
            panels.region_ranking(result.regions, lang)
        elif view == "map":
            panels.change_map(result.regions, lang)
        else:
            panels.product_tables(products, lang)
        panels.downloads(products, result, sc, lang)


if question == "budget":
    budget_planner(dataset, filters.kabkota or filters.province, lang)
else:
    st.caption(t("whatif.intro"))
    whatif_panel()
