"""The region brief (issue 7): one self-contained HTML document for the minutes, that prints to A4.

"Unduh ringkasan wilayah / Download region brief" in present mode (DESIGN.md §8). The document
works offline and in print (§9): the map is an inline SVG drawn here from ``data/geo`` (no
Leaflet, no tiles, no script), plotly.js comes from the installed package and is inlined once,
and nothing else is referenced — no CDN, no web font, no image URL. Every user-supplied text
(product names, producers) is HTML-escaped. Stars are written as text (★★★☆☆ 3) so the page
reads in black and white.

``region_brief_html`` is a pure function of the table the app works on
(``ovop_core.summary.analysed_table``: scores + pipeline status + region names); its figures,
top products and labels are the region's ``RegionSummary``, as in every other mode.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from datetime import date, datetime

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date
from plotly.offline import get_plotlyjs

from ovop_core import regions
from ovop_core.funnel import stage_funnel
from ovop_core.summary import Kpis, Labels, normalise_code, scope, summarise
from ovop_ui.builders import maps, pipeline_figures
from ovop_ui.builders.figures import star_distribution
from ovop_ui.text.format import number
from ovop_ui.text.i18n import category_name, stage_name, stars_text, translate
from ovop_ui.text.summary_text import kpi_cards, label_texts

NAVY = "#0B5394"
INK = "#1C2733"
HIGHLIGHT = "#1C2733"  # the chosen kab/kota: a dark outline reads in black and white too
TOP_PRODUCTS = 10
# 180 mm at 96 px/inch: the printable width of A4 portrait with 14 mm margins (182 mm).
CHART_WIDTH_PX = 680
MAP_WIDTH = 1000.0  # SVG user units; the SVG itself scales to the page width
MAP_MAX_HEIGHT = 620.0
_LOCALE = {"id": "id_ID", "en": "en_US"}
_PLOTLY_CONFIG = {"displayModeBar": False, "responsive": False, "displaylogo": False}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _as_date(generated_at: date | datetime | pd.Timestamp | str | None) -> date:
    if generated_at is None:
        return date.today()
    return pd.Timestamp(generated_at).date()


def region_title(code: str, lang: str) -> str:
    """The region's name, or "Indonesia" for the whole country."""
    return regions.region_name(code) if code else translate("map.indonesia", lang)


def brief_filename(code: str, lang: str, generated_at: date | datetime | pd.Timestamp | str | None = None) -> str:
    """``ringkasan-wilayah-jawa-tengah-2026-11-29.html`` (id) / ``region-brief-…`` (en)."""
    code = normalise_code(code)
    ascii_name = unicodedata.normalize("NFKD", region_title(code, lang)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "wilayah"
    return f"{translate('brief.filename', lang)}-{slug}-{_as_date(generated_at).isoformat()}.html"


# --- the map: an inline SVG ---------------------------------------------------------------


def _rings(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


class _Projection:
    """Equirectangular, x scaled by cos(mid-latitude), fitted to the features' bounds."""

    def __init__(self, features: list[dict]):
        points = np.array(
            [pt[:2] for f in features for ring in _rings(f["geometry"]) for pt in ring], dtype="float64"
        ).reshape(-1, 2)
        if not len(points):
            points = np.array([[95.0, -11.0], [141.0, 6.0]])
        (lon0, lat0), (lon1, lat1) = points.min(axis=0), points.max(axis=0)
        self.kx = math.cos(math.radians((lat0 + lat1) / 2))
        span_x = max((lon1 - lon0) * self.kx, 1e-6)
        span_y = max(lat1 - lat0, 1e-6)
        self.scale = min(MAP_WIDTH / span_x, MAP_MAX_HEIGHT / span_y)
        self.width = span_x * self.scale
        self.height = span_y * self.scale
        self.lon0, self.lat1 = lon0, lat1

    def path(self, geometry: dict) -> str:
        parts = []
        for ring in _rings(geometry):
            xy = np.asarray(ring, dtype="float64")[:, :2]
            x = np.round((xy[:, 0] - self.lon0) * self.kx * self.scale, 1)
            y = np.round((self.lat1 - xy[:, 1]) * self.scale, 1)
            keep = np.ones(len(x), dtype=bool)  # drop points that round onto the previous one
            keep[1:] = (np.diff(x) != 0) | (np.diff(y) != 0)
            x, y = x[keep], y[keep]
            if len(x) < 3:
                continue
            coords = " ".join(f"{a:g} {b:g}" for a, b in zip(x, y))
            parts.append(f"M{coords}Z")
        return "".join(parts)


def _map_level(code: str) -> tuple[str, str]:
    """(level of the drawn regions, province whose kab/kota are drawn; "" for Indonesia)."""
    return ("province", "") if not code else ("kabkota", code[:2])


def brief_map_svg(table: pd.DataFrame, code: str, lang: str) -> str:
    """The region's map as SVG: Indonesia's provinces, or a province's kab/kota (the chosen one
    outlined), filled by mean score with the colours and classes of the app's map."""
    code = normalise_code(code)
    level, province = _map_level(code)
    path = maps.province_geojson_path() if level == "province" else maps.kabkota_geojson_path(province)
    features = maps.load_geojson(path)["features"]
    index = regions.region_index(table, level)
    by_code = index.set_index(index["code"].map(regions.to_undotted))
    values = by_code["mean_score"].where(by_code["has_data"])
    selected = regions.to_undotted(code) if level == "kabkota" and len(code) > 2 else ""

    projection = _Projection(features)
    drawn = []
    for feature in features:  # one per region (≤ 38 provinces or one province's kab/kota)
        kode = str(feature["properties"]["kode"])
        value = values.get(kode, float("nan"))
        fill = maps.colour_for(value, maps.SCORE_EDGES)
        name = feature["properties"].get("nama", kode)
        n = int(by_code["n_products"].get(kode, 0))
        shown = maps.format_metric("mean_score", value, lang)
        tooltip = f"{name}: {shown} · {translate('col.products', lang)} {number(n, lang)}"
        css = "region" + (" selected" if kode == selected else "") + (" nodata" if fill == maps.NO_DATA_COLOUR else "")
        drawn.append(
            (
                kode == selected,
                f'<path class="{css}" data-code="{_e(kode)}" fill="{fill}" d="{projection.path(feature["geometry"])}">'
                f"<title>{_e(tooltip)}</title></path>",
            )
        )
    # The chosen region last, so its outline is not covered by its neighbours.
    body = "".join(p for _, p in sorted(drawn, key=lambda item: item[0]))
    label = translate("brief.map_alt", lang, name=region_title(code, lang))
    pad = 6
    view = f"{-pad} {-pad} {projection.width + 2 * pad:.1f} {projection.height + 2 * pad:.1f}"
    return (
        f'<svg class="map" viewBox="{view}" role="img" '
        f'aria-label="{_e(label)}" preserveAspectRatio="xMidYMid meet">{body}</svg>'
    )


def _legend_html(code: str, lang: str) -> str:
    legend = maps.legend_for("mean_score", maps.SCORE_EDGES, lang)
    items = [
        f'<li><svg class="swatch" viewBox="0 0 14 14"><rect x="0.5" y="0.5" width="13" height="13" '
        f'fill="{colour}" stroke="#666"/></svg>{_e(text)}</li>'
        for colour, text in legend.entries
    ]
    if len(code) > 2:
        items.append(
            f'<li><svg class="swatch" viewBox="0 0 14 14"><rect x="1.5" y="1.5" width="11" height="11" '
            f'fill="#fff" stroke="{HIGHLIGHT}" stroke-width="3"/></svg>'
            f"{_e(translate('brief.map_selected', lang, name=regions.region_name(code)))}</li>"
        )
    return f'<div class="legend"><strong>{_e(legend.title)}</strong><ul>{"".join(items)}</ul></div>'


def _missing_geometry_note(code: str, lang: str) -> str:
    level, province = _map_level(code)
    if level != "kabkota":
        return ""
    kab = regions.kabkota()
    missing = maps.missing_shapes(
        maps.load_geojson(maps.kabkota_geojson_path(province)), kab.loc[kab["province"] == province, "code"]
    )
    return f'<p class="note">{_e(translate("map.missing_geometry", lang, n=missing))}</p>' if missing else ""


# --- charts ---------------------------------------------------------------------------------


def _for_print(fig: go.Figure, height: int) -> go.Figure:
    """Projector figures made page-sized: 180 mm wide, smaller type, no toolbar."""
    fig.update_layout(width=CHART_WIDTH_PX, height=height, font=dict(size=12), autosize=False)
    fig.update_xaxes(tickfont=dict(size=12))
    fig.update_yaxes(tickfont=dict(size=12))
    fig.update_traces(textfont=dict(size=12), selector=dict(type="bar"))
    fig.update_traces(insidetextfont=dict(size=12), outsidetextfont=dict(size=12), selector=dict(type="funnel"))
    return fig


def _chart(fig: go.Figure, div_id: str) -> str:
    return fig.to_html(full_html=False, include_plotlyjs=False, config=_PLOTLY_CONFIG, div_id=div_id)


# --- sections -------------------------------------------------------------------------------


def _kpi_section(kpis: Kpis, lang: str) -> str:
    body = "".join(
        f'<div class="kpi"><div class="kpi-label">{_e(label)}</div><div class="kpi-value">{_e(value)}</div>'
        f'<div class="kpi-help">{_e(help_)}</div></div>'
        for label, value, help_ in kpi_cards(kpis, lang).values()
    )
    title = _e(translate("brief.kpis", lang))
    return f'<section class="kpis"><h2>{title}</h2><div class="kpi-row">{body}</div></section>'


def _map_section(table: pd.DataFrame, code: str, lang: str) -> str:
    if code:
        title = translate("brief.map_kabkota", lang, province=regions.region_name(code[:2]))
    else:
        title = translate("brief.map_country", lang)
    approximate = f'<p class="note">{_e(translate("map.approximate", lang))}</p>' if code else ""
    return (
        f'<section class="map-section"><h2>{_e(title)}</h2>'
        f'<div class="map-wrap">{brief_map_svg(table, code, lang)}</div>'
        f"{_legend_html(code, lang)}{approximate}{_missing_geometry_note(code, lang)}</section>"
    )


def _charts_section(scope: pd.DataFrame, lang: str) -> str:
    stars = _for_print(star_distribution(scope, lang), 260)
    if len(scope) and scope["stars"].value_counts().max() < 6:  # no "0.5 products" ticks
        stars.update_yaxes(dtick=1)
    funnel = _for_print(pipeline_figures.stage_funnel(stage_funnel(scope), lang), 320)
    return (
        f'<section class="chart"><h2>{_e(translate("overview.stars", lang))}</h2>'
        f"{_chart(stars, 'brief-stars')}</section>"
        f'<section class="chart"><h2>{_e(translate("brief.stages", lang))}</h2>'
        f'<p class="note">{_e(translate("brief.funnel_note", lang))}</p>{_chart(funnel, "brief-funnel")}</section>'
    )


def _place(text: str) -> str:
    kab, _, province = text.partition("\n")
    return _e(kab) + (f'<div class="producer">{_e(province)}</div>' if province else "")


def _top_products_section(top: pd.DataFrame, code: str, lang: str) -> str:
    """``top``: the region's best products, in the read model's order (``RegionSummary.top``)."""
    title = f"<h2>{_e(translate('overview.top_products', lang))}</h2>"
    if top.empty:
        return f'<section class="top">{title}<p>{_e(translate("profile.no_products", lang))}</p></section>'
    reasons = top[f"cap_reason_{lang}"].fillna("").astype(str)
    producers = top["producer"].fillna("").astype(str) if "producer" in top else pd.Series("", index=top.index)
    names = (top["region_name"] if "region_name" in top else top["region_code"]).fillna("").astype(str)
    if not code and "province_name" in top:  # the whole country: say which province, too
        names = names + "\n" + top["province_name"].fillna("").astype(str)
    rows = []
    for rank, (name, producer, kab, cat, score, stars, reason, stage) in enumerate(
        zip(top["name"], producers, names, top["category"], top["score"], top["stars"], reasons, top["stage"]),
        start=1,
    ):  # at most TOP_PRODUCTS rows of HTML, not a loop over the registry
        who = f'<div class="producer">{_e(producer)}</div>' if producer else ""
        rows.append(
            f"<tr><td class='num'>{rank}</td><td>{_e(name)}{who}</td><td>{_place(kab)}</td>"
            f"<td>{_e(category_name(cat, lang))}</td><td class='num'>{_e(number(score, lang, 1))}</td>"
            f"<td class='stars'>{_e(stars_text(stars, lang))}</td><td>{_e(reason or '–')}</td>"
            f"<td>{_e(stage_name(stage, lang))}</td></tr>"
        )
    head = "".join(
        f"<th>{_e(h)}</th>"
        for h in (
            "#",
            translate("col.name", lang),
            translate("col.kabkota", lang),
            translate("col.category", lang),
            translate("col.score", lang),
            translate("col.stars", lang),
            translate("col.cap_reason", lang),
            translate("col.stage", lang),
        )
    )
    note = translate("brief.top_note", lang, n=number(len(top), lang))
    return (
        f'<section class="top">{title}<p class="note">{_e(note)}</p>'
        f'<table class="products"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
    )


def _whatif_section(scenario_text: str | None, whatif, lang: str) -> str:
    if not scenario_text and whatif is None:
        return ""
    parts = [f"<h2>{_e(translate('brief.whatif', lang))}</h2>"]
    if scenario_text:
        parts.append(f'<p class="scenario">{_e(scenario_text)}</p>')
    if whatif is not None:
        before, after = whatif.recognised_before, whatif.recognised_after
        delta = after - before
        targeted = translate(
            "brief.whatif_targeted",
            lang,
            n=number(whatif.n_targeted, lang),
            eligible=number(whatif.newly_eligible, lang),
        )
        parts.append(
            f'<p class="whatif-figures"><strong>{_e(translate("whatif.recognised", lang))}:</strong> '
            f"{_e(number(before, lang))} → {_e(number(after, lang))} "
            f"({_e(('+' if delta > 0 else '') + number(delta, lang))})<br>"
            f"{_e(targeted)}</p>"
        )
        matrix = whatif.transition_matrix
        head = f"<th>{_e(translate('whatif.before', lang))} \\ {_e(translate('whatif.after', lang))}</th>"
        head += "".join(f"<th>★{int(s)}</th>" for s in matrix.columns)
        body = "".join(
            f"<tr><th>★{int(s)}</th>"
            + "".join(
                f"<td class='num{' diag' if int(s) == int(c) else ''}'>{_e(number(v, lang))}</td>"
                for c, v in zip(matrix.columns, row)
            )
            + "</tr>"
            for s, row in zip(matrix.index, matrix.to_numpy())
        )
        parts.append(
            f'<p class="note">{_e(translate("whatif.matrix", lang))}</p>'
            f'<table class="matrix"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
            f'<p class="note">{_e(translate("brief.whatif_scope", lang))}</p>'
        )
    return f'<section class="whatif">{"".join(parts)}</section>'


_CSS = f"""
@page {{ size: A4; margin: 14mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0 auto; padding: 8mm 0; max-width: 182mm; color: {INK}; background: #fff;
  font: 10.5pt/1.45 "Source Sans Pro", "Segoe UI", Arial, "DejaVu Sans", sans-serif; }}
header {{ border-bottom: 3px solid {NAVY}; padding-bottom: 3mm; margin-bottom: 4mm; }}
.kicker {{ color: {NAVY}; font-weight: 600; letter-spacing: .04em; text-transform: uppercase;
  font-size: 9pt; margin: 0; }}
h1 {{ color: {NAVY}; font-size: 20pt; line-height: 1.2; margin: 1mm 0 1mm; }}
.subtitle {{ margin: 0; font-size: 11pt; }}
.meta {{ margin: 1.5mm 0 0; font-size: 9pt; color: #46505C; }}
.notice {{ margin: 2mm 0 0; padding: 1.5mm 3mm; border-left: 3px solid {NAVY}; background: #EEF3F9; font-size: 9pt; }}
h2 {{ color: {NAVY}; font-size: 13pt; margin: 5mm 0 2mm; border-bottom: 1px solid #C9D6E3; padding-bottom: 1mm; }}
section {{ break-inside: avoid; page-break-inside: avoid; }}
table, tr, .kpi, svg, .js-plotly-plot {{ break-inside: avoid; page-break-inside: avoid; }}
h2 {{ break-after: avoid; page-break-after: avoid; }}
.kpi-row {{ display: grid; grid-template-columns: repeat(5, 1fr); gap: 2mm; }}
.kpi {{ border: 1px solid #C9D6E3; border-top: 3px solid {NAVY}; border-radius: 2px; padding: 2mm 2.5mm; }}
.kpi-label {{ font-size: 8.5pt; color: #46505C; min-height: 2.6em; }}
.kpi-value {{ font-size: 17pt; font-weight: 700; color: {NAVY}; line-height: 1.2; }}
.kpi-help {{ font-size: 8pt; color: #46505C; }}
.map-wrap {{ width: 100%; }}
svg.map {{ display: block; width: 100%; height: auto; max-height: 115mm; }}
svg.map path {{ stroke: #FFFFFF; stroke-width: 0.8; vector-effect: non-scaling-stroke; stroke-linejoin: round; }}
svg.map path.nodata {{ stroke: #9E9E9E; stroke-dasharray: 2 2; }}
svg.map path.selected {{ stroke: {HIGHLIGHT}; stroke-width: 3; stroke-dasharray: none; }}
.legend {{ font-size: 8.5pt; margin-top: 1.5mm; }}
.legend ul {{ list-style: none; margin: 1mm 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 1mm 4mm; }}
.legend li {{ display: flex; align-items: center; gap: 1.5mm; }}
svg.swatch {{ width: 3.5mm; height: 3.5mm; flex: none; }}
.note {{ font-size: 8.5pt; color: #46505C; margin: 1mm 0; }}
.chart .js-plotly-plot, .chart .plotly-graph-div {{ max-width: 100%; }}
table {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; }}
th, td {{ border-bottom: 1px solid #D5DEE8; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }}
thead th {{ color: #fff; background: {NAVY}; font-weight: 600; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
td.stars {{ white-space: nowrap; letter-spacing: .02em; }}
.producer {{ color: #46505C; font-size: 8pt; }}
table.matrix {{ width: auto; }}
table.matrix th, table.matrix td {{ border: 1px solid #C9D6E3; min-width: 12mm; text-align: center; }}
table.matrix td.diag {{ background: #EEF3F9; font-weight: 600; }}
.scenario {{ font-size: 11pt; font-weight: 600; margin: 1mm 0 2mm; }}
footer {{ margin-top: 6mm; padding-top: 2mm; border-top: 1px solid #C9D6E3; font-size: 8pt; color: #46505C; }}
@media print {{ body {{ padding: 0; max-width: none; }} }}
"""


def region_brief_html(
    table: pd.DataFrame,
    code: str,
    lang: str,
    model_version: str,
    scenario_text: str | None = None,
    whatif=None,
    generated_at: date | datetime | pd.Timestamp | str | None = None,
    illustrative: bool = True,
) -> str:
    """One self-contained HTML document describing a region, ready to print to A4.

    ``table`` is the analysed table (``ovop_core.summary.analysed_table``) of the whole registry:
    the map compares the region with its neighbours; ``code`` a province ("33") or kab/kota ("33.74") code, or "" for
    Indonesia. ``whatif`` (a ``WhatIfResult``) and ``scenario_text`` (its sentence) add the
    current what-if scenario. ``illustrative`` adds the sample-data notice.
    """
    code = normalise_code(code)
    labels = Labels(model_version=model_version, illustrative=illustrative)
    region = summarise(table, code, top_n=TOP_PRODUCTS, labels=labels)
    products = scope(table, code)
    name = region_title(code, lang)
    day = format_date(_as_date(generated_at), "d MMMM y", locale=_LOCALE[lang])
    generated = translate("brief.generated", lang, date=day)
    if not code:
        subtitle = translate("brief.level.country", lang)
    elif len(code) == 2:
        subtitle = translate("brief.level.province", lang)
    else:
        subtitle = translate("brief.level.kabkota", lang, province=regions.region_name(code[:2]))
    notice = f'<p class="notice">{_e(translate("brief.illustrative", lang))}</p>' if labels.illustrative else ""
    title = translate("brief.title", lang, name=name)
    charts = _charts_section(products, lang)
    model_label = label_texts(labels, lang)[1]
    return f"""<!DOCTYPE html>
<html lang="{_e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<style>{_CSS}</style>
<script type="text/javascript">{get_plotlyjs()}</script>
</head>
<body>
<header>
<p class="kicker">{_e(translate("app.title", lang))}</p>
<h1>{_e(title)}</h1>
<p class="subtitle">{_e(subtitle)}</p>
<p class="meta">{_e(generated)} · {_e(model_label)}</p>
{notice}
</header>
<main>
{_kpi_section(region.kpis, lang)}
{_map_section(table, code, lang)}
{charts}
{_top_products_section(region.top, code, lang)}
{_whatif_section(scenario_text, whatif, lang)}
</main>
<footer>{_e(translate("brief.footer", lang))}</footer>
</body>
</html>
"""
