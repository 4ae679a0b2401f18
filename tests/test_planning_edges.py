"""The budget planner's rules (DESIGN.md §11) that mutation testing found untested.

Tiny registries with hand-computed plans; weights 20/15/30/20/15 (a permit to a craft adds k3
+33⅓ = score +10; brand k4 +20 = +4; an NIB changes no score, it only opens the ★3 gate).
"""

from __future__ import annotations

import json

import pytest
from conftest import make_products

from ovop_core import planning
from ovop_core.costs import parse_costs
from ovop_core.model import OCOP_2023
from ovop_core.planning import plan_budget

COSTS = parse_costs(
    "intervention,category,cost_idr,source\n"
    "nib,*,1000,asumsi\n"
    "permit,*,1000,asumsi\n"
    "brand,*,1000,asumsi\n"
    "brand,tekstil,500,asumsi\n"
    "export,*,3000,asumsi\n"
)


def chosen(plan) -> list[str]:
    return plan.chosen["product_id"].tolist()


def test_the_plan_json_names_every_total_and_rounds_scores_to_6_decimals():
    # Every k 151/3 = 50.333… is ★3 by score, capped at ★2 without an NIB; stage 2, so the
    # product becomes ★3 as an estimate (potential), not recognised.
    plan = plan_budget(make_products({"k": 151 / 3, "nib": False, "stage": 2}), 1000, COSTS)
    data = json.loads(json.dumps(plan.to_dict()))
    row = data.pop("chosen")
    assert data == {
        "budget": 1000,
        "total_cost": 1000,
        "stars_gained": 1,
        "newly_recognised": 0,
        "newly_potential": 1,
        "cost_per_newly_recognised": None,
        "n_products": 1,
        "interventions": ["nib", "permit", "brand", "export"],
        "method": "greedy",
    }
    assert (row[0]["product_id"], row[0]["stage"], row[0]["interventions"]) == ("P001", 2, ["nib"])
    assert row[0]["score_before"] == row[0]["score_after"] == 50.333333
    # Whole numbers stay whole in the JSON text (not 2.0).
    text = json.dumps(plan.to_dict()["chosen"])
    assert all(f'"{key}": {value},' in text for key, value in (("cost", 1000), ("stars_before", 2), ("stage", 2)))
    assert '"stars_after": 3,' in text
    assert plan.chosen["name"].tolist() == ["Tenun Ikat Sintang"]
    unnamed = plan_budget(make_products({"k": 151 / 3, "nib": False}).drop(columns=["name"]), 1000, COSTS)
    assert unnamed.chosen["name"].tolist() == [""]


def test_equal_value_for_money_goes_first_to_the_larger_score_gain():
    # Both cross to ★3 for Rp 1,000: A by a permit (45 → 55, +10 points), B by an NIB (60, +0).
    frame = make_products(
        {"product_id": "A", "k": 45, "permit": "none"},
        {"product_id": "B", "k": 60, "nib": False, "permit": "sni"},
    )
    assert chosen(plan_budget(frame, 1000, COSTS)) == ["A"]


def test_the_greedy_takes_the_larger_gain_first_when_value_for_money_ties(monkeypatch):
    # Both ★3 (brand gate) and 1 star per Rp 500: A (craft, 95) gains 2 for 1,000 with a brand,
    # B (textile, 80) 1 for 500. With Rp 1,000 the greedy takes A and nothing else fits.
    monkeypatch.setattr(planning, "EXACT_LIMIT", 0)
    frame = make_products(
        {"product_id": "A", "k": 95, "brand": False, "permit": "sni"},
        {"product_id": "B", "category": "tekstil", "k": 80, "brand": False, "permit": "sni"},
    )
    plan = plan_budget(frame, 1000, COSTS)
    assert (chosen(plan), plan.stars_gained, plan.method) == (["A"], 2, "greedy")


def test_a_registry_without_stages_plans_every_product_as_stage_0():
    frame = make_products({"k": 60, "nib": False, "permit": "sni"}).drop(columns=["stage"])
    plan = plan_budget(frame, 1000, COSTS)
    assert plan.chosen[["product_id", "stage", "official"]].values.tolist() == [["P001", 0, False]]
    assert (plan.newly_recognised, plan.newly_potential) == (0, 1)


def test_the_next_step_plans_with_the_same_interventions_region_and_model():
    # Every k 39.5: a permit adds k3 +33⅓, i.e. +10 under ovop-2026 (49.5, still ★2) but +11⅔
    # under ocop-2023 (k3 weighs 35: 51.2, ★3). P001 in Aceh, P002 in Jawa Tengah.
    frame = make_products(
        {"k": 39.5, "region_code": "11.04"},
        {"k": 39.5, "region_code": "33.26"},
    )
    plan = plan_budget(frame, 0, COSTS, ("permit",), region="33", model=OCOP_2023)
    more = planning.next_step(frame, plan, COSTS, region="33", model=OCOP_2023, step=5000)
    assert more == {"step": 5000, "stars_gained": 1, "newly_recognised": 0, "extra_cost": 1000}
    # Asked for the NIB only, 5,000 more buys nothing for a product that already has one.
    nib_only = plan_budget(frame, 0, COSTS, ("nib",), model=OCOP_2023)
    assert planning.next_step(frame, nib_only, COSTS, model=OCOP_2023, step=5000)["stars_gained"] == 0


def test_the_plan_reads_aloud_in_both_languages_with_grouped_rupiah():
    # Three products without an NIB (60: ★2, ★3 with it), Rp 1,000 each: two at stage 3 become
    # recognised, one at stage 1 a candidate. Rp 3,000 of 3,500; per recognised 3,000 / 2 = 1,500.
    frame = make_products(
        {"nib": False, "stage": 3, "permit": "sni"},
        {"nib": False, "stage": 3, "permit": "sni"},
        {"nib": False, "stage": 1, "permit": "sni"},
    )
    plan = plan_budget(frame, 3500, COSTS)
    more = {"step": 100_000_000, "stars_gained": 4, "newly_recognised": 1, "extra_cost": 9000}
    assert planning.plan_sentences(plan, more, "id") == [
        "Dengan Rp 3.000 dari anggaran Rp 3.500 untuk 3 produk, 2 produk baru terakui (tahap ≥ 3, ★3 ke atas)"
        " dan 3 bintang bertambah.",
        "Biaya per produk baru terakui: Rp 1.500.",
        "1 produk lain (tahap < 3) mencapai perkiraan ★3 ke atas: calon, belum terakui.",
        "Rp 100.000.000 berikutnya akan menambah 4 bintang dan 1 produk baru terakui.",
    ]
    assert planning.plan_sentences(plan, more, "en")[1:] == [
        "Cost per newly recognised product: Rp 1,500.",
        "1 other products (stage < 3) reach an estimated ★3 or more: candidates, not yet recognised.",
        "The next Rp 100,000,000 would add 4 stars and 1 newly recognised products.",
    ]


def test_a_plan_without_recognised_or_candidate_products_leaves_those_sentences_out():
    # Stage 3 at ★3 (brand gate): a brand lifts it to ★5; nothing crosses ★3, so no cost per
    # recognised product and no candidates. A budget too small buys nothing, and says so.
    frame = make_products({"k": 95, "brand": False, "stage": 3, "permit": "sni"})
    more = {"step": 1000, "stars_gained": 0, "newly_recognised": 0, "extra_cost": 0}
    lines = planning.plan_sentences(plan_budget(frame, 1000, COSTS), more, "en")
    assert [line.split(" ")[0] for line in lines] == ["With", "The"]
    assert planning.plan_sentences(plan_budget(frame, 999, COSTS), more, "en") == [
        "A budget of Rp 999 cannot raise the star of any product with the chosen interventions."
    ]


def test_a_free_intervention_comes_first_and_the_budget_goes_to_the_next_best_value():
    # An NIB costs nothing (OSS). A (95, no NIB, no brand) is ★2: the NIB alone gives ★3 for free,
    # NIB + brand ★5 for 1,000. B (95, no brand) is ★3: a brand gives ★5 for 1,000. With Rp 1,000
    # the free NIB goes to A first, then the brand to B (3 stars either way, two products helped).
    free = parse_costs("intervention,category,cost_idr,source\nnib,*,0,OSS\nbrand,*,1000,asumsi\n")
    frame = make_products(
        {"product_id": "A", "k": 95, "nib": False, "brand": False, "permit": "sni"},
        {"product_id": "B", "k": 95, "brand": False, "permit": "sni"},
    )
    plan = plan_budget(frame, 1000, free)
    assert dict(zip(plan.chosen["product_id"], plan.chosen["interventions"])) == {"A": ("nib",), "B": ("brand",)}
    assert (plan.stars_gained, plan.total_cost) == (3, 1000)


def test_the_chosen_products_are_listed_in_the_design_order_of_what_they_gain():
    # Crossing to ★3 first (F1: NIB), then most stars (E1: brand, ★3 → ★5), then the larger score
    # gain (D1: permit +10 against a brand's +4), then the higher stage (C1 at stage 2), then the id.
    frame = make_products(
        {"product_id": "A1", "k": 80, "brand": False, "permit": "sni"},
        {"product_id": "B1", "k": 80, "brand": False, "permit": "sni"},
        {"product_id": "C1", "k": 80, "brand": False, "permit": "sni", "stage": 2},
        {"product_id": "D1", "k": 65},
        {"product_id": "E1", "k": 95, "brand": False, "permit": "sni"},
        {"product_id": "F1", "k": 60, "nib": False, "permit": "sni"},
        {"product_id": "G0", "k": 95, "export": False, "permit": "sni"},  # ★4 → ★5 by export: +1 point
        {"product_id": "H0", "k": 60, "permit": "sni"},  # nothing to gain: not a candidate
    )
    plan = plan_budget(frame, 10**9, COSTS)
    assert chosen(plan) == ["F1", "E1", "D1", "C1", "A1", "B1", "G0"]
    assert plan.chosen["stars_after"].tolist() == [3, 5, 4, 4, 4, 4, 5]
    assert plan.chosen.index.tolist() == list(range(7))
    assert plan.candidates == 7


def test_a_refused_plan_says_why_in_both_languages():
    frame = make_products({})
    with pytest.raises(planning.PlanError) as negative:
        plan_budget(frame, -5, COSTS)
    assert negative.value.text("en") == "the budget must be 0 or more, not -5"
    assert negative.value.text("id") == "anggaran harus 0 atau lebih, bukan -5"
    with pytest.raises(planning.PlanError) as unknown:
        plan_budget(frame, 1, COSTS, interventions=("nib", "pelatihan", "kemasan"))
    assert unknown.value.text("en") == (
        "unknown intervention(s): kemasan, pelatihan; known: nib, permit, halal, brand, export"
    )


def test_a_plan_with_nothing_to_buy_is_an_empty_greedy_plan():
    plan = plan_budget(make_products({"k": 60, "permit": "sni"}), 10**6, COSTS)
    assert plan.chosen.empty and (plan.method, plan.candidates) == ("greedy", 0)
    assert plan.to_dict()["method"] == "greedy"


def _greedy_only(monkeypatch):
    monkeypatch.setattr(planning, "EXACT_LIMIT", 0)


def test_value_for_money_counts_a_one_rupiah_option_at_its_price(monkeypatch):
    # B (95, no NIB, no brand, ★2): NIB alone ★3 for Rp 1 (1 star per rupiah), NIB + brand ★5 for
    # Rp 2 (1.5 per rupiah, B's best). A (60, no NIB): NIB ★3 for Rp 1 (1 per rupiah). With Rp 2
    # the greedy buys B's best first: 3 stars, and A no longer fits.
    _greedy_only(monkeypatch)
    costs = parse_costs("intervention,category,cost_idr,source\nnib,*,1,asumsi\nbrand,*,1,asumsi\n")
    frame = make_products(
        {"product_id": "A", "k": 60, "nib": False},
        {"product_id": "B", "k": 95, "nib": False, "brand": False},
    )
    plan = plan_budget(frame, 2, costs)
    assert dict(zip(plan.chosen["product_id"], plan.chosen["interventions"])) == {"B": ("nib", "brand")}
    assert (plan.stars_gained, plan.total_cost, plan.method) == (3, 2, "greedy")


def test_value_for_money_puts_three_one_rupiah_stars_before_two_stars_for_three(monkeypatch):
    # N1–N3 (60, no NIB): NIB ★2 → ★3 for Rp 1 each (1 star per rupiah). B (95, no brand): brand
    # ★3 → ★5 for Rp 3 (⅔ per rupiah). With Rp 3 the greedy buys the three NIBs: 3 stars, not 2.
    _greedy_only(monkeypatch)
    costs = parse_costs("intervention,category,cost_idr,source\nnib,*,1,asumsi\nbrand,*,3,asumsi\n")
    frame = make_products(
        {"product_id": "B", "k": 95, "brand": False},
        *({"product_id": f"N{i}", "k": 60, "nib": False} for i in (1, 2, 3)),
    )
    plan = plan_budget(frame, 3, costs)
    assert sorted(chosen(plan)) == ["N1", "N2", "N3"]
    assert (plan.stars_gained, plan.total_cost) == (3, 3)


def test_a_free_option_goes_before_a_paid_one_even_at_one_rupiah_for_more_stars(monkeypatch):
    # A (95, no NIB, no brand, ★2): a free NIB gives ★3, NIB + brand ★5 for Rp 1. B (95, no brand,
    # ★3): brand ★5 for Rp 1. With Rp 1: A's free NIB first, then B's brand (3 stars, two
    # products helped), not A's NIB + brand (also 3 stars, one product).
    _greedy_only(monkeypatch)
    costs = parse_costs("intervention,category,cost_idr,source\nnib,*,0,OSS\nbrand,*,1,asumsi\n")
    frame = make_products(
        {"product_id": "A", "k": 95, "nib": False, "brand": False},
        {"product_id": "B", "k": 95, "brand": False},
    )
    plan = plan_budget(frame, 1, costs)
    assert dict(zip(plan.chosen["product_id"], plan.chosen["interventions"])) == {"A": ("nib",), "B": ("brand",)}
    assert (plan.stars_gained, plan.total_cost) == (3, 1)


def test_after_an_option_that_does_not_fit_the_greedy_takes_the_next_that_do_to_the_last_rupiah(monkeypatch):
    # Q (textile, 95, no NIB): NIB ★2 → ★5 for Rp 55 (3/55 stars per rupiah, the best value, but
    # over budget). N1, N2 (60, no NIB): NIB ★2 → ★3 for Rp 20 (1/20). B (95, no brand): brand
    # ★3 → ★5 for Rp 45 (2/45). With Rp 50 the greedy passes Q and buys N1 and N2, in value order
    # (2 stars for Rp 40), not B (2 stars for Rp 45).
    _greedy_only(monkeypatch)
    costs = parse_costs(
        "intervention,category,cost_idr,source\nnib,*,20,asumsi\nnib,tekstil,55,asumsi\nbrand,*,45,asumsi\n"
    )
    q = {"product_id": "Q", "category": "tekstil", "k": 95, "nib": False}
    frame = make_products(
        q,
        {"product_id": "N1", "k": 60, "nib": False},
        {"product_id": "N2", "k": 60, "nib": False},
        {"product_id": "B", "k": 95, "brand": False},
    )
    plan = plan_budget(frame, 50, costs, ("nib", "brand"))
    assert (chosen(plan), plan.stars_gained, plan.total_cost) == (["N1", "N2"], 2, 40)
    # S (95, no brand): brand ★3 → ★5 for Rp 40 (2/40); T (textile, 80, no brand): brand ★3 → ★4
    # for Rp 20 (1/20, the same value, fewer stars). With Rp 40: S fits exactly and goes first, T
    # no longer fits.
    costs = parse_costs(
        "intervention,category,cost_idr,source\nnib,*,20,asumsi\nnib,tekstil,55,asumsi\n"
        "brand,*,40,asumsi\nbrand,tekstil,20,asumsi\n"
    )
    t = {"product_id": "T", "category": "tekstil", "k": 80, "brand": False}
    frame = make_products(q, {"product_id": "S", "k": 95, "brand": False}, t)
    plan = plan_budget(frame, 40, costs, ("nib", "brand"))
    assert (chosen(plan), plan.stars_gained, plan.total_cost) == (["S"], 2, 40)


def test_the_budget_left_over_upgrades_a_chosen_product_paying_only_the_difference(monkeypatch):
    # A (95, no NIB, no brand, ★2): NIB ★3 for Rp 10 (the best value), NIB + brand ★5 for Rp 40.
    # With Rp 40 the greedy buys the NIB, then the Rp 30 left upgrades A to NIB + brand (Rp 30
    # more for 2 more stars): ★5 for Rp 40 in all.
    _greedy_only(monkeypatch)
    costs = parse_costs("intervention,category,cost_idr,source\nnib,*,10,asumsi\nbrand,*,30,asumsi\n")
    plan = plan_budget(make_products({"product_id": "A", "k": 95, "nib": False, "brand": False}), 40, costs)
    assert plan.chosen["interventions"].tolist() == [("nib", "brand")]
    assert (plan.stars_gained, plan.total_cost, plan.method) == (3, 40, "greedy")


def test_when_a_products_best_value_does_not_fit_the_fill_buys_a_cheaper_option_of_it(monkeypatch):
    # A (95, no NIB, no brand, ★2): NIB + brand ★5 for Rp 12 (3 stars, the best value) does not
    # fit Rp 10; the fill then buys its NIB alone (★3 for Rp 10).
    _greedy_only(monkeypatch)
    costs = parse_costs("intervention,category,cost_idr,source\nnib,*,10,asumsi\nbrand,*,2,asumsi\n")
    plan = plan_budget(make_products({"product_id": "A", "k": 95, "nib": False, "brand": False}), 10, costs)
    assert plan.chosen["interventions"].tolist() == [("nib",)]
    assert (plan.stars_gained, plan.total_cost, plan.method) == (1, 10, "greedy")


def test_the_fill_upgrades_first_where_the_budget_left_buys_the_most_stars(monkeypatch):
    # A (95, no NIB, no brand) and B (textile, 80, no NIB, no brand) both get their NIB first
    # (Rp 5 for ★3, the best value). Rp 20 is left: A's brand adds 2 stars for Rp 20, B's 1 star
    # for Rp 15. The fill takes A's (4 stars in all), not B's (3).
    _greedy_only(monkeypatch)
    costs = parse_costs(
        "intervention,category,cost_idr,source\nnib,*,5,asumsi\nbrand,*,20,asumsi\nbrand,tekstil,15,asumsi\n"
    )
    frame = make_products(
        {"product_id": "A", "k": 95, "nib": False, "brand": False},
        {"product_id": "B", "category": "tekstil", "k": 80, "nib": False, "brand": False},
    )
    plan = plan_budget(frame, 30, costs)
    assert dict(zip(plan.chosen["product_id"], plan.chosen["interventions"])) == {
        "A": ("nib", "brand"),
        "B": ("nib",),
    }
    assert (plan.stars_gained, plan.total_cost) == (4, 30)


def test_the_fill_upgrades_the_cheapest_first_when_the_stars_added_tie(monkeypatch):
    # Three products at 80 without NIB or brand (craft, textile, household): each NIB ★3 for Rp 1,
    # each brand one more star (★4) for Rp 5, 15 and 20 by category. Rp 23: the three NIBs, then
    # the Rp 5 and Rp 15 brands (5 stars), not the Rp 20 one first (4 stars).
    _greedy_only(monkeypatch)
    costs = parse_costs(
        "intervention,category,cost_idr,source\nnib,*,1,asumsi\nbrand,*,5,asumsi\n"
        "brand,tekstil,15,asumsi\nbrand,rumah_tangga,20,asumsi\n"
    )
    frame = make_products(
        *(
            {"product_id": c[:2].upper(), "category": c, "k": 80, "nib": False, "brand": False}
            for c in ("kerajinan", "tekstil", "rumah_tangga")
        )
    )
    plan = plan_budget(frame, 23, costs)
    assert dict(zip(plan.chosen["product_id"], plan.chosen["interventions"])) == {
        "KE": ("nib", "brand"),
        "TE": ("nib", "brand"),
        "RU": ("nib",),
    }
    assert (plan.stars_gained, plan.total_cost) == (5, 23)


def test_after_an_option_that_does_not_fit_the_next_ones_are_taken_in_value_order_without_gaps(monkeypatch):
    # Q (textile, 95, no NIB): NIB ★2 → ★5 for Rp 55, the best value, over the Rp 50 budget. X and Y
    # (60, no NIB): NIB ★3 for Rp 20 each; Z (household, 60, no NIB) for Rp 25. The greedy passes
    # Q and takes X and then Y (2 stars for Rp 40), not X and Z (2 stars for Rp 45).
    _greedy_only(monkeypatch)
    costs = parse_costs(
        "intervention,category,cost_idr,source\nnib,*,20,asumsi\nnib,tekstil,55,asumsi\nnib,rumah_tangga,25,asumsi\n"
    )
    frame = make_products(
        {"product_id": "Q", "category": "tekstil", "k": 95, "nib": False},
        {"product_id": "X", "k": 60, "nib": False},
        {"product_id": "Y", "k": 60, "nib": False},
        {"product_id": "Z", "category": "rumah_tangga", "k": 60, "nib": False},
    )
    plan = plan_budget(frame, 50, costs, ("nib",))
    assert (chosen(plan), plan.stars_gained, plan.total_cost) == (["X", "Y"], 2, 40)


def test_stars_before_are_the_plans_model_stars():
    # k = 50/100/30/100/0: ovop-2026 54 (★3), ocop-2023 45.5 (★2). A permit adds k3 +33⅓: under
    # ocop-2023 +11⅔ = 57.17 (★3), one star gained; under ovop-2026 the product was ★3 already.
    frame = make_products({"k": (50, 100, 30, 100, 0)})
    plan = plan_budget(frame, 1000, COSTS, ("permit",), model=OCOP_2023)
    assert plan.chosen[["stars_before", "stars_after"]].values.tolist() == [[2, 3]]
    assert plan.chosen["score_before"].tolist() == [pytest.approx(45.5)]
    assert plan_budget(frame, 1000, COSTS, ("permit",)).chosen.empty


def test_a_one_star_product_can_gain_its_second_star():
    # k 25 (★1, rated): a permit adds k3 +33⅓, score +10 = 35: ★2.
    plan = plan_budget(make_products({"k": 25}), 1000, COSTS, ("permit",))
    assert plan.chosen[["stars_before", "stars_after", "cost"]].values.tolist() == [[1, 2, 1000]]


def test_an_intervention_the_table_does_not_price_for_a_category_is_not_bought_there():
    # The NIB is priced for textiles only: a craft product without NIB is left out, not given it free.
    costs = parse_costs("intervention,category,cost_idr,source\nnib,tekstil,10,asumsi\n")
    frame = make_products(
        {"product_id": "C", "k": 60, "nib": False},
        {"product_id": "T", "category": "tekstil", "k": 60, "nib": False},
    )
    plan = plan_budget(frame, 100, costs)
    assert chosen(plan) == ["T"]
    assert (plan.total_cost, plan.candidates) == (10, 1)


def test_the_exact_plan_can_choose_the_first_products_option():
    # A and B (95, no brand): brand ★3 → ★5 for Rp 5 each; C (95, no NIB): NIB ★2 → ★5 for Rp 6,
    # the best value. With Rp 10 the greedy buys C (3 stars); the exact plan A and B (4 stars).
    costs = parse_costs("intervention,category,cost_idr,source\nnib,*,6,asumsi\nbrand,*,5,asumsi\n")
    frame = make_products(
        {"product_id": "A", "k": 95, "brand": False},
        {"product_id": "B", "k": 95, "brand": False},
        {"product_id": "C", "k": 95, "nib": False},
    )
    plan = plan_budget(frame, 10, costs)
    assert (sorted(chosen(plan)), plan.stars_gained, plan.total_cost, plan.method) == (["A", "B"], 4, 10, "exact")


def test_of_two_options_with_the_same_cost_and_stars_the_higher_score_is_bought():
    # k 46 (★2, no brand): a permit (+10 points, 56) or a brand (+4, 50) each give ★3 for Rp 1,000; the plan
    # buys the permit.
    plan = plan_budget(make_products({"k": 46, "brand": False}), 1000, COSTS, ("permit", "brand"))
    assert plan.chosen["interventions"].tolist() == [("permit",)]
    assert plan.chosen["score_after"].tolist() == [pytest.approx(56)]
