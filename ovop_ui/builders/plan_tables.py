"""The budget plan as tables for people: the chosen products and the unit costs, in the visitor's
language (the same columns on screen and in the CSV/XLSX for the minutes)."""

from __future__ import annotations

import pandas as pd

from ovop_core import regions
from ovop_ui.text.format import number
from ovop_ui.text.i18n import category_name, stage_name, translate


def chosen_table(chosen: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per funded product: who, where, what is bought, what it costs, stars before → after."""
    names = regions.region_names()
    interventions = chosen["interventions"].map(
        lambda items: ", ".join(translate(f"intervention.{n}", lang) for n in items)  # ≤ 5 names per product
    )
    stars = chosen["stars_before"].astype(str) + " → " + chosen["stars_after"].astype(str)
    return pd.DataFrame(
        {
            translate("col.product_id", lang): chosen["product_id"].astype(str),
            translate("col.name", lang): chosen["name"].astype(str),
            translate("col.region", lang): chosen["region_code"].map(names).fillna(chosen["region_code"]),
            translate("col.category", lang): chosen["category"].map(lambda c: category_name(c, lang)),
            translate("col.stage", lang): chosen["stage"].map(lambda s: stage_name(int(s), lang)),
            translate("plan.col.stars", lang): stars,
            translate("plan.col.recognised", lang): (chosen["crosses"] & chosen["official"]).map(
                {True: translate("common.yes", lang), False: ""}
            ),
            translate("plan.col.interventions", lang): interventions,
            translate("plan.col.cost", lang): chosen["cost"].astype("int64"),
        }
    )


def readable(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``chosen_table`` or ``costs_table`` for the screen: Rupiah grouped the visitor's way
    ("1.500.000"), whatever the browser's locale; the downloads keep plain numbers."""
    shown = table.copy()
    for key in ("plan.col.cost", "plan.col.unit_cost"):
        column = translate(key, lang)
        if column in shown.columns:
            shown[column] = shown[column].map(lambda v: number(v, lang))
    return shown


def costs_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The unit costs with their sources (``*`` reads "semua kategori")."""
    every = translate("plan.every_category", lang)
    return pd.DataFrame(
        {
            translate("plan.col.intervention", lang): table["intervention"].map(
                lambda n: translate(f"intervention.{n}", lang)
            ),
            translate("col.category", lang): table["category"].map(
                lambda c: every if c == "*" else category_name(c, lang)
            ),
            translate("plan.col.unit_cost", lang): table["cost_idr"].astype("int64"),
            translate("plan.col.source", lang): table["source"].astype(str),
        }
    )
