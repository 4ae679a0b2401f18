"""Peta Wilayah / Regional map: provinces coloured by a metric; click to drill down to kab/kota and kecamatan."""

import streamlit as st

from ovop_core import summary
from ovop_core.filters import apply_filters
from ovop_core.model import DEFAULT_MODEL
from ovop_ui.builders import maps
from ovop_ui.data_access.dataset import current_dataset, scored_for_model, scored_history, today
from ovop_ui.shell import state
from ovop_ui.shell.state import t
from ovop_ui.text.i18n import translate
from ovop_ui.widgets import map_levels, views
from ovop_ui.widgets.map_controls import classing_control
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
view = map_levels.MapView(metric, classing, lang, nonce)


def _navigate(province: str | None = None, kabkota: str | None = None, kecamatan: str | None = None) -> None:
    st.session_state["map_nonce"] = nonce + 1  # a fresh map component forgets the old click
    state.request_filters(province=province, kabkota=kabkota, kecamatan=kecamatan)
    st.rerun()


map_levels.follow_click(filters, view, _navigate)
if not filters.province:
    map_levels.country(pool, view, _navigate)
else:
    map_levels.back_buttons(filters, lang, _navigate)
    # The profile follows the deepest level chosen: kecamatan, else kab/kota, else province; the
    # map is coloured by the same summary's subregions or peers.
    region = summary.summarise(pool, filters.region, top_n=None)
    map_column, side = st.columns([1, 1], gap="medium")
    with map_column:
        map_levels.region_map(pool, region, filters, view, _navigate)
    with side:
        everything = scored_history(dataset, DEFAULT_MODEL, today())  # every round, for targets and rounds
        history = apply_filters(everything, filters.without_region())
        region_profile(region, lang, targets_table=everything, history=history)
