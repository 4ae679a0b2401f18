"""Pipeline rules at their edges (found by mutation testing, `make mutation`).

Each test pins a behaviour of ``ovop_core/pipeline.py`` that a plausible slip would change unnoticed
by the main pipeline tests: which stars are promotable, calendar months across a month's end and a
new year, which criterion a reason names under each scoring model, the index of month texts, and
the default day of the eligibility check.
"""

from datetime import date

import pandas as pd
import pytest
from conftest import make_products

from ovop_core.model import CRITERIA
from ovop_core.pipeline import (
    STAGES,
    eligible_next_stage,
    main_shortfall,
    month_year,
    months_between,
    pipeline_status,
    promotable,
    score_gap_text,
)
from ovop_core.scoring import score_table


def test_four_and_five_stars_are_promotable_and_two_or_three_only_with_export():
    stars = pd.Series([5, 4, 3, 2, 3, 1])
    export = pd.Series([False, False, True, True, False, True])
    assert promotable(stars, export).tolist() == [True, True, True, True, False, False]


def test_months_in_stage_count_the_part_of_the_month_under_way():
    # 20 Jan → 10 Jul: five whole months (to 20 Jun), then 20 of the 30 days to 20 Jul.
    months = months_between(pd.Series(pd.to_datetime(["2026-01-20"])), date(2026, 7, 10))
    assert months.iloc[0] == pytest.approx(5 + 20 / 30)


def test_months_in_stage_run_on_across_a_new_year():
    # 20 Nov 2025 → 10 Jan 2026: one whole month (to 20 Dec), then 21 of the 31 days to 20 Jan.
    months = months_between(pd.Series(pd.to_datetime(["2025-11-20"])), date(2026, 1, 10))
    assert months.iloc[0] == pytest.approx(1 + 21 / 31)


def test_month_texts_keep_the_callers_index_and_are_empty_without_a_date():
    dates = pd.Series(pd.to_datetime(["2029-08-01", None]), index=[4, 9])
    assert month_year(dates, "en").to_dict() == {4: "August 2029", 9: ""}
    assert month_year(dates, "id").to_dict() == {4: "Agustus 2029", 9: ""}


def _k_table(rows: list[tuple[float, ...]], versions: list[str] | None = None) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=list(CRITERIA), dtype="float64")
    if versions is not None:
        table["model_version"] = versions
    return table


def test_the_main_shortfall_uses_the_default_weights_when_the_model_is_not_named():
    # Default weights 20/15/30/20/15; all k = 40 → shortfalls 12, 9, 18, 12, 9: k3 (index 2).
    assert main_shortfall(_k_table([(40, 40, 40, 40, 40)])).tolist() == [2]


def test_the_main_shortfall_uses_the_weights_of_the_model_that_scored_each_product():
    # k = (40, 0, 100, 50, 50). Default 20/15/30/20/15 → 12, 15, 0, 10, 7.5: k2.
    # ocop-2023 20/10/35/15/20 → 12, 10, 0, 7.5, 10: k1.
    # custom k1=60, rest 10, on k = (50, 0, 100, 100, 100) → 30, 10, 0, 0, 0: k1 (default: k2).
    table = _k_table(
        [(40, 0, 100, 50, 50), (40, 0, 100, 50, 50), (50, 0, 100, 100, 100)],
        ["ovop-2026.2", "ocop-2023", "custom(k1=60,k2=10,k3=10,k4=10,k5=10)"],
    )
    assert main_shortfall(table).tolist() == [1, 0, 0]


def test_an_unparseable_model_version_falls_back_to_the_default_weights():
    table = _k_table([(50, 0, 100, 100, 100)], ["custom(k1=60,k2=40)"])
    assert main_shortfall(table).tolist() == [1]


def test_the_main_shortfall_is_the_first_criterion_on_a_tie_whatever_the_weights():
    # k2 = 0 (weight 15) and k3 = 50 (weight 30) both leave exactly 15 points: k2 comes first.
    assert main_shortfall(_k_table([(100, 0, 50, 100, 100)])).tolist() == [1]


def test_eligibility_without_a_day_is_judged_on_today():
    # Stage 5, rated in 2020: 36 months have long passed, so re-evaluation (stage 6) is due today.
    scored = score_table(make_products({"k": 80, "stage": 5, "rated_on": pd.Timestamp("2020-01-01")}))
    assert eligible_next_stage(scored).tolist() == [True]
    assert eligible_next_stage(scored, date(2021, 1, 1)).tolist() == [False]


def test_the_score_gap_shown_is_always_enough_as_the_bands_compare_scores():
    # Bands compare scores snapped to 9 decimals (scoring.snap). 36.39999996 + 13.6 is still
    # below 50, so 13,7 is shown; 36.3999999996 snaps to 36.4, and 13,6 is then enough.
    scores = pd.Series([36.39999996, 36.3999999996, 36.4])
    assert score_gap_text(scores, "id").tolist() == ["13,7", "13,6", "13,6"]
    assert score_gap_text(scores, "en").tolist() == ["13.7", "13.6", "13.6"]


def test_the_pipeline_status_without_a_day_is_judged_on_today_and_flags_are_yes_or_no():
    # Rated in 2020, at stage 5: re-evaluation is due today (not on some other day), and the
    # flags read as yes/no (a download shows True/False, not 1.0/0.0).
    scored = score_table(make_products({"k": 80, "stage": 5, "rated_on": pd.Timestamp("2020-01-01")}))
    status = pipeline_status(scored)
    assert status["reeval_due"].tolist() == [True] and status["eligible_next_stage"].tolist() == [True]
    assert status["reeval_due"].dtype == bool and status["stalled"].dtype == bool
    assert pipeline_status(scored, date(2021, 1, 1))["reeval_due"].tolist() == [False]


TODAY = date(2026, 11, 29)


def test_a_registry_without_an_assessors_column_has_no_assessor_yet():
    # Two stage-2 products cut from a larger table (row labels 3 and 7), no assessors column:
    # each needs all 3 assessors.
    scored = score_table(make_products({"k": 60, "stage": 2}, {"k": 70, "stage": 2})).set_axis([3, 7])
    status = pipeline_status(scored.drop(columns=["assessors"]), TODAY)
    assert status["eligible_next_stage"].tolist() == [False, False]
    assert status["blocking_reason_en"].tolist() == ["needs 3 more assessors"] * 2


def test_a_registry_without_rated_on_counts_re_evaluation_from_the_stage_date():
    products = make_products(
        {"k": 80, "stage": 5, "stage_since": pd.Timestamp("2020-01-01")},
        {"k": 80, "stage": 5, "stage_since": pd.Timestamp("2025-01-01")},
    )
    scored = score_table(products).set_axis([4, 9]).drop(columns=["rated_on"])
    status = pipeline_status(scored, TODAY)
    # 2020-01 + 36 months = 2023-01: due; 2025-01 + 36 months = 2028-01: not yet.
    assert status["reeval_due"].tolist() == [True, False]
    assert status["blocking_reason_en"].tolist() == ["", "re-evaluation from January 2028"]


def test_a_stage_date_that_cannot_be_read_counts_as_no_date():
    scored = score_table(make_products({"k": 60, "stage": 1}))
    scored["stage_since"] = pd.Series(["bukan tanggal"], dtype=object)
    status = pipeline_status(scored, TODAY)
    assert status["months_in_stage"].isna().tolist() == [True]
    assert status["stalled"].tolist() == [False]


def test_stages_are_named_as_in_the_design_in_both_languages():
    assert [s.name("id") for s in STAGES][::3] == ["Identifikasi potensi", "Penilaian & penetapan", "Evaluasi ulang"]
    assert [s.name("en") for s in STAGES][::3] == ["Identified", "Assessed & rated", "Re-evaluation due"]
