"""Read and validate a product registry (DESIGN.md §3).

``read_registry`` returns every problem in the file, not just the first: each names the file
row, the column as the user wrote it, the offending value and a message in Indonesian and
English. A file with any error is rejected whole (``RegistryResult.ok`` is False); the parsed
rows are still returned so that a user may explicitly choose to keep only the clean ones.

Problem codes, file level (row 0, or the row where it was found): ``file_too_large``,
``empty_file``, ``wrong_file_type`` (PDF, image, Word, ZIP…), ``xls_format`` (old binary .xls),
``password_protected`` (encrypted workbook), ``corrupt_xlsx``, ``binary_file``, ``bad_encoding``,
``wrong_delimiter``, ``unclosed_quote``, ``no_matching_sheet``, ``read_failed`` (safety net).
Header (the header row): ``no_header``, ``missing_column``, ``duplicate_column``,
``merged_header``; warnings ``unknown_column``, ``missing_evidence_column``, ``header_not_first``.
Cells: ``ragged_row``, ``formula`` (XLSX formula cells), ``control_characters``, ``required_value``,
``too_long``, ``duplicate_id``, ``bad_category``, ``province_code``, ``bad_region_code``,
``unknown_region``, ``bad_stage``, ``bad_date``, ``not_numeric``, ``out_of_range``, ``not_whole``,
``incomplete_sub_items``, ``bad_boolean``, ``bad_permit``; warning ``formula_like_text`` (text
starting with ``=``, ``+``, ``@`` or ``-``… that a spreadsheet could run as a formula: accepted
as text; exports must neutralise it).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
from babel.dates import format_date

from . import regions
from .export import FORMULA_START
from .model import CATEGORIES, CRITERIA, PERMITS, SUB_ITEM_KEYS, SUB_ITEMS
from .schema import (
    ALIASES,
    BOOL_FALSE,
    BOOL_TRUE,
    COLUMN_ORDER,
    DERIVED_COLUMNS,
    EVIDENCE_COLUMNS,
    MAX_ASSESSORS,
    MAX_REVENUE_IDR,
    MAX_TEXT,
    MAX_WORKERS,
    PERMIT_NONE,
    REQUIRED_COLUMNS,
    normalise_header,
)
from .tabular import (
    CONTROL_CHARACTERS,
    INVISIBLE_CHARACTERS,
    MAX_BYTES,
    RawTable,
    UnreadableFileError,
    read_bytes,
    read_csv_table,
    read_xlsx_table,
    sniff_kind,
    source_size,
)

PROBLEM_COLUMNS = ["row", "column", "value", "code", "severity", "message_id", "message_en"]
_VALUE_SHOWN = 60
_COLUMN_SHOWN = 100
TEXT_COLUMNS: tuple[str, ...] = ("product_id", "name", "producer")
# Text a spreadsheet may run as a formula when the file is opened again (CSV/formula injection).
FORMULA_LIKE = r"(?:[=+@]|-.*[=+(|!])"


@dataclass
class RegistryResult:
    """The outcome of reading one file: parsed rows and every problem found."""

    frame: pd.DataFrame | None  # canonical columns; None when the file could not be read at all
    problems: pd.DataFrame  # PROBLEM_COLUMNS, sorted by row
    source_name: str = ""
    header_row: int = 1  # the file row holding the column headers (below a title row, if any)

    @property
    def errors(self) -> pd.DataFrame:
        return self.problems[self.problems["severity"] == "error"]

    @property
    def warnings(self) -> pd.DataFrame:
        return self.problems[self.problems["severity"] == "warning"]

    @property
    def ok(self) -> bool:
        return self.frame is not None and self.errors.empty

    def clean_rows(self) -> pd.DataFrame:
        """Rows without any error (for an explicit "drop the bad rows" choice)."""
        if self.frame is None or (self.errors["row"] <= self.header_row).any():
            return self.frame.iloc[0:0] if self.frame is not None else pd.DataFrame(columns=COLUMN_ORDER)
        bad = set(self.errors["row"].tolist())
        return self.frame[~self.frame["_row"].isin(bad)].reset_index(drop=True)


class _Problems:
    """Collects problems as small frames built per check, never per row."""

    def __init__(self) -> None:
        self.parts: list[pd.DataFrame] = []

    def add(
        self, rows, column: str, values, code: str, text_id, text_en, severity: str = "error", where: bool = True
    ) -> None:
        """One problem per row; messages start "Row r, column 'c': " unless ``where`` is False."""
        rows = pd.Series(rows, dtype="int64").reset_index(drop=True)
        if rows.empty:
            return
        values = _visible(pd.Series(values, dtype=object).reset_index(drop=True).astype(str))
        shown = _shorten(values, _VALUE_SHOWN)
        column = _shorten(_visible(pd.Series([str(column)])), _COLUMN_SHOWN).iloc[0]
        at_id = ", kolom '" + column + "': " if column else ": "
        at_en = ", column '" + column + "': " if column else ": "
        show = (rows > 0) & where
        where_id = np.where(show, "Baris " + rows.astype(str) + at_id, "")
        where_en = np.where(show, "Row " + rows.astype(str) + at_en, "")
        self.parts.append(
            pd.DataFrame(
                {
                    "row": rows,
                    "column": column,
                    "value": values.str.slice(0, 200),
                    "code": code,
                    "severity": severity,
                    "message_id": where_id + _fill(text_id, shown),
                    "message_en": where_en + _fill(text_en, shown),
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame(columns=PROBLEM_COLUMNS)
        out = pd.concat(self.parts, ignore_index=True)
        return out.sort_values(["row", "severity"], kind="stable").reset_index(drop=True)


def _shorten(text: pd.Series, limit: int) -> pd.Series:
    """Values cut to ``limit`` characters with an ellipsis, so a 1 MB cell never floods a message."""
    return text.str.slice(0, limit) + np.where(text.str.len() > limit, "…", "")


def _visible(text: pd.Series) -> pd.Series:
    """Control characters (NUL…) shown as U+FFFD so that messages stay printable."""
    return text.str.replace(CONTROL_CHARACTERS, "\ufffd", regex=True)


def _fill(template, shown: pd.Series) -> pd.Series:
    """Insert the shown value where a template says {value}; templates may be per-row Series."""
    if isinstance(template, str):
        head, _, tail = template.partition("{value}")
        return (head + shown + tail) if "{value}" in template else pd.Series(template, index=shown.index)
    return template.reset_index(drop=True)


def read_registry(
    source: str | Path | bytes | BinaryIO, name: str | None = None, max_bytes: int = MAX_BYTES
) -> RegistryResult:
    """Read a CSV or XLSX registry and validate every row; never raises for bad input.

    Files larger than ``max_bytes`` (default 50 MB) are refused before they are read.
    """
    source_name = name or (Path(source).name if isinstance(source, (str, Path)) else "")
    problems = _Problems()
    try:
        raw = _read_table(source, max_bytes)
    except UnreadableFileError as exc:
        located = exc.message_en.startswith("Row ")  # the message already names its row
        problems.add([exc.row], "", [""], exc.code, exc.message_id, exc.message_en, where=not located)
        return RegistryResult(None, problems.frame(), source_name)
    except Exception as exc:  # a safety net: a user's file must never produce a traceback
        problems.add(
            [0], "", [""], "read_failed",
            f"Berkas tidak dapat dibaca (kesalahan tak terduga: {type(exc).__name__}).",
            f"The file could not be read (unexpected error: {type(exc).__name__}).",
        )  # fmt: skip
        return RegistryResult(None, problems.frame(), source_name)
    return validate_raw_table(raw, source_name)


def validate_raw_table(raw: RawTable, source_name: str = "") -> RegistryResult:
    """Validate a table already read: its layout, then every cell.

    The store validates an edited product this way, as a one-row table built in memory, so an
    edit is held to exactly the rules of an imported file.
    """
    problems = _Problems()
    _report_file_layout(raw, problems)
    frame = validate_table(raw, problems)
    return RegistryResult(frame, problems.frame(), source_name, raw.header_row)


def _read_table(source, max_bytes: int) -> RawTable:
    size = source_size(source)
    if size is not None and size > max_bytes:
        raise _too_large(size, max_bytes)
    data = read_bytes(source, max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(None, max_bytes)
    if not data.strip():
        raise UnreadableFileError("empty_file", "Berkas kosong.", "The file is empty.")
    kind = sniff_kind(data)
    if kind in ("xlsx", "ods"):
        return read_xlsx_table(
            data, _looks_like_registry, _is_region_code_header, _looks_like_later_header, kind=kind
        )
    return read_csv_table(data, _looks_like_registry, _looks_like_later_header)


def _megabytes(n: float, lang: str) -> str:
    """Size in MB with one decimal, rounded up (so 50 MB + 1 byte reads 50.1, never 50)."""
    text = f"{math.ceil(n / (1024 * 1024) * 10) / 10:.1f}".removesuffix(".0")
    return text.replace(".", ",") if lang == "id" else text


def _too_large(size: int | None, limit: int) -> UnreadableFileError:
    size_id = f"{_megabytes(size, 'id')} MB" if size is not None else f"lebih dari {_megabytes(limit, 'id')} MB"
    size_en = f"{_megabytes(size, 'en')} MB" if size is not None else f"more than {_megabytes(limit, 'en')} MB"
    return UnreadableFileError(
        "file_too_large",
        f"Berkas terlalu besar ({size_id}); batasnya {_megabytes(limit, 'id')} MB. "
        "Bagi registri menjadi beberapa berkas atau hapus kolom yang tidak diperlukan.",
        f"The file is too large ({size_en}); the limit is {_megabytes(limit, 'en')} MB. "
        "Split the registry into several files or remove columns that are not needed.",
    )


def _report_file_layout(raw: RawTable, problems: _Problems) -> None:
    """Problems of the file's layout rather than of a value: title rows, merges, ragged rows, formulas."""
    if raw.header_moved:
        problems.add(
            [raw.header_row], "", [""], "header_not_first",
            f"judul kolom ada di baris {raw.header_row}, bukan di baris pertama; baris di atasnya "
            "(judul atau keterangan) diabaikan.",
            f"the column headers are in row {raw.header_row}, not in the first row; the rows above it "
            "(a title or notes) were ignored.",
            "warning",
        )  # fmt: skip
    for ref, spanned in raw.merged_header:
        names = [raw.header[p] for p in spanned if p < len(raw.header)]
        listed = ", ".join(f"'{n}'" for n in names)
        problems.add(
            [raw.header_row], (names[0] if names and names[0] else ref), [ref], "merged_header",
            f"sel judul kolom digabung (merge) pada {ref} (kolom {listed}); pisahkan sel (Unmerge) dan "
            "beri setiap kolom judulnya sendiri.",
            f"header cells are merged at {ref} (columns {listed}); unmerge them and give every column "
            "its own header.",
        )  # fmt: skip
    if raw.ragged_rows:
        problems.add(
            raw.ragged_rows, "", [""] * len(raw.ragged_rows), "ragged_row",
            "jumlah kolom lebih banyak daripada judul kolom (mungkin koma desimal atau pemisah di dalam "
            "teks tanpa tanda kutip); baris ini tidak dibaca.",
            "more fields than the header (perhaps a decimal comma, or a separator inside unquoted text); "
            "this row was not read.",
        )  # fmt: skip
    if raw.formulas is not None and not raw.formulas.empty:
        for pos, found in raw.formulas.groupby("position", sort=True):
            if pos >= len(raw.header) or ALIASES.get(normalise_header(raw.header[pos])) is None:
                continue  # an ignored column may hold formulas
            problems.add(
                found["row"], raw.header[pos], found["formula"], "formula",
                "berisi rumus '{value}'; rumus tidak diizinkan; tempel sebagai nilai (Paste Special → Values).",
                "holds the formula '{value}'; formulas are not allowed; paste as values "
                "(Paste Special → Values).",
            )  # fmt: skip


def _is_region_code_header(header: str) -> bool:
    return ALIASES.get(normalise_header(header)) == "region_code"


def _looks_like_registry(header: list[str]) -> bool:
    names = {ALIASES.get(normalise_header(h)) for h in header}
    return "product_id" in names


def _looks_like_later_header(header: list[str]) -> bool:
    """A row below a title is taken as the header only when it names product_id and two more columns.

    Stricter than the first row's rule, so that an instructions sheet listing one column per row
    is never mistaken for a registry.
    """
    names = {ALIASES.get(normalise_header(h)) for h in header} - {None}
    return "product_id" in names and len(names) >= 3


def _map_header(raw: RawTable, problems: _Problems) -> dict[str, int] | None:
    """Canonical column → position; reports duplicated, unknown and missing columns."""
    positions: dict[str, int] = {}
    merged = {p for _, spanned in raw.merged_header for p in spanned}  # reported as merged_header
    for pos, written in enumerate(raw.header):
        canon = ALIASES.get(normalise_header(written))
        if canon is None:
            if (not written and (raw.cells[pos] == "").all()) or pos in merged:
                continue
            if not written:
                problems.add(
                    [raw.header_row], "", [""], "unknown_column",
                    f"kolom ke-{pos + 1} berisi data tetapi tidak berjudul, diabaikan.",
                    f"column no. {pos + 1} holds data but has no header, ignored.", "warning",
                )
            elif normalise_header(written) not in DERIVED_COLUMNS:
                problems.add(
                    [raw.header_row], written, [written], "unknown_column",
                    "kolom tidak dikenal, diabaikan.", "unknown column, ignored.", "warning",
                )
            continue
        if canon in positions:
            first = raw.header[positions[canon]]
            problems.add(
                [raw.header_row], written, [written], "duplicate_column",
                f"kolom ganda: '{first}' dan '{written}' sama-sama berarti '{canon}'.",
                f"duplicated column: '{first}' and '{written}' both mean '{canon}'.",
            )
            continue
        positions[canon] = pos
    if "product_id" not in positions and not any(ALIASES.get(normalise_header(h)) for h in raw.header):
        problems.add(
            [raw.header_row], "", [""], "no_header",
            "baris pertama bukan judul kolom registri (mis. 'id_produk', 'nama_produk').",
            "the first row is not the registry's header (e.g. 'product_id', 'name').",
        )
        return None
    missing = [c for c in REQUIRED_COLUMNS if c not in positions]
    for crit in CRITERIA:
        items = [s.key for s in SUB_ITEMS if s.criterion == crit]
        if crit not in positions and not all(k in positions for k in items):
            missing.append(crit)
    for col in missing:
        alias = next((a for a, c in ALIASES.items() if c == col and a != col), col)
        problems.add(
            [raw.header_row], col, [""], "missing_column",
            f"kolom wajib '{alias}' ({col}) tidak ada.", f"required column '{col}' ({alias}) is missing.",
        )
    for col in EVIDENCE_COLUMNS:
        if col not in positions:
            problems.add(
                [raw.header_row], col, [""], "missing_evidence_column",
                "kolom tidak ada; dianggap 'tidak' untuk semua produk.",
                "column missing; taken as 'no' for every product.", "warning",
            )
    return None if missing else positions


def validate_table(raw: RawTable, problems: _Problems) -> pd.DataFrame | None:
    """Parse every canonical column of a raw table; problems are collected, never raised."""
    positions = _map_header(raw, problems)
    if positions is None:
        return None
    if raw.cells.empty:
        problems.add([raw.header_row], "", [""], "no_data_rows", "berkas hanya berisi judul kolom, tanpa baris data.",
                     "the file holds only the header, no data rows.")
        return None
    rows = raw.row_numbers.reset_index(drop=True)
    n = len(rows)

    def cell(col: str) -> pd.Series:
        if col in positions:
            return raw.cells[positions[col]].astype(str).str.strip().reset_index(drop=True)
        return pd.Series("", index=range(n), dtype=object)

    def header(col: str) -> str:
        return raw.header[positions[col]] if col in positions else col

    def report(mask, col, code, text_id, text_en, severity="error") -> None:
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        text_id = text_id[mask] if isinstance(text_id, pd.Series) else text_id
        text_en = text_en[mask] if isinstance(text_en, pd.Series) else text_en
        problems.add(rows[mask], header(col), cell(col)[mask], code, text_id, text_en, severity)

    out = pd.DataFrame(index=range(n))
    out["_row"] = rows

    for col, pos in positions.items():
        if raw.may_have_invisible:
            _clean_invisible(raw, pos, header(col), rows, problems)

    for col in TEXT_COLUMNS:
        report(cell(col).str.match(FORMULA_LIKE), col, "formula_like_text",
               "'{value}' diawali '=', '+', '-' atau '@' dan dapat dijalankan sebagai rumus oleh program "
               "lembar kerja; diterima sebagai teks.",
               "'{value}' starts with '=', '+', '-' or '@' and may be run as a formula by a spreadsheet "
               "program; accepted as text.", "warning")

    for col in ("product_id", "name", "producer"):
        text = cell(col)
        guarded = text.str.startswith("'")
        if guarded.any():  # our exports guard formula-like text with an apostrophe: undo it
            unguarded = text.str.slice(1)
            text = text.where(~(guarded & unguarded.str.startswith(FORMULA_START)), unguarded)
        if col != "producer":
            report(text == "", col, "required_value", "wajib diisi.", "a value is required.")
        report(text.str.len() > MAX_TEXT[col], col, "too_long",
               f"terlalu panjang (maks. {MAX_TEXT[col]} karakter).", f"too long (max {MAX_TEXT[col]} characters).")
        out[col] = text

    ids = out["product_id"]
    report(ids.str.fullmatch(r"0\d+"), "product_id", "leading_zero_id",
           "'{value}' diawali angka 0; program lembar kerja menghapus angka 0 di depan saat membuka CSV "
           "(0012 → 12). Impor CSV sebagai teks atau gunakan XLSX agar id tetap sama.",
           "'{value}' starts with 0; spreadsheet programs drop leading zeros when they open a CSV "
           "(0012 → 12). Import the CSV as text, or use XLSX, to keep the id.", "warning")
    dup = ids.duplicated(keep="first") & (ids != "")
    if dup.any():
        first_row = rows.groupby(ids).transform("first")
        shown = _shorten(_visible(ids), _VALUE_SHOWN)
        report(dup, "product_id", "duplicate_id",
               "id_produk '" + shown + "' sudah dipakai di baris " + first_row.astype(str) + ".",
               "product_id '" + shown + "' is already used in row " + first_row.astype(str) + ".")

    category = cell("category").str.lower().str.replace(r"[\s\-]+", "_", regex=True)
    choices = ", ".join(CATEGORIES)
    report(category == "", "category", "required_value", "wajib diisi.", "a value is required.")
    report((category != "") & ~category.isin(CATEGORIES), "category", "bad_category",
           f"'{{value}}' bukan kategori yang dikenal (pilihan: {choices}).",
           f"'{{value}}' is not a known category (expected one of: {choices}).")
    out["category"] = category

    raw_code = cell("region_code")
    code, well_formed, known = regions.normalise_kabkota_codes(raw_code)
    province_only = raw_code.str.fullmatch(r"\d{2}")
    report(raw_code == "", "region_code", "required_value", "wajib diisi.", "a value is required.")
    report(province_only, "region_code", "province_code",
           "'{value}' adalah kode provinsi; diperlukan kode kab/kota (NN.NN).",
           "'{value}' is a province code; a kab/kota code (NN.NN) is required.")
    # LibreOffice/Excel read "33.20" in a CSV as the number 33.2 and write it back without the zero.
    padded = raw_code + "0"
    dropped_zero = raw_code.str.fullmatch(r"\d{2}\.\d") & regions.normalise_kabkota_codes(padded)[2]
    report(dropped_zero, "region_code", "trailing_zero_dropped",
           "'" + raw_code + "' bukan kode kab/kota; program lembar kerja mungkin menghapus angka 0 di "
           "belakang: maksud Anda " + padded + "? Impor CSV sebagai teks atau gunakan XLSX.",
           "'" + raw_code + "' is not a kab/kota code; a spreadsheet program probably dropped a trailing "
           "zero: did you mean " + padded + "? Import the CSV as text, or use XLSX.")
    report((raw_code != "") & ~well_formed & ~province_only & ~dropped_zero, "region_code", "bad_region_code",
           "'{value}' bukan kode wilayah Kemendagri (NN.NN, mis. 11.04).",
           "'{value}' is not a Kemendagri region code (NN.NN, e.g. 11.04).")
    report(well_formed & ~known, "region_code", "unknown_region",
           "kode kab/kota '" + code + "' tidak ada dalam daftar Kemendagri 2025.",
           "kab/kota code '" + code + "' is not in the Kemendagri 2025 list.")
    out["region_code"] = code.where(known, "")
    out["province"] = regions.province_of(out["region_code"]).where(known, "")

    stage = _number(cell("stage"))
    stage_text = cell("stage")
    report(stage_text == "", "stage", "required_value", "wajib diisi (0–6).", "a value is required (0–6).")
    report((stage_text != "") & ~(stage.isin(range(7))), "stage", "bad_stage",
           "'{value}' bukan tahap yang sah; harus bilangan bulat 0–6.",
           "'{value}' is not a valid stage; expected a whole number 0–6.")
    out["stage"] = stage.where(stage.isin(range(7)), 0).astype("int8")

    out["stage_since"] = _dates(cell("stage_since"), "stage_since", report)

    for col in CRITERIA:
        out[col] = _bounded(cell(col), col, 0, 100, False, report)
    for col in SUB_ITEM_KEYS:
        out[col] = _bounded(cell(col), col, 0, 3, True, report) if col in positions else np.nan
    _check_sub_item_completeness(out, positions, report)

    for col in EVIDENCE_COLUMNS:
        if col == "permit":
            continue
        text = cell(col).str.lower()
        truthy, falsy = text.isin(BOOL_TRUE), text.isin(BOOL_FALSE) | (text == "")
        report(~truthy & ~falsy, col, "bad_boolean",
               "'{value}' bukan nilai ya/tidak (ya, tidak, true, false, y, n, 1, 0).",
               "'{value}' is not a yes/no value (ya, tidak, true, false, y, n, 1, 0).")
        out[col] = truthy.to_numpy()

    permit = cell("permit").str.lower()
    permit = permit.where(~permit.isin(PERMIT_NONE), "none")
    report(~permit.isin(PERMITS), "permit", "bad_permit",
           f"'{{value}}' bukan izin edar yang dikenal (pilihan: {', '.join(PERMITS)}).",
           f"'{{value}}' is not a known permit (expected one of: {', '.join(PERMITS)}).")
    out["permit"] = permit.where(permit.isin(PERMITS), "none")

    out["assessors"] = _bounded(cell("assessors"), "assessors", 0, MAX_ASSESSORS, True, report)
    out["revenue_idr"] = _bounded(cell("revenue_idr"), "revenue_idr", 0, MAX_REVENUE_IDR, False, report, True)
    out["workers"] = _bounded(cell("workers"), "workers", 0, MAX_WORKERS, True, report, thousands=True)
    return out[["_row"] + COLUMN_ORDER]


def _clean_invisible(raw: RawTable, pos: int, column: str, rows: pd.Series, problems: _Problems) -> None:
    """Remove BOM, zero-width and control characters from one column, with a warning per row.

    They make look-alike values ("\\ufeffP1" next to "P1") that a person cannot see; cleaned, such ids
    are caught as duplicates. One search over the joined column decides whether per-cell work is needed.
    """
    text = raw.cells[pos].astype(str)
    if not re.search(INVISIBLE_CHARACTERS, "\n".join(text.tolist())):
        return
    cleaned = text.str.replace(INVISIBLE_CHARACTERS, "", regex=True)
    changed = (cleaned != text).to_numpy()
    shown = cleaned[changed].str.slice(0, _VALUE_SHOWN)
    problems.add(rows[changed], column, text[changed], "invisible_characters",
                 "berisi karakter tak terlihat (BOM, spasi lebar-nol atau karakter kontrol) yang dihapus; "
                 "dibaca sebagai '" + shown + "'.",
                 "held invisible characters (BOM, zero-width space or control characters), removed; "
                 "read as '" + shown + "'.", "warning")
    raw.cells[pos] = cleaned.str.strip()


def _number(text: pd.Series, thousands: bool = False) -> pd.Series:
    """Parse numbers written the Indonesian or English way ("72,5", "72.5", "1.234.567", "1 234 567").

    Spaces inside a number are accepted only as thousands separators between groups of three
    digits, so " 7 0 " is not silently read as 70.
    """
    # Literal replaces run natively on Arrow strings; a regex here costs a Python call per cell.
    t = text.str.replace("\xa0", " ", regex=False).str.strip()
    if thousands:
        grouped = t.str.fullmatch(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
        t = t.where(~grouped, t.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
        spaced = t.str.fullmatch(r"-?\d{1,3}(?: \d{3})+(?:[.,]\d+)?")
        t = t.where(~spaced, t.str.replace(" ", "", regex=False).str.replace(",", ".", regex=False))
    comma = t.str.fullmatch(r"-?\d*,\d+")
    t = t.where(~comma, t.str.replace(",", ".", regex=False))
    return pd.to_numeric(t.where(t != "", None), errors="coerce").astype("float64")


EARLIEST_DATE = pd.Timestamp("1990-01-01")  # before any OVOP programme; year 1 or 0201 is a typo


def _dates(text: pd.Series, col: str, report) -> pd.Series:
    """Dates as ISO ``YYYY-MM-DD`` or Indonesian ``DD/MM/YYYY``; ``DD/MM/YY`` with a warning.

    A date before 1990 or after today is an error: such a stage date is a typing slip (year 1,
    9999) that would otherwise sit silently in every duration and re-evaluation date.
    """
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    local = pd.to_datetime(text.where(text.str.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}"), ""),
                           format="%d/%m/%Y", errors="coerce")
    short_year = text.str.fullmatch(r"\d{1,2}/\d{1,2}/\d{2}")
    short = pd.to_datetime(text.where(short_year, ""), format="%d/%m/%y", errors="coerce")
    value = iso.fillna(local).fillna(short)
    report((text != "") & value.isna(), col, "bad_date",
           "'{value}' bukan tanggal; gunakan YYYY-MM-DD atau DD/MM/YYYY.",
           "'{value}' is not a date; use YYYY-MM-DD or DD/MM/YYYY.")
    latest = pd.Timestamp.today().normalize() + pd.Timedelta(days=1)
    out_of_range = value.notna() & ((value < EARLIEST_DATE) | (value > latest))
    report(out_of_range, col, "date_out_of_range",
           "'{value}' di luar rentang tanggal yang masuk akal (1 Januari 1990 sampai hari ini).",
           "'{value}' is outside the plausible dates (1 January 1990 to today).")
    two_digit = short_year & value.notna() & ~out_of_range
    if two_digit.any():
        shown = pd.Series("", index=value.index, dtype=object)
        shown[two_digit] = value[two_digit].map(lambda d: format_date(d, "long", locale="id"))
        shown_en = shown.copy()
        shown_en[two_digit] = value[two_digit].map(lambda d: format_date(d, "d MMMM y", locale="en"))
        report(two_digit, col, "two_digit_year",
               "tahun dua digit '" + text + "' dibaca sebagai " + shown + "; tulis tahun empat digit.",
               "two-digit year '" + text + "' read as " + shown_en + "; write the year with four digits.",
               "warning")
    return value.where(~out_of_range)


def _bounded(text: pd.Series, col: str, low: float, high: float, whole: bool, report, thousands: bool = False):
    """Optional number in [low, high]; reports non-numeric and out-of-range values."""
    value = _number(text, thousands)
    non_numeric = (text != "") & (value.isna() | ~np.isfinite(value.fillna(0)))
    kind_id = "bilangan bulat" if whole else "angka"
    kind_en = "a whole number" if whole else "a number"
    report(non_numeric, col, "not_numeric", f"'{{value}}' bukan {kind_id}.", f"'{{value}}' is not {kind_en}.")
    span_en = f"{low:,.0f}–{high:,.0f}"
    span_id = span_en.replace(",", ".")
    out_of_range = ~non_numeric & value.notna() & ((value < low) | (value > high))
    report(out_of_range, col, "out_of_range",
           f"'{{value}}' di luar rentang yang diizinkan ({span_id}).",
           f"'{{value}}' is outside the allowed range ({span_en}).")
    fractional = ~non_numeric & ~out_of_range & value.notna() & (value != value.round()) if whole else None
    if whole:
        report(fractional, col, "not_whole", f"'{{value}}' bukan {kind_id}.", f"'{{value}}' is not {kind_en}.")
        bad = non_numeric | out_of_range | fractional
    else:
        bad = non_numeric | out_of_range
    return value.where(~bad)


def _check_sub_item_completeness(out: pd.DataFrame, positions: dict[str, int], report) -> None:
    """A criterion's sub-items are used all together or not at all (then k1…k5 applies).

    Each empty cell of a partly filled criterion is reported in its own column.
    """
    for crit in CRITERIA:
        all_keys = [s.key for s in SUB_ITEMS if s.criterion == crit]
        keys = [k for k in all_keys if k in positions]
        if not keys:
            continue
        started = out[keys].notna().any(axis=1)
        names = ", ".join(all_keys)
        for key in all_keys:
            report(started & out[key].isna(), key, "incomplete_sub_items",
                   f"kosong, padahal sub-item {crit} lain terisi; isi semua ({names}) atau kosongkan semua.",
                   f"empty while other {crit} sub-items are filled in; fill in all ({names}) or none.")
