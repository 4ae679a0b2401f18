"""The problem collector: every problem of a file as (row, column, value, code, severity, messages).

Checks run per column over the whole table and hand their findings here as masks, so problems
are built as small frames per check, never per row. The wording comes from ``messages``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .characters import shorten, visible
from .messages import LANGUAGES, render_rows

PROBLEM_COLUMNS = ["row", "column", "value", "code", "severity", "message_id", "message_en"]
VALUE_SHOWN = 60  # characters of a value quoted in a message
_COLUMN_SHOWN = 100
_VALUE_KEPT = 200  # characters of a value kept in the "value" column


class Problems:
    """Collects problems; ``frame()`` gives them sorted by row, errors before warnings."""

    def __init__(self) -> None:
        self.parts: list[pd.DataFrame] = []

    def add(
        self,
        rows,
        column: str,
        values,
        code: str,
        message: str | None = None,
        severity: str = "error",
        where: bool = True,
        **params,
    ) -> None:
        """One problem per row, worded by the message ``message`` (default: ``code``).

        ``{value}`` in the message is the row's value, shortened and made printable; other
        placeholders come from ``params`` (scalars, per-row Series, or ``Both``). Messages start
        "Row r, column 'c': " unless ``where`` is False.
        """
        rows = pd.Series(rows, dtype="int64").reset_index(drop=True)
        if rows.empty:
            return
        values = visible(pd.Series(values, dtype=object).reset_index(drop=True).astype(str))
        params["value"] = shorten(values, VALUE_SHOWN)
        key = message or code
        text_id, text_en = (render_rows(key, lang, len(rows), **params) for lang in LANGUAGES)
        self._append(rows, column, values, code, severity, where, text_id, text_en)

    def add_worded(
        self,
        rows,
        column: str,
        values,
        code: str,
        text_id: str,
        text_en: str,
        severity: str = "error",
        where: bool = True,
    ) -> None:
        """Problems whose message is already worded (the message of a refused file)."""
        rows = pd.Series(rows, dtype="int64").reset_index(drop=True)
        values = visible(pd.Series(values, dtype=object).reset_index(drop=True).astype(str))
        self._append(rows, column, values, code, severity, where, text_id, text_en)

    def _append(self, rows, column, values, code, severity, where, text_id, text_en) -> None:
        column = shorten(visible(pd.Series([str(column)])), _COLUMN_SHOWN).iloc[0]
        at = "at_cell" if column else "at_row"
        show = ((rows > 0) & where).to_numpy()
        where_id, where_en = (
            np.where(show, render_rows(at, lang, len(rows), row=rows, column=column), "") for lang in LANGUAGES
        )
        self.parts.append(
            pd.DataFrame(
                {
                    "row": rows,
                    "column": column,
                    "value": values.str.slice(0, _VALUE_KEPT),
                    "code": code,
                    "severity": severity,
                    "message_id": where_id + text_id,
                    "message_en": where_en + text_en,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame(columns=PROBLEM_COLUMNS)
        out = pd.concat(self.parts, ignore_index=True)
        return out.sort_values(["row", "severity"], kind="stable").reset_index(drop=True)
