"""Targets per region and year (DESIGN.md §11): the table's checks, and done / on track / behind
at their exact edges, on tiny hand-computed histories."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

from ovop_core import targets as tg
from ovop_core.targets import Target, parse_targets, progress

HEADER = "region_code,year,recognised,share_recognised\n"


def error_of(text: str) -> tg.TargetsError:
    with pytest.raises(tg.TargetsError) as caught:
        parse_targets(text, "t.csv")
    return caught.value


# --- reading ---------------------------------------------------------------------------------


def test_a_table_reads_as_targets_with_codes_dotted_and_national_empty():
    found = parse_targets(HEADER + "3374,2027,3,\n,2027,450,50\n33,2026,40,12.5\n")
    assert found.items == (
        Target("", 2027, 450, Fraction(50)),
        Target("33", 2026, 40, Fraction(25, 2)),
        Target("33.74", 2027, 3, None),
    )


def test_indonesian_headers_semicolons_and_decimal_commas_are_read():
    found = parse_targets("kode_wilayah;tahun;terakui;persen_terakui\n33;2027;45;42,5\n")
    assert found.items == (Target("33", 2027, 45, Fraction(85, 2)),)


def test_the_share_column_is_optional():
    assert parse_targets("region_code,year,recognised\n11,2027,20\n").items == (Target("11", 2027, 20, None),)


@pytest.mark.parametrize(
    ("row", "column", "value"),
    [
        ("99,2027,5,", "region_code", "99"),  # no province 99
        ("33.26.05,2027,5,", "region_code", "33.26.05"),  # a kecamatan: targets are province or kab/kota
        ("33,20x7,5,", "year", "20x7"),
        ("33,1999,5,", "year", "1999"),
        ("33,2027,4.5,", "recognised", "4.5"),
        ("33,2027,-1,", "recognised", "-1"),
        ("33,2027,5,101", "share_recognised", "101"),
        ("33,2027,5,abc", "share_recognised", "abc"),
    ],
)
def test_a_bad_cell_names_its_row_column_and_value_in_both_languages(row, column, value):
    error = error_of(HEADER + "11,2027,20,\n" + row + "\n")
    assert error.text("en").startswith(f"t.csv, row 3, column '{column}': '{value}'")
    assert error.text("id").startswith(f"t.csv, baris 3, kolom '{column}': '{value}'")


def test_a_second_target_for_the_same_region_and_year_is_an_error_naming_the_first():
    error = error_of(HEADER + "33,2027,40,\n11,2027,5,\n33,2027,41,\n")
    assert error.text("en") == "t.csv, row 4, column 'year': this region and year already have a target in row 2."


def test_a_missing_column_and_an_empty_table_are_errors():
    assert "recognised" in error_of("region_code,year\n33,2027\n").text("en")
    assert error_of(HEADER).text("id").startswith("t.csv: tabel target kosong")


def test_to_csv_reads_back_as_the_same_targets():
    found = parse_targets(HEADER + ",2027,450,50\n33.74,2027,3,\n33,2026,40,12.5\n")
    assert parse_targets(found.to_csv()).items == found.items


def test_the_shipped_demo_targets_are_valid():
    assert len(tg.read_targets().items) >= 5


def test_the_current_target_is_the_next_one_due_else_the_latest_past():
    found = parse_targets(HEADER + "33,2025,30,\n33,2027,45,\n33,2029,60,\n")
    assert found.current("33", 2026).year == 2027
    assert found.current("33", 2027).year == 2027
    assert found.current("33", 2030).year == 2029
    assert found.current("11", 2026) is None


# --- status ----------------------------------------------------------------------------------

# First round 2024 with 30, target 45 in 2027: the path gains 5 a year, so 2026 expects 40.
TARGET = Target("33", 2027, 45)


def rounds(*counts: int, first: int = 2024) -> pd.Series:
    return pd.Series(counts, index=range(first, first + len(counts)))


def test_a_count_exactly_on_the_path_is_on_track():
    p = progress(TARGET, rounds(30, 33, 40))
    assert (p.status, p.current, p.expected, p.gap) == ("on_track", 40, 40, 5)


def test_one_below_the_path_is_behind():
    p = progress(TARGET, rounds(30, 33, 39))
    assert (p.status, p.expected, p.gap) == ("behind", 40, 6)


def test_a_count_equal_to_the_target_is_done_and_nothing_is_missing():
    p = progress(TARGET, rounds(30, 45))
    assert (p.status, p.gap) == ("done", 0)


def test_the_path_is_exact_when_it_falls_between_whole_numbers():
    # 2024: 10 → 2027: 20 expects 10 + 10 × 2/3 = 50/3 = 16 2/3 by 2026: 17 is on track, 16 behind.
    target = Target("33", 2027, 20)
    assert progress(target, pd.Series({2024: 10, 2026: 17})).expected == Fraction(50, 3)
    assert progress(target, pd.Series({2024: 10, 2026: 17})).status == "on_track"
    assert progress(target, pd.Series({2024: 10, 2026: 16})).status == "behind"


def test_a_single_round_is_behind_unless_done():
    p = progress(TARGET, pd.Series({2026: 44}))
    assert (p.status, p.expected, p.rounds) == ("behind", None, 1)
    assert progress(TARGET, pd.Series({2026: 45})).status == "done"


def test_in_or_past_the_target_year_not_reaching_it_is_behind():
    p = progress(TARGET, rounds(30, 40, 44, 44))  # 2027 is the newest round
    assert (p.status, p.expected, p.gap) == ("behind", 45, 1)
    assert progress(TARGET, rounds(30, 40, 44, 44, 44)).status == "behind"  # 2028


def test_a_share_target_runs_the_same_rule_on_the_share_of_rated_products():
    # Share 20 % in 2024 → 50 % in 2027 expects 40 % in 2026: 40/100 is on track, 39/100 behind.
    target = Target("33", 2027, 100, Fraction(50))
    recognised, rated = rounds(20, 30, 40), rounds(100, 100, 100)
    p = progress(target, recognised, rated)
    assert (p.status, p.share.status, p.share.current, p.share.expected) == ("behind", "on_track", 40, 40)
    behind = progress(target, rounds(20, 30, 39), rated).share
    assert (behind.status, behind.gap) == ("behind", 11)
    done = progress(target, rounds(20, 30, 40), rounds(100, 100, 80)).share
    assert (done.status, done.current) == ("done", 50)


def test_without_a_share_target_there_is_no_share_reading():
    assert progress(TARGET, rounds(30, 40), rounds(50, 50)).share is None


def test_recognised_after_counts_official_products_at_three_stars_or_more_in_the_region():
    products = pd.DataFrame(
        {
            "region_code": ["33.74", "33.74", "33.01", "35.01", "33.74"],
            "official": [True, True, True, True, False],
            "stars_after": [3, 2, 5, 4, 5],
        }
    )
    assert tg.recognised_after(products, "33.74") == 1
    assert tg.recognised_after(products, "33") == 2
    assert tg.recognised_after(products, "") == 3
    before = products.assign(stars=[2, 2, 5, 4, 5])  # the first one gains its third star in the scenario
    assert tg.recognised_after(before, "33.74", "stars") == 0
    assert tg.reaches(Target("33", 2027, 2), 2) and not tg.reaches(Target("33", 2027, 3), 2)


def test_the_shipped_demo_targets_show_every_status_the_demo_data_allows():
    """Three rounds (2024-2026) in the demo: done, on track and behind all appear; a registry of one
    round has no pace to be on track with, so there only done and behind can."""
    from pathlib import Path

    from ovop_core import summary
    from ovop_core.model import DEFAULT_MODEL
    from ovop_core.registry import read_registry

    frame = read_registry(Path(tg.DEFAULT_TARGETS).parent / "products_demo.csv").frame
    table = summary.analysed_table(frame, DEFAULT_MODEL, "2026-11-01")
    rounds = table["round"] if "round" in table.columns and table["round"].notna().any() else None
    by = rounds if rounds is not None else pd.Series(2026, index=table.index)
    statuses = set()
    for target in tg.read_targets().items:
        inside = summary.region_mask(table, target.region_code)
        recognised = table["recognised"][inside].groupby(by[inside]).sum()
        rated = (table["stars"][inside] > 0).groupby(by[inside]).sum()
        statuses.add(progress(target, recognised, rated).status)
    assert statuses == ({"done", "on_track", "behind"} if rounds is not None else {"done", "behind"})
