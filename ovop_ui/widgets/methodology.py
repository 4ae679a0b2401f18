"""The Metodologi sections, drawn from ``ovop_core.methodology`` (the live model, not a copy).

Used by the Metodologi page and by present mode's method slide, so both show the same tables.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ovop_core import methodology
from ovop_core.model import ScoringModel
from ovop_ui.text.format import number
from ovop_ui.text.i18n import translate


def _table(frame: pd.DataFrame, headers: dict[str, str], lang: str) -> None:
    """A static table with translated headers: it prints, and its cells are text, never HTML."""
    view = frame[list(headers)].rename(columns={k: translate(v, lang) for k, v in headers.items()})
    st.table(view.set_index(view.columns[0]))


def band_rows(lang: str) -> pd.DataFrame:
    """Star bands as readable ranges ("50 ≤ skor < 70") with the coaching owner of each star."""
    bands = methodology.bands()
    low = bands["low"].map(lambda v: number(v, lang))
    high = bands["high"].map(lambda v: number(v, lang))
    sign = bands["high_inclusive"].map({True: "≤", False: "<"})
    score = translate("method.score", lang)
    return pd.DataFrame(
        {
            "stars": "★" + bands["stars"].astype(str),
            "range": low + " ≤ " + score + " " + sign + " " + high,
            "owner": bands["coaching_owner"].map(lambda o: translate(f"pipeline.owner.{o}", lang)),
        }
    )


def model_line(model: ScoringModel, lang: str) -> str:
    """The active model's name and weights in one line."""
    parts = ", ".join(f"{k} {number(float(w), lang)}" for k, w in model.weights.items())
    return translate("method.active", lang, version=model.version, weights=parts)


def render(model: ScoringModel, lang: str) -> None:
    """Every section of the method, in reading order."""
    st.markdown(model_line(model, lang))
    st.caption(translate("model.label", lang, version=model.version))

    st.subheader(translate("method.criteria", lang))
    st.caption(translate("method.criteria_help", lang))
    weights = methodology.weights(lang)
    headers = {"key": "method.col.key", "criterion": "method.col.criterion"}
    view = weights.rename(columns={k: translate(v, lang) for k, v in headers.items()})
    st.table(view.set_index(view.columns[0]))  # one weight column per preset, named by version

    st.subheader(translate("method.bands", lang))
    st.caption(translate("method.bands_help", lang))
    _table(
        band_rows(lang), {"stars": "method.col.stars", "range": "method.col.range", "owner": "method.col.owner"}, lang
    )

    st.subheader(translate("method.gates", lang))
    st.caption(translate("method.gates_help", lang))
    gates = methodology.gates(lang)
    gates["stars"] = "★" + gates["stars"].astype(str)
    _table(gates, {"stars": "method.col.stars", "requirement": "method.col.requirement",
                   "categories": "method.col.categories"}, lang)  # fmt: skip

    st.subheader(translate("method.sub_items", lang))
    st.caption(translate("method.sub_items_help", lang))
    _table(
        methodology.sub_items(lang),
        {"key": "method.col.key", "item": "method.col.item", "points": "method.col.points",
         "level_1": "method.col.level_1", "level_2": "method.col.level_2", "level_3": "method.col.level_3"},
        lang,
    )  # fmt: skip

    st.subheader(translate("method.stages", lang))
    st.caption(translate("method.stages_help", lang))
    _table(methodology.stage_rules(lang), {"stage": "method.col.stage", "name": "method.col.name",
                                          "entry_condition": "method.col.entry",
                                          "time_in_stage": "method.col.time"}, lang)  # fmt: skip

    st.subheader(translate("method.provenance", lang))
    frame = methodology.provenance(lang)
    frame["kind"] = frame["public"].map(
        {True: translate("method.public", lang), False: translate("method.synthesis", lang)}
    )
    _table(frame, {"part": "method.col.part", "kind": "method.col.kind", "source": "method.col.source"}, lang)
