"""The map page's "Kelas warna / Colour classes" control: how the map's colour classes are cut."""

from __future__ import annotations

import streamlit as st

from ovop_ui.builders import map_classes
from ovop_ui.text.i18n import translate


def classing_control(metric: str, lang: str, key: str = "map_classing") -> str:
    """Natural breaks, quantiles or (for scores) star bands; returns the method the map should use.

    Scores and counts keep separate choices (their own widget key), so switching to a count, which
    has no star bands, neither loses the score's choice nor offers a choice the count cannot use.
    """
    choices = map_classes.classing_choices(metric)
    picked = st.segmented_control(
        translate("map.classing", lang),
        list(choices),
        format_func=lambda method: translate(f"map.classing.{method}", lang),
        default=map_classes.DEFAULT_CLASSING,
        key=f"{key}_{'score' if 'stars' in choices else 'count'}",
        help=translate("map.classing_help", lang),
    )
    return map_classes.resolve_classing(metric, picked)
