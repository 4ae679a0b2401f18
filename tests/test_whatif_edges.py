"""Edges of the what-if result (DESIGN.md §5, §7) found by mutation testing (`make mutation`).

Tiny tables, results computed by hand: the JSON summary the CLI prints names every figure of
DESIGN.md §7 under its own key, counts as whole numbers and region figures to 6 decimals; the
"gains most" order of a top N (stars gained before a higher star, ties by product id, whatever
the row order), and a top N that is decided among candidates tied on their first key.
"""

import json

import pandas as pd
from conftest import make_products

from ovop_core.model import OCOP_2023, OVOP_2026
from ovop_core.scenario import Scenario, Target
from ovop_core.summary import RANK_RULE, analysed_table
from ovop_core.whatif import run_whatif

TODAY = pd.Timestamp("2026-11-29")


def test_the_json_summary_names_every_figure_under_its_own_key():
    # P1: pangan with P-IRT, every k 60, stage 4 → official ★3 (recognised), untargeted.
    # P2: kerajinan, every k 45 → ★2 at stage 0; quality +20 → k3 65 → 45 + 0.3·20 = 51 → ≈★3.
    # P3: tekstil, every k 45 → ★2, untargeted. All three in province 11.
    frame = make_products(
        {"category": "pangan", "permit": "pirt", "stage": 4, "assessors": 3},
        {"k": 45},
        {"k": 45, "category": "tekstil"},
    ).drop(columns=["_row"])
    result = run_whatif(frame, Scenario(quality=20, target=Target(categories=("kerajinan",))), today=TODAY)
    summary = result.summary()
    regions = summary.pop("regions")
    matrix = [[0] * 5 for _ in range(5)]
    matrix[1][2] = 1  # ★2 → ★3
    assert summary == {
        "n_products": 3,
        "n_targeted": 1,
        "recognised_before": 1,
        "recognised_after": 1,
        "potential_before": 0,
        "potential_after": 1,
        "applied": {},
        "not_applied": {},
        "not_applied_reasons": {},
        "newly_eligible": 0,
        "gates_still_blocking": {"nib": 0, "permit": 0, "brand": 0, "halal": 0, "export": 0},
        "transition_matrix": matrix,
        "not_rated": 0,
        "level": "province",
        "rank_by": RANK_RULE,
    }
    assert '"transition_matrix": [[0, 0, 0, 0, 0], [0, 0, 1, 0, 0],' in json.dumps(summary)  # counts: integers
    # Regions are keyed by their code, which is not repeated inside; figures to 6 decimals.
    eleven = regions["11"]
    assert "code" not in eleven and eleven["n_products"] == 3
    assert (eleven["share_recognised_before"], eleven["mean_score_after"]) == (0.333333, 52.0)  # 1/3; (60+51+45)/3


def registry(*rows: dict) -> pd.DataFrame:
    return make_products(*rows).drop(columns=["_row"])


def chosen(frame: pd.DataFrame, n: int) -> list[str]:
    result = run_whatif(frame, Scenario(quality=50, market=50, target=Target(top_n=n)), today=TODAY)
    return result.products.query("targeted")["product_id"].tolist()


def test_top_n_puts_a_star_gained_before_a_product_that_stays_at_a_higher_star():
    # Quality and market +50 each. P001: (20, 20, 0, 0, 20) → 10 ★1; after k3 50, k4 50 → 35 ★2.
    # P002: (50, 50, 100, 100, 50) → 75 ★4, already capped: stays 75 ★4 (no star gained).
    assert chosen(registry({"k": (20, 20, 0, 0, 20)}, {"k": (50, 50, 100, 100, 50)}), 1) == ["P001"]


def test_top_n_breaks_a_tie_by_product_id_whatever_the_row_order():
    frame = registry({"product_id": "P009"}, {"product_id": "P002"}, {"product_id": "P005"})
    assert chosen(frame, 1) == ["P002"]


def test_top_n_keeps_every_candidate_that_beats_the_nth_on_a_later_key():
    # Quality and market +50 each (k3, k4 capped at 100):
    # P001 (40, 40, 60, 40, 40): 46 ★2 → 68 ★3, crosses, +22.
    # P002 (50, 50, 0, 50, 50): 35 ★2 → 60 ★3, crosses, +25.
    # P003 (82, 82, 50, 50, 82): 66 ★3 → 91 ★5, two stars but does not cross.
    # Crossing comes first, then stars gained, then score: P002, P001, P003.
    frame = registry({"k": (40, 40, 60, 40, 40)}, {"k": (50, 50, 0, 50, 50)}, {"k": (82, 82, 50, 50, 82)})
    assert chosen(frame, 2) == ["P001", "P002"]


def test_every_target_filter_must_hold_each_one_leaves_out_its_own_misfit():
    # Target: province 11, pangan, stage 1, ★3. P001 fits all four; each other product fails one.
    fit = {"category": "pangan", "permit": "pirt", "stage": 1}  # every k 60: ★3
    frame = registry(
        fit,
        {**fit, "region_code": "51.07"},
        {**fit, "category": "minuman"},
        {**fit, "stage": 2},
        {**fit, "k": 45},  # ★2
    )
    target = Target(regions=("11",), categories=("pangan",), stages=(1,), stars=(3,))
    result = run_whatif(frame, Scenario(quality=5, target=target), today=TODAY)
    assert result.products.query("targeted")["product_id"].tolist() == ["P001"]


def test_a_targeted_product_that_stays_at_one_star_is_in_the_matrix():
    # Every k 10 → 10.0 ★1; quality +5 → k3 15 → 11.5, still ★1: a rated product, row ★1, column ★1.
    result = run_whatif(registry({"k": 10}), Scenario(quality=5), today=TODAY)
    matrix = result.transition_matrix
    assert matrix.loc[1, 1] == 1 and result.not_rated == 0
    # The table says which way it reads (printed, or opened in a notebook): rows before, columns after.
    assert (matrix.index.name, matrix.columns.name) == ("before", "after")


def test_each_product_row_says_why_it_is_still_capped_after_the_scenario():
    # pangan without a permit, every k 60 → ★3 by score, capped at ★2; quality +5 keeps it capped.
    products = run_whatif(registry({"category": "pangan"}), Scenario(quality=5), today=TODAY).products
    row = products.iloc[0]
    assert row["stars_after"] == 2
    assert "P-IRT" in row["cap_reason_after_id"] and "P-IRT" in row["cap_reason_after_en"]
    assert row["cap_reason_after_id"] != row["cap_reason_after_en"]


def test_the_result_is_scored_with_the_scenarios_model_before_and_after():
    # Only k2 = 100: 15 points under ovop-2026.2, 10 under ocop-2023. No lever: nothing moves.
    frame = registry({"k": (0, 100, 0, 0, 0)})
    result = run_whatif(frame, Scenario(model=OCOP_2023), today=TODAY)
    assert result.products[["score", "score_after"]].iloc[0].tolist() == [10.0, 10.0]


def test_the_cached_table_the_ui_passes_gives_the_same_result_as_none():
    frame = registry({"k": 60, "stage": 2, "assessors": 3}, {"k": 45, "stage": 1})
    scenario = Scenario(quality=20)
    cached = analysed_table(frame, OVOP_2026, TODAY)
    with_cache = run_whatif(frame, scenario, today=TODAY, before=cached).products
    without = run_whatif(frame, scenario, today=TODAY).products
    pd.testing.assert_frame_equal(with_cache, without, check_names=False)


def test_eligibility_before_and_after_is_judged_on_the_day_asked():
    # Stage 5, rated in January 2020: re-evaluation (stage 6) opens in January 2023, so on
    # 1 January 2021 the product may not move on, before or after the scenario.
    frame = registry({"k": 80, "stage": 5, "rated_on": pd.Timestamp("2020-01-01")})
    products = run_whatif(frame, Scenario(quality=5), today="2021-01-01").products
    assert products[["eligible_before", "eligible_after"]].iloc[0].tolist() == [False, False]


def test_each_product_row_names_the_product_beside_its_before_and_after():
    frame = registry({"name": "Kopi Gayo", "category": "minuman", "region_code": "11.04"})
    products = run_whatif(frame, Scenario(quality=5), today=TODAY).products
    assert products[["product_id", "name", "category", "region_code", "stage"]].iloc[0].tolist() == [
        "P001",
        "Kopi Gayo",
        "minuman",
        "11.04",
        0,
    ]
