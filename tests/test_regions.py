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
        regions.region_table("kecamatan")


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


def test_province_rank_1_is_the_best_mean_score(scored):
    index = region_index(scored, "province")
    assert by_code(index, "32")["rank"] == 1
    assert by_code(index, "11")["rank"] == 2


def test_provinces_without_products_are_no_data_not_zero(scored):
    papua = by_code(region_index(scored, "province"), "91")
    assert papua["n_products"] == 0
    assert not papua["has_data"]
    for col in ["mean_score", "n_recognised", "share_recognised", "revenue_idr", "workers", "rank"]:
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


def test_kabkota_rank_orders_by_mean_score(scored):
    index = region_index(scored, "kabkota")
    # 32.73 92.5, 32.01 80, 11.04 60, 11.71 40
    assert [by_code(index, c)["rank"] for c in ("32.73", "32.01", "11.04", "11.71")] == [1, 2, 3, 4]


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
            {"region_code": "11.04", "k": 60},
            {"region_code": "32.01", "k": 60},
            {"region_code": "33.74", "k": 40},
        )
    )
    index = region_index(scored, "province")
    assert [by_code(index, c)["rank"] for c in ("11", "32", "33")] == [1, 1, 3]


def test_regions_can_be_ranked_by_another_figure(scored):
    index = region_index(scored, "province", rank_by="n_products")
    assert by_code(index, "32")["rank"] == 1
    assert by_code(index, "11")["rank"] == 2


def test_an_unrated_product_counts_as_a_product_but_not_in_the_mean_score():
    scored = score_table(
        make_products(
            {"region_code": "11.04", "k": 60, "stage": 3}, {"region_code": "11.04", "k": (60, None, 60, 60, 60)}
        )
    )
    aceh = by_code(region_index(scored, "province"), "11")
    assert aceh["n_products"] == 2
    assert aceh["mean_score"] == pytest.approx(60.0)
    assert aceh["share_recognised"] == pytest.approx(0.5)


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
