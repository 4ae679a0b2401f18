"""Registry templates (CSV and XLSX, Indonesian and English): valid, guided, and stable."""

from __future__ import annotations

import functools
import io

import openpyxl
import pytest

from ovop_core.model import CATEGORIES, CRITERIA, PERMITS, SUB_ITEM_KEYS, category_name
from ovop_core.pipeline import STAGES
from ovop_core.registry import looks_like_later_header, looks_like_registry, read_registry
from ovop_core.schema import INDONESIAN, INPUT_COLUMNS
from ovop_core.templates import TEMPLATE_ROWS, template_csv, template_xlsx

LANGS = ["id", "en"]


def header(column: str, lang: str) -> str:
    return INDONESIAN.get(column, column) if lang == "id" else column


@functools.cache
def xlsx(lang: str) -> bytes:
    return template_xlsx(lang)


def book(lang: str):
    return openpyxl.load_workbook(io.BytesIO(xlsx(lang)))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("make", [template_csv, template_xlsx], ids=["csv", "xlsx"])
def test_a_template_validates_cleanly(make, lang):
    result = read_registry(xlsx(lang) if make is template_xlsx else make(lang))
    assert result.ok, result.problems
    assert result.problems.empty
    frame = result.frame
    assert frame["product_id"].tolist() == ["CONTOH-001", "CONTOH-002"]
    assert frame["region_code"].tolist() == ["35.73", "61.05"]  # Kota Malang, Kabupaten Sintang
    assert frame["nib"].tolist() == [True, True]
    assert frame["_row"].tolist() == [2, 3]


@pytest.mark.parametrize("lang", LANGS)
def test_csv_and_xlsx_templates_hold_the_same_products(lang):
    from_csv = read_registry(template_csv(lang)).frame.drop(columns="_row")
    from_xlsx = read_registry(xlsx(lang)).frame.drop(columns="_row")
    assert from_csv.equals(from_xlsx)


@pytest.mark.parametrize("lang", LANGS)
def test_headers_are_in_the_chosen_language(lang):
    expected = [header(c, lang) for c in INPUT_COLUMNS]
    first_line = template_csv(lang).decode("utf-8-sig").splitlines()[0]
    assert first_line.split(";" if lang == "id" else ",") == expected
    sheet = book(lang).worksheets[0]
    assert [c.value for c in sheet[1]] == expected


def test_the_indonesian_csv_uses_semicolons_and_a_bom():
    data = template_csv("id")
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"id_produk;nama_produk;" in data
    assert b";ya;pirt;ya;tidak;ya;tidak;" in data


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("make", [template_csv, template_xlsx], ids=["csv", "xlsx"])
def test_templates_are_byte_identical_on_every_call(make, lang):
    assert make(lang) == make(lang)


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError):
        template_csv("fr")


# --- the data sheet ---------------------------------------------------------------------------------


def validations_by_column(sheet, lang: str) -> dict[str, object]:
    """Canonical column → the data validation covering its rows 2…TEMPLATE_ROWS+1."""
    letters = {cell.value: cell.column_letter for cell in sheet[1]}
    out = {}
    for dv in sheet.data_validations.dataValidation:
        for cells in dv.sqref.ranges:
            for column in INPUT_COLUMNS:
                letter = letters[header(column, lang)]
                if cells.coord == f"{letter}2:{letter}{TEMPLATE_ROWS + 1}":
                    out[column] = dv
    return out


def listed(dv) -> list[str]:
    assert dv.type == "list"
    return dv.formula1.strip('"').split(",")


@pytest.mark.parametrize("lang", LANGS)
def test_drop_downs_offer_exactly_the_allowed_values(lang):
    sheet = book(lang).worksheets[0]
    dvs = validations_by_column(sheet, lang)
    assert listed(dvs["category"]) == list(CATEGORIES)
    assert listed(dvs["stage"]) == [str(s) for s in range(7)]
    assert listed(dvs["permit"]) == list(PERMITS)
    yes_no = ["ya", "tidak"] if lang == "id" else ["true", "false"]
    for column in ("nib", "halal", "non_halal", "brand", "export"):
        assert listed(dvs[column]) == yes_no
    for dv in dvs.values():
        assert dv.allow_blank and dv.showErrorMessage and dv.error


@pytest.mark.parametrize("lang", LANGS)
def test_scores_and_sub_items_have_number_checks(lang):
    dvs = validations_by_column(book(lang).worksheets[0], lang)
    for column in CRITERIA:
        dv = dvs[column]
        assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("decimal", "between", "0", "100")
    for column in SUB_ITEM_KEYS:
        dv = dvs[column]
        assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("whole", "between", "0", "3")
    assert dvs["workers"].type == "whole" and dvs["revenue_idr"].type == "decimal"


@pytest.mark.parametrize("lang", LANGS)
def test_the_header_row_is_frozen_and_columns_are_wide_enough(lang):
    sheet = book(lang).worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.title == ("produk" if lang == "id" else "products")
    for cell in sheet[1]:
        width = sheet.column_dimensions[cell.column_letter].width
        assert len(cell.value) < width <= 40
    letter = {c.value: c.column_letter for c in sheet[1]}[header("region_code", lang)]
    assert sheet[f"{letter}2"].value == "35.73" and sheet.column_dimensions[letter].number_format == "@"


# --- the instructions sheet -------------------------------------------------------------------------


def instruction_cells(lang: str) -> tuple[object, list[list[str]]]:
    sheet = book(lang).worksheets[1]
    rows = [[str(v) for v in row if v is not None] for row in sheet.iter_rows(values_only=True)]
    return sheet, rows


@pytest.mark.parametrize("lang", LANGS)
def test_the_instructions_sheet_explains_every_input_column(lang):
    sheet, rows = instruction_cells(lang)
    assert sheet.title == ("Petunjuk" if lang == "id" else "Instructions")
    by_column = {}
    for row in rows:
        for column in INPUT_COLUMNS:
            if row and row[0] == header(column, lang):
                by_column[column] = row
    assert set(by_column) == set(INPUT_COLUMNS)
    for column, row in by_column.items():
        assert column in row and INDONESIAN.get(column, column) in row
        assert len(row) >= 6, row  # name, alias, required, type, allowed, (example,) meaning
    required = "ya" if lang == "id" else "yes"
    assert by_column["product_id"][2] == required and by_column["producer"][2] != required
    assert "0–100" in by_column["k1"] and "0–3" in by_column["k1a"] and "0–6" in by_column["stage"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_instructions_explain_categories_and_stages(lang):
    _, rows = instruction_cells(lang)
    pairs = {tuple(row[:2]) for row in rows if len(row) >= 2}
    for category in CATEGORIES:
        assert (category, category_name(category, lang)) in pairs
    for stage in STAGES:
        assert (str(stage.number), stage.name(lang)) in pairs


@pytest.mark.parametrize("lang", LANGS)
def test_no_instruction_row_looks_like_a_registry_header(lang):
    _, rows = instruction_cells(lang)
    assert not looks_like_registry(rows[0])
    assert not any(looks_like_later_header(row) for row in rows)


@pytest.mark.parametrize("lang", LANGS)
def test_the_reader_finds_the_products_even_when_the_instructions_come_first(lang):
    workbook = book(lang)
    workbook.move_sheet(workbook.worksheets[1], offset=-1)
    assert workbook.worksheets[0].title in ("Petunjuk", "Instructions")
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_registry(buffer.getvalue())
    assert result.ok, result.problems
    assert result.frame["product_id"].tolist() == ["CONTOH-001", "CONTOH-002"]


@pytest.mark.parametrize("column", ["stage_since", "rated_on"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_template_date_columns_accept_only_real_dates(lang, column):
    sheet = book(lang).worksheets[0]
    headers = [c.value for c in sheet[1]]
    letter = openpyxl.utils.get_column_letter(headers.index(header(column, lang)) + 1)
    rules = [dv for dv in sheet.data_validations.dataValidation if f"{letter}2:{letter}" in str(dv.sqref)]
    assert [(dv.type, dv.formula1, dv.formula2) for dv in rules] == [("date", "DATE(1990,1,1)", "TODAY()")]
    assert sheet[f"{letter}2"].is_date
    assert sheet.column_dimensions[letter].number_format == "yyyy-mm-dd"


@pytest.mark.parametrize("lang", LANGS)
def test_the_example_product_reads_with_its_rating_date_and_not_marked_non_halal(lang):
    frame = read_registry(xlsx(lang)).frame
    assert frame["rated_on"].dt.strftime("%Y-%m-%d").fillna("").tolist() == ["2025-04-10", ""]
    assert frame["non_halal"].tolist() == [False, False]
    assert frame["place_code"].tolist() == ["35.73", "61.05"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_permit_column_is_explained_as_permit_or_product_standard_with_sni_not_an_izin_edar(lang):
    _, rows = instruction_cells(lang)
    permit = next(row for row in rows if row and row[0] == header("permit", lang))
    meaning = permit[-1]
    if lang == "id":
        assert meaning.startswith("Izin edar / standar produk")
        assert "P-IRT" in meaning and "standar produk untuk produk nonpangan, bukan izin edar" in meaning
    else:
        assert meaning.startswith("Distribution permit / product standard")
        assert "P-IRT" in meaning and "product standard for non-food products, not a distribution permit" in meaning


@pytest.mark.parametrize("lang", LANGS)
def test_the_region_column_explains_kecamatan_and_desa_codes(lang):
    _, rows = instruction_cells(lang)
    region = next(row for row in rows if row and row[0] == header("region_code", lang))
    assert "NN.NN.NN.NNNN" in region[4] and "35.73.01.2001" in region[4]
