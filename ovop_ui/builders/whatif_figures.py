"""What-if figures as plain functions: star transitions, score distributions, gates still blocking."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ovop_core.model import GATE_ITEMS, STAR_EDGES
from ovop_ui.builders import palette
from ovop_ui.builders.figures import BAR_COLOUR, FONT, _layout
from ovop_ui.text.format import number
from ovop_ui.text.i18n import translate

BEFORE_COLOUR = palette.BEFORE
AFTER_COLOUR = palette.AFTER


def transition_heatmap(matrix: pd.DataFrame, lang: str) -> go.Figure:
    """5×5 counts, rows = ★ before, columns = ★ after; every cell carries its number."""
    values = matrix.to_numpy()
    labels = [f"★{s}" for s in matrix.index]
    text = [[number(v, lang) for v in row] for row in values]
    fig = go.Figure(
        go.Heatmap(
            z=np.log1p(values),  # log scale so small moves off the diagonal stay visible
            x=[f"★{s}" for s in matrix.columns],
            y=labels,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=16),
            colorscale="Blues",
            showscale=False,
            hovertemplate=f"{translate('whatif.before', lang)} %{{y}} → {translate('whatif.after', lang)} %{{x}}: %{{text}}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed", title_text=translate("whatif.before", lang))
    fig.update_xaxes(side="top", title_text=translate("whatif.after", lang))
    return _layout(fig, lang, height=380)


def score_distribution(products: pd.DataFrame, lang: str) -> go.Figure:
    """Products per 5-point score bin before and after, with the star band edges marked."""
    edges = np.arange(0, 105, 5)
    before = np.histogram(products["score"].dropna(), bins=edges)[0]
    after = np.histogram(products["score_after"].dropna(), bins=edges)[0]
    centres = edges[:-1] + 2.5
    fig = go.Figure(
        [
            go.Bar(
                x=centres,
                y=before,
                name=translate("whatif.before", lang),
                marker_color=BEFORE_COLOUR,
                width=2.2,
                offset=-2.3,
            ),
            go.Bar(
                x=centres,
                y=after,
                name=translate("whatif.after", lang),
                marker_color=AFTER_COLOUR,
                width=2.2,
                offset=0.1,
            ),
        ]
    )
    for edge in STAR_EDGES:
        fig.add_vline(x=edge, line=dict(color=palette.INK, width=1, dash="dot"))
        fig.add_annotation(
            x=edge, y=1.02, yref="paper", text=f"★{STAR_EDGES.index(edge) + 2}", showarrow=False, font=dict(size=13)
        )
    fig.update_xaxes(range=[0, 100], title_text=translate("whatif.score_axis", lang), dtick=10)
    fig.update_yaxes(title_text=translate("chart.products", lang))
    _layout(fig, lang, height=380)
    fig.update_layout(showlegend=True, legend=dict(orientation="h", y=-0.25, font=FONT), bargap=0.05)
    return fig


def gates_blocking(gates: dict[str, int], lang: str) -> go.Figure:
    keys = [g.key for g in GATE_ITEMS]
    values = [gates.get(k, 0) for k in keys]
    fig = go.Figure(
        go.Bar(
            y=[translate(f"gate.{k}", lang) for k in keys],
            x=values,
            orientation="h",
            marker_color=BAR_COLOUR,
            text=[number(v, lang) for v in values],
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title_text=translate("chart.products", lang), rangemode="tozero")
    return _layout(fig, lang, height=300)


def rank_arrow(change: float) -> str:
    """▲2 / ▼1 / = : the direction is in the symbol and the text, not in colour alone."""
    if change is None or (isinstance(change, float) and np.isnan(change)):
        return ""
    change = int(change)
    return f"▲{change}" if change > 0 else f"▼{-change}" if change < 0 else "="
