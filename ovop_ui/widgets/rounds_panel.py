"""The rounds panel (DESIGN.md §11) of the overview and the region profile: stars by round, the trend
of recognised products, and what changed since the last round, with the products named."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ovop_ui.builders.rounds_view import rounds_view
from ovop_ui.text.format import md_escape, number
from ovop_ui.text.i18n import translate
from ovop_ui.widgets.charts import chart


def rounds_panel(history: pd.DataFrame, region: str, lang: str, key: str, wide: bool = True) -> None:
    """``history``: the analysed table of every round (already narrowed by the page's non-region
    filters); ``region``: the scope code. With fewer than two rounds it says so in one line.
    ``wide``: the two charts side by side (the overview); else one above the other (a side panel,
    where a half-width chart would squeeze its legend into a column)."""
    view = rounds_view(history, region, lang)
    st.markdown(f"**{translate('rounds.title', lang)}**")
    if view.single_line:
        st.caption(f":material/history: {view.single_line}")
        return
    left, right = st.columns(2) if wide else (st.container(), st.container())
    with left:
        st.caption(translate("rounds.stars_title", lang))
        chart(view.stars, translate("rounds.stars_title", lang), lang, key=f"{key}_rounds_stars")
    with right:
        st.caption(translate("rounds.trend_title", lang))
        chart(view.trend, translate("rounds.trend_title", lang), lang, key=f"{key}_rounds_trend")
    st.markdown(f"**{view.heading}**")
    with st.container(horizontal=True):
        for group in view.changes:
            st.metric(group.label, number(group.count, lang), border=True)
    for group in view.changes:
        if not group.count:
            continue
        with st.expander(f"{group.label} ({number(group.count, lang)})"):
            lines = [f"- {md_escape(name)}" for name in group.names]
            st.markdown("\n".join(lines) + (f"\n\n{group.more}" if group.more else ""))
    st.caption(view.note)
