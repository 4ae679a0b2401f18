"""The rounds view (DESIGN.md §11) as plain data and figures: stars by round, the trend of recognised
products, and what changed since the last round — for the overview, the region profile and the brief.

``rounds_view`` takes the analysed table of every round (``summary.analysed_table`` of the
dataset's history) and a region scope; the counts come from ``ovop_core.rounds``. Product names
are returned as typed: each renderer escapes them (``md_escape`` in Streamlit, the template's
autoescape in the brief).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ovop_core import rounds
from ovop_ui.builders import palette
from ovop_ui.builders.figures import FONT
from ovop_ui.text.format import number
from ovop_ui.text.i18n import translate

NAMES_SHOWN = 12  # products named per kind of change; the rest are counted ("… and 7 more")
_CONFIG_HEIGHT = 300


@dataclass(frozen=True)
class ChangeGroup:
    """One kind of change since the last round: its label, how many, and the first products named."""

    kind: str
    label: str
    count: int
    names: tuple[str, ...]
    more: str  # "… dan 7 lainnya" when not every product is named, else ""


@dataclass(frozen=True)
class RoundsView:
    """What the rounds panel shows. With fewer than two rounds only ``single_line`` is set."""

    single_line: str = ""
    stars: go.Figure | None = None
    trend: go.Figure | None = None
    heading: str = ""
    changes: tuple[ChangeGroup, ...] = ()
    note: str = ""


def _layout(fig: go.Figure, lang: str, height: int = _CONFIG_HEIGHT, **extra) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        font=FONT,
        height=height,
        separators=",." if lang == "id" else ".,",
        **{"showlegend": False, "margin": dict(l=10, r=20, t=10, b=10), **extra},
    )
    fig.update_xaxes(type="category", title_text=translate("rounds.axis", lang))
    return fig


def stars_by_round_figure(per_round: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked bars, one per round: products per star (★1…★5, then "not rated"), the total on top.

    ``per_round`` is ``rounds.stars_by_round`` (rows = rounds, columns 0…5, 0 = not rated). Each
    segment is named in the legend and the hover, so no star is told by colour alone.
    """
    x = [str(r) for r in per_round.index]
    fig = go.Figure()
    parts = [(s, f"★{s}", palette.STAR_COLOURS[s - 1]) for s in range(1, 6)]
    parts.append((0, translate("chart.unrated", lang), palette.UNRATED))
    for column, name, colour in parts:
        values = per_round[column].tolist()
        if not any(values):
            continue
        fig.add_bar(
            x=x,
            y=values,
            name=name,
            marker=dict(color=colour, line=dict(color=palette.INK, width=0.5)),
            hovertemplate=f"{translate('rounds.axis', lang)} %{{x}} · {name}: %{{y:,}}<extra></extra>",
        )
    totals = per_round.sum(axis=1).tolist()
    fig.add_scatter(
        x=x,
        y=totals,
        mode="text",
        text=[number(v, lang) for v in totals],
        textposition="top center",
        hoverinfo="skip",
        showlegend=False,
        cliponaxis=False,
    )
    fig.update_layout(barmode="stack")
    # Headroom for the totals above the bars (the legend sits above the plot, not over it).
    top = max(max(totals, default=0), 1) * 1.15
    fig.update_yaxes(title_text=translate("chart.products", lang), range=[0, top])
    legend = dict(orientation="h", yanchor="bottom", y=1.04, x=0, font=dict(size=12), traceorder="normal")
    return _layout(fig, lang, showlegend=True, legend=legend, margin=dict(l=10, r=20, t=60, b=10))


def recognised_trend_figure(trend: pd.Series, lang: str) -> go.Figure:
    """n_recognised per round (``rounds.recognised_trend``): one bar per round with its value on top.

    Bars rather than a line: with a few yearly rounds every value is read, and the chart's data
    table (``chart_tables.figure_table``, the text alternative) reads bars.
    """
    x = [str(r) for r in trend.index]
    values = trend.tolist()
    name = translate("rounds.recognised_axis", lang)
    fig = go.Figure(
        go.Bar(
            x=x,
            y=values,
            name=name,
            marker=dict(color=palette.NAVY),
            text=[number(v, lang) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"{translate('rounds.axis', lang)} %{{x}}: %{{y:,}}<extra></extra>",
        )
    )
    fig.update_yaxes(title_text=name, range=[0, max(max(values, default=0), 1) * 1.2])
    return _layout(fig, lang, margin=dict(l=10, r=20, t=30, b=10))


def _names(rows: pd.DataFrame, kind: str) -> tuple[str, ...]:
    """ "Name (ID)" of the first products, with "★3 → ★4" for a change of star."""
    rows = rows.head(NAMES_SHOWN)
    text = rows["name"].astype(str) + " (" + rows["product_id"].astype(str) + ")"
    if kind in ("gained", "lost"):
        text = text + " ★" + rows["stars_before"].astype(str) + " → ★" + rows["stars_after"].astype(str)
    return tuple(text.tolist())  # at most NAMES_SHOWN names, not a loop over the registry


def rounds_view(history: pd.DataFrame, region: str, lang: str) -> RoundsView:
    """The rounds panel of a region: the analysed all-rounds table in, texts and figures out."""
    found = rounds.rounds_of(history)
    if not found:
        return RoundsView(single_line=translate("rounds.none", lang))
    if len(found) == 1:
        return RoundsView(single_line=translate("rounds.single", lang, round=found[0]))
    changes = rounds.since_last_round(history, region)
    groups = tuple(
        ChangeGroup(
            kind=kind,
            label=translate(f"rounds.{kind}", lang),
            count=changes.counts[kind],
            names=_names(getattr(changes, kind), kind),
            more=translate("rounds.more", lang, n=number(changes.counts[kind] - NAMES_SHOWN, lang))
            if changes.counts[kind] > NAMES_SHOWN
            else "",
        )
        for kind in rounds.RoundChanges.KINDS
    )
    return RoundsView(
        stars=stars_by_round_figure(rounds.stars_by_round(history, region), lang),
        trend=recognised_trend_figure(rounds.recognised_trend(history, region), lang),
        heading=translate("rounds.since", lang, previous=changes.previous, newest=changes.newest),
        changes=groups,
        note=translate("rounds.note", lang, newest=changes.newest),
    )
