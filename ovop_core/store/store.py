"""The ``Store``: the product registry in a database, where every write is a new dataset version.

Each public method is one transaction that puts the package's parts together: permissions
first, then the versions and rows read and written inside that transaction. See the package
docstring (``ovop_core/store/__init__.py``) for the API and its rules.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

import numpy as np
import pandas as pd
import sqlalchemy as sa

from ..catalog import Message
from ..photos import MAX_PHOTOS_PER_PRODUCT, Photo
from ..users import User
from . import photos as stored_photos
from . import settings
from .bulk import insert_rows
from .edits import check_editable, validated_row
from .engine import create_engine, default_url, normalise_url, reading, writing
from .errors import ProductNotFound, RoundExists, StaleEditError, StoreError
from .frames import check_keys, conform, public_frame
from .permissions import (
    check_regions,
    require_admin_for_rounds,
    require_admin_to_change_settings,
    require_admin_to_replace,
    require_admin_to_roll_back,
    require_writer,
)
from .queries import select_rows, stored_rounds, undated_count
from .schema import HEAD_REVISION, STORED
from .versions import (
    SYSTEM_AUTHOR,
    DatasetVersion,
    all_versions,
    head_version,
    new_version,
    version_or_raise,
    write_version,
)

# replace: the whole registry; merge: by (product_id, round), keeping the rest; add_round: a round
# the store does not hold yet, every other round kept; replace_round: the file's round(s) replaced,
# every other round kept.
MODES: tuple[str, ...] = ("replace", "merge", "add_round", "replace_round")
ROUND_MODES: tuple[str, ...] = ("add_round", "replace_round")


class Store:
    """A versioned product registry in SQLite or PostgreSQL; see the package docstring."""

    def __init__(self, url: str | None = None):
        self.url = normalise_url(url or default_url())
        self.engine = create_engine(self.url)
        self.dialect = self.engine.dialect.name

    @classmethod
    def from_env(cls) -> Store:
        """``OVOP_DATABASE_URL`` when set, else the SQLite file in the data folder."""
        return cls(os.environ.get("OVOP_DATABASE_URL") or None)

    def __repr__(self) -> str:
        return f"Store({self.url.render_as_string(hide_password=True)!r})"

    def dispose(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.dispose()

    # -- schema ------------------------------------------------------------------------------

    def schema_is_current(self) -> bool:
        """True when the database already carries ``HEAD_REVISION`` (no Alembic import needed)."""
        try:
            with reading(self.engine) as conn:
                return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION
        except sa.exc.SQLAlchemyError:
            return False

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (creates the tables on first start).

        A database already at the newest revision is left alone without loading Alembic, which
        keeps the app's cold start short.
        """
        if self.schema_is_current():
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", "ovop_core:migrations")
        with writing(self.engine, lock=False) as conn:
            if self.dialect == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(60906)")  # one migrator at a time
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    # -- reading -----------------------------------------------------------------------------

    def current_version(self) -> DatasetVersion | None:
        with reading(self.engine) as conn:
            return head_version(conn)

    def versions(self, limit: int | None = None) -> list[DatasetVersion]:
        """Every dataset version, newest first."""
        with reading(self.engine) as conn:
            return all_versions(conn, limit)

    def rollback_choices(self) -> list[int]:
        """The versions an admin may roll back to: every one but the current, newest first."""
        versions = self.versions()
        return [v.id for v in versions[1:]] if versions else []

    def version(self, version_id: int) -> DatasetVersion:
        with reading(self.engine) as conn:
            return version_or_raise(conn, version_id)

    def load(self, version_id: int | None = None) -> pd.DataFrame:
        """The registry at a version (default: current), canonical columns plus ``revision``."""
        with reading(self.engine) as conn:
            head = head_version(conn)
            if version_id is not None and version_id != (head.id if head else None):
                version_or_raise(conn, version_id)
                rows = select_rows(conn, at=version_id)
            else:
                rows = select_rows(conn)
        return public_frame(rows)

    def export_current(self) -> pd.DataFrame:
        """The current registry as a canonical frame (for ``export.write_csv``/``write_xlsx``)."""
        return self.load().drop(columns=["revision"])

    def product_rows(self, product_ids: Sequence[str] | None = None, earlier: bool = False) -> pd.DataFrame:
        """Stored rows of these products (default: all) with their bookkeeping (stored columns +
        ``BOOKKEEPING``): the current rows, or with ``earlier`` every superseded one (a product
        may have several).

        For comparing a file with the products' history before it is imported (``ovop_core.reverts``);
        ``changed_in`` is the version that set each row's content.
        """
        ids = None if product_ids is None else list(product_ids)
        with reading(self.engine) as conn:
            return select_rows(conn, product_ids=ids, earlier=earlier)

    # -- writing -----------------------------------------------------------------------------

    def ensure_seeded(self, frame: pd.DataFrame, label: str = "demo") -> DatasetVersion:
        """On first start (no version yet) store ``frame`` as version 1, marked as demo data."""
        with writing(self.engine) as conn:
            head = head_version(conn)
            if head is not None:
                return head
            rows = conform(frame)
            version = new_version(conn, "seed", SYSTEM_AUTHOR, len(rows), label, True, None)
            rows["seq"] = np.arange(len(rows))
            rows["revision"] = 1
            rows["changed_in"] = version.id
            insert_rows(conn, rows, version.id)
            return version

    def rounds(self) -> list[int]:
        """The assessment rounds the current registry holds, oldest first ([] without rounds)."""
        with reading(self.engine) as conn:
            return stored_rounds(conn)

    def n_undated(self) -> int:
        """Current products without a round. Once any round is stored, the newest round is "now" and these
        drop out of every view, so the import warns before a dated round arrives beside them."""
        with reading(self.engine) as conn:
            return undated_count(conn)

    def default_round(self, today: dt.date | None = None) -> int:
        """The round a file without rounds is given by default: the newest stored, else this year."""
        found = self.rounds()
        return found[-1] if found else (today or dt.date.today()).year

    def import_frame(
        self, frame: pd.DataFrame, user: User, note: str = "", mode: str = "replace", round: int | None = None
    ) -> DatasetVersion:
        """A new version from a validated registry frame (``MODES``); one transaction, all or nothing.

        ``round`` is given to the rows without one (a file without a round column); in the round
        modes it defaults to ``default_round()``, so every row of a round import has its round.
        """
        if mode not in MODES:
            raise ValueError(f"unknown import mode {mode!r}; expected one of {MODES}")
        require_writer(user)
        if mode == "replace":
            require_admin_to_replace(user)
        if mode in ROUND_MODES:
            require_admin_for_rounds(user)
            round = self.default_round() if round is None else round
        incoming = conform(frame)
        if round is not None:
            incoming["round"] = incoming["round"].fillna(int(round))
            check_keys(incoming, frame)
        with writing(self.engine) as conn:
            head = head_version(conn)
            if mode == "replace":
                current = select_rows(conn)
                return write_version(
                    conn, head, current, incoming, "import", user.username, note or "replace", replace=True
                )
            if mode in ROUND_MODES:
                rounds = sorted(int(r) for r in incoming["round"].unique())
                taken = sorted(set(rounds) & set(stored_rounds(conn)))
                if mode == "add_round" and taken:
                    raise RoundExists(taken)
                current = select_rows(conn, rounds=rounds)
                what = "add" if mode == "add_round" else "replace"
                return write_version(
                    conn, head, current, incoming, "import", user.username,
                    note or f"{what} round {', '.join(map(str, rounds))}", replace=True, scoped=True,
                )  # fmt: skip
            current = select_rows(conn, product_ids=incoming["product_id"].unique().tolist())
            check_regions(user, incoming, current)
            return write_version(
                conn,
                head,
                current,
                incoming,
                "import",
                user.username,
                note or f"merge: {len(incoming)} products",
                replace=False,
            )

    def update_product(
        self,
        product_id: str,
        changes: dict,
        expected_revision: int,
        user: User,
        note: str = "",
        round: int | None = None,
    ) -> DatasetVersion:
        """Change one product (its row of ``round``; default: its newest round, the one "now"
        shows); refused when stale, outside the user's regions, or invalid."""
        require_writer(user)
        check_editable(changes)
        with writing(self.engine) as conn:
            head = head_version(conn)
            current = select_rows(conn, product_ids=[product_id])
            if round is not None:
                current = current[current["round"].eq(int(round)).fillna(False).to_numpy()]
            elif len(current) > 1:
                current = current.sort_values("round", na_position="first").tail(1)
            current = current.reset_index(drop=True)
            if current.empty:
                raise ProductNotFound(product_id)
            check_regions(user, current, current)
            revision = int(current["revision"].iloc[0])
            if revision != int(expected_revision):
                changed = version_or_raise(conn, int(current["changed_in"].iloc[0]))
                raise StaleEditError(product_id, int(expected_revision), revision, changed.author, changed.created_at)
            edited = validated_row(current, changes)
            check_regions(user, edited, current)
            what = ", ".join(sorted(changes)) or "-"
            return write_version(
                conn, head, current, edited, "edit", user.username, note or f"{product_id}: {what}", replace=False
            )

    def rollback(self, version_id: int, user: User, note: str = "") -> DatasetVersion:
        """Admin only: a new version whose content equals ``version_id``'s."""
        require_writer(user)
        require_admin_to_roll_back(user)
        with writing(self.engine) as conn:
            head = head_version(conn)
            target = version_or_raise(conn, version_id)
            wanted = select_rows(conn, at=target.id)
            current = select_rows(conn)
            version = write_version(
                conn,
                head,
                current,
                wanted[STORED + ["seq"]],
                "rollback",
                user.username,
                note or f"rollback to version {target.id}",
                replace=True,
                is_demo=target.is_demo,
            )
            stored_photos.restore_links(conn, target.id, version.id)
            return version

    # -- photos ------------------------------------------------------------------------------

    def photos(self, product_id: str, version_id: int | None = None) -> list[Photo]:
        """The product's photos at a version (default: current), in position order."""
        with reading(self.engine) as conn:
            if version_id is not None:
                version_or_raise(conn, version_id)
            return stored_photos.read_photos(conn, product_id, version_id)

    def thumbnails(self, version_id: int | None = None) -> dict[str, bytes]:
        """product_id -> its first photo's thumbnail JPEG, for the products with a photo (no display bytes read)."""
        with reading(self.engine) as conn:
            if version_id is not None:
                version_or_raise(conn, version_id)
            return stored_photos.read_thumbnails(conn, version_id)

    def add_photos(self, product_id: str, photos: Sequence[Photo], user: User, note: str = "") -> DatasetVersion:
        """A new version (action "edit") with ``photos`` after the product's current ones.

        Pictures the product already shows are skipped; refused when none is left, when the product
        would hold more than ``MAX_PHOTOS_PER_PRODUCT``, or by the same rules as an edit.
        """
        if not photos:
            raise ValueError("add_photos needs at least one photo")
        require_writer(user)
        with writing(self.engine) as conn:
            self._check_photo_rights(conn, product_id, user)
            links = stored_photos.current_links(conn, product_id)
            held = {sha for _, sha in links}
            fresh = list({p.sha256: p for p in photos if p.sha256 not in held}.values())
            if not fresh:
                raise StoreError(Message("photos.already_stored", product_id=product_id))
            if len(links) + len(fresh) > MAX_PHOTOS_PER_PRODUCT:
                raise StoreError(
                    Message(
                        "photos.too_many", product_id=product_id, n=len(links), adding=len(fresh),
                        limit=MAX_PHOTOS_PER_PRODUCT,
                    )
                )  # fmt: skip
            version = self._photo_version(conn, user, note or f"{product_id}: +{len(fresh)} photo(s)")
            stored_photos.store_blobs(conn, fresh)
            start = links[-1][0] + 1 if links else 0
            stored_photos.add_links(conn, product_id, [p.sha256 for p in fresh], start, version.id)
            return version

    def remove_photo(self, product_id: str, sha256: str, user: User, note: str = "") -> DatasetVersion:
        """A new version (action "edit") without that photo of the product (its picture stays in
        the store for earlier versions)."""
        require_writer(user)
        with writing(self.engine) as conn:
            self._check_photo_rights(conn, product_id, user)
            if sha256 not in {sha for _, sha in stored_photos.current_links(conn, product_id)}:
                raise StoreError(Message("photos.not_found", product_id=product_id))
            version = self._photo_version(conn, user, note or f"{product_id}: -1 photo")
            stored_photos.close_link(conn, product_id, sha256, version.id)
            return version

    @staticmethod
    def _check_photo_rights(conn: sa.Connection, product_id: str, user: User) -> None:
        """The product exists now, and lies (in every round) in the user's regions."""
        current = select_rows(conn, product_ids=[product_id])
        if current.empty:
            raise ProductNotFound(product_id)
        check_regions(user, current, current)

    @staticmethod
    def _photo_version(conn: sa.Connection, user: User, note: str) -> DatasetVersion:
        head = head_version(conn)  # a product exists, so there is a version
        return new_version(conn, "edit", user.username, head.n_rows, note, False, head.id)

    # -- settings ----------------------------------------------------------------------------

    def setting(self, name: str) -> settings.SettingVersion | None:
        """The newest saved version of setting ``name`` (None: never saved, use the default)."""
        with reading(self.engine) as conn:
            found = settings.history(conn, name, limit=1)
        return found[0] if found else None

    def setting_history(self, name: str, limit: int | None = None) -> list[settings.SettingVersion]:
        with reading(self.engine) as conn:
            return settings.history(conn, name, limit)

    def save_setting(self, name: str, content: str, user: User, note: str = "") -> settings.SettingVersion:
        """Admin only: a new version of setting ``name`` (the caller has checked ``content``)."""
        require_writer(user)
        require_admin_to_change_settings(user)
        with writing(self.engine) as conn:
            return settings.save(conn, name, content, user.username, note)
