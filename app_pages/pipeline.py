"""Tahapan Produk / Product pipeline: funnel, coaching owners, one stage's products, regions × stages."""

import streamlit as st

from ovop_core import regions
from ovop_core.filters import Filters, apply_filters
from ovop_core.funnel import (
    blocking_summary,
    owner_load,
    product_status,
    region_stage_matrix,
    stage_funnel,
    stalled_mask,
)
from ovop_core.model import DEFAULT_MODEL
from ovop_core.pipeline import DEFAULT_STALLED_MONTHS, LAST_STAGE, STAGES
from ovop_ui.builders import pipeline_figures, tables
from ovop_ui.data_access.dataset import current_dataset, scored_for_model, today
from ovop_ui.shell import state
from ovop_ui.shell.state import t
from ovop_ui.text.format import number, percent
from ovop_ui.text.i18n import stage_name, translate
from ovop_ui.widgets import views

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PLOT_CONFIG = {"displayModeBar": False}

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

control, _ = st.columns([2, 3])
stalled_months = control.slider(
    t("pipeline.stalled_months"),
    min_value=1,
    max_value=48,
    value=DEFAULT_STALLED_MONTHS,
    step=1,
    help=t("pipeline.stalled_months_help"),
    key="pipeline_stalled_months",
)

funnel = stage_funnel(shown, stalled_months)
cards = iter(st.columns(5))
for label, value, note, tip in (
    ("pipeline.kpi.products", len(shown), t("pipeline.kpi.products_help"), None),
    (
        "pipeline.kpi.eligible",
        funnel["n_eligible"].sum(),
        t("pipeline.kpi.eligible_help"),
        t("pipeline.kpi.eligible_tip"),
    ),
    ("pipeline.kpi.blocked", funnel["n_blocked"].sum(), t("pipeline.kpi.blocked_help"), t("pipeline.kpi.blocked_tip")),
    (
        "pipeline.kpi.stalled",
        funnel["n_stalled"].sum(),
        t("pipeline.kpi.stalled_help", months=number(stalled_months, lang)),
        t("pipeline.stalled_months_help"),
    ),
    ("pipeline.kpi.reeval", funnel["n_reeval_due"].sum(), t("pipeline.kpi.reeval_help"), t("pipeline.kpi.reeval_tip")),
):
    next(cards).metric(
        t(label),
        number(int(value), lang),
        border=True,
        height="stretch",
        help=tip,
        delta=note,
        delta_color="off",
        delta_arrow="off",
    )

left, right = st.columns([3, 2])
with left.container(border=True):
    st.markdown(f"**{t('pipeline.funnel.title')}**")
    st.caption(t("pipeline.funnel.help"))
    if filters.stages:
        st.caption(f":material/filter_alt: {t('pipeline.funnel.stage_filter')}")
    st.plotly_chart(pipeline_figures.stage_funnel(funnel, lang), width="stretch", config=PLOT_CONFIG)
with right.container(border=True):
    st.markdown(f"**{t('pipeline.owner.title')}**")
    st.caption(t("pipeline.owner.help"))
    st.plotly_chart(pipeline_figures.owner_load(owner_load(shown), lang), width="stretch", config=PLOT_CONFIG)

with st.container(border=True):
    st.markdown(f"**{t('pipeline.summary.title')}**")
    summary = tables.stage_summary(funnel, lang)
    conversion = translate("col.conversion", lang)
    summary[conversion] = summary[conversion].map(lambda v: percent(v, lang, 0))
    column_help = {
        translate(f"col.{c}", lang): st.column_config.Column(help=t(f"pipeline.help.{c}"))
        for c in ("in_stage", "reached", "conversion", "eligible", "blocked", "waiting", "stalled", "reeval_due")
    }
    st.dataframe(summary, hide_index=True, width="stretch", key="pipeline_summary", column_config=column_help)

# --- one stage ---------------------------------------------------------------------------------
st.subheader(t("pipeline.stage.title"))
if "pipeline_stage" not in st.session_state:  # open where most products are blocked
    st.session_state["pipeline_stage"] = int(funnel["n_blocked"].idxmax())
chosen = st.segmented_control(
    t("pipeline.stage.choose"),
    [s.number for s in STAGES],
    format_func=lambda s: stage_name(s, lang),
    key="pipeline_stage",
)
stage = int(chosen if chosen is not None else funnel["n_blocked"].idxmax())
STATUS_CHOICES = ("all", "eligible", "blocked", "waiting", "stalled")
show = (
    st.segmented_control(
        t("pipeline.stage.show"),
        STATUS_CHOICES,
        format_func=lambda s: translate(f"pipeline.status.{s}", lang),
        default="all",
        key="pipeline_show",
    )
    or "all"
)

in_stage = shown[shown["stage"] == stage]
row = funnel.loc[stage]
next_name = stage_name(stage + 1, lang) if stage < LAST_STAGE else ""
counts = dict(
    n=number(int(row["n_in_stage"]), lang),
    eligible=number(int(row["n_eligible"]), lang),
    blocked=number(int(row["n_blocked"]), lang),
    waiting=number(int(row["n_waiting"]), lang),
    stalled=number(int(row["n_stalled"]), lang),
)
if stage == LAST_STAGE:
    st.markdown(t("pipeline.stage.summary_last", n=counts["n"], stalled=counts["stalled"]))
elif stage == LAST_STAGE - 1:  # stage 5 waits for its re-evaluation date
    st.markdown(t("pipeline.stage.summary_waiting", **counts))
else:
    st.markdown(t("pipeline.stage.summary", next=next_name, **{k: v for k, v in counts.items() if k != "waiting"}))

if filters.stages and stage not in filters.stages:
    st.info(t("pipeline.stage.filtered_out"), icon=":material/filter_alt:")

if stage < LAST_STAGE and len(in_stage):
    summary_kinds = blocking_summary(in_stage)
    with st.container(border=True):
        st.markdown(f"**{t('pipeline.stage.blockers')}**")
        if int(row["n_blocked"]) or int(row["n_waiting"]):
            st.plotly_chart(pipeline_figures.blockers(summary_kinds, stage, lang), width="stretch", config=PLOT_CONFIG)
        else:
            st.caption(t("pipeline.stage.no_blockers"))

status = product_status(in_stage)
if show == "stalled":
    picked = in_stage[stalled_mask(in_stage, stalled_months)]
elif show != "all":
    picked = in_stage[status == show]
else:
    picked = in_stage
picked = tables.sort_for_action(picked)

if picked.empty:
    st.caption(t("pipeline.stage.empty"))
else:
    view = tables.pipeline_products(picked, lang, stalled_months)
    score, months = translate("col.score", lang), translate("col.months", lang)
    view[score] = view[score].map(lambda v: number(v, lang, 1))
    view[months] = view[months].astype("float64").map(lambda v: number(v, lang, 1))
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        height=min(420, 38 + 35 * len(view)),
        key="pipeline_stage_table",
        column_config={
            translate("col.blocking", lang): st.column_config.TextColumn(width=300),
            translate("col.stalled", lang): st.column_config.TextColumn(help=t("pipeline.help.stalled")),
            translate("col.reeval_due", lang): st.column_config.TextColumn(help=t("pipeline.help.reeval_due")),
        },
    )

# Downloads are built only when clicked (deferred), in the UI language.
stage_export = tables.sort_for_action(picked)
all_export = shown.sort_values(["stage", "product_id"], kind="stable")
st.markdown(f"**:material/download: {t('pipeline.download.label')}**")
buttons = st.container(horizontal=True)
for label, frame, name, sheet, kind in (
    ("pipeline.download.stage_csv", stage_export, t("pipeline.file.stage", stage=stage), None, "csv"),
    (
        "pipeline.download.stage_xlsx",
        stage_export,
        t("pipeline.file.stage", stage=stage),
        t("pipeline.sheet.stage", stage=stage),
        "xlsx",
    ),
    ("pipeline.download.all_csv", all_export, t("pipeline.file.all"), None, "csv"),
    ("pipeline.download.all_xlsx", all_export, t("pipeline.file.all"), t("pipeline.sheet.all"), "xlsx"),
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

# --- regions × stages ----------------------------------------------------------------------------
st.subheader(t("pipeline.region.title"))
if filters.province:
    # The chosen kab/kota is shown among its province's kab/kota, as on the map.
    pool = apply_filters(
        table, Filters(province=filters.province, categories=filters.categories, stages=filters.stages)
    )
    matrix = region_stage_matrix(pool, "kabkota", filters.province)
    province_name = regions.region_name(filters.province) or filters.province
    st.caption(t("pipeline.region.help_kabkota", province=province_name))
else:
    matrix = region_stage_matrix(shown, "province")
    st.caption(t("pipeline.region.help_provinces"))
st.plotly_chart(
    pipeline_figures.region_heatmap(matrix, lang, highlight=filters.kabkota), width="stretch", config=PLOT_CONFIG
)
