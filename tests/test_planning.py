"""The budget planner (DESIGN.md §11) on tiny registries with hand-computed plans.

Weights 20/15/30/20/15: a permit to a craft (SNI) adds k3 +33⅓ = score +10, a P-IRT to food k3 +22⅖
= score +6⅔, halal k3 +20 = +6, brand k4 +20 = +4, export k4 +40 = +8. Gates: ★3 needs an NIB
(and for food a P-IRT or BPOM), ★4 a brand (and for food halal), ★5 export.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from conftest import make_products

from ovop_core import planning
from ovop_core.costs import parse_costs
from ovop_core.interventions import apply_interventions
from ovop_core.planning import PlanError, plan_budget
from ovop_core.scoring import score_and_stars

COSTS = parse_costs(
    "intervention,category,cost_idr,source\n"
    "nib,*,600,asumsi\n"
    "permit,*,1000,asumsi\n"
    "halal,*,500,asumsi\n"
    "brand,*,500,asumsi\n"
    "export,*,3000,asumsi\n"
)


def chosen(plan) -> dict[str, tuple[str, ...]]:
    return dict(zip(plan.chosen["product_id"], plan.chosen["interventions"]))


def test_an_nib_that_lifts_a_capped_star_is_bought_when_the_budget_allows():
    # Score 60 is ★3 by score, capped at ★2 without an NIB; the NIB costs 600.
    frame = make_products({"nib": False, "stage": 3})
    plan = plan_budget(frame, 600, COSTS)
    assert chosen(plan) == {"P001": ("nib",)}
    assert (plan.total_cost, plan.stars_gained, plan.newly_recognised) == (600, 1, 1)
    assert plan.cost_per_newly_recognised == 600
    assert plan_budget(frame, 599, COSTS).chosen.empty


def test_a_budget_of_zero_buys_nothing_and_reports_no_cost_per_recognised():
    plan = plan_budget(make_products({"nib": False, "stage": 3}), 0, COSTS)
    assert plan.chosen.empty
    assert (plan.total_cost, plan.stars_gained, plan.newly_recognised) == (0, 0, 0)
    assert plan.cost_per_newly_recognised is None
    assert plan.to_dict()["cost_per_newly_recognised"] is None


def test_several_interventions_on_one_product_each_cost_once():
    # Food at 64 (★3 by score) is capped at ★2 without a P-IRT. P-IRT: 70⅔ → ★4 by score but ★3
    # without halal; P-IRT + halal: 76⅔ → ★4. Halal alone gains nothing (the permit gate holds).
    frame = make_products({"category": "pangan", "k": 64, "halal": False})
    full = plan_budget(frame, 1500, COSTS)
    assert chosen(full) == {"P001": ("permit", "halal")}
    assert full.chosen[["cost", "stars_before", "stars_after"]].iloc[0].tolist() == [1500, 2, 4]
    short = plan_budget(frame, 1499, COSTS)
    assert chosen(short) == {"P001": ("permit",)}
    assert short.chosen[["cost", "stars_after"]].iloc[0].tolist() == [1000, 3]


def test_an_intervention_that_does_not_apply_is_never_bought():
    # A craft without halal and without a brand: halal is for food, beverages and herbal only.
    frame = make_products({"k": 88, "brand": False, "halal": False, "permit": "sni"})  # ★4 by score, capped ★3
    plan = plan_budget(frame, 10**9, COSTS)
    assert chosen(plan) == {"P001": ("brand",)}
    assert plan.total_cost == 500


def test_only_the_interventions_asked_for_are_bought():
    frame = make_products({"category": "pangan", "k": 64, "halal": False})
    assert plan_budget(frame, 10**9, COSTS, interventions=("brand", "halal")).chosen.empty
    assert chosen(plan_budget(frame, 10**9, COSTS, interventions=("permit",))) == {"P001": ("permit",)}


def test_a_budget_larger_than_everything_lifts_every_product_to_its_best_star():
    frame = make_products(
        {"nib": False, "permit": "sni"},  # 60: ★2 → ★3 with the NIB (600)
        {"k": 95, "brand": False, "export": False, "permit": "sni"},  # ★5 by score, ★3: brand + export → ★5
        {"k": 40},  # ★2 by score: permit +10 → 50 → ★3 (1000)
        {"k": 60, "permit": "sni"},  # nothing missing that could help: not chosen
    )
    plan = plan_budget(frame, 10**12, COSTS)
    assert chosen(plan) == {"P001": ("nib",), "P002": ("brand", "export"), "P003": ("permit",)}
    assert (plan.total_cost, plan.stars_gained) == (600 + 3500 + 1000, 1 + 2 + 1)


def test_the_plan_finds_the_best_stars_where_greedy_per_rupiah_would_not():
    # X: ★5 by score without an NIB (★2): NIB 600 gains 3. Y, Z: ★5 by score without a brand
    # (★3): brand 500 gains 2 each. Rp 1,000: greedy per rupiah takes X (3 stars, 0.005/rupiah)
    # and cannot afford more; Y + Z gain 4.
    frame = make_products(
        {"product_id": "X", "k": 95, "nib": False},
        {"product_id": "Y", "k": 95, "brand": False},
        {"product_id": "Z", "k": 95, "brand": False},
    )
    plan = plan_budget(frame, 1000, COSTS)
    assert chosen(plan) == {"Y": ("brand",), "Z": ("brand",)}
    assert (plan.stars_gained, plan.total_cost, plan.method) == (4, 1000, "exact")


def test_equal_gains_are_decided_by_the_design_order_becomes_3_stars_then_stage_then_id():
    frame = make_products(
        {"product_id": "B", "k": 45, "permit": "none"},  # 45 → 55 with SNI: ★2 → ★3
        {"product_id": "A", "k": 62, "permit": "none"},  # 62 → 72 with SNI: ★3 → ★4
    )
    assert chosen(plan_budget(frame, 1000, COSTS)) == {"B": ("permit",)}
    staged = make_products(
        {"product_id": "A", "k": 45, "stage": 1},
        {"product_id": "B", "k": 45, "stage": 4},
    )
    assert chosen(plan_budget(staged, 1000, COSTS)) == {"B": ("permit",)}
    same = make_products({"product_id": "B", "k": 45}, {"product_id": "A", "k": 45})
    assert chosen(plan_budget(same, 1000, COSTS)) == {"A": ("permit",)}


def test_recognised_counts_only_official_products_and_potential_the_rest():
    frame = make_products({"nib": False, "stage": 3}, {"nib": False, "stage": 2})
    plan = plan_budget(frame, 1200, COSTS)
    assert (plan.newly_recognised, plan.newly_potential, plan.stars_gained) == (1, 1, 2)
    assert plan.cost_per_newly_recognised == 1200


def test_a_region_plans_for_its_own_products_only():
    frame = make_products(
        {"product_id": "ACEH", "region_code": "11.04", "nib": False, "permit": "sni"},
        {"product_id": "JATENG", "region_code": "33.26", "nib": False, "permit": "sni"},
    )
    assert chosen(plan_budget(frame, 10**6, COSTS, region="33")) == {"JATENG": ("nib",)}
    assert chosen(plan_budget(frame, 10**6, COSTS, region="11.04")) == {"ACEH": ("nib",)}


def test_an_unrated_product_is_never_chosen():
    frame = make_products({"k": (60, 60, None, 60, 60), "nib": False})
    assert plan_budget(frame, 10**6, COSTS).chosen.empty


def test_a_negative_budget_or_an_unknown_intervention_is_refused():
    frame = make_products({})
    with pytest.raises(PlanError):
        plan_budget(frame, -1, COSTS)
    with pytest.raises(PlanError, match="sertifikasi"):
        plan_budget(frame, 1, COSTS, interventions=("sertifikasi",))


def test_stars_after_are_those_of_the_interventions_applied_and_scored():
    frame = make_products(
        {"category": "pangan", "k": 64, "halal": False},
        {"k": 95, "brand": False, "export": False, "nib": False},
        {"category": "herbal", "k": 58, "permit": "pirt"},
    )
    plan = plan_budget(frame, 10**9, COSTS)
    for row in plan.chosen.itertuples():
        one = frame[frame["product_id"] == row.product_id]
        after = apply_interventions(one, np.ones(1, dtype=bool), row.interventions)
        _, stars = score_and_stars(after)
        assert stars[0] == row.stars_after


def _best_by_brute_force(frame, budget) -> int:
    table, _, _ = planning.options(
        frame, COSTS, planning.INTERVENTIONS, np.ones(len(frame), dtype=bool), planning.DEFAULT_MODEL
    )
    per_product = [list(zip(g["cost"], g["gain"])) for _, g in table.groupby("pos")]
    best = 0
    for combo in itertools.product(*[[(0, 0), *opts] for opts in per_product]):
        cost = sum(c for c, _ in combo)
        if cost <= budget:
            best = max(best, sum(g for _, g in combo))
    return best


@pytest.mark.parametrize("seed", range(6))
def test_on_small_registries_the_plan_gains_the_most_stars_the_budget_allows(seed):
    rng = np.random.default_rng(seed)
    n = 6
    frame = make_products(
        *[
            {
                "category": str(rng.choice(["pangan", "kerajinan", "herbal", "tekstil"])),
                "k": float(rng.integers(35, 95)),
                "nib": bool(rng.random() < 0.6),
                "brand": bool(rng.random() < 0.5),
                "export": bool(rng.random() < 0.5),
                "halal": bool(rng.random() < 0.5),
                "permit": str(rng.choice(["none", "pirt", "bpom", "sni"])),
            }
            for _ in range(n)
        ]
    )
    for budget in (0, 700, 1600, 3000, 6000):
        plan = plan_budget(frame, budget, COSTS)
        assert plan.total_cost <= budget
        assert plan.stars_gained == _best_by_brute_force(frame, budget)


def test_the_greedy_plan_keeps_within_budget_and_near_the_best_on_a_larger_registry():
    from ovop_core.demo import synthetic_registry

    frame = synthetic_registry(400, seed=3)
    old = planning.EXACT_LIMIT
    try:
        planning.EXACT_LIMIT = 0  # force the greedy
        greedy = plan_budget(frame, 50_000, COSTS)
    finally:
        planning.EXACT_LIMIT = old
    exact = plan_budget(frame, 50_000, COSTS)
    assert greedy.method == "greedy"
    assert greedy.total_cost <= 50_000 and exact.total_cost <= 50_000
    assert greedy.stars_gained >= 0.9 * exact.stars_gained
    assert exact.stars_gained >= greedy.stars_gained


def test_the_next_step_says_what_more_money_adds():
    frame = make_products({"nib": False, "stage": 3}, {"product_id": "Q", "nib": False, "stage": 3})
    plan = plan_budget(frame, 600, COSTS)
    more = planning.next_step(frame, plan, COSTS, step=600)
    assert more == {"step": 600, "stars_gained": 1, "newly_recognised": 1, "extra_cost": 600}


def test_the_json_contract_fields():
    plan = plan_budget(make_products({"nib": False, "stage": 3}), 1000, COSTS)
    data = plan.to_dict()
    assert {"budget", "total_cost", "stars_gained", "newly_recognised", "cost_per_newly_recognised", "chosen"} <= set(
        data
    )
    assert data["chosen"] == [
        {
            "product_id": "P001",
            "interventions": ["nib"],
            "cost": 600,
            "stars_before": 2,
            "stars_after": 3,
            "score_before": 60.0,
            "score_after": 60.0,
            "stage": 3,
            "category": "kerajinan",
            "region_code": "11.04",
        }
    ]
    assert isinstance(pd.Series(data["chosen"][0]["interventions"]).iloc[0], str)
