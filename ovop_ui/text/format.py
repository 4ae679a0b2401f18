"""Numbers, percentages, Rupiah and dates the Indonesian way (1.234,5; Rp 1,2 M; 1 Maret 2025) or the
English way; and user text made inert for markdown."""

from __future__ import annotations

import math

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

_LOCALE = {"id": "id_ID", "en": "en_US"}
# Dates in words, day first in both languages: English as written in Indonesia ("1 March 2025").
_DATE_LOCALE = {"id": "id_ID", "en": "en_ID"}
# Indonesian short scales: ribu (rb), juta (jt), miliar (M), triliun (T).
_RUPIAH_SCALES = {
    "id": ((1e12, "T"), (1e9, "M"), (1e6, "jt"), (1e3, "rb")),
    "en": ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")),
}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value, lang: str = "id", decimals: int = 0, dash: str = "–") -> str:
    if _missing(value):
        return dash
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_LOCALE[lang])


def percent(value, lang: str = "id", decimals: int = 1, dash: str = "–") -> str:
    if _missing(value):
        return dash
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    text = format_percent(value, format=pattern, locale=_LOCALE[lang])
    return text.replace("\xa0", "")


def rupiah(value, lang: str = "id", dash: str = "–") -> str:
    """Rp 1,2 M (id) / Rp 1.2 B (en); small amounts in full."""
    if _missing(value):
        return dash
    for size, suffix in _RUPIAH_SCALES[lang]:
        if abs(value) >= size:
            return f"Rp {number(value / size, lang, 1)} {suffix}"
    return f"Rp {number(value, lang)}"


# Every ASCII punctuation character markdown (CommonMark + GFM + Streamlit) gives a meaning to:
# emphasis, links, autolinks, headings, lists, tables, code, HTML, entities, maths, :colour[...] directives.
def long_date(value, lang: str = "id", dash: str = "") -> str:
    """A date in words: "1 Maret 2025" (id) / "1 March 2025" (en); ``dash`` when missing.

    Numeric dates are ambiguous between the two languages' readers (1/3/2025 is March or
    January); a month name is not.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return dash
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError):
        return str(value)
    if pd.isna(day):
        return dash
    return format_date(day.date(), format="long", locale=_DATE_LOCALE[lang])


_MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()#+-.!|<>~$:&")
_WORD_JOINER = "\u2060"  # invisible, no line break


def md_escape(text: object) -> str:
    """User-supplied text (file names, product ids and names, usernames, notes) made inert for
    Streamlit's markdown: it shows exactly as typed, on one line, with no formatting or links.

    Markdown punctuation is backslash-escaped. That is not enough for Streamlit's shortcodes
    (``:material/icon:``, ``:streamlit:``, emoji such as ``:fire:``): it expands them in the raw
    source and in the parsed text, where escapes are already gone. So each colon is also followed
    by an invisible word joiner, which no shortcode pattern accepts after its opening colon.
    """
    out = []
    for ch in " ".join(str(text).splitlines()):
        if ch in _MARKDOWN_SPECIALS:
            out.append("\\" + ch)
            if ch == ":":
                out.append(_WORD_JOINER)
        else:
            out.append(ch)
    return "".join(out)
