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
from ovop_core.costs import COLUMNS, DEFAULT_COSTS, CostsError, UnitCosts, parse_costs, read_costs
from ovop_core.model import DEFAULT_MODEL
from ovop_core.planning import Plan, next_step, plan_budget, plan_sentences
from ovop_core.store.settings import SettingVersion
from ovop_ui.builders import plan_tables
from ovop_ui.builders.tables import to_csv_bytes, to_xlsx_bytes
from ovop_ui.data_access.dataset import Dataset
from ovop_ui.data_access.store import flash, run_write, store
from ovop_ui.shell.session import current_user
from ovop_ui.shell.state import t
from ovop_ui.text.format import md_escape, number, rupiah
from ovop_ui.text.i18n import translate
from ovop_ui.widgets.views import fitted_height

KEY_BUDGET, KEY_INTERVENE = "plan_budget", "plan_intervene"
DEFAULT_BUDGET = 500_000_000
BUDGET_STEP = 10_000_000
MAX_BUDGET = 10**13


@st.cache_resource(show_spinner=False)
def _shipped_costs() -> UnitCosts:
    """The shipped unit costs (``data/costs.csv``), read once per server."""
    return read_costs()


@st.cache_resource(max_entries=4, show_spinner=False)
def _saved_costs(setting_id: int, content: str) -> UnitCosts | None:
    """An admin's saved costs (checked when saved; None if this code no longer accepts them)."""
    try:
        return parse_costs(content, "costs")
    except CostsError:
        return None


def unit_costs() -> tuple[UnitCosts, SettingVersion | None]:
    """The costs in force: the newest an admin saved in the store, else the shipped file."""
    s = store()
    saved = s.setting("costs") if s is not None else None
    costs = _saved_costs(saved.id, saved.content) if saved is not None else None
    return (costs, saved) if costs is not None else (_shipped_costs(), None)


@st.cache_data(max_entries=16, show_spinner=False)
def _plan(
    _frame: pd.DataFrame, version: str, _costs: UnitCosts, costs_key: str, budget: int, names: tuple, region: str
) -> tuple[Plan, dict]:
    """The plan and its next Rp 100 juta, cached per dataset version, cost table and question."""
    plan = plan_budget(_frame, budget, _costs, names, region, DEFAULT_MODEL)
    return plan, next_step(_frame, plan, _costs, region, DEFAULT_MODEL)


def budget_planner(dataset: Dataset, region: str, lang: str) -> None:
    """The form, the sentence to read aloud, the totals, the chosen products and the downloads."""
    flash()
    costs, saved = unit_costs()
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
    key = f"saved-{saved.id}" if saved is not None else "shipped"
    plan, more = _plan(dataset.frame, dataset.version, costs, key, int(budget), tuple(names), region)
    _results(plan, more, region, priced, lang)
    with st.expander(t("plan.costs")):
        _costs_section(costs, saved, lang)


def _costs_section(costs: UnitCosts, saved: SettingVersion | None, lang: str) -> None:
    """The unit costs with their sources; an admin edits them here (saved as a new version)."""
    st.caption(t("plan.costs_help"))
    if saved is None:
        st.caption(t("plan.costs_shipped"))
    else:
        st.caption(
            t("plan.costs_saved", author=md_escape(saved.author), when=saved.created_at.strftime("%Y-%m-%d %H:%M UTC"))
        )
    s, user = store(), current_user()
    if s is None or not user.is_admin:
        shown = plan_tables.readable(plan_tables.costs_table(costs.table, lang), lang)
        st.dataframe(shown, hide_index=True, width="stretch")
        return
    edited = st.data_editor(
        costs.table[list(COLUMNS)], num_rows="dynamic", hide_index=True, width="stretch", key="plan_costs_editor"
    )
    note = st.text_input(t("plan.costs_note"), key="plan_costs_note")
    row = st.container(horizontal=True)
    if row.button(t("plan.costs_save"), icon=":material/save:", key="plan_costs_save"):
        content = edited.to_csv(index=False, lineterminator="\n")
        try:
            parse_costs(content, t("plan.costs_table"))
        except CostsError as exc:
            st.error(md_escape(exc.text(lang)), icon=":material/error:")
            return
        run_write(lambda: s.save_setting("costs", content, user, note))
    if saved is not None and row.button(t("plan.costs_reset"), icon=":material/restart_alt:", key="plan_costs_reset"):
        content = DEFAULT_COSTS.read_text(encoding="utf-8")
        run_write(lambda: s.save_setting("costs", content, user, note or t("plan.costs_reset")))


def _results(plan: Plan, more: dict, region: str, priced: tuple[str, ...], lang: str) -> None:
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
    shown = plan_tables.readable(table, lang)
    st.dataframe(shown, hide_index=True, width="stretch", height=fitted_height(len(table)))
    # Built when clicked, not on each rerun of the budget slider (see whatif_panels.downloads).
    sheet = t("plan.sheet")
    row = st.container(horizontal=True)
    row.download_button(t("plan.download_csv"), lambda: to_csv_bytes(table, lang), "rencana_anggaran.csv",
                        "text/csv", icon=":material/download:", on_click="ignore", key="plan_dl_csv")  # fmt: skip
    row.download_button(
        t("plan.download_xlsx"),
        lambda: to_xlsx_bytes(table, sheet),
        "rencana_anggaran.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key="plan_dl_xlsx",
    )
    st.caption(f"{t('whatif.cli')}:")
    command = f"python -m ovop_core plan REGISTRY.csv --budget {plan.budget}"
    if plan.interventions != priced:
        command += " --intervene " + ",".join(plan.interventions)
    if region:
        command += f" --region {region}"
    st.code(command, language="bash")
