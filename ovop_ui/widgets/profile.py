"""The region profile panel of the map page: the region's figures, rank among peers, products (with
thumbnails, and one product in detail) and nearest peers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ovop_core import regions
from ovop_core.summary import RegionSummary
from ovop_ui.builders.photos import table_images
from ovop_ui.data_access.photos import thumbnails
from ovop_ui.text.format import md_escape, number, percent
from ovop_ui.text.i18n import translate
from ovop_ui.text.summary_text import economy_cards
from ovop_ui.widgets.product_detail import product_detail
from ovop_ui.widgets.rounds_panel import rounds_panel
from ovop_ui.widgets.targets_panel import progress_box
from ovop_ui.widgets.views import IMAGE_ROW_PX, fitted_height, product_table, region_table


def region_profile(
    region: RegionSummary, lang: str, targets_table: pd.DataFrame | None = None, history: pd.DataFrame | None = None
) -> None:
    """``region``: ``ovop_core.summary.summarise`` of a province, kab/kota or kecamatan over the products under
    the current non-region filters, with all its products (``top_n=None``). ``targets_table``: the analysed
    table of every product (and every round: targets count them all, whatever the filters), for the
    progress towards the region's target (left out when None). ``history``: the analysed table of every
    round under the page's filters, for the rounds panel (left out when None)."""
    k = region.kpis
    # A region without products has no data (the map draws it grey), not zero recognised products.
    recognised = k.n_recognised if region.has_products else None
    st.subheader(translate("profile.title", lang, name=md_escape(region.name)))
    if region.level == "kecamatan":  # kecamatan names repeat across Indonesia: say whose it is
        st.caption(translate("profile.kecamatan_in", lang, name=md_escape(regions.region_label(region.code[:5]))))
    with st.container(horizontal=True):
        st.metric(translate("col.products", lang), number(k.n_products, lang), border=True)
        st.metric(translate("col.mean_score", lang), number(k.mean_score, lang, 1), border=True)
        st.metric(translate("col.recognised", lang), number(recognised, lang), border=True)
        st.metric(translate("col.share_recognised", lang), percent(k.share_recognised, lang), border=True)
        st.metric(translate("kpi.potential", lang), number(k.n_potential if region.has_products else None, lang),
                  border=True)  # fmt: skip
    with st.container(horizontal=True):
        for label, value, note in economy_cards(k, lang).values():
            st.metric(label, value, border=True, delta=note or None, delta_color="off", delta_arrow="off")
    rank = region.rank
    if rank.position is not None:
        st.markdown(
            ":material/leaderboard: "
            + translate(
                "profile.rank", lang, rank=rank.position, total=rank.total, level=translate(f"level.{rank.level}", lang)
            )
            + f" · {rank.rule_text(lang)}"
        )
    else:
        st.caption(translate("profile.no_rank", lang))
    if region.without_kecamatan:
        # Products placed only at their kab/kota: in the kab/kota's figures, on no kecamatan.
        kabkota = md_escape(regions.region_label(region.code[:5]))
        st.caption(
            f":material/location_off: {translate('profile.without_kecamatan', lang, n=region.without_kecamatan, name=kabkota)}"
        )

    if targets_table is not None:
        progress_box(targets_table, region.code, lang)
    if history is not None:
        with st.container(border=True):
            rounds_panel(history, region.code, lang, key=f"profile_{region.code}", wide=False)

    products = region.top
    st.markdown(f"**{translate('profile.products', lang)}**")
    if products.empty:
        st.info(translate("profile.no_products", lang), icon=":material/inventory_2:")
    else:
        images = table_images(products["product_id"].astype(str), products["category"], thumbnails())
        height = fitted_height(len(products), cap=600, row_px=IMAGE_ROW_PX)  # about nine products in view
        product_table(products, lang, key=f"profile_products_{region.code}", height=height, images=images)
        product_detail(products, lang, key=f"profile_detail_{region.code}")

    if rank.position is not None:
        st.markdown(f"**{translate('profile.peers', lang)}**")
        peers = region.peers
        near = peers[peers["rank"].between(rank.position - 2, rank.position + 2)]
        region_table(near, lang, key=f"profile_peers_{region.code}")
