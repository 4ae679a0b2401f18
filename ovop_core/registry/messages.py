"""Every message the registry reader shows, written once, Indonesian and English side by side.

A message has an id (often the problem code) and named placeholders; ``render`` fills them in one
language, ``render_rows`` fills them for many rows at once (a placeholder may be a per-row Series).
A value that reads differently per language (a number's separators, a date, a noun) is passed as
``Both(id=…, en=…)``. Keeping the wording here, and only here, lets the whole catalogue move to
gettext later without hunting through the readers.
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter
from types import MappingProxyType
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..errors import UnreadableFileError

MESSAGES: Mapping[str, tuple[str, str]] = MappingProxyType({
    # Where a problem is: prefixed to a cell or row message.
    "at_cell": ("Baris {row}, kolom '{column}': ", "Row {row}, column '{column}': "),
    "at_row": ("Baris {row}: ", "Row {row}: "),
    # The file as a whole.
    "empty_file": ("Berkas kosong.", "The file is empty."),
    "read_failed": ("Berkas tidak dapat dibaca (kesalahan tak terduga: {error}).",
                    "The file could not be read (unexpected error: {error})."),
    "file_too_large": (
        "Berkas terlalu besar ({size} MB); batasnya {limit} MB. "
        "Bagi registri menjadi beberapa berkas atau hapus kolom yang tidak diperlukan.",
        "The file is too large ({size} MB); the limit is {limit} MB. "
        "Split the registry into several files or remove columns that are not needed."),
    "file_too_large_unknown": (
        "Berkas terlalu besar (lebih dari {limit} MB); batasnya {limit} MB. "
        "Bagi registri menjadi beberapa berkas atau hapus kolom yang tidak diperlukan.",
        "The file is too large (more than {limit} MB); the limit is {limit} MB. "
        "Split the registry into several files or remove columns that are not needed."),
    "wrong_file_type": ("Berkas ini {what}, bukan registri; unggah berkas .csv, .xlsx atau .ods.",
                        "This file is {what}, not a registry; upload a .csv, .xlsx or .ods file."),
    "xlsb_format": ("Berkas ini buku kerja biner Excel (.xlsb); simpan sebagai .xlsx atau CSV.",
                    "This file is a binary Excel workbook (.xlsb); save it as .xlsx or CSV."),
    "xls_format": (
        "Berkas ini buku kerja Excel lama (.xls, Excel 97–2003); simpan sebagai .xlsx atau CSV "
        "(File → Save As → Excel Workbook atau CSV UTF-8), lalu unggah lagi.",
        "This is an old Excel workbook (.xls, Excel 97–2003); save it as .xlsx or CSV "
        "(File → Save As → Excel Workbook or CSV UTF-8) and upload again."),
    "password_protected": (
        "Berkas Excel ini dilindungi kata sandi (terenkripsi). Buka di Excel, hapus kata sandinya "
        "(File → Info → Protect Workbook → Encrypt with Password, kosongkan), simpan, lalu unggah lagi.",
        "This Excel file is password-protected (encrypted). Open it in Excel, remove the password "
        "(File → Info → Protect Workbook → Encrypt with Password, clear it), save and upload again."),
    "corrupt_xlsx": ("Berkas lembar kerja rusak atau terkunci kata sandi dan tidak dapat dibaca.",
                     "The spreadsheet file is corrupt or password-protected and cannot be read."),
    "utf16_text": ("Berkas ini teks UTF-16 (mis. 'Unicode Text' dari Excel); simpan ulang sebagai CSV UTF-8.",
                   "This file is UTF-16 text (e.g. Excel's 'Unicode Text'); save it again as CSV UTF-8."),
    "binary_file": ("Berkas berisi data biner, bukan CSV atau XLSX.", "The file holds binary data, not CSV or XLSX."),
    "mixed_encoding": (
        "Baris {row}: berkas mencampur pengodean karakter (baris {utf8_row} UTF-8, baris {row} bukan); "
        "huruf seperti é atau Đ akan rusak. Simpan ulang seluruh berkas sebagai CSV UTF-8.",
        "Row {row}: the file mixes character encodings (row {utf8_row} is UTF-8, row {row} is not); "
        "letters such as é or Đ would be garbled. Save the whole file again as CSV UTF-8."),
    "bad_encoding": (
        "Baris {row}: berkas bukan teks UTF-8 atau Windows-1252 (byte 0x{byte:02X} tidak dikenal); "
        "simpan ulang sebagai CSV UTF-8.",
        "Row {row}: the file is neither UTF-8 nor Windows-1252 text (unknown byte 0x{byte:02X}); "
        "save it again as CSV UTF-8."),
    "wrong_delimiter": (
        "Baris {row}: kolom dipisahkan dengan '{sep}'; gunakan ',' atau ';' (simpan dari Excel sebagai CSV UTF-8).",
        "Row {row}: the columns are separated by '{sep}'; use ',' or ';' (save from Excel as CSV UTF-8)."),
    "unclosed_quote": ("Baris {row}: tanda kutip (\") dibuka tetapi tidak ditutup sampai akhir berkas.",
                       "Row {row}: a quote (\") is opened but never closed before the end of the file."),
    "ragged_file": ("Baris {row}: jumlah kolom tidak sama dengan judul kolom (pemisah '{sep}').",
                    "Row {row}: the number of fields differs from the header (separator '{sep}')."),
    "too_many_rows": (
        "Berkas berisi lebih dari {limit} baris data (batasnya {limit}); bagi registri menjadi beberapa berkas.",
        "The file holds more than {limit} data rows (the limit is {limit}); split the registry into several files."),
    "too_many_columns": (
        "Baris {row}: {n} kolom; batasnya {limit} kolom. Hapus kolom yang tidak diperlukan "
        "(atau periksa pemisah kolom).",
        "Row {row}: {n} columns; the limit is {limit} columns. Remove the columns that are "
        "not needed (or check the column separator)."),
    "no_matching_sheet": (
        "Tidak ada lembar kerja dengan judul kolom registri (mis. 'id_produk' atau 'product_id').",
        "No worksheet has the registry's column headers (e.g. 'product_id' or 'id_produk')."),
    # A workbook beyond the limits (``workbook_guard``).
    "sheet_too_large": (
        "Lembar '{sheet}' berisi {size} MB data setelah dibuka; batasnya {limit} MB "
        "(mungkin berkas berbahaya atau berisi sel raksasa). Simpan hanya kolom dan baris registri.",
        "Sheet '{sheet}' unpacks to {size} MB; the limit is {limit} MB (possibly a "
        "hostile file, or giant cells). Keep only the registry's columns and rows."),
    "sheet_too_many_rows": (
        "Lembar '{sheet}' terisi sampai baris {row}; batasnya {limit} baris data. "
        "Hapus sel di bawah data Anda atau bagi registri menjadi beberapa berkas.",
        "Sheet '{sheet}' is filled down to row {row}; the limit is {limit} data rows. "
        "Delete the cells below your data or split the registry into several files."),
    "sheet_too_many_columns": (
        "Lembar '{sheet}' berisi data di sel {cell}, di luar {limit} kolom pertama "
        "(batas kolom). Hapus kolom di sebelah kanan data Anda.",
        "Sheet '{sheet}' holds data in cell {cell}, beyond the first {limit} columns "
        "(the column limit). Delete the columns to the right of your data."),
    "sheet_cell_too_long": (
        "Lembar '{sheet}' berisi sel yang lebih panjang dari {limit} karakter (batas panjang "
        "sel). Periksa sel yang berisi teks sangat panjang.",
        "Sheet '{sheet}' holds a cell longer than {limit} characters (the cell length limit). "
        "Look for a cell holding very long text."),
    "workbook_cell_too_long": (
        "Buku kerja ini berisi sel yang lebih panjang dari {limit} karakter (batas panjang "
        "sel). Periksa sel yang berisi teks sangat panjang.",
        "The workbook holds a cell longer than {limit} characters (the cell length limit). "
        "Look for a cell holding very long text."),
    "sheet_declared_too_large": (
        "Lembar '{sheet}' menyatakan ukurannya {ref} ({columns} kolom × {rows} baris); batasnya "
        "{column_limit} kolom dan {row_limit} baris data. Salin hanya data registri ke buku kerja baru, lalu simpan.",
        "Sheet '{sheet}' declares its size as {ref} ({columns} columns × {rows} rows); the limits are "
        "{column_limit} columns and {row_limit} data rows. Copy only the registry's "
        "data into a new workbook and save it."),
    # The layout of the table.
    "header_not_first": (
        "judul kolom ada di baris {row}, bukan di baris pertama; baris di atasnya (judul atau keterangan) diabaikan.",
        "the column headers are in row {row}, not in the first row; the rows above it "
        "(a title or notes) were ignored."),
    "merged_header": (
        "sel judul kolom digabung (merge) pada {ref} (kolom {columns}); pisahkan sel (Unmerge) dan "
        "beri setiap kolom judulnya sendiri.",
        "header cells are merged at {ref} (columns {columns}); unmerge them and give every column "
        "its own header."),
    "ragged_row": (
        "jumlah kolom lebih banyak daripada judul kolom (mungkin koma desimal atau pemisah di dalam "
        "teks tanpa tanda kutip); baris ini tidak dibaca.",
        "more fields than the header (perhaps a decimal comma, or a separator inside unquoted text); "
        "this row was not read."),
    "formula": (
        "berisi rumus '{value}'; rumus tidak diizinkan; tempel sebagai nilai (Paste Special → Values).",
        "holds the formula '{value}'; formulas are not allowed; paste as values (Paste Special → Values)."),
    # The header.
    "untitled_column": ("kolom ke-{number} berisi data tetapi tidak berjudul, diabaikan.",
                        "column no. {number} holds data but has no header, ignored."),
    "unknown_column": ("kolom tidak dikenal, diabaikan.", "unknown column, ignored."),
    "duplicate_column": ("kolom ganda: '{first}' dan '{second}' sama-sama berarti '{canonical}'.",
                         "duplicated column: '{first}' and '{second}' both mean '{canonical}'."),
    "no_header": ("baris pertama bukan judul kolom registri (mis. 'id_produk', 'nama_produk').",
                  "the first row is not the registry's header (e.g. 'product_id', 'name')."),
    "missing_column": ("kolom wajib '{alias}' ({canonical}) tidak ada.",
                       "required column '{canonical}' ({alias}) is missing."),
    "missing_evidence_column": ("kolom tidak ada; dianggap 'tidak' untuk semua produk.",
                                "column missing; taken as 'no' for every product."),
    "no_data_rows": ("berkas hanya berisi judul kolom, tanpa baris data.",
                     "the file holds only the header, no data rows."),
    # Cells.
    "invisible_characters": (
        "berisi karakter tak terlihat (BOM, spasi lebar-nol atau karakter kontrol) yang dihapus; "
        "dibaca sebagai '{cleaned}'.",
        "held invisible characters (BOM, zero-width space or control characters), removed; "
        "read as '{cleaned}'."),
    "formula_like_text": (
        "'{value}' diawali '=', '+', '-' atau '@' dan dapat dijalankan sebagai rumus oleh program "
        "lembar kerja; diterima sebagai teks.",
        "'{value}' starts with '=', '+', '-' or '@' and may be run as a formula by a spreadsheet "
        "program; accepted as text."),
    "required_value": ("wajib diisi.", "a value is required."),
    "required_stage": ("wajib diisi (0–6).", "a value is required (0–6)."),
    "too_long": ("terlalu panjang (maks. {limit} karakter).", "too long (max {limit} characters)."),
    "leading_zero_id": (
        "'{value}' diawali angka 0; program lembar kerja menghapus angka 0 di depan saat membuka CSV "
        "(0012 → 12). Impor CSV sebagai teks atau gunakan XLSX agar id tetap sama.",
        "'{value}' starts with 0; spreadsheet programs drop leading zeros when they open a CSV "
        "(0012 → 12). Import the CSV as text, or use XLSX, to keep the id."),
    "duplicate_id": ("id_produk '{product_id}' sudah dipakai di baris {first_row}.",
                     "product_id '{product_id}' is already used in row {first_row}."),
    "bad_category": ("'{value}' bukan kategori yang dikenal (pilihan: {choices}).",
                     "'{value}' is not a known category (expected one of: {choices})."),
    "province_code": ("'{value}' adalah kode provinsi; diperlukan kode kab/kota (NN.NN).",
                      "'{value}' is a province code; a kab/kota code (NN.NN) is required."),
    "trailing_zero_dropped": (
        "'{written}' bukan kode kab/kota; program lembar kerja mungkin menghapus angka 0 di "
        "belakang: maksud Anda {padded}? Impor CSV sebagai teks atau gunakan XLSX.",
        "'{written}' is not a kab/kota code; a spreadsheet program probably dropped a trailing "
        "zero: did you mean {padded}? Import the CSV as text, or use XLSX."),
    "bad_region_code": ("'{value}' bukan kode wilayah Kemendagri (NN.NN, mis. 11.04).",
                        "'{value}' is not a Kemendagri region code (NN.NN, e.g. 11.04)."),
    "unknown_region": ("kode kab/kota '{kabkota}' tidak ada dalam daftar Kemendagri 2025.",
                       "kab/kota code '{kabkota}' is not in the Kemendagri 2025 list."),
    "bad_stage": ("'{value}' bukan tahap yang sah; harus bilangan bulat 0–6.",
                  "'{value}' is not a valid stage; expected a whole number 0–6."),
    "bad_date": ("'{value}' bukan tanggal; gunakan YYYY-MM-DD atau DD/MM/YYYY.",
                 "'{value}' is not a date; use YYYY-MM-DD or DD/MM/YYYY."),
    "date_out_of_range": ("'{value}' di luar rentang tanggal yang masuk akal (1 Januari 1990 sampai hari ini).",
                          "'{value}' is outside the plausible dates (1 January 1990 to today)."),
    "two_digit_year": ("tahun dua digit '{text}' dibaca sebagai {date}; tulis tahun empat digit.",
                       "two-digit year '{text}' read as {date}; write the year with four digits."),
    "not_a_number": ("'{value}' bukan angka.", "'{value}' is not a number."),
    "not_a_whole_number": ("'{value}' bukan bilangan bulat.", "'{value}' is not a whole number."),
    "out_of_range": ("'{value}' di luar rentang yang diizinkan ({span}).",
                     "'{value}' is outside the allowed range ({span})."),
    "incomplete_sub_items": (
        "kosong, padahal sub-item {criterion} lain terisi; isi semua ({names}) atau kosongkan semua.",
        "empty while other {criterion} sub-items are filled in; fill in all ({names}) or none."),
    "bad_boolean": ("'{value}' bukan nilai ya/tidak (ya, tidak, true, false, y, n, 1, 0).",
                    "'{value}' is not a yes/no value (ya, tidak, true, false, y, n, 1, 0)."),
    "bad_permit": ("'{value}' bukan izin edar atau standar produk yang dikenal (pilihan: {choices}).",
                   "'{value}' is not a known permit or product standard (expected one of: {choices})."),
    "halal_and_non_halal": (
        "'{value}': produk bertanda bukan halal tidak dapat sekaligus bersertifikat halal (kolom '{halal}' "
        "berisi ya); isi 'ya' di salah satu kolom saja.",
        "'{value}': a product marked non-halal cannot also hold a halal certificate (column '{halal}' says "
        "yes); expected 'yes' in only one of the two columns."),
    # A product whose stage contradicts its data (DESIGN.md §6): warnings, never errors. Worded
    # here for the reader and for the pipeline page alike (``ovop_core.contradictions``).
    "contradiction_low_score": (
        "tahap {stage} padahal skor {score} di bawah 50 (seleksi mensyaratkan skor ≥ 50); periksa tahap atau skor.",
        "stage {stage} but the score {score} is below 50 (selection requires ≥ 50); check the stage or the scores."),
    "contradiction_unscored": (
        "tahap {stage} padahal skor kriteria belum lengkap (seleksi mensyaratkan skor ≥ 50); periksa tahap atau skor.",
        "stage {stage} but the criterion scores are incomplete (selection requires a score ≥ 50); "
        "check the stage or the scores."),
    "contradiction_few_assessors": (
        "tahap {stage} padahal baru {assessors} penilai (penilaian mensyaratkan ≥ 3); periksa tahap atau jumlah penilai.",
        "stage {stage} but only {assessors} assessor(s) (assessment requires ≥ 3); "
        "check the stage or the number of assessors."),
    "contradiction_no_nib": (
        "tahap {stage} padahal belum ada NIB (pengusulan mensyaratkan NIB); periksa tahap atau NIB.",
        "stage {stage} but no NIB (a proposal requires one); check the stage or the NIB."),
    "contradiction_not_promotable": (
        "tahap 5 padahal {stars} tidak memenuhi syarat promosi (★4–5, atau ★2–3 dengan bukti ekspor).",
        "stage 5 but {stars} does not meet the promotion condition (★4–5, or ★2–3 with documented export)."),
    "contradiction_rated_early": (
        "tanggal penetapan diisi padahal baru tahap {stage}; bintang resmi baru ditetapkan di tahap 3.",
        "a rating date at stage {stage}; an official star is only set at stage 3."),
})  # fmt: skip

# What a refused file is, for "wrong_file_type" (a noun phrase in each language).
FILE_KINDS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "pdf": ("dokumen PDF", "a PDF document"),
    "image": ("gambar {name}", "a {name} image"),
    "video": ("gambar atau video (HEIC/MP4)", "an image or video (HEIC/MP4)"),
    "archive": ("arsip terkompresi {name}", "a {name} compressed archive"),
    "zip": ("arsip ZIP", "a ZIP archive"),
    "docx": ("dokumen Word (.docx)", "a Word document (.docx)"),
    "pptx": ("presentasi PowerPoint (.pptx)", "a PowerPoint presentation (.pptx)"),
    "opendocument": ("dokumen OpenDocument", "an OpenDocument file"),
    "doc": ("dokumen Word lama (.doc)", "an old Word document (.doc)"),
    "ppt": ("presentasi PowerPoint lama (.ppt)", "an old PowerPoint presentation (.ppt)"),
})  # fmt: skip

LANGUAGES = ("id", "en")


class Both(NamedTuple):
    """A placeholder value that reads differently in Indonesian and English."""

    id: object
    en: object


def grouped(n: int) -> Both:
    """A whole number with thousands separators: 500.000 in Indonesian, 500,000 in English."""
    return Both(f"{n:,}".replace(",", "."), f"{n:,}")


def file_kind(kind: str, **params) -> Both:
    """The noun phrase naming a kind of file, in both languages."""
    id_, en = FILE_KINDS[kind]
    return Both(id_.format_map(params), en.format_map(params))


def _pick(value, lang: str):
    return getattr(value, lang) if isinstance(value, Both) else value


def render(key: str, lang: str, **params) -> str:
    """One message in one language; placeholders may carry format specs (``{byte:02X}``)."""
    template = MESSAGES[key][LANGUAGES.index(lang)]
    return template.format_map({name: _pick(value, lang) for name, value in params.items()})


def render_rows(key: str, lang: str, n: int, **params) -> np.ndarray:
    """``n`` messages at once; a placeholder may be a per-row Series or array (taken by position)."""
    parts = list(Formatter().parse(MESSAGES[key][LANGUAGES.index(lang)]))
    values = {name: _pick(params[name], lang) for _, name, _, _ in parts if name is not None}
    if not any(isinstance(v, (pd.Series, np.ndarray)) for v in values.values()):
        return np.full(n, render(key, lang, **values), dtype=object)
    out = np.full(n, "", dtype=object)
    for literal, name, spec, _ in parts:
        out = out + literal
        if name is None:
            continue
        value = values[name]
        if isinstance(value, (pd.Series, np.ndarray)):
            out = out + np.asarray(value, dtype=object).astype(str).astype(object)
        else:
            out = out + format(value, spec)
    return out


def refusal(code: str, message: str | None = None, *, at_row: int = 0, **params) -> UnreadableFileError:
    """The error that refuses a whole file (``at_row``: the file row it names, 0 for none)."""
    key = message or code
    return UnreadableFileError(code, render(key, "id", **params), render(key, "en", **params), row=at_row)
