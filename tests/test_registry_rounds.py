"""The registry's ``round`` column (DESIGN.md §3 ``round [periode]``): a year, product ids unique per
round, every row with its round once the file has the column, and written back by exports."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import GOOD_ROW, make_csv

from ovop_core.export import write_csv, write_xlsx
from ovop_core.registry import read_registry
from ovop_core.templates import template_csv

COLUMNS = [*GOOD_ROW, "round"]


def read(*rows: dict, columns: list[str] = COLUMNS):
    return read_registry(make_csv(*rows, columns=columns))


def errors_of(result, column: str) -> pd.DataFrame:
    problems = result.problems
    return problems[(problems["column"] == column) & (problems["severity"] == "error")]


def test_the_round_is_read_as_a_whole_year_under_its_indonesian_name():
    columns = ["periode" if c == "round" else c for c in COLUMNS]
    result = read(dict(periode="2025"), dict(periode=" 2026 "), columns=columns)
    assert result.ok
    assert result.frame["round"].tolist() == [2025, 2026] and str(result.frame["round"].dtype) == "Int64"


def test_a_file_without_a_round_column_has_no_rounds():
    result = read({}, columns=list(GOOD_ROW))
    assert result.ok and result.frame["round"].isna().all()


@pytest.mark.parametrize("value", ["1999", "2101", "dua ribu", "2025.5", "25"])
def test_a_round_that_is_not_a_year_2000_to_2100_is_an_error_naming_row_column_and_value(value):
    result = read(dict(round="2025"), dict(round=value))
    found = errors_of(result, "round")
    assert found["row"].tolist() == [3] and found["code"].tolist() == ["bad_round"]
    message_id, message_en = found["message_id"].iloc[0], found["message_en"].iloc[0]
    assert (
        message_id.startswith("Baris 3, kolom 'round': ") and f"'{value}'" in message_id and "2000–2100" in message_id
    )
    assert message_en.startswith("Row 3, column 'round': ") and f"'{value}'" in message_en and "2000–2100" in message_en


def test_a_blank_round_in_a_file_with_rounds_is_an_error_saying_every_row_needs_one():
    columns = ["periode" if c == "round" else c for c in COLUMNS]
    result = read(dict(periode="2025"), dict(periode=""), columns=columns)
    found = errors_of(result, "periode")
    assert found["row"].tolist() == [3]
    assert "setiap baris perlu periodenya" in found["message_id"].iloc[0]
    assert "every row needs its round" in found["message_en"].iloc[0]
    assert found["message_en"].iloc[0].startswith("Row 3, column 'periode': ")


def test_the_same_product_id_in_two_rounds_is_two_rows():
    result = read(dict(product_id="A", round="2025"), dict(product_id="A", round="2026"))
    assert result.ok and result.frame["product_id"].tolist() == ["A", "A"]


def test_the_same_product_id_twice_in_one_round_is_an_error_naming_both_rows_and_the_round():
    result = read(
        dict(product_id="A", round="2025"), dict(product_id="A", round="2026"), dict(product_id="A", round="2025")
    )
    found = errors_of(result, "product_id")
    assert found["row"].tolist() == [4] and found["code"].tolist() == ["duplicate_id_in_round"]
    assert (
        found["message_en"].iloc[0]
        == "Row 4, column 'product_id': product_id 'A' is already used in row 2 for round 2025."
    )
    assert (
        found["message_id"].iloc[0]
        == "Baris 4, kolom 'product_id': id_produk 'A' sudah dipakai di baris 2 untuk periode 2025."
    )


def test_without_rounds_a_repeated_product_id_is_still_an_error():
    result = read(dict(product_id="A"), dict(product_id="A"), columns=list(GOOD_ROW))
    assert errors_of(result, "product_id")["code"].tolist() == ["duplicate_id"]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_an_export_writes_the_rounds_back_and_reads_the_same(writer, lang):
    frame = read(dict(product_id="A", round="2025"), dict(product_id="A", round="2026")).frame
    again = read_registry(writer(frame.drop(columns=["_row"]), lang=lang))
    assert again.ok
    pd.testing.assert_frame_equal(again.frame.drop(columns=["_row"]), frame.drop(columns=["_row"]))


def test_an_export_of_a_registry_without_rounds_has_no_round_column():
    frame = read({}, columns=list(GOOD_ROW)).frame.drop(columns=["_row"])
    header = write_csv(frame).decode("utf-8-sig").splitlines()[0].split(",")
    assert "round" not in header and header[0] == "product_id"


def test_the_indonesian_template_has_the_periode_column_and_its_examples_validate():
    text = template_csv("id").decode("utf-8-sig")
    header = text.splitlines()[0].split(";")
    assert header[-2:] == ["periode", "tautan"]
    result = read_registry(template_csv("id"))
    assert result.ok and result.frame["round"].tolist() == [2026, 2026]
