"""Peta Wilayah / Regional map: provinces coloured by a metric; click to drill down to kab/kota."""

import streamlit as st

from ovop_core import regions, summary
from ovop_core.filters import apply_filters
from ovop_core.model import DEFAULT_MODEL
from ovop_ui.builders import maps
from ovop_ui.data_access.dataset import current_dataset, geojson, scored_for_model, today
from ovop_ui.shell import state
from ovop_ui.shell.state import t
from ovop_ui.text.i18n import translate
from ovop_ui.widgets import views
from ovop_ui.widgets.map_controls import classing_control
from ovop_ui.widgets.map_widget import show_map
from ovop_ui.widgets.profile import region_profile

lang = state.current_lang()
filters = state.current_filters()
dataset = current_dataset()
table = scored_for_model(dataset, DEFAULT_MODEL, today())
# The map compares regions, so the region filter picks what to show, not what to count.
pool = apply_filters(table, filters.without_region())

st.title(t("page.map"))
views.data_notice(dataset)

metric = (
    st.segmented_control(
        t("map.metric"),
        list(maps.METRICS),
        format_func=lambda m: translate(f"metric.{m}", lang),
        default="mean_score",
        key="map_metric",
    )
    or "mean_score"
)
classing = classing_control(metric, lang)

nonce = st.session_state.setdefault("map_nonce", 0)


def _navigate(province: str | None = None, kabkota: str | None = None) -> None:
    st.session_state["map_nonce"] = nonce + 1  # a fresh map component forgets the old click
    state.request_filters(province=province, kabkota=kabkota)
    st.rerun()


if not filters.province:
    province_index = summary.peers(pool, "province")
    fmap = maps.choropleth(geojson(str(maps.province_geojson_path())), province_index, metric, lang, classing=classing)
    st.caption(f":material/touch_app: {t('map.click_hint')}")
    code = show_map(fmap, key=f"map_id_{metric}_{classing}_{nonce}", height=640, clickable=True)
    if code and code in set(province_index["code"]):
        _navigate(province=code)
    st.subheader(t("map.ranking"))
    views.region_table(province_index, lang, key="map_province_ranking")
else:
    kab_index = summary.peers(pool, "kabkota", within=filters.province)
    path = maps.kabkota_geojson_path(filters.province)
    province_name = regions.region_label(filters.province)
    nav = st.container(horizontal=True)
    if nav.button(t("map.back"), icon=":material/arrow_back:", key="map_back"):
        _navigate(province="")
    if filters.kabkota and nav.button(
        t("map.back_province", name=province_name), icon=":material/zoom_out_map:", key="map_back_province"
    ):
        _navigate(kabkota="")
    map_column, side = st.columns([1, 1], gap="medium")
    with map_column:
        if path.exists():
            features = geojson(str(path))
            fmap = maps.choropleth(features, kab_index, metric, lang, selected=filters.kabkota, classing=classing)
            st.caption(f":material/touch_app: {t('map.click_kab_hint')}")
            code = show_map(fmap, key=f"map_{filters.province}_{metric}_{classing}_{nonce}", height=520, clickable=True)
            if code and code != filters.kabkota and code in set(kab_index["code"]):
                _navigate(kabkota=code)
            missing = maps.missing_shapes(features, kab_index["code"])
            if missing:
                st.caption(t("map.missing_geometry", n=missing))
        st.caption(f":material/info: {t('map.approximate')}")
    with side:
        region_profile(summary.summarise(pool, filters.kabkota or filters.province, top_n=None), lang)
