"""A chart's data as a table: the text alternative of every plotly chart of the app (WCAG 1.1.1).

A screen reader cannot read a plotly SVG, so each chart has a "data table" toggle beside it; the
table is derived from the figure itself, so it always shows what the chart shows (the charts'
own formatted labels when they have them). Bars and funnels give one row per category and one
column per trace; a heatmap gives its matrix.
"""

from __future__ import annotations

import html
import numbers
import re

import pandas as pd
import plotly.graph_objects as go

from ovop_ui.text.format import number
from ovop_ui.text.i18n import translate

_TAG = re.compile(r"<[^>]+>")


def plain(label: object) -> str:
    """A chart label as plain text: plotly markup (``<br>``, ``<b>``) removed, entities decoded."""
    return html.unescape(_TAG.sub(" ", str(label))).replace("  ", " ").strip()


def _values(trace, values, lang: str, stacked: bool) -> list[str]:
    """The trace's own labels (``text``) when it has one per value, else the values as numbers; in a
    stacked chart always the values (the top trace's labels there are the stacks' totals)."""
    text = trace.text
    if not stacked and text is not None and not isinstance(text, str) and len(text) == len(values):
        return [plain(t) for t in text]
    return [_number(v, lang) for v in values]


def _number(value: object, lang: str) -> str:
    """A value in the reader's number format, with one decimal when it is not whole (2.5 stays 2.5)."""
    if not isinstance(value, numbers.Real) or isinstance(value, bool) or value != value:
        return plain(value)
    return number(value, lang, decimals=0 if float(value).is_integer() else 1)


def _axis_title(figure: go.Figure, axis: str) -> str:
    title = getattr(figure.layout, axis).title.text
    return plain(title) if title else ""


def _matrix(figure: go.Figure, trace, lang: str) -> pd.DataFrame:
    rows = [plain(y) for y in trace.y] if trace.y is not None else [str(i + 1) for i in range(len(trace.z))]
    columns = [plain(x) for x in trace.x] if trace.x is not None else [str(i + 1) for i in range(len(trace.z[0]))]
    text = trace.text
    cells = [
        [plain(text[i][j]) if text is not None else _number(trace.z[i][j], lang) for j in range(len(columns))]
        for i in range(len(rows))
    ]
    head = _axis_title(figure, "yaxis") or translate("chart.category", lang)
    table = pd.DataFrame(cells, columns=columns)
    table.insert(0, head, rows)
    return table


def figure_table(figure: go.Figure, lang: str) -> pd.DataFrame:
    """The data of ``figure`` (bars, funnels or one heatmap) as a table of text."""
    traces = [t for t in figure.data if t.type in ("bar", "funnel", "heatmap")]
    heatmaps = [t for t in traces if t.type == "heatmap"]
    if heatmaps:
        return _matrix(figure, heatmaps[0], lang)
    if not traces:
        return pd.DataFrame()
    columns: dict[str, dict[str, str]] = {}
    order: list[str] = []
    category_title = value_title = ""
    for trace in traces:
        horizontal = trace.type == "funnel" or trace.orientation == "h"
        categories, values = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
        if categories is None or values is None:
            continue
        category_title = category_title or _axis_title(figure, "yaxis" if horizontal else "xaxis")
        value_title = value_title or _axis_title(figure, "xaxis" if horizontal else "yaxis")
        name = plain(trace.name) if trace.name else value_title or translate("chart.value", lang)
        labels = [plain(c) for c in categories]
        order += [label for label in labels if label not in order]
        stacked = figure.layout.barmode in ("stack", "relative")
        columns.setdefault(name, {}).update(zip(labels, _values(trace, list(values), lang, stacked)))
    head = category_title or translate("chart.category", lang)
    table = pd.DataFrame({head: order} | {name: [cells.get(c, "") for c in order] for name, cells in columns.items()})
    return table


ALT_ROWS = 12  # up to this many rows, the chart's alternative text reads them all


def chart_alt(figure: go.Figure, title: str, lang: str) -> str:
    """The chart's accessible name: its title and, for a short chart, every row of its data
    ("Jawa Tengah 120; Bali 45"); a longer one points to the data table beside it."""
    table = figure_table(figure, lang)
    if table.empty or len(table) > ALT_ROWS or table.shape[1] > 4:
        return translate("chart.alt_table", lang, title=plain(title))
    names = list(table.columns[1:])
    rows = []
    for label, *cells in table.itertuples(index=False):
        if len(names) == 1:
            rows.append(f"{label} {cells[0]}")
        else:
            rows.append(f"{label}: " + ", ".join(f"{n} {c}" if n != label else c for n, c in zip(names, cells) if c))
    return translate("chart.alt", lang, title=plain(title), rows="; ".join(rows))
