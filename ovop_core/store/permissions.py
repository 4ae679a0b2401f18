"""Who may write what, checked by the store rather than the UI (see ``ovop_core.users``).

Viewers never write; replacing the whole registry and rolling back are for admins; an editor
may change (edit or merge) only products whose region — before and after the change — lies in
``user.regions``. A refusal is ``PermissionDenied`` and nothing is written.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalog import Message
from ..users import User
from .errors import PermissionDenied
from .frames import row_keys


def require_writer(user: User) -> None:
    if not user.can_write:
        raise PermissionDenied(Message("store.viewer_only"))


def require_admin_to_replace(user: User) -> None:
    if not user.is_admin:
        raise PermissionDenied(Message("store.admin_to_replace"))


def require_admin_for_rounds(user: User) -> None:
    """Adding or replacing a round changes what "now" is for every region: admins only."""
    if not user.is_admin:
        raise PermissionDenied(Message("store.admin_for_rounds"))


def require_admin_to_roll_back(user: User) -> None:
    if not user.is_admin:
        raise PermissionDenied(Message("store.admin_to_roll_back"))


def require_admin_to_change_settings(user: User) -> None:
    if not user.is_admin:
        raise PermissionDenied(Message("store.admin_to_change_settings"))


def check_regions(user: User, incoming: pd.DataFrame, current: pd.DataFrame) -> None:
    """Editors change only products whose region, before and after, lies in their regions.

    ``incoming`` holds the products as they would be; ``current`` their stored rows (products
    not in it are new, and only their new region counts).
    """
    if user.is_admin:
        return
    bad_new = ~user.editable(incoming["region_code"])
    before = current.set_index(row_keys(current))["region_code"].reindex(row_keys(incoming)).to_numpy(dtype=object)
    new_region = incoming["region_code"].to_numpy(dtype=object)
    bad_old = ~user.editable(pd.Series(np.where(pd.isna(before), new_region, before)))
    offending = incoming.loc[bad_new.to_numpy() | bad_old.to_numpy(), "product_id"].tolist()
    if not offending:
        return
    shown = ", ".join(offending[:10]) + (f" (+{len(offending) - 10})" if len(offending) > 10 else "")
    mine = ", ".join(user.regions) or "-"
    raise PermissionDenied(Message("store.outside_regions", mine=mine, shown=shown), offending)
