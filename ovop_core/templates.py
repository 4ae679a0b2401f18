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

from .export import stable_xlsx_bytes
from .model import CATEGORIES, CATEGORY_NAMES, CRITERIA, CRITERION_NAMES, PERMITS, SUB_ITEMS
from .pipeline import STAGES
from .schema import (
    EVIDENCE_COLUMNS,
    INDONESIAN,
    INPUT_COLUMNS,
    MAX_ASSESSORS,
    MAX_REVENUE_IDR,
    MAX_TEXT,
    MAX_WORKERS,
    REQUIRED_COLUMNS,
)

LANGS = ("id", "en")
TEMPLATE_ROWS = 2000  # rows below the header that carry drop-downs and number checks
SHEET_NAMES = {"id": ("produk", "Petunjuk"), "en": ("products", "Instructions")}
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
    },
)  # fmt: skip


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
    id_ = lang == "id"
    yes, no = BOOLEAN_CHOICES[lang]
    bools = f"{yes} / {no} " + ("(juga true/false, y/n, 1/0)" if id_ else "(also ya/tidak, y/n, 1/0)")
    text = "teks" if id_ else "text"
    whole = "bilangan bulat" if id_ else "whole number"
    number = "angka" if id_ else "number"
    choice = "pilihan" if id_ else "choice"
    boolean = "ya/tidak" if id_ else "yes/no"
    date = "tanggal" if id_ else "date"
    examples = dict(zip(template_columns(), example_rows(lang)[0]))

    docs: dict[str, tuple[str, str, str]] = {  # column → (type, allowed, meaning)
        "product_id": (text, f"unik, maks. {MAX_TEXT['product_id']} karakter" if id_ else
                       f"unique, max {MAX_TEXT['product_id']} characters",
                       "Kode produk, unik di seluruh berkas." if id_ else "Product code, unique in the file."),
        "name": (text, f"maks. {MAX_TEXT['name']} karakter" if id_ else f"max {MAX_TEXT['name']} characters",
                 "Nama produk." if id_ else "Product name."),
        "producer": (text, f"maks. {MAX_TEXT['producer']} karakter" if id_ else
                     f"max {MAX_TEXT['producer']} characters",
                     "Nama produsen, UMKM atau kelompok." if id_ else "Producer, business or group."),
        "category": (choice, ", ".join(CATEGORIES),
                     "Kategori produk; lihat arti kategori di bawah." if id_ else
                     "Product category; see the categories below."),
        "region_code": (text, "NN.NN (kab/kota), NN.NN.NN (kecamatan) atau NN.NN.NN.NNNN (desa/kelurahan), "
                        "kode Kemendagri, mis. 35.73 atau 35.73.01.2001" if id_ else
                        "NN.NN (kab/kota), NN.NN.NN (kecamatan) or NN.NN.NN.NNNN (desa/kelurahan), "
                        "Kemendagri code, e.g. 35.73 or 35.73.01.2001",
                        "Tempat asal produk: kode desa/kelurahan bila diketahui (satu desa satu produk), atau "
                        "kode kecamatan atau kab/kota; kode disimpan serinci yang diisi. Format sel sebagai teks "
                        "agar 33.10 tidak menjadi 33.1." if id_ else
                        "Where the product comes from: the desa/kelurahan code when known (one village one "
                        "product), or the kecamatan or kab/kota code; the code is kept as deep as it is given. "
                        "Format the cell as text so that 33.10 does not become 33.1."),
        "stage": (whole, "0–6", "Tahap pembinaan OVOP; lihat daftar tahap di bawah." if id_ else
                  "OVOP pipeline stage; see the stages below."),
        "stage_since": (date, "YYYY-MM-DD " + ("atau" if id_ else "or") + " DD/MM/YYYY, 1990–"
                        + ("hari ini" if id_ else "today"),
                        "Tanggal produk masuk tahap ini (boleh kosong). Di XLSX ketik sebagai tanggal; di CSV "
                        "tulis 2025-03-01 atau 01/03/2025 (hari/bulan/tahun, tahun empat digit)." if id_ else
                        "Date the product entered its stage (optional). In XLSX type it as a date; in CSV write "
                        "2025-03-01 or 01/03/2025 (day/month/year, four-digit year)."),
        "nib": (boolean, bools, "Memiliki NIB (Nomor Induk Berusaha)." if id_ else
                "Holds a NIB business identity number."),
        "permit": (choice, ", ".join(PERMITS),
                   "Izin edar / standar produk: none (belum ada); pirt (SPP-IRT, ditulis juga P-IRT); bpom "
                   "(BPOM MD, ML, TR atau notifikasi); sni (sertifikat SNI: standar produk untuk produk "
                   "nonpangan, bukan izin edar)." if id_ else
                   "Distribution permit / product standard: none; pirt (SPP-IRT, also written P-IRT); bpom "
                   "(BPOM MD, ML, TR or notification); sni (SNI certificate: a product standard for non-food "
                   "products, not a distribution permit)."),
        "halal": (boolean, bools, "Memiliki sertifikat halal." if id_ else "Holds a halal certificate."),
        "non_halal": (boolean, bools,
                      "Produk bukan halal menurut bahannya (mis. tuak, olahan babi; boleh kosong). Tidak boleh "
                      "sekaligus 'ya' di kolom halal." if id_ else
                      "The product is not halal by its ingredients (e.g. palm wine, pork; optional). Cannot be "
                      "'yes' together with the halal column."),
        "brand": (boolean, bools, "Merek terdaftar (DJKI)." if id_ else "Registered trademark."),
        "export": (boolean, bools, "Ada bukti ekspor atau sertifikasi mutu ekspor." if id_ else
                   "Documented export or export-grade certification."),
        "assessors": (whole, f"0–{MAX_ASSESSORS}", "Jumlah penilai independen yang nilainya dirata-rata (boleh kosong)."
                      if id_ else "Number of independent assessments averaged (optional)."),
        "revenue_idr": (number, f"0–{MAX_REVENUE_IDR:,}".replace(",", "." if id_ else ","), "Omzet per tahun dalam rupiah (boleh kosong)." if id_ else
                        "Yearly revenue in rupiah (optional)."),
        "workers": (whole, f"0–{MAX_WORKERS:,}".replace(",", "." if id_ else ","), "Jumlah tenaga kerja (boleh kosong)." if id_ else
                    "Number of workers (optional)."),
        "rated_on": (date, "YYYY-MM-DD " + ("atau" if id_ else "or") + " DD/MM/YYYY, 1990–"
                     + ("hari ini" if id_ else "today"),
                     "Tanggal penetapan bintang saat ini (boleh kosong); evaluasi ulang dihitung dari tanggal ini."
                     if id_ else
                     "Date the current star was set (penetapan; optional); re-evaluation runs from it."),
    }  # fmt: skip
    for crit in CRITERIA:
        name = CRITERION_NAMES[crit][lang]
        docs[crit] = (
            number, "0–100",
            (f"Skor kriteria {crit}: {name}. Wajib, kecuali semua sub-item {crit} diisi." if id_ else
             f"Criterion score {crit}: {name}. Required unless all {crit} sub-items are filled in."),
        )  # fmt: skip
    for item in SUB_ITEMS:
        name = item.name_id if id_ else item.name_en
        docs[item.key] = (
            whole, "0–3",
            (f"Sub-item {item.criterion} (format rinci): {name}, tingkat 0–3. Isi semua sub-item "
             f"{item.criterion} atau kosongkan semua; bila terisi, menggantikan {item.criterion}." if id_ else
             f"{item.criterion} sub-item (detailed format): {name}, level 0–3. Fill in all "
             f"{item.criterion} sub-items or none; when filled in they determine {item.criterion}."),
        )  # fmt: skip
    out = []
    for col in template_columns():
        kind, allowed, meaning = docs[col]
        if col in REQUIRED_COLUMNS or col in CRITERIA:
            required = (
                ("ya" if id_ else "yes")
                if col not in CRITERIA
                else ("ya (atau sub-item)" if id_ else "yes (or sub-items)")
            )
        else:
            required = "tidak" if id_ else "no"
        out.append(
            {
                "column": header(col, lang),
                "canonical": col,
                "alias": INDONESIAN.get(col, col),
                "required": required,
                "type": kind,
                "allowed": allowed,
                "example": examples[col],
                "meaning": meaning,
            }
        )
    return out


def _instruction_rows(lang: str) -> list[list[str]]:
    id_ = lang == "id"
    data_sheet = SHEET_NAMES[lang][0]
    rows: list[list[str]] = [
        ["Petunjuk pengisian registri produk OVOP" if id_ else "How to fill in the OVOP product registry"],
        [
            f"Isi satu baris per produk di lembar '{data_sheet}' mulai baris 2; hapus dua baris contoh. "
            "Jangan memakai rumus, sel gabungan (merge) atau baris judul tambahan. Simpan sebagai .xlsx atau "
            "CSV UTF-8 (atau .ods dari LibreOffice)." if id_ else
            f"Fill in one row per product on the '{data_sheet}' sheet from row 2; delete the two example rows. "
            "Use no formulas, merged cells or extra title rows. Save as .xlsx, CSV UTF-8 or LibreOffice .ods."
        ],
        [],
        (["Kolom", "Nama kanonik (Inggris)", "Wajib?", "Jenis", "Nilai yang diizinkan", "Contoh", "Keterangan"]
         if id_ else
         ["Column", "Indonesian alias", "Required?", "Type", "Allowed values / range", "Example", "Meaning"]),
    ]  # fmt: skip
    for doc in _column_docs(lang):
        second = doc["canonical"] if id_ else doc["alias"]
        rows.append([doc["column"], second, doc["required"], doc["type"], doc["allowed"], doc["example"],
                     doc["meaning"]])  # fmt: skip
    rows += [[], ["Kategori" if id_ else "Categories"]]
    rows += [[c, CATEGORY_NAMES[c][lang]] for c in CATEGORIES]
    rows += [[], ["Tahap" if id_ else "Stages"]]
    rows += [[str(s.number), s.name_id if id_ else s.name_en] for s in STAGES]
    rows += [
        [],
        ["Kesalahan ditampilkan per baris dan kolom saat unggah; berkas dengan kesalahan tidak diimpor."
         if id_ else
         "Problems are shown per row and column on upload; a file with errors is not imported."],
        ["CSV: simpan sebagai CSV UTF-8 (Windows-1252 kehilangan huruf seperti Đ). Saat membuka CSV di Excel "
         "atau LibreOffice, impor kolom id_produk dan kode_wilayah sebagai teks, agar 0012 tidak menjadi 12 "
         "dan 33.20 tidak menjadi 33.2 — atau gunakan templat XLSX ini. LibreOffice (.ods) juga diterima."
         if id_ else
         "CSV: save as CSV UTF-8 (Windows-1252 loses letters such as Đ). When opening a CSV in Excel or "
         "LibreOffice, import the product_id and region_code columns as text so that 0012 does not become 12 "
         "and 33.20 does not become 33.2 — or use this XLSX template. LibreOffice (.ods) files are accepted."],
    ]  # fmt: skip
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

    id_ = lang == "id"
    yes, no = BOOLEAN_CHOICES[lang]

    def make(kind, operator=None, formula1=None, formula2=None, error_id="", error_en=""):
        dv = DataValidation(type=kind, operator=operator, formula1=formula1, formula2=formula2, allow_blank=True)
        dv.showErrorMessage = True
        dv.errorStyle = "stop"
        dv.errorTitle = "Nilai tidak sah" if id_ else "Invalid value"
        dv.error = error_id if id_ else error_en
        return dv

    def listed(values):
        return '"' + ",".join(values) + '"'

    where = {c: _letter(i) for i, c in enumerate(columns)}
    groups = [
        (make("list", formula1=listed(CATEGORIES), error_id="Pilih kategori dari daftar.",
              error_en="Choose a category from the list."), ["category"]),
        (make("list", formula1=listed(str(s.number) for s in STAGES), error_id="Tahap harus 0–6.",
              error_en="The stage must be 0–6."), ["stage"]),
        (make("list", formula1=listed(PERMITS), error_id="Pilih none, pirt, bpom atau sni.",
              error_en="Choose none, pirt, bpom or sni."), ["permit"]),
        (make("list", formula1=listed((yes, no)), error_id=f"Pilih {yes} atau {no}.",
              error_en=f"Choose {yes} or {no}."), list(_BOOLEAN_COLUMNS)),
        (make("decimal", "between", "0", "100", "Skor harus angka 0–100.", "The score must be a number 0–100."),
         list(CRITERIA)),
        (make("whole", "between", "0", "3", "Tingkat sub-item harus 0, 1, 2 atau 3.",
              "A sub-item level must be 0, 1, 2 or 3."), list(_SUB_ITEM_KEYS)),
        (make("whole", "between", "0", str(MAX_ASSESSORS), f"Jumlah penilai harus bilangan bulat 0–{MAX_ASSESSORS}.",
              f"Assessors must be a whole number 0–{MAX_ASSESSORS}."), ["assessors"]),
        (make("decimal", "between", "0", str(MAX_REVENUE_IDR), "Omzet harus angka 0 sampai 10^15 rupiah.",
              "Revenue must be a number from 0 to 10^15 rupiah."), ["revenue_idr"]),
        (make("whole", "between", "0", str(MAX_WORKERS), "Tenaga kerja harus bilangan bulat 0–1.000.000.",
              "Workers must be a whole number 0–1,000,000."), ["workers"]),
        # A date-only rule: the cell must hold a real date (not text such as 01/03/2025 in the wrong order).
        (make("date", "between", "DATE(1990,1,1)", "TODAY()", "Isi tanggal (mis. 2025-03-01), 1990 sampai hari ini.",
              "Enter a date (e.g. 2025-03-01), 1990 up to today."), ["stage_since", "rated_on"]),
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
    sheet.title = SHEET_NAMES[lang][0]
    headers = [header(c, lang) for c in columns]
    sheet.append(headers)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    numeric = set(CRITERIA) | set(_SUB_ITEM_KEYS) | {"stage", "assessors", "revenue_idr", "workers"}
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

    notes = book.create_sheet(SHEET_NAMES[lang][1])
    for row in _instruction_rows(lang):
        notes.append(row)
    notes["A1"].font = Font(bold=True, size=14)
    for cell in notes[4]:
        cell.font, cell.fill = bold, fill
    for title_row in range(5, notes.max_row + 1):
        first = notes.cell(title_row, 1).value
        if first in ("Kategori", "Categories", "Tahap", "Stages"):
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
