"""What a user may take away: the economic columns of the registry are an editor/admin right.

Revenue and workforce are business figures of named producers. Anyone may read the dashboard
and download the registry without signing in, so those two columns are withheld from viewers'
downloads (DESIGN.md §1: officials and local government need them; the public does not).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ovop_core.users import User

ECONOMIC_COLUMNS = ("revenue_idr", "workers")


def sees_economics(user: User) -> bool:
    return user.can_write


def export_frame(frame: pd.DataFrame, user: User) -> pd.DataFrame:
    """The registry as ``user`` may download it: for viewers the economic columns are emptied.

    Emptied rather than dropped, because the export writes every registry column (a file that
    can be imported again); an empty optional column carries no value and imports as "unknown".
    """
    if sees_economics(user):
        return frame
    return frame.assign(**{c: np.nan for c in ECONOMIC_COLUMNS if c in frame.columns})
