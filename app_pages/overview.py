"""Beranda / Overview: headline figures, stars, categories, stages, top regions and products."""

import streamlit as st

from ovop_core import summary
from ovop_core.filters import apply_filters
from ovop_core.model import DEFAULT_MODEL
from ovop_ui.builders import figures
from ovop_ui.data_access.dataset import current_dataset, scored_for_model, scored_history, today
from ovop_ui.shell import state
from ovop_ui.shell.state import t
from ovop_ui.text.format import md_escape
from ovop_ui.text.summary_text import economy_cards, kpi_cards
from ovop_ui.widgets import targets_panel, views
from ovop_ui.widgets.charts import chart
from ovop_ui.widgets.rounds_panel import rounds_panel

lang = state.current_lang()
filters = state.current_filters()
dataset = current_dataset()
table = scored_for_model(dataset, DEFAULT_MODEL, today())
# The region filter chooses the summary's region; the other filters narrow the products it counts.
pool = apply_filters(table, filters.without_region())
region = summary.summarise(pool, filters.region)
shown = summary.scope(pool, region.code)

st.title(t("app.short"))
st.markdown(f"**{t('app.subtitle')}** · {t('app.tagline')}")
views.data_notice(dataset)

if shown.empty:
    st.info(t("filters.none_match"), icon=":material/search_off:")
    st.stop()

cards = kpi_cards(region.kpis, lang) | economy_cards(region.kpis, lang)
# Recognised (official) and potential (estimated) side by side; the programme's economy below.
rows = (("products", "regions", "mean_score", "recognised", "potential"), ("eligible", "workers", "revenue", "desa"))
with st.container(key="overview_kpis"):  # the headline cards (targets and rounds have cards of their own)
    for row in ({name: cards[name] for name in names} for names in rows):
        for column, (label, value, note) in zip(st.columns(len(row)), row.values()):
            column.metric(
                label, value, border=True, height="stretch", delta=note or None, delta_color="off", delta_arrow="off"
            )

everything = scored_history(dataset, DEFAULT_MODEL, today())  # every round: targets, rounds panel
targets_panel.progress_box(everything, region.code, lang, filtered=not filters.without_region().is_empty)

charts = st.columns(3)
for column, title, build in (
    (charts[0], "overview.stars", figures.star_distribution),
    (charts[1], "overview.categories", figures.category_counts),
    (charts[2], "overview.stages", figures.stage_counts),
):
    with column.container(border=True):
        st.markdown(f"**{t(title)}**")
        chart(build(shown, lang), t(title), lang)

with st.container(border=True):  # every round, narrowed by the same non-region filters
    rounds_panel(apply_filters(everything, filters.without_region()), region.code, lang, key="overview")

left, right = st.columns([2, 3])
with left.container(border=True):
    st.markdown(f"**{t('overview.top_regions')}**")
    level = "kecamatan" if filters.kabkota else "kabkota" if filters.province else "province"
    views.region_table(summary.peers(shown, level, within=filters.kabkota or filters.province), lang, limit=10)
    st.caption(t("overview.top_regions_help"))

with right.container(border=True):
    st.markdown(f"**{t('overview.top_products')}**")
    top = region.top
    views.product_table(top, lang)
    choice = st.selectbox(
        t("overview.top_products_help"),
        top["product_id"].tolist(),
        format_func=dict(zip(top["product_id"], top["name"])).get,
        key="overview_product",
    )

if choice:
    product = top.set_index("product_id").loc[choice]
    with st.container(border=True):
        st.markdown(f"**{t('overview.breakdown', name=md_escape(product['name']))}**")
        st.caption(t("overview.breakdown_help"))
        views.cap_notice(product, lang)
        chart(
            figures.score_breakdown(product, DEFAULT_MODEL, lang), t("overview.breakdown", name=product["name"]), lang
        )

targets_panel.targets_editor(lang)
