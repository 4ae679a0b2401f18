"""Warnings that need the stored registry: what a spreadsheet round trip may have lost.

The reader judges a file on its own; some slips only show next to what is already stored:

- ``lossy_encoding``: a CSV saved as Windows-1252 turns letters that encoding lacks (Đ, ở, ạ …)
  into ``?``. A name that equals the stored name except for ``?`` where the stored one has
  another letter is reported, with both spellings.
- ``leading_zero_lost``: a spreadsheet opening a CSV turns id ``0012`` into ``12``. An incoming
  id that is new, all digits, and equals a stored id once its leading zeros are dropped is
  reported with the stored id.

Both are warnings (row, column, value, message in id and en), in ``registry.PROBLEM_COLUMNS``.
Only the few candidate rows are compared character by character; the selection is vectorised.
"""

from __future__ import annotations

import pandas as pd

from .registry.problems import PROBLEM_COLUMNS


def against_stored(incoming: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """Warnings for ``incoming`` (a validated frame with ``_row``) compared with ``stored``."""
    parts = [_lossy_encoding(incoming, stored), _leading_zero_lost(incoming, stored)]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    return pd.concat(parts, ignore_index=True).sort_values("row", kind="stable").reset_index(drop=True)


def _only_question_marks_differ(new: str, old: str) -> bool:
    if len(new) != len(old) or new == old:
        return False
    return all(a == b or (a == "?" and b != "?") for a, b in zip(new, old))


def _lossy_encoding(incoming: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for column in ("name", "producer"):
        if column not in incoming or column not in stored:
            continue
        candidates = incoming.loc[incoming[column].astype(str).str.contains("?", regex=False),
                                  ["_row", "product_id", column]]  # fmt: skip
        if candidates.empty:
            continue
        before = stored.set_index("product_id")[column].astype(str)
        merged = candidates.join(before.rename("stored"), on="product_id", how="inner")
        for row, new, old in zip(merged["_row"], merged[column].astype(str), merged["stored"]):
            if _only_question_marks_differ(new, old):
                rows.append(
                    (int(row), column, new, "lossy_encoding", "warning",
                     f"Baris {row}, kolom '{column}': '{new}' berisi '?' di tempat versi tersimpan berisi huruf "
                     f"lain ('{old}'); berkas mungkin disimpan sebagai Windows-1252, yang tidak memuat huruf itu. "
                     "Simpan sebagai CSV UTF-8 lalu unggah lagi.",
                     f"Row {row}, column '{column}': '{new}' has '?' where the stored version has another letter "
                     f"('{old}'); the file was probably saved as Windows-1252, which cannot hold that letter. "
                     "Save it as CSV UTF-8 and upload again.")
                )  # fmt: skip
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def _leading_zero_lost(incoming: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    ids = incoming["product_id"].astype(str)
    known = set(stored["product_id"].astype(str))
    padded = stored.loc[stored["product_id"].astype(str).str.fullmatch(r"0+\d+"), "product_id"].astype(str)
    if padded.empty:
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    by_stripped = dict(zip(padded.str.lstrip("0"), padded))
    lost = ids.str.fullmatch(r"[1-9]\d*") & ~ids.isin(known) & ids.isin(by_stripped.keys())
    rows = []
    for row, new in zip(incoming.loc[lost, "_row"], ids[lost]):
        old = by_stripped[new]
        rows.append(
            (int(row), "product_id", new, "leading_zero_lost", "warning",
             f"Baris {row}, kolom 'product_id': id '{new}' belum ada, tetapi '{old}' tersimpan; program lembar kerja "
             "mungkin menghapus angka 0 di depan. Impor CSV sebagai teks atau gunakan XLSX, agar produk tidak "
             "tercatat dua kali.",
             f"Row {row}, column 'product_id': id '{new}' is new, but '{old}' is stored; a spreadsheet program "
             "probably dropped the leading zeros. Import the CSV as text, or use XLSX, so the product is not "
             "recorded twice.")
        )  # fmt: skip
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
