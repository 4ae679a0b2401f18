"""The problem collector: every problem of a file as (row, column, value, code, severity, messages).

Checks run per column over the whole table and hand their findings here as masks, so problems
are built as small frames per check, never per row. The wording comes from ``messages``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalog import Message
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
        texts = {lang: render_rows(key, lang, len(rows), **params) for lang in LANGUAGES}
        self._append(rows, column, values, code, severity, where, texts)

    def add_message(
        self, rows, column: str, values, code: str, message: Message, severity: str = "error", where: bool = True
    ) -> None:
        """Problems worded by a ready ``Message`` (the message of a refused file)."""
        rows = pd.Series(rows, dtype="int64").reset_index(drop=True)
        values = visible(pd.Series(values, dtype=object).reset_index(drop=True).astype(str))
        texts = {lang: message.render(lang) for lang in LANGUAGES}
        self._append(rows, column, values, code, severity, where, texts)

    def _append(self, rows, column, values, code, severity, where, texts) -> None:
        """One frame of problems; ``texts`` maps each language to the messages (one, or one per row)."""
        column = shorten(visible(pd.Series([str(column)])), _COLUMN_SHOWN).iloc[0]
        at = "at_cell" if column else "at_row"
        show = ((rows > 0) & where).to_numpy()
        worded = {
            f"message_{lang}": np.where(show, render_rows(at, lang, len(rows), row=rows, column=column), "")
            + texts[lang]
            for lang in LANGUAGES
        }
        self.parts.append(
            pd.DataFrame(
                {
                    "row": rows,
                    "column": column,
                    "value": values.str.slice(0, _VALUE_KEPT),
                    "code": code,
                    "severity": severity,
                    **worded,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame(columns=PROBLEM_COLUMNS)
        out = pd.concat(self.parts, ignore_index=True)
        return out.sort_values(["row", "severity"], kind="stable").reset_index(drop=True)
