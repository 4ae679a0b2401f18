"""Unit costs of the interventions, per category, in Rupiah (DESIGN.md §11): ``data/costs.csv``.

Each row prices one intervention (``nib``, ``permit``, ``halal``, ``brand``, ``export``) for one
category, or for every category with ``*``; a category's own row wins over ``*``. Every row names
its public source (a published tariff) or says ``asumsi``, so a plan read aloud in a meeting can
say where each rupiah comes from. The file is checked whole before use: one bad row and nothing
is used, with a message naming the file, row and column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .catalog import Message, MessageError, grouped
from .interventions import INTERVENTIONS, intervention_categories
from .model import CATEGORIES
from .registry.numbers import parse_number
from .small_files import read_small_text

COLUMNS: tuple[str, ...] = ("intervention", "category", "cost_idr", "source")
ALL = "*"
ASSUMPTION = "asumsi"
DEFAULT_COSTS = Path(__file__).resolve().parents[1] / "data" / "costs.csv"
MAX_BYTES = 1_000_000  # a cost table has at most 5 × 7 rows; anything this big is not one
MAX_COST = 10**13  # Rp 10 trillion: above any programme's budget, below float64's exact integers


class CostsError(MessageError):
    """A cost table that cannot be used (the message names file, row and column)."""


@dataclass(frozen=True)
class UnitCosts:
    """The checked cost table: one row per (intervention, category or ``*``)."""

    table: pd.DataFrame  # COLUMNS, cost_idr as int64
    name: str = "costs.csv"

    def cost(self, intervention: str, category: str) -> int | None:
        """The unit cost of ``intervention`` for ``category`` (its own row, else ``*``), or None."""
        rows = self.table[self.table["intervention"] == intervention]
        own = rows[rows["category"] == category]
        rows = own if len(own) else rows[rows["category"] == ALL]
        return int(rows["cost_idr"].iloc[0]) if len(rows) else None

    def per_product(self, intervention: str, categories: pd.Series | pd.Categorical) -> np.ndarray:
        """The unit cost of ``intervention`` for each product's category (NaN where none is priced)."""
        if isinstance(categories, pd.Categorical) and tuple(categories.categories) == CATEGORIES:
            codes = categories.codes  # already positions in CATEGORIES (-1 unknown)
        else:
            codes = pd.Index(CATEGORIES).get_indexer(categories)
        prices = np.array([np.nan if (v := self.cost(intervention, c)) is None else v for c in CATEGORIES] + [np.nan])
        return prices[codes]  # -1 (unknown) reads the NaN at the end

    def unpriced(self, interventions: tuple[str, ...]) -> list[tuple[str, str]]:
        """(intervention, category) pairs where the intervention applies but the table has no price."""
        return [(n, c) for n in interventions for c in intervention_categories(n) if self.cost(n, c) is None]

    def priced(self) -> tuple[str, ...]:
        """The interventions the table prices for at least one category (in ``INTERVENTIONS`` order)."""
        return tuple(n for n in INTERVENTIONS if n in set(self.table["intervention"]))

    def require(self, interventions: tuple[str, ...]) -> None:
        """Refuse a plan asked to buy an intervention that some category it applies to has no price for."""
        for name, category in self.unpriced(interventions)[:1]:
            raise CostsError(Message("costs.not_covered", path=self.name, intervention=name, category=category))


def _error(path: str, row: int, column: str, key: str, **params) -> CostsError:
    return CostsError(Message("costs.at_cell", path=path, row=row, column=column, problem=Message(key, **params)))


def parse_costs(text: str, name: str = "costs.csv") -> UnitCosts:
    """Check a cost table given as CSV text; raise ``CostsError`` at the first problem."""
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as exc:
        raise CostsError(Message("costs.unreadable", path=name, reason=str(exc))) from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise CostsError(Message("costs.empty", path=name))
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CostsError(
            Message("costs.missing_columns", path=name, columns=", ".join(missing), expected=", ".join(COLUMNS))
        )
    frame = pd.DataFrame(
        [[(r[header.index(c)] if header.index(c) < len(r) else "").strip() for c in COLUMNS] for r in rows[1:]],
        columns=list(COLUMNS),
        dtype=object,
    )
    if frame.empty:
        raise CostsError(Message("costs.empty", path=name))
    line = pd.Series(range(2, len(frame) + 2), index=frame.index)  # the header is row 1
    frame["intervention"] = frame["intervention"].str.lower()
    frame["category"] = frame["category"].str.lower()
    bad = ~frame["intervention"].isin(INTERVENTIONS)
    if bad.any():
        i = bad.idxmax()
        raise _error(
            name,
            line[i],
            "intervention",
            "costs.bad_intervention",
            value=frame.at[i, "intervention"],
            choices=", ".join(INTERVENTIONS),
        )
    bad = ~frame["category"].isin((*CATEGORIES, ALL))
    if bad.any():
        i = bad.idxmax()
        raise _error(
            name,
            line[i],
            "category",
            "costs.bad_category",
            value=frame.at[i, "category"],
            choices=", ".join(CATEGORIES),
        )
    text = frame["cost_idr"].astype(str)
    # "1,500,000" (English grouping, two or more groups) is unambiguous; "1,5" stays a decimal.
    english = text.str.fullmatch(r"\d{1,3}(?:,\d{3}){2,}")
    text = text.where(~english, text.str.replace(",", "", regex=False))
    text = text.str.removeprefix("Rp").str.removeprefix("rp").str.strip()
    cost = parse_number(text, thousands=True)
    bad = cost.isna() | (cost < 0) | (cost > MAX_COST) | (cost != cost.round())
    if bad.any():
        i = bad.idxmax()
        raise _error(name, line[i], "cost_idr", "costs.bad_cost", value=frame.at[i, "cost_idr"], most=grouped(MAX_COST))
    bad = frame["source"] == ""
    if bad.any():
        i = bad.idxmax()
        raise _error(name, line[i], "source", "costs.missing_source", assumption=ASSUMPTION)
    repeated = frame.duplicated(["intervention", "category"], keep="first")
    if repeated.any():
        i = repeated.idxmax()
        same = frame[["intervention", "category"]].eq(frame.loc[i, ["intervention", "category"]]).all(axis=1)
        raise _error(name, line[i], "category", "costs.duplicate", first=line[same.idxmax()])
    frame["cost_idr"] = cost.astype("int64")
    return UnitCosts(frame.reset_index(drop=True), name)


def read_costs(path: str | Path = DEFAULT_COSTS) -> UnitCosts:
    """Read and check a cost table file (``data/costs.csv`` by default)."""
    path = Path(path)
    return parse_costs(read_small_text(path, MAX_BYTES, CostsError, "costs"), path.name)
