"""Score, stars, gates and cap reasons (DESIGN.md §4), with hand-computed expectations.

The default factory product is non-food with NIB, brand and export, so its stars equal its
stars by score unless a test takes evidence away.
"""

import math

import numpy as np
import pandas as pd
import pytest
from conftest import make_product, make_products

from ovop_core.model import custom_model, get_model
from ovop_core.scoring import score_table, stars_by_score


def scored(**overrides) -> pd.Series:
    """The scored row of one product."""
    return score_table(make_product(**overrides)).iloc[0]


# --- stars by score -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "score, stars",
    [
        (0.0, 1),
        (29.99, 1),
        (30.0, 2),
        (49.99, 2),
        (50.0, 3),
        (69.99, 3),
        (70.0, 4),
        (89.99, 4),
        (90.0, 5),
        (100.0, 5),
    ],
)
def test_stars_by_score_follow_the_ocop_bands(score, stars):
    assert stars_by_score(np.array([score]))[0] == stars


def test_stars_by_score_is_zero_where_there_is_no_score():
    assert stars_by_score(np.array([np.nan]))[0] == 0


def test_stars_by_score_keeps_49_999999_below_the_edge():
    assert stars_by_score(np.array([49.999999]))[0] == 2


def test_stars_by_score_accepts_a_series():
    assert list(stars_by_score(pd.Series([10.0, 95.0]))) == [1, 5]


# --- score = Σ w·k / 100 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "x, stars",
    [
        (29.99, 1),
        (30.0, 2),
        (49.99, 2),
        (50.0, 3),
        (69.99, 3),
        (70.0, 4),
        (89.99, 4),
        (90.0, 5),
    ],
)
def test_all_five_criteria_equal_to_x_give_score_x_and_its_band(x, stars):
    row = scored(k=x)
    assert row["score"] == pytest.approx(x, abs=1e-9)
    assert row["stars_by_score"] == stars
    assert row["stars"] == stars


@pytest.mark.parametrize(
    "k, edge, stars",
    [
        # 20·45 + 15·55 + 30·50 + 20·55 + 15·45 = 900 + 825 + 1500 + 1100 + 675 = 5000
        ((45, 55, 50, 55, 45), 50.0, 3),
        # 20·70.1 + 15·30.2 + 30·50.3 + 20·40.1 + 15·55.6 = 1402 + 453 + 1509 + 802 + 834 = 5000
        ((70.1, 30.2, 50.3, 40.1, 55.6), 50.0, 3),
        # 652.6 + 1092.45 + 1361.4 + 1260.4 + 633.15 = 5000 (naive float sum: 49.99999999999999)
        ((32.63, 72.83, 45.38, 63.02, 42.21), 50.0, 3),
        # 612.2 + 898.8 + 1214.1 + 218.2 + 56.7 = 3000 (naive float sum: 29.999999999999996)
        ((30.61, 59.92, 40.47, 10.91, 3.78), 30.0, 2),
        # 1424.8 + 1017.9 + 1757.4 + 1570.2 + 1229.7 = 7000 (naive float sum: 69.99999999999999)
        ((71.24, 67.86, 58.58, 78.51, 81.98), 70.0, 4),
        # 1705.6 + 1418.85 + 2664.6 + 1732.4 + 1478.55 = 9000 (naive float sum: 89.99999999999999)
        ((85.28, 94.59, 88.82, 86.62, 98.57), 90.0, 5),
    ],
)
def test_mixed_criteria_summing_exactly_to_a_band_edge_earn_the_upper_band(k, edge, stars):
    row = scored(k=k)
    assert row["score"] == pytest.approx(edge, abs=1e-9)
    assert row["stars_by_score"] == stars


def test_all_criteria_at_50_give_exactly_50_and_three_stars():
    row = scored(k=50.0)
    assert row["score"] == 50.0
    assert row["stars"] == 3


def test_score_is_the_weighted_sum_of_the_criteria():
    # 20·80 + 15·60 + 30·70 + 20·50 + 15·90 = 1600 + 900 + 2100 + 1000 + 1350 = 6950 → 69.5
    row = scored(k=(80, 60, 70, 50, 90))
    assert row["score"] == pytest.approx(69.5)
    assert row["stars"] == 3


def test_score_of_a_single_full_criterion_is_its_weight():
    assert scored(k=(0, 0, 100, 0, 0))["score"] == pytest.approx(30.0)


def test_score_is_not_rounded_to_one_decimal():
    # 20·50.04 + 15·50 + 30·50 + 20·50 + 15·50 = 1000.8 + 4000 → 50.008
    assert scored(k=(50.04, 50, 50, 50, 50))["score"] == pytest.approx(50.008)


def test_ocop_2023_preset_weights_the_same_criteria_differently():
    # ovop-2026.2: 20·80 + 15·40 + 30·60 + 20·40 + 15·80 = 6000 → 60.0
    # ocop-2023:   (k1+k5)=40 × 80 + (k2+k4)=25 × 40 + k3=35 × 60 = 3200 + 1000 + 2100 → 63.0
    table = make_product(k=(80, 40, 60, 40, 80))
    assert score_table(table)["score"].iloc[0] == pytest.approx(60.0)
    assert score_table(table, get_model("ocop-2023"))["score"].iloc[0] == pytest.approx(63.0)


def test_ocop_2023_preset_uses_its_documented_split():
    # k1 20, k2 10, k3 35, k4 15, k5 20: 20·100 + 10·0 + 35·0 + 15·0 + 20·0 = 2000 → 20.0
    table = make_product(k=(100, 0, 0, 0, 0))
    assert score_table(table, get_model("ocop-2023"))["score"].iloc[0] == pytest.approx(20.0)


def test_ocop_2023_preset_can_change_the_star():
    # ovop: 20·40 + 15·40 + 30·70 + 20·40 + 15·40 = 4900 → 49.0 ★2
    # ocop: 20·40 + 10·40 + 35·70 + 15·40 + 20·40 = 5050 → 50.5 ★3
    table = make_product(k=(40, 40, 70, 40, 40))
    assert score_table(table)["stars"].iloc[0] == 2
    assert score_table(table, get_model("ocop-2023"))["stars"].iloc[0] == 3


def test_a_custom_model_is_applied_and_named_on_every_row():
    # Only k3 counts: score = k3.
    model = custom_model({"k1": 0, "k2": 0, "k3": 100, "k4": 0, "k5": 0})
    out = score_table(make_products({"k": (10, 20, 55, 40, 50)}, {"k": (90, 90, 20, 90, 90)}), model)
    assert out["score"].tolist() == pytest.approx([55.0, 20.0])
    assert out["stars"].tolist() == [3, 1]
    assert (out["model_version"] == model.version).all()


def test_a_registry_without_sub_item_columns_is_scored_from_k1_to_k5():
    table = make_product(k=(80, 60, 70, 50, 90)).drop(columns=[c for c in ALL_LEVELS_3])
    assert score_table(table)["score"].iloc[0] == pytest.approx(69.5)


@pytest.mark.parametrize("version", ["ovop-2026.2", "ocop-2023"])
def test_model_version_is_on_every_row(version):
    out = score_table(make_products({"k": 10}, {"k": 60}, {"k": (1, None, 1, 1, 1)}), get_model(version))
    assert out["model_version"].tolist() == [version] * 3


def test_default_model_version_is_ovop_2026_2():
    assert scored(k=60)["model_version"] == "ovop-2026.2"


def test_a_missing_criterion_leaves_the_product_unscored_and_unrated():
    row = scored(k=(80, 80, None, 80, 80))
    assert math.isnan(row["score"])
    assert row["stars_by_score"] == 0
    assert row["stars"] == 0
    assert not row["recognised"]
    assert not row["capped"]


def test_score_table_does_not_change_its_input():
    table = make_product(levels={"k1a": 3, "k1b": 3, "k1c": 3, "k1d": 3}, k=(None, 50, 50, 50, 50))
    before = table.copy()
    score_table(table)
    pd.testing.assert_frame_equal(table, before)


def test_score_table_keeps_the_input_columns_and_index():
    table = make_products({"k": 10}, {"k": 95}).set_index(pd.Index([7, 3]))
    out = score_table(table)
    assert list(out.index) == [7, 3]
    assert list(out["product_id"]) == ["P001", "P002"]
    assert list(out["stars"]) == [1, 5]


# --- detailed format --------------------------------------------------------------------------

ALL_LEVELS_3 = {key: 3 for key in "k1a k1b k1c k1d k2a k2b k2c k3a k3b k3c k3d k4a k4b k4c k5a k5b k5c".split()}

# k1 (3,0,2,1): 6 + 0 + 5·2/3 + 5·1/3 = 11 of 20        → k1 = 55
# k2 (3,3,0):   6 + 5 + 0 = 11 of 15                     → k2 = 73.333…
# k3 (3,2,1,0): 10 + 6·2/3 + 7·1/3 + 0 = 49/3 of 30      → k3 = 54.444…
# k4 (3,3,3):   20 of 20                                 → k4 = 100
# k5 (0,0,0):   0 of 15                                  → k5 = 0
# score = Σ w·k/100 = earned points = 11 + 11 + 49/3 + 20 + 0 = 58.333… → ★3
MIXED_LEVELS = {
    "k1a": 3, "k1b": 0, "k1c": 2, "k1d": 1,
    "k2a": 3, "k2b": 3, "k2c": 0,
    "k3a": 3, "k3b": 2, "k3c": 1, "k3d": 0,
    "k4a": 3, "k4b": 3, "k4c": 3,
    "k5a": 0, "k5b": 0, "k5c": 0,
}  # fmt: skip


def test_all_sub_items_at_level_3_give_every_criterion_100():
    row = scored(k=(None,) * 5, levels=ALL_LEVELS_3)
    assert [row[c] for c in ("k1", "k2", "k3", "k4", "k5")] == pytest.approx([100.0] * 5)
    assert row["score"] == pytest.approx(100.0)
    assert row["stars"] == 5


def test_all_sub_items_at_level_0_give_score_0_and_one_star():
    row = scored(k=(None,) * 5, levels={key: 0 for key in ALL_LEVELS_3})
    assert row["score"] == 0.0
    assert row["stars"] == 1


def test_mixed_sub_item_levels_give_hand_computed_criterion_scores():
    row = scored(k=(None,) * 5, levels=MIXED_LEVELS)
    assert row["k1"] == pytest.approx(55.0)
    assert row["k2"] == pytest.approx(1100 / 15)
    assert row["k3"] == pytest.approx(4900 / 90)
    assert row["k4"] == pytest.approx(100.0)
    assert row["k5"] == pytest.approx(0.0)


def test_mixed_sub_item_levels_give_a_score_equal_to_the_points_earned():
    row = scored(k=(None,) * 5, levels=MIXED_LEVELS)
    assert row["score"] == pytest.approx(175 / 3)  # 58.333…
    assert row["stars"] == 3


def test_complete_sub_items_override_the_simple_criterion_column():
    # k1 typed as 0, but its sub-items are all at level 2 → k1 = 100·(20·2/3)/20 = 66.666…
    row = scored(k=(0, 50, 50, 50, 50), levels={"k1a": 2, "k1b": 2, "k1c": 2, "k1d": 2})
    assert row["k1"] == pytest.approx(200 / 3)
    # 20·66.666… + 15·50 + 30·50 + 20·50 + 15·50 = 1333.33… + 4000 → 53.333…
    assert row["score"] == pytest.approx(160 / 3)


def test_criteria_without_sub_items_keep_their_simple_score():
    row = scored(k=(0, 40, 70, 80, 90), levels={"k1a": 3, "k1b": 3, "k1c": 3, "k1d": 3})
    assert [row[c] for c in ("k2", "k3", "k4", "k5")] == [40.0, 70.0, 80.0, 90.0]
    # 20·100 + 15·40 + 30·70 + 20·80 + 15·90 = 2000 + 600 + 2100 + 1600 + 1350 = 7650
    assert row["score"] == pytest.approx(76.5)


def test_incomplete_sub_items_fall_back_to_the_simple_column():
    row = scored(k=(40, 50, 50, 50, 50), levels={"k1a": 3, "k1b": 3, "k1c": 3})  # k1d missing
    assert row["k1"] == 40.0


def test_detailed_and_simple_products_are_scored_in_one_table():
    out = score_table(make_products({"k": (None,) * 5, "levels": ALL_LEVELS_3}, {"k": 45}))
    assert out["score"].tolist() == pytest.approx([100.0, 45.0])


# --- gates ------------------------------------------------------------------------------------


def test_three_stars_need_nib():
    row = scored(k=60, nib=False)
    assert row["stars_by_score"] == 3
    assert row["stars"] == 2
    assert row["capped"]
    assert row["cap_reason_id"] == "skor ★3, dibatasi ★2: belum ada NIB"
    assert "NIB" in row["cap_reason_en"] and "★2" in row["cap_reason_en"]
    assert row["missing_gates"] == "nib"


@pytest.mark.parametrize("category", ["pangan", "minuman"])
@pytest.mark.parametrize("permit, stars", [("pirt", 3), ("bpom", 3), ("sni", 2), ("none", 2)])
def test_food_and_beverages_need_a_pirt_or_bpom_permit_for_three_stars(category, permit, stars):
    row = scored(k=60, category=category, permit=permit)
    assert row["stars"] == stars


@pytest.mark.parametrize("permit, stars", [("bpom", 3), ("pirt", 2), ("sni", 2), ("none", 2)])
def test_herbal_needs_a_bpom_permit_for_three_stars(permit, stars):
    # Jamu, minyak urut, sabun and kosmetik are drugs/cosmetics: a P-IRT does not cover them.
    assert scored(k=60, category="herbal", permit=permit)["stars"] == stars


def test_food_with_only_sni_is_capped_for_the_missing_pirt_bpom_permit():
    row = scored(k=60, category="pangan", permit="sni")
    assert row["cap_reason_id"] == "skor ★3, dibatasi ★2: belum ada izin edar P-IRT/BPOM"
    assert row["cap_reason_en"] == "score ★3, capped at ★2: no P-IRT/BPOM distribution permit"
    assert row["missing_gates"] == "permit"


def test_herbal_with_pirt_is_capped_at_two_stars_for_the_missing_bpom_permit():
    row = scored(k=60, category="herbal", permit="pirt", halal=True)
    assert (row["stars_by_score"], row["stars"]) == (3, 2)
    assert row["cap_reason_id"] == (
        "skor ★3, dibatasi ★2: belum ada izin edar BPOM (jamu, minyak urut, sabun, kosmetik wajib BPOM)"
    )
    assert row["cap_reason_en"] == (
        "score ★3, capped at ★2: no BPOM distribution permit (jamu, massage oil, soap and cosmetics require BPOM)"
    )
    assert "P-IRT" not in row["cap_reason_id"]
    assert row["missing_gates"] == "permit"


def test_food_and_herbal_in_one_table_each_get_their_own_permit_reason():
    out = score_table(make_products({"k": 60, "category": "pangan"}, {"k": 60, "category": "herbal"}))
    assert "P-IRT/BPOM" in out["cap_reason_id"].iloc[0]
    assert "wajib BPOM" in out["cap_reason_id"].iloc[1]
    assert out["missing_gates"].tolist() == ["permit", "permit"]


def test_no_text_spells_pirt_without_its_hyphen():
    out = score_table(make_products(*({"k": 95, "category": c, "nib": False} for c in ("pangan", "herbal"))))
    for col in ("cap_reason_id", "cap_reason_en"):
        assert not out[col].str.contains("PIRT").any()


@pytest.mark.parametrize("category", ["tekstil", "rumah_tangga", "kerajinan"])
@pytest.mark.parametrize("permit", ["sni", "none"])
def test_non_food_has_no_permit_gate(category, permit):
    row = scored(k=60, category=category, permit=permit)
    assert row["stars"] == 3
    assert not row["capped"]
    assert row["cap_reason_id"] == ""


def test_four_stars_need_a_registered_brand():
    row = scored(k=80, brand=False)
    assert row["stars_by_score"] == 4
    assert row["stars"] == 3
    assert row["cap_reason_id"] == "skor ★4, dibatasi ★3: merek belum terdaftar"
    assert "trademark" in row["cap_reason_en"]
    assert row["missing_gates"] == "brand"


def test_food_needs_halal_for_four_stars_and_says_so_in_both_languages():
    row = scored(k=80, category="pangan", permit="pirt", halal=False)
    assert row["stars"] == 3
    assert row["cap_reason_id"] == "skor ★4, dibatasi ★3: belum ada sertifikat halal"
    assert "halal" in row["cap_reason_en"] and "★4" in row["cap_reason_en"] and "★3" in row["cap_reason_en"]
    assert row["missing_gates"] == "halal"


@pytest.mark.parametrize("category", ["minuman", "herbal"])
def test_beverages_and_herbals_also_need_halal_for_four_stars(category):
    assert scored(k=80, category=category, permit="bpom", halal=False)["stars"] == 3


def test_non_food_needs_no_halal_certificate():
    row = scored(k=80, category="tekstil", halal=False)
    assert row["stars"] == 4
    assert not row["capped"]


def declared_non_halal(**overrides) -> pd.Series:
    """The scored row of one product that declares non-halal ingredients (``non_halal`` true)."""
    return score_table(make_product(**overrides).assign(non_halal=True)).iloc[0]


def test_non_halal_food_holds_four_stars_without_a_halal_certificate():
    row = declared_non_halal(k=80, category="pangan", permit="pirt", halal=False, brand=True)
    assert (row["stars"], row["capped"], row["missing_gates"]) == (4, False, "")


def test_a_non_halal_declaration_does_not_exempt_the_other_gates():
    row = declared_non_halal(k=80, category="pangan", permit="none", halal=False, brand=False)
    assert row["stars"] == 2
    assert row["missing_gates"] == "permit,brand"
    assert row["cap_reason_id"] == "skor ★4, dibatasi ★2: belum ada izin edar P-IRT/BPOM, merek belum terdaftar"


def test_an_empty_non_halal_cell_counts_as_not_declared():
    table = make_products(*({"k": 80, "category": "pangan", "permit": "pirt"},) * 2)
    table["non_halal"] = pd.array([pd.NA, True], dtype="boolean")
    assert score_table(table)["stars"].tolist() == [3, 4]


@pytest.mark.parametrize("category", ["tekstil", "rumah_tangga", "kerajinan"])
def test_textile_household_and_craft_never_need_halal_or_a_permit(category):
    row = scored(k=95, category=category, permit="none", halal=False)
    assert (row["stars"], row["capped"], row["missing_gates"]) == (5, False, "")


def test_exactly_50_is_three_stars_and_exactly_70_without_halal_is_capped_at_three():
    out = score_table(
        make_products(
            {"k": 50, "category": "pangan", "permit": "pirt"},
            {"k": 70, "category": "pangan", "permit": "pirt", "halal": False},
        )
    )
    assert out["score"].tolist() == [50.0, 70.0]
    assert out["stars_by_score"].tolist() == [3, 4]
    assert out["stars"].tolist() == [3, 3]
    assert out["cap_reason_id"].tolist() == ["", "skor ★4, dibatasi ★3: belum ada sertifikat halal"]


def test_food_with_permit_halal_and_brand_holds_four_stars():
    assert scored(k=80, category="pangan", permit="bpom", halal=True, brand=True, export=False)["stars"] == 4


def test_five_stars_need_export():
    row = scored(k=95, export=False)
    assert row["stars_by_score"] == 5
    assert row["stars"] == 4
    assert row["cap_reason_id"] == "skor ★5, dibatasi ★4: belum ada bukti ekspor"
    assert row["missing_gates"] == "export"


def test_the_lowest_failing_gate_decides_the_star():
    # Score ★5, everything present except NIB → capped at ★2.
    row = scored(k=95, nib=False)
    assert row["stars"] == 2
    assert row["cap_reason_id"] == "skor ★5, dibatasi ★2: belum ada NIB"
    assert row["missing_gates"] == "nib"


def test_every_missing_item_up_to_the_score_star_is_listed():
    row = scored(k=95, category="pangan", nib=False, permit="none", brand=False, halal=False, export=False)
    assert row["stars"] == 2
    text = row["cap_reason_id"]
    assert text.startswith("skor ★5, dibatasi ★2: ")
    for missing in (
        "belum ada NIB",
        "belum ada izin edar P-IRT/BPOM",
        "merek belum terdaftar",
        "belum ada sertifikat halal",
        "belum ada bukti ekspor",
    ):
        assert missing in text
    assert row["missing_gates"].split(",") == ["nib", "permit", "brand", "halal", "export"]
    for word in ("NIB", "P-IRT/BPOM", "trademark", "halal", "export"):
        assert word in row["cap_reason_en"]


def test_gates_above_the_score_star_are_not_listed():
    # Score ★4: export (a ★5 gate) is not needed, so only halal is missing.
    row = scored(k=80, category="pangan", permit="pirt", halal=False, export=False)
    assert row["missing_gates"] == "halal"
    assert "ekspor" not in row["cap_reason_id"]
    assert "export" not in row["cap_reason_en"]


def test_a_product_holding_its_score_star_has_no_cap_reason():
    row = scored(k=80, export=False)
    assert row["stars"] == 4
    assert not row["capped"]
    assert row["cap_reason_id"] == ""
    assert row["cap_reason_en"] == ""
    assert row["missing_gates"] == ""


def test_a_two_star_score_without_nib_is_not_capped():
    row = scored(k=40, nib=False, brand=False, export=False)
    assert row["stars"] == 2
    assert not row["capped"]
    assert row["cap_reason_id"] == ""
    assert row["missing_gates"] == ""


def test_cap_reasons_differ_per_product_in_one_table():
    out = score_table(
        make_products(
            {"k": 80, "brand": False},
            {"k": 60, "nib": False},
            {"k": 80},
            {"k": 80, "brand": False},
        )
    )
    assert out["stars"].tolist() == [3, 2, 4, 3]
    assert out["cap_reason_id"].tolist() == [
        "skor ★4, dibatasi ★3: merek belum terdaftar",
        "skor ★3, dibatasi ★2: belum ada NIB",
        "",
        "skor ★4, dibatasi ★3: merek belum terdaftar",
    ]


# --- recognised and coaching owner -------------------------------------------------------------


@pytest.mark.parametrize("k, recognised", [(29.99, False), (49.99, False), (50.0, True), (70, True), (95, True)])
def test_an_assessed_product_at_three_stars_and_above_is_recognised(k, recognised):
    row = scored(k=k, stage=3)
    assert row["official"]
    assert row["recognised"] == recognised
    assert not row["potential"]


@pytest.mark.parametrize("stage, official", [(0, False), (1, False), (2, False), (3, True), (4, True), (6, True)])
def test_a_star_is_official_from_stage_three_and_an_estimate_below(stage, official):
    row = scored(k=80, stage=stage)
    assert row["official"] == official
    # the same ★4 is recognised once assessed, and only potential before that
    assert row["recognised"] == official
    assert row["potential"] == (not official)


@pytest.mark.parametrize("k", [29.99, 49.99])
def test_an_unassessed_product_below_three_stars_is_not_potential(k):
    assert not scored(k=k, stage=1)["potential"]


def test_recognition_uses_the_capped_star():
    row = scored(k=60, nib=False)
    assert row["stars_by_score"] == 3
    assert not row["recognised"]


@pytest.mark.parametrize(
    "k, owner",
    [(10, "kabkota"), (40, "kabkota"), (60, "provinsi"), (80, "pusat"), (95, "pusat")],
)
def test_coaching_owner_follows_the_star(k, owner):
    assert scored(k=k)["coaching_owner"] == owner


def test_coaching_owner_follows_the_capped_star():
    assert scored(k=80, brand=False)["coaching_owner"] == "provinsi"
