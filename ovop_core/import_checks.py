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

from .catalog import LANGS, Message
from .registry.problems import PROBLEM_COLUMNS


def _both(words: Message) -> tuple[str, ...]:
    """The message columns of a problem row: ``words`` in every language, in ``PROBLEM_COLUMNS`` order."""
    return tuple(words.render(lang) for lang in LANGS)


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
                words = Message("import.lossy_encoding", row=row, column=column, new=new, old=old)
                rows.append((int(row), column, new, "lossy_encoding", "warning", *_both(words)))
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
        words = Message("import.leading_zero_lost", row=row, new=new, old=old)
        rows.append((int(row), "product_id", new, "leading_zero_lost", "warning", *_both(words)))
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
