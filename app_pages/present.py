"""Presentasi / Presentation (``?mode=present``): four slides for a projector at 1920×1080.

1 Indonesia (KPIs, province map, ranking) · 2 the chosen province (KPIs, kab/kota map, top
products) · 3 its pipeline funnel · 4 the current what-if scenario. Big Previous/Next buttons,
arrow keys, the step in the URL (``step=``), and the region brief to download on every slide.
"""

import streamlit as st

from ovop_core import regions, summary
from ovop_core.funnel import owner_load, stage_funnel
from ovop_core.model import DEFAULT_MODEL
from ovop_core.pipeline import DEFAULT_STALLED_MONTHS
from ovop_ui.builders import brief, maps, pipeline_figures
from ovop_ui.builders import whatif_figures as wf
from ovop_ui.data_access.dataset import current_dataset, geojson, scored_for_model, today
from ovop_ui.modes.present import slides as present
from ovop_ui.shell import state
from ovop_ui.shell.state import t
from ovop_ui.text.format import number
from ovop_ui.text.sentences import scenario_sentence
from ovop_ui.text.summary_text import kpi_cards, label_texts
from ovop_ui.widgets import scenario
from ovop_ui.widgets.map_widget import show_map

PLOT_CONFIG = {"displayModeBar": False}
CHART_HEIGHT = 480  # fits under the KPI row and above the control bar at 1920×1080

lang = state.current_lang()
dataset = current_dataset()
day = today()
table = scored_for_model(dataset, DEFAULT_MODEL, day)
labels = dataset.labels(DEFAULT_MODEL.version)
illustrative = labels.illustrative

present.seed_step()
scenario.seed(state.current_filters().province)
choices = present.province_choices(table)
if st.session_state.get(present.KEY_PROV) not in choices:
    wanted = state.current_filters().province
    st.session_state[present.KEY_PROV] = wanted if wanted in choices else present.default_province(table)


def _province_changed() -> None:
    # The global filter follows, so the frame writes ``prov=`` into the URL.
    st.session_state[state.KEY_PROV] = st.session_state[present.KEY_PROV]
    st.session_state[state.KEY_KAB] = ""


st.html(present.PAGE_CSS)
present.keyboard()

step = present.current_step()
slide = present.SLIDES[step - 1]
province = st.session_state[present.KEY_PROV] or ""
province_name = brief.region_title(province, lang)
scope_code = "" if slide == "indonesia" else province
region = summary.summarise(table, scope_code, top_n=8, labels=labels)
scope = summary.scope(table, scope_code)


def header(kicker: str, title: str) -> None:
    with st.container(key="present_head"):
        st.caption(kicker)
        st.title(title, anchor=False)


def kpi_row(cards: list[tuple[str, str, str | None]]) -> None:
    columns = st.columns(len(cards))
    for column, (label, value, note) in zip(columns, cards):
        column.metric(label, value, border=True, height="stretch", delta=note, delta_color="off", delta_arrow="off")


def region_cards(*names: str, plain: tuple[str, ...] = ()) -> list[tuple[str, str, str | None]]:
    """The region's KPI cards by name (``summary_text.kpi_cards``); those in ``plain`` without their note."""
    every = kpi_cards(region.kpis, lang)
    row = []
    for name in names:
        label, value, note = every[name]
        row.append((label, value, None if name in plain or not note else note))
    return row


def panel(title: str, key: str):
    box = st.container(border=True, key=f"present_panel_{key}")
    box.markdown(f"**{title}**")
    return box


def slide_indonesia() -> None:
    header(t("present.slide.indonesia"), t("map.indonesia"))
    kpi_row(region_cards("products", "regions", "mean_score", "recognised", "eligible"))
    index = region.subregions
    left, right = st.columns([3, 2], gap="medium")
    with left, panel(t("present.map_country"), "map_country"):
        # Share recognised, not mean score: every province's mean falls in the ★3 band, so a
        # mean-score map is one colour nationally; the ranking beside it gives the scores.
        fmap = maps.choropleth(
            geojson(str(maps.province_geojson_path())), index, "share_recognised", lang, selected=province
        )
        show_map(fmap, key=f"present_map_id_{lang}_{province}", height=CHART_HEIGHT)
    with right, panel(t("present.ranking", n=10), "ranking"):
        ranking = present.province_ranking(index, lang, highlight=province, n=10, height=CHART_HEIGHT)
        st.plotly_chart(ranking, width="stretch", config=PLOT_CONFIG, key="present_ranking")


def slide_province() -> None:
    header(t("present.slide.province"), province_name)
    rank = region.rank
    place = t("present.rank_value", rank=rank.position, total=rank.total) if rank.position is not None else "–"
    first, last = region_cards("products", "regions", "mean_score", plain=("regions",)), region_cards("recognised")
    kpi_row([*first, (t("present.rank"), place, t("present.rank_help")), *last])
    left, right = st.columns([1, 1], gap="medium")
    with left, panel(t("present.map_kabkota"), "map_kabkota"):
        path = maps.kabkota_geojson_path(province)
        if path.exists():
            fmap = maps.choropleth(geojson(str(path)), region.subregions, "mean_score", lang)
            # Above the map, so the map sits elsewhere in the page than slide 1's: a new map frame
            # rather than a reused one (streamlit-folium cannot redraw another map in its frame).
            st.caption(f":material/info: {t('map.approximate')}")
            show_map(fmap, key=f"present_map_{province}_{lang}", height=CHART_HEIGHT - 45)
        else:
            st.caption(t("map.no_data"))
    with right, panel(t("present.top_products", n=len(region.top)), "top"):
        if not region.has_products:
            st.info(t("profile.no_products"), icon=":material/inventory_2:")
        else:
            top = present.top_products(region.top, lang, n=8, height=CHART_HEIGHT)
            st.plotly_chart(top, width="stretch", config=PLOT_CONFIG, key="present_top_products")


def slide_pipeline() -> None:
    header(t("present.slide.pipeline"), t("present.pipeline_title", name=province_name))
    funnel = stage_funnel(scope, DEFAULT_STALLED_MONTHS)
    kpi_row(
        [
            (t("pipeline.kpi.products"), number(len(scope), lang), t("pipeline.kpi.products_help")),
            (
                t("pipeline.kpi.eligible"),
                number(int(funnel["n_eligible"].sum()), lang),
                t("pipeline.kpi.eligible_help"),
            ),
            (t("pipeline.kpi.blocked"), number(int(funnel["n_blocked"].sum()), lang), t("pipeline.kpi.blocked_help")),
            (
                t("pipeline.kpi.stalled"),
                number(int(funnel["n_stalled"].sum()), lang),
                t("pipeline.kpi.stalled_help", months=number(DEFAULT_STALLED_MONTHS, lang)),
            ),
            (t("pipeline.kpi.reeval"), number(int(funnel["n_reeval_due"].sum()), lang), t("pipeline.kpi.reeval_help")),
        ]
    )
    left, right = st.columns([3, 2], gap="medium")
    with left, panel(t("pipeline.funnel.title"), "funnel"):
        figure = pipeline_figures.stage_funnel(funnel, lang).update_layout(height=CHART_HEIGHT)
        figure.update_yaxes(tickfont=dict(size=19))
        st.plotly_chart(figure, width="stretch", config=PLOT_CONFIG, key="present_funnel")
    with right, panel(t("pipeline.owner.title"), "owner"):
        figure = pipeline_figures.owner_load(owner_load(scope), lang).update_layout(height=CHART_HEIGHT - 90)
        figure.update_yaxes(tickfont=dict(size=19))
        st.plotly_chart(figure, width="stretch", config=PLOT_CONFIG, key="present_owner")
        st.caption(t("pipeline.owner.help"))


# Read from the session now: the brief's deferred builder runs outside the script run.
scenario_now, is_default = present.chosen_scenario(province)
scenario_now_key = present.scenario_key(scenario_now)


def current_whatif():
    """The scenario's result, cached per data version and scenario (no session state inside)."""
    before = scored_for_model(dataset, scenario_now.model, day)
    return present.whatif_result(dataset.frame, before, scenario_now, dataset.version, scenario_now_key, day)


def slide_whatif() -> None:
    sc, result = scenario_now, current_whatif()
    header(t("present.slide.whatif"), t("present.whatif_title"))
    with st.container(key="present_sentence"):
        st.info(scenario_sentence(result, sc, lang), icon=":material/campaign:")
    st.caption(t("present.whatif_default") if is_default else t("present.whatif_from_link"))
    products = result.products
    delta = result.recognised_after - result.recognised_before
    crossing = int((products["stars_after"] > products["stars"]).sum())
    figures_height = CHART_HEIGHT - 50
    numbers, matrix, spread = st.columns([1.2, 1.1, 1.1], gap="medium")
    with numbers, st.container(key="present_numbers"):
        st.metric(
            t("present.recognised_change"),
            f"{number(result.recognised_before, lang)} → {number(result.recognised_after, lang)}",
            delta=("+" if delta > 0 else "") + number(delta, lang),
            border=True,
        )
        trio = st.columns(3)
        trio[0].metric(t("whatif.targeted"), number(result.n_targeted, lang), border=True, height="stretch")
        trio[1].metric(t("whatif.crossing"), number(crossing, lang), border=True, height="stretch")
        trio[2].metric(t("whatif.newly_eligible"), number(result.newly_eligible, lang), border=True, height="stretch")
    with matrix, panel(t("whatif.matrix"), "matrix"):
        figure = wf.transition_heatmap(result.transition_matrix, lang).update_layout(height=figures_height)
        st.plotly_chart(figure, width="stretch", config=PLOT_CONFIG, key="present_transitions")
    with spread, panel(t("whatif.distribution"), "distribution"):
        targeted = products[products["targeted"]]
        figure = wf.score_distribution(targeted if len(targeted) else products, lang)
        st.plotly_chart(
            figure.update_layout(height=figures_height), width="stretch", config=PLOT_CONFIG, key="present_distribution"
        )


def build_brief() -> str:
    """The region brief for this slide's scope (deferred: runs only when the button is clicked)."""
    result = current_whatif()
    return present.brief_document(
        table,
        result,
        dataset.version,
        scope_code,
        lang,
        DEFAULT_MODEL.version,
        scenario_now_key,
        scenario_sentence(result, scenario_now, lang),
        illustrative,
        day,
    )


if slide != "indonesia" and not province:  # an empty registry: nothing to say about a province
    header(t(f"present.slide.{slide}"), t("map.indonesia"))
    st.info(t("profile.no_products"), icon=":material/inventory_2:")
else:
    {"indonesia": slide_indonesia, "province": slide_province, "pipeline": slide_pipeline, "whatif": slide_whatif}[
        slide
    ]()

scope_name = brief.region_title(scope_code, lang)
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
            on_change=_province_changed,
            format_func=lambda c: regions.region_name(c) or c,
            label_visibility="collapsed",
            width=360,
        )
        st.download_button(
            t("brief.download"),
            data=build_brief,
            file_name=brief.brief_filename(scope_code, lang, day),
            mime="text/html",
            icon=":material/download:",
            on_click="ignore",
            key="present_download",
            help=t("present.download_help", name=scope_name),
        )
    with st.container(key="present_notice"):
        source, model = label_texts(labels, lang)
        st.caption(f":material/info: {source} · {model}")

present.write_step_url()
