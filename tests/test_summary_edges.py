"""The region summary's JSON (DESIGN.md §4, §7: `summary --json`) found untested by mutation testing.

A tiny table with a hand-computed summary: every figure under its own key, the rank with its rule,
the top products with id, name, score (6 decimals) and star.
"""

import pandas as pd
import pytest
from conftest import make_products

from ovop_core import regions, summary
from ovop_core.model import OVOP_2026
from ovop_core.summary import RANK_RULE, analysed_table, summarise, top_products


def test_the_summary_json_names_every_figure_the_rank_and_the_top_products():
    # P001: every k 60, stage 4, 3 assessors → official ★3 (recognised); may move on (★3 + export).
    # P002: every k 45.5 → ★2 at stage 0; may move on (scores and NIB). Both in Aceh (11.04).
    frame = make_products(
        {"name": "Tenun A", "k": 60, "stage": 4, "assessors": 3, "workers": 4.0},
        {"name": "Tenun B", "k": 45.5},
    )
    data = summarise(analysed_table(frame, OVOP_2026, pd.Timestamp("2026-11-29")), "11", top_n=2).to_dict()
    kpis = data.pop("kpis")
    assert {k: data[k] for k in ("code", "level", "model_version", "rank_rule", "stars")} == {
        "code": "11",
        "level": "province",
        "model_version": "ovop-2026.2",
        "rank_rule": RANK_RULE,
        "stars": {"not_rated": 0, "1": 0, "2": 1, "3": 1, "4": 0, "5": 0},
    }
    assert data["name"] and data["rank"] == {"position": 1, "total": 1, "level": "province", "rule": RANK_RULE}
    assert {k: kpis[k] for k in kpis if k != "n_desa"} == {
        "n_products": 2,
        "n_kabkota": 1,
        "n_provinces": 1,
        "mean_score": 52.75,
        "n_recognised": 1,
        "share_recognised": 0.5,
        "n_eligible": 2,
        "n_rated": 2,
        "not_rated": 0,
        "n_potential": 0,
        "revenue_idr": None,
        "workers": 4.0,
    }
    assert data["top_products"] == [
        {"product_id": "P001", "name": "Tenun A", "score": 60.0, "stars": 3},
        {"product_id": "P002", "name": "Tenun B", "score": 45.5, "stars": 2},
    ]


# --- found untested by mutation testing (session 6): one rule per test, tiny tables ------------------

TODAY = "2026-11-29"


def analysed(*rows: dict, today: str | None = TODAY) -> pd.DataFrame:
    return analysed_table(make_products(*rows).drop(columns=["_row"]), OVOP_2026, today)


def test_the_analysed_table_dates_the_pipeline_status_on_the_day_asked_else_on_the_real_today():
    # In stage 1 since 1 January 2020: 2 months on 1 March 2020, 12 on 1 January 2021 (stalled
    # at stage 1's 12 months); on the real today (December 2026 or later) more than 80.
    row = {"stage": 1, "stage_since": pd.Timestamp("2020-01-01")}
    assert analysed(row, today="2020-03-01")[["months_in_stage", "stalled"]].values.tolist() == [[2.0, False]]
    assert analysed(row, today="2021-01-01")[["months_in_stage", "stalled"]].values.tolist() == [[12.0, True]]
    assert analysed(row, today=None)["months_in_stage"].iloc[0] > 80


def test_a_one_star_product_is_rated_and_counts_in_the_mean():
    # k 10 → score 10, ★1 (rated); the second misses k2 (not rated, no score).
    table = analysed({"k": 10}, {"k": (60, None, 60, 60, 60)})
    kpis = summary.compute_kpis(table)
    assert (kpis.n_rated, kpis.not_rated, kpis.mean_score) == (1, 1, 10.0)
    assert summary.star_counts(table) == (1, 1, 0, 0, 0, 0)


def test_kpis_and_scope_of_a_table_without_province_and_potential_columns_read_the_kabkota_code():
    # A scored table from a bare frame has neither: provinces come from the kab/kota code's first
    # two digits, and no product is counted as potential.
    table = analysed(
        {"region_code": "11.04", "k": 80},
        {"region_code": "11.71", "k": 80},
        {"region_code": "33.26", "k": 80},
    ).drop(columns=["province", "potential"])
    kpis = summary.compute_kpis(table)
    assert (kpis.n_products, kpis.n_kabkota, kpis.n_provinces, kpis.n_potential) == (3, 3, 2, 0)
    assert summary.scope(table, "11")["product_id"].tolist() == ["P001", "P002"]


def test_a_short_top_list_fills_with_unrated_products_after_the_rated_ones_by_product_id():
    # Two products without a score and one at 80, top 2: the rated one, then the lower id.
    table = analysed({"k": (60, None, 60, 60, 60)}, {"k": 80}, {"k": (None, 60, 60, 60, 60)})
    assert top_products(table, 2)["product_id"].tolist() == ["P002", "P001"]
    assert top_products(table, 3)["product_id"].tolist() == ["P002", "P001", "P003"]


def test_peers_without_a_parent_are_every_region_of_the_level_ranked_nationally():
    # The CLI's `regions --level kabkota`: every kab/kota, ranked among all those with products.
    # Recognised (official ★≥3): 11.04 two, 33.26 one, 33.74 none.
    table = analysed(
        {"region_code": "11.04", "k": 80, "stage": 3},
        {"region_code": "11.04", "k": 70, "stage": 3},
        {"region_code": "33.26", "k": 80, "stage": 3},
        {"region_code": "33.74", "k": 80},
    )
    index = summary.peers(table, "kabkota")
    assert len(index) == 514 and list(index.columns) == list(regions.index_columns("kabkota"))
    assert index.index.tolist() == list(range(514))
    ranked = index.dropna(subset=["rank"]).set_index("code")["rank"].to_dict()
    assert ranked == {"11.04": 1.0, "33.26": 2.0, "33.74": 3.0}
    within = summary.peers(table, "kabkota", within="33")
    assert list(within.columns) == list(regions.index_columns("kabkota"))
    assert within.index.tolist() == list(range(len(within)))
    assert within.dropna(subset=["rank"]).set_index("code")["rank"].to_dict() == {"33.26": 1.0, "33.74": 2.0}


def test_a_summary_without_a_region_code_is_indonesia_named_by_each_mode():
    table = analysed({"k": 80})
    country = summarise(table)
    assert (country.code, country.level, country.name, country.rank) == ("", "country", "", None)
    assert country.to_dict()["rank"] is None


@pytest.mark.parametrize(
    "code,expected",
    [
        # Country → provinces. Recognised: Aceh 1, Jawa Tengah 1 (tie); adjusted mean with the
        # national mean 70 of (80, 60, 70): Aceh (80+700)/11 = 70.9, Jawa Tengah (130+700)/12 = 69.2.
        ("", {"recognised": {"11": 1.0, "33": 1.0}, "adjusted_mean": {"11": 1.0, "33": 2.0}}),
        # Jawa Tengah → its kab/kota: recognised 33.26 one, 33.74 none; adjusted mean 33.26 (60+700)/11
        # = 69.1 below 33.74 (70+700)/11 = 70.
        ("33", {"recognised": {"33.26": 1.0, "33.74": 2.0}, "adjusted_mean": {"33.74": 1.0, "33.26": 2.0}}),
    ],
)
def test_the_subregions_are_ranked_by_the_rule_asked_for(code, expected):
    table = analysed(
        {"region_code": "11.04", "k": 80, "stage": 3},
        {"region_code": "33.26", "k": 60, "stage": 3},
        {"region_code": "33.74", "k": 70},
    )
    for rule, ranks in expected.items():
        subregions = summarise(table, code, rank_by=rule).subregions
        assert subregions.dropna(subset=["rank"]).set_index("code")["rank"].to_dict() == ranks


def test_the_kecamatan_of_a_kabkota_are_ranked_by_the_rule_asked_for():
    # Kab. Pekalongan: Talun (33.26.05) two recognised of three rated, Paninggaran (33.26.02) one of one.
    # By recognised Talun is first; by share Paninggaran (1/1 against 2/3).
    table = analysed(
        {"region_code": "33.26", "place_code": "33.26.05.2001", "k": 80, "stage": 3},
        {"region_code": "33.26", "place_code": "33.26.05.2002", "k": 80, "stage": 3},
        {"region_code": "33.26", "place_code": "33.26.05", "k": 40, "stage": 3},
        {"region_code": "33.26", "place_code": "33.26.02.2001", "k": 80, "stage": 3},
    )
    by_rule = {
        rule: summarise(table, "33.26", rank_by=rule).subregions.dropna(subset=["rank"]).set_index("code")["rank"]
        for rule in ("recognised", "share")
    }
    assert by_rule["recognised"].to_dict() == {"33.26.02": 2.0, "33.26.05": 1.0}
    assert by_rule["share"].to_dict() == {"33.26.02": 1.0, "33.26.05": 2.0}


def test_the_summary_json_says_products_without_kecamatan_and_unscored_top_products_have_no_score():
    # Kab. Pekalongan: one product in Talun, one placed only at the kab/kota (no kecamatan).
    # Scores go out to 6 decimals (100/3 → 33.333333); a product without a score has null.
    table = analysed(
        {"region_code": "33.26", "place_code": "33.26.05", "k": 100 / 3},
        {"region_code": "33.26", "place_code": "33.26", "k": (60, None, 60, 60, 60)},
    )
    data = summarise(table, "33.26").to_dict()
    assert data["without_kecamatan"] == 1
    assert [(p["product_id"], p["score"]) for p in data["top_products"]] == [("P001", 33.333333), ("P002", None)]
    assert data["kpis"]["mean_score"] == 33.333333


def test_the_model_is_named_from_the_table_and_not_at_all_without_one():
    table = analysed({"k": 80})
    assert summarise(table, "11").labels.model_version == OVOP_2026.version
    assert summarise(table.drop(columns=["model_version"]), "11").labels.model_version == ""
    assert summarise(table.iloc[0:0], "11").labels.model_version == ""


def test_provinces_with_products_are_just_codes_and_names_numbered_from_zero():
    listed = summary.provinces_with_products(analysed({"region_code": "51.71"}, {"region_code": "11.04"}))
    assert listed.to_dict("list") == {"code": ["11", "51"], "name": ["Aceh", "Bali"]}
    assert listed.index.tolist() == [0, 1]


def test_the_region_mask_keeps_the_tables_own_index_at_every_level():
    # A table filtered by the caller (index 2, 5, 7, 9): Indonesia is every row; the kecamatan
    # Talun (33.26.05) holds the products placed in it or its desa, not those only at the kab/kota.
    table = analysed(
        {"region_code": "33.26", "place_code": "33.26.05.2001"},
        {"region_code": "33.26", "place_code": "33.26"},
        {"region_code": "33.26", "place_code": "3326052002"},
        {"region_code": "33.25", "place_code": "33.25.05"},
    ).set_axis([2, 5, 7, 9])
    masks = {code: summary.region_mask(table, code) for code in ("", "33", "33.26", "33.26.05")}
    assert {code: mask.tolist() for code, mask in masks.items()} == {
        "": [True, True, True, True],
        "33": [True, True, True, True],
        "33.26": [True, True, True, False],
        "33.26.05": [True, False, True, False],
    }
    assert all(mask.index.tolist() == [2, 5, 7, 9] and mask.dtype == bool for mask in masks.values())
    assert summary.scope(table, "33.26.05")["product_id"].tolist() == ["P001", "P003"]
    without_places = summary.region_mask(table.drop(columns=["place_code"]), "33.26.05")
    assert without_places.tolist() == [False] * 4 and without_places.index.tolist() == [2, 5, 7, 9]
