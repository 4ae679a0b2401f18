"""Edges of the what-if interventions (DESIGN.md §5) that mutation testing found untested.

Each test is a tiny table with a hand-computed result: the export intervention's credit, the
permit each category is given, what counts as evidence already there (an existing P-IRT, an
existing halal certificate), and how a missing value or a missing optional column is read.
"""

import numpy as np
import pandas as pd
import pytest
from conftest import make_products

from ovop_core.interventions import apply_interventions, count
from ovop_core.scenario import Scenario
from ovop_core.whatif import run_whatif

TODAY = pd.Timestamp("2026-11-29")


def registry(*rows: dict) -> pd.DataFrame:
    return make_products(*rows).drop(columns=["_row"])


def run(frame: pd.DataFrame, **scenario):
    return run_whatif(frame, Scenario(**scenario), today=TODAY)


def everyone(frame: pd.DataFrame) -> np.ndarray:
    return np.ones(len(frame), dtype=bool)


def test_export_sets_export_and_adds_40_to_k4_in_the_simple_format():
    frame = registry({"export": False}, {"export": True})  # kerajinan, every k 60
    result = run(frame, interventions=("export",))
    # export: k4a to level 3 = all 8 points → k4 60 + 40 = 100 → score 60 + 0.2·40 = 68.
    assert result.products["score_after"].tolist() == pytest.approx([68.0, 60.0])
    assert result.applied == {"export": 1}
    assert apply_interventions(frame, everyone(frame), ("export",))["export"].tolist() == [True, True]


def test_permit_gives_pirt_to_food_bpom_to_herbal_and_sni_to_the_other_categories():
    frame = registry({"category": "pangan"}, {"category": "herbal"}, {"category": "kerajinan"})
    after = apply_interventions(frame, everyone(frame), ("permit",))
    assert after["permit"].tolist() == ["pirt", "bpom", "sni"]


def test_permit_is_no_upgrade_for_a_product_that_has_pirt_outside_herbal():
    # Only herbal products are upgraded from P-IRT (to BPOM); a food or craft product with a
    # P-IRT keeps it: nothing changes, and both count as "already has the evidence".
    frame = registry({"category": "pangan", "permit": "pirt"}, {"category": "kerajinan", "permit": "pirt"})
    result = run(frame, interventions=("permit",))
    assert result.products["score_after"].tolist() == pytest.approx([60.0, 60.0])
    (permit,) = result.interventions
    assert (permit.applied, permit.has_evidence) == (0, 2)


def test_why_halal_did_not_apply_is_counted_per_reason_in_the_summary():
    # P1 certified already, P2 declared non-halal, P3 textile, P4 gets the certificate.
    frame = registry(
        {"category": "pangan", "halal": True},
        {"category": "pangan", "non_halal": True},
        {"category": "tekstil"},
        {"category": "minuman"},
    )
    result = run(frame, interventions=("halal",))
    assert result.summary()["not_applied_reasons"]["halal"] == {
        "applied": 1,
        "not_applied": 3,
        "has_evidence": 1,
        "non_halal": 1,
        "category": {"tekstil": 1},
    }


def test_a_missing_evidence_value_counts_as_no_evidence():
    # As the scoring reads it (no certificate): a table built by a caller may hold a gap.
    frame = registry({"category": "pangan", "permit": "pirt"}, {"category": "pangan"})
    frame["halal"] = pd.Series([np.nan, True], dtype=object)
    flags = count(frame, everyone(frame), ("halal",))[0]
    assert (flags.applied, flags.has_evidence) == (1, 1)
    assert apply_interventions(frame, everyone(frame), ("halal",))["halal"].tolist() == [True, True]


def test_a_registry_without_the_optional_non_halal_column_certifies_every_food_product():
    frame = registry({"category": "pangan", "permit": "pirt"}, {"category": "minuman"}).drop(columns=["non_halal"])
    result = run(frame, interventions=("halal",))
    # k3 60 + 20 → score 60 + 0.3·20 = 66 for both.
    assert result.products["score_after"].tolist() == pytest.approx([66.0, 66.0])
    assert result.applied == {"halal": 2}


def test_a_missing_permit_counts_as_none():
    frame = registry({"category": "pangan", "permit": np.nan})
    after = apply_interventions(frame, everyone(frame), ("permit",))
    assert after["permit"].tolist() == ["pirt"]
    # none → P-IRT: k3 60 + 200/9 → score 60 + 0.3·200/9 = 66.67.
    assert after["k3"].tolist() == pytest.approx([60 + 200 / 9], abs=1e-9)


def test_interventions_apply_row_by_row_on_a_filtered_registry():
    # A table cut from a larger one keeps its row labels (here 5 and 9, not 0 and 1).
    frame = registry({"category": "pangan"}, {"category": "herbal", "permit": "pirt"}).set_axis([5, 9])
    after = apply_interventions(frame, everyone(frame), ("permit",))
    assert after["permit"].tolist() == ["pirt", "bpom"]


def test_a_quality_lever_raises_a_detailed_format_product_as_much_as_a_simple_one():
    # Detailed: every sub-item at level 2 → every k 66.67, score 66.67. Quality +10 adds 10 to
    # k3 (weight 30): score + 3, whatever the format the scores were given in.
    twos = dict.fromkeys("k1a k1b k1c k1d k2a k2b k2c k3a k3b k3c k3d k4a k4b k4c k5a k5b k5c".split(), 2)
    frame = registry({"k": None, "levels": twos}, {})
    result = run(frame, quality=10)
    gained = (result.products["score_after"] - result.products["score"]).tolist()
    assert gained == pytest.approx([3.0, 3.0])
