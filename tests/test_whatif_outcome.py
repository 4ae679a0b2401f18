"""What the what-if page and the present slide read from a result (``whatif_outcome``).

On the three-product table of ``test_whatif``: NIB and permit (SNI) for Bali lift P2 (Tenun, stage 0)
from ★2 to ★3 (k3 +33.33 → 55.0; an estimate: potential, not recognised) and the NIB makes it
eligible for stage 1; P1 and P3 are not targeted and keep their stars.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from test_whatif import HEADER, ROWS, TODAY

from ovop_core import whatif_outcome as outcome
from ovop_core.model import DEFAULT_MODEL
from ovop_core.registry import read_registry
from ovop_core.scenario import Scenario, Target
from ovop_core.summary import analysed_table
from ovop_core.whatif import run_whatif

NIB = Scenario(interventions=("nib", "permit"), target=Target(regions=("51",)))


@pytest.fixture(scope="module")
def tiny() -> pd.DataFrame:
    return read_registry((HEADER + ROWS).encode()).frame.drop(columns=["_row"])


@pytest.fixture(scope="module")
def result(tiny):
    return run_whatif(tiny, NIB, today=TODAY)


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["product_id"].tolist()


def test_the_product_lifted_to_a_higher_star_is_the_one_crossing(result):
    assert ids(outcome.crossing(result.products)) == ["P2"]
    assert outcome.recognised_change(result) == 0  # P1 (stage 4) before and after
    assert outcome.potential_change(result) == 1  # P2 is at stage 0: its ★3 is an estimate


def test_each_intervention_says_where_it_applied_and_why_not(tiny):
    everyone = run_whatif(tiny, Scenario(interventions=("halal", "nib")), today=TODAY)
    rows = {r["intervention"]: r for r in outcome.intervention_rows(everyone)}
    # halal: P1 (pangan) and P3 (minuman) lack it; P2 is tekstil.
    assert (rows["halal"]["applied"], rows["halal"]["not_applied"], rows["halal"]["category"]) == (2, 1, {"tekstil": 1})
    assert (rows["nib"]["applied"], rows["nib"]["has_evidence"]) == (1, 2)  # only P2 lacked an NIB


def test_the_newly_eligible_products_were_not_eligible_before(result):
    assert ids(outcome.newly_eligible(result.products)) == ["P2"]  # P3 was eligible already


def test_the_distribution_shows_the_targeted_products_or_all_when_none_is_targeted(tiny):
    bali = run_whatif(tiny, Scenario(interventions=("nib",), target=Target(regions=("51",))), today=TODAY)
    assert ids(outcome.distribution_products(bali.products)) == ["P2"]
    nowhere = run_whatif(tiny, Scenario(interventions=("nib",), target=Target(regions=("33",))), today=TODAY)
    assert nowhere.n_targeted == 0 and ids(outcome.distribution_products(nowhere.products)) == ["P1", "P2", "P3"]


def test_the_region_ranking_keeps_regions_with_products_by_rank_after_then_name():
    regions = pd.DataFrame(
        {
            "code": ["51", "33", "11"],
            "name": ["Bali", "Jawa Tengah", "Aceh"],
            "n_products": [2, 0, 2],
            "rank_after": [1.0, np.nan, 1.0],
        }
    )
    assert outcome.region_ranking(regions)["name"].tolist() == ["Aceh", "Bali"]


def test_the_change_map_colours_regions_by_their_gain_in_recognised_products(result):
    changes = outcome.region_changes(result.regions).set_index("code")
    # P2 is at stage 0: its new ★3 is an estimate (potential), not a recognised product.
    assert changes.loc["51", "delta_recognised"] == 0 and changes.loc["11", "delta_recognised"] == 0
    assert changes["has_data"].sum() == 2 and not changes.loc["33", "has_data"]


def test_products_carry_the_region_names_of_the_analysed_table(tiny, result):
    named = outcome.with_region_names(result.products, analysed_table(tiny, DEFAULT_MODEL, TODAY))
    p2 = named.set_index("product_id").loc["P2"]
    assert (p2["region_name"], p2["province_name"]) == ("Kabupaten Karangasem", "Bali")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_product_download_has_the_cap_reason_in_the_user_s_language(result, lang):
    table = outcome.export_table(result.products, lang)
    assert list(table.columns) == [*outcome.EXPORT_COLUMNS, f"cap_reason_after_{lang}"]
    assert len(table) == 3


def test_the_summary_download_names_the_scenario_that_reproduces_it(result):
    summary = outcome.scenario_summary(result, NIB)
    assert summary["scenario"] == {"model": DEFAULT_MODEL.version, "arguments": NIB.to_cli_args()}
    assert (summary["recognised_after"], summary["potential_after"]) == (1, 1)
    assert summary["applied"] == {"nib": 1, "permit": 1} and json.loads(json.dumps(summary)) == summary
