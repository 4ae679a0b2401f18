"""Parsing untrusted text parameters (a link's query, a form) into values a caller can use, or nothing.

A link is typed, shortened, forwarded and edited by hand, so every parameter is untrusted: a
value that cannot be used exactly is ignored (the caller keeps its default), never passed on to
a widget or a calculation where it would fail (``nan``, ``inf``, an unknown code). The app then
writes the parsed state back, which drops what was ignored from the shared link. Pure Python:
the what-if ``Scenario`` reads its link with these, and ``ovop_ui`` its widgets' state.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
MAX_TEXT = 2_000  # longer than any valid list of codes; anything longer is not read at all


def finite_number(text: object, low: float, high: float, step: float | None = None) -> float | None:
    """A finite number clamped to ``low…high`` (and snapped to ``step`` from ``low``), or None."""
    if text is None or len(str(text)) > 64:
        return None
    try:
        value = float(str(text).strip())
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(value):
        return None
    if step:
        value = low + round((value - low) / step) * step
    return min(max(value, low), high)


def known_values(text: object, allowed: Iterable[T], convert: Callable[[str], T] = str) -> list[T]:
    """The comma-separated items of ``text`` that are in ``allowed``, once each, in order."""
    raw = "" if text is None else str(text)
    if len(raw) > MAX_TEXT:
        return []
    allowed = set(allowed)
    out: list[T] = []
    for part in raw.split(","):
        try:
            value = convert(part.strip())
        except (TypeError, ValueError):
            continue
        if value in allowed and value not in out:
            out.append(value)
    return out


def known_value(text: object, allowed: Iterable[T], default: T, convert: Callable[[str], T] = str) -> T:
    """``text`` when it is one of ``allowed``, else ``default``."""
    raw = "" if text is None else str(text).strip()
    if len(raw) > MAX_TEXT:
        return default
    try:
        value = convert(raw)
    except (TypeError, ValueError):
        return default
    return value if value in set(allowed) else default
