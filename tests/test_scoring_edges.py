"""Scoring rules at the edges of the input (found by mutation testing, `make mutation`).

Each test pins a behaviour a plausible slip in ``ovop_core/scoring.py`` would change unnoticed by
the main scoring tests: a registry missing an optional column, dtypes the UI prints, the index a
caller joins on, the English cap text with several items, an unrated product's owner and texts.
"""

import math

import numpy as np
import pandas as pd
from conftest import make_products

from ovop_core.model import CRITERIA, GATE_ITEMS
from ovop_core.scoring import (
    criterion_scores,
    detailed_criteria,
    gate_ceiling,
    score_table,
    stars_by_score,
    weighted_score,
)


def test_stars_are_small_integers_so_the_ui_never_prints_three_point_zero():
    scored = score_table(make_products({"k": 60}, {"k": (60, None, 60, 60, 60)}))
    assert scored["stars"].dtype == np.int8
    assert scored["stars_by_score"].dtype == np.int8
    assert stars_by_score(np.array([50.0, np.nan])).dtype == np.int8


def test_gate_ceiling_is_five_stars_when_no_gate_fails_and_an_integer():
    none_failed = {g.key: np.array([False, False]) for g in GATE_ITEMS}
    ceiling = gate_ceiling(dict(none_failed, nib=np.array([True, False])))
    assert ceiling.tolist() == [2, 5]
    assert ceiling.dtype == np.int8


def test_a_registry_without_an_evidence_column_counts_that_evidence_as_absent():
    # Score 95 (★5): without the export column nobody has shown an export, so ★4 and "export" missing.
    df = make_products({"k": 95}).drop(columns=["export", "non_halal"])
    row = score_table(df).iloc[0]
    assert (row["stars_by_score"], row["stars"]) == (5, 4)
    assert row["missing_gates"] == "export"


def test_a_registry_without_a_stage_column_is_all_estimates():
    row = score_table(make_products({"k": 60}).drop(columns=["stage"])).iloc[0]
    assert row["stars"] == 3
    assert (row["official"], row["recognised"], row["potential"]) == (False, False, True)


def test_an_unrated_product_has_no_coaching_owner():
    row = score_table(make_products({"k": (80, 80, None, 80, 80)})).iloc[0]
    assert row["coaching_owner"] == ""


def test_an_unrated_herbal_product_has_no_cap_reason():
    # Herbal is the one category with its own gate wording; unrated, nothing caps it.
    row = score_table(make_products({"k": (60, None, 60, 60, 60), "category": "herbal"})).iloc[0]
    assert (row["stars_by_score"], row["stars"], row["capped"]) == (0, 0, False)
    assert (row["cap_reason_id"], row["cap_reason_en"], row["missing_gates"]) == ("", "", "")


def test_the_english_cap_reason_lists_several_missing_items_separated_by_commas():
    row = score_table(make_products({"k": 80, "nib": False, "brand": False})).iloc[0]
    assert row["cap_reason_en"] == "score ★4, capped at ★2: no NIB (business identity number), no registered trademark"
    assert row["cap_reason_id"] == "skor ★4, dibatasi ★2: belum ada NIB, merek belum terdaftar"


def test_weighted_score_keeps_the_callers_index_and_is_named_score():
    k = pd.DataFrame({c: [50.0, 100.0] for c in CRITERIA}, index=[5, 8])
    score = weighted_score(k)
    assert score.name == "score"
    assert score.index.tolist() == [5, 8]
    assert score.tolist() == [50.0, 100.0]


def test_a_criterion_given_only_by_sub_item_levels_needs_no_simple_column():
    # k1 from levels 3,3,3,3 (all its sub-items) is 100; the second product's k1 levels are incomplete, so k1 is missing.
    df = make_products({"levels": {"k1a": 3, "k1b": 3, "k1c": 3, "k1d": 3}}, {"levels": {"k1a": 3}})
    k = criterion_scores(df.drop(columns=["k1"]))
    assert k["k1"].dtype == np.float64
    assert k["k1"].iloc[0] == 100.0
    assert math.isnan(k["k1"].iloc[1])


def test_detailed_criteria_are_false_booleans_on_the_callers_index_without_level_columns():
    df = make_products({"k": 60}, {"k": 40})
    df.index = [7, 9]
    detailed = detailed_criteria(df[["category", *CRITERIA]])
    assert detailed.index.tolist() == [7, 9]
    assert list(detailed.columns) == list(CRITERIA)
    assert all(dtype == np.bool_ for dtype in detailed.dtypes)
    assert not detailed.to_numpy().any()
