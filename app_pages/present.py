"""Presentasi / Presentation (``?mode=present``): four slides for a projector at 1920×1080.

1 Indonesia (KPIs, province map, ranking) · 2 the chosen province (KPIs, kab/kota map, top
products) · 3 its pipeline funnel · 4 the current what-if scenario. Big Previous/Next buttons,
arrow keys, the step in the URL (``step=``), and the region brief to download on every slide.
"""

import streamlit as st

from ovop_core import summary
from ovop_core.model import DEFAULT_MODEL
from ovop_ui.data_access.dataset import current_dataset, scored_for_model, today
from ovop_ui.modes.present import screens
from ovop_ui.modes.present import slides as present
from ovop_ui.shell import state
from ovop_ui.widgets import scenario

lang = state.current_lang()
dataset = current_dataset()
day = today()
table = scored_for_model(dataset, DEFAULT_MODEL, day)
labels = dataset.labels(DEFAULT_MODEL.version)

present.seed_step()
scenario.seed(state.current_filters().province)
choices = present.seed_province(table, state.current_filters().province)

st.html(present.page_css())
present.keyboard(lang)

step = present.current_step()
slide = present.SLIDES[step - 1]
province = st.session_state[present.KEY_PROV] or ""
scope_code = present.scope_of(slide, province)
# Read from the session now: the brief's deferred builder runs outside the script run.
scenario_now, is_default = present.chosen_scenario(province)
deck = screens.Deck(
    lang=lang,
    dataset=dataset,
    table=table,
    labels=labels,
    day=day,
    province=province,
    scope_code=scope_code,
    region=summary.summarise(table, scope_code, top_n=8, labels=labels),
    scenario=scenario_now,
    is_default=is_default,
)
screens.show_slide(slide, deck)
screens.control_bar(deck, step, choices)
present.write_step_url()
