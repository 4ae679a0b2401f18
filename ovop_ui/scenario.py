"""The what-if scenario as page state: widget keys, URL round trip, and the core ``Scenario``.

A scenario link (``/whatif?q=10&iv=halal&tr=33&tc=pangan``) reproduces the same numbers for
anyone who opens it; the CLI takes the same values as flags (see ``cli_arguments``).
"""

from __future__ import annotations

import streamlit as st

from ovop_core import regions
from ovop_core.model import CATEGORIES, CRITERIA, PRESETS, ScoringModel, custom_model
from ovop_core.whatif import INTERVENTIONS, MAX_LEVER, Scenario, Target

from . import url_params

KEY_QUALITY, KEY_MARKET, KEY_INTERVENE = "wi_quality", "wi_market", "wi_intervene"
KEY_REGIONS, KEY_CATEGORIES, KEY_STAGES, KEY_STARS = "wi_regions", "wi_categories", "wi_stages", "wi_stars"
KEY_USE_TOP, KEY_TOP, KEY_MODEL = "wi_use_top", "wi_top", "wi_model"
WEIGHT_KEYS = {c: f"wi_w_{c}" for c in CRITERIA}
CUSTOM = "custom"
_SEEDED = "_wi_seeded"
# URL parameter ← widget key
_URL = {"q": KEY_QUALITY, "m": KEY_MARKET, "iv": KEY_INTERVENE, "tr": KEY_REGIONS, "tc": KEY_CATEGORIES,
        "ts": KEY_STAGES, "tst": KEY_STARS, "top": KEY_TOP, "model": KEY_MODEL}
LEVER_STEP = 5  # the lever sliders' step
TOP_RANGE = (1, 100_000)  # the "top N" number input's range
DEFAULT_PRESET = "ovop-2026.1"


def seed(default_province: str = "", default_categories: tuple[str, ...] = ()) -> None:
    """Initialise the scenario widgets once per session: from the URL, else from the global filters.

    Every parameter is parsed to a value its widget accepts or ignored, and the ignored ones
    are dropped from the URL, so a broken shared link opens the default scenario and heals.
    """
    if st.session_state.get(_SEEDED):
        return
    p = st.query_params
    in_url = [key for key in _URL if key in p]
    for key, param in ((KEY_QUALITY, "q"), (KEY_MARKET, "m")):
        lever = url_params.finite_number(p.get(param), 0, MAX_LEVER, step=LEVER_STEP)
        st.session_state[key] = int(lever) if lever is not None else 0
    st.session_state[KEY_INTERVENE] = url_params.known_values(p.get("iv"), INTERVENTIONS)
    region_codes = set(regions.provinces()["code"]) | set(regions.kabkota()["code"])
    fallback_regions = [default_province] if default_province in region_codes else []
    st.session_state[KEY_REGIONS] = (url_params.known_values(p.get("tr"), region_codes, regions.to_dotted)
                                     or fallback_regions)
    st.session_state[KEY_CATEGORIES] = (url_params.known_values(p.get("tc"), CATEGORIES)
                                        or url_params.known_values(",".join(default_categories), CATEGORIES))
    st.session_state[KEY_STAGES] = url_params.known_values(p.get("ts"), range(7), int)
    st.session_state[KEY_STARS] = url_params.known_values(p.get("tst"), range(1, 6), int)
    top = url_params.finite_number(p.get("top"), *TOP_RANGE)
    st.session_state[KEY_USE_TOP] = top is not None
    st.session_state[KEY_TOP] = int(round(top)) if top is not None else 100
    st.session_state[KEY_MODEL] = url_params.known_value(p.get("model"), PRESETS, DEFAULT_PRESET)
    for crit, key in WEIGHT_KEYS.items():
        st.session_state[key] = int(PRESETS[st.session_state[KEY_MODEL]].weights[crit])
    st.session_state[_SEEDED] = True
    write_url(only=in_url)


def _url_values() -> dict[str, str]:
    """The scenario as URL parameters; defaults are empty (left out of the link)."""
    s = st.session_state
    return {
        "q": str(s[KEY_QUALITY]) if s[KEY_QUALITY] else "",
        "m": str(s[KEY_MARKET]) if s[KEY_MARKET] else "",
        "iv": ",".join(s[KEY_INTERVENE]),
        "tr": ",".join(s[KEY_REGIONS]),
        "tc": ",".join(s[KEY_CATEGORIES]),
        "ts": ",".join(str(x) for x in s[KEY_STAGES]),
        "tst": ",".join(str(x) for x in s[KEY_STARS]),
        "top": str(s[KEY_TOP]) if s[KEY_USE_TOP] else "",
        "model": s[KEY_MODEL] if s[KEY_MODEL] not in (DEFAULT_PRESET, CUSTOM) else "",
    }


def write_url(only: list[str] | None = None) -> None:
    """Mirror the scenario into the URL (all parameters, or just ``only``); defaults are left out."""
    for key, value in _url_values().items():
        if only is not None and key not in only:
            continue
        if value and st.query_params.get(key) != value:
            st.query_params[key] = value
        elif not value and key in st.query_params:
            del st.query_params[key]


def chosen_weights() -> dict[str, float]:
    return {crit: float(st.session_state[key]) for crit, key in WEIGHT_KEYS.items()}


def chosen_model() -> ScoringModel:
    """The preset, or a custom model; raises ``InvalidWeightsError`` for an impossible weight set."""
    name = st.session_state[KEY_MODEL]
    if name != CUSTOM:
        return PRESETS[name]
    return custom_model(chosen_weights())


def scenario_from_widgets(model: ScoringModel) -> Scenario:
    s = st.session_state
    target = Target(
        regions=tuple(s[KEY_REGIONS]),
        categories=tuple(s[KEY_CATEGORIES]),
        stages=tuple(s[KEY_STAGES]),
        stars=tuple(s[KEY_STARS]),
        top_n=int(s[KEY_TOP]) if s[KEY_USE_TOP] else None,
    )
    return Scenario(float(s[KEY_QUALITY]), float(s[KEY_MARKET]), tuple(s[KEY_INTERVENE]), target, model)


def cli_arguments(scenario: Scenario) -> list[str]:
    """The `python -m ovop_core whatif` flags that reproduce this scenario."""
    t = scenario.target
    args = ["--model", scenario.model.version] if scenario.model.version in PRESETS else []
    if scenario.quality:
        args += ["--quality", f"{scenario.quality:g}"]
    if scenario.market:
        args += ["--market", f"{scenario.market:g}"]
    if scenario.interventions:
        args += ["--intervene", ",".join(scenario.interventions)]
    if t.regions:
        args += ["--region", ",".join(t.regions)]
    if t.categories:
        args += ["--category", ",".join(t.categories)]
    if t.stages:
        args += ["--stage", ",".join(str(x) for x in t.stages)]
    if t.stars:
        args += ["--stars", ",".join(str(x) for x in t.stars)]
    if t.top_n is not None:
        args += ["--top", str(t.top_n)]
    return args
