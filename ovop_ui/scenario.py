"""The what-if scenario as page state: widget keys, URL round trip, and the core ``Scenario``.

A scenario link (``/whatif?q=10&iv=halal&tr=33&tc=pangan``) reproduces the same numbers for
anyone who opens it; the CLI takes the same values as flags (see ``cli_arguments``).
"""

from __future__ import annotations

import streamlit as st

from ovop_core import regions
from ovop_core.model import CATEGORIES, CRITERIA, PRESETS, ScoringModel, custom_model
from ovop_core.whatif import INTERVENTIONS, MAX_LEVER, Scenario, Target

KEY_QUALITY, KEY_MARKET, KEY_INTERVENE = "wi_quality", "wi_market", "wi_intervene"
KEY_REGIONS, KEY_CATEGORIES, KEY_STAGES, KEY_STARS = "wi_regions", "wi_categories", "wi_stages", "wi_stars"
KEY_USE_TOP, KEY_TOP, KEY_MODEL = "wi_use_top", "wi_top", "wi_model"
WEIGHT_KEYS = {c: f"wi_w_{c}" for c in CRITERIA}
CUSTOM = "custom"
_SEEDED = "_wi_seeded"
# URL parameter ← widget key
_URL = {"q": KEY_QUALITY, "m": KEY_MARKET, "iv": KEY_INTERVENE, "tr": KEY_REGIONS, "tc": KEY_CATEGORIES,
        "ts": KEY_STAGES, "tst": KEY_STARS, "top": KEY_TOP, "model": KEY_MODEL}


def _split(text: str) -> list[str]:
    return [p for p in (text or "").split(",") if p]


def _number(text: str, low: float, high: float, default: float) -> float:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return default
    return min(max(value, low), high)


def seed(default_province: str = "", default_categories: tuple[str, ...] = ()) -> None:
    """Initialise the scenario widgets once per session: from the URL, else from the global filters."""
    if st.session_state.get(_SEEDED):
        return
    p = st.query_params
    province_codes = set(regions.provinces()["code"]) | set(regions.kabkota()["code"])
    st.session_state[KEY_QUALITY] = int(_number(p.get("q", "0"), 0, MAX_LEVER, 0))
    st.session_state[KEY_MARKET] = int(_number(p.get("m", "0"), 0, MAX_LEVER, 0))
    st.session_state[KEY_INTERVENE] = [x for x in _split(p.get("iv", "")) if x in INTERVENTIONS]
    wanted_regions = _split(p.get("tr", "")) or ([default_province] if default_province else [])
    st.session_state[KEY_REGIONS] = [regions.to_dotted(r) for r in wanted_regions if regions.to_dotted(r) in province_codes]
    wanted_categories = _split(p.get("tc", "")) or list(default_categories)
    st.session_state[KEY_CATEGORIES] = [c for c in wanted_categories if c in CATEGORIES]
    st.session_state[KEY_STAGES] = [int(s) for s in _split(p.get("ts", "")) if s in set("0123456")]
    st.session_state[KEY_STARS] = [int(s) for s in _split(p.get("tst", "")) if s in set("12345")]
    top = p.get("top", "")
    st.session_state[KEY_USE_TOP] = bool(top)
    st.session_state[KEY_TOP] = int(_number(top, 1, 100_000, 100)) if top else 100
    model = p.get("model", "ovop-2026.1")
    st.session_state[KEY_MODEL] = model if model in PRESETS else "ovop-2026.1"
    for crit, key in WEIGHT_KEYS.items():
        st.session_state[key] = int(PRESETS[st.session_state[KEY_MODEL]].weights[crit])
    st.session_state[_SEEDED] = True


def write_url() -> None:
    """Mirror the scenario into the URL; defaults are left out."""
    s = st.session_state
    values = {
        "q": str(s[KEY_QUALITY]) if s[KEY_QUALITY] else "",
        "m": str(s[KEY_MARKET]) if s[KEY_MARKET] else "",
        "iv": ",".join(s[KEY_INTERVENE]),
        "tr": ",".join(s[KEY_REGIONS]),
        "tc": ",".join(s[KEY_CATEGORIES]),
        "ts": ",".join(str(x) for x in s[KEY_STAGES]),
        "tst": ",".join(str(x) for x in s[KEY_STARS]),
        "top": str(s[KEY_TOP]) if s[KEY_USE_TOP] else "",
        "model": s[KEY_MODEL] if s[KEY_MODEL] not in ("ovop-2026.1", CUSTOM) else "",
    }
    for key, value in values.items():
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
