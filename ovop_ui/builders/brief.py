"""The region brief (issue 7): one self-contained HTML document for the minutes, that prints to A4.

"Unduh ringkasan wilayah / Download region brief" in present mode (DESIGN.md §8). The document
works offline and in print (§9): the map is an inline SVG drawn here from ``data/geo`` (no
Leaflet, no tiles, no script), plotly.js comes from the installed package and is inlined once,
and nothing else is referenced — no CDN, no web font, no image URL (product photos and the category
illustrations are inline data URIs). Every user-supplied text
(product names, producers) is escaped: the document is the Jinja2 template ``templates/brief.html``
with autoescape. Stars are written as text (★★★☆☆ 3) so the page reads in black and white.

``region_brief_html`` is a pure function of the table the app works on
(``ovop_core.summary.analysed_table``: scores + pipeline status + region names); its figures,
top products and labels are the region's ``RegionSummary``, as in every other mode.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from ovop_core import regions
from ovop_core.funnel import stage_funnel
from ovop_core.summary import Labels, normalise_code, scope, summarise
from ovop_ui.builders import maps, pipeline_figures, svg_map, templating
from ovop_ui.builders.figures import star_distribution
from ovop_ui.builders.photos import product_image
from ovop_ui.builders.rounds_view import rounds_view
from ovop_ui.text.format import number
from ovop_ui.text.i18n import category_name, stage_name, translate
from ovop_ui.text.stars import star_column
from ovop_ui.text.summary_text import economy_cards, kpi_cards, label_texts

TOP_PRODUCTS = 10
# 180 mm at 96 px/inch: the printable width of A4 portrait with 14 mm margins (182 mm).
CHART_WIDTH_PX = 680
_LOCALE = {"id": "id_ID", "en": "en_US"}
_PLOTLY_CONFIG = {"displayModeBar": False, "responsive": False, "displaylogo": False}


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
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")  # empty for a name with no ASCII letter
    parts = (translate("brief.filename", lang), slug, _as_date(generated_at).isoformat())
    return "-".join(p for p in parts if p) + ".html"


# --- the map: an inline SVG ---------------------------------------------------------------


def _map_level(code: str) -> tuple[str, str]:
    """(level of the drawn regions, province whose kab/kota are drawn; "" for Indonesia)."""
    return ("province", "") if not code else ("kabkota", code[:2])


def _map_classes(table: pd.DataFrame, code: str, features: list[dict]):
    """The drawn regions' mean scores (NaN without data), their index and their classes: natural
    breaks over the regions of this map, as on the app's map."""
    level, _ = _map_level(code)
    index = regions.region_index(table, level)
    by_code = index.set_index(index["code"].map(regions.to_undotted))
    codes = [str(feature["properties"]["kode"]) for feature in features]
    values = by_code["mean_score"].where(by_code["has_data"]).reindex(codes)
    return values, by_code, maps.classes_for("mean_score", values.to_numpy(dtype="float64"))


def brief_map_svg(table: pd.DataFrame, code: str, lang: str) -> str:
    """The region's map as SVG: Indonesia's provinces, or a province's kab/kota (the chosen one
    outlined), filled by mean score with the colours and classes of the app's map."""
    code = normalise_code(code)
    features = svg_map.features_for(code)
    values, by_code, classes = _map_classes(table, code, features)
    colours = maps.colours_for(values.to_numpy(dtype="float64"), classes)
    fills, titles = {}, {}
    for i, feature in enumerate(features):  # one per region (≤ 38 provinces or one province's kab/kota)
        kode = str(feature["properties"]["kode"])
        fills[kode] = str(colours[i])
        n = int(by_code["n_products"].get(kode, 0))
        shown = maps.format_metric("mean_score", float(values.iloc[i]), lang)
        name = feature["properties"].get("nama", kode)
        titles[kode] = f"{name}: {shown} · {translate('col.products', lang)} {number(n, lang)}"
    return svg_map.svg_map(
        features,
        fills,
        highlight=code if len(code) > 2 else "",
        titles=titles,
        label=translate("brief.map_alt", lang, name=region_title(code, lang)),
    )


def _map(table: pd.DataFrame, code: str, lang: str) -> dict:
    level, province = _map_level(code)
    missing = 0
    if level == "kabkota":
        kab = regions.kabkota()
        missing = maps.missing_shapes(
            maps.load_geojson(maps.kabkota_geojson_path(province)), kab.loc[kab["province"] == province, "code"]
        )
    if code:
        title = translate("brief.map_kabkota", lang, province=regions.region_name(code[:2]))
    else:
        title = translate("brief.map_country", lang)
    _, _, classes = _map_classes(table, code, svg_map.features_for(code))
    selected = regions.region_name(code) if len(code) > 2 else ""
    return {
        "title": title,
        "svg": Markup(brief_map_svg(table, code, lang)),
        "legend": maps.legend_for("mean_score", classes, lang, selected=selected, selected_key="brief.map_selected"),
        "approximate": translate("map.boundaries", lang) if code else "",
        "missing": translate("map.missing_geometry", lang, n=missing) if missing else "",
    }


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


def _charts(scope: pd.DataFrame, lang: str) -> dict:
    stars = _for_print(star_distribution(scope, lang), 260)
    if len(scope) and scope["stars"].value_counts().max() < 6:  # no "0.5 products" ticks
        stars.update_yaxes(dtick=1)
    funnel = _for_print(pipeline_figures.stage_funnel(stage_funnel(scope), lang), 320)
    return {"stars": Markup(_chart(stars, "brief-stars")), "funnel": Markup(_chart(funnel, "brief-funnel"))}


def _top(top: pd.DataFrame, code: str, lang: str, thumbnails: Mapping[str, bytes]) -> dict:
    """``top``: the region's best products, in the read model's order (``RegionSummary.top``), each
    with its photo's thumbnail (``thumbnails``: product_id -> JPEG) or its category's illustration."""
    headers = ["#", translate("col.photo", lang)] + [
        translate(f"col.{key}", lang)
        for key in ("name", "kabkota", "category", "score", "stars", "cap_reason", "stage")
    ]

    def text(column: str) -> pd.Series:
        return top[column].fillna("").astype(str) if column in top else pd.Series("", index=top.index)

    places = text("region_name") if "region_name" in top else text("region_code")
    rows = [
        {
            "image": product_image(thumbnails.get(pid), cat, lang, name),
            "name": name,
            "producer": producer,
            "place": place,
            "province": province if not code else "",  # the whole country: say which province, too
            "category": category_name(cat, lang),
            "score": number(score, lang, 1),
            "stars": stars,
            "reason": reason,
            "stage": stage_name(stage, lang),
        }
        for pid, name, producer, place, province, cat, score, stars, reason, stage in zip(
            top["product_id"].astype(str),
            top["name"],
            text("producer"),
            places,
            text("province_name"),
            top["category"],
            top["score"],
            star_column(top, lang),  # "≈★3 (perkiraan)" below stage 3
            top[f"cap_reason_{lang}"].fillna("").astype(str),
            top["stage"],
        )
    ]  # at most TOP_PRODUCTS rows, not a loop over the registry
    return {"headers": headers, "rows": rows, "note": translate("brief.top_note", lang, n=number(len(top), lang))}


def _rounds(history: pd.DataFrame | None, code: str, lang: str) -> dict | None:
    """The rounds section (DESIGN.md §11): two half-width charts and the changes since the last round."""
    if history is None:
        return None
    view = rounds_view(history, code, lang)
    if view.single_line:
        return {"single": view.single_line}
    half = CHART_WIDTH_PX // 2 - 8
    stars, trend = _for_print(view.stars, 250), _for_print(view.trend, 250)
    for fig in (stars, trend):
        fig.update_layout(width=half)
    # Half a page wide: the legend goes to the right of the bars rather than above them.
    legend = dict(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top", font=dict(size=10))
    stars.update_layout(legend=legend, margin=dict(l=10, r=10, t=20, b=10))
    changes = [
        {"label": g.label, "count": number(g.count, lang), "names": ", ".join(g.names), "more": g.more}
        for g in view.changes
    ]
    return {
        "single": "",
        "stars": Markup(_chart(stars, "brief-rounds-stars")),
        "trend": Markup(_chart(trend, "brief-rounds-trend")),
        "heading": view.heading,
        "changes": changes,
        "note": view.note,
    }


def _whatif(scenario_text: str | None, whatif, lang: str) -> dict | None:
    if not scenario_text and whatif is None:
        return None
    result = None
    if whatif is not None:
        before, after = whatif.recognised_before, whatif.recognised_after
        matrix = whatif.transition_matrix
        result = {
            "before": number(before, lang),
            "after": number(after, lang),
            "delta": ("+" if after > before else "") + number(after - before, lang),
            "potential": f"{number(whatif.potential_before, lang)} → {number(whatif.potential_after, lang)}",
            "not_rated": translate("whatif.not_rated", lang, n=number(whatif.not_rated, lang))
            if whatif.not_rated
            else "",
            "targeted": translate(
                "brief.whatif_targeted",
                lang,
                n=number(whatif.n_targeted, lang),
                eligible=number(whatif.newly_eligible, lang),
            ),
            "columns": [int(c) for c in matrix.columns],
            "rows": [
                (int(s), [(number(v, lang), int(s) == int(c)) for c, v in zip(matrix.columns, row)])
                for s, row in zip(matrix.index, matrix.to_numpy())
            ],
        }
    return {"scenario": scenario_text or "", "result": result}


def region_brief_html(
    table: pd.DataFrame,
    code: str,
    lang: str,
    model_version: str,
    scenario_text: str | None = None,
    whatif=None,
    generated_at: date | datetime | pd.Timestamp | str | None = None,
    illustrative: bool = True,
    history: pd.DataFrame | None = None,
    thumbnails: Mapping[str, bytes] | None = None,
) -> str:
    """One self-contained HTML document describing a region, ready to print to A4.

    ``table`` is the analysed table (``ovop_core.summary.analysed_table``) of the whole registry:
    the map compares the region with its neighbours; ``code`` a province ("33") or kab/kota ("33.74") code, or "" for
    Indonesia. ``whatif`` (a ``WhatIfResult``) and ``scenario_text`` (its sentence) add the
    current what-if scenario. ``illustrative`` adds the sample-data notice. ``history`` (the
    analysed table of every round) adds the rounds section: stars by round, the trend of recognised
    products and what changed since the last round. ``thumbnails`` (product_id -> JPEG, the store's
    first photo of each product) puts each top product's photo beside it, inline as a data URI; a
    product without one gets its category's illustration.
    """
    code = normalise_code(code)
    labels = Labels(model_version=model_version, illustrative=illustrative)
    region = summarise(table, code, top_n=TOP_PRODUCTS, labels=labels)
    products = scope(table, code)
    day = format_date(_as_date(generated_at), "d MMMM y", locale=_LOCALE[lang])
    if not code:
        subtitle = translate("brief.level.country", lang)
    elif len(code) == 2:
        subtitle = translate("brief.level.province", lang)
    else:
        subtitle = translate("brief.level.kabkota", lang, province=regions.region_name(code[:2]))
    return str(
        templating.render(
            "brief.html",
            t=lambda key, **params: translate(key, lang, **params),
            lang=lang,
            title=translate("brief.title", lang, name=region_title(code, lang)),
            subtitle=subtitle,
            generated=translate("brief.generated", lang, date=day),
            model_label=label_texts(labels, lang)[1],
            illustrative=labels.illustrative,
            plotly_js=Markup(get_plotlyjs()),
            kpis=list(kpi_cards(region.kpis, lang).values()),
            economy=list(economy_cards(region.kpis, lang).values()),
            map=_map(table, code, lang),
            charts=_charts(products, lang),
            top=_top(region.top, code, lang, thumbnails or {}),
            whatif=_whatif(scenario_text, whatif, lang),
            rounds=_rounds(history, code, lang),
        )
    )
