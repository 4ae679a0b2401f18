"""Pipeline stages: entry conditions, blocking reasons, stalled and re-evaluation flags (DESIGN.md §6)."""

from datetime import date

import pandas as pd
import pytest
from conftest import make_product, make_products

from ovop_core.demo import synthetic_registry
from ovop_core.pipeline import (
    DEFAULT_STALLED_MONTHS,
    LAST_STAGE,
    RULES,
    eligible_next_stage,
    month_year,
    pipeline_status,
    stalled_thresholds,
)
from ovop_core.scoring import score_table

TODAY = date(2026, 3, 15)


def status(**overrides) -> pd.Series:
    """Pipeline status of one product, scored with the default model, on TODAY."""
    return pipeline_status(score_table(make_product(**overrides)), today=TODAY).iloc[0]


# --- next stage ------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", [0, 1, 2, 3, 4, 5])
def test_next_stage_is_the_following_stage(stage):
    assert status(stage=stage)["next_stage"] == stage + 1


def test_stage_6_is_the_last_stage_with_no_next_stage():
    row = status(stage=6, k=95, assessors=5, stage_since="2020-01-01")
    assert row["next_stage"] is pd.NA
    assert not row["eligible_next_stage"]
    assert row["blocking_reason_id"] == ""
    assert row["blocking_reason_en"] == ""


# --- 0 → 1: all five criterion scores and NIB ----------------------------------------------------


def test_stage_0_product_with_all_scores_and_nib_may_be_proposed():
    row = status(stage=0, k=20, nib=True)
    assert row["eligible_next_stage"]
    assert row["blocking_reason_id"] == ""
    assert row["blocking_reason_en"] == ""


def test_stage_0_product_without_nib_is_blocked_with_the_reason():
    row = status(stage=0, k=60, nib=False)
    assert not row["eligible_next_stage"]
    # Says what to do, in each language (texts not swapped).
    assert row["blocking_reason_id"] == "urus NIB"
    assert row["blocking_reason_en"] == "get an NIB (business identity number)"


def test_stage_0_product_with_a_missing_criterion_score_is_blocked():
    row = status(stage=0, k=(60, 60, None, 60, 60), nib=True)
    assert not row["eligible_next_stage"]
    assert row["blocking_reason_id"] != ""
    assert row["blocking_reason_en"] != ""


def test_stage_0_product_lacking_scores_and_nib_gets_both_reasons():
    row = status(stage=0, k=(60, 60, None, 60, 60), nib=False)
    assert row["blocking_reason_id"] == "belum dinilai: lengkapi kelima skor kriteria; urus NIB"
    assert (
        row["blocking_reason_en"]
        == "not rated yet: fill in all five criterion scores; get an NIB (business identity number)"
    )


def test_stage_0_product_scored_by_sub_items_counts_as_complete():
    levels = {key: 2 for key in "k1a k1b k1c k1d k2a k2b k2c k3a k3b k3c k3d k4a k4b k4c k5a k5b k5c".split()}
    assert status(stage=0, k=(None,) * 5, levels=levels, nib=True)["eligible_next_stage"]


# --- 1 → 2: score ≥ 50 ---------------------------------------------------------------------------


def test_stage_1_product_scoring_exactly_50_may_be_selected():
    assert status(stage=1, k=50.0)["eligible_next_stage"]


def test_stage_1_product_scoring_50_through_a_float_tricky_mix_may_be_selected():
    # 20·32.63 + 15·72.83 + 30·45.38 + 20·63.02 + 15·42.21 = 5000 → 50.0 (naive float: 49.999…)
    assert status(stage=1, k=(32.63, 72.83, 45.38, 63.02, 42.21))["eligible_next_stage"]


def test_stage_1_product_scoring_36_4_is_told_to_raise_it_by_13_6_points_mainly_quality():
    # Score 36.4; weighted shortfalls to 100: k1 20·0.636 = 12.7, k2 9.5, k3 30·0.636 = 19.1, k4 12.7, k5 9.5.
    row = status(stage=1, k=36.4)
    assert not row["eligible_next_stage"]
    assert row["blocking_reason_id"] == "naikkan skor 13,6 poin, terutama mutu & penampilan (k3)"
    assert row["blocking_reason_en"] == "raise the score by 13.6 points, mainly quality & appearance (k3)"


def test_the_main_criterion_is_the_largest_weighted_shortfall_not_the_lowest_score():
    # k = 40, 30, 40, 60, 60 → score 8 + 4.5 + 12 + 12 + 9 = 45.5. Lowest is k2 (30), but its shortfall
    # weighs 15·0.7 = 10.5 points against k3's 30·0.6 = 18.
    row = status(stage=1, k=(40, 30, 40, 60, 60))
    assert row["blocking_reason_id"] == "naikkan skor 4,5 poin, terutama mutu & penampilan (k3)"


def test_the_main_criterion_can_be_another_than_quality():
    # k = 0, 50, 90, 40, 40 → score 0 + 7.5 + 27 + 8 + 6 = 48.5; shortfalls k1 20, k2 7.5, k3 3, k4 12, k5 9.
    row = status(stage=1, k=(0, 50, 90, 40, 40))
    assert row["blocking_reason_id"] == "naikkan skor 1,5 poin, terutama produk unggulan daerah & basis lokal (k1)"
    assert row["blocking_reason_en"] == "raise the score by 1.5 points, mainly regional flagship & local base (k1)"


def test_stage_1_product_scoring_49_99_is_not_selected_and_needs_at_least_0_1_point():
    row = status(stage=1, k=49.99)
    assert not row["eligible_next_stage"]
    # Rounded up, never down into the useless "naikkan skor 0,0 poin".
    assert row["blocking_reason_id"].startswith("naikkan skor 0,1 poin")
    assert row["blocking_reason_en"].startswith("raise the score by 0.1 points")


def test_stage_1_product_without_a_score_is_not_selected():
    row = status(stage=1, k=(60, 60, 60, None, 60))
    assert not row["eligible_next_stage"]
    assert row["blocking_reason_id"] != ""


def test_stage_1_selection_ignores_gates_and_uses_the_score():
    # ★3 by score but capped to ★2 for want of NIB: the score is still ≥ 50.
    assert status(stage=1, k=60, nib=False)["eligible_next_stage"]


# --- 2 → 3: at least 3 assessors -----------------------------------------------------------------


@pytest.mark.parametrize("assessors, eligible", [(3, True), (5, True), (2, False), (0, False)])
def test_stage_2_product_needs_three_assessors(assessors, eligible):
    assert status(stage=2, k=60, assessors=assessors)["eligible_next_stage"] == eligible


def test_stage_2_product_with_two_assessors_says_so():
    row = status(stage=2, k=60, assessors=2)
    assert row["blocking_reason_id"] == "perlu 1 penilai lagi"
    assert row["blocking_reason_en"] == "needs 1 more assessor"


def test_stage_2_product_without_an_assessor_count_is_blocked_and_needs_three():
    row = status(stage=2, k=60)
    assert not row["eligible_next_stage"]
    assert row["blocking_reason_id"] == "perlu 3 penilai lagi"
    assert row["blocking_reason_en"] == "needs 3 more assessors"


# --- 3 → 4: star set ----------------------------------------------------------------------------


@pytest.mark.parametrize("k", [10, 40, 60, 80, 95])
def test_stage_3_product_with_a_star_may_be_coached(k):
    assert status(stage=3, k=k)["eligible_next_stage"]


def test_stage_3_product_without_a_star_is_blocked_as_not_rated_yet():
    row = status(stage=3, k=(60, None, 60, 60, 60))
    assert not row["eligible_next_stage"]
    assert row["blocking_reason_id"] == "belum dinilai: lengkapi kelima skor kriteria"
    assert row["blocking_reason_en"] == "not rated yet: fill in all five criterion scores"


# --- 4 → 5: ★4–5, or ★2–3 with export --------------------------------------------------------------


@pytest.mark.parametrize(
    "k, export, eligible",
    [
        (95, True, True),  # ★5
        (80, False, True),  # ★4 without export
        (80, True, True),  # ★4
        (60, True, True),  # ★3 with export
        (40, True, True),  # ★2 with export
        (60, False, False),  # ★3 without export
        (40, False, False),  # ★2 without export
        (10, True, False),  # ★1 even with export
    ],
)
def test_stage_4_product_may_be_promoted_at_four_stars_or_at_two_three_with_export(k, export, eligible):
    assert status(stage=4, k=k, export=export)["eligible_next_stage"] == eligible


def test_stage_4_promotion_uses_the_capped_star():
    # Score ★4 but no brand → ★3; without export it cannot be promoted.
    row = status(stage=4, k=80, brand=False, export=False)
    assert not row["eligible_next_stage"]
    assert "★3" in row["blocking_reason_id"]


def test_stage_4_product_without_export_at_three_stars_is_told_to_document_export():
    row = status(stage=4, k=60, export=False)
    assert row["blocking_reason_id"] == "dokumentasikan ekspor (★3 perlu bukti ekspor) atau capai ★4"
    assert row["blocking_reason_en"] == "document export (★3 needs it) or reach ★4"


def test_stage_4_product_at_one_star_is_told_to_reach_four_or_two_with_export():
    row = status(stage=4, k=10, export=True)
    assert row["blocking_reason_id"] == "★1: naikkan ke ★4, atau ke ★2–3 dengan bukti ekspor"
    assert row["blocking_reason_en"] == "★1: reach ★4, or ★2–3 with documented export"


def test_stage_4_product_without_a_star_is_not_rated_yet():
    row = status(stage=4, k=(60, 60, 60, 60, None))
    assert row["blocking_reason_id"] == "belum dinilai: lengkapi kelima skor kriteria"


def test_an_eligible_stage_4_product_has_no_reason():
    row = status(stage=4, k=80, export=False)
    assert row["eligible_next_stage"]
    assert (row["blocking_reason_id"], row["blocking_reason_en"]) == ("", "")


# --- 5 → 6: 36 months after stage_since -----------------------------------------------------------


def test_stage_5_product_is_due_for_re_evaluation_exactly_36_months_after_its_stage_date():
    assert status(stage=5, k=80, stage_since="2023-03-15")["eligible_next_stage"]


def test_stage_5_product_one_day_short_of_36_months_is_not_due():
    row = status(stage=5, k=80, stage_since="2023-03-16")
    assert not row["eligible_next_stage"]
    assert row["blocking_reason_id"] != ""


def test_stage_5_product_without_a_stage_date_is_blocked():
    row = status(stage=5, k=80)
    assert not row["eligible_next_stage"]
    assert row["blocking_reason_id"] == "isi tanggal penetapan (atau tanggal tahap)"
    assert row["blocking_reason_en"] == "fill in the rating date (or the stage date)"


def test_a_waiting_stage_5_product_says_the_month_in_words():
    row = status(stage=5, k=80, stage_since="2024-08-15")  # due 2027-08-15
    assert row["blocking_reason_id"] == "evaluasi ulang mulai Agustus 2027"
    assert row["blocking_reason_en"] == "re-evaluation from August 2027"


@pytest.mark.parametrize(
    "lang, expected", [("id", ["Agustus 2029", "Januari 2030", ""]), ("en", ["August 2029", "January 2030", ""])]
)
def test_months_read_as_month_names_in_each_language(lang, expected):
    dates = pd.Series(pd.to_datetime(["2029-08-31", "2030-01-01", None]))
    assert month_year(dates, lang).tolist() == expected


# --- stalled ------------------------------------------------------------------------------------


def test_a_product_longer_than_the_threshold_in_its_stage_is_stalled():
    # 2025-01-15 → 2026-03-15 is 14 months.
    table = score_table(make_product(stage=2, k=60, stage_since="2025-01-15"))
    assert pipeline_status(table, today=TODAY, stalled_months=12)["stalled"].iloc[0]


def test_the_stalled_threshold_is_configurable():
    table = score_table(make_product(stage=2, k=60, stage_since="2025-01-15"))
    assert not pipeline_status(table, today=TODAY, stalled_months=18)["stalled"].iloc[0]


def test_a_product_shorter_than_the_threshold_is_not_stalled():
    table = score_table(make_product(stage=2, k=60, stage_since="2025-09-15"))  # 6 months
    assert not pipeline_status(table, today=TODAY, stalled_months=12)["stalled"].iloc[0]


def test_a_product_without_a_stage_date_is_not_stalled():
    table = score_table(make_product(stage=2, k=60))
    assert not pipeline_status(table, today=TODAY, stalled_months=1)["stalled"].iloc[0]


@pytest.mark.parametrize(
    "stage, since, stalled",
    [
        (0, "2025-09-15", True),  # exactly 6 months: stalled (>=)
        (0, "2025-09-16", False),  # one day less
        (1, "2025-09-15", True),
        (2, "2025-09-16", False),
        (3, "2025-12-15", True),  # stage 3: 3 months by default
        (3, "2025-12-16", False),
        (2, "2025-12-15", False),  # the same 3 months do not stall stage 2 (6 months)
    ],
)
def test_stalled_uses_the_per_stage_default_threshold_inclusive(stage, since, stalled):
    table = score_table(make_product(stage=stage, k=60, stage_since=since))
    assert pipeline_status(table, today=TODAY)["stalled"].iloc[0] == stalled


@pytest.mark.parametrize("stage", [4, 5, 6])
def test_stages_4_to_6_are_never_stalled(stage):
    table = score_table(make_product(stage=stage, k=80, stage_since="2015-01-01"))
    assert not pipeline_status(table, today=TODAY, stalled_months=0)["stalled"].iloc[0]


def test_one_stage_threshold_can_be_set_and_the_others_keep_their_defaults():
    table = score_table(
        make_products({"stage": 3, "stage_since": "2025-12-15"}, {"stage": 0, "stage_since": "2025-09-15"})
    )
    assert pipeline_status(table, today=TODAY, stalled_months={3: 12})["stalled"].tolist() == [False, True]
    assert DEFAULT_STALLED_MONTHS == {0: 6, 1: 6, 2: 6, 3: 3}


def test_a_threshold_for_a_stage_that_cannot_stall_is_refused():
    with pytest.raises(ValueError):
        stalled_thresholds({4: 3})


def test_months_in_stage_are_calendar_months():
    table = score_table(
        make_products({"stage": 2, "stage_since": "2025-09-15"}, {"stage": 2, "stage_since": "2025-09-16"})
    )
    months = pipeline_status(table, today=TODAY)["months_in_stage"]
    assert months.iloc[0] == 6.0
    assert 5.9 < months.iloc[1] < 6.0


def test_months_in_stage_counts_from_the_stage_date():
    table = score_table(make_product(stage=2, k=60, stage_since="2025-03-15"))
    assert pipeline_status(table, today=TODAY)["months_in_stage"].iloc[0] == pytest.approx(12.0, abs=0.05)


# --- re-evaluation due --------------------------------------------------------------------------


@pytest.mark.parametrize("stage", [3, 4, 5, 6])
def test_a_rated_product_is_due_for_re_evaluation_exactly_36_months_after_its_stage_date(stage):
    assert status(stage=stage, k=80, stage_since="2023-03-15")["reeval_due"]


@pytest.mark.parametrize("stage", [3, 4, 5, 6])
def test_a_rated_product_one_day_short_of_36_months_is_not_due(stage):
    assert not status(stage=stage, k=80, stage_since="2023-03-16")["reeval_due"]


@pytest.mark.parametrize("stage", [0, 1, 2])
def test_a_product_before_stage_3_is_never_due_for_re_evaluation(stage):
    assert not status(stage=stage, k=80, stage_since="2020-01-01")["reeval_due"]


def test_a_product_without_a_stage_date_is_not_due_for_re_evaluation():
    assert not status(stage=4, k=80)["reeval_due"]


def rated(rows: list[dict], rated_on: list) -> pd.DataFrame:
    """Products with a ``rated_on`` column (the registry's optional date of the current star)."""
    return score_table(make_products(*rows).assign(rated_on=pd.to_datetime(pd.Series(rated_on))))


def test_re_evaluation_runs_from_rated_on_over_stage_since():
    table = rated(
        [
            {"stage": 5, "k": 80, "stage_since": "2025-01-01"},  # rated 36 months ago: due
            {"stage": 5, "k": 80, "stage_since": "2020-01-01"},  # old stage date, rated 2024: not due
            {"stage": 6, "k": 80, "stage_since": "2020-01-01"},  # stage 6 with an old rating: due
            {"stage": 6, "k": 80, "stage_since": "2020-01-01"},  # stage 6 re-rated last year: not due
            {"stage": 4, "k": 80, "stage_since": "2020-01-01"},  # no rated_on: falls back to stage_since
        ],
        ["2023-03-15", "2024-01-10", "2022-01-01", "2025-06-01", None],
    )
    out = pipeline_status(table, today=TODAY)
    assert out["reeval_due"].tolist() == [True, False, True, False, True]
    assert out["eligible_next_stage"].tolist()[:2] == [True, False]
    assert out["blocking_reason_id"].iloc[1] == "evaluasi ulang mulai Januari 2027"
    assert out["blocking_reason_en"].iloc[1] == "re-evaluation from January 2027"


def test_an_empty_rated_on_column_falls_back_to_the_stage_date():
    table = rated([{"stage": 5, "k": 80, "stage_since": "2023-03-15"}], [None])
    assert pipeline_status(table, today=TODAY)["reeval_due"].iloc[0]


# --- whole table --------------------------------------------------------------------------------


def test_status_is_computed_for_every_product_on_the_same_index():
    table = score_table(
        make_products(
            {"stage": 0, "nib": False},
            {"stage": 1, "k": 47},
            {"stage": 2, "assessors": 3},
            {"stage": 6},
        )
    ).set_index(pd.Index([10, 20, 30, 40]))
    out = pipeline_status(table, today=TODAY)
    assert list(out.index) == [10, 20, 30, 40]
    assert out["eligible_next_stage"].tolist() == [False, False, True, False]
    assert out["next_stage"].tolist()[:3] == [1, 2, 3]
    assert out["next_stage"].isna().tolist() == [False, False, False, True]


def test_an_empty_table_gives_an_empty_status():
    table = score_table(make_products({}).iloc[0:0])
    out = pipeline_status(table, today=TODAY)
    assert len(out) == 0
    assert "eligible_next_stage" in out.columns


def test_skipping_reasons_gives_the_same_eligibility_with_empty_texts():
    table = score_table(make_products({"stage": 0, "nib": False}, {"stage": 1, "k": 47}, {"stage": 1, "k": 50}))
    full = pipeline_status(table, today=TODAY)
    bare = pipeline_status(table, today=TODAY, reasons=False)
    assert bare["eligible_next_stage"].tolist() == full["eligible_next_stage"].tolist() == [False, False, True]
    assert (bare["blocking_reason_id"] == "").all()


# --- the rule set --------------------------------------------------------------------------------


def test_every_stage_below_the_last_has_an_entry_rule_and_the_last_stage_has_none():
    assert {s for rule in RULES for s in rule.stages} == set(range(LAST_STAGE))


def test_only_the_re_evaluation_date_is_a_waiting_rule():
    assert [rule.kind for rule in RULES if rule.waiting] == ["reeval_not_yet"]


def test_eligibility_alone_is_the_eligibility_of_the_full_status():
    scored = score_table(synthetic_registry(2000, seed=11))
    for today in (TODAY, date(2030, 1, 1)):
        expected = pipeline_status(scored, today=today)["eligible_next_stage"]
        pd.testing.assert_series_equal(eligible_next_stage(scored, today), expected, check_names=False)
