"""Who may change the registry: the ``User`` value object and its permission rules.

Roles: a ``viewer`` only reads; an ``editor`` writes products of their own regions; an
``admin`` writes everything and may replace the whole registry or roll it back. Regions are
dotted Kemendagri codes: a province ("11") covers every kab/kota in it ("11.04", and deeper
codes such as "11.04.01"); a kab/kota ("51.07") covers only itself and its deeper codes.

No passwords or sessions here: signing in belongs to the app. The store checks these rules
on every write, so a page that forgets a check still cannot write outside a user's regions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[str, ...] = ("viewer", "editor", "admin")


@dataclass(frozen=True)
class User:
    """A signed-in person (or the anonymous viewer); ``regions`` matter for editors only."""

    username: str
    role: Role
    regions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}; expected one of {ROLES}")
        # Accept a list or a single code from config files, keep a tuple of stripped codes.
        regions = (self.regions,) if isinstance(self.regions, str) else self.regions
        object.__setattr__(self, "regions", tuple(str(r).strip() for r in regions if str(r).strip()))

    @property
    def can_write(self) -> bool:
        return self.role in ("editor", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def can_edit_region(self, region_code: str) -> bool:
        """True when this user may change a product located in ``region_code``."""
        if self.role == "admin":
            return True
        if self.role != "editor":
            return False
        code = str(region_code).strip()
        return bool(code) and any(code == r or code.startswith(r + ".") for r in self.regions)

    def editable(self, region_codes: pd.Series) -> pd.Series:
        """Vectorised ``can_edit_region`` over a column of region codes (bool Series, same index)."""
        codes = region_codes.astype(object).fillna("").astype(str).str.strip()
        if self.role == "admin":
            return pd.Series(True, index=codes.index)
        if self.role != "editor" or not self.regions:
            return pd.Series(False, index=codes.index)
        exact = codes.isin(self.regions)
        nested = codes.str.startswith(tuple(r + "." for r in self.regions))
        return (exact | nested) & (codes != "")


ANONYMOUS = User("", "viewer")
