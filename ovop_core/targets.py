"""Targets per region and year (DESIGN.md §11): "40 recognised products in Jawa Tengah by 2027".

An admin sets them as a small CSV table (``data/targets.csv`` ships demo targets; the store keeps
an admin's versions as the ``targets`` setting, like the unit costs). Each row names a region — a
province ``NN``, a kab/kota ``NN.NN``, or empty (or ``ID``) for Indonesia — a year, the number of
recognised products (official ★≥3) to reach, and optionally the share of rated products that are
recognised, in percent. The table is checked whole before use: one bad row and nothing is used,
with a message naming the row, the column and the value, in Indonesian and English.

Progress (``progress``) compares the history of recognised products per assessment round with
the target, in exact arithmetic (fractions), so a count exactly on the path is on track:

- ``done``: the newest round's count is at or above the target;
- ``on_track``: not done, and the newest count is at or above the straight line from the first
  round's count to the target in the target year, read at the newest round's year;
- ``behind``: otherwise — including when there is a single round (no pace can be measured yet)
  or the newest round is in or past the target year (no time is left on the path).

The same rule runs on the share when the target sets one (share = recognised / rated × 100).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

import pandas as pd

from . import regions, summary
from .catalog import Message, MessageError, grouped
from .model import RECOGNISED_STAR
from .registry.numbers import parse_number
from .small_files import read_small_text

COLUMNS: tuple[str, ...] = ("region_code", "year", "recognised", "share_recognised")
REQUIRED: tuple[str, ...] = COLUMNS[:3]
ALIASES: dict[str, str] = {
    "kode_wilayah": "region_code",
    "tahun": "year",
    "terakui": "recognised",
    "persen_terakui": "share_recognised",
}
NATIONAL = ""
NATIONAL_ALIASES = ("", "id", "indonesia", "nasional", "national")
STATUSES = ("done", "on_track", "behind")
DEFAULT_TARGETS = Path(__file__).resolve().parents[1] / "data" / "targets.csv"
MAX_BYTES = 1_000_000  # ~550 regions × a few years fit in far less
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_RECOGNISED = 1_000_000  # a registry holds at most 500,000 rows per DESIGN §3 limits


class TargetsError(MessageError):
    """A targets table that cannot be used (the message names row, column and value)."""


@dataclass(frozen=True)
class Target:
    """One region's goal for one year. ``region_code`` is "" for Indonesia; ``share_recognised``
    is a percent (0–100) kept as an exact fraction, or None when the target sets no share."""

    region_code: str
    year: int
    recognised: int
    share_recognised: Fraction | None = None


@dataclass(frozen=True)
class Targets:
    """The checked targets table, sorted by region and year."""

    items: tuple[Target, ...] = ()
    name: str = "targets.csv"

    def for_region(self, code: str) -> tuple[Target, ...]:
        """The targets of region ``code`` ("" Indonesia), earliest year first."""
        return tuple(t for t in self.items if t.region_code == code)

    def current(self, code: str, year: int) -> Target | None:
        """The target the region is working towards in ``year``: the earliest whose year is
        ``year`` or later; when all lie in the past, the latest (its outcome is still news)."""
        own = self.for_region(code)
        ahead = [t for t in own if t.year >= year]
        return ahead[0] if ahead else (own[-1] if own else None)

    def to_csv(self) -> str:
        """The table as CSV text (English headers), as the store keeps it."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for t in self.items:
            share = "" if t.share_recognised is None else _decimal(t.share_recognised)
            writer.writerow([t.region_code, t.year, t.recognised, share])
        return out.getvalue()


@dataclass(frozen=True)
class Progress:
    """Where a region stands against one target figure (the count, or the share in percent).

    ``expected`` is where the straight path says the region should be by the newest round (the
    target itself once the target year has come; None with a single round before it: no path);
    ``gap`` is what is still missing (0 when done).
    ``share`` holds the same reading of the share of recognised products, when the target sets one.
    """

    status: str  # one of STATUSES
    current: Fraction
    target: Fraction
    expected: Fraction | None
    gap: Fraction
    year: int  # the target year
    newest_round: int
    first_round: int
    rounds: int
    share: Progress | None = None


def _decimal(value: Fraction) -> str:
    """An exact fraction with a terminating decimal as text ("12.5"), else rounded to 6 places."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.6f}".rstrip("0").rstrip(".")


# --- reading ---------------------------------------------------------------------------------


def _error(name: str, row: int, column: str, key: str, **params) -> TargetsError:
    return TargetsError(Message("targets.at_cell", path=name, row=row, column=column, problem=Message(key, **params)))


def _first(bad: pd.Series) -> object | None:
    return bad.idxmax() if bad.any() else None


def parse_targets(text: str, name: str = "targets.csv") -> Targets:
    """Check a targets table given as CSV text (``,`` or ``;`` separated, English or Indonesian
    headers); raise ``TargetsError`` at the first problem, naming its row and column."""
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise TargetsError(Message("targets.unreadable", path=name, reason=str(exc))) from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise TargetsError(Message("targets.empty", path=name, expected=", ".join(REQUIRED)))
    header = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise TargetsError(
            Message("targets.missing_columns", path=name, columns=", ".join(missing), expected=", ".join(COLUMNS))
        )
    index = {c: header.index(c) for c in COLUMNS if c in header}
    frame = pd.DataFrame(
        [[(r[index[c]] if c in index and index[c] < len(r) else "").strip() for c in COLUMNS] for r in rows[1:]],
        columns=list(COLUMNS),
        dtype=object,
    )
    if frame.empty:
        raise TargetsError(Message("targets.empty", path=name, expected=", ".join(REQUIRED)))
    line = pd.Series(range(2, len(frame) + 2), index=frame.index)  # the header is row 1
    frame["region_code"] = _region_codes(frame, line, name)
    year = parse_number(frame["year"].astype(str))
    i = _first(year.isna() | (year != year.round()) | (year < FIRST_YEAR) | (year > LAST_YEAR))
    if i is not None:
        raise _error(
            name, line[i], "year", "targets.bad_year", value=frame.at[i, "year"], low=FIRST_YEAR, high=LAST_YEAR
        )
    count = parse_number(frame["recognised"].astype(str), thousands=True)
    i = _first(count.isna() | (count != count.round()) | (count < 0) | (count > MAX_RECOGNISED))
    if i is not None:
        value = frame.at[i, "recognised"]
        raise _error(name, line[i], "recognised", "targets.bad_recognised", value=value, most=grouped(MAX_RECOGNISED))
    share_text = frame["share_recognised"].astype(str).str.rstrip("%").str.strip()
    share = parse_number(share_text)
    i = _first((share_text != "") & (share.isna() | (share < 0) | (share > 100)))
    if i is not None:
        raise _error(name, line[i], "share_recognised", "targets.bad_share", value=frame.at[i, "share_recognised"])
    frame["year"] = year.astype("int64")
    i = _first(frame.duplicated(["region_code", "year"], keep="first"))
    if i is not None:
        same = frame[["region_code", "year"]].eq(frame.loc[i, ["region_code", "year"]]).all(axis=1)
        raise _error(name, line[i], "year", "targets.duplicate", first=line[same.idxmax()])
    exact = share_text.str.replace(",", ".", regex=False)
    items = [
        Target(code, int(y), int(n), Fraction(s) if s else None)
        for code, y, n, s in zip(frame["region_code"], frame["year"], count, exact)
    ]
    return Targets(tuple(sorted(items, key=lambda t: (t.region_code, t.year))), name)


def _region_codes(frame: pd.DataFrame, line: pd.Series, name: str) -> pd.Series:
    """Dotted province / kab/kota codes ("" for Indonesia); an unknown or deeper code is an error."""
    raw = frame["region_code"].astype(str)
    national = raw.str.lower().isin(NATIONAL_ALIASES)
    dotted = raw.map(regions.to_dotted).where(~national, NATIONAL)
    level_ok = dotted.str.len().isin((2, 5)) | national
    known = dotted.map(lambda c: c == NATIONAL or regions.region_name(c) is not None)
    i = _first(~(level_ok & known))
    if i is not None:
        raise _error(name, line[i], "region_code", "targets.bad_region", value=frame.at[i, "region_code"])
    return dotted


def read_targets(path: str | Path = DEFAULT_TARGETS) -> Targets:
    """Read and check a targets file (``data/targets.csv`` by default)."""
    path = Path(path)
    return parse_targets(read_small_text(path, MAX_BYTES, TargetsError, "targets"), path.name)


# --- progress --------------------------------------------------------------------------------


def _track(history: dict[int, Fraction], goal: Fraction, year: int) -> Progress:
    """The status rule of the module docstring on one figure's history (round year → value)."""
    first_round, newest_round = min(history), max(history)
    current, first = history[newest_round], history[first_round]
    gap = max(goal - current, Fraction(0))
    expected: Fraction | None = None
    if newest_round >= year:
        expected = goal  # the target year has come: the path ends at the target
    elif newest_round > first_round:
        expected = first + (goal - first) * Fraction(newest_round - first_round, year - first_round)
    if current >= goal:
        status = "done"
    elif expected is not None and newest_round < year and current >= expected:
        status = "on_track"
    else:
        status = "behind"
    return Progress(status, current, goal, expected, gap, year, newest_round, first_round, len(history))


def progress(target: Target, recognised: pd.Series, rated: pd.Series | None = None) -> Progress:
    """Progress of a region towards ``target``.

    ``recognised``: recognised products per assessment round (index: round year; one round is one
    point). ``rated``: rated products per round on the same index, needed for a share target
    (share = recognised / rated × 100; a round with no rated product has no share and is left out).
    """
    if recognised.empty:
        raise ValueError("progress needs at least one round of recognised products")
    counts = {int(y): Fraction(int(n)) for y, n in recognised.items()}
    out = _track(counts, Fraction(target.recognised), target.year)
    if target.share_recognised is None or rated is None:
        return out
    shares = {
        int(y): Fraction(100 * int(recognised[y]), int(r)) for y, r in rated.items() if y in recognised.index and r > 0
    }
    if not shares:
        return out
    return replace(out, share=_track(shares, target.share_recognised, target.year))


def reaches(target: Target, recognised_after: int) -> bool:
    """Whether a count (a scenario's recognised products after) meets the target's count."""
    return recognised_after >= target.recognised


def recognised_after(products: pd.DataFrame, code: str, stars: str = "stars_after") -> int:
    """Recognised products of region ``code`` after a what-if scenario (``WhatIfResult.products``):
    official (stage ≥ 3, which a scenario never changes) with ★≥3 after — the ``recognised`` rule of
    ``scoring.score_columns`` read on ``stars_after`` (``stars="stars"``: before the scenario).
    With several rounds, the newest one counts."""
    if "round" in products.columns and products["round"].notna().any():
        products = products[products["round"] == products["round"].max()]
    inside = summary.region_mask(products, code)
    return int((inside & products["official"] & (products[stars] >= RECOGNISED_STAR)).sum())
