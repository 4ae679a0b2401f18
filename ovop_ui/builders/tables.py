"""Tables for people: localised pipeline product tables and CSV/XLSX bytes for download buttons.

Pure functions (no Streamlit), so tests call them directly. Headers come from the i18n catalog,
so an Indonesian user downloads Indonesian headers. Product names are user-supplied text: in a
spreadsheet a cell starting with ``=``, ``+``, ``-`` or ``@`` would run as a formula, so exports
neutralise such cells (CSV: a leading apostrophe, the usual guard; XLSX: stored as text).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ovop_core.export import keep_text_as_text, neutralise_formulas
from ovop_core.funnel import OWNERS, UNRATED_OWNER, product_status, stalled_mask
from ovop_core.model import CATEGORIES
from ovop_core.pipeline import DEFAULT_STALLED_MONTHS, STAGES
from ovop_ui.text.format import long_date
from ovop_ui.text.i18n import category_name, stage_name, translate
from ovop_ui.text.stars import star_column

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Indonesian Excel (regional setting id-ID) splits CSV on ";" and reads "," as the decimal mark.
CSV_DIALECT = {"id": (";", ","), "en": (",", ".")}


DATE_COLUMNS = ("stage_since", "rated_on")  # rated_on: once the registry carries it (DESIGN.md §3)


def import_preview(frame: pd.DataFrame, lang: str, n: int = 20) -> pd.DataFrame:
    """The first ``n`` rows of an uploaded registry as read, with dates in words in ``lang``,
    so the user can check the file's dates were understood (day and month not swapped)."""
    shown = frame.drop(columns=["_row"], errors="ignore").head(n).copy()
    for col in DATE_COLUMNS:
        if col in shown.columns:
            shown[col] = shown[col].map(lambda value: long_date(value, lang))
    return shown


def to_csv_bytes(frame: pd.DataFrame, lang: str = "en") -> bytes:
    """UTF-8 CSV with a BOM (Excel then shows Indonesian characters); ``;`` and decimal comma
    for ``lang="id"``, so a double-click opens it in columns on an Indonesian Windows machine."""
    sep, decimal = CSV_DIALECT.get(lang, CSV_DIALECT["en"])
    text = neutralise_formulas(frame).to_csv(index=False, sep=sep, decimal=decimal, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def safe_sheet_name(name: str) -> str:
    """Excel's rules: at most 31 characters, none of ``[]:*?/\\``, not empty."""
    cleaned = _SHEET_FORBIDDEN.sub(" ", str(name)).strip().strip("'")[:31]
    return cleaned or "Sheet1"


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str) -> bytes:
    """One-sheet XLSX: bold frozen header, columns wide enough to read, text never a formula."""
    from openpyxl.styles import Font  # lazily: only downloads need it

    buffer = io.BytesIO()
    sheet_name = safe_sheet_name(sheet_name)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet_name)
        sheet = writer.sheets[sheet_name]
        sheet.freeze_panes = "A2"
        for position, col in enumerate(frame.columns, start=1):
            header = sheet.cell(row=1, column=position)
            header.font = Font(bold=True)
            values = frame[col].astype("string").fillna("")
            width = max([len(str(col))] + values.str.len().tolist()[:500])
            sheet.column_dimensions[header.column_letter].width = min(60, width + 2)
        keep_text_as_text(sheet, frame)
    return buffer.getvalue()


def _stage_names(lang: str) -> dict[int, str]:
    return {s.number: stage_name(s.number, lang) for s in STAGES}


def _yes_no(values: pd.Series, lang: str) -> pd.Series:
    return pd.Series(
        np.where(values.to_numpy(dtype=bool), translate("common.yes", lang), translate("common.no", lang)),
        index=values.index,
        dtype=object,
    )


def _mark(values: pd.Series, lang: str) -> pd.Series:
    """On screen: "ya" stands out in a column of dashes."""
    return pd.Series(
        np.where(values.to_numpy(dtype=bool), translate("common.yes", lang), "–"), index=values.index, dtype=object
    )


def _status_text(table: pd.DataFrame, lang: str) -> pd.Series:
    status = product_status(table)
    names = {s: translate(f"pipeline.status.{s}", lang) for s in ("eligible", "blocked", "waiting", "last")}
    return status.map(names)


def _owner_text(table: pd.DataFrame, lang: str) -> pd.Series:
    owner = table["coaching_owner"].astype(str).replace("", UNRATED_OWNER)
    return owner.map({o: translate(f"pipeline.owner.{o}", lang) for o in OWNERS})


STATUS_ORDER = {"blocked": 0, "eligible": 1, "waiting": 2, "last": 3}


def sort_for_action(table: pd.DataFrame) -> pd.DataFrame:
    """Blocked first (with their reasons), then eligible (to move on), longest in the stage first."""
    order = product_status(table).map(STATUS_ORDER)
    keyed = table.assign(_order=order, _months=table["months_in_stage"].fillna(-1))
    keyed = keyed.sort_values(["_order", "_months", "product_id"], ascending=[True, False, True], kind="stable")
    return keyed.drop(columns=["_order", "_months"])


def pipeline_products(
    table: pd.DataFrame,
    lang: str,
    stalled_months: Mapping[int, float] | float = DEFAULT_STALLED_MONTHS,
    full: bool = False,
) -> pd.DataFrame:
    """Products with their pipeline situation, headers in ``lang``.

    The short form (for the screen) has name, status, blocking reason in plain words, months in
    stage (truncated to one decimal), stalled and re-evaluation flags ("ya"/"–"), stars, score
    and kab/kota — what to act on first, so it stays visible on a laptop.
    ``full=True`` (for downloads) adds id, producer, province, category, stage, next stage and
    coaching owner, and writes the flags as ``ya``/``tidak`` (yes/no).
    """
    col = lambda key: translate(f"col.{key}", lang)  # noqa: E731
    months = (np.floor(table["months_in_stage"] * 10) / 10).astype("Float64")  # 12.96 must not read "13,0"
    stalled = stalled_mask(table, stalled_months)
    reeval = table["reeval_due"].astype(bool)
    flag = (lambda v: _yes_no(v, lang)) if full else (lambda v: _mark(v, lang))
    columns: dict[str, pd.Series] = {}
    if full:
        columns[col("product_id")] = table["product_id"]
    columns[col("name")] = table["name"]
    if full:
        columns[col("producer")] = table["producer"]
        columns[col("category")] = table["category"].map({c: category_name(c, lang) for c in CATEGORIES})
        columns[col("stage")] = table["stage"].map(_stage_names(lang))
    columns[col("status")] = _status_text(table, lang)
    if full:
        columns[col("next")] = table["next_stage"].map(_stage_names(lang)).astype(object).fillna("")
    columns[col("blocking")] = table[f"blocking_reason_{lang}"].astype(str)
    columns[col("months")] = months
    columns[col("stalled")] = flag(stalled)
    columns[col("reeval_due")] = flag(reeval)
    columns[col("stars")] = star_column(table, lang)
    columns[col("score")] = table["score"].round(1)
    columns[col("kabkota")] = table.get("region_name", table["region_code"])
    if full:
        columns[col("province")] = table.get("province_name", table["province"])
        columns[col("owner")] = _owner_text(table, lang)
    return pd.DataFrame(columns, index=table.index).reset_index(drop=True)


def stage_summary(funnel: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The funnel as a table for the screen and the minutes (headers in ``lang``)."""
    col = lambda key: translate(f"col.{key}", lang)  # noqa: E731
    return pd.DataFrame(
        {
            col("stage"): funnel["stage"].map(_stage_names(lang)),
            col("in_stage"): funnel["n_in_stage"],
            col("reached"): funnel["n_reached"],
            col("conversion"): funnel["conversion"],
            col("eligible"): funnel["n_eligible"],
            col("blocked"): funnel["n_blocked"],
            col("waiting"): funnel["n_waiting"],
            col("stalled"): funnel["n_stalled"],
            col("reeval_due"): funnel["n_reeval_due"],
        }
    ).reset_index(drop=True)


def contradiction_table(found: pd.DataFrame, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Products whose stage contradicts their data (``contradictions.contradictions`` of
    ``table``): product id, name, stage, the column to look at and why, headers in ``lang``."""
    col = lambda key: translate(f"col.{key}", lang)  # noqa: E731
    names = table["name"].reindex(found.index)
    return pd.DataFrame(
        {
            col("product_id"): found["product_id"],
            col("name"): names,
            col("stage"): found["stage"].map(_stage_names(lang)),
            col("contradiction_column"): found["column"],
            col("contradiction"): found[f"reason_{lang}"],
        }
    ).reset_index(drop=True)
