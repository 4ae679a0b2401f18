"""Present mode's four slides and its control bar, drawn in Streamlit at 1920×1080.

Each slide renders what the page hands it in a ``Deck``: the region read model
(``summary.summarise``), the pipeline funnel (``funnel``) and the scenario's result
(``whatif_outcome``); the step, the province and the scenario live in ``slides``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ovop_core import regions, summary
from ovop_core import whatif_outcome as outcome
from ovop_core.funnel import funnel_totals, owner_load, stage_funnel
from ovop_core.model import DEFAULT_MODEL
from ovop_core.pipeline import DEFAULT_STALLED_MONTHS
from ovop_core.scenario import Scenario
from ovop_core.whatif import WhatIfResult
from ovop_ui.builders import brief, maps, pipeline_figures
from ovop_ui.builders import whatif_figures as wf
from ovop_ui.data_access.dataset import Dataset, geojson, scored_for_model, scored_history
from ovop_ui.data_access.photos import thumbnails
from ovop_ui.modes.present import slides as present
from ovop_ui.shell.state import t
from ovop_ui.text.format import number
from ovop_ui.text.sentences import scenario_sentence
from ovop_ui.text.summary_text import kpi_cards, label_texts
from ovop_ui.widgets.charts import chart
from ovop_ui.widgets.map_widget import show_map
from ovop_ui.widgets.whatif_panels import before_after

CHART_HEIGHT = 480  # fits under the KPI row and above the control bar at 1920×1080
LEGEND_ROOM = 150  # the map's legend, drawn below the map (three lines at most)

Card = tuple[str, str, str | None]  # (label, value, note)


@dataclass(frozen=True, eq=False)
class Deck:
    """What every slide of one run draws from. Plain values, no session state: the brief's deferred
    builder runs outside the script run."""

    lang: str
    dataset: Dataset
    table: pd.DataFrame  # the analysed table (default model)
    labels: summary.Labels
    day: str
    province: str  # the chosen province ("" for an empty registry)
    scope_code: str  # "" on the Indonesia slide, else the province
    region: summary.RegionSummary  # the scope's summary
    scenario: Scenario
    is_default: bool  # the scenario is the default halal one, not the what-if page's

    @property
    def scenario_key(self) -> tuple:
        return present.scenario_key(self.scenario)

    def whatif(self) -> WhatIfResult:
        """The scenario's result, cached per data version and scenario."""
        before = scored_for_model(self.dataset, self.scenario.model, self.day)
        return present.whatif_result(
            self.dataset.frame, before, self.scenario, self.dataset.version, self.scenario_key, self.day
        )

    def brief(self) -> str:
        """The region brief for this slide's scope (deferred: runs only when the button is clicked)."""
        result = self.whatif()
        return present.brief_document(
            self.table,
            result,
            self.dataset.version,
            self.scope_code,
            self.lang,
            DEFAULT_MODEL.version,
            self.scenario_key,
            scenario_sentence(result, self.scenario, self.lang),
            self.labels.illustrative,
            self.day,
            scored_history(self.dataset, DEFAULT_MODEL, self.day),
            thumbnails(),
        )


def header(kicker: str, title: str) -> None:
    with st.container(key="present_head"):
        st.caption(kicker)
        st.title(title, anchor=False)


def kpi_row(cards: list[Card]) -> None:
    columns = st.columns(len(cards))
    for column, (label, value, note) in zip(columns, cards):
        column.metric(label, value, border=True, height="stretch", delta=note, delta_color="off", delta_arrow="off")


def region_cards(deck: Deck, *names: str, plain: tuple[str, ...] = ()) -> list[Card]:
    """The region's KPI cards by name (``summary_text.kpi_cards``); those in ``plain`` without their note."""
    every = kpi_cards(deck.region.kpis, deck.lang)
    row = []
    for name in names:
        label, value, note = every[name]
        row.append((label, value, None if name in plain or not note else note))
    return row


def panel(title: str, key: str):
    box = st.container(border=True, key=f"present_panel_{key}")
    box.markdown(f"**{title}**")
    return box


def slide_indonesia(deck: Deck) -> None:
    lang, province = deck.lang, deck.province
    header(t("present.slide.indonesia"), t("map.indonesia"))
    kpi_row(region_cards(deck, "products", "regions", "mean_score", "recognised", "eligible"))
    index = deck.region.subregions
    left, right = st.columns([3, 2], gap="medium")
    with left, panel(t("present.map_country"), "map_country"):
        # Share recognised, not mean score: every province's mean falls in the ★3 band, so a
        # mean-score map is one colour nationally; the ranking beside it gives the scores.
        fmap = maps.choropleth(
            geojson(str(maps.province_geojson_path())), index, "share_recognised", lang, selected=province
        )
        show_map(fmap, key=f"present_map_id_{lang}_{province}", height=CHART_HEIGHT - LEGEND_ROOM)
    with right, panel(t("present.ranking", n=10), "ranking"):
        st.caption(deck.region.rank_rule_text(lang))
        ranking = present.province_ranking(
            index, lang, highlight=province, n=10, height=CHART_HEIGHT - 30, rule=deck.region.rank_rule
        )
        chart(ranking, t("present.ranking", n=10), lang, key="present_ranking", table=False)


def slide_province(deck: Deck) -> None:
    lang, province, region = deck.lang, deck.province, deck.region
    header(t("present.slide.province"), brief.region_title(province, lang))
    rank = region.rank
    place = t("present.rank_value", rank=rank.position, total=rank.total) if rank.position is not None else "–"
    first = region_cards(deck, "products", "regions", "mean_score", plain=("regions",))
    kpi_row([*first, (t("present.rank"), place, rank.rule_text(lang)), *region_cards(deck, "recognised")])
    left, right = st.columns([1, 1], gap="medium")
    with left, panel(t("present.map_kabkota"), "map_kabkota"):
        path = maps.kabkota_geojson_path(province)
        if path.exists():
            fmap = maps.choropleth(geojson(str(path)), region.subregions, "mean_score", lang)
            # Above the map, so the map sits elsewhere in the page than slide 1's: a new map frame
            # rather than a reused one (streamlit-folium cannot redraw another map in its frame).
            st.caption(f":material/info: {t('map.boundaries')}")
            show_map(fmap, key=f"present_map_{province}_{lang}", height=CHART_HEIGHT - 45 - LEGEND_ROOM)
        else:
            st.caption(t("map.no_data"))
    with right, panel(t("present.top_products", n=len(region.top)), "top"):
        if not region.has_products:
            st.info(t("profile.no_products"), icon=":material/inventory_2:")
        else:
            top = present.top_products(region.top, lang, n=8, height=CHART_HEIGHT)
            chart(top, t("present.top_products", n=len(region.top)), lang, key="present_top_products", table=False)


def slide_pipeline(deck: Deck) -> None:
    lang = deck.lang
    header(t("present.slide.pipeline"), t("present.pipeline_title", name=brief.region_title(deck.province, lang)))
    scope = summary.scope(deck.table, deck.scope_code)
    funnel = stage_funnel(scope, DEFAULT_STALLED_MONTHS)
    totals = funnel_totals(funnel)
    months = pipeline_figures.stalled_months_text(DEFAULT_STALLED_MONTHS, lang)
    kpi_row(
        [
            (t("pipeline.kpi.products"), number(totals.n_products, lang), t("pipeline.kpi.products_help")),
            (t("pipeline.kpi.eligible"), number(totals.n_eligible, lang), t("pipeline.kpi.eligible_help")),
            (t("pipeline.kpi.blocked"), number(totals.n_blocked, lang), t("pipeline.kpi.blocked_help")),
            (t("pipeline.kpi.stalled"), number(totals.n_stalled, lang), t("pipeline.kpi.stalled_help", months=months)),
            (t("pipeline.kpi.reeval"), number(totals.n_reeval_due, lang), t("pipeline.kpi.reeval_help")),
        ]
    )
    left, right = st.columns([3, 2], gap="medium")
    with left, panel(t("pipeline.funnel.title"), "funnel"):
        figure = pipeline_figures.stage_funnel(funnel, lang).update_layout(height=CHART_HEIGHT)
        figure.update_yaxes(tickfont=dict(size=19))
        chart(figure, t("pipeline.funnel.title"), lang, key="present_funnel", table=False)
    with right, panel(t("pipeline.owner.title"), "owner"):
        figure = pipeline_figures.owner_load(owner_load(scope), lang).update_layout(height=CHART_HEIGHT - 90)
        figure.update_yaxes(tickfont=dict(size=19))
        chart(figure, t("pipeline.owner.title"), lang, key="present_owner", table=False)
        st.caption(t("pipeline.owner.help"))


def slide_whatif(deck: Deck) -> None:
    lang, sc, result = deck.lang, deck.scenario, deck.whatif()
    header(t("present.slide.whatif"), t("present.whatif_title"))
    with st.container(key="present_sentence"):
        st.info(scenario_sentence(result, sc, lang), icon=":material/campaign:")
    st.caption(t("present.whatif_default") if deck.is_default else t("present.whatif_from_link"))
    products = result.products
    figures_height = CHART_HEIGHT - 50
    numbers, matrix, spread = st.columns([1.2, 1.1, 1.1], gap="medium")
    with numbers, st.container(key="present_numbers"):
        # Recognised (official ★≥3) and potential (estimated ★≥3) over the whole registry (§4, §5).
        pair = st.columns(2)
        for column, key, before, after in (
            (pair[0], "recognised", result.recognised_before, result.recognised_after),
            (pair[1], "potential", result.potential_before, result.potential_after),
        ):
            value, delta = before_after(before, after, lang)
            column.metric(t(f"present.{key}_change"), value, delta=delta, border=True, height="stretch")
        trio = st.columns(3)
        trio[0].metric(t("whatif.targeted"), number(result.n_targeted, lang), border=True, height="stretch")
        crossing = number(len(outcome.crossing(products)), lang)
        trio[1].metric(t("whatif.crossing"), crossing, border=True, height="stretch")
        trio[2].metric(t("whatif.newly_eligible"), number(result.newly_eligible, lang), border=True, height="stretch")
    with matrix, panel(t("whatif.matrix"), "matrix"):
        figure = wf.transition_heatmap(result.transition_matrix, lang).update_layout(height=figures_height)
        chart(figure, t("whatif.matrix"), lang, key="present_transitions", table=False)
        if result.not_rated:
            st.caption(t("whatif.not_rated", n=number(result.not_rated, lang)))
    with spread, panel(t("whatif.distribution"), "distribution"):
        figure = wf.score_distribution(outcome.distribution_products(products), lang)
        figure.update_layout(height=figures_height)
        chart(figure, t("whatif.distribution"), lang, key="present_distribution", table=False)


SLIDE_VIEWS = {
    "indonesia": slide_indonesia,
    "province": slide_province,
    "pipeline": slide_pipeline,
    "whatif": slide_whatif,
}


def show_slide(slide: str, deck: Deck) -> None:
    if slide != "indonesia" and not deck.province:  # an empty registry: nothing to say about a province
        header(t(f"present.slide.{slide}"), t("map.indonesia"))
        st.info(t("profile.no_products"), icon=":material/inventory_2:")
    else:
        SLIDE_VIEWS[slide](deck)


def control_bar(deck: Deck, step: int, choices: list[str]) -> None:
    """Previous and Next, the step counter, the province and the brief, fixed at the bottom; and
    what the figures rest on."""
    lang = deck.lang
    with st.container(key="present_bar"):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.button(
                t("present.prev"),
                key=present.KEY_PREV,
                icon=":material/chevron_left:",
                on_click=present.move,
                args=(-1,),
                disabled=step == 1,
                help=t("present.keys_hint"),
            )
            with st.container(key="present_counter", width="content"):
                st.markdown(t("present.counter", step=step, total=len(present.SLIDES)))
            st.button(
                t("present.next"),
                key=present.KEY_NEXT,
                icon=":material/chevron_right:",
                icon_position="right",
                on_click=present.move,
                args=(1,),
                disabled=step == len(present.SLIDES),
                help=t("present.keys_hint"),
            )
            st.space("stretch")
            st.selectbox(
                t("present.province"),
                choices,
                key=present.KEY_PROV,
                on_change=present.province_changed,
                format_func=regions.region_label,
                label_visibility="collapsed",
                width=360,
            )
            st.download_button(
                t("brief.download"),
                data=deck.brief,
                file_name=brief.brief_filename(deck.scope_code, lang, deck.day),
                mime="text/html",
                icon=":material/download:",
                on_click="ignore",
                key="present_download",
                help=t("present.download_help", name=brief.region_title(deck.scope_code, lang)),
            )
        with st.container(key="present_notice"):
            source, model = label_texts(deck.labels, lang)
            st.caption(f":material/info: {source} · {model}")
