"""Reading and validating a product registry file (DESIGN.md §3).

Rows are spreadsheet rows: the header is row 1, the first data row is row 2. Columns are named
as written in the file's header.
"""

import io
import re
from datetime import datetime

import pandas as pd
import pytest
from conftest import GOOD_ROW, make_csv

from ovop_core.registry import read_registry

# --- helpers ------------------------------------------------------------------------------------


def only_problem(result, code: str) -> pd.Series:
    """The single problem with ``code``."""
    hits = result.problems[result.problems["code"] == code]
    assert len(hits) == 1, f"expected one {code!r}, got:\n{result.problems.to_string()}"
    return hits.iloc[0]


def assert_problem(result, code: str, row: int, column: str) -> pd.Series:
    """One error ``code`` at (row, column); both messages name the row and the column."""
    problem = only_problem(result, code)
    assert problem["severity"] == "error"
    assert problem["row"] == row
    assert problem["column"] == column
    for message in (problem["message_id"], problem["message_en"]):
        assert re.search(rf"\b{row}\b", message), message
        assert column in message, message
    assert not result.ok
    return problem


def read(*rows: dict, **kwargs):
    return read_registry(make_csv(*rows, **kwargs))


# --- a good file --------------------------------------------------------------------------------


def test_a_good_file_is_ok_and_has_no_problems():
    result = read({}, {"category": "tekstil", "permit": "sni"})
    assert result.ok
    assert result.problems.empty
    assert result.frame["product_id"].tolist() == ["P001", "P002"]


def test_a_good_row_is_parsed_to_canonical_values():
    row = read({}).frame.iloc[0]
    assert row["product_id"] == "P001"
    assert row["name"] == "Keripik Tempe"
    assert row["producer"] == "Bu Sri"
    assert row["category"] == "pangan"
    assert row["region_code"] == "33.74"
    assert row["province"] == "33"
    assert row["stage"] == 2
    assert row["stage_since"] == pd.Timestamp("2024-01-15")
    assert [row[k] for k in ("k1", "k2", "k3", "k4", "k5")] == [60.0] * 5
    assert (row["nib"], row["permit"], row["halal"], row["brand"], row["export"]) == (
        True, "pirt", True, True, False,
    )  # fmt: skip
    assert row["assessors"] == 3
    assert row["revenue_idr"] == 1_000_000
    assert row["workers"] == 4


def test_indonesian_column_aliases_are_accepted():
    text = (
        "id_produk;nama_produk;produsen;kategori;kode_wilayah;tahap;tahap_sejak;k1;k2;k3;k4;k5;"
        "nib;izin_edar;halal;merek;ekspor;jumlah_penilai;omzet;tenaga_kerja\n"
        "A-1;Bandeng Presto;UD Makmur;pangan;33.74;3;2023-05-01;70;60;80;50;40;"
        "ya;bpom;ya;tidak;tidak;4;2500000;7\n"
    )
    result = read_registry(text.encode())
    assert result.ok, result.problems
    row = result.frame.iloc[0]
    assert (row["product_id"], row["name"], row["producer"]) == ("A-1", "Bandeng Presto", "UD Makmur")
    assert (row["region_code"], row["stage"]) == ("33.74", 3)
    assert [row[k] for k in ("k1", "k2", "k3", "k4", "k5")] == [70, 60, 80, 50, 40]
    assert (row["permit"], row["halal"], row["brand"]) == ("bpom", True, False)
    assert (row["assessors"], row["revenue_idr"], row["workers"]) == (4, 2_500_000, 7)


def test_headers_are_matched_regardless_of_case_and_spaces():
    columns = [c.upper() for c in GOOD_ROW]
    columns[1] = "Nama Produk"
    text = ",".join(columns) + "\n" + ",".join(GOOD_ROW.values()) + "\n"
    result = read_registry(text.encode())
    assert result.ok, result.problems
    assert result.frame["name"].iloc[0] == "Keripik Tempe"


def test_a_semicolon_separated_file_is_read():
    result = read({}, {"name": "Kopi, Gula Aren"}, sep=";")
    assert result.ok, result.problems
    assert result.frame["name"].tolist() == ["Keripik Tempe", "Kopi, Gula Aren"]


def test_a_comma_separated_file_with_a_quoted_comma_is_read():
    result = read({"name": "Kopi, Gula Aren"}, sep=",")
    assert result.ok, result.problems
    assert result.frame["name"].iloc[0] == "Kopi, Gula Aren"


def test_a_utf8_file_with_a_bom_is_read():
    result = read_registry(b"\xef\xbb\xbf" + make_csv({"name": "Dodol Garut – é"}))
    assert result.ok, result.problems
    assert result.frame["product_id"].iloc[0] == "P001"
    assert result.frame["name"].iloc[0] == "Dodol Garut – é"


def test_a_windows_1252_file_is_read():
    result = read({"name": "Kopi Arabika Gayo – é"}, sep=";", encoding="cp1252")
    assert result.ok, result.problems
    assert result.frame["name"].iloc[0] == "Kopi Arabika Gayo – é"


def test_decimal_commas_are_read_as_decimals():
    result = read({"k1": "72,5", "k3": "0,5"}, sep=";")
    assert result.ok, result.problems
    assert result.frame["k1"].iloc[0] == 72.5
    assert result.frame["k3"].iloc[0] == 0.5


def test_decimal_points_are_read_as_decimals():
    result = read({"k1": "72.5"}, sep=";")
    assert result.frame["k1"].iloc[0] == 72.5


@pytest.mark.parametrize(
    "text, value",
    [
        ("ya", True), ("tidak", False), ("Y", True), ("N", False), ("1", True), ("0", False),
        ("TRUE", True), ("false", False), ("Ya", True), ("TIDAK", False), ("y", True), ("n", False),
    ],
)  # fmt: skip
def test_booleans_accept_ya_tidak_y_n_1_0_true_false_in_any_case(text, value):
    result = read({"halal": text, "brand": text})
    assert result.ok, result.problems
    assert result.frame["halal"].iloc[0] == value
    assert result.frame["brand"].iloc[0] == value


def test_dates_in_dd_mm_yyyy_are_read():
    result = read({"stage_since": "15/01/2024"})
    assert result.ok, result.problems
    assert result.frame["stage_since"].iloc[0] == pd.Timestamp("2024-01-15")


def test_an_empty_stage_date_is_allowed():
    result = read({"stage_since": ""})
    assert result.ok, result.problems
    assert pd.isna(result.frame["stage_since"].iloc[0])


def test_undotted_region_codes_are_normalised():
    row = read({"region_code": "3374"}).frame.iloc[0]
    assert (row["region_code"], row["province"]) == ("33.74", "33")


def test_desa_codes_roll_up_to_their_kab_kota():
    result = read({"region_code": "33.74.01.1001"})
    assert result.ok, result.problems
    assert result.frame["region_code"].iloc[0] == "33.74"


def test_category_is_matched_regardless_of_case_and_spacing():
    result = read({"category": "Rumah Tangga"})
    assert result.ok, result.problems
    assert result.frame["category"].iloc[0] == "rumah_tangga"


@pytest.mark.parametrize("text, permit", [("PIRT", "pirt"), ("bpom", "bpom"), ("SNI", "sni"), ("none", "none")])
def test_permits_are_read_in_any_case(text, permit):
    result = read({"permit": text})
    assert result.ok, result.problems
    assert result.frame["permit"].iloc[0] == permit


def test_optional_columns_may_be_left_empty():
    result = read({"producer": "", "assessors": "", "revenue_idr": "", "workers": ""})
    assert result.ok, result.problems
    row = result.frame.iloc[0]
    assert pd.isna(row["assessors"]) and pd.isna(row["revenue_idr"]) and pd.isna(row["workers"])


def test_an_html_product_name_is_kept_as_plain_text_unchanged():
    name = "<script>alert('x')</script> & <b>Keripik</b>"
    result = read({"name": name})
    assert result.ok, result.problems
    assert result.frame["name"].iloc[0] == name


def test_a_name_of_200_characters_is_accepted():
    assert read({"name": "a" * 200}).ok


def test_a_registry_is_read_from_a_path_and_from_a_file_object(tmp_path):
    path = tmp_path / "produk.csv"
    path.write_bytes(make_csv({}))
    from_path = read_registry(path)
    from_file = read_registry(io.BytesIO(make_csv({})))
    assert from_path.ok and from_file.ok
    assert from_path.source_name == "produk.csv"
    assert from_path.frame["product_id"].tolist() == from_file.frame["product_id"].tolist() == ["P001"]


def test_an_unknown_extra_column_is_only_a_warning():
    result = read({}, columns=list(GOOD_ROW) + ["catatan"])
    assert result.ok
    assert result.errors.empty
    assert "catatan" in result.warnings["column"].tolist()


def test_sub_item_levels_are_read_when_complete():
    columns = [c for c in GOOD_ROW if c != "k1"] + ["k1a", "k1b", "k1c", "k1d"]
    result = read({"k1a": "3", "k1b": "0", "k1c": "2", "k1d": "1"}, columns=columns)
    assert result.ok, result.problems
    row = result.frame.iloc[0]
    assert [row[k] for k in ("k1a", "k1b", "k1c", "k1d")] == [3, 0, 2, 1]
    assert pd.isna(row["k1"])


# --- XLSX ---------------------------------------------------------------------------------------


def write_xlsx(path, header, rows, title="Produk"):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


XLSX_HEADER = [
    "id_produk", "nama_produk", "kategori", "kode_wilayah", "tahap", "tahap_sejak",
    "k1", "k2", "k3", "k4", "k5", "nib", "izin_edar", "halal", "merek", "ekspor",
    "jumlah_penilai", "omzet", "tenaga_kerja",
]  # fmt: skip


def test_an_xlsx_file_with_indonesian_headers_and_numeric_cells_is_read(tmp_path):
    path = write_xlsx(
        tmp_path / "registri.xlsx",
        XLSX_HEADER,
        [
            ["X1", "Batik Tulis", "tekstil", "33.74", 4, datetime(2022, 6, 1),
             72.5, 60, 80, 55, 65, "ya", "sni", "tidak", "ya", True, 3, 1500000, 12],
            ["X2", "Kopi Gayo", "minuman", 1104, 1, "01/02/2025",
             50, 50, 50, 50, 50, 1, "pirt", 0, "tidak", False, None, None, None],
        ],
    )  # fmt: skip
    result = read_registry(path)
    assert result.ok, result.problems
    first, second = result.frame.iloc[0], result.frame.iloc[1]
    assert (first["product_id"], first["name"], first["category"]) == ("X1", "Batik Tulis", "tekstil")
    assert (first["region_code"], first["stage"]) == ("33.74", 4)
    assert first["stage_since"] == pd.Timestamp("2022-06-01")
    assert [first[k] for k in ("k1", "k2", "k3", "k4", "k5")] == [72.5, 60, 80, 55, 65]
    assert (first["nib"], first["permit"], first["halal"], first["brand"], first["export"]) == (
        True, "sni", False, True, True,
    )  # fmt: skip
    assert (first["assessors"], first["revenue_idr"], first["workers"]) == (3, 1_500_000, 12)
    assert second["region_code"] == "11.04"
    assert second["stage_since"] == pd.Timestamp("2025-02-01")
    assert (second["nib"], second["halal"], second["export"]) == (True, False, False)


def test_xlsx_problems_name_the_sheet_row_and_column(tmp_path):
    path = write_xlsx(
        tmp_path / "registri.xlsx",
        XLSX_HEADER,
        [
            ["X1", "Batik", "tekstil", "33.74", 2, None, 60, 60, 60, 60, 60, "ya", "none", "ya", "ya", "ya", 3, 1, 1],
            ["X2", "Kopi", "tekstil", "33.74", 2, None, 60, 60, 160, 60, 60, "ya", "none", "ya", "ya", "ya", 3, 1, 1],
        ],
    )
    assert_problem(read_registry(path), "out_of_range", row=3, column="k3")


def test_xlsx_reads_the_first_sheet_whose_headers_match(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Petunjuk"
    book.active.append(["Isi lembar 'Produk' di bawah ini."])
    sheet = book.create_sheet("Produk")
    sheet.append(XLSX_HEADER)
    sheet.append(
        ["X1", "Batik", "tekstil", "33.74", 2, None, 60, 60, 60, 60, 60, "ya", "none", "ya", "ya", "ya", 3, 1, 1]
    )
    book.save(tmp_path / "registri.xlsx")
    result = read_registry(tmp_path / "registri.xlsx")
    assert result.ok, result.problems
    assert result.frame["product_id"].tolist() == ["X1"]


def test_windows_line_endings_are_read():
    result = read_registry(make_csv({}, {"k3": "101"}).replace(b"\n", b"\r\n"))
    assert result.frame["name"].tolist() == ["Keripik Tempe", "Keripik Tempe"]
    assert_problem(result, "out_of_range", row=3, column="k3")


def test_a_quoted_name_spanning_two_lines_is_one_spreadsheet_row():
    result = read({"name": "Kopi\nGayo"}, {"k3": "101"})
    assert result.frame["name"].iloc[0] == "Kopi\nGayo"
    assert_problem(result, "out_of_range", row=3, column="k3")


# --- bad input: one test per kind ---------------------------------------------------------------


def test_an_unknown_region_code_is_reported():
    problem = assert_problem(read({"region_code": "99.99"}), "unknown_region", row=2, column="region_code")
    assert "99.99" in problem["message_en"]


def test_a_malformed_region_code_is_reported():
    assert_problem(read({"region_code": "33-74"}), "bad_region_code", row=2, column="region_code")


def test_a_province_only_code_is_reported():
    assert_problem(read({"region_code": "33"}), "province_code", row=2, column="region_code")


def test_an_empty_region_code_is_reported():
    assert_problem(read({"region_code": ""}), "required_value", row=2, column="region_code")


def test_the_column_is_named_as_written_in_the_header():
    text = make_csv({"region_code": "99.99"}).decode().replace("region_code", "Kode Wilayah", 1)
    assert_problem(read_registry(text.encode()), "unknown_region", row=2, column="Kode Wilayah")


def test_a_duplicated_product_id_is_reported_on_the_later_row_naming_the_first():
    result = read({}, {"product_id": "X"}, {}, {"product_id": "X"})
    problem = assert_problem(result, "duplicate_id", row=5, column="product_id")
    assert re.search(r"\b3\b", problem["message_id"])
    assert re.search(r"\b3\b", problem["message_en"])


def test_an_out_of_range_score_is_reported():
    assert_problem(read({"k3": "101"}), "out_of_range", row=2, column="k3")


def test_a_negative_score_is_reported():
    assert_problem(read({"k2": "-1"}), "out_of_range", row=2, column="k2")


@pytest.mark.parametrize("value", ["0", "100"])
def test_scores_at_the_ends_of_the_range_are_accepted(value):
    assert read({"k1": value}).ok


def test_a_non_numeric_score_is_reported():
    problem = assert_problem(read({"k2": "tinggi"}), "not_numeric", row=2, column="k2")
    assert "tinggi" in problem["message_en"]


def test_a_bad_category_is_reported():
    problem = assert_problem(read({"category": "makanan"}), "bad_category", row=2, column="category")
    assert "makanan" in problem["message_id"]
    assert problem["value"] == "makanan"


@pytest.mark.parametrize("stage", ["7", "-1", "2.5", "dua"])
def test_a_bad_stage_is_reported(stage):
    assert_problem(read({"stage": stage}), "bad_stage", row=2, column="stage")


def test_an_empty_stage_is_reported():
    assert_problem(read({"stage": ""}), "required_value", row=2, column="stage")


def test_a_bad_boolean_is_reported():
    problem = assert_problem(read({"halal": "mungkin"}), "bad_boolean", row=2, column="halal")
    assert "mungkin" in problem["message_en"]


def test_a_bad_permit_is_reported():
    assert_problem(read({"permit": "sertifikat"}), "bad_permit", row=2, column="permit")


@pytest.mark.parametrize("value", ["2024-13-45", "15-01-2024", "kemarin", "31/02/2024"])
def test_a_bad_date_is_reported(value):
    assert_problem(read({"stage_since": value}), "bad_date", row=2, column="stage_since")


def test_a_non_whole_assessor_count_is_reported():
    result = read({"assessors": "2,5"}, sep=";")
    assert not result.ok
    assert only_problem(result, "not_whole")["column"] == "assessors"


def test_negative_revenue_is_reported():
    assert_problem(read({"revenue_idr": "-5"}), "out_of_range", row=2, column="revenue_idr")


def test_an_empty_file_is_reported():
    result = read_registry(b"")
    assert not result.ok
    assert result.frame is None
    problem = only_problem(result, "empty_file")
    assert problem["message_id"] and problem["message_en"]


def test_a_file_of_only_a_bom_and_blank_lines_is_empty():
    result = read_registry(b"\xef\xbb\xbf\n\n")
    assert not result.ok
    assert result.problems["code"].tolist() == ["empty_file"]


def test_a_header_only_file_is_reported():
    result = read_registry(make_csv())
    assert not result.ok
    problem = only_problem(result, "no_data_rows")
    assert problem["row"] == 1


def test_a_missing_required_column_is_reported():
    result = read({}, columns=[c for c in GOOD_ROW if c != "category"])
    assert not result.ok
    problem = only_problem(result, "missing_column")
    assert problem["row"] == 1
    assert problem["column"] == "category"
    assert "category" in problem["message_en"] and "kategori" in problem["message_id"]


def test_a_missing_criterion_column_is_reported():
    result = read({}, columns=[c for c in GOOD_ROW if c != "k4"])
    assert only_problem(result, "missing_column")["column"] == "k4"
    assert not result.ok


def test_a_duplicated_column_is_reported_naming_both_spellings():
    columns = list(GOOD_ROW) + ["id_produk"]
    result = read_registry(make_csv({"id_produk": "P001"}, columns=columns))
    assert not result.ok
    problem = only_problem(result, "duplicate_column")
    assert problem["row"] == 1
    assert problem["column"] == "id_produk"
    for message in (problem["message_id"], problem["message_en"]):
        assert "product_id" in message and "id_produk" in message


def test_partially_filled_sub_items_are_reported():
    columns = list(GOOD_ROW) + ["k1a", "k1b", "k1c", "k1d"]
    result = read({"k1a": "3", "k1b": "2", "k1c": "", "k1d": "1"}, columns=columns)
    assert not result.ok
    problem = only_problem(result, "incomplete_sub_items")
    assert problem["row"] == 2
    assert problem["column"] == "k1c"  # the empty cell itself
    assert "k1c" in problem["message_id"] and "k1c" in problem["message_en"]


def test_a_sub_item_level_above_3_is_reported():
    columns = [c for c in GOOD_ROW if c != "k1"] + ["k1a", "k1b", "k1c", "k1d"]
    result = read({"k1a": "4", "k1b": "0", "k1c": "2", "k1d": "1"}, columns=columns)
    assert only_problem(result, "out_of_range")["column"] == "k1a"
    assert not result.ok


def test_a_too_long_name_is_reported():
    assert_problem(read({"name": "a" * 201}), "too_long", row=2, column="name")


def test_an_empty_name_is_reported():
    assert_problem(read({"name": ""}), "required_value", row=2, column="name")


def test_an_empty_product_id_is_reported():
    assert_problem(read({"product_id": ""}), "required_value", row=2, column="product_id")


def test_a_row_with_too_many_fields_is_reported_with_its_row():
    text = make_csv({}, {}).decode().splitlines()
    text[2] += ",extra"
    result = read_registry(("\n".join(text) + "\n").encode())
    assert not result.ok
    assert only_problem(result, "ragged_row")["row"] == 3


def test_a_binary_file_is_reported_not_raised():
    result = read_registry(b"\x00\x01\x02garbage\x00")
    assert not result.ok
    assert result.frame is None


def test_a_corrupt_xlsx_is_reported_not_raised():
    result = read_registry(b"PK\x03\x04 this is not really a zip")
    assert not result.ok
    assert result.problems["code"].tolist() == ["corrupt_xlsx"]


# --- every problem, whole-file rejection, clean rows --------------------------------------------


def test_every_bad_row_is_reported_not_just_the_first():
    result = read({}, {"k3": "101"}, {}, {"category": "makanan"}, {"halal": "mungkin"})
    errors = result.errors
    assert errors["row"].tolist() == [3, 5, 6]
    assert errors["code"].tolist() == ["out_of_range", "bad_category", "bad_boolean"]


def test_every_problem_in_one_row_is_reported():
    result = read({"k1": "x", "category": "makanan", "permit": "?"})
    assert sorted(result.errors["code"]) == ["bad_category", "bad_permit", "not_numeric"]
    assert set(result.errors["row"]) == {2}


def test_a_file_with_errors_is_not_ok():
    assert not read({}, {"k3": "101"}).ok


def test_rows_with_errors_are_counted_once_each():
    result = read({}, {"k3": "101", "halal": "mungkin"}, {}, {"category": "makanan"})
    assert len(result.errors) == 3 and result.n_error_rows == 2


def test_the_header_s_problems_are_not_counted_as_rows_with_errors_below_a_title_row():
    lines = make_csv({}, {"k3": "101"}).decode().splitlines()
    position = lines[0].split(",").index("category")
    without = [",".join(c for i, c in enumerate(line.split(",")) if i != position) for line in lines]
    result = read_registry(("Registri OVOP\n" + "\n".join(without) + "\n").encode())
    assert result.header_row == 2 and result.errors["row"].tolist() == [2]  # the missing column
    assert result.n_error_rows == 0
    titled = read_registry(("Registri OVOP\n" + "\n".join(lines) + "\n").encode())
    assert titled.errors["row"].tolist() == [4] and titled.n_error_rows == 1


def test_clean_rows_excludes_exactly_the_bad_rows():
    result = read({}, {"k3": "101"}, {}, {"category": "makanan"}, {"halal": "mungkin"}, {})
    assert result.clean_rows()["product_id"].tolist() == ["P001", "P003", "P006"]


def test_clean_rows_of_a_good_file_are_all_rows():
    result = read({}, {})
    assert result.clean_rows()["product_id"].tolist() == ["P001", "P002"]


def test_a_blank_line_still_counts_as_a_spreadsheet_row():
    lines = make_csv({}, {"k3": "101"}).decode().splitlines()
    lines.insert(2, "")  # header 1, P001 2, blank 3, P002 4
    result = read_registry(("\n".join(lines) + "\n").encode())
    assert_problem(result, "out_of_range", row=4, column="k3")
    assert result.clean_rows()["product_id"].tolist() == ["P001"]


def test_the_offending_value_is_reported():
    assert only_problem(read({"k3": "101"}), "out_of_range")["value"] == "101"


def test_xlsx_date_with_a_time_of_day_and_a_numeric_region_code_are_read(tmp_path):
    # Excel stores 33.10 typed as a number as 33.1; a stage date may carry a time.
    path = write_xlsx(
        tmp_path / "registri.xlsx",
        XLSX_HEADER,
        [["X1", "Batik", "tekstil", 33.1, 2, datetime(2022, 6, 1, 10, 30),
          60, 60, 60, 60, 60, "ya", "none", "ya", "ya", "ya", 3, 1, 1]],
    )  # fmt: skip
    result = read_registry(path)
    assert result.ok, result.problems
    row = result.frame.iloc[0]
    assert row["region_code"] == "33.10"
    assert row["stage_since"] == pd.Timestamp("2022-06-01")


def test_xlsx_reads_the_same_with_the_fast_reader_and_with_openpyxl(tmp_path, monkeypatch):
    from ovop_core.demo import synthetic_registry
    from ovop_core.export import write_xlsx as write_registry_xlsx
    from ovop_core.registry import workbook_table

    path = tmp_path / "registry.xlsx"
    write_registry_xlsx(synthetic_registry(300, seed=4), path, lang="id")
    fast = read_registry(path)
    assert workbook_table._calamine_book(path.read_bytes()) is not None
    monkeypatch.setattr(workbook_table, "_calamine_book", lambda data: None)
    slow = read_registry(path)
    assert fast.ok and slow.ok
    pd.testing.assert_frame_equal(fast.frame, slow.frame)
