"""Beranda / Overview: headline figures, stars, categories, stages, top regions and products."""

import streamlit as st

from ovop_core import regions
from ovop_core.filters import apply_filters
from ovop_core.kpi import compute_kpis
from ovop_core.model import DEFAULT_MODEL
from ovop_ui import figures, state, views
from ovop_ui.data import current_dataset, scored_for_model, today
from ovop_ui.format import number, percent, md_escape
from ovop_ui.state import t

lang = state.current_lang()
filters = state.current_filters()
dataset = current_dataset()
table = scored_for_model(dataset, DEFAULT_MODEL, today())
shown = apply_filters(table, filters)

st.title(t("app.short"))
st.markdown(f"**{t('app.subtitle')}** · {t('app.tagline')}")
views.data_notice(dataset)

if shown.empty:
    st.info(t("filters.none_match"), icon=":material/search_off:")
    st.stop()

kpis = compute_kpis(shown, shown)
cards = st.columns(5)
cards[0].metric(t("kpi.products"), number(kpis.n_products, lang), border=True, height="stretch")
cards[1].metric(t("kpi.regions"), number(kpis.n_kabkota, lang), border=True, height="stretch",
                delta=t("kpi.regions_help", n_prov=number(kpis.n_provinces, lang)), delta_color="off", delta_arrow="off")
cards[2].metric(t("kpi.mean_score"), number(kpis.mean_score, lang, 1), border=True, height="stretch",
                delta=t("kpi.mean_score_help"), delta_color="off", delta_arrow="off")
cards[3].metric(t("kpi.recognised"), number(kpis.n_recognised, lang), border=True, height="stretch",
                delta=t("kpi.recognised_help", share=percent(kpis.share_recognised, lang)),
                delta_color="off", delta_arrow="off")
cards[4].metric(t("kpi.eligible"), number(kpis.n_eligible, lang), border=True, height="stretch",
                delta=t("kpi.eligible_help"), delta_color="off", delta_arrow="off")

charts = st.columns(3)
for column, title, build in (
    (charts[0], "overview.stars", figures.star_distribution),
    (charts[1], "overview.categories", figures.category_counts),
    (charts[2], "overview.stages", figures.stage_counts),
):
    with column.container(border=True):
        st.markdown(f"**{t(title)}**")
        st.plotly_chart(build(shown, lang), width="stretch", config={"displayModeBar": False})

left, right = st.columns([2, 3])
with left.container(border=True):
    st.markdown(f"**{t('overview.top_regions')}**")
    level = "kabkota" if filters.province else "province"
    index = regions.region_index(shown, level)
    if filters.province:
        index = index[index["province"] == filters.province]
    views.region_table(index, lang, limit=10)
    st.caption(t("overview.top_regions_help"))

with right.container(border=True):
    st.markdown(f"**{t('overview.top_products')}**")
    top = shown.sort_values(["score", "product_id"], ascending=[False, True], na_position="last").head(10)
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
        st.plotly_chart(figures.score_breakdown(product, DEFAULT_MODEL, lang), width="stretch",
                        config={"displayModeBar": False})
