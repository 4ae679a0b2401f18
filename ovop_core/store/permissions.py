"""Who may write what, checked by the store rather than the UI (see ``ovop_core.users``).

Viewers never write; replacing the whole registry and rolling back are for admins; an editor
may change (edit or merge) only products whose region — before and after the change — lies in
``user.regions``. A refusal is ``PermissionDenied`` and nothing is written.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..users import User
from .errors import PermissionDenied


def require_writer(user: User) -> None:
    if not user.can_write:
        raise PermissionDenied(
            "Peran Anda hanya boleh melihat; perubahan tidak disimpan.", "Your role may only view; nothing was changed."
        )


def require_admin_to_replace(user: User) -> None:
    if not user.is_admin:
        raise PermissionDenied(
            "Hanya admin yang boleh mengganti seluruh registri; gunakan mode gabung untuk wilayah Anda.",
            "Only an admin may replace the whole registry; use merge mode for your regions.",
        )


def require_admin_to_roll_back(user: User) -> None:
    if not user.is_admin:
        raise PermissionDenied(
            "Hanya admin yang boleh mengembalikan versi data.", "Only an admin may roll back to an earlier version."
        )


def check_regions(user: User, incoming: pd.DataFrame, current: pd.DataFrame) -> None:
    """Editors change only products whose region, before and after, lies in their regions.

    ``incoming`` holds the products as they would be; ``current`` their stored rows (products
    not in it are new, and only their new region counts).
    """
    if user.is_admin:
        return
    bad_new = ~user.editable(incoming["region_code"])
    before = current.set_index("product_id")["region_code"].reindex(incoming["product_id"]).to_numpy(dtype=object)
    new_region = incoming["region_code"].to_numpy(dtype=object)
    bad_old = ~user.editable(pd.Series(np.where(pd.isna(before), new_region, before)))
    offending = incoming.loc[bad_new.to_numpy() | bad_old.to_numpy(), "product_id"].tolist()
    if not offending:
        return
    shown = ", ".join(offending[:10]) + (f" (+{len(offending) - 10})" if len(offending) > 10 else "")
    mine = ", ".join(user.regions) or "-"
    raise PermissionDenied(
        f"Anda hanya boleh mengubah produk di wilayah {mine}; produk di luar wilayah Anda: {shown}. "
        "Tidak ada yang disimpan.",
        f"You may only change products in regions {mine}; products outside your regions: {shown}. Nothing was saved.",
        offending,
    )
