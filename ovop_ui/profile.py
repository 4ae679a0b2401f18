"""The region profile panel: index figures, rank among peers, products and nearest peers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .format import number, percent, md_escape
from .i18n import translate
from .views import product_table, region_table


def region_profile(code: str, peers: pd.DataFrame, pool: pd.DataFrame, lang: str) -> None:
    """``peers``: region index of the region's level (province: all 38; kab/kota: its province).

    ``pool``: the scored products under the current non-region filters.
    """
    row = peers.set_index("code").loc[code]
    level = "province" if len(code) == 2 else "kabkota"
    st.subheader(translate("profile.title", lang, name=md_escape(row["name"])))
    with st.container(horizontal=True):
        st.metric(translate("col.products", lang), number(row["n_products"], lang), border=True)
        st.metric(translate("col.mean_score", lang), number(row["mean_score"], lang, 1), border=True)
        st.metric(translate("col.recognised", lang), number(row["n_recognised"], lang), border=True)
        st.metric(translate("col.share_recognised", lang), percent(row["share_recognised"], lang), border=True)
    ranked = int(peers["rank"].notna().sum())
    if pd.notna(row["rank"]):
        st.markdown(
            ":material/leaderboard: "
            + translate("profile.rank", lang, rank=int(row["rank"]), total=ranked, level=translate(f"level.{level}", lang))
        )
    else:
        st.caption(translate("profile.no_rank", lang))

    column = "province" if level == "province" else "region_code"
    products = pool[pool[column] == code].sort_values(["score", "product_id"], ascending=[False, True], na_position="last")
    st.markdown(f"**{translate('profile.products', lang)}**")
    if products.empty:
        st.info(translate("profile.no_products", lang), icon=":material/inventory_2:")
    else:
        product_table(products, lang, key=f"profile_products_{code}", height=min(420, 38 + 35 * len(products)))

    if pd.notna(row["rank"]):
        st.markdown(f"**{translate('profile.peers', lang)}**")
        near = peers[peers["rank"].between(row["rank"] - 2, row["rank"] + 2)]
        region_table(near, lang, key=f"profile_peers_{code}")
