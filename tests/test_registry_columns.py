"""The registry's newer columns (DESIGN.md §3): non_halal, rated_on, permit spellings and the place
code kept at the depth it was given.

Rows are spreadsheet rows: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import GOOD_ROW, make_csv

from ovop_core.export import write_csv, write_xlsx
from ovop_core.registry import read_registry


def read(*rows: dict, **kwargs):
    return read_registry(make_csv(*rows, **kwargs))


def with_columns(*extra: str) -> list[str]:
    return [*GOOD_ROW, *extra]


def codes(result, column: str) -> list[str]:
    return [p for p in result.problems[result.problems["column"] == column]["code"]]


# --- permit spellings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, permit",
    [
        ("P-IRT", "pirt"),
        ("p-irt", "pirt"),
        ("PIRT", "pirt"),
        ("SPP-IRT", "pirt"),
        ("spp irt", "pirt"),
        ("BPOM", "bpom"),
        ("BPOM MD", "bpom"),
        ("BPOM RI ML", "bpom"),
        ("MD", "bpom"),
        ("ml", "bpom"),
        ("TR", "bpom"),
        ("SNI", "sni"),
        ("belum ada", "none"),
    ],
)
def test_a_permit_written_the_usual_ways_reads_as_its_choice(text, permit):
    result = read({"permit": text})
    assert result.ok, result.problems
    assert result.frame["permit"].tolist() == [permit]


@pytest.mark.parametrize("text", ["PIRT-BPOM", "SPP", "IRT", "MD-BPOM-X", "halal"])
def test_a_permit_that_is_none_of_the_spellings_is_an_error(text):
    result = read({"permit": text})
    assert codes(result, "permit") == ["bad_permit"] and not result.ok


def test_the_bad_permit_message_speaks_of_a_permit_or_product_standard():
    problem = read({"permit": "sertifikat"}).problems.iloc[0]
    assert "izin edar atau standar produk" in problem["message_id"]
    assert "permit or product standard" in problem["message_en"]


# --- non_halal ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected", [("ya", True), ("YES", True), ("y", True), ("1", True), ("tidak", False), ("", False)]
)
def test_non_halal_reads_yes_no_like_the_other_flags(text, expected):
    result = read({"halal": "tidak", "non_halal": text}, columns=with_columns("non_halal"))
    assert result.ok, result.problems
    assert result.frame["non_halal"].tolist() == [expected]


def test_the_indonesian_header_bukan_halal_is_read_as_non_halal():
    result = read({"halal": "tidak", "bukan_halal": "ya"}, columns=with_columns("bukan_halal"))
    assert result.ok and result.frame["non_halal"].tolist() == [True]


def test_a_file_without_non_halal_is_not_warned_and_marks_nothing():
    result = read({}, {})
    assert result.problems.empty
    assert result.frame["non_halal"].tolist() == [False, False]


def test_a_non_halal_value_that_is_not_yes_or_no_is_an_error():
    result = read({"non_halal": "babi"}, columns=with_columns("non_halal"))
    assert codes(result, "non_halal") == ["bad_boolean"]


def test_a_row_both_halal_and_non_halal_is_an_error_naming_the_row_and_both_columns():
    result = read(
        {"halal": "tidak", "bukan_halal": "ya"},
        {"halal": "ya", "bukan_halal": "ya"},
        {"halal": "ya", "bukan_halal": "tidak"},
        columns=with_columns("bukan_halal"),
    )
    assert not result.ok and result.n_error_rows == 1
    problem = result.errors.iloc[0]
    assert (problem["row"], problem["column"], problem["code"], problem["value"]) == (
        3,
        "bukan_halal",
        "halal_and_non_halal",
        "ya",
    )
    assert problem["message_id"] == (
        "Baris 3, kolom 'bukan_halal': 'ya': produk bertanda bukan halal tidak dapat sekaligus bersertifikat "
        "halal (kolom 'halal' berisi ya); isi 'ya' di salah satu kolom saja."
    )
    assert problem["message_en"] == (
        "Row 3, column 'bukan_halal': 'ya': a product marked non-halal cannot also hold a halal certificate "
        "(column 'halal' says yes); expected 'yes' in only one of the two columns."
    )
    assert result.clean_rows()["product_id"].tolist() == ["P001", "P003"]


def test_the_both_flags_message_names_the_halal_column_as_the_file_writes_it():
    columns = [c if c != "halal" else "Halal" for c in GOOD_ROW] + ["non_halal"]
    result = read({"Halal": "true", "non_halal": "TRUE"}, columns=columns)
    problem = result.errors.iloc[0]
    assert problem["code"] == "halal_and_non_halal" and "kolom 'Halal'" in problem["message_id"]
    assert "column 'Halal'" in problem["message_en"]


# --- rated_on ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2025-04-10", "10/04/2025", "10/4/2025"])
def test_rated_on_reads_iso_and_day_month_year_dates(text):
    result = read({"rated_on": text}, columns=with_columns("rated_on"))
    assert result.ok, result.problems
    assert result.frame["rated_on"].tolist() == [pd.Timestamp("2025-04-10")]
    assert result.frame["rated_on"].dtype == "datetime64[us]"


def test_the_indonesian_header_tanggal_penetapan_is_read_as_rated_on():
    result = read({"tanggal_penetapan": "01/12/2025"}, columns=with_columns("tanggal_penetapan"))
    assert result.ok and result.frame["rated_on"].tolist() == [pd.Timestamp("2025-12-01")]


def test_an_empty_or_missing_rated_on_is_unknown_without_a_warning():
    assert read({}).frame["rated_on"].isna().all() and read({}).problems.empty
    result = read({"rated_on": ""}, columns=with_columns("rated_on"))
    assert result.problems.empty and result.frame["rated_on"].isna().all()


@pytest.mark.parametrize(
    "text, code",
    [
        ("31/02/2025", "bad_date"),
        ("2025-13-01", "bad_date"),
        ("kemarin", "bad_date"),
        ("1989-12-31", "date_out_of_range"),
        ("2999-01-01", "date_out_of_range"),
    ],
)
def test_a_rated_on_that_is_no_date_or_out_of_bounds_is_an_error_in_its_row(text, code):
    result = read({}, {"rated_on": text}, columns=with_columns("rated_on"))
    problem = result.errors.iloc[0]
    assert (len(result.errors), problem["row"], problem["column"], problem["code"]) == (1, 3, "rated_on", code)
    assert re.search(r"\b3\b", problem["message_id"]) and "rated_on" in problem["message_en"]


def test_a_two_digit_year_in_rated_on_is_read_with_a_warning():
    result = read({"rated_on": "10/04/25", "stage": "3"}, columns=with_columns("rated_on"))
    assert result.ok and codes(result, "rated_on") == ["two_digit_year"]
    assert result.frame["rated_on"].tolist() == [pd.Timestamp("2025-04-10")]


# --- the place keeps its depth -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, place",
    [
        ("35.73", "35.73"),  # kab/kota (Kota Malang)
        ("3573", "35.73"),
        ("35.73.01", "35.73.01"),  # kecamatan Blimbing
        ("357301", "35.73.01"),
        ("35.73.01.2001", "35.73.01.2001"),  # a desa/kelurahan of Blimbing
        ("3573012001", "35.73.01.2001"),
    ],
)
def test_the_place_code_keeps_the_depth_given_and_the_region_code_is_its_kabkota(written, place):
    result = read({"region_code": written})
    assert result.ok, result.problems
    row = result.frame.iloc[0]
    assert (row["place_code"], row["region_code"], row["province"]) == (place, "35.73", "35")


def test_a_place_in_an_unknown_kabkota_is_refused_and_left_empty():
    result = read({"region_code": "99.99.01.2001"})
    assert codes(result, "region_code") == ["unknown_region"]
    assert result.frame["place_code"].tolist() == [""] and result.frame["region_code"].tolist() == [""]


def desa_registry():
    rows = [
        {"region_code": "35.73.01.2001"},
        {"region_code": "357301"},  # a kecamatan, undotted
        {"region_code": "61.05"},
        {"region_code": "51.04.02.2005", "halal": "tidak", "non_halal": "ya", "rated_on": "2025-06-30"},
    ]
    result = read(*rows, columns=with_columns("non_halal", "rated_on"))
    assert result.ok, result.problems
    return result.frame.drop(columns=["_row"])


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("write", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_an_export_read_back_gives_the_same_places_flags_and_dates(write, lang):
    frame = desa_registry()
    again = read_registry(write(frame, lang=lang))
    assert again.ok, again.problems
    back = again.frame.drop(columns=["_row"])
    assert back["place_code"].tolist() == ["35.73.01.2001", "35.73.01", "61.05", "51.04.02.2005"]
    assert back["region_code"].tolist() == ["35.73", "35.73", "61.05", "51.04"]
    pd.testing.assert_frame_equal(back, frame)


def test_an_export_writes_the_place_in_the_region_column_and_no_place_column():
    text = write_csv(desa_registry()).decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert "place_code" not in header.split(",") and ",35.73.01.2001," in first
    assert "non_halal" in header.split(",") and "rated_on" in header.split(",")


def test_an_export_of_a_frame_without_places_writes_the_kabkota_codes():
    frame = desa_registry().drop(columns=["place_code"])
    back = read_registry(write_csv(frame)).frame
    assert back["place_code"].tolist() == ["35.73", "35.73", "61.05", "51.04"]


def test_an_export_writes_the_kabkota_when_the_place_lies_outside_it():
    frame = desa_registry()
    frame.loc[0, "region_code"] = "11.04"  # moved to another kab/kota in code, the old desa left behind
    back = read_registry(write_csv(frame)).frame
    assert back.loc[0, ["region_code", "place_code"]].tolist() == ["11.04", "11.04"]
    assert back.loc[1, "place_code"] == frame.loc[1, "place_code"]  # a place inside its kab/kota is kept
