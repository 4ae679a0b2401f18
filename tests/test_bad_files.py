"""A corpus of bad registry files (tests/data/bad/, made by tests/data/make_bad_files.py).

Every file yields its own problem codes, at the right row and column, with messages in Indonesian
and English that name them, and ``read_registry`` never raises, whatever the bytes.
"""

from __future__ import annotations

import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ovop_core.registry import read_registry

DATA = Path(__file__).resolve().parent / "data"
BAD = DATA / "bad"
sys.path.insert(0, str(DATA))
import make_bad_files  # noqa: E402


@dataclass(frozen=True)
class Expect:
    code: str
    row: int = 0  # 0: the file as a whole
    column: str = ""  # "": no column
    severity: str = "error"


@dataclass(frozen=True)
class Case:
    file: str
    expect: tuple[Expect, ...]
    ok: bool = False
    readable: bool = True  # a frame of rows comes back


CASES = [
    # --- not a table at all ---------------------------------------------------------------------
    Case("empty.csv", (Expect("empty_file"),), readable=False),
    Case("whitespace_only.csv", (Expect("empty_file"),), readable=False),
    Case("header_only.csv", (Expect("no_data_rows", 1),), readable=False),
    Case("binary_garbage.csv", (Expect("binary_file"),), readable=False),
    Case("pdf_renamed.csv", (Expect("wrong_file_type"),), readable=False),
    Case("png_renamed.csv", (Expect("wrong_file_type"),), readable=False),
    Case("docx_renamed.xlsx", (Expect("wrong_file_type"),), readable=False),
    Case("zip_renamed.xlsx", (Expect("wrong_file_type"),), readable=False),
    Case("old_excel.xls", (Expect("xls_format"),), readable=False),
    Case("password_protected.xlsx", (Expect("password_protected"),), readable=False),
    Case("password_protected_msoffcrypto.xlsx", (Expect("password_protected"),), readable=False),
    Case("corrupt_truncated.xlsx", (Expect("corrupt_xlsx"),), readable=False),
    Case("no_registry_sheet.xlsx", (Expect("no_matching_sheet", 1),), readable=False),
    Case("utf16_without_bom.csv", (Expect("bad_encoding"),), readable=False),
    Case("undecodable_bytes.csv", (Expect("bad_encoding", 3),), readable=False),
    Case("wrong_delimiter_pipe.csv", (Expect("wrong_delimiter", 1),), readable=False),
    Case("unclosed_quote.csv", (Expect("unclosed_quote", 2),), readable=False),
    # --- header problems ------------------------------------------------------------------------
    Case(
        "missing_columns.csv",
        (Expect("missing_column", 1, "category"), Expect("missing_column", 1, "k4")),
        readable=False,
    ),  # fmt: skip
    Case("duplicated_columns.csv", (Expect("duplicate_column", 1, "id_produk"),)),
    Case("extra_columns.csv", (Expect("unknown_column", 1, "catatan", "warning"),), ok=True),
    Case(
        "merged_header.xlsx",
        (Expect("merged_header", 1, "k1"), *(Expect("missing_column", 1, k) for k in ("k2", "k3", "k4", "k5"))),
        readable=False,
    ),  # fmt: skip
    Case("title_rows.csv", (Expect("header_not_first", 4, "", "warning"), Expect("out_of_range", 6, "k3"))),
    Case("title_rows.xlsx", (Expect("header_not_first", 4, "", "warning"), Expect("out_of_range", 6, "k3"))),
    # --- cell problems --------------------------------------------------------------------------
    Case("bom_with_problems.csv", (Expect("out_of_range", 3, "k3"), Expect("bad_category", 3, "category"))),
    Case("decimal_comma_out_of_range.csv", (Expect("out_of_range", 3, "k1"),)),
    Case("decimal_comma_unquoted.csv", (Expect("ragged_row", 3),)),
    Case("duplicated_ids.csv", (Expect("duplicate_id", 5, "product_id"),)),
    Case("unknown_region.csv", (Expect("unknown_region", 3, "region_code"),)),
    Case("out_of_range_scores.csv", (Expect("out_of_range", 2, "k2"), Expect("out_of_range", 3, "k5"))),
    Case("non_numeric_scores.csv", (Expect("not_numeric", 3, "k3"),)),
    Case("bad_booleans.csv", (Expect("bad_boolean", 3, "halal"),)),
    Case("bad_category.csv", (Expect("bad_category", 3, "category"),)),
    Case("bad_permit.csv", (Expect("bad_permit", 3, "permit"),)),
    Case("bad_stage.csv", (Expect("bad_stage", 3, "stage"),)),
    Case("formulas.xlsx", (Expect("formula", 2, "workers"), Expect("formula", 3, "k4"))),
    Case(
        "control_characters.csv",
        (
            Expect("invisible_characters", 3, "name", "warning"),
            Expect("invisible_characters", 3, "producer", "warning"),
        ),
        ok=True,
    ),  # fmt: skip
    Case(
        "very_long_strings.csv",
        (
            Expect("too_long", 3, "product_id"),
            Expect("too_long", 3, "name"),
            Expect("bad_category", 3, "category"),
            Expect("bad_region_code", 3, "region_code"),
            Expect("bad_permit", 3, "permit"),
        ),
    ),  # fmt: skip
    # --- odd but acceptable ---------------------------------------------------------------------
    Case("html_in_names.csv", (), ok=True),
    Case(
        "formula_like_text.csv",
        (
            Expect("formula_like_text", 2, "name", "warning"),
            Expect("formula_like_text", 3, "producer", "warning"),
            Expect("formula_like_text", 4, "name", "warning"),
        ),
        ok=True,
    ),  # fmt: skip
    Case("dates_as_datetime.xlsx", (), ok=True),
]


def test_the_corpus_is_large_and_every_file_has_a_case():
    files = {p.name for p in BAD.iterdir()}
    assert len(files) >= 25
    assert files == {c.file for c in CASES}


def test_the_committed_corpus_is_what_the_script_generates():
    generated = make_bad_files.corpus()
    for name, data in generated.items():
        assert (BAD / name).read_bytes() == data, f"{name}: run python tests/data/make_bad_files.py"


def assert_names_row_and_column(problem, row: int, column: str) -> None:
    for message in (problem["message_id"], problem["message_en"]):
        if row > 0:
            assert re.search(rf"\b{row}\b", message), message
        if column:
            assert f"'{column}'" in message, message


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file)
def test_each_bad_file_reports_its_own_problems(case: Case):
    result = read_registry(BAD / case.file)
    problems = result.problems
    found = set(zip(problems["code"], problems["row"], problems["column"], problems["severity"]))
    expected = {(e.code, e.row, e.column, e.severity) for e in case.expect}
    assert found == expected, problems.to_string()
    assert result.ok is case.ok
    assert (result.frame is not None) is case.readable
    for e in case.expect:
        hit = problems[(problems["code"] == e.code) & (problems["row"] == e.row) & (problems["column"] == e.column)]
        problem = hit.iloc[0]
        assert problem["message_id"] and problem["message_en"]
        assert problem["message_id"] != problem["message_en"]
        assert_names_row_and_column(problem, e.row, e.column)


SAMPLE = ["bad_category.csv", "formulas.xlsx", "password_protected.xlsx", "pdf_renamed.csv", "title_rows.csv"]


@pytest.mark.parametrize("name", SAMPLE)
def test_bytes_and_file_objects_read_the_same_as_paths(name):
    data = (BAD / name).read_bytes()
    by_path = read_registry(BAD / name).problems
    for source in (data, io.BytesIO(data)):
        assert read_registry(source).problems.equals(by_path)


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.iterdir()))
def test_truncated_files_never_raise(name):
    data = (BAD / name).read_bytes()
    for cut in (len(data) // 2,):
        result = read_registry(data[:cut])
        assert result.frame is not None or not result.errors.empty


# --- specific messages ----------------------------------------------------------------------------


def test_long_values_are_cut_short_in_messages():
    result = read_registry(BAD / "very_long_strings.csv")
    for _, problem in result.problems.iterrows():
        assert len(problem["message_en"]) < 400 and len(problem["message_id"]) < 400
        assert len(problem["value"]) <= 200


def test_control_characters_never_reach_the_messages():
    result = read_registry(BAD / "control_characters.csv")
    for column in ("value", "message_id", "message_en"):
        assert not result.problems[column].str.contains("[\x00-\x08]", regex=True).any()


def test_html_in_names_is_kept_as_plain_text():
    frame = read_registry(BAD / "html_in_names.csv").frame
    assert frame["name"].tolist() == ["<script>alert('x')</script>", "<b>Kopi</b> & <i>Teh</i>"]
    assert frame["producer"].tolist() == ["Bu Sri", "<img src=x>"]


def test_formula_like_text_is_accepted_unchanged():
    frame = read_registry(BAD / "formula_like_text.csv").frame
    assert frame["name"].iloc[0] == '=HYPERLINK("http://x","klik")'
    assert frame["producer"].iloc[1] == "@SUM(1+1)"


@pytest.mark.parametrize("name", ["title_rows.csv", "title_rows.xlsx"])
def test_rows_below_a_title_keep_their_file_row_numbers(name):
    result = read_registry(BAD / name)
    assert result.header_row == 4
    assert result.frame["_row"].tolist() == [5, 6]
    assert result.clean_rows()["product_id"].tolist() == ["P001"]


def test_a_ragged_row_is_left_out_and_the_other_rows_are_read():
    result = read_registry(BAD / "decimal_comma_unquoted.csv")
    assert result.frame["product_id"].tolist() == ["P001"]
    assert result.frame["_row"].tolist() == [2]


def test_every_ragged_row_is_reported_not_just_the_first():
    text = make_bad_files.csv_text(make_bad_files.rows({}, {}, {}, {}))
    lines = text.splitlines()
    lines[2] += ",x"
    lines[4] += ",y,z"
    result = read_registry(("\n".join(lines) + "\n").encode())
    assert result.errors["code"].tolist() == ["ragged_row", "ragged_row"]
    assert result.errors["row"].tolist() == [3, 5]
    assert result.frame["_row"].tolist() == [2, 4]


def test_merged_header_message_names_the_range_and_the_columns():
    problem = read_registry(BAD / "merged_header.xlsx").problems.query("code == 'merged_header'").iloc[0]
    for message in (problem["message_id"], problem["message_en"]):
        assert "H1:L1" in message and "'k1'" in message


def test_formula_messages_show_the_formula_and_say_paste_as_values():
    problems = read_registry(BAD / "formulas.xlsx").problems.set_index("column")
    assert "=AVERAGE(H3:J3)" in problems.loc["k4", "message_en"]
    assert "rumus tidak diizinkan" in problems.loc["k4", "message_id"]
    assert "Paste Special" in problems.loc["workers", "message_en"]


def test_formulas_in_an_ignored_column_are_not_errors():
    def build(sheet):
        sheet["U1"] = "catatan"
        sheet["U2"] = "=1+1"

    data = make_bad_files.xlsx_bytes(make_bad_files.rows({}), build)
    result = read_registry(data)
    assert result.ok, result.problems
    assert result.problems["code"].tolist() == ["unknown_column"]


def test_an_encrypted_file_says_how_to_remove_the_password():
    problem = read_registry(BAD / "password_protected.xlsx").problems.iloc[0]
    assert "kata sandi" in problem["message_id"] and "password" in problem["message_en"]


def test_an_old_xls_says_save_as_xlsx_or_csv():
    problem = read_registry(BAD / "old_excel.xls").problems.iloc[0]
    assert ".xlsx" in problem["message_en"] and "CSV" in problem["message_en"]
    assert ".xlsx" in problem["message_id"]


def test_a_latin1_file_with_undefined_bytes_names_the_row():
    problem = read_registry(BAD / "undecodable_bytes.csv").problems.iloc[0]
    assert "0x81" in problem["message_en"]


# --- size limit -----------------------------------------------------------------------------------

LIMIT = 100 * 1024 * 1024


@pytest.fixture(scope="session")
def big_file(tmp_path_factory) -> Path:
    """A 101 MB registry-looking CSV, written once per test session."""
    path = tmp_path_factory.mktemp("big") / "registri_besar.csv"
    row = make_bad_files.csv_text(make_bad_files.rows({})).splitlines()[1].encode() + b"\n"
    header = (",".join(make_bad_files.HEADER) + "\n").encode()
    with open(path, "wb") as handle:
        handle.write(header)
        handle.write(row * (101 * 1024 * 1024 // len(row) + 1))
    return path


def test_a_file_over_100_mb_is_refused_before_it_is_read(big_file):
    assert big_file.stat().st_size > LIMIT
    result = read_registry(big_file)
    assert result.frame is None
    assert result.problems["code"].tolist() == ["file_too_large"]
    problem = result.problems.iloc[0]
    assert "101" in problem["message_en"] and "100 MB" in problem["message_en"]
    assert "101" in problem["message_id"] and "100 MB" in problem["message_id"]


def test_the_size_limit_applies_to_bytes_and_to_file_objects(big_file):
    data = big_file.read_bytes()
    assert read_registry(data).problems["code"].tolist() == ["file_too_large"]
    with open(big_file, "rb") as handle:
        assert read_registry(handle).problems["code"].tolist() == ["file_too_large"]


def test_a_stream_that_cannot_seek_is_cut_at_the_limit():
    class Pipe:
        def __init__(self, data):
            self.data = io.BytesIO(data)

        def read(self, n=-1):
            return self.data.read(n)

    result = read_registry(Pipe(b"x" * 2000), max_bytes=1000)
    assert result.problems["code"].tolist() == ["file_too_large"]
    assert "more than" in result.problems["message_en"].iloc[0]


def test_the_size_limit_can_be_set():
    data = (BAD / "html_in_names.csv").read_bytes()
    assert read_registry(data, max_bytes=len(data)).ok
    assert read_registry(data, max_bytes=len(data) - 1).problems["code"].tolist() == ["file_too_large"]


# --- never a traceback ----------------------------------------------------------------------------


def test_an_unexpected_error_while_reading_is_reported_not_raised(monkeypatch):
    import ovop_core.registry.reader as reader

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(reader, "read_csv_table", broken)
    result = read_registry((BAD / "html_in_names.csv").read_bytes())
    assert result.frame is None
    assert result.problems["code"].tolist() == ["read_failed"]
    assert "RuntimeError" in result.problems["message_en"].iloc[0]


def test_blank_lines_above_the_header_are_not_a_title():
    data = b"\n\n" + (BAD / "bad_stage.csv").read_bytes()
    result = read_registry(data)
    assert "header_not_first" not in result.problems["code"].tolist()
    assert result.header_row == 3
    assert result.errors[["code", "row"]].values.tolist() == [["bad_stage", 5]]
