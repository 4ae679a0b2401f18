"""Product photos in the store: pictures kept once by sha256, linked to products per dataset version.

A product's photos at version v are its ``product_photo`` links valid at v, in position order.
Adding photos appends links after the product's last position; removing one closes its link;
a rollback closes the links the target did not have and reopens (as new links) the ones it had.
Reading thumbnails joins only the thumbnail column, so a page listing every product never pulls
the display JPEGs.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from ..photos import Photo
from .schema import photo_blob, product_photo

_link = product_photo.c


def _valid(table: sa.Table, at: int | None) -> sa.ColumnElement[bool]:
    """Links current (``at`` None) or valid at version ``at``."""
    if at is None:
        return table.c.valid_to.is_(None)
    return sa.and_(table.c.valid_from <= at, sa.or_(table.c.valid_to.is_(None), table.c.valid_to > at))


def current_links(conn: sa.Connection, product_id: str) -> list[tuple[int, str]]:
    """(position, sha256) of the product's current photos, in order."""
    query = (
        sa.select(_link.position, _link.sha256)
        .where(_link.product_id == product_id, _valid(product_photo, None))
        .order_by(_link.position)
    )
    return [(int(p), s) for p, s in conn.execute(query)]


def store_blobs(conn: sa.Connection, photos: Sequence[Photo]) -> None:
    """Insert the pictures the store does not hold yet (a picture already there is shared)."""
    wanted = {p.sha256: p for p in photos}
    held = set(conn.execute(sa.select(photo_blob.c.sha256).where(photo_blob.c.sha256.in_(list(wanted)))).scalars())
    rows = [
        dict(sha256=p.sha256, display=p.display, thumb=p.thumb, width=p.width, height=p.height)
        for sha, p in wanted.items()
        if sha not in held
    ]
    if rows:
        conn.execute(photo_blob.insert(), rows)


def add_links(conn: sa.Connection, product_id: str, shas: Sequence[str], start: int, version_id: int) -> None:
    rows = [
        dict(product_id=product_id, position=start + i, sha256=sha, valid_from=version_id, valid_to=None)
        for i, sha in enumerate(shas)
    ]
    if rows:
        conn.execute(product_photo.insert(), rows)


def close_link(conn: sa.Connection, product_id: str, sha256: str, version_id: int) -> None:
    conn.execute(
        product_photo.update()
        .where(_link.product_id == product_id, _link.sha256 == sha256, _valid(product_photo, None))
        .values(valid_to=version_id)
    )


def restore_links(conn: sa.Connection, target: int, version_id: int) -> None:
    """Make the current links equal those valid at ``target``, as of ``version_id``."""
    columns = (_link.product_id, _link.position, _link.sha256)
    wanted = {tuple(r) for r in conn.execute(sa.select(*columns).where(_valid(product_photo, target)))}
    current = {
        tuple(r): int(i)
        for *r, i in conn.execute(sa.select(*columns, _link.link_id).where(_valid(product_photo, None)))
    }
    closing = [link_id for key, link_id in current.items() if key not in wanted]
    if closing:
        conn.execute(product_photo.update().where(_link.link_id.in_(closing)).values(valid_to=version_id))
    opening = [
        dict(product_id=p, position=int(pos), sha256=s, valid_from=version_id, valid_to=None)
        for p, pos, s in sorted(wanted - set(current))
    ]
    if opening:
        conn.execute(product_photo.insert(), opening)


def read_photos(conn: sa.Connection, product_id: str, at: int | None) -> list[Photo]:
    query = (
        sa.select(
            photo_blob.c.sha256, photo_blob.c.display, photo_blob.c.thumb, photo_blob.c.width, photo_blob.c.height
        )
        .join(product_photo, _link.sha256 == photo_blob.c.sha256)
        .where(_link.product_id == product_id, _valid(product_photo, at))
        .order_by(_link.position)
    )
    return [
        Photo(sha256=s, display=bytes(d), thumb=bytes(t), width=int(w), height=int(h))
        for s, d, t, w, h in conn.execute(query)
    ]


def read_thumbnails(conn: sa.Connection, at: int | None) -> dict[str, bytes]:
    """product_id -> the thumbnail of its first photo at ``at`` (only products with a photo)."""
    earlier = product_photo.alias("earlier")
    first = ~sa.exists().where(
        earlier.c.product_id == _link.product_id, earlier.c.position < _link.position, _valid(earlier, at)
    )
    query = (
        sa.select(_link.product_id, photo_blob.c.thumb)
        .join(photo_blob, photo_blob.c.sha256 == _link.sha256)
        .where(_valid(product_photo, at), first)
    )
    return {p: bytes(t) for p, t in conn.execute(query)}
