"""Blank registry templates to download: CSV and XLSX, with Indonesian or English headers.

``template_xlsx`` is the one to hand to a kab/kota office: its first sheet ("produk"/"products")
has the headers, two example rows that validate cleanly, drop-down lists for the enumerations
and booleans, number checks for the scores, a frozen header row and sensible column widths; its
second sheet ("Petunjuk"/"Instructions") explains every column. ``registry.read_registry`` reads
the first sheet and is not confused by the instructions (their rows never look like a header).

Both templates are deterministic: the same bytes on every call (fixed workbook timestamps).
"""

from __future__ import annotations

import io
from datetime import datetime

from .catalog import grouped, translate
from .export import stable_xlsx_bytes
from .model import CATEGORIES, CRITERIA, PERMITS, SUB_ITEMS, category_name, criterion_name
from .pipeline import STAGES
from .schema import (
    EVIDENCE_COLUMNS,
    FIRST_ROUND,
    INDONESIAN,
    INPUT_COLUMNS,
    LAST_ROUND,
    MAX_ASSESSORS,
    MAX_REVENUE_IDR,
    MAX_TEXT,
    MAX_WORKERS,
    REQUIRED_COLUMNS,
)

LANGS = ("id", "en")
TEMPLATE_ROWS = 2000  # rows below the header that carry drop-downs and number checks
BOOLEAN_CHOICES = {"id": ("ya", "tidak"), "en": ("true", "false")}
_FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
_SUB_ITEM_KEYS = tuple(s.key for s in SUB_ITEMS)
_BOOLEAN_COLUMNS = (*(c for c in EVIDENCE_COLUMNS if c != "permit"), "non_halal")
_DATE_FORMAT = "yyyy-mm-dd"

# Two products that validate cleanly (real Kemendagri kab/kota codes), as text cells.
_EXAMPLES: tuple[dict[str, str], ...] = (
    {
        "product_id": "CONTOH-001",
        "name": "Keripik Tempe Sanan",
        "producer": "UD Sanan Jaya",
        "category": "pangan",
        "region_code": "35.73",  # Kota Malang
        "stage": "3",
        "stage_since": "2025-03-01",
        "k1": "70", "k2": "65", "k3": "75", "k4": "60", "k5": "70",
        "nib": "yes", "permit": "pirt", "halal": "yes", "non_halal": "no", "brand": "yes", "export": "no",
        "assessors": "3",
        "revenue_idr": "25000000",
        "workers": "6",
        "rated_on": "2025-04-10",
        "round": "2026",
        "url": "https://ovop.example.id/p/CONTOH-001",
    },
    {
        "product_id": "CONTOH-002",
        "name": "Tenun Ikat Sintang",
        "producer": "Kelompok Tenun Kumang",
        "category": "tekstil",
        "region_code": "61.05",  # Kabupaten Sintang
        "stage": "1",
        "stage_since": "2026-02-15",
        "k1": "80", "k2": "85", "k3": "55", "k4": "40", "k5": "50",
        "nib": "yes", "permit": "none", "halal": "no", "non_halal": "no", "brand": "no", "export": "no",
        "assessors": "",
        "revenue_idr": "",
        "workers": "12",
        "round": "2026",
    },
)  # fmt: skip


def sheet_names(lang: str) -> tuple[str, str]:
    """The data sheet's and the instructions sheet's names in ``lang``."""
    return translate("template.sheet.data", lang), translate("template.sheet.instructions", lang)


def template_columns() -> list[str]:
    """Canonical columns of the templates, in file order (every input column)."""
    return list(INPUT_COLUMNS)


def header(column: str, lang: str) -> str:
    return INDONESIAN.get(column, column) if lang == "id" else column


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def example_rows(lang: str) -> list[list[str]]:
    """The example products as the cells written in the template (booleans in the language)."""
    yes, no = BOOLEAN_CHOICES[_check_lang(lang)]
    rows = []
    for example in _EXAMPLES:
        cells = []
        for col in template_columns():
            value = example.get(col, "")
            if col in _BOOLEAN_COLUMNS:
                value = yes if value == "yes" else no
            cells.append(value)
        rows.append(cells)
    return rows


def template_csv(lang: str = "id") -> bytes:
    """UTF-8 CSV with a BOM; `;`-separated in Indonesian (as Indonesian Excel expects), `,` in English."""
    import csv

    sep = ";" if _check_lang(lang) == "id" else ","
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n")
    writer.writerow([header(c, lang) for c in template_columns()])
    writer.writerows(example_rows(lang))
    return buffer.getvalue().encode("utf-8-sig")


# --------------------------------------------------------------------------------------------
# Column documentation (the instructions sheet).
# --------------------------------------------------------------------------------------------


def _column_docs(lang: str) -> list[dict[str, str]]:
    """One entry per template column: type, allowed values, example and meaning, in ``lang``."""

    def tr(key: str, **params) -> str:
        return translate(f"template.{key}", lang, **params)

    yes, no = BOOLEAN_CHOICES[lang]
    bools = tr("bools", yes=yes, no=no)
    text, whole, number, choice, boolean, date = (
        tr(f"type.{kind}") for kind in ("text", "whole", "number", "choice", "boolean", "date")
    )
    examples = dict(zip(template_columns(), example_rows(lang)[0]))

    def upto(limit: int) -> str:
        return "0–" + grouped(limit).pick(lang)

    docs: dict[str, tuple[str, str]] = {  # column → (type, allowed); the meaning is template.meaning.<column>
        "product_id": (text, tr("allowed.unique_max", n=MAX_TEXT["product_id"])),
        "name": (text, tr("allowed.max", n=MAX_TEXT["name"])),
        "producer": (text, tr("allowed.max", n=MAX_TEXT["producer"])),
        "category": (choice, ", ".join(CATEGORIES)),
        "region_code": (text, tr("allowed.region_code")),
        "stage": (whole, "0–6"),
        "stage_since": (date, tr("allowed.stage_since")),
        "nib": (boolean, bools),
        "permit": (choice, ", ".join(PERMITS)),
        "halal": (boolean, bools),
        "non_halal": (boolean, bools),
        "brand": (boolean, bools),
        "export": (boolean, bools),
        "assessors": (whole, f"0–{MAX_ASSESSORS}"),
        "revenue_idr": (number, upto(MAX_REVENUE_IDR)),
        "workers": (whole, upto(MAX_WORKERS)),
        "rated_on": (date, tr("allowed.stage_since")),
        "round": (whole, f"{FIRST_ROUND}–{LAST_ROUND}"),
        "url": (text, tr("allowed.url", n=MAX_TEXT["url"])),
    }
    meanings = {col: tr(f"meaning.{col}") for col in docs}
    for crit in CRITERIA:
        docs[crit] = (number, "0–100")
        meanings[crit] = tr("meaning.criterion", criterion=crit, name=criterion_name(crit, lang))
    for item in SUB_ITEMS:
        docs[item.key] = (whole, "0–3")
        meanings[item.key] = tr("meaning.sub_item", criterion=item.criterion, name=item.name(lang))
    out = []
    for col in template_columns():
        kind, allowed = docs[col]
        if col in CRITERIA:
            required = tr("required.criterion")
        else:
            required = tr("required.yes") if col in REQUIRED_COLUMNS else tr("required.no")
        out.append(
            {
                "column": header(col, lang),
                "canonical": col,
                "alias": INDONESIAN.get(col, col),
                "required": required,
                "type": kind,
                "allowed": allowed,
                "example": examples[col],
                "meaning": meanings[col],
            }
        )
    return out


_INSTRUCTION_COLUMNS = ("column", "other_name", "required", "type", "allowed", "example", "meaning")


def _instruction_rows(lang: str) -> list[list[str]]:
    def tr(key: str, **params) -> str:
        return translate(f"template.instructions.{key}", lang, **params)

    rows: list[list[str]] = [
        [tr("title")],
        [tr("how", sheet=sheet_names(lang)[0])],
        [],
        [tr(f"col.{name}") for name in _INSTRUCTION_COLUMNS],
    ]
    other = "en" if lang == "id" else "id"  # the second column names the column in the other language
    for doc in _column_docs(lang):
        rows.append([doc["column"], header(doc["canonical"], other), doc["required"], doc["type"], doc["allowed"],
                     doc["example"], doc["meaning"]])  # fmt: skip
    rows += [[], [tr("categories")]]
    rows += [[c, category_name(c, lang)] for c in CATEGORIES]
    rows += [[], [tr("stages")]]
    rows += [[str(s.number), s.name(lang)] for s in STAGES]
    rows += [[], [tr("problems")], [tr("csv")]]
    return rows


# --------------------------------------------------------------------------------------------
# XLSX.
# --------------------------------------------------------------------------------------------


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _validations(lang: str, columns: list[str]):
    """(DataValidation, column letters) pairs for the data sheet."""
    from openpyxl.worksheet.datavalidation import DataValidation

    yes, no = BOOLEAN_CHOICES[lang]

    def make(kind, operator=None, formula1=None, formula2=None, error="", **params):
        dv = DataValidation(type=kind, operator=operator, formula1=formula1, formula2=formula2, allow_blank=True)
        dv.showErrorMessage = True
        dv.errorStyle = "stop"
        dv.errorTitle = translate("template.invalid.title", lang)
        dv.error = translate(f"template.invalid.{error}", lang, **params)
        return dv

    def listed(values):
        return '"' + ",".join(values) + '"'

    where = {c: _letter(i) for i, c in enumerate(columns)}
    groups = [
        (make("list", formula1=listed(CATEGORIES), error="category"), ["category"]),
        (make("list", formula1=listed(str(s.number) for s in STAGES), error="stage"), ["stage"]),
        (make("list", formula1=listed(PERMITS), error="permit"), ["permit"]),
        (make("list", formula1=listed((yes, no)), error="boolean", yes=yes, no=no),
         list(_BOOLEAN_COLUMNS)),
        (make("decimal", "between", "0", "100", error="score"), list(CRITERIA)),
        (make("whole", "between", "0", "3", error="sub_item"), list(_SUB_ITEM_KEYS)),
        (make("whole", "between", "0", str(MAX_ASSESSORS), error="assessors", max=MAX_ASSESSORS), ["assessors"]),
        (make("decimal", "between", "0", str(MAX_REVENUE_IDR), error="revenue"), ["revenue_idr"]),
        (make("whole", "between", "0", str(MAX_WORKERS), error="workers"), ["workers"]),
        (make("whole", "between", str(FIRST_ROUND), str(LAST_ROUND), error="round", first=FIRST_ROUND,
              last=LAST_ROUND), ["round"]),
        # A date-only rule: the cell must hold a real date (not text such as 01/03/2025 in the wrong order).
        (make("date", "between", "DATE(1990,1,1)", "TODAY()", error="date"), ["stage_since", "rated_on"]),
    ]  # fmt: skip
    return [(dv, [where[c] for c in cols if c in where]) for dv, cols in groups]


def template_xlsx(lang: str = "id") -> bytes:
    """The XLSX template: data sheet with drop-downs and checks, then the instructions sheet."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    _check_lang(lang)
    columns = template_columns()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_names(lang)[0]
    headers = [header(c, lang) for c in columns]
    sheet.append(headers)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    numeric = set(CRITERIA) | set(_SUB_ITEM_KEYS) | {"stage", "assessors", "revenue_idr", "workers", "round"}
    for row in example_rows(lang):
        sheet.append([_typed(value, col, numeric) for col, value in zip(columns, row)])
    last = TEMPLATE_ROWS + 1
    formats = {
        "product_id": "@",
        "region_code": "@",
        "stage_since": _DATE_FORMAT,
        "rated_on": _DATE_FORMAT,
    }  # "@": text
    for i, col in enumerate(columns):
        letter = _letter(i)
        longest = max([len(headers[i])] + [len(r[i]) for r in example_rows(lang)])
        sheet.column_dimensions[letter].width = min(max(longest + 3, 8), 32)
        if col in formats:  # a column style: Excel applies it to every cell typed in the column
            sheet.column_dimensions[letter].number_format = formats[col]
            for (cell,) in sheet[f"{letter}2:{letter}{1 + len(_EXAMPLES)}"]:
                cell.number_format = formats[col]
    sheet.freeze_panes = "A2"
    for dv, letters in _validations(lang, columns):
        for letter in letters:
            dv.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(dv)

    notes = book.create_sheet(sheet_names(lang)[1])
    for row in _instruction_rows(lang):
        notes.append(row)
    notes["A1"].font = Font(bold=True, size=14)
    for cell in notes[4]:
        cell.font, cell.fill = bold, fill
    titles = {translate(f"template.instructions.{key}", lang) for key in ("categories", "stages")}
    for title_row in range(5, notes.max_row + 1):
        first = notes.cell(title_row, 1).value
        if first in titles:
            notes.cell(title_row, 1).font = bold
    for letter, width in zip("ABCDEFG", (18, 22, 16, 16, 34, 20, 80)):
        notes.column_dimensions[letter].width = width
    for (cell,) in notes[f"G5:G{notes.max_row}"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    notes.freeze_panes = "A5"

    book.properties.creator = "OVOP Dashboard"
    buffer = io.BytesIO()
    book.save(buffer)
    return stable_xlsx_bytes(buffer.getvalue(), _FIXED_ZIP_TIME)


def _typed(value: str, column: str, numeric: set[str]):
    """Example cells as Excel would hold them: numbers as numbers, dates as dates, the rest as text."""
    if value == "":
        return None
    if column in ("stage_since", "rated_on"):
        return datetime.strptime(value, "%Y-%m-%d")
    if column in numeric:
        number = float(value)
        return int(number) if number.is_integer() else number
    return value
