"""The what-if page's budget planner (DESIGN.md §11): "with Rp 500 juta, which products do we fund?"

The visitor sets a budget and the interventions that may be funded; the plan covers the products
of the region chosen in the sidebar. What it buys, what it gains and what the next Rp 100 juta
would add come from ``ovop_core.planning``; this module only lays them out and offers the plan
for the minutes (CSV/XLSX, headers in the visitor's language).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ovop_core import regions
from ovop_core.costs import UnitCosts, read_costs
from ovop_core.model import DEFAULT_MODEL
from ovop_core.planning import Plan, next_step, plan_budget, plan_sentences
from ovop_ui.builders import plan_tables
from ovop_ui.builders.tables import to_csv_bytes, to_xlsx_bytes
from ovop_ui.data_access.dataset import Dataset
from ovop_ui.shell.state import t
from ovop_ui.text.format import number, rupiah
from ovop_ui.text.i18n import translate

KEY_BUDGET, KEY_INTERVENE = "plan_budget", "plan_intervene"
DEFAULT_BUDGET = 500_000_000
BUDGET_STEP = 10_000_000
MAX_BUDGET = 10**13


@st.cache_resource(show_spinner=False)
def unit_costs() -> UnitCosts:
    """The shipped unit costs (``data/costs.csv``), read once per server."""
    return read_costs()


@st.cache_data(max_entries=16, show_spinner=False)
def _plan(_frame: pd.DataFrame, version: str, budget: int, names: tuple[str, ...], region: str) -> tuple[Plan, dict]:
    """The plan and its next Rp 100 juta, cached per dataset version and question."""
    costs = unit_costs()
    plan = plan_budget(_frame, budget, costs, names, region, DEFAULT_MODEL)
    return plan, next_step(_frame, plan, costs, region, DEFAULT_MODEL)


def budget_planner(dataset: Dataset, region: str, lang: str) -> None:
    """The form, the sentence to read aloud, the totals, the chosen products and the downloads."""
    costs = unit_costs()
    priced = costs.priced()
    st.subheader(t("plan.title"))
    st.caption(t("plan.intro"))
    form, scope = st.columns([1, 1], gap="large")
    budget = form.number_input(
        t("plan.budget"),
        min_value=0,
        max_value=MAX_BUDGET,
        value=DEFAULT_BUDGET,
        step=BUDGET_STEP,
        key=KEY_BUDGET,
        help=t("plan.budget_help"),
    )
    form.caption(f"= {rupiah(budget, lang)}")  # 500000000 is hard to read aloud; "Rp 500 jt" is not
    names = (
        st.pills(
            t("plan.interventions"),
            list(priced),
            selection_mode="multi",
            default=list(priced),
            key=KEY_INTERVENE,
            format_func=lambda k: translate(f"intervention.{k}", lang),
        )
        or []
    )
    place = regions.region_label(region) if region else translate("map.indonesia", lang)
    scope.markdown(f"**{t('plan.scope')}**  \n{place}")
    scope.caption(t("plan.scope_help"))
    plan, more = _plan(dataset.frame, dataset.version, int(budget), tuple(names), region)
    _results(plan, more, region, lang)
    with st.expander(t("plan.costs")):
        st.caption(t("plan.costs_help"))
        st.dataframe(plan_tables.costs_table(costs.table, lang), hide_index=True, width="stretch")


def _results(plan: Plan, more: dict, region: str, lang: str) -> None:
    sentences = plan_sentences(plan, more, lang)
    st.info(sentences[0], icon=":material/campaign:")
    cards = st.columns(4)
    per = plan.cost_per_newly_recognised
    cards[0].metric(t("plan.kpi.cost"), rupiah(plan.total_cost, lang), border=True,
                    help=t("plan.kpi.cost_help", budget=rupiah(plan.budget, lang)))  # fmt: skip
    cards[1].metric(t("plan.kpi.products"), number(len(plan.chosen), lang), border=True)
    cards[2].metric(t("plan.kpi.recognised"), number(plan.newly_recognised, lang), border=True,
                    help=t("plan.kpi.recognised_help", n=number(plan.newly_potential, lang)))  # fmt: skip
    cards[3].metric(t("plan.kpi.per"), rupiah(per, lang) if per is not None else "–", border=True)
    st.caption("  \n".join(sentences[1:] + [t(f"plan.method.{plan.method}")]))
    if plan.chosen.empty:
        return
    table = plan_tables.chosen_table(plan.chosen, lang)
    st.dataframe(table, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(table)))
    row = st.container(horizontal=True)
    row.download_button(t("plan.download_csv"), to_csv_bytes(table, lang), "rencana_anggaran.csv", "text/csv",
                        icon=":material/download:", key="plan_dl_csv")  # fmt: skip
    row.download_button(
        t("plan.download_xlsx"),
        to_xlsx_bytes(table, t("plan.sheet")),
        "rencana_anggaran.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key="plan_dl_xlsx",
    )
    st.caption(f"{t('whatif.cli')}:")
    command = f"python -m ovop_core plan REGISTRY.csv --budget {plan.budget}"
    if plan.interventions != unit_costs().priced():
        command += " --intervene " + ",".join(plan.interventions)
    if region:
        command += f" --region {region}"
    st.code(command, language="bash")
