"""What-if engine (DESIGN.md §5) on tiny tables whose results are computed by hand.

Each test would fail if its rule were wrong: where an intervention applies and what it credits
(exact fractions of the base sub-item points), how levers cap, which products a target and a
top N pick, and what the result counts over the targeted products or over the whole registry.
"""

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from conftest import make_products

from ovop_core.demo import synthetic_registry
from ovop_core.interventions import MAX_LEVER, credit, intervention_categories
from ovop_core.model import CATEGORIES, OCOP_2023, OVOP_2026
from ovop_core.pipeline import pipeline_status
from ovop_core.registry import read_registry
from ovop_core.scenario import Scenario, ScenarioError, Target
from ovop_core.scoring import score_table
from ovop_core.whatif import gain_order, rank_stability, run_whatif

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


def registry(*rows: dict, non_halal: list[bool] | None = None) -> pd.DataFrame:
    """``make_products`` without the reader's ``_row``; ``non_halal`` adds the optional column."""
    frame = make_products(*rows).drop(columns=["_row"])
    if non_halal is not None:
        frame["non_halal"] = non_halal
    return frame


def run(frame: pd.DataFrame, **scenario) -> object:
    return run_whatif(frame, Scenario(**scenario), today=TODAY)


# --- where interventions apply ------------------------------------------------------------------


def test_halal_on_a_mixed_target_applies_only_to_the_food_product_and_says_so():
    frame = registry({"category": "pangan", "permit": "pirt"}, {"category": "tekstil"}, {"category": "kerajinan"})
    result = run(frame, interventions=("halal",))
    # pangan: k3 60 + 20 = 80 → score 60 + 0.3·20 = 66; the others keep 60.
    assert result.products["score_after"].tolist() == pytest.approx([66.0, 60.0, 60.0])
    assert result.applied == {"halal": 1}
    assert result.not_applied == {"halal": 2}
    (halal,) = result.interventions
    assert dict(halal.other_category) == {"tekstil": 1, "kerajinan": 1}
    assert (halal.has_evidence, halal.non_halal) == (0, 0)
    assert result.summary()["not_applied_reasons"]["halal"]["category"] == {"tekstil": 1, "kerajinan": 1}


def test_a_product_declared_non_halal_gets_no_halal_certificate():
    frame = registry({"category": "pangan"}, {"category": "pangan"}, non_halal=[True, False])
    result = run(frame, interventions=("halal",))
    assert result.products["score_after"].tolist() == pytest.approx([60.0, 66.0])
    (halal,) = result.interventions
    assert (halal.applied, halal.non_halal, halal.not_applied) == (1, 1, 1)


def test_an_intervention_changes_nothing_where_the_evidence_is_already_there():
    frame = registry({"brand": True}, {"brand": False})
    result = run(frame, interventions=("brand",))
    # brand: k4c to level 2 = 4 of 6 points → k4 +20 → score +4, only where it was missing.
    assert result.products["score_after"].tolist() == pytest.approx([60.0, 64.0])
    assert (result.applied, result.interventions[0].has_evidence) == ({"brand": 1}, 1)


def test_nib_sets_the_legal_gate_and_changes_no_score():
    frame = registry({"nib": False}, {"nib": True})  # kerajinan, all k 60: ★3 by score
    result = run(frame, interventions=("nib",))
    p1 = by_id(result, "P001")
    assert p1["score_after"] == p1["score"] == pytest.approx(60.0)
    assert (p1["stars"], p1["stars_after"]) == (2, 3)  # the ★3 gate now passes
    assert result.applied == {"nib": 1}
    # Detailed format: k5c ("years operating & legality") stays at its level, so the score stays.
    levels = dict.fromkeys("k1a k1b k1c k1d k2a k2b k2c k3a k3b k3c k3d k4a k4b k4c k5a k5b k5c".split(), 1)
    detailed = run(registry({"nib": False, "levels": levels}), interventions=("nib",))
    assert by_id(detailed, "P001")["score_after"] == by_id(detailed, "P001")["score"] == pytest.approx(100 / 3)


# --- exact credits ------------------------------------------------------------------------------


def test_permit_credits_are_exact_fractions_of_k3a_points():
    assert credit("permit", "none", "pangan") == Fraction(200, 9)  # none → PIRT: level 2 of 3
    assert credit("permit", "none", "herbal") == Fraction(100, 3)  # none → BPOM: level 3
    assert credit("permit", "pirt", "herbal") == Fraction(100, 9)  # PIRT → BPOM: level 2 → 3
    assert credit("permit", "none", "tekstil") == Fraction(100, 3)  # none → SNI: level 3
    assert (credit("halal"), credit("brand"), credit("export"), credit("nib")) == (20, 20, 40, 0)


def test_permit_in_the_simple_format_adds_its_exact_credit_to_k3():
    frame = registry(
        {"category": "pangan", "permit": "none"},
        {"category": "herbal", "permit": "pirt"},
        {"category": "tekstil", "permit": "none"},
        {"category": "pangan", "permit": "bpom"},
    )
    result = run(frame, interventions=("permit",))
    # score = 60 + 0.3·bump: +200/9 → 66.67, +100/9 → 63.33, +100/3 → exactly 70.0 (★4, all gates)
    after = result.products["score_after"].tolist()
    assert after == pytest.approx([60 + 20 / 3, 60 + 10 / 3, 70.0, 60.0], abs=1e-9)
    assert by_id(result, "P003")["stars_after"] == 4
    assert result.applied == {"permit": 3} and result.not_applied == {"permit": 1}


def test_permit_in_the_detailed_format_raises_k3a_to_its_level_and_never_lowers_one():
    ones = {key: 1 for key in ("k1a k1b k1c k1d k2a k2b k2c k3b k3c k3d k4a k4b k4c k5a k5b k5c".split())}
    frame = registry(
        {"category": "pangan", "permit": "none", "k": None, "levels": {**ones, "k3a": 1}},  # → PIRT: 1 → 2
        {"category": "herbal", "permit": "pirt", "k": None, "levels": {**ones, "k3a": 2}},  # → BPOM: 2 → 3
        {"category": "pangan", "permit": "none", "k": None, "levels": {**ones, "k3a": 3}},  # PIRT: stays 3
    )
    result = run(frame, interventions=("permit",))
    # One k3a level = 10/3 of k3's 30 points → k3 +11.11 → score +0.3·11.11 = +3.33.
    gained = (result.products["score_after"] - result.products["score"]).tolist()
    assert gained == pytest.approx([10 / 3, 10 / 3, 0.0], abs=1e-9)
    assert result.applied == {"permit": 3}  # the third still gets its PIRT


def test_permit_and_halal_add_up_on_k3_and_k3_is_capped_at_100():
    frame = registry({"category": "pangan", "permit": "none", "k": (60, 60, 50, 60, 60)})
    both = run(frame, interventions=("permit", "halal"))
    # k3 = 50 + 200/9 + 20 = 92.22 → score 42 + 0.3·92.22 = 69.67
    assert by_id(both, "P001")["score_after"] == pytest.approx(42 + 0.3 * (50 + 200 / 9 + 20), abs=1e-9)
    capped = run(frame, quality=10, interventions=("permit", "halal"))
    assert by_id(capped, "P001")["score_after"] == pytest.approx(72.0)  # k3 102.22 → 100


def test_levers_add_to_k3_and_k4_and_are_capped_at_100():
    frame = registry({"k": (60, 60, 60, 80, 60)})
    result = run(frame, quality=MAX_LEVER, market=MAX_LEVER)
    # k3 60 + 50 → 100, k4 80 + 50 → 100: score 12 + 9 + 30 + 20 + 9 = 80
    assert by_id(result, "P001")["score_after"] == pytest.approx(80.0)


def test_the_k_bump_is_the_same_under_another_preset():
    frame = registry({"category": "pangan", "permit": "pirt"})
    result = run_whatif(frame, Scenario(interventions=("halal",), model=OCOP_2023), today=TODAY)
    # OCOP weights k3 35: k3 60 → 80 adds 0.35·20 = 7 points.
    assert by_id(result, "P001")["score_after"] - by_id(result, "P001")["score"] == pytest.approx(7.0)


# --- the tiny registry read from CSV ------------------------------------------------------------


def test_detailed_permit_at_the_level_it_sets_changes_no_score_but_passes_the_gate(tiny):
    # P3 (minuman, every level 2): PIRT is level 2, k3a already 2 → score stays 66.67; the
    # ★3 permit gate now passes → ★2 → ★3.
    result = run_whatif(tiny, Scenario(interventions=("permit",)), today=TODAY)
    p3 = by_id(result, "P3")
    assert p3["score_after"] == pytest.approx(200 / 3)
    assert (p3["stars"], p3["stars_after"]) == (2, 3)


def test_transition_matrix_and_recognised_and_potential_counts(tiny):
    result = run_whatif(tiny, Scenario(interventions=("nib", "permit")), today=TODAY)
    # P1 ★3→★3 (has both); P2 tekstil none→SNI k3 +33.33 → 55.0 ★2→★3; P3 PIRT ★2→★3.
    matrix = result.transition_matrix
    assert (matrix.loc[3, 3], matrix.loc[2, 3], matrix.to_numpy().sum()) == (1, 2, 3)
    # Only P1 (stage 4) is official; P2 (stage 0) and P3 (stage 1) become potential.
    assert (result.recognised_before, result.recognised_after) == (1, 1)
    assert (result.potential_before, result.potential_after) == (0, 2)


def test_target_filters_combine_with_and(tiny):
    both = run_whatif(tiny, Scenario(quality=5, target=Target(regions=("11",), categories=("pangan",))), today=TODAY)
    assert both.products.query("targeted")["product_id"].tolist() == ["P1"]
    none = run_whatif(tiny, Scenario(quality=5, target=Target(regions=("51",), stages=(4,))), today=TODAY)
    assert none.n_targeted == 0
    by_kab = run_whatif(tiny, Scenario(quality=5, target=Target(regions=("1104",), stages=(1,))), today=TODAY)
    assert by_kab.products.query("targeted")["product_id"].tolist() == ["P3"]
    by_star = run_whatif(tiny, Scenario(quality=5, target=Target(stars=(3,))), today=TODAY)
    assert by_star.products.query("targeted")["product_id"].tolist() == ["P1"]
    untouched = by_id(by_star, "P2")
    assert untouched["score_after"] == untouched["score"]


def test_newly_eligible_and_gates_still_blocking(tiny):
    # P2 is in stage 0: it needs all scores and NIB → the nib intervention makes it eligible.
    result = run_whatif(tiny, Scenario(interventions=("nib",)), today=TODAY)
    assert by_id(result, "P2")["newly_eligible"] and result.newly_eligible == 1
    assert result.gates_still_blocking["permit"] == 1  # P3, still without a permit


def test_gates_still_blocking_count_the_targeted_products_only():
    # Both score ★4 (k 80) and lack a brand; only the first is targeted.
    frame = registry({"k": 80, "brand": False}, {"k": 80, "brand": False, "region_code": "51.07"})
    result = run(frame, quality=5, target=Target(regions=("11",)))
    assert result.gates_still_blocking["brand"] == 1


# --- the top N ----------------------------------------------------------------------------------


def test_top_n_prefers_a_product_that_becomes_star3_over_a_larger_score_gain():
    frame = registry(
        {"k": (60, 60, 60, 60, 60), "brand": False},  # +brand +quality 20: 60 → 70, ★3 → ★4
        {"k": (48, 48, 48, 48, 48)},  # +quality 20: 48 → 54, ★2 → ★3
    )
    result = run(frame, quality=20, interventions=("brand",), target=Target(top_n=1))
    assert result.products.query("targeted")["product_id"].tolist() == ["P002"]


def test_top_n_breaks_equal_gains_by_higher_stage_then_product_id():
    frame = registry({"stage": 1}, {"stage": 2}, {"stage": 2}, {"stage": 0})
    result = run(frame, quality=10, target=Target(top_n=2))
    assert result.products.query("targeted")["product_id"].tolist() == ["P002", "P003"]
    one = run(frame, quality=10, target=Target(top_n=3))
    assert one.products.query("targeted")["product_id"].tolist() == ["P001", "P002", "P003"]


def test_top_n_on_a_large_table_is_the_head_of_the_full_gain_order():
    frame = synthetic_registry(3000, seed=7)
    levers = dict(quality=10, interventions=("halal", "permit"))
    everyone = run_whatif(frame, Scenario(**levers), today=TODAY).products
    after = everyone[["score_after", "stars_after"]].set_axis(["score", "stars"], axis=1)
    expected = everyone.loc[gain_order(everyone, after)[:150], "product_id"]
    top = run_whatif(frame, Scenario(**levers, target=Target(top_n=150)), today=TODAY).products
    assert set(top.query("targeted")["product_id"]) == set(expected)


def test_top_n_picks_the_products_that_gain_most(tiny):
    # nib+permit: P2 ★2→★3 (+10.0) and P3 ★2→★3 (+0) both cross; P2 gains more score.
    result = run_whatif(tiny, Scenario(interventions=("nib", "permit"), target=Target(top_n=1)), today=TODAY)
    assert result.products.query("targeted")["product_id"].tolist() == ["P2"]
    assert (result.recognised_after, result.potential_after) == (1, 1)


# --- what the result counts ---------------------------------------------------------------------


def test_star1_and_not_rated_products_fill_the_matrix_and_not_rated():
    frame = registry(
        {"k": 20},  # ★1 → quality 50: k3 70 → 35.0 ★2
        {"k": (60, 60, None, 60, 60)},  # not rated: k3 missing stays missing
        {"k": 60, "region_code": "51.07"},  # untargeted ★3: in no count of the targeted
    )
    result = run(frame, quality=50, target=Target(regions=("11",)))
    matrix = result.transition_matrix
    assert matrix.loc[1, 2] == 1 and matrix.to_numpy().sum() == 1
    assert result.not_rated == 1
    assert matrix.to_numpy().sum() + result.not_rated == result.n_targeted == 2


def test_recognised_is_official_and_potential_estimated_over_the_whole_registry():
    frame = registry(
        {"k": 45, "stage": 3, "assessors": 3},  # targeted: ★2 → ★3, official → recognised
        {"k": 45, "stage": 1},  # targeted: ★2 → ★3, estimate → potential
        {"k": 60, "stage": 4, "assessors": 3, "region_code": "51.07"},  # untargeted recognised
        {"k": 75, "stage": 0, "region_code": "51.07"},  # untargeted potential (★4 estimate)
    )
    result = run(frame, quality=20, target=Target(regions=("11",)))
    assert (result.recognised_before, result.recognised_after) == (1, 2)
    assert (result.potential_before, result.potential_after) == (1, 2)
    assert by_id(result, "P001")["official"] and not by_id(result, "P002")["official"]


def test_a_region_that_climbs_has_a_positive_rank_change():
    frame = registry({"k": 60}, {"k": 45, "region_code": "51.07"})
    scenario = Scenario(quality=50, market=50, target=Target(regions=("51",)))
    result = run_whatif(frame, scenario, today=TODAY, rank_by="adjusted_mean")
    # Bali 45 → 45 + 15 + 10 = 70 overtakes Aceh (60). Adjusted means (prior 10 at the national
    # mean): before Aceh (60 + 525)/11 > Bali (45 + 525)/11; after Bali (70 + 650)/11 > Aceh
    # (60 + 650)/11. Rank 2 → 1 is +1 for Bali; Aceh 1 → 2 is −1.
    regions = result.regions.set_index("code")
    assert (regions.loc["51", "rank_before"], regions.loc["51", "rank_after"]) == (2, 1)
    assert (regions.loc["51", "rank_change"], regions.loc["11", "rank_change"]) == (1, -1)
    assert np.isnan(regions.loc["12", "rank_change"])  # no products: no rank


def test_regions_are_compared_at_the_level_and_by_the_rule_asked():
    frame = registry(
        {"k": 60, "stage": 3, "assessors": 3}, {"k": 45, "stage": 3, "assessors": 3, "region_code": "11.05"}
    )
    result = run_whatif(frame, Scenario(quality=20), today=TODAY, level="kabkota", rank_by="recognised")
    regions = result.regions.set_index("code")
    assert (regions.loc["11.04", "rank_after"], regions.loc["11.05", "rank_after"]) == (1, 1)  # 1 recognised each
    assert (regions.loc["11.05", "rank_before"], regions.loc["11.05", "rank_change"]) == (2, 1)
    assert result.summary()["level"] == "kabkota" and result.summary()["rank_by"] == "recognised"


def test_region_summary_is_json_ready(tiny):
    result = run_whatif(tiny, Scenario(interventions=("permit",), target=Target(regions=("51",))), today=TODAY)
    regions = result.regions.set_index("code")
    assert (regions.loc["11", "rank_before"], regions.loc["51", "rank_before"]) == (1, 2)
    assert regions.loc["51", "mean_score_after"] == pytest.approx(55.0)
    summary = result.summary()
    assert summary["regions"]["51"]["rank_after"] == 2.0
    assert summary["regions"]["12"]["mean_score_before"] is None
    assert summary["applied"] == {"permit": 1} and summary["not_rated"] == 0


def test_bad_scenarios_are_refused():
    assert Scenario(quality=50).quality == 50
    with pytest.raises(ScenarioError):
        Scenario(quality=51)
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
    assert result.transition_matrix.to_numpy().sum() + result.not_rated == result.n_targeted


def test_rank_stability_counts_the_top_products_kept_in_the_read_model_order():
    frame = registry(
        {"k": (0, 0, 100, 0, 0)},  # ovop 30, ocop 35
        {"k": (100, 0, 0, 0, 80)},  # ovop 32, ocop 36
        {"k": (0, 100, 0, 100, 0)},  # ovop 35, ocop 25
    )
    # ovop order P003, P002, P001; ocop order P002, P001, P003.
    assert [rank_stability(frame, OVOP_2026, OCOP_2023, top=n) for n in (1, 2, 3)] == [0, 1, 3]
    assert rank_stability(frame, OCOP_2023, OVOP_2026, top=2) == 1
    assert rank_stability(frame, OVOP_2026, OVOP_2026, top=2) == 2


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
