"""Plotly figures as plain functions: data in, figure out (tests call them without Streamlit).

Sized and styled for a projector: large type, value labels on every bar, a sequential
colour-blind-safe palette, and stars always written as numbers, never told by colour alone.
Indonesian figures use Indonesian separators (1.234,5).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ovop_core.model import CATEGORIES, CRITERIA, ScoringModel
from ovop_core.pipeline import STAGES
from ovop_core.summary import star_counts
from ovop_ui.builders import palette
from ovop_ui.text.format import number
from ovop_ui.text.i18n import category_name, criterion_name, stage_name, translate

FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=16, color=palette.INK)
STAR_COLOURS = palette.STAR_COLOURS
UNRATED_COLOUR = palette.UNRATED
BAR_COLOUR = palette.NAVY


def _layout(fig: go.Figure, lang: str, height: int = 360, **extra) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        font=FONT,
        height=height,
        separators=",." if lang == "id" else ".,",
        **{"showlegend": False, "margin": dict(l=10, r=30, t=10, b=10), **extra},
    )
    # Streamlit's chart theme greys the axes' labels and titles (3.8:1 on white, below WCAG AA's
    # 4.5:1); a colour the builder did not choose itself is the palette's secondary text.
    for axis in (*fig.select_xaxes(), *fig.select_yaxes()):
        if axis.tickfont.color is None:
            axis.tickfont.color = palette.INK_SOFT
        if axis.title.font.color is None:
            axis.title.font.color = palette.INK_SOFT
    return fig


def star_distribution(scored: pd.DataFrame, lang: str) -> go.Figure:
    """Products per star (★1…★5) plus "not rated", official and estimated stacked apart.

    A star below stage 3 is an estimate (DESIGN.md §4): its part of each bar is hatched and named
    in the legend, so nobody reads the whole bar as rated products. The number on top is the
    bar's total; the hover gives each part.
    """
    stars = scored["stars"].astype(int).to_numpy()
    official = scored["official"].to_numpy(dtype=bool) if "official" in scored else np.zeros(len(stars), bool)
    counts = star_counts(scored)
    by_kind = {
        "official": np.bincount(stars[official], minlength=6)[1:6],
        "estimated": np.bincount(stars[~official], minlength=6)[1:6],
    }
    labels = [f"★{s}" for s in range(1, 6)]
    fig = go.Figure()
    for kind, hatch in (("official", ""), ("estimated", "/")):
        top = kind == "estimated"
        fig.add_bar(
            x=labels,
            y=by_kind[kind],
            name=translate(f"chart.stars_{kind}", lang),
            marker=dict(
                color=list(STAR_COLOURS),
                line=dict(color=palette.INK, width=0.5),
                pattern=dict(shape=hatch, fgcolor=palette.INK, size=6, solidity=0.25),
            ),  # fmt: skip
            text=[number(v, lang) for v in counts[1:6]] if top else None,
            textposition="outside" if top else "none",
            cliponaxis=False,
            hovertemplate="%{x} · %{fullData.name}: %{y:,}<extra></extra>",
        )
    if counts[0]:  # no unrated products: leave the bar out rather than show a zero
        fig.add_bar(
            x=[translate("chart.unrated", lang)],
            y=[counts[0]],
            name=translate("chart.unrated", lang),
            marker=dict(color=UNRATED_COLOUR, line=dict(color=palette.INK, width=0.5)),
            text=[number(counts[0], lang)],
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{x}: %{y:,}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text=translate("chart.products", lang), rangemode="tozero")
    legend = dict(orientation="h", yanchor="bottom", y=1.0, x=0, font=dict(size=11))
    return _layout(fig, lang, showlegend=True, legend=legend, margin=dict(l=10, r=30, t=40, b=10))


def _horizontal_counts(labels: list[str], values: list[int], lang: str, height: int) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=values,
            orientation="h",
            marker=dict(color=BAR_COLOUR),
            text=[number(v, lang) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title_text=translate("chart.products", lang), rangemode="tozero")
    return _layout(fig, lang, height=height)


def category_counts(scored: pd.DataFrame, lang: str) -> go.Figure:
    """Products per category, largest first."""
    counts = scored["category"].value_counts().reindex(list(CATEGORIES), fill_value=0)
    counts = counts.sort_values(ascending=False, kind="stable")
    return _horizontal_counts([category_name(c, lang) for c in counts.index], counts.tolist(), lang, 360)


def stage_counts(scored: pd.DataFrame, lang: str) -> go.Figure:
    """Products per pipeline stage, in stage order."""
    counts = np.bincount(scored["stage"].astype(int).to_numpy(), minlength=len(STAGES))
    labels = [stage_name(s.number, lang) for s in STAGES]
    return _horizontal_counts(labels, counts.tolist(), lang, 360)


def score_breakdown(product: pd.Series, model: ScoringModel, lang: str) -> go.Figure:
    """One product's criteria: value 0–100 per criterion and its weighted contribution to the score."""
    values = [float(product[c]) for c in CRITERIA]
    weights = [float(model.weights[c]) for c in CRITERIA]
    contributions = [v * w / 100 for v, w in zip(values, weights)]
    labels = [
        f"{c.upper()} · {criterion_name(c, lang)}<br><sup>{translate('chart.weight', lang, weight=number(w, lang))}</sup>"
        for c, w in zip(CRITERIA, weights)
    ]
    text = [
        f"{number(v, lang, 1)}  →  +{number(p, lang, 1)}" if not np.isnan(v) else "–"
        for v, p in zip(values, contributions)
    ]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=values,
            orientation="h",
            marker=dict(color=BAR_COLOUR),
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}<extra></extra>",
        )
    )
    fig.update_xaxes(range=[0, 125], title_text=translate("chart.criterion_value", lang), tickvals=[0, 25, 50, 75, 100])
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(fig, lang, height=380)
