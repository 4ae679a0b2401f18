"""What-if engine (DESIGN.md §5) on a tiny table whose transitions are computed by hand."""

import numpy as np
import pandas as pd
import pytest

from ovop_core.demo import synthetic_registry
from ovop_core.model import CATEGORIES, OCOP_2023, OVOP_2026
from ovop_core.pipeline import pipeline_status
from ovop_core.registry import read_registry
from ovop_core.scoring import score_table
from ovop_core.whatif import (
    Scenario,
    ScenarioError,
    Target,
    intervention_categories,
    rank_stability,
    run_whatif,
)

HEADER = (
    "product_id,name,category,region_code,stage,stage_since,k1,k2,k3,k4,k5,"
    "k1a,k1b,k1c,k1d,k2a,k2b,k2c,k3a,k3b,k3c,k3d,k4a,k4b,k4c,k5a,k5b,k5c,"
    "nib,permit,halal,brand,export,assessors\n"
)
EMPTY_ITEMS = "," * 16
ITEMS_AT_2 = ",".join(["2"] * 17)
# P1: pangan, all k 60 → 60.0 ★3, gates for ★3 met, halal missing.
# P2: tekstil, all k 45 → 45.0 ★2, no NIB.
# P3: minuman, detailed, every sub-item at level 2 → k = 66.67 each → 66.67 ★3 by score,
#     capped ★2 (no PIRT/BPOM permit); no brand.
ROWS = (
    f"P1,Keripik,pangan,11.04,4,2025-01-01,60,60,60,60,60,{EMPTY_ITEMS},ya,pirt,tidak,ya,tidak,3\n"
    f"P2,Tenun,tekstil,51.07,0,2025-01-01,45,45,45,45,45,{EMPTY_ITEMS},tidak,none,tidak,tidak,tidak,0\n"
    f"P3,Kopi,minuman,11.04,1,2025-01-01,,,,,,{ITEMS_AT_2},ya,none,tidak,tidak,tidak,1\n"
)
TODAY = pd.Timestamp("2026-11-29")


@pytest.fixture
def tiny() -> pd.DataFrame:
    result = read_registry((HEADER + ROWS).encode())
    assert result.ok, result.errors["message_en"].tolist()
    return result.frame.drop(columns=["_row"])


def by_id(result, pid):
    return result.products.set_index("product_id").loc[pid]


def test_nib_intervention_lifts_a_simple_row_exactly_onto_the_star3_edge(tiny):
    # P2: k5 += 5/15·100 = 33.33 → 78.33; score = 45 + 0.15·33.33 = 50.0 exactly → ★3.
    result = run_whatif(tiny, Scenario(interventions=("nib",)), today=TODAY)
    p2 = by_id(result, "P2")
    assert p2["score_after"] == pytest.approx(50.0)
    assert (p2["stars"], p2["stars_after"]) == (2, 3)


def test_detailed_rows_raise_the_linked_sub_item_to_level_3(tiny):
    # P3 permit: k3a 2 → 3, k3 = 100·(10 + 4 + 14/3·... )/30 = 77.78; score = 70.0 → ★4 by score,
    # and with PIRT now present the ★3 gate passes; no brand caps it at ★3.
    result = run_whatif(tiny, Scenario(interventions=("permit",)), today=TODAY)
    p3 = by_id(result, "P3")
    assert p3["score"] == pytest.approx(200 / 3)
    assert p3["score_after"] == pytest.approx(70.0)
    assert (p3["stars"], p3["stars_after"]) == (2, 3)
    assert "merek" in p3["cap_reason_after_id"]


def test_simple_rows_get_bonus_only_where_the_evidence_was_missing(tiny):
    # halal: P1 lacked it → k3 60 + 20 = 80 → score 66.0; P2 (tekstil) also lacked it → +20 on k3.
    result = run_whatif(tiny, Scenario(interventions=("halal",)), today=TODAY)
    assert by_id(result, "P1")["score_after"] == pytest.approx(66.0)
    assert by_id(result, "P2")["score_after"] == pytest.approx(51.0)
    # nib: P1 already had it → no bonus.
    result = run_whatif(tiny, Scenario(interventions=("nib",)), today=TODAY)
    assert by_id(result, "P1")["score_after"] == pytest.approx(60.0)


def test_quality_lever_is_capped_at_100_and_changes_stars(tiny):
    # P1 with halal and quality +40: k3 = min(60 + 20 + 40, 100) = 100 → score 72 → ★4 (brand + halal).
    result = run_whatif(tiny, Scenario(quality=40, interventions=("halal",)), today=TODAY)
    p1 = by_id(result, "P1")
    assert p1["score_after"] == pytest.approx(72.0)
    assert p1["stars_after"] == 4


def test_market_lever_adds_to_k4(tiny):
    result = run_whatif(tiny, Scenario(market=10), today=TODAY)
    assert by_id(result, "P1")["score_after"] == pytest.approx(62.0)


def test_transition_matrix_and_recognised_counts(tiny):
    result = run_whatif(tiny, Scenario(interventions=("nib", "permit")), today=TODAY)
    # P1 ★3→★3, P2 ★2→★3, P3 ★2→★3 (permit; score 70 + nib k5c raise → ★4 by score, no brand → ★3)
    matrix = result.transition_matrix
    assert matrix.loc[3, 3] == 1
    assert matrix.loc[2, 3] == 2
    assert matrix.to_numpy().sum() == 3
    assert (result.recognised_before, result.recognised_after) == (1, 3)


def test_target_by_region_category_stage_and_star(tiny):
    only_bali = run_whatif(tiny, Scenario(interventions=("nib",), target=Target(regions=("51",))), today=TODAY)
    assert only_bali.products.set_index("product_id")["targeted"].to_dict() == {"P1": False, "P2": True, "P3": False}
    by_kab = run_whatif(tiny, Scenario(quality=5, target=Target(regions=("1104",))), today=TODAY)
    assert by_kab.n_targeted == 2
    by_cat = run_whatif(tiny, Scenario(quality=5, target=Target(categories=("pangan",))), today=TODAY)
    assert by_cat.n_targeted == 1
    by_stage = run_whatif(tiny, Scenario(quality=5, target=Target(stages=(0, 1))), today=TODAY)
    assert set(by_stage.products.query("targeted")["product_id"]) == {"P2", "P3"}
    by_star = run_whatif(tiny, Scenario(quality=5, target=Target(stars=(3,))), today=TODAY)
    assert set(by_star.products.query("targeted")["product_id"]) == {"P1"}
    untouched = by_star.products.set_index("product_id").loc["P2"]
    assert untouched["score_after"] == untouched["score"]


def test_top_n_picks_the_products_that_gain_most_stars_then_score(tiny):
    # With nib+permit: P2 gains a star (+5.0), P3 gains a star (+3.33+1.67), P1 gains nothing.
    result = run_whatif(tiny, Scenario(interventions=("nib", "permit"), target=Target(top_n=1)), today=TODAY)
    assert result.n_targeted == 1
    assert result.products.query("targeted")["product_id"].tolist() == ["P2"]
    assert result.recognised_after == 2


def test_newly_eligible_and_gates_still_blocking(tiny):
    # P2 is in stage 0: it needs all scores and NIB → the nib intervention makes it eligible.
    result = run_whatif(tiny, Scenario(interventions=("nib",)), today=TODAY)
    assert by_id(result, "P2")["newly_eligible"]
    assert result.newly_eligible == 1
    # P3 is still capped after nib alone, by the permit gate.
    assert result.gates_still_blocking["permit"] == 1


def test_region_ranks_before_and_after(tiny):
    result = run_whatif(tiny, Scenario(interventions=("nib",), target=Target(regions=("51",))), today=TODAY)
    regions = result.regions.set_index("code")
    assert regions.loc["11", "rank_before"] == 1 and regions.loc["51", "rank_before"] == 2
    assert regions.loc["51", "mean_score_after"] == pytest.approx(50.0)
    assert np.isnan(regions.loc["12", "rank_before"])  # no products: no rank, not last
    summary = result.summary()
    assert summary["regions"]["51"]["rank_after"] == 2.0
    assert summary["regions"]["12"]["mean_score_before"] is None


def test_bad_scenarios_are_refused():
    with pytest.raises(ScenarioError):
        Scenario(quality=41)
    with pytest.raises(ScenarioError):
        Scenario(interventions=("visa",))


def test_untargeted_products_never_change_on_a_large_table():
    frame = synthetic_registry(5000, seed=3)
    result = run_whatif(
        frame,
        Scenario(quality=15, market=10, interventions=("halal", "brand"), target=Target(regions=("33",))),
        today=TODAY,
    )
    rest = result.products[~result.products["targeted"]]
    pd.testing.assert_series_equal(rest["score"], rest["score_after"], check_names=False)
    assert (result.products["stars_after"] >= result.products["stars"]).all()


def test_rank_stability_counts_top_products_kept_under_another_preset():
    frame = synthetic_registry(500, seed=5)
    same = rank_stability(frame, OVOP_2026, OVOP_2026, top=20)
    other = rank_stability(frame, OVOP_2026, OCOP_2023, top=20)
    assert same == 20
    assert 0 <= other <= 20
    scored = score_table(frame, OCOP_2023)
    assert (scored["model_version"] == "ocop-2023").all()


def test_halal_applies_only_to_food_beverage_and_herbal_products():
    assert intervention_categories("halal") == ("pangan", "minuman", "herbal")
    for name in ("nib", "permit", "brand", "export"):
        assert intervention_categories(name) == CATEGORIES
    with pytest.raises(ScenarioError, match="unknown intervention"):
        intervention_categories("visa")


def test_what_if_eligibility_is_the_pipeline_eligibility_before_and_after():
    frame = synthetic_registry(1000, seed=4)
    expected = pipeline_status(score_table(frame), TODAY)["eligible_next_stage"].tolist()
    unchanged = run_whatif(frame, Scenario(), today=TODAY).products  # no lever: after = before
    assert unchanged["eligible_before"].tolist() == expected
    assert unchanged["eligible_after"].tolist() == expected
