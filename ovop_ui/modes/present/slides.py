"""Present mode (issue 7): the slide sequence's state, keyboard script, figures and cached brief.

The presenter steps through four slides — Indonesia, one province, its pipeline, a what-if
scenario — with big buttons or the keyboard. The step lives in ``st.session_state`` and in the
URL (``step=1…4``), so a link reopens the same slide. Figures here are plain functions (tests call
them without Streamlit); the what-if result and the region brief are cached per data version,
scope, language and scenario, so stepping back and forth recomputes nothing.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from markupsafe import Markup

from ovop_core import regions, summary
from ovop_core.interventions import intervention_categories
from ovop_core.model import CRITERIA, PRESETS, ScoringModel
from ovop_core.params import known_value
from ovop_core.scenario import Scenario, Target
from ovop_core.whatif import WhatIfResult, run_whatif
from ovop_ui.builders import brief, palette, templating
from ovop_ui.builders.figures import BAR_COLOUR, STAR_COLOURS, _layout
from ovop_ui.shell import state, url_params
from ovop_ui.text.format import number, percent
from ovop_ui.text.i18n import translate
from ovop_ui.text.stars import star_column
from ovop_ui.widgets import scenario

SLIDES = ("indonesia", "province", "pipeline", "whatif")
KEY_STEP = "present_step"
KEY_PROV = "present_prov"
KEY_PREV, KEY_NEXT = "present_prev", "present_next"
_SEEDED = "_present_seeded"
HIGHLIGHT_COLOUR = palette.HIGHLIGHT  # the chosen province: the same orange outline as on the map
TICK_FONT = dict(size=18, color=palette.INK)


# --- the step --------------------------------------------------------------------------------


def parse_step(text: object) -> int:
    """``step=`` from the URL as 1…len(SLIDES); anything else is the first slide."""
    return known_value(text, range(1, len(SLIDES) + 1), 1, int)


def seed_step() -> None:
    """Read the step from the URL once per session."""

    def from_url(params) -> None:
        st.session_state[KEY_STEP] = parse_step(params.get("step", "1"))

    url_params.seed_once(_SEEDED, from_url)


def current_step() -> int:
    return parse_step(st.session_state.get(KEY_STEP, 1))


def move(delta: int) -> None:
    """Button callback: the previous or next slide, kept within the sequence."""
    st.session_state[KEY_STEP] = min(max(current_step() + delta, 1), len(SLIDES))


def write_step_url() -> None:
    url_params.write({"step": str(current_step())})


# --- the province ----------------------------------------------------------------------------


def province_choices(table: pd.DataFrame) -> list[str]:
    """Provinces with at least one product, in alphabetical order of their names."""
    return summary.provinces_with_products(table)["code"].tolist()


def seed_province(table: pd.DataFrame, preferred: str) -> list[str]:
    """The provinces to choose from. The session's choice stays while it has products; otherwise
    the slides open on ``preferred`` (the global filter's province) or, failing that, on the
    province with most products (``summary.default_province``), so a province slide is never empty."""
    choices = province_choices(table)
    if st.session_state.get(KEY_PROV) not in choices:
        st.session_state[KEY_PROV] = summary.default_province(table, preferred)
    return choices


def province_changed() -> None:
    """Selectbox callback: the global filter follows, so the frame writes ``prov=`` into the URL."""
    st.session_state[state.KEY_PROV] = st.session_state[KEY_PROV]
    st.session_state[state.KEY_KAB] = ""
    st.session_state[state.KEY_KEC] = ""


def scope_of(slide: str, province: str) -> str:
    """The region a slide is about: the country on the Indonesia slide, else the chosen province."""
    return "" if slide == "indonesia" else province


# --- the scenario ----------------------------------------------------------------------------


def has_levers(sc: Scenario) -> bool:
    return bool(sc.quality or sc.market or sc.interventions)


def default_scenario(province: str, model: ScoringModel) -> Scenario:
    """Halal certification for the province's products it applies to (food, beverage, herbal)."""
    target = Target(regions=(province,) if province else (), categories=intervention_categories("halal"))
    return Scenario(interventions=("halal",), target=target, model=model)


def scenario_key(sc: Scenario) -> tuple:
    """Everything that determines a scenario's numbers, hashable (a cache key)."""
    weights = tuple(float(sc.model.weights[c]) for c in CRITERIA)
    return (sc.model.version, weights, *sc.to_cli_args())


def chosen_scenario(province: str) -> tuple[Scenario, bool]:
    """The session's what-if scenario (from the URL, as on the what-if page), or — when it has
    no lever — the default halal scenario for ``province``; and whether the default is used."""
    try:
        model = scenario.chosen_model()
    except ValueError:  # an impossible custom weight set: the default model
        model = PRESETS[scenario.DEFAULT_PRESET]
    current = scenario.scenario_from_widgets(model)
    if has_levers(current):
        return current, False
    return default_scenario(province, model), True


@st.cache_data(max_entries=8, show_spinner=False)
def whatif_result(
    _frame: pd.DataFrame, _before: pd.DataFrame, _scenario: Scenario, version: str, key: tuple, today: str
) -> WhatIfResult:
    """``run_whatif`` once per data version and scenario (the frames and scenario are not hashed)."""
    return run_whatif(_frame, _scenario, today=pd.Timestamp(today), before=_before)


@st.cache_data(max_entries=12, show_spinner=False)
def brief_document(
    _table: pd.DataFrame,
    _whatif: WhatIfResult | None,
    version: str,
    code: str,
    lang: str,
    model_version: str,
    key: tuple,
    scenario_text: str | None,
    illustrative: bool,
    day: str,
    _history: pd.DataFrame | None = None,
    _thumbnails: dict[str, bytes] | None = None,
) -> str:
    """The region brief (``brief.region_brief_html``), built once per version, scope, language,
    scenario and day: the document inlines plotly.js, so it is worth keeping. Photos change only
    with a new data version (they are versioned with the products), so ``version`` covers them."""
    return brief.region_brief_html(
        _table,
        code,
        lang,
        model_version,
        scenario_text=scenario_text,
        whatif=_whatif,
        generated_at=day,
        illustrative=illustrative,
        history=_history,
        thumbnails=_thumbnails,
    )


# --- keyboard --------------------------------------------------------------------------------

# Our own constant script (no user text). It listens on the app's document and on the documents
# of same-origin component frames (a map takes the focus once clicked), replaces any listener a
# previous copy of this frame installed, and ignores keys typed into a field.
KEYBOARD_SCRIPT = """
<script>
(function () {
  var host = window.parent;
  var doc = host.document;
  var NEXT = ["ArrowRight", "PageDown", " ", "Spacebar"];
  var PREV = ["ArrowLeft", "PageUp"];
  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toUpperCase();
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }
  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || typing(event.target)) return;
    var key = NEXT.indexOf(event.key) >= 0 ? "%(next)s" : PREV.indexOf(event.key) >= 0 ? "%(prev)s" : "";
    if (!key) return;
    var buttons = doc.querySelectorAll(".st-key-" + key + " button");
    event.preventDefault();
    for (var i = 0; i < buttons.length; i++) {  // the rendered one, not a zero-size copy
      if (buttons[i].offsetWidth > 0) {
        if (!buttons[i].disabled) buttons[i].click();
        return;
      }
    }
  }
  function attach(target) {
    if (!target) return;
    if (target.__ovopPresentKeys) target.removeEventListener("keydown", target.__ovopPresentKeys, true);
    target.addEventListener("keydown", onKey, true);
    target.__ovopPresentKeys = onKey;
  }
  attach(doc);
  function frames() {
    var list = doc.querySelectorAll("iframe");
    for (var i = 0; i < list.length; i++) {
      try {
        var inner = list[i].contentDocument;
        if (inner && inner.__ovopPresentKeys !== onKey) attach(inner);
      } catch (e) { /* another origin: leave it */ }
    }
  }
  if (host.__ovopPresentTimer) host.clearInterval(host.__ovopPresentTimer);
  host.__ovopPresentTimer = host.setInterval(frames, 1000);
  frames();
})();
</script>
""" % {"next": KEY_NEXT, "prev": KEY_PREV}  # noqa: UP031 (JavaScript braces: no f-string)


def keyboard_document(lang: str) -> str:
    """The keyboard frame's document: the script, in a page with a language and a title (a frame's
    document needs both, even an invisible one: axe-core's ``html-has-lang`` and ``document-title``)."""
    script = Markup(KEYBOARD_SCRIPT)  # our own constant script, no user text
    return str(
        templating.render("present_keys.html", lang=lang, title=translate("present.keys_hint", lang), script=script)
    )


def keyboard(lang: str) -> None:
    """Install the keyboard script: an invisible iframe (``st.iframe`` with the script's document as
    its HTML; ``st.components.v1.html`` is deprecated in Streamlit 1.67)."""
    with st.container(key="present_keys", height=1, border=False):
        st.iframe(keyboard_document(lang), height=1, tab_index=-1)


# --- figures ---------------------------------------------------------------------------------


def _short(text: str, width: int) -> str:
    return textwrap.shorten(str(text), width=width, placeholder="…")


def province_ranking(
    index: pd.DataFrame,
    lang: str,
    highlight: str = "",
    n: int = 10,
    height: int = 480,
    rule: str = regions.DEFAULT_RANK_RULE,
) -> go.Figure:
    """The ``n`` best-ranked provinces (plus the highlighted one if it is further down), one bar
    each, labelled with the figure ``rule`` ranks by (``regions.RANK_COLUMNS``); the highlighted
    province is orange and marked ▶. ``index`` was ranked by ``rule``; the slide states the rule."""
    column = regions.RANK_COLUMNS[regions.check_rank_rule(rule)]
    ranked = index[index["has_data"]].sort_values(["rank", "name"], na_position="last")
    shown = ranked.head(n)
    if highlight and highlight not in set(shown["code"]) and highlight in set(ranked["code"]):
        shown = pd.concat([shown, ranked[ranked["code"] == highlight]])
    labels = [
        ("▶ " if code == highlight else "") + (f"{int(rank)}. " if pd.notna(rank) else "– ") + str(name)
        for code, rank, name in zip(shown["code"], shown["rank"], shown["name"])
    ]
    colours = [HIGHLIGHT_COLOUR if code == highlight else BAR_COLOUR for code in shown["code"]]
    values = shown[column].astype("float64")
    if rule == "share":
        texts = [percent(v, lang, 0) for v in values]
    else:
        texts = [number(v, lang, 1 if rule == "adjusted_mean" else 0) for v in values]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=values,
            orientation="h",
            marker=dict(color=colours),
            text=texts,
            textposition="outside",
            textfont=dict(size=18),
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    top = float(values.max()) if values.notna().any() else 1.0
    fig.update_xaxes(range=[0, max(top * 1.18, 1e-9)], showticklabels=False, showgrid=False, zeroline=False)
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont=TICK_FONT)
    return _layout(fig, lang, height=height)


def top_products(scope: pd.DataFrame, lang: str, n: int = 8, height: int = 480) -> go.Figure:
    """The ``n`` best products of ``scope`` (in the read model's one order, ``summary.top_products``),
    labelled with their kab/kota, score and stars (as text).

    Product names are user text: escaped, because plotly reads a few HTML tags in labels.
    """
    top = summary.top_products(scope, n)
    places = top["region_name"] if "region_name" in top else top["region_code"]
    labels = [
        f"{html.escape(_short(name, 38))}<br><span style='font-size:14px;color:{palette.INK_SOFT}'>"
        f"{html.escape(_short(place, 40))}</span>"
        for name, place in zip(top["name"], places.fillna("").astype(str))
    ]
    capped = top["stars"].astype(int) < top["stars_by_score"].astype(int)  # held back by a gate
    note = translate("present.capped", lang)
    text = [
        f"{number(v, lang, 1)}   {s}" + (f" · {note}" if c else "")
        for v, s, c in zip(top["score"], star_column(top, lang), capped)
    ]
    colours = [STAR_COLOURS[min(max(int(s), 1), 5) - 1] if int(s) > 0 else palette.UNRATED for s in top["stars"]]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=top["score"],
            orientation="h",
            marker=dict(color=colours, line=dict(color=palette.INK, width=0.5)),
            text=text,
            textposition="outside",
            textfont=dict(size=17),
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(range=[0, 185], showticklabels=False, showgrid=False, zeroline=False)
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont=dict(size=17, color=palette.INK))
    return _layout(fig, lang, height=height)


# --- page CSS --------------------------------------------------------------------------------


def page_css() -> str:
    """The present page's ``<style>`` (``templates/present_page.html``, colours from the palette)."""
    return templating.render("present_page.html")
