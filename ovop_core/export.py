"""Write a registry back to CSV or XLSX, with English or Indonesian headers, readable by the reader.

Exports round-trip: ``read_registry(write_csv(frame))`` gives the same products back. Only input
columns are written by ``registry_file_frame``; result columns (score, stars, …) are added by the
callers that want them and are ignored again on import.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd

from .catalog import translate
from .model import SUB_ITEM_KEYS
from .schema import DATE_COLUMNS, EVIDENCE_COLUMNS, INDONESIAN, INPUT_COLUMNS

_BOOL_TEXT = {"id": ("ya", "tidak"), "en": ("true", "false")}
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where text cells a spreadsheet would run as a formula start with an apostrophe.

    The reader strips that apostrophe again, so a registry exported and re-imported is unchanged.
    """
    out = frame.copy()
    for col in text_columns(out):
        text = out[col].astype("string")
        risky = text.str.startswith(FORMULA_START).fillna(False).astype(bool)
        if risky.any():
            out[col] = out[col].where(~risky, "'" + text)
    return out


def keep_text_as_text(sheet, frame: pd.DataFrame, header_rows: int = 1) -> None:
    """openpyxl stores any string starting with "=" as a formula; store user text as text."""
    for col in text_columns(frame):
        position = frame.columns.get_loc(col) + 1
        for (cell,) in sheet.iter_rows(min_row=header_rows + 1, min_col=position, max_col=position):
            if cell.data_type == "f":
                cell.data_type = "s"


def header_for(column: str, lang: str) -> str:
    """Column header in the file for a canonical column (Indonesian alias when lang is "id")."""
    return INDONESIAN.get(column, column) if lang == "id" else column


def _used(column: pd.Series) -> bool:
    """Some row has a value (text columns keep "" for none)."""
    return bool((column.notna() & (column.astype("string").fillna("") != "")).any())


def registry_file_frame(frame: pd.DataFrame, lang: str = "en", extra: list[str] | None = None) -> pd.DataFrame:
    """Input columns as text-friendly values; sub-item columns, and ``round``, only when some row uses them.

    The region code is written at the depth it was given (``place_code``: a desa stays a desa), so
    an export read back places every product where it was.
    """
    optional = (*SUB_ITEM_KEYS, "round", "url")  # written only when used: a file without rounds stays one
    columns = [c for c in INPUT_COLUMNS if c not in optional or (c in frame.columns and _used(frame[c]))]
    columns += [c for c in (extra or []) if c in frame.columns and c not in columns]
    out = frame[columns].copy()
    out["region_code"] = given_region_codes(frame)
    yes, no = _BOOL_TEXT[lang]
    for col in (*EVIDENCE_COLUMNS, "non_halal"):
        if col != "permit":
            out[col] = out[col].map({True: yes, False: no})
    for col in DATE_COLUMNS:
        out[col] = pd.to_datetime(out[col]).dt.strftime("%Y-%m-%d")
    for col in [*SUB_ITEM_KEYS, "stage", "assessors", "workers", "round"]:
        if col in out.columns:
            out[col] = out[col].astype("Int64")
    return out.rename(columns={c: header_for(c, lang) for c in out.columns})


def given_region_codes(frame: pd.DataFrame) -> pd.Series:
    """The region code of every product at the depth it was given: ``place_code``, or the kab/kota
    code where a frame has no place (built in code, or stored before places were kept) or a place
    outside its kab/kota (the kab/kota was changed without the place: the kab/kota is the newer
    word, and writing the stale desa would move the product back)."""
    if "place_code" not in frame.columns:
        return frame["region_code"]
    place = frame["place_code"].astype(object).fillna("").astype(str).str.strip()
    region = frame["region_code"].astype(object).fillna("").astype(str)
    # region codes are dotted kab/kota codes "NN.NN": a place inside one starts with it and a dot
    inside = (place.str.slice(0, 5) == region) & ((place.str.len() == 5) | (place.str.slice(5, 6) == "."))
    return frame["place_code"].where((place != "") & inside, frame["region_code"])


def write_csv(frame: pd.DataFrame, target: str | Path | None = None, lang: str = "en", extra=None) -> bytes:
    """UTF-8 CSV (with BOM so Excel shows Indonesian characters); returns the bytes too."""
    table = neutralise_formulas(registry_file_frame(frame, lang, extra))
    data = table.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
    if target is not None:
        Path(target).write_bytes(data)
    return data


def stable_xlsx_bytes(data: bytes, when: tuple[int, ...] = (2026, 1, 1, 0, 0, 0)) -> bytes:
    """Rewrite an XLSX with fixed zip timestamps and created/modified properties.

    openpyxl stamps the current time into every file; with this the same table gives the same
    bytes, so exports, templates and the bundled demo file can be compared and regenerated.
    """
    stamp = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*when).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = re.sub(
                    rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)",
                    rb"\g<1>" + stamp + rb"\g<3>",
                    payload,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, payload)
    return out.getvalue()


def write_xlsx(frame: pd.DataFrame, target: str | Path | None = None, lang: str = "en", extra=None) -> bytes:
    buffer = io.BytesIO()
    sheet = translate("template.sheet.data", lang)
    table = registry_file_frame(frame, lang, extra)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name=sheet)
        keep_text_as_text(writer.sheets[sheet], table)
    data = stable_xlsx_bytes(buffer.getvalue())
    if target is not None:
        Path(target).write_bytes(data)
    return data
