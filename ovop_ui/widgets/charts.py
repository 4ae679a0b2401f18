"""Every plotly chart of the app with its text alternative (WCAG 1.1.1): an accessible name that
reads a short chart's data aloud, and (outside the present mode's slides) its data as a table
behind a toggle, for a screen reader or anyone who wants the numbers."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from ovop_ui.builders.chart_tables import chart_alt, figure_table
from ovop_ui.text.i18n import translate

PLOT_CONFIG = {"displayModeBar": False}


def chart(figure: go.Figure, title: str, lang: str, key: str | None = None, table: bool = True) -> None:
    """Draw ``figure`` named ``title`` (already translated) for assistive technology; with
    ``table``, its data below it in a collapsed expander (an HTML table, read cell by cell)."""
    st.plotly_chart(figure, width="stretch", config=PLOT_CONFIG, key=key, alt=chart_alt(figure, title, lang))
    if table:
        with st.expander(translate("chart.table", lang), icon=":material/table_view:"):
            st.table(figure_table(figure, lang), hide_index=True)
