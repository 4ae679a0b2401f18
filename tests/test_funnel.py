"""Pipeline view figures (DESIGN.md §6): funnel, coaching owners, regions × stages, blockers.

A twelve-product table whose every count is worked out by hand below.
"""

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import make_products

from ovop_core import funnel, rounds
from ovop_core.demo import synthetic_registry
from ovop_core.filters import Filters
from ovop_core.pipeline import pipeline_status
from ovop_core.registry import read_registry
from ovop_core.scoring import score_table

TODAY = date(2026, 3, 15)
DEMO_CSV = Path(__file__).resolve().parents[1] / "data" / "products_demo.csv"

# stage, what holds it, stars, months in stage; stalled by default: stages 0–2 from 6 months, stage 3
# from 3 months, never stages 4–6 (P05, P06); re-evaluation due: stages 3–6, 36+ months (P06, P11, P12)
PRODUCTS = [
    dict(stage=0, nib=False, region_code="51.07"),  # P01 blocked: no NIB; ★2 (capped, no NIB)
    dict(stage=0, nib=False, k=(60, None, 60, 60, 60), region_code="51.07"),  # P02 incomplete + no NIB; unrated
    dict(stage=1, k=40, region_code="51.07"),  # P03 blocked: score 40 < 50; ★2
    dict(stage=1, k=60, region_code="51.07"),  # P04 eligible; ★3
    dict(stage=2, k=60, assessors=2, stage_since="2025-01-15", region_code="51.71"),  # P05 2 assessors; 14 months
    dict(stage=3, k=60, assessors=3, stage_since="2022-03-15", region_code="51.71"),  # P06 eligible; 48 m; due
    dict(stage=4, k=60, export=False, stage_since="2025-09-15"),  # P07 ★3 without export; 6 months
    dict(stage=4, k=80),  # P08 eligible: ★4
    dict(stage=5, k=80, stage_since="2024-03-15"),  # P09 waiting: 24 months of 36
    dict(stage=5, k=80),  # P10 blocked: no stage date
    dict(stage=6, k=95, stage_since="2020-01-01"),  # P11 last stage; ★5; 74 months
    dict(stage=5, k=80, stage_since="2023-01-01"),  # P12 eligible and due: 38 months
]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    scored = score_table(make_products(*PRODUCTS))
    return pd.concat([scored, pipeline_status(scored, TODAY)], axis=1)


@pytest.fixture(scope="module")
def big() -> pd.DataFrame:
    scored = score_table(synthetic_registry(3000, seed=5))
    return pd.concat([scored, pipeline_status(scored, TODAY)], axis=1)


def column(frame: pd.DataFrame, name: str) -> list:
    return frame[name].tolist()


# --- the funnel ----------------------------------------------------------------------------------


def test_funnel_counts_products_in_each_stage(table):
    assert column(funnel.stage_funnel(table), "n_in_stage") == [2, 2, 1, 1, 2, 3, 1]


def test_funnel_counts_products_that_reached_each_stage(table):
    assert column(funnel.stage_funnel(table), "n_reached") == [12, 10, 8, 7, 6, 4, 1]


def test_conversion_is_reached_next_over_reached_and_undefined_at_the_last_stage(table):
    conversion = funnel.stage_funnel(table)["conversion"].to_numpy()
    np.testing.assert_allclose(conversion[:6], [10 / 12, 8 / 10, 7 / 8, 6 / 7, 4 / 6, 1 / 4])
    assert np.isnan(conversion[6])


def test_conversion_is_undefined_when_nobody_reached_the_stage(table):
    early = table[table["stage"] <= 1]
    conversion = funnel.stage_funnel(early)["conversion"].to_numpy()
    assert conversion[0] == pytest.approx(2 / 4) and conversion[1] == 0.0
    assert np.isnan(conversion[2:]).all()


def test_funnel_counts_eligible_blocked_and_waiting_products_per_stage(table):
    result = funnel.stage_funnel(table)
    assert column(result, "n_eligible") == [0, 1, 0, 1, 1, 1, 0]
    assert column(result, "n_blocked") == [2, 1, 1, 0, 1, 1, 0]
    assert column(result, "n_waiting") == [0, 0, 0, 0, 0, 1, 0]


def test_funnel_counts_stalled_products_of_stages_0_to_3_with_the_chosen_thresholds(table):
    # Stages 5 and 6 hold products 24–74 months in their stage (P09, P11, P12): waiting, never stalled.
    assert column(funnel.stage_funnel(table), "n_stalled") == [0, 0, 1, 1, 0, 0, 0]
    assert column(funnel.stage_funnel(table, stalled_months=30), "n_stalled") == [0, 0, 0, 1, 0, 0, 0]


def test_funnel_counts_products_due_for_re_evaluation_including_stage_6(table):
    assert column(funnel.stage_funnel(table), "n_reeval_due") == [0, 0, 0, 1, 0, 1, 1]


def test_funnel_and_pipeline_status_agree_on_the_eligible_products_of_every_stage(table, big):
    for frame in (table, big):
        per_stage = frame.groupby("stage")["eligible_next_stage"].sum().reindex(range(7), fill_value=0)
        assert column(funnel.stage_funnel(frame), "n_eligible") == per_stage.astype(int).tolist()
    assert column(funnel.stage_funnel(table), "n_eligible") == [0, 1, 0, 1, 1, 1, 0]  # P04, P06, P08, P12


def test_eligible_blocked_and_waiting_add_up_to_the_products_in_each_stage_below_the_last(big):
    result = funnel.stage_funnel(big).iloc[:6]
    assert (result["n_eligible"] + result["n_blocked"] + result["n_waiting"] == result["n_in_stage"]).all()
    assert funnel.stage_funnel(big)["n_in_stage"].sum() == len(big)


def test_an_empty_table_gives_a_funnel_of_zeros():
    empty = score_table(make_products()).iloc[0:0]
    result = funnel.stage_funnel(pd.concat([empty, pipeline_status(empty, TODAY)], axis=1))
    assert result["n_reached"].sum() == 0 and len(result) == 7
    assert result["conversion"].isna().all()


def test_funnel_totals_add_the_stages_up(table):
    totals = funnel.funnel_totals(funnel.stage_funnel(table))
    assert totals == funnel.FunnelTotals(n_products=12, n_eligible=4, n_blocked=6, n_stalled=2, n_reeval_due=3)


def test_the_stage_with_most_blocked_products_is_the_first_one_on_a_tie(table):
    assert funnel.most_blocked_stage(funnel.stage_funnel(table)) == 0  # P01, P02
    later = table[table["stage"] > 0]  # one blocked product in each of stages 1, 2, 4 and 5
    assert funnel.most_blocked_stage(funnel.stage_funnel(later)) == 1
    assert funnel.most_blocked_stage(funnel.stage_funnel(table.iloc[0:0])) == 0


@pytest.mark.parametrize(
    "shown,ids",
    [
        ("all", ["P009", "P010", "P012"]),
        ("eligible", ["P012"]),
        ("blocked", ["P010"]),  # no stage date
        ("waiting", ["P009"]),  # 24 of 36 months
        ("stalled", []),  # 24 and 38 months in stage 5, but stage 5 waits, it never stalls
    ],
)
def test_a_stage_s_products_are_shown_by_status_or_stalled(table, shown, ids):
    stage_5 = table[table["stage"] == 5]
    assert funnel.products_showing(stage_5, shown, 12)["product_id"].tolist() == ids


def test_an_unknown_status_to_show_is_refused(table):
    with pytest.raises(ValueError, match="unknown product status"):
        funnel.products_showing(table, "sleeping")


# --- stalled -------------------------------------------------------------------------------------


def test_a_product_of_stages_0_to_3_is_stalled_from_its_threshold_on(table):
    stalled = funnel.stalled_mask(table, 12)
    assert table.loc[stalled, "product_id"].tolist() == ["P005", "P006"]  # 14 and 48 months
    assert funnel.stalled_mask(table, 14).sum() == 2  # P05 has exactly 14 months: stalled (>=)
    assert table.loc[funnel.stalled_mask(table, {2: 15}), "product_id"].tolist() == ["P006"]


def test_the_stalled_threshold_matches_pipeline_status_at_the_same_value(big):
    scored = big.drop(columns=list(pipeline_status(big.iloc[:1], TODAY).columns))
    for months in (6, 12, 24):
        expected = pipeline_status(scored, TODAY, stalled_months=months)["stalled"]
        assert (funnel.stalled_mask(big, months) == expected).all()


def test_a_negative_stalled_threshold_is_refused(table):
    with pytest.raises(ValueError, match="≥ 0"):
        funnel.stalled_mask(table, -1)


# --- coaching owners -----------------------------------------------------------------------------


def test_owner_load_counts_products_per_coaching_owner_by_star(table):
    load = funnel.owner_load(table)
    assert column(load, "owner") == ["kabkota", "provinsi", "pusat", "unrated"]
    assert column(load, "n_products") == [2, 4, 5, 1]  # ★2: P01 P03; ★3: P04–P07; ★4–5: P08–P12; P02
    assert column(load, "n_in_coaching") == [0, 1, 1, 0]  # stage 4: P07 (★3), P08 (★4)


def test_owner_load_agrees_with_the_scoring_coaching_owner_column(big):
    load = funnel.owner_load(big).set_index("owner")["n_products"]
    owners = big["coaching_owner"].astype(str).replace("", "unrated").value_counts()
    assert load.to_dict() == owners.reindex(load.index, fill_value=0).to_dict()


# --- regions × stages ----------------------------------------------------------------------------


def test_province_matrix_lists_all_38_provinces_with_counts_per_stage(table):
    matrix = funnel.region_stage_matrix(table, "province")
    assert len(matrix) == 38 and {"code", "name", "total"} <= set(matrix.columns)
    bali = matrix.set_index("code").loc["51"]
    assert [bali[f"stage_{s}"] for s in range(7)] == [2, 2, 1, 1, 0, 0, 0]
    aceh = matrix.set_index("code").loc["11"]
    assert [aceh[f"stage_{s}"] for s in range(7)] == [0, 0, 0, 0, 2, 3, 1]
    assert bali["name"] == "Bali" and matrix["total"].sum() == 12
    assert (matrix.set_index("code").drop(index=["11", "51"])["total"] == 0).all()


def test_kabkota_matrix_lists_the_regencies_of_the_chosen_province(table):
    matrix = funnel.region_stage_matrix(table, "kabkota", "51").set_index("code")
    assert len(matrix) == 9 and (matrix["province"] == "51").all()
    assert matrix.loc["51.07", "name"] == "Kabupaten Karangasem"
    assert [matrix.loc["51.07", f"stage_{s}"] for s in range(7)] == [2, 2, 0, 0, 0, 0, 0]
    assert [matrix.loc["51.71", f"stage_{s}"] for s in range(7)] == [0, 0, 1, 1, 0, 0, 0]
    assert matrix["total"].sum() == 6  # Aceh's products are outside Bali


def test_the_filtered_matrix_shows_provinces_or_the_chosen_province_s_kabkota(table):
    every = funnel.filtered_stage_matrix(table, Filters())
    pd.testing.assert_frame_equal(every, funnel.region_stage_matrix(table, "province"))
    late = funnel.filtered_stage_matrix(table, Filters(stages=(5, 6))).set_index("code")
    assert late.loc["11", "total"] == 4 and late["total"].sum() == 4


def test_a_chosen_kabkota_is_shown_among_the_kabkota_of_its_province(table):
    matrix = funnel.filtered_stage_matrix(table, Filters(province="51", kabkota="51.07")).set_index("code")
    assert len(matrix) == 9 and matrix["total"].sum() == 6  # 51.71's products are counted too
    early = funnel.filtered_stage_matrix(table, Filters(province="51", kabkota="51.07", stages=(0,)))
    assert early.set_index("code").loc["51.07", "total"] == 2 and early["total"].sum() == 2


def test_region_matrix_refuses_an_unknown_level(table):
    with pytest.raises(ValueError, match="unknown level"):
        funnel.region_stage_matrix(table, "desa")


# --- blockers ------------------------------------------------------------------------------------


def test_blocking_summary_counts_each_kind_of_blocker_per_stage(table):
    summary = funnel.blocking_summary(table)
    counts = {(s, k): n for s, k, n in summary.itertuples(index=False)}
    assert counts == {
        (0, "unrated"): 1,
        (0, "no_nib"): 2,
        (1, "unrated"): 0,
        (1, "low_score"): 1,
        (2, "few_assessors"): 1,
        (3, "unrated"): 0,
        (4, "unrated"): 0,
        (4, "low_star"): 0,
        (4, "no_export"): 1,
        (5, "no_reeval_date"): 1,
        (5, "reeval_not_yet"): 1,
    }
    assert summary["stage"].is_monotonic_increasing


def test_every_blocked_product_has_a_kind_and_a_reason_and_no_other_product_has_one(big):
    kinds = funnel.blocking_kinds(big)
    status = funnel.product_status(big)
    blocked = status == "blocked"
    assert (kinds.drop(columns=[funnel.WAITING_KIND]).any(axis=1) == blocked).all()
    assert (kinds[funnel.WAITING_KIND] == (status == "waiting")).all()
    assert (big.loc[blocked | (status == "waiting"), "blocking_reason_en"] != "").all()
    assert (big.loc[status.isin(["eligible", "last"]), "blocking_reason_en"] == "").all()


def test_the_score_blocker_uses_the_same_rounding_as_selection():
    scored = score_table(make_products(dict(stage=1, k=49.99), dict(stage=1, k=50)))
    table = pd.concat([scored, pipeline_status(scored, TODAY)], axis=1)
    assert funnel.blocking_kinds(table)["low_score"].tolist() == [True, False]
    assert funnel.product_status(table).tolist() == ["blocked", "eligible"]


def test_the_kinds_of_blocker_and_their_stages_are_those_of_the_entry_conditions():
    assert funnel.BLOCKING_KINDS == {
        "unrated": (0, 1, 3, 4),
        "no_nib": (0,),
        "low_score": (1,),
        "few_assessors": (2,),
        "low_star": (4,),
        "no_export": (4,),
        "no_reeval_date": (5,),
    }
    assert funnel.WAITING_KIND == "reeval_not_yet"


# --- the funnel and the reasons come from one rule set -------------------------------------------

# Words only the reason of each kind contains, written out here rather than taken from the rules,
# so that a kind whose count and words drift apart is caught.
REASON_MARKS = {
    "unrated": ("belum dinilai: lengkapi kelima skor kriteria", "not rated yet: fill in all five criterion scores"),
    "no_nib": ("urus NIB", "get an NIB"),
    "low_score": (
        r"naikkan skor \d+,\d poin, terutama [^;]+ \(k[1-5]\)",
        r"raise the score by \d+\.\d points, mainly [^;]+ \(k[1-5]\)",
    ),
    "few_assessors": (r"perlu [1-3] penilai lagi", r"needs [1-3] more assessors?"),
    "low_star": ("★1: naikkan ke ★4", "★1: reach ★4"),
    "no_export": (r"dokumentasikan ekspor \(★[23]", r"document export \(★[23]"),
    "no_reeval_date": ("isi tanggal penetapan", "fill in the rating date"),
    "reeval_not_yet": (r"evaluasi ulang mulai [A-Z][a-z]+ \d{4}", r"re-evaluation from [A-Z][a-z]+ \d{4}"),
}


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    scored = score_table(rounds.current(read_registry(DEMO_CSV).frame.drop(columns=["_row"])))
    return pd.concat([scored, pipeline_status(scored, TODAY)], axis=1)


def test_every_demo_product_has_exactly_the_blocker_kinds_its_pipeline_reasons_name(demo):
    kinds = funnel.blocking_kinds(demo)
    assert list(kinds.columns) == list(REASON_MARKS)
    for kind, (mark_id, mark_en) in REASON_MARKS.items():
        named_id = demo["blocking_reason_id"].str.contains(mark_id)
        named_en = demo["blocking_reason_en"].str.contains(mark_en)
        assert (kinds[kind] == named_id).all() and (kinds[kind] == named_en).all(), kind
    assert ((demo["blocking_reason_en"] != "") == kinds.any(axis=1)).all()


def test_every_demo_product_counted_blocked_or_waiting_by_the_funnel_is_not_eligible_in_its_status(demo):
    status = funnel.product_status(demo)
    kinds = funnel.blocking_kinds(demo)
    assert ((status == "blocked") == kinds.drop(columns=[funnel.WAITING_KIND]).any(axis=1)).all()
    assert ((status == "waiting") == kinds[funnel.WAITING_KIND]).all()
    assert (status == "eligible").equals(demo["eligible_next_stage"] & (demo["stage"] < 6))
    assert {"blocked", "waiting", "eligible", "last"} <= set(status)  # the demo exercises every status
