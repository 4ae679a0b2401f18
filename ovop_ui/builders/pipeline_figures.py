"""Plotly figures of the pipeline page as plain functions: core results in, figure out.

Same conventions as ``figures.py``: projector-sized type, every value written on the chart,
one blue hue (sequential, colour-blind safe) so nothing is told by colour alone, Indonesian
separators for Indonesian.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ovop_core.funnel import STAGE_NUMBERS
from ovop_core.pipeline import stalled_thresholds
from ovop_ui.builders import palette
from ovop_ui.builders.figures import BAR_COLOUR, _layout
from ovop_ui.text.format import number, percent
from ovop_ui.text.i18n import stage_name, translate

HEATMAP_SCALE = [list(step) for step in palette.HEATMAP_SCALE]
TICK_FONT = dict(size=16, color=palette.INK)
OWNER_COLOURS = palette.STAGE_OWNER_COLOURS


def stalled_months_text(months: Mapping[int, float] | float | None, lang: str) -> str:
    """The stalled thresholds of stages 0–3 in one short text: "6/6/6/3" (one number when equal)."""
    values = [number(v, lang, 0 if float(v).is_integer() else 1) for v in stalled_thresholds(months).values()]
    return values[0] if len(set(values)) == 1 else "/".join(values)


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def stage_funnel(funnel: pd.DataFrame, lang: str) -> go.Figure:
    """Seven stages as a funnel of products that *reached* each stage.

    Each bar is labelled with its count and, from stage 1 on, the share of the previous stage
    that got this far (``conversion`` of the stage before); hover adds the count now in it.
    """
    reached = funnel["n_reached"].to_numpy()
    previous = np.concatenate([[np.nan], funnel["conversion"].to_numpy()[:-1]])
    labels = [stage_name(s, lang) for s in STAGE_NUMBERS]
    text = [
        number(n, lang) if np.isnan(p) else f"{number(n, lang)} · {percent(p, lang, 0)}"
        for n, p in zip(reached, previous)
    ]
    hover = [
        translate(
            "pipeline.funnel.hover",
            lang,
            stage=label,
            reached=number(r, lang),
            in_stage=number(i, lang),
        )
        for label, r, i in zip(labels, reached, funnel["n_in_stage"])
    ]
    fig = go.Figure(
        go.Funnel(
            y=labels,
            x=reached,
            text=text,
            textinfo="text",
            textposition="auto",
            insidetextfont=dict(size=17, color=palette.WHITE),
            outsidetextfont=dict(size=17, color=palette.INK),
            marker=dict(color=BAR_COLOUR),
            connector=dict(fillcolor=palette.FUNNEL_CONNECTOR, line=dict(width=0)),
            hovertext=hover,
            hoverinfo="text",
            cliponaxis=False,
        )
    )
    fig.update_yaxes(automargin=True, tickfont=TICK_FONT)
    return _layout(fig, lang, height=420).update_layout(margin=dict(l=10, r=10, t=10, b=10))


def owner_load(load: pd.DataFrame, lang: str) -> go.Figure:
    """Products per coaching owner, short labels ("Provinsi ★3") so the bars keep their width on
    a laptop; each bar carries its count, hover adds how many are in stage 4 (Pembinaan) now."""
    names = [translate(f"pipeline.owner.short.{o}", lang) for o in load["owner"]]
    hover = [
        translate(f"pipeline.owner.{o}", lang)
        + "<br>"
        + translate("pipeline.owner.label", lang, n=number(n, lang), coached=number(c, lang))
        for o, n, c in zip(load["owner"], load["n_products"], load["n_in_coaching"])
    ]
    fig = go.Figure(
        go.Bar(
            y=names,
            x=load["n_products"],
            orientation="h",
            marker=dict(
                color=[OWNER_COLOURS.get(o, BAR_COLOUR) for o in load["owner"]], line=dict(color=palette.INK, width=0.5)
            ),
            text=[number(n, lang) for n in load["n_products"]],
            textposition="outside",
            textfont=dict(size=17),
            cliponaxis=False,
            hovertext=hover,
            hoverinfo="text",
        )
    )
    top = float(load["n_products"].max() or 1)
    fig.update_xaxes(title_text=translate("chart.products", lang), range=[0, top * 1.25], nticks=4, tickformat=",d")
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont=TICK_FONT)
    return _layout(fig, lang, height=420)


def blockers(summary: pd.DataFrame, stage: int, lang: str) -> go.Figure:
    """Products per kind of blocker at one stage (kinds with no product left out)."""
    rows = summary[(summary["stage"] == stage) & (summary["n_products"] > 0)]
    rows = rows.sort_values("n_products", ascending=False, kind="stable")
    labels = [_wrap(translate(f"pipeline.kind.{k}", lang), 40) for k in rows["kind"]]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=rows["n_products"],
            orientation="h",
            marker=dict(color=BAR_COLOUR),
            text=[number(n, lang) for n in rows["n_products"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    top = float(rows["n_products"].max()) if len(rows) else 1.0
    # Every bar carries its count; an axis would only add fractional ticks for small numbers.
    fig.update_xaxes(range=[0, top * 1.2], showticklabels=False, showgrid=False)
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont=TICK_FONT)
    return _layout(fig, lang, height=40 + 55 * max(len(rows), 1))


def region_heatmap(matrix: pd.DataFrame, lang: str, highlight: str = "") -> go.Figure:
    """Regions (rows, most products on top) × stages (columns), the count written in every cell.

    ``matrix`` is ``funnel.region_stage_matrix``; ``highlight`` (a region code) is marked with
    an arrow in its label, e.g. the kab/kota chosen in the filters.
    """
    ordered = matrix.sort_values(["total", "code"], ascending=[False, True], kind="stable")
    stage_columns = [f"stage_{s}" for s in STAGE_NUMBERS]
    z = ordered[stage_columns].to_numpy()
    names = [
        ("▶ " if code == highlight else "") + f"{name} ({number(total, lang)})"
        for code, name, total in zip(ordered["code"], ordered["name"], ordered["total"])
    ]
    stages = [f"{s}<br>{_wrap(stage_name(s, lang, with_number=False), 12)}" for s in STAGE_NUMBERS]
    text = np.vectorize(lambda v: number(v, lang))(z) if z.size else z
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=stages,
            y=names,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=14),
            colorscale=HEATMAP_SCALE,
            zmin=0,
            xgap=2,
            ygap=2,
            showscale=False,  # every cell carries its count; darker = more, said in the caption
            hovertemplate="%{y} · %{x}: %{z:,}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont=dict(size=14, color=palette.INK))
    fig.update_xaxes(side="top", tickfont=dict(size=14, color=palette.INK))
    height = 150 + 28 * max(len(ordered), 1)
    return _layout(fig, lang, height=height).update_layout(margin=dict(l=10, r=10, t=90, b=10))
