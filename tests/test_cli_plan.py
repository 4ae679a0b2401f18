"""`python -m ovop_core plan` (DESIGN.md §7, §11): the JSON contract, budgets as people write them,
and bad input refused with exit 2, in the user's language, without a traceback."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from test_cli import cli

REGISTRY = (
    "product_id,name,category,region_code,stage,k1,k2,k3,k4,k5,nib,permit,brand,export\n"
    "A1,Tenun Ikat,kerajinan,11.04,3,60,60,60,60,60,tidak,sni,ya,ya\n"  # NIB: ★2 → ★3
    "A2,Ukiran,kerajinan,33.20,3,95,95,95,95,95,ya,sni,tidak,ya\n"  # brand: ★3 → ★5
    "A3,Batik,tekstil,33.26,1,60,60,60,60,60,ya,sni,ya,ya\n"  # nothing to buy
)
COSTS = "intervention,category,cost_idr,source\nnib,*,600,asumsi\nbrand,*,500,asumsi\npermit,*,900,asumsi\n"


@pytest.fixture
def files(tmp_path):
    registry, costs = tmp_path / "registry.csv", tmp_path / "costs.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    costs.write_text(COSTS, encoding="utf-8")
    return registry, costs


def test_plan_json_gives_the_contract_fields(files):
    registry, costs = files
    run = cli("plan", str(registry), "--budget", "1.100", "--costs", str(costs), "--intervene", "nib,brand", "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert (report["budget"], report["total_cost"], report["stars_gained"]) == (1100, 1100, 3)
    assert report["newly_recognised"] == 1  # A1 crosses to ★3 at stage 3; A2 was already ★3
    assert report["cost_per_newly_recognised"] == 1100
    assert sorted((c["product_id"], c["interventions"], c["cost"], c["stars_before"], c["stars_after"])
                  for c in report["chosen"]) == [("A1", ["nib"], 600, 2, 3), ("A2", ["brand"], 500, 3, 5)]  # fmt: skip
    assert "Dengan Rp 1.100 dari anggaran Rp 1.100 untuk 2 produk, 1 produk baru terakui" in run.stderr


def test_plan_without_json_writes_the_chosen_products_as_csv(files, tmp_path):
    registry, costs = files
    out = tmp_path / "plan.csv"
    run = cli("plan", str(registry), "--budget", "600", "--costs", str(costs), "--out", str(out), "--lang", "en")
    assert run.returncode == 0, run.stderr
    table = pd.read_csv(out)
    assert table[["product_id", "interventions", "cost", "stars_before", "stars_after"]].values.tolist() == [
        ["A2", "brand", 500, 3, 5]
    ]
    assert "With Rp 500 of a Rp 600 budget for 1 products" in run.stderr


def test_no_newly_recognised_product_gives_a_null_cost_per_recognised(files):
    registry, costs = files
    run = cli("plan", str(registry), "--budget", "0", "--costs", str(costs), "--json")
    report = json.loads(run.stdout)
    assert (report["total_cost"], report["stars_gained"], report["chosen"]) == (0, 0, [])
    assert report["cost_per_newly_recognised"] is None


def test_plan_for_one_region(files):
    registry, costs = files
    run = cli("plan", str(registry), "--budget", "10000", "--costs", str(costs), "--region", "33", "--json")
    assert [c["product_id"] for c in json.loads(run.stdout)["chosen"]] == ["A2"]


@pytest.mark.parametrize("budget", ["lima ratus juta", "-5", "1.5", "12,34"])
def test_a_budget_that_is_not_rupiah_exits_2(files, budget):
    registry, costs = files
    run = cli("plan", str(registry), "--budget", budget, "--costs", str(costs), "--lang", "en")
    assert run.returncode == 2
    assert f"error: budget '{budget}' is not an amount in Rupiah" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_bad_costs_file_exits_2_naming_row_and_column(files, tmp_path):
    registry, _ = files
    bad = tmp_path / "biaya.csv"
    bad.write_text("intervention,category,cost_idr,source\nbrand,*,gratis,asumsi\n", encoding="utf-8")
    run = cli("plan", str(registry), "--budget", "1000", "--costs", str(bad))
    assert run.returncode == 2
    assert "kesalahan: biaya.csv, baris 2, kolom 'cost_idr': 'gratis' bukan biaya dalam Rupiah" in run.stderr


def test_interventions_the_costs_file_does_not_price_are_left_out_with_a_warning(files):
    registry, costs = files  # the file prices nib, brand and permit only
    run = cli("plan", str(registry), "--budget", "1000", "--costs", str(costs), "--lang", "en", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["interventions"] == ["nib", "permit", "brand"]
    assert "warning: costs.csv gives no cost for intervention 'halal' in category 'pangan'" in run.stderr


def test_asking_for_an_intervention_the_costs_file_does_not_price_exits_2(files):
    registry, costs = files
    run = cli("plan", str(registry), "--budget", "1000", "--costs", str(costs), "--intervene", "nib,export")
    assert run.returncode == 2
    assert "kesalahan: costs.csv: tidak ada biaya untuk intervensi 'export' pada kategori 'pangan'" in run.stderr
