"""A stage its data contradicts is a warning with row, column and why (DESIGN.md §6), never an error."""

import pandas as pd
import pytest
from conftest import make_csv, make_products

from ovop_core.contradictions import KINDS, contradictions, found
from ovop_core.registry import read_registry
from ovop_core.scoring import score_table

# One product per kind of contradiction, and one whose stage agrees with everything (P007).
PRODUCTS = [
    dict(stage=2, k=40, assessors=3),  # P001 stage 2, score 40 < 50
    dict(stage=2, k=(60, None, 60, 60, 60), assessors=3),  # P002 stage 2 without a score
    dict(stage=3, k=60, assessors=2),  # P003 stage 3 with 2 assessors
    dict(stage=1, k=60, nib=False),  # P004 stage 1 without NIB
    dict(stage=5, k=60, export=False, assessors=3),  # P005 stage 5 at ★3 without export
    dict(stage=1, k=60),  # P006 stage 1 with a rating date
    dict(stage=5, k=80, assessors=4),  # P007 consistent: ★4 at stage 5
]
RATED_ON = [None, None, None, None, None, "2024-05-01", "2023-01-01"]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    frame = make_products(*PRODUCTS).assign(rated_on=pd.to_datetime(pd.Series(RATED_ON)))
    return score_table(frame)


def test_each_kind_of_contradiction_names_its_product_and_column(table):
    out = contradictions(table)
    assert list(zip(out["product_id"], out["kind"], out["column"])) == [
        ("P001", "low_score", "stage"),
        ("P002", "unscored", "stage"),
        ("P003", "few_assessors", "assessors"),
        ("P004", "no_nib", "nib"),
        ("P005", "not_promotable", "stage"),
        ("P006", "rated_early", "rated_on"),
    ]
    assert "P007" not in set(out["product_id"])


def test_contradictions_say_why_in_indonesian_and_english(table):
    out = contradictions(table).set_index("product_id")
    assert out.loc["P001", "reason_id"].startswith("tahap 2 padahal skor 40,0 di bawah 50")
    assert out.loc["P001", "reason_en"].startswith("stage 2 but the score 40.0 is below 50")
    assert out.loc["P003", "reason_id"].startswith("tahap 3 padahal baru 2 penilai")
    assert out.loc["P003", "reason_en"].startswith("stage 3 but only 2 assessor(s)")
    assert out.loc["P005", "reason_id"].startswith("tahap 5 padahal ★3 tidak memenuhi syarat promosi")
    assert out.loc["P005", "reason_en"].startswith("stage 5 but ★3 does not meet the promotion condition")


@pytest.mark.parametrize(
    "product, kind",
    [
        (dict(stage=2, k=50, assessors=3), "low_score"),  # exactly 50 is selected
        (dict(stage=1, k=40), "low_score"),  # a low score before selection is no contradiction
        (dict(stage=3, k=60), "few_assessors"),  # an unknown number of assessors contradicts nothing
        (dict(stage=2, k=60, assessors=2), "few_assessors"),  # stage 2 is not assessed yet
        (dict(stage=0, k=60, nib=False), "no_nib"),  # stage 0 needs no NIB
        (dict(stage=5, k=40, export=True, assessors=3), "not_promotable"),  # ★2 with export may be promoted
    ],
)
def test_data_that_agree_with_the_stage_are_not_flagged(product, kind):
    assert not found(score_table(make_products(product)))[kind].iloc[0]


def test_without_a_rated_on_column_the_rating_date_check_is_skipped():
    flags = found(score_table(make_products(dict(stage=0, k=60))))
    assert list(flags.columns) == list(KINDS)
    assert not flags["rated_early"].iloc[0]


def test_a_table_without_contradictions_gives_an_empty_frame():
    out = contradictions(score_table(make_products(dict(stage=2, k=60))))
    assert out.empty and "reason_en" in out.columns


# --- the reader reports them as warnings ---------------------------------------------------------


def test_the_reader_warns_with_file_row_and_the_column_as_written_and_still_accepts_the_file():
    data = make_csv(
        {"stage": "4", **{k: "10" for k in ("k1", "k2", "k3", "k4", "k5")}},  # row 2: score 10 at stage 4
        {},  # row 3: consistent (stage 2, score 60, NIB, 3 assessors)
        {"stage": "3", "assessors": "1"},  # row 4
        {"stage": "1", "nib": "tidak"},  # row 5
        {"stage": "5"},  # row 6: ★3 (score 60, every ★3 gate) without export at stage 5
        {"stage": "2", "k3": ""},  # row 7: stage 2 without a score
    )
    header, rest = data.split(b"\n", 1)
    data = header.replace(b",stage,", b",tahap,").replace(b"assessors", b"jumlah_penilai") + b"\n" + rest
    result = read_registry(data)
    assert result.ok
    warned = result.warnings[result.warnings["code"].str.startswith("contradiction_")]
    assert list(zip(warned["row"], warned["column"], warned["code"], warned["severity"])) == [
        (2, "tahap", "contradiction_low_score", "warning"),
        (4, "jumlah_penilai", "contradiction_few_assessors", "warning"),
        (5, "nib", "contradiction_no_nib", "warning"),
        (6, "tahap", "contradiction_not_promotable", "warning"),
        (7, "tahap", "contradiction_unscored", "warning"),
    ]
    assert warned["message_id"].iloc[0] == (
        "Baris 2, kolom 'tahap': tahap 4 padahal skor 10,0 di bawah 50 (seleksi mensyaratkan skor ≥ 50); "
        "periksa tahap atau skor."
    )
    assert warned["message_en"].iloc[1].startswith("Row 4, column 'jumlah_penilai': stage 3 but only 1 assessor(s)")


def test_rows_with_an_error_are_not_checked_for_contradictions():
    data = make_csv({"stage": "4", "k1": "10", "k2": "10", "k3": "10", "k4": "10", "k5": "10", "category": "x"})
    result = read_registry(data)
    assert not result.ok
    assert not result.problems["code"].str.startswith("contradiction_").any()
