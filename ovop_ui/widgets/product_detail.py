"""One product of a region's list, in detail: its photos large (or its category's illustration) and its facts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ovop_ui.builders.photos import gallery_html
from ovop_ui.builders.qr import scannable_url
from ovop_ui.data_access.photos import product_photos
from ovop_ui.text.format import md_escape, number
from ovop_ui.text.i18n import category_name, stage_name, translate
from ovop_ui.text.stars import star_column


def product_detail(products: pd.DataFrame, lang: str, key: str) -> None:
    """A product chosen from ``products`` (a region's list, ``RegionSummary.top``), shown in detail.

    Nothing is chosen at first: the photos of one product are read only when someone asks for them.
    """
    names = dict(zip(products["product_id"].astype(str), products["name"].astype(str)))
    choice = st.selectbox(
        translate("profile.detail_pick", lang),
        list(names),
        index=None,
        format_func=names.get,
        placeholder=translate("profile.detail_placeholder", lang),
        key=key,
    )
    if not choice or choice not in names:
        return
    chosen = products[products["product_id"].astype(str) == choice].head(1)
    product = chosen.iloc[0]
    with st.container(border=True, key=f"{key}_card"):
        st.markdown(f"**{md_escape(product['name'])}**")
        facts = [
            str(product.get("producer") or ""),
            str(product.get("region_name") or product["region_code"]),
            category_name(str(product["category"]), lang),
            translate("kiosk.score", lang, score=number(product["score"], lang, 1)),
            star_column(chosen, lang).iloc[0],
            stage_name(product["stage"], lang),
        ]
        st.caption(" · ".join(md_escape(f) for f in facts if f))
        photos = [photo.display for photo in product_photos(choice)]
        st.html(gallery_html(photos, str(product["category"]), lang, str(product["name"])))
        url = scannable_url(product.get("url"))
        if url:
            st.link_button(translate("profile.product_page", lang), url, icon=":material/open_in_new:")
