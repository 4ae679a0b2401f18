"""Versioned settings: text an admin saves in the app (the unit costs, the targets; CSV), one row per save.

A setting is read as its newest row; older rows are its history (who changed the costs, when).
The store keeps text only; what the text means (and whether it is valid) is the caller's
business, checked before saving (``costs.parse_costs``), so a bad table is never stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from .schema import setting_version

SETTINGS: tuple[str, ...] = ("costs", "targets")


@dataclass(frozen=True)
class SettingVersion:
    id: int
    name: str
    created_at: dt.datetime
    author: str
    note: str
    content: str


def _check(name: str) -> None:
    if name not in SETTINGS:
        raise ValueError(f"unknown setting {name!r}; expected one of {SETTINGS}")


def history(conn: sa.Connection, name: str, limit: int | None = None) -> list[SettingVersion]:
    """The saved versions of ``name``, newest first."""
    _check(name)
    t = setting_version
    query = sa.select(t).where(t.c.name == name).order_by(t.c.id.desc()).limit(limit)
    return [SettingVersion(**dict(row._mapping)) for row in conn.execute(query)]


def save(conn: sa.Connection, name: str, content: str, author: str, note: str) -> SettingVersion:
    _check(name)
    now = dt.datetime.now(dt.UTC)
    conn.execute(
        sa.insert(setting_version).values(name=name, created_at=now, author=author, note=note, content=content)
    )
    return history(conn, name, limit=1)[0]
