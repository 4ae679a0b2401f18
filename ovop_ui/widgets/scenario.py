"""The what-if scenario as page state: widget keys, URL round trip, and the core ``Scenario``.

A scenario link (``/whatif?q=10&iv=halal&tr=33&tc=pangan``) reproduces the same numbers for
anyone who opens it; the CLI takes the same values as flags. Both encodings belong to the core's
``Scenario`` (``from_query``/``to_query``, ``to_cli_args``); this module only moves a scenario
between the widgets and the URL.
"""

from __future__ import annotations

import streamlit as st

from ovop_core import regions
from ovop_core.model import CATEGORIES, CRITERIA, DEFAULT_MODEL, PRESETS, ScoringModel, custom_model
from ovop_core.params import known_values
from ovop_core.scenario import QUERY_KEYS, Scenario, Target
from ovop_ui.shell import url_params

KEY_QUALITY, KEY_MARKET, KEY_INTERVENE = "wi_quality", "wi_market", "wi_intervene"
KEY_REGIONS, KEY_CATEGORIES, KEY_STAGES, KEY_STARS = "wi_regions", "wi_categories", "wi_stages", "wi_stars"
KEY_USE_TOP, KEY_TOP, KEY_MODEL = "wi_use_top", "wi_top", "wi_model"
WEIGHT_KEYS = {c: f"wi_w_{c}" for c in CRITERIA}
CUSTOM = "custom"
_SEEDED = "_wi_seeded"
DEFAULT_PRESET = DEFAULT_MODEL.version


def seed(default_province: str = "", default_categories: tuple[str, ...] = ()) -> None:
    """Initialise the scenario widgets once per session: from the URL, else from the global filters.

    ``Scenario.from_query`` parses every parameter to a value its widget accepts or ignores it;
    the parameters the link carried are then written back as parsed, so a broken shared link
    opens the default scenario and heals.
    """

    def from_url(params) -> None:
        sc = Scenario.from_query(params)
        t = sc.target
        region_codes = set(regions.provinces()["code"]) | set(regions.kabkota()["code"])
        fallback_regions = [default_province] if default_province in region_codes else []
        s = st.session_state
        s[KEY_QUALITY], s[KEY_MARKET] = int(sc.quality), int(sc.market)
        s[KEY_INTERVENE] = list(sc.interventions)
        s[KEY_REGIONS] = list(t.regions) or fallback_regions
        s[KEY_CATEGORIES] = list(t.categories) or known_values(",".join(default_categories), CATEGORIES)
        s[KEY_STAGES], s[KEY_STARS] = list(t.stages), list(t.stars)
        s[KEY_USE_TOP] = t.top_n is not None
        s[KEY_TOP] = t.top_n if t.top_n is not None else 100
        s[KEY_MODEL] = sc.model.version
        for crit, key in WEIGHT_KEYS.items():
            s[key] = int(sc.model.weights[crit])
        write_url(only=[key for key in QUERY_KEYS if key in params])

    url_params.seed_once(_SEEDED, from_url)


def write_url(only: list[str] | None = None) -> None:
    """Mirror the scenario into the URL (all parameters, or just ``only``); defaults are left out.

    A custom weight set is not part of a link (``Scenario.to_query``): the link names no model.
    """
    link_model = PRESETS.get(st.session_state[KEY_MODEL], PRESETS[DEFAULT_PRESET])
    url_params.write(scenario_from_widgets(link_model).to_query(), only=only)


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
