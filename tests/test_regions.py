"""Provinces, kab/kota, code normalisation and the region index (DESIGN.md §3, §4)."""

import math

import numpy as np
import pandas as pd
import pytest
from conftest import make_products

from ovop_core import regions
from ovop_core.regions import normalise_kabkota_codes, region_index
from ovop_core.scoring import score_table

# --- the region lists ---------------------------------------------------------------------------


def test_there_are_38_provinces():
    assert len(regions.provinces()) == 38
    assert regions.provinces()["code"].is_unique


def test_the_six_papua_provinces_91_to_96_are_present():
    codes = set(regions.provinces()["code"])
    assert {"91", "92", "93", "94", "95", "96"} <= codes


def test_papua_tengah_is_province_94():
    assert regions.region_name("94") == "Papua Tengah"


def test_there_are_514_kab_kota():
    assert len(regions.kabkota()) == 514
    assert regions.kabkota()["code"].is_unique


def test_every_kab_kota_belongs_to_a_known_province_matching_its_code():
    kab = regions.kabkota()
    assert set(kab["province"]) == set(regions.provinces()["code"])
    assert (kab["code"].str.slice(0, 2) == kab["province"]).all()


def test_kab_kota_codes_are_dotted_nn_nn():
    assert regions.kabkota()["code"].str.fullmatch(r"\d{2}\.\d{2}").all()


def test_region_name_accepts_dotted_and_undotted_codes():
    assert regions.region_name("33.74") == "Kota Semarang"
    assert regions.region_name("3374") == "Kota Semarang"


def test_region_name_of_an_unknown_code_is_none():
    assert regions.region_name("99.99") is None


def test_region_table_rejects_an_unknown_level():
    with pytest.raises(ValueError):
        regions.region_table("desa")


# --- normalise_kabkota_codes --------------------------------------------------------------------


def normalise(code):
    codes, well_formed, known = normalise_kabkota_codes(pd.Series([code], dtype=object))
    return codes.iloc[0], bool(well_formed.iloc[0]), bool(known.iloc[0])


@pytest.mark.parametrize(
    "code",
    [
        "33.74",  # dotted kab/kota
        "3374",  # undotted kab/kota
        " 33.74 ",  # surrounding spaces
        "33.74.01",  # dotted kecamatan
        "337401",  # undotted kecamatan
        "33.74.01.1001",  # dotted desa
        "3374011001",  # undotted desa
        "33.74.99",  # kecamatan code under a known kab/kota
    ],
)
def test_kab_kota_and_deeper_codes_roll_up_to_the_dotted_kab_kota(code):
    assert normalise(code) == ("33.74", True, True)


def test_a_papua_split_code_is_known():
    assert normalise("9401") == ("94.01", True, True)


@pytest.mark.parametrize(
    "code",
    ["33-74", "33.4", "3.374", "337", "33740", "33.74.1", "33.74.01.10011", "abc", "33.7a", "", "33"],
)
def test_malformed_codes_are_not_well_formed_and_give_no_code(code):
    assert normalise(code) == ("", False, False)


def test_a_missing_code_is_not_well_formed():
    assert normalise(np.nan) == ("", False, False)


@pytest.mark.parametrize("code", ["99.99", "9999", "33.99", "33.99.01"])
def test_well_formed_codes_of_a_kab_kota_that_does_not_exist_are_unknown(code):
    kabkota, well_formed, known = normalise(code)
    assert well_formed
    assert not known


def test_normalise_kabkota_codes_works_on_a_whole_series():
    codes, well_formed, known = normalise_kabkota_codes(pd.Series(["1104", "11.71.01", "x", "99.01"]))
    assert codes.tolist() == ["11.04", "11.71", "", "99.01"]
    assert well_formed.tolist() == [True, True, False, True]
    assert known.tolist() == [True, True, False, False]


# --- region index -------------------------------------------------------------------------------
#
# Aceh (11):       P001 11.04 score 60 ★3, revenue 100, workers 2
#                  P002 11.71 score 40 ★2, revenue 300, workers –
# Jawa Barat (32): P003 32.01 score 80 ★4, no economics
#                  P004 32.73 score 95 ★5, no economics
#                  P005 32.73 score 90 but no export → ★4, no economics
# Aceh:       n 2, mean 50.0, recognised 1 (share 0.5), ★2 1, ★3 1, revenue 400, workers 2
# Jawa Barat: n 3, mean (80+95+90)/3 = 88.333…, recognised 3 (share 1.0), ★4 2, ★5 1


@pytest.fixture
def scored():
    return score_table(
        make_products(
            {"region_code": "11.04", "k": 60, "revenue_idr": 100, "workers": 2, "stage": 3},
            {"region_code": "11.71", "k": 40, "revenue_idr": 300, "stage": 3},
            {"region_code": "32.01", "k": 80, "stage": 4},
            {"region_code": "32.73", "k": 95, "stage": 5},
            {"region_code": "32.73", "k": 90, "export": False, "stage": 3},
        )
    )


def by_code(index: pd.DataFrame, code: str) -> pd.Series:
    return index.set_index("code").loc[code]


def test_province_index_has_one_row_per_province(scored):
    index = region_index(scored, "province")
    assert len(index) == 38
    assert sorted(index["code"]) == sorted(regions.provinces()["code"])


def test_province_index_counts_products(scored):
    index = region_index(scored, "province")
    assert by_code(index, "11")["n_products"] == 2
    assert by_code(index, "32")["n_products"] == 3


def test_province_index_mean_score(scored):
    index = region_index(scored, "province")
    assert by_code(index, "11")["mean_score"] == pytest.approx(50.0)
    assert by_code(index, "32")["mean_score"] == pytest.approx(265 / 3)


def test_province_index_counts_recognised_products_and_their_share(scored):
    index = region_index(scored, "province")
    assert by_code(index, "11")["n_recognised"] == 1
    assert by_code(index, "11")["share_recognised"] == pytest.approx(0.5)
    assert by_code(index, "32")["n_recognised"] == 3
    assert by_code(index, "32")["share_recognised"] == pytest.approx(1.0)


def test_province_index_counts_products_per_star(scored):
    index = region_index(scored, "province")
    aceh, jabar = by_code(index, "11"), by_code(index, "32")
    assert [aceh[f"stars_{s}"] for s in range(1, 6)] == [0, 1, 1, 0, 0]
    assert [jabar[f"stars_{s}"] for s in range(1, 6)] == [0, 0, 0, 2, 1]


def test_province_index_sums_revenue_and_workers_where_present(scored):
    aceh = by_code(region_index(scored, "province"), "11")
    assert aceh["revenue_idr"] == 400
    assert aceh["workers"] == 2


def test_province_index_leaves_economics_missing_when_no_product_reports_them(scored):
    jabar = by_code(region_index(scored, "province"), "32")
    assert math.isnan(jabar["revenue_idr"])
    assert math.isnan(jabar["workers"])


def test_province_rank_1_by_default_has_the_most_recognised_products(scored):
    index = region_index(scored, "province")
    assert by_code(index, "32")["rank"] == 1  # 3 recognised
    assert by_code(index, "11")["rank"] == 2  # 1 recognised


def test_provinces_without_products_are_no_data_not_zero(scored):
    papua = by_code(region_index(scored, "province"), "91")
    assert papua["n_products"] == 0
    assert not papua["has_data"]
    no_data = ["n_rated", "not_rated", "mean_score", "adjusted_mean", "n_recognised", "share_recognised"]
    for col in [*no_data, "n_potential", "revenue_idr", "workers", "rank"]:
        assert math.isnan(papua[col]), col
    for s in range(1, 6):
        assert math.isnan(papua[f"stars_{s}"])


def test_only_provinces_with_products_have_data(scored):
    index = region_index(scored, "province")
    assert set(index.loc[index["has_data"], "code"]) == {"11", "32"}
    assert index["rank"].notna().sum() == 2


def test_province_index_works_without_a_province_column(scored):
    index = region_index(scored.drop(columns="province"), "province")
    assert by_code(index, "32")["n_products"] == 3
    assert by_code(index, "11")["mean_score"] == pytest.approx(50.0)


def test_kabkota_index_has_one_row_per_kabkota_with_its_province(scored):
    index = region_index(scored, "kabkota")
    assert len(index) == 514
    assert by_code(index, "32.73")["province"] == "32"


def test_kabkota_index_figures(scored):
    index = region_index(scored, "kabkota")
    bandung = by_code(index, "32.73")
    assert bandung["n_products"] == 2
    assert bandung["mean_score"] == pytest.approx(92.5)
    assert bandung["n_recognised"] == 2
    assert bandung["share_recognised"] == pytest.approx(1.0)
    assert [bandung[f"stars_{s}"] for s in range(1, 6)] == [0, 0, 0, 1, 1]
    banda_aceh = by_code(index, "11.71")
    assert banda_aceh["revenue_idr"] == 300
    assert math.isnan(banda_aceh["workers"])


def test_kabkota_rank_orders_by_recognised_products_and_ties_share_the_better_rank(scored):
    index = region_index(scored, "kabkota")
    # recognised: 32.73 2, 32.01 1, 11.04 1, 11.71 0 (its one product is ★2)
    assert [by_code(index, c)["rank"] for c in ("32.73", "32.01", "11.04", "11.71")] == [1, 2, 2, 4]


def test_kabkota_without_products_is_no_data(scored):
    nabire = by_code(region_index(scored, "kabkota"), "94.01")
    assert nabire["n_products"] == 0
    assert not nabire["has_data"]
    assert math.isnan(nabire["mean_score"])
    assert math.isnan(nabire["share_recognised"])
    assert math.isnan(nabire["rank"])


def test_tied_regions_share_the_better_rank():
    scored = score_table(
        make_products(
            {"region_code": "11.04", "k": 60, "stage": 3},
            {"region_code": "32.01", "k": 60, "stage": 3},
            {"region_code": "33.74", "k": 40, "stage": 3},
        )
    )
    index = region_index(scored, "province")
    assert [by_code(index, c)["rank"] for c in ("11", "32", "33")] == [1, 1, 3]


def test_regions_can_be_ranked_by_share_of_rated_products_recognised(scored):
    index = region_index(scored, "province", rank_by="share")
    assert by_code(index, "32")["rank"] == 1  # 3 of 3
    assert by_code(index, "11")["rank"] == 2  # 1 of 2


def test_an_unknown_rank_rule_is_refused_naming_the_rules(scored):
    with pytest.raises(ValueError, match="recognised, adjusted_mean, share"):
        region_index(scored, "province", rank_by="mean_score")


def test_the_rank_rules_are_stated_in_both_languages():
    assert regions.RANK_RULES == ("recognised", "adjusted_mean", "share")
    assert regions.rank_rule_text("recognised", "id") == "Peringkat menurut jumlah produk terakui (★≥3 resmi)"
    assert regions.rank_rule_text("recognised", "en") == "Ranked by number of recognised products (official ★≥3)"
    for rule in regions.RANK_RULES:
        assert regions.rank_rule_text(rule, "id") != regions.rank_rule_text(rule, "en")


def test_an_unrated_product_counts_as_a_product_but_not_in_the_mean_score_or_the_share():
    scored = score_table(
        make_products(
            {"region_code": "11.04", "k": 60, "stage": 3}, {"region_code": "11.04", "k": (60, None, 60, 60, 60)}
        )
    )
    aceh = by_code(region_index(scored, "province"), "11")
    assert (aceh["n_products"], aceh["n_rated"], aceh["not_rated"]) == (2, 1, 1)
    assert aceh["mean_score"] == pytest.approx(60.0)
    assert aceh["share_recognised"] == pytest.approx(1.0)  # 1 recognised of 1 rated


def test_share_of_rated_products_excludes_the_not_rated():
    # Aceh: 2 rated (one official ★3, one ★2) and 2 not rated → share 1/2, not 1/4.
    scored = score_table(
        make_products(
            {"region_code": "11.04", "k": 60, "stage": 3},
            {"region_code": "11.04", "k": 40, "stage": 3},
            {"region_code": "11.04", "k": (60, None, 60, 60, 60), "stage": 3},
            {"region_code": "11.71", "k": (None,) * 5},
        )
    )
    aceh = by_code(region_index(scored, "province"), "11")
    assert (aceh["n_rated"], aceh["not_rated"], aceh["n_recognised"]) == (2, 2, 1)
    assert aceh["share_recognised"] == pytest.approx(0.5)


def test_a_region_whose_products_are_all_unrated_has_no_share_or_mean_and_no_rank_by_them():
    scored = score_table(make_products({"region_code": "11.04", "k": 60}, {"region_code": "32.01", "k": (None,) * 5}))
    jabar = by_code(region_index(scored, "province", rank_by="share"), "32")
    assert jabar["has_data"] and jabar["n_rated"] == 0
    for col in ("mean_score", "adjusted_mean", "share_recognised", "rank"):
        assert math.isnan(jabar[col]), col
    assert by_code(region_index(scored, "province"), "32")["rank"] == 1  # recognised: 0 and 0 tie


def test_estimated_three_stars_below_stage_3_are_potential_not_recognised():
    scored = score_table(
        make_products(
            {"region_code": "11.04", "k": 60, "stage": 2},
            {"region_code": "11.04", "k": 80, "stage": 0},
            {"region_code": "11.04", "k": 40, "stage": 1},
            {"region_code": "11.04", "k": 60, "stage": 3},
        )
    )
    aceh = by_code(region_index(scored, "province"), "11")
    assert (aceh["n_recognised"], aceh["n_potential"]) == (1, 2)


# Adjusted mean: A (Aceh) 1 product at 90, B (Jawa Barat) 12 at 80, C (Jawa Tengah) 7 at 30.
# National mean = (90 + 12·80 + 7·30) / 20 = 1260 / 20 = 63.
# A: (1·90 + 10·63) / 11 = 720/11 = 65.45…; B: (12·80 + 630) / 22 = 1590/22 = 72.27…;
# C: (7·30 + 630) / 17 = 840/17 = 49.41…. By raw mean A would rank first on one product.
@pytest.fixture
def one_lucky_product():
    rows = [{"region_code": "11.04", "k": 90}]
    rows += [{"region_code": "32.01", "k": 80}] * 12
    rows += [{"region_code": "33.74", "k": 30}] * 7
    return score_table(make_products(*rows))


def test_adjusted_mean_pulls_each_region_towards_the_national_mean_by_10_products(one_lucky_product):
    index = region_index(one_lucky_product, "province")
    assert regions.PRIOR_PRODUCTS == 10
    assert by_code(index, "11")["adjusted_mean"] == pytest.approx(720 / 11)
    assert by_code(index, "32")["adjusted_mean"] == pytest.approx(1590 / 22)
    assert by_code(index, "33")["adjusted_mean"] == pytest.approx(840 / 17)


def test_one_lucky_product_does_not_outrank_twelve_good_ones_by_adjusted_mean(one_lucky_product):
    index = region_index(one_lucky_product, "province", rank_by="adjusted_mean")
    assert by_code(index, "11")["mean_score"] > by_code(index, "32")["mean_score"]
    assert [by_code(index, c)["rank"] for c in ("32", "11", "33")] == [1, 2, 3]
    assert math.isnan(by_code(index, "91")["rank"])  # no products: no rank


def test_the_national_mean_ignores_unrated_products():
    # Rated: 60 and 80 → national mean 70; Aceh (60, plus an unrated one): (60 + 700) / 11.
    scored = score_table(
        make_products(
            {"region_code": "11.04", "k": 60},
            {"region_code": "11.04", "k": (None,) * 5},
            {"region_code": "32.01", "k": 80},
        )
    )
    assert by_code(region_index(scored, "province"), "11")["adjusted_mean"] == pytest.approx(760 / 11)


def test_desa_with_a_product_are_counted_once_from_desa_depth_place_codes():
    scored = score_table(
        make_products(
            {"region_code": "11.04", "k": 60},
            {"region_code": "11.04", "k": 60},
            {"region_code": "11.04", "k": 60},
            {"region_code": "11.04", "k": 60},
            {"region_code": "11.71", "k": 60},
            {"region_code": "32.01", "k": 60},
        )
    ).assign(place_code=["11.04.01.2001", "11.04.01.2001", "1104022002", "11.04.03", "11.71.01.1001", "32.01"])
    province = region_index(scored, "province")
    # Aceh: desa 11.04.01.2001 (twice), 11.04.02.2002 (undotted) and 11.71.01.1001; a kecamatan code is no desa.
    assert by_code(province, "11")["n_desa"] == 3
    assert by_code(province, "32")["n_desa"] == 0
    assert math.isnan(by_code(province, "91")["n_desa"])
    assert by_code(region_index(scored, "kabkota"), "11.04")["n_desa"] == 2


def test_desa_are_not_counted_without_place_codes(scored):
    assert math.isnan(by_code(region_index(scored.drop(columns=["place_code"]), "province"), "11")["n_desa"])


def test_an_empty_table_gives_every_region_no_data():
    index = region_index(score_table(make_products({}).iloc[0:0]), "province")
    assert len(index) == 38
    assert not index["has_data"].any()
    assert (index["n_products"] == 0).all()


def test_a_region_label_is_its_name_or_else_its_code():
    assert regions.region_label("33.74") == "Kota Semarang"
    assert regions.region_label("99.99") == "99.99"


def test_region_names_hold_every_province_then_every_kabkota():
    names = regions.region_names()
    assert len(names) == 38 + 514
    assert list(names)[:38] == regions.provinces()["code"].tolist()
    assert names["33"] == "Jawa Tengah" and names["33.74"] == "Kota Semarang"
