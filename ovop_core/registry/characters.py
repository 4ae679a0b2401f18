"""Characters a person cannot see in a cell, and how the reader shows or removes them.

Control characters (NUL…) would make a message unprintable; BOM, zero-width and direction marks
make look-alike values ("\\ufeffP1" next to "P1"). Cleaned, such ids are caught as duplicates.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# C0 control characters except tab, line feed and carriage return, plus DEL.
CONTROL_CHARACTERS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
# ... and the characters a person cannot see: soft hyphen, zero-width and direction marks, BOM.
INVISIBLE_CHARACTERS = CONTROL_CHARACTERS[:-1] + "\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]"
INVISIBLE_RE = re.compile(INVISIBLE_CHARACTERS)


def visible(text: pd.Series) -> pd.Series:
    """Control characters shown as U+FFFD so that messages stay printable."""
    return text.str.replace(CONTROL_CHARACTERS, "\ufffd", regex=True)


def shorten(text: pd.Series, limit: int) -> pd.Series:
    """Values cut to ``limit`` characters with an ellipsis, so a 1 MB cell never floods a message."""
    return text.str.slice(0, limit) + np.where(text.str.len() > limit, "…", "")


def has_invisible(text: pd.Series) -> bool:
    """One search over the joined column decides whether per-cell work is needed."""
    return INVISIBLE_RE.search("\n".join(text.tolist())) is not None


def remove_invisible(text: pd.Series) -> pd.Series:
    return text.str.replace(INVISIBLE_CHARACTERS, "", regex=True)
