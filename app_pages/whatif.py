"""Simulasi / What-if: coaching levers on a target set, and what they change (DESIGN.md §5)."""

import json

import pandas as pd
import streamlit as st

from ovop_core import regions
from ovop_core.model import CATEGORIES, DEFAULT_MODEL, PRESETS, InvalidWeightsError
from ovop_core.pipeline import STAGES
from ovop_core.whatif import INTERVENTIONS, MAX_LEVER, rank_stability, run_whatif
from ovop_ui.builders import maps
from ovop_ui.builders import whatif_figures as wf
from ovop_ui.builders.tables import to_csv_bytes
from ovop_ui.data_access.dataset import current_dataset, geojson, scored_for_model, today
from ovop_ui.shell import state
from ovop_ui.shell.state import t
from ovop_ui.text.format import number
from ovop_ui.text.i18n import (
    category_name,
    criterion_name,
    stage_name,
    stars_text,
    translate,
)
from ovop_ui.text.sentences import scenario_sentence
from ovop_ui.widgets import scenario, views

lang = state.current_lang()
filters = state.current_filters()
dataset = current_dataset()
scenario.seed(filters.kabkota or filters.province, filters.categories)

st.title(t("whatif.title"))
st.caption(t("whatif.intro"))
views.data_notice(dataset)

province_names = dict(zip(regions.provinces()["code"], regions.provinces()["name"]))
kab_table = regions.kabkota()
region_names = {**province_names, **dict(zip(kab_table["code"], kab_table["name"]))}
VIEWS = ("overview", "regions", "map", "products")


def _levers() -> None:
    with st.container(border=True):
        st.markdown(f"**{t('whatif.levers')}**")
        st.slider(t("whatif.quality"), 0, int(MAX_LEVER), step=5, key=scenario.KEY_QUALITY)
        st.slider(t("whatif.market"), 0, int(MAX_LEVER), step=5, key=scenario.KEY_MARKET)
        st.multiselect(
            t("whatif.interventions"),
            list(INTERVENTIONS),
            key=scenario.KEY_INTERVENE,
            format_func=lambda k: translate(f"intervention.{k}", lang),
            placeholder="—",
        )
    with st.container(border=True):
        st.markdown(f"**{t('whatif.target')}**")
        st.multiselect(
            t("whatif.target_regions"),
            list(region_names),
            key=scenario.KEY_REGIONS,
            format_func=lambda c: region_names.get(c, c),
            placeholder=t("filters.all"),
        )
        st.multiselect(
            t("filters.category"),
            list(CATEGORIES),
            key=scenario.KEY_CATEGORIES,
            format_func=lambda c: category_name(c, lang),
            placeholder=t("filters.all"),
        )
        st.multiselect(
            t("filters.stage"),
            [s.number for s in STAGES],
            key=scenario.KEY_STAGES,
            format_func=lambda s: stage_name(s, lang),
            placeholder=t("filters.all"),
        )
        st.multiselect(
            t("whatif.target_stars"),
            [1, 2, 3, 4, 5],
            key=scenario.KEY_STARS,
            format_func=lambda s: f"★{s}",
            placeholder=t("filters.all"),
        )
        st.toggle(t("whatif.use_top"), key=scenario.KEY_USE_TOP)
        if st.session_state[scenario.KEY_USE_TOP]:
            st.number_input(t("whatif.top_n"), min_value=1, max_value=100_000, step=10, key=scenario.KEY_TOP)
    with st.container(border=True):
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


def _model():
    """The chosen weights, or the last valid ones with a clear message when the new set is impossible."""
    try:
        model = scenario.chosen_model()
    except InvalidWeightsError as exc:
        st.error(
            t("whatif.weights_invalid", message=exc.message_id if lang == "id" else exc.message_en),
            icon=":material/scale:",
        )
        return st.session_state.get("_wi_last_model", DEFAULT_MODEL)
    st.session_state["_wi_last_model"] = model
    return model


@st.fragment
def whatif_panel() -> None:
    """Levers and results together: a lever change reruns only this fragment."""
    controls, results = st.columns([1, 2.4], gap="large")
    with controls:
        _levers()
    model = _model()
    sc = scenario.scenario_from_widgets(model)
    scenario.write_url()
    before = scored_for_model(dataset, model, today())
    result = run_whatif(dataset.frame, sc, today=pd.Timestamp(today()), before=before)
    products = result.products.assign(region_name=before["region_name"], province_name=before["province_name"])
    with results:
        st.info(scenario_sentence(result, sc, lang), icon=":material/campaign:")
        cards = st.columns(4)
        delta = result.recognised_after - result.recognised_before
        crossing = products[products["stars_after"] > products["stars"]]
        cards[0].metric(t("whatif.targeted"), number(result.n_targeted, lang), border=True)
        cards[1].metric(
            t("whatif.recognised"),
            number(result.recognised_after, lang),
            border=True,
            delta=("+" if delta > 0 else "") + number(delta, lang) if delta else None,
        )
        cards[2].metric(t("whatif.crossing"), number(len(crossing), lang), border=True)
        cards[3].metric(t("whatif.newly_eligible"), number(result.newly_eligible, lang), border=True)
        if model.version != DEFAULT_MODEL.version:
            kept = rank_stability(dataset.frame, DEFAULT_MODEL, model, top=20)
            st.caption(":material/balance: " + t("whatif.stability", kept=kept))

        view = (
            st.segmented_control(
                t("whatif.view"),
                VIEWS,
                default="overview",
                key="wi_view",
                format_func=lambda v: translate(f"whatif.view.{v}", lang),
            )
            or "overview"
        )
        if view == "overview":
            left, right = st.columns(2)
            with left.container(border=True):
                st.markdown(f"**{t('whatif.matrix')}**")
                st.plotly_chart(
                    wf.transition_heatmap(result.transition_matrix, lang),
                    width="stretch",
                    config={"displayModeBar": False},
                )
            with right.container(border=True):
                st.markdown(f"**{t('whatif.distribution')}**")
                targeted = products[products["targeted"]]
                st.plotly_chart(
                    wf.score_distribution(targeted if len(targeted) else products, lang),
                    width="stretch",
                    config={"displayModeBar": False},
                )
            with st.container(border=True):
                st.markdown(f"**{t('whatif.gates')}**")
                if sum(result.gates_still_blocking.values()):
                    st.plotly_chart(
                        wf.gates_blocking(result.gates_still_blocking, lang),
                        width="stretch",
                        config={"displayModeBar": False},
                    )
                else:
                    st.caption(t("whatif.no_gates"))
        elif view == "regions":
            _region_ranking(result.regions)
        elif view == "map":
            index = result.regions.assign(
                has_data=result.regions["n_products"] > 0,
                delta_recognised=result.regions["n_recognised_after"] - result.regions["n_recognised_before"],
            )
            fmap = maps.choropleth(geojson(str(maps.province_geojson_path())), index, "delta_recognised", lang)
            from ovop_ui.widgets.map_widget import show_map

            show_map(fmap, key="wi_map", height=460)
        else:
            _product_tables(crossing, products[products["newly_eligible"]])

        _downloads(products, result, sc)


def _region_ranking(table: pd.DataFrame) -> None:
    ranked = table[table["n_products"] > 0].sort_values(["rank_after", "name"])
    view = pd.DataFrame(
        {
            t("col.province"): ranked["name"],
            t("col.products"): ranked["n_products"],
            f"{t('col.mean_score')} · {t('whatif.before')}": ranked["mean_score_before"].map(
                lambda v: number(v, lang, 1)
            ),
            f"{t('col.mean_score')} · {t('whatif.after')}": ranked["mean_score_after"].map(
                lambda v: number(v, lang, 1)
            ),
            f"{t('col.recognised')} · {t('whatif.before')}": ranked["n_recognised_before"].astype("Int64"),
            f"{t('col.recognised')} · {t('whatif.after')}": ranked["n_recognised_after"].astype("Int64"),
            t("whatif.rank_before"): ranked["rank_before"].astype("Int64"),
            t("whatif.rank_after"): ranked["rank_after"].astype("Int64"),
            t("whatif.rank_change"): ranked["rank_change"].map(wf.rank_arrow),
        }
    )
    st.dataframe(view, hide_index=True, width="stretch", height=520)


def _product_tables(crossing: pd.DataFrame, eligible: pd.DataFrame) -> None:
    for title, table in ((t("whatif.crossing_table"), crossing), (t("whatif.eligible_table"), eligible)):
        st.markdown(f"**{title}** ({number(len(table), lang)})")
        if table.empty:
            st.caption(t("whatif.none"))
            continue
        view = pd.DataFrame(
            {
                t("col.name"): table["name"],
                t("col.region"): table["region_name"],
                t("col.category"): table["category"].map(lambda c: category_name(c, lang)),
                f"{t('col.score')} · {t('whatif.before')}": table["score"].map(lambda v: number(v, lang, 1)),
                f"{t('col.score')} · {t('whatif.after')}": table["score_after"].map(lambda v: number(v, lang, 1)),
                f"{t('col.stars')} · {t('whatif.before')}": table["stars"].map(lambda s: stars_text(s, lang)),
                f"{t('col.stars')} · {t('whatif.after')}": table["stars_after"].map(lambda s: stars_text(s, lang)),
                t("col.stage"): table["stage"].map(lambda s: stage_name(s, lang)),
            }
        )
        st.dataframe(view, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(view)))


def _downloads(products: pd.DataFrame, result, sc) -> None:
    columns = [
        "product_id",
        "name",
        "category",
        "region_code",
        "stage",
        "score",
        "stars",
        "score_after",
        "stars_after",
        "targeted",
        "eligible_before",
        "eligible_after",
        f"cap_reason_after_{lang}",
    ]
    summary = result.summary()
    summary["scenario"] = {"model": sc.model.version, "arguments": sc.to_cli_args()}
    row = st.container(horizontal=True)
    row.download_button(
        t("whatif.download_products"),
        to_csv_bytes(products[columns], lang),
        "simulasi_produk.csv",
        "text/csv",
        icon=":material/download:",
        key="wi_dl_products",
    )
    row.download_button(
        t("whatif.download_summary"),
        json.dumps(summary, ensure_ascii=False, indent=2),
        "simulasi_ringkasan.json",
        "application/json",
        icon=":material/download:",
        key="wi_dl_summary",
    )
    st.caption(f"{t('whatif.cli')}:")
    st.code("python -m ovop_core whatif REGISTRY.csv " + " ".join(sc.to_cli_args()), language="bash")


whatif_panel()
