"""Stars as text, official or estimated (DESIGN.md §4).

A star is official only once a product has passed assessment (stage ≥ 3). Below that the same
number is an estimate and must always look like one — "≈★★★☆☆ 3 (perkiraan)" — so nobody in a
meeting reads an unassessed product as rated. Tables get a whole column at once: there are only
twelve distinct texts (six star counts × official or not), built once and gathered.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ovop_ui.text.i18n import stars_text, translate


def star_label(stars: int, lang: str, official: bool = True) -> str:
    """One star text; an estimate carries "≈" and the word for estimate; not rated stays so."""
    text = stars_text(stars, lang)
    if official or int(stars) <= 0:
        return text
    return translate("stars.estimate", lang, stars=text)


def star_column(frame: pd.DataFrame, lang: str, column: str = "stars") -> pd.Series:
    """``column`` of ``frame`` as star texts; estimated where ``official`` is False (or absent:
    a table without a stage cannot claim its stars were set)."""
    official = frame["official"] if "official" in frame.columns else pd.Series(False, index=frame.index)
    texts = np.array([star_label(s, lang, o) for s in range(6) for o in (False, True)], dtype=object)
    codes = frame[column].astype("int64").to_numpy() * 2 + official.astype(bool).to_numpy()
    return pd.Series(texts[codes], index=frame.index, dtype=object)
