"""Colour classes for a map: which class each region's value falls in (pure numbers, no plotting).

A map tells regions apart only if its classes split the values actually shown: with the star bands
as classes, almost every province's mean score falls in 50–70 and the national map is one colour.
So the classes are computed over the visible level (the regions drawn, those with data only):

- ``jenks``: natural breaks (Fisher–Jenks), the exact partition of the sorted values into k groups
  with the least total within-group squared deviation;
- ``quantile``: about the same number of regions per class;
- ``stars``: the star bands (★1 < 30 ≤ ★2 < 50 ≤ ★3 < 70 ≤ ★4 < 90 ≤ ★5), for scores, so the
  colours read as stars.

A class never splits equal values, so with few distinct values there are fewer classes than asked
and none is empty or duplicated (the star bands are fixed and may be empty). NaN is "no data": it
belongs to no class (-1), never to the lowest one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ovop_core.model import STAR_EDGES
from ovop_core.scoring import snap

METHODS = ("jenks", "quantile", "stars")
DEFAULT_CLASSES = 5
STAR_BANDS = ((0.0, STAR_EDGES[0]), *zip(STAR_EDGES, (*STAR_EDGES[1:], 100.0)))


@dataclass(frozen=True)
class Classes:
    """Classes of one map: ``lows[c]`` is the least value of class c (inclusive), ``ranges[c]`` the
    (low, high) the legend shows (the values' own extremes, or a star band), ``counts[c]`` how
    many regions fall in it, ``missing`` how many have no data."""

    method: str
    lows: tuple[float, ...]
    ranges: tuple[tuple[float, float], ...]
    counts: tuple[int, ...]
    missing: int = 0

    @property
    def k(self) -> int:
        return len(self.lows)

    def classify(self, values: object) -> np.ndarray:
        """The class of each value (0 = lowest), -1 for NaN; a value between two classes' ranges
        goes to the lower one, a value outside every range to the nearest end class."""
        x = np.asarray(values, dtype="float64")
        if self.method == "stars":
            x = snap(x)
        out = np.searchsorted(np.asarray(self.lows[1:], dtype="float64"), x, side="right")
        return np.where(np.isnan(x), -1, out).astype("int64")


def _clean(values: object) -> tuple[np.ndarray, int]:
    x = np.asarray(values, dtype="float64").ravel()
    present = x[~np.isnan(x)]
    return np.sort(present), int(len(x) - len(present))


def _from_groups(method: str, sorted_values: np.ndarray, starts: list[int], missing: int) -> Classes:
    """Classes from the start index of each group in ``sorted_values`` (first start 0)."""
    ends = [*starts[1:], len(sorted_values)]
    lows = tuple(float(sorted_values[s]) for s in starts)
    ranges = tuple((float(sorted_values[s]), float(sorted_values[e - 1])) for s, e in zip(starts, ends))
    counts = tuple(int(e - s) for s, e in zip(starts, ends))
    return Classes(method, lows, ranges, counts, missing)


def _empty(method: str, missing: int) -> Classes:
    return Classes(method, (), (), (), missing)


def jenks_breaks(values: object, k: int = DEFAULT_CLASSES) -> Classes:
    """Natural breaks: the exact Fisher–Jenks partition into at most ``k`` classes.

    Dynamic programming over the distinct values (weighted by how often each occurs), so equal
    values stay together; the least-cost split point of each prefix is found by divide and conquer,
    which is exact because the optimal split moves right as the prefix grows (1-D k-means cost is
    Monge). O(k·n·log n) for n distinct values: 7,300 values in well under a second.
    """
    x, missing = _clean(values)
    if not len(x):
        return _empty("jenks", missing)
    distinct, first, weight = np.unique(x, return_index=True, return_counts=True)
    n = len(distinct)
    k = max(1, min(int(k), n))
    centred = distinct - distinct.mean()  # smaller sums, less cancellation
    w = np.concatenate([[0.0], np.cumsum(weight, dtype="float64")])
    s1 = np.concatenate([[0.0], np.cumsum(weight * centred)])
    s2 = np.concatenate([[0.0], np.cumsum(weight * centred**2)])

    def cost(a: np.ndarray | int, b: int) -> np.ndarray:
        """Within-group squared deviation of distinct values a..b (inclusive); ``a`` may be an array."""
        total = s1[b + 1] - s1[a]
        return s2[b + 1] - s2[a] - total * total / (w[b + 1] - w[a])

    previous = np.maximum(s2[1:] - s1[1:] ** 2 / w[1:], 0.0)
    split = np.zeros((k, n), dtype="int64")  # split[j][i]: first index of the last class
    for j in range(1, k):
        current = np.full(n, np.inf)
        # Each task: prefixes lo..hi whose best split lies in opt_lo..opt_hi.
        tasks = [(j, n - 1, j, n - 1)]
        while tasks:
            lo, hi, opt_lo, opt_hi = tasks.pop()
            if lo > hi:
                continue
            mid = (lo + hi) // 2
            candidates = np.arange(opt_lo, min(mid, opt_hi) + 1)
            totals = previous[candidates - 1] + cost(candidates, mid)
            best = int(np.argmin(totals))
            current[mid] = totals[best]
            split[j, mid] = candidates[best]
            tasks.append((lo, mid - 1, opt_lo, int(candidates[best])))
            tasks.append((mid + 1, hi, int(candidates[best]), opt_hi))
        previous = current
    starts = [0] * k
    end = n - 1
    for j in range(k - 1, 0, -1):
        starts[j] = int(split[j, end])
        end = starts[j] - 1
    return _from_groups("jenks", x, [int(first[s]) for s in starts], missing)


def quantile_breaks(values: object, k: int = DEFAULT_CLASSES) -> Classes:
    """About ``len/k`` regions per class: the i-th of n sorted values goes to class ⌊i·k/n⌋, and equal
    values all go to the class of their first one (so a class may grow, or vanish)."""
    x, missing = _clean(values)
    if not len(x):
        return _empty("quantile", missing)
    n = len(x)
    target = np.arange(n) * max(1, int(k)) // n
    first = np.searchsorted(x, x, side="left")  # the first position of each value's run
    group = target[first]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    return _from_groups("quantile", x, [int(s) for s in starts], missing)


def star_bands(values: object) -> Classes:
    """The five star bands, fixed (a band with no region counts 0); 50.0 is ★3."""
    x, missing = _clean(values)
    lows = tuple(low for low, _ in STAR_BANDS)
    stars = np.searchsorted(np.asarray(lows[1:]), snap(x), side="right")
    counts = tuple(int(c) for c in np.bincount(stars, minlength=len(lows)))
    return Classes("stars", lows, STAR_BANDS, counts, missing)


def classes_for(values: object, method: str, k: int = DEFAULT_CLASSES) -> Classes:
    if method == "jenks":
        return jenks_breaks(values, k)
    if method == "quantile":
        return quantile_breaks(values, k)
    if method == "stars":
        return star_bands(values)
    raise ValueError(f"unknown classing method {method!r}")
