"""The pipeline page's sections: the stalled thresholds, headline counts, funnel and coaching
owners, the stage table, one stage's products with their blockers and downloads, products whose
stage contradicts their data, and regions × stages.

The numbers come from ``ovop_core.funnel`` (one rule set with the pipeline status); these
functions only lay them out and word them in the visitor's language.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from ovop_core.filters import Filters
from ovop_core.funnel import SHOWN_STATUSES, FunnelTotals, blocking_summary, owner_load
from ovop_core.pipeline import DEFAULT_STALLED_MONTHS, LAST_STAGE, STAGES, STALLABLE_STAGES
from ovop_ui.builders import pipeline_figures, tables
from ovop_ui.shell.state import t
from ovop_ui.text.format import number, percent
from ovop_ui.text.i18n import stage_name, translate
from ovop_ui.widgets.charts import chart
from ovop_ui.widgets.views import fitted_height

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HELPED_COLUMNS = ("in_stage", "reached", "conversion", "eligible", "blocked", "waiting", "stalled", "reeval_due")


def stalled_thresholds(lang: str) -> dict[int, int]:
    """The stalled threshold of each stage 0–3 in months (defaults 6, 6, 6, 3; DESIGN.md §6)."""
    with st.expander(t("pipeline.stalled_months"), icon=":material/hourglass_bottom:"):
        st.caption(t("pipeline.stalled_months_help"))
        columns = st.columns(len(STALLABLE_STAGES))
        return {
            stage: int(
                column.number_input(
                    t("pipeline.stalled_stage", stage=stage),
                    min_value=1,
                    max_value=48,
                    value=int(DEFAULT_STALLED_MONTHS[stage]),
                    step=1,
                    help=stage_name(stage, lang),
                    key=f"pipeline_stalled_months_{stage}",
                )
            )
            for stage, column in zip(STALLABLE_STAGES, columns)
        }


def kpi_row(totals: FunnelTotals, stalled_months: Mapping[int, int], lang: str) -> None:
    """Products, ready to move on, blocked, stalled and due for re-evaluation, with what each means."""
    cards = (
        ("pipeline.kpi.products", totals.n_products, t("pipeline.kpi.products_help"), None),
        ("pipeline.kpi.eligible", totals.n_eligible, t("pipeline.kpi.eligible_help"), t("pipeline.kpi.eligible_tip")),
        ("pipeline.kpi.blocked", totals.n_blocked, t("pipeline.kpi.blocked_help"), t("pipeline.kpi.blocked_tip")),
        (
            "pipeline.kpi.stalled",
            totals.n_stalled,
            t("pipeline.kpi.stalled_help", months=pipeline_figures.stalled_months_text(stalled_months, lang)),
            t("pipeline.stalled_months_help"),
        ),
        ("pipeline.kpi.reeval", totals.n_reeval_due, t("pipeline.kpi.reeval_help"), t("pipeline.kpi.reeval_tip")),
    )
    for column, (label, value, note, tip) in zip(st.columns(5), cards):
        column.metric(
            t(label),
            number(int(value), lang),
            border=True,
            height="stretch",
            help=tip,
            delta=note,
            delta_color="off",
            delta_arrow="off",
        )


def funnel_and_owners(funnel: pd.DataFrame, shown: pd.DataFrame, filters: Filters, lang: str) -> None:
    left, right = st.columns([3, 2])
    with left.container(border=True):
        st.markdown(f"**{t('pipeline.funnel.title')}**")
        st.caption(t("pipeline.funnel.help"))
        if filters.stages:
            st.caption(f":material/filter_alt: {t('pipeline.funnel.stage_filter')}")
        chart(pipeline_figures.stage_funnel(funnel, lang), t("pipeline.funnel.title"), lang)
    with right.container(border=True):
        st.markdown(f"**{t('pipeline.owner.title')}**")
        st.caption(t("pipeline.owner.help"))
        chart(pipeline_figures.owner_load(owner_load(shown), lang), t("pipeline.owner.title"), lang)


def stage_table(funnel: pd.DataFrame, lang: str) -> None:
    """The funnel as a table, each count explained in its column header's help."""
    with st.container(border=True):
        st.markdown(f"**{t('pipeline.summary.title')}**")
        summary = tables.stage_summary(funnel, lang)
        conversion = translate("col.conversion", lang)
        summary[conversion] = summary[conversion].map(lambda v: percent(v, lang, 0))
        column_help = {
            translate(f"col.{c}", lang): st.column_config.Column(help=t(f"pipeline.help.{c}")) for c in HELPED_COLUMNS
        }
        st.dataframe(summary, hide_index=True, width="stretch", key="pipeline_summary", column_config=column_help)


def choose_stage(default: int, lang: str) -> tuple[int, str]:
    """The stage to look at (first opened on ``default``) and which of its products to list."""
    st.subheader(t("pipeline.stage.title"))
    if "pipeline_stage" not in st.session_state:
        st.session_state["pipeline_stage"] = default
    chosen = st.segmented_control(
        t("pipeline.stage.choose"),
        [s.number for s in STAGES],
        format_func=lambda s: stage_name(s, lang),
        key="pipeline_stage",
    )
    show = st.segmented_control(
        t("pipeline.stage.show"),
        SHOWN_STATUSES,
        format_func=lambda s: translate(f"pipeline.status.{s}", lang),
        default="all",
        key="pipeline_show",
    )
    return int(chosen if chosen is not None else default), show or "all"


def stage_sentence(stage: int, counts: pd.Series, stalled_months: Mapping[int, int], lang: str) -> None:
    """How many products the stage holds and how many can move on, are blocked, wait or are
    stalled (a row of the funnel). The last stage has no next one; stage 5 waits for its
    re-evaluation date; only stages 0–3 stall (4 and 5 last until re-evaluation)."""
    values = {
        key: number(int(counts[f"n_{column}"]), lang)
        for key, column in (("n", "in_stage"), ("eligible", "eligible"), ("blocked", "blocked"), ("waiting", "waiting"))
    }
    if stage == LAST_STAGE:
        text = t("pipeline.stage.summary_last", n=values["n"], reeval=number(int(counts["n_reeval_due"]), lang))
    elif stage == LAST_STAGE - 1:
        text = t("pipeline.stage.summary_waiting", **values)
    else:
        values.pop("waiting")
        text = t("pipeline.stage.summary", next=stage_name(stage + 1, lang), **values)
    if stage in STALLABLE_STAGES:
        months = number(stalled_months[stage], lang)
        text += " " + t("pipeline.stage.stalled", stalled=number(int(counts["n_stalled"]), lang), months=months)
    elif stage < LAST_STAGE:
        text += " " + t("pipeline.stage.no_stall")
    st.markdown(text)


def blockers(in_stage: pd.DataFrame, stage: int, counts: pd.Series, lang: str) -> None:
    """What holds the stage's products back, by kind of blocker (nothing below the last stage)."""
    if stage >= LAST_STAGE or not len(in_stage):
        return
    with st.container(border=True):
        st.markdown(f"**{t('pipeline.stage.blockers')}**")
        if int(counts["n_blocked"]) or int(counts["n_waiting"]):
            figure = pipeline_figures.blockers(blocking_summary(in_stage), stage, lang)
            chart(figure, t("pipeline.stage.blockers"), lang)
        else:
            st.caption(t("pipeline.stage.no_blockers"))


def product_list(picked: pd.DataFrame, stalled_months: Mapping[int, int], lang: str) -> None:
    """The chosen products, those to act on first at the top (``tables.sort_for_action``)."""
    if picked.empty:
        st.caption(t("pipeline.stage.empty"))
        return
    view = tables.pipeline_products(picked, lang, stalled_months)
    score, months = translate("col.score", lang), translate("col.months", lang)
    view[score] = view[score].map(lambda v: number(v, lang, 1))
    view[months] = view[months].astype("float64").map(lambda v: number(v, lang, 1))
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        height=fitted_height(len(view)),
        key="pipeline_stage_table",
        column_config={
            translate("col.blocking", lang): st.column_config.TextColumn(width=300),
            translate("col.stalled", lang): st.column_config.TextColumn(help=t("pipeline.help.stalled")),
            translate("col.reeval_due", lang): st.column_config.TextColumn(help=t("pipeline.help.reeval_due")),
        },
    )


def downloads(
    picked: pd.DataFrame, shown: pd.DataFrame, stage: int, stalled_months: Mapping[int, int], lang: str
) -> None:
    """The stage's list and every shown product, as CSV or XLSX (built only when clicked, in ``lang``)."""
    stage_export = tables.sort_for_action(picked)
    all_export = shown.sort_values(["stage", "product_id"], kind="stable")
    st.markdown(f"**:material/download: {t('pipeline.download.label')}**")
    buttons = st.container(horizontal=True)
    stage_file, all_file = t("pipeline.file.stage", stage=stage), t("pipeline.file.all")
    for label, frame, name, sheet, kind in (
        ("pipeline.download.stage_csv", stage_export, stage_file, None, "csv"),
        ("pipeline.download.stage_xlsx", stage_export, stage_file, t("pipeline.sheet.stage", stage=stage), "xlsx"),
        ("pipeline.download.all_csv", all_export, all_file, None, "csv"),
        ("pipeline.download.all_xlsx", all_export, all_file, t("pipeline.sheet.all"), "xlsx"),
    ):

        def build(frame=frame, sheet=sheet, kind=kind) -> bytes:
            localised = tables.pipeline_products(frame, lang, stalled_months, full=True)
            return tables.to_csv_bytes(localised, lang) if kind == "csv" else tables.to_xlsx_bytes(localised, sheet)

        buttons.download_button(
            t(label),
            data=build,
            file_name=f"{name}.{kind}",
            mime=CSV_MIME if kind == "csv" else XLSX_MIME,
            icon=":material/table_view:" if kind == "xlsx" else ":material/csv:",
            on_click="ignore",
            key=f"pipeline_{label.rsplit('.', 1)[-1]}",
            disabled=frame.empty,
        )


def contradiction_list(found: pd.DataFrame, shown: pd.DataFrame, lang: str) -> None:
    """Products whose stage contradicts their data (``contradictions.contradictions`` of the
    shown products): a count and a table with the reason. Warnings, not errors (DESIGN.md §6)."""
    st.subheader(t("pipeline.contra.title"))
    st.caption(t("pipeline.contra.help"))
    if found.empty:
        st.caption(t("pipeline.contra.none"))
        return
    n_products = number(found["product_id"].nunique(), lang)
    st.markdown(t("pipeline.contra.count", n=n_products, m=number(len(found), lang)))
    view = tables.contradiction_table(found, shown, lang)
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        height=fitted_height(len(view)),
        key="pipeline_contradictions",
        column_config={translate("col.contradiction", lang): st.column_config.TextColumn(width=420)},
    )


def region_matrix(matrix: pd.DataFrame, filters: Filters, province_name: str, lang: str) -> None:
    """Regions × stages: provinces, or the chosen province's kab/kota (the chosen one highlighted)."""
    st.subheader(t("pipeline.region.title"))
    if filters.province:
        st.caption(t("pipeline.region.help_kabkota", province=province_name))
    else:
        st.caption(t("pipeline.region.help_provinces"))
    figure = pipeline_figures.region_heatmap(matrix, lang, highlight=filters.kabkota)
    chart(figure, t("pipeline.region.title"), lang)
