"""Silent data holes and spreadsheet round-trip slips are reported, not absorbed (issue 10, defects 3, 7;
LibreOffice findings). Each test names the row and column the user must look at."""

from __future__ import annotations

import pytest

from ovop_core.registry import read_registry

HEADER = "product_id,name,category,region_code,stage,stage_since,k1,k2,k3,k4,k5,nib,permit,halal,brand,export"
TAIL = "50,50,50,50,50,ya,pirt,ya,ya,tidak"


def registry(*rows: str, extra_header: str = "") -> bytes:
    return ("\n".join([HEADER + extra_header, *rows]) + "\n").encode("utf-8")


def problems(data: bytes):
    return read_registry(data).problems


def only(found, code: str):
    return found[found["code"] == code]


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("workers", "1e19", "out_of_range"),
        ("workers", "1000001", "out_of_range"),
        ("revenue_idr", "1e308", "out_of_range"),
        ("revenue_idr", "1000000000000001", "out_of_range"),
        ("assessors", "51", "out_of_range"),
        ("workers", "inf", "not_numeric"),
        ("workers", " 7 0 ", "not_numeric"),
        ("revenue_idr", "12 34", "not_numeric"),
    ],
)
def test_unbounded_or_garbled_numbers_are_errors_naming_row_and_column(column, value, code):
    data = registry(f'P1,Kopi,pangan,11.04,1,,{TAIL},"{value}"', extra_header="," + column)
    found = only(problems(data), code)
    assert found[["row", "column"]].values.tolist() == [[2, column]]
    assert f"Row 2, column '{column}'" in found["message_en"].iloc[0]
    assert f"Baris 2, kolom '{column}'" in found["message_id"].iloc[0]


@pytest.mark.parametrize(("value", "number"), [("1 234 567", 1234567.0), ("1.234.567", 1234567.0), ("72,5", 72.5)])
def test_grouped_and_decimal_comma_numbers_still_read(value, number):
    data = registry(f'P1,Kopi,pangan,11.04,1,,{TAIL},"{value}"', extra_header=",revenue_idr")
    result = read_registry(data)
    assert result.ok and result.frame["revenue_idr"].iloc[0] == number


def test_the_bounds_themselves_are_accepted():
    data = registry(f"P1,Kopi,pangan,11.04,1,,{TAIL},50,1000000000000000,1000000",
                    extra_header=",assessors,revenue_idr,workers")  # fmt: skip
    result = read_registry(data)
    assert result.ok, result.errors["message_en"].tolist()


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1989-12-31", "01/01/2200"])
def test_implausible_stage_dates_are_errors(value):
    found = only(problems(registry(f"P1,Kopi,pangan,11.04,1,{value},{TAIL}")), "date_out_of_range")
    assert found[["row", "column"]].values.tolist() == [[2, "stage_since"]]


def test_a_two_digit_year_is_read_with_a_warning_in_words():
    result = read_registry(registry(f"P1,Kopi,pangan,11.04,1,01/03/25,{TAIL}"))
    assert result.ok and str(result.frame["stage_since"].iloc[0].date()) == "2025-03-01"
    warning = only(result.problems, "two_digit_year").iloc[0]
    assert warning["severity"] == "warning"
    assert "1 Maret 2025" in warning["message_id"] and "1 March 2025" in warning["message_en"]


def test_invisible_characters_are_removed_so_look_alike_ids_are_duplicates():
    data = registry(f"\ufeffP1,Kopi,pangan,11.04,1,,{TAIL}", f"P1,Teh,pangan,11.04,1,,{TAIL}",
                    f"P\u200b2,Gula\u00ad Aren,pangan,11.04,1,,{TAIL}")  # fmt: skip
    result = read_registry(data)
    cleaned = only(result.problems, "invisible_characters")
    assert sorted(cleaned[["row", "column"]].values.tolist()) == [[2, "product_id"], [4, "name"], [4, "product_id"]]
    assert set(cleaned["severity"]) == {"warning"}
    duplicate = only(result.problems, "duplicate_id")
    assert duplicate[["row", "column"]].values.tolist() == [[3, "product_id"]]
    assert result.frame["product_id"].tolist() == ["P1", "P1", "P2"]
    assert result.frame["name"].iloc[2] == "Gula Aren"


def test_a_file_mixing_utf8_and_windows_1252_is_refused_naming_both_rows():
    data = (HEADER + "\n").encode() + f"P1,Kopi Đà Lạt,pangan,11.04,1,,{TAIL}\n".encode()
    data += f"P2,Café,pangan,11.04,1,,{TAIL}\n".encode("cp1252")
    found = problems(data)
    assert found["code"].tolist() == ["mixed_encoding"]
    assert "row 2 is UTF-8, row 3 is not" in found["message_en"].iloc[0]
    assert found["row"].tolist() == [3]


def test_a_windows_1252_file_alone_is_still_read():
    data = (HEADER + "\n" + f"P2,Café Ñusa,pangan,11.04,1,,{TAIL}\n").encode("cp1252")
    result = read_registry(data)
    assert result.ok and result.frame["name"].iloc[0] == "Café Ñusa"


def test_a_region_code_that_lost_its_trailing_zero_suggests_the_code():
    found = problems(registry(f"P1,Kopi,pangan,33.2,1,,{TAIL}"))
    hint = only(found, "trailing_zero_dropped").iloc[0]
    assert "did you mean 33.20?" in hint["message_en"] and "maksud Anda 33.20?" in hint["message_id"]
    assert only(found, "bad_region_code").empty


def test_an_id_with_a_leading_zero_gets_a_warning():
    result = read_registry(registry(f"0012,Kopi,pangan,11.04,1,,{TAIL}"))
    assert result.ok and result.frame["product_id"].iloc[0] == "0012"
    warning = only(result.problems, "leading_zero_id").iloc[0]
    assert warning["severity"] == "warning" and "0012 → 12" in warning["message_en"]
