"""The what-if page's sections: the intervention and target form, the headline (with where each
intervention applied), the four views of the result (overview charts, regions, map, products) and
the downloads.

The form writes the scenario widgets of ``widgets.scenario`` (their keys are the URL's and the
end-to-end tests'); what the result holds comes from ``ovop_core.whatif`` and
``ovop_core.whatif_outcome``. These functions only lay it out in the visitor's language.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from ovop_core import regions
from ovop_core import whatif_outcome as outcome
from ovop_core.interventions import INTERVENTIONS, MAX_LEVER
from ovop_core.model import CATEGORIES, DEFAULT_MODEL, PRESETS, InvalidWeightsError, ScoringModel
from ovop_core.pipeline import STAGES
from ovop_core.scenario import LEVER_STEP, Scenario
from ovop_core.whatif import WhatIfResult
from ovop_ui.builders import maps
from ovop_ui.builders import whatif_figures as wf
from ovop_ui.builders.tables import to_csv_bytes
from ovop_ui.data_access.dataset import geojson
from ovop_ui.shell.state import t
from ovop_ui.text.format import number
from ovop_ui.text.i18n import category_in_sentence, category_name, criterion_name, stage_name, stars_text, translate
from ovop_ui.text.sentences import scenario_sentence
from ovop_ui.widgets import scenario
from ovop_ui.widgets.charts import chart
from ovop_ui.widgets.views import fitted_height

VIEWS = ("overview", "regions", "map", "products")
_LAST_MODEL = "_wi_last_model"


def levers(lang: str) -> None:
    """The scenario form: coaching interventions (levers and facilitation), the target set, and the weights."""
    with st.container(border=True):
        st.markdown(f"**{t('whatif.levers')}**")
        st.slider(t("whatif.quality"), 0, MAX_LEVER, step=LEVER_STEP, key=scenario.KEY_QUALITY)
        st.slider(t("whatif.market"), 0, MAX_LEVER, step=LEVER_STEP, key=scenario.KEY_MARKET)
        st.multiselect(
            t("whatif.interventions"),
            list(INTERVENTIONS),
            key=scenario.KEY_INTERVENE,
            format_func=lambda k: translate(f"intervention.{k}", lang),
            placeholder="—",
        )
    with st.container(border=True):
        _target(lang)
    with st.container(border=True):
        _weights(lang)


def _target(lang: str) -> None:
    region_names = regions.region_names()
    st.markdown(f"**{t('whatif.target')}**")
    for label, options, key, name in (
        ("whatif.target_regions", list(region_names), scenario.KEY_REGIONS, lambda c: region_names.get(c, c)),
        ("filters.category", list(CATEGORIES), scenario.KEY_CATEGORIES, lambda c: category_name(c, lang)),
        ("filters.stage", [s.number for s in STAGES], scenario.KEY_STAGES, lambda s: stage_name(s, lang)),
        ("whatif.target_stars", [1, 2, 3, 4, 5], scenario.KEY_STARS, lambda s: f"★{s}"),
    ):
        st.multiselect(t(label), options, key=key, format_func=name, placeholder=t("filters.all"))
    st.toggle(t("whatif.use_top"), key=scenario.KEY_USE_TOP)
    if st.session_state[scenario.KEY_USE_TOP]:
        st.number_input(t("whatif.top_n"), min_value=1, max_value=100_000, step=10, key=scenario.KEY_TOP)


def _weights(lang: str) -> None:
    st.markdown(f"**{t('whatif.weights')}**")
    st.selectbox(
        t("whatif.model"),
        [*PRESETS, scenario.CUSTOM],
        key=scenario.KEY_MODEL,
        format_func=lambda m: translate("whatif.custom", lang) if m == scenario.CUSTOM else m,
    )
    if st.session_state[scenario.KEY_MODEL] == scenario.CUSTOM:
        for crit, key in scenario.WEIGHT_KEYS.items():
            st.number_input(f"{crit.upper()} · {criterion_name(crit, lang)}", 0, 100, step=5, key=key)
        total = sum(scenario.chosen_weights().values())
        st.caption(t("whatif.weights_sum", total=number(total, lang)))


def chosen_model(lang: str) -> ScoringModel:
    """The chosen weights, or the last valid ones with a clear message when the new set is impossible."""
    try:
        model = scenario.chosen_model()
    except InvalidWeightsError as exc:
        st.error(
            t("whatif.weights_invalid", message=exc.text(lang)),
            icon=":material/scale:",
        )
        return st.session_state.get(_LAST_MODEL, DEFAULT_MODEL)
    st.session_state[_LAST_MODEL] = model
    return model


def before_after(before: int, after: int, lang: str) -> tuple[str, str | None]:
    """A count as "before → after" and its signed change (None when unchanged), for ``st.metric``."""
    delta = after - before
    return f"{number(before, lang)} → {number(after, lang)}", (
        ("+" if delta > 0 else "") + number(delta, lang) if delta else None
    )


def headline(result: WhatIfResult, products: pd.DataFrame, sc: Scenario, lang: str) -> None:
    """The scenario in one sentence, the counts it changes (recognised = official ★≥3 and
    potential = estimated ★≥3 over the whole registry, before → after), and where each chosen
    intervention applied."""
    st.info(scenario_sentence(result, sc, lang), icon=":material/campaign:")
    # Recognised and potential read "before → after": two wide cards, then the three counts.
    pair, trio = st.columns(2), st.columns(3)
    for card, key, before, after in (
        (pair[0], "recognised", result.recognised_before, result.recognised_after),
        (pair[1], "potential", result.potential_before, result.potential_after),
    ):
        value, delta = before_after(before, after, lang)
        card.metric(t(f"whatif.{key}"), value, delta=delta, border=True, help=t(f"whatif.{key}_help"), height="stretch")
    trio[0].metric(t("whatif.targeted"), number(result.n_targeted, lang), border=True)
    trio[1].metric(t("whatif.crossing"), number(len(outcome.crossing(products)), lang), border=True)
    trio[2].metric(t("whatif.newly_eligible"), number(result.newly_eligible, lang), border=True)
    notes = intervention_notes(result, lang)
    if notes:
        st.caption(f"**{t('whatif.applied_title')}**  \n" + "  \n".join(notes))


def intervention_notes(result: WhatIfResult, lang: str) -> list[str]:
    """One line per chosen intervention: the targeted products it applied to, and those it did not
    with the reason (outside its categories, declared non-halal, already holding the evidence)."""
    lines = []
    for row in outcome.intervention_rows(result):
        parts = [
            translate(
                "whatif.applied",
                lang,
                name=translate(f"intervention.{row['intervention']}", lang),
                n=number(row["applied"], lang),
            )
        ]
        if row["category"]:
            names = ", ".join(f"{category_in_sentence(c, lang)} {number(n, lang)}" for c, n in row["category"].items())
            total = sum(row["category"].values())
            parts.append(translate("whatif.not_applied_category", lang, n=number(total, lang), categories=names))
        if row["non_halal"]:
            parts.append(translate("whatif.not_applied_non_halal", lang, n=number(row["non_halal"], lang)))
        if row["has_evidence"]:
            parts.append(translate("whatif.not_applied_has", lang, n=number(row["has_evidence"], lang)))
        lines.append("; ".join(parts))
    return lines


def choose_view(lang: str) -> str:
    chosen = st.segmented_control(
        t("whatif.view"),
        VIEWS,
        default="overview",
        key="wi_view",
        format_func=lambda v: translate(f"whatif.view.{v}", lang),
    )
    return chosen or "overview"


def overview_charts(result: WhatIfResult, products: pd.DataFrame, lang: str) -> None:
    """Star transitions of the rated targeted products (the not rated ones counted beside them), the
    score distribution before and after, and the gates still blocking targeted products."""
    left, right = st.columns(2)
    with left.container(border=True):
        st.markdown(f"**{t('whatif.matrix')}**")
        chart(wf.transition_heatmap(result.transition_matrix, lang), t("whatif.matrix"), lang)
        if result.not_rated:
            st.caption(t("whatif.not_rated", n=number(result.not_rated, lang)))
    with right.container(border=True):
        st.markdown(f"**{t('whatif.distribution')}**")
        figure = wf.score_distribution(outcome.distribution_products(products), lang)
        chart(figure, t("whatif.distribution"), lang)
    with st.container(border=True):
        st.markdown(f"**{t('whatif.gates')}**")
        if sum(result.gates_still_blocking.values()):
            figure = wf.gates_blocking(result.gates_still_blocking, lang)
            chart(figure, t("whatif.gates"), lang)
        else:
            st.caption(t("whatif.no_gates"))


def region_ranking(region_table: pd.DataFrame, lang: str) -> None:
    """Provinces before and after: mean score, recognised products and rank, with the rank's move."""
    ranked = outcome.region_ranking(region_table)
    before, after = t("whatif.before"), t("whatif.after")
    view = pd.DataFrame(
        {
            t("col.province"): ranked["name"],
            t("col.products"): ranked["n_products"],
            f"{t('col.mean_score')} · {before}": ranked["mean_score_before"].map(lambda v: number(v, lang, 1)),
            f"{t('col.mean_score')} · {after}": ranked["mean_score_after"].map(lambda v: number(v, lang, 1)),
            f"{t('col.recognised')} · {before}": ranked["n_recognised_before"].astype("Int64"),
            f"{t('col.recognised')} · {after}": ranked["n_recognised_after"].astype("Int64"),
            t("whatif.rank_before"): ranked["rank_before"].astype("Int64"),
            t("whatif.rank_after"): ranked["rank_after"].astype("Int64"),
            t("whatif.rank_change"): ranked["rank_change"].map(wf.rank_arrow),
        }
    )
    st.dataframe(view, hide_index=True, width="stretch", height=520)


def change_map(region_table: pd.DataFrame, lang: str) -> None:
    """Provinces coloured by how many more products are recognised."""
    from ovop_ui.widgets.map_widget import show_map  # folium only when the map is asked for

    features = geojson(str(maps.province_geojson_path()))
    fmap = maps.choropleth(features, outcome.region_changes(region_table), "delta_recognised", lang)
    show_map(fmap, key="wi_map", height=460)


def product_tables(products: pd.DataFrame, lang: str) -> None:
    """The products that cross into a higher star, and those that can move on only after the scenario."""
    before, after = t("whatif.before"), t("whatif.after")
    for title, table in (
        (t("whatif.crossing_table"), outcome.crossing(products)),
        (t("whatif.eligible_table"), outcome.newly_eligible(products)),
    ):
        st.markdown(f"**{title}** ({number(len(table), lang)})")
        if table.empty:
            st.caption(t("whatif.none"))
            continue
        view = pd.DataFrame(
            {
                t("col.name"): table["name"],
                t("col.region"): table["region_name"],
                t("col.category"): table["category"].map(lambda c: category_name(c, lang)),
                f"{t('col.score')} · {before}": table["score"].map(lambda v: number(v, lang, 1)),
                f"{t('col.score')} · {after}": table["score_after"].map(lambda v: number(v, lang, 1)),
                f"{t('col.stars')} · {before}": table["stars"].map(lambda s: stars_text(s, lang)),
                f"{t('col.stars')} · {after}": table["stars_after"].map(lambda s: stars_text(s, lang)),
                t("col.stage"): table["stage"].map(lambda s: stage_name(s, lang)),
            }
        )
        st.dataframe(view, hide_index=True, width="stretch", height=fitted_height(len(view), cap=400))


def downloads(products: pd.DataFrame, result: WhatIfResult, sc: Scenario, lang: str) -> None:
    """The products before and after (CSV), the summary (JSON), and the CLI call that reproduces them.

    The files are built when clicked (``data`` is a callable), not on every rerun: each move of a lever reruns
    the page, and a file built eagerly would be rebuilt each time while the browser's check of the previous
    file's address races the rerun that deleted it (a 404 in the console).
    """
    row = st.container(horizontal=True)
    row.download_button(
        t("whatif.download_products"),
        lambda: to_csv_bytes(outcome.export_table(products, lang), lang),
        "simulasi_produk.csv",
        "text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="wi_dl_products",
    )
    row.download_button(
        t("whatif.download_summary"),
        lambda: json.dumps(outcome.scenario_summary(result, sc), ensure_ascii=False, indent=2),
        "simulasi_ringkasan.json",
        "application/json",
        icon=":material/download:",
        on_click="ignore",
        key="wi_dl_summary",
    )
    st.caption(f"{t('whatif.cli')}:")
    st.code("python -m ovop_core whatif REGISTRY.csv " + " ".join(sc.to_cli_args()), language="bash")
