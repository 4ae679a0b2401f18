"""The edit preview (``store.preview_edit``): score and star before and after an edit, worked out by hand.

The products come from ``make_products`` (the registry frame as the reader gives it); the
default model weighs k1…k5 at 20, 15, 30, 20, 15 (DESIGN.md §4).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import make_products

from ovop_core.model import DEFAULT_MODEL, OCOP_2023
from ovop_core.store import preview_edit

TODAY = "2026-11-29"


def one(**overrides) -> pd.DataFrame:
    return make_products(overrides).drop(columns=["_row"])


def test_raising_k3_by_ten_raises_the_score_by_three_points_its_weight_of_thirty():
    preview = preview_edit(one(k=60), {"k3": 70.0}, today=TODAY)
    assert (preview.score_before, preview.score_after) == (60.0, pytest.approx(63.0))
    assert preview.score_change == pytest.approx(10 * DEFAULT_MODEL.weights["k3"] / 100) == 3.0
    assert preview.problems.empty


def test_the_change_follows_the_model_s_weights():
    preview = preview_edit(one(k=60), {"k3": 70.0}, model=OCOP_2023, today=TODAY)
    assert preview.score_change == pytest.approx(3.5)  # OCOP weighs quality at 35


def test_an_unchanged_product_previews_as_it_is():
    for changes in ({}, {"k3": 60.0, "nib": True, "permit": "none", "stage": 0}):
        preview = preview_edit(one(k=60), changes, today=TODAY)
        assert preview.score_after == preview.score_before == 60.0
        assert preview.stars_after == preview.stars_before == 3
        assert preview.score_change == 0.0 and preview.problems.empty


def test_an_invalid_value_gives_a_problem_naming_its_column():
    preview = preview_edit(one(k=60), {"k3": 150.0}, today=TODAY)
    assert preview.problems["column"].tolist() == ["k3"]
    assert (preview.problems["severity"] == "error").all()
    assert "k3" in preview.problems["message_en"].iloc[0] and "k3" in preview.problems["message_id"].iloc[0]


def test_a_stage_date_in_the_future_is_a_problem_of_the_stage_date():
    preview = preview_edit(one(k=60), {"stage_since": pd.Timestamp.today() + pd.Timedelta(days=30)})
    assert preview.problems["column"].tolist() == ["stage_since"]


def test_the_star_rises_when_the_missing_gate_is_supplied_and_the_cap_reason_goes():
    food = one(k=80, category="pangan", permit="none", halal=True)  # ★4 by score, capped: no P-IRT/BPOM
    capped = preview_edit(food, {}, today=TODAY)
    assert capped.stars_after < 4 and capped.cap_reason("en") and capped.cap_reason("id")
    fixed = preview_edit(food, {"permit": "pirt"}, today=TODAY)
    assert fixed.stars_after > capped.stars_after and fixed.score_change == 0.0


def test_a_product_not_rated_before_has_no_score_change():
    preview = preview_edit(one(k=(60, 60, None, 60, 60)), {"k3": 60.0}, today=TODAY)
    assert math.isnan(preview.score_before) and preview.stars_before == 0
    assert preview.score_after == 60.0 and preview.score_change is None


def test_the_next_stage_and_what_blocks_it_are_judged_after_the_edit():
    blocked = preview_edit(one(k=60, nib=False, stage=0), {}, today=TODAY)
    assert not blocked.eligible_next_stage and blocked.blocking_reason("en") and blocked.blocking_reason("id")
    ready = preview_edit(one(k=60, nib=False, stage=0), {"nib": True}, today=TODAY)
    assert ready.eligible_next_stage and ready.blocking_reason("en") == ""
