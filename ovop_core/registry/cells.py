"""A raw table seen by canonical column: each column's text, and problems reported by mask."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .messages import Both
from .problems import Problems
from .raw_table import RawTable


class Cells:
    """What the column parsers need: ``text(col)`` of every row, and ``report(mask, col, code)``."""

    def __init__(self, raw: RawTable, positions: dict[str, int], problems: Problems) -> None:
        self.raw = raw
        self.positions = positions
        self.problems = problems
        self.rows = raw.row_numbers.reset_index(drop=True)
        self.n = len(self.rows)

    def has(self, col: str) -> bool:
        return col in self.positions

    def text(self, col: str) -> pd.Series:
        """The column's stripped text ("" for every row when the file has no such column)."""
        if col in self.positions:
            return self.raw.cells[self.positions[col]].astype(str).str.strip().reset_index(drop=True)
        return pd.Series("", index=range(self.n), dtype=object)

    def header(self, col: str) -> str:
        """The column's header as the user wrote it (the canonical name when absent)."""
        return self.raw.header[self.positions[col]] if col in self.positions else col

    def report(self, mask, col: str, code: str, message: str | None = None, severity: str = "error", **params):
        """A problem for every row where ``mask`` holds; per-row params are taken at the same rows."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        params = {name: _at(value, mask) for name, value in params.items()}
        self.problems.add(self.rows[mask], self.header(col), self.text(col)[mask], code, message, severity, **params)


def _at(value, mask: np.ndarray):
    if isinstance(value, Both):
        return Both(_at(value.id, mask), _at(value.en, mask))
    if isinstance(value, pd.Series):
        return value[mask].reset_index(drop=True)
    if isinstance(value, np.ndarray):
        return value[mask]
    return value
