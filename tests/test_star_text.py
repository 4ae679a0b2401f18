"""Estimated stars always look estimated (DESIGN.md §4): "≈" and the word, in both languages."""

from __future__ import annotations

import pandas as pd
import pytest

from ovop_ui.text.stars import star_column, star_label


@pytest.mark.parametrize(
    ("lang", "official", "expected"),
    [
        ("id", True, "★★★☆☆ 3"),
        ("id", False, "≈★★★☆☆ 3 (perkiraan)"),
        ("en", True, "★★★☆☆ 3"),
        ("en", False, "≈★★★☆☆ 3 (estimate)"),
    ],
)
def test_a_star_below_stage_three_reads_as_an_estimate(lang, official, expected):
    assert star_label(3, lang, official) == expected


def test_not_rated_is_never_an_estimate():
    assert star_label(0, "id", official=False) == "belum dinilai"


def test_a_column_marks_each_row_by_its_own_official_flag():
    frame = pd.DataFrame({"stars": [4, 4, 0, 5], "official": [True, False, False, True]}, index=[7, 3, 9, 1])
    texts = star_column(frame, "en")
    assert texts.tolist() == ["★★★★☆ 4", "≈★★★★☆ 4 (estimate)", "not rated", "★★★★★ 5"]
    assert texts.index.tolist() == [7, 3, 9, 1]


def test_a_table_without_the_official_flag_claims_no_official_star():
    assert star_column(pd.DataFrame({"stars": [3]}), "id").tolist() == ["≈★★★☆☆ 3 (perkiraan)"]
