"""The store's tables and the groups of product columns by type.

``dataset_version`` holds one row per version (id, created_at UTC, author, action, n_rows, note,
is_demo, parent_id). ``product_row`` holds one row per product content, valid from version
``valid_from`` up to, not including, ``valid_to`` (NULL while current): an edit closes one row
and inserts one, an import writes only new or changed products, and the registry at version v
is the rows valid at v.

The migration in ``ovop_core/migrations/versions`` creates these tables from its own frozen
copy; ``tests/test_store.py`` checks that the two agree, so a change here needs a migration.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from ..model import CRITERIA, SUB_ITEM_KEYS
from ..schema import COLUMN_ORDER, DATE_COLUMNS, EVIDENCE_COLUMNS

# The newest migration in ovop_core/migrations/versions (a test keeps the two in step).
HEAD_REVISION = "0006"

ACTIONS: tuple[str, ...] = ("seed", "import", "edit", "rollback")

# Stored product columns: the registry's canonical ones except the derived ``province``.
STORED: list[str] = [c for c in COLUMN_ORDER if c != "province"]
# A stored row is one product in one assessment round (DESIGN.md §3: ``product_id`` unique per
# ``round``). A registry without rounds is stored with round 0 ("no round"): the database keeps the
# key NOT NULL so that its unique index holds, and the frames read it back as <NA>.
KEY: list[str] = ["product_id", "round"]
NO_ROUND = 0
# What makes two stored rows of a product "the same content" (everything but the key).
CONTENT: list[str] = [c for c in STORED if c not in KEY]
# The registry's columns by type; with product_id and stage they cover STORED once (a test checks
# it, so a new registry column cannot be stored untyped).
TEXT_COLUMNS: tuple[str, ...] = ("name", "producer", "category", "region_code", "place_code", "permit", "url")
FLOAT_COLUMNS: tuple[str, ...] = (*CRITERIA, *SUB_ITEM_KEYS, "assessors", "revenue_idr", "workers")
BOOL_COLUMNS: tuple[str, ...] = (*(c for c in EVIDENCE_COLUMNS if c != "permit"), "non_halal")
STORED_DATES: tuple[str, ...] = DATE_COLUMNS
# Bookkeeping per stored row: revision counts content changes; changed_in is the version of the
# last content change (who/when for stale edits); seq keeps the products in import order.
BOOKKEEPING: list[str] = ["revision", "changed_in", "seq"]


class UTCDateTime(sa.types.TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps naive UTC text)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


metadata = sa.MetaData()
dataset_version = sa.Table(
    "dataset_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("author", sa.String(100), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("n_rows", sa.Integer, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("is_demo", sa.Boolean, nullable=False),
    sa.Column("parent_id", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_version_parent")),
    sa.CheckConstraint("action IN ('seed', 'import', 'edit', 'rollback')", name="ck_version_action"),
)
product_row = sa.Table(
    "product_row",
    metadata,
    sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
    sa.Column("product_id", sa.String(64), nullable=False),
    sa.Column("valid_from", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_row_valid_from"), nullable=False),
    sa.Column("valid_to", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_row_valid_to")),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("changed_in", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_row_changed_in"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("producer", sa.String(200), nullable=False),
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("region_code", sa.String(32), nullable=False),
    sa.Column("place_code", sa.String(32), nullable=False),
    sa.Column("stage", sa.SmallInteger, nullable=False),
    sa.Column("stage_since", sa.Date),
    *[sa.Column(k, sa.Double) for k in (*CRITERIA, *SUB_ITEM_KEYS)],
    sa.Column("nib", sa.Boolean, nullable=False),
    sa.Column("permit", sa.String(8), nullable=False),
    sa.Column("halal", sa.Boolean, nullable=False),
    sa.Column("non_halal", sa.Boolean, nullable=False),
    sa.Column("brand", sa.Boolean, nullable=False),
    sa.Column("export", sa.Boolean, nullable=False),
    sa.Column("assessors", sa.Double),
    sa.Column("revenue_idr", sa.Double),
    sa.Column("workers", sa.Double),
    sa.Column("rated_on", sa.Date),
    sa.Column("round", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("url", sa.String(500), nullable=False, server_default=sa.text("''")),
    sa.Index(
        "uq_product_row_current",
        "product_id",
        "round",
        unique=True,
        sqlite_where=sa.text("valid_to IS NULL"),
        postgresql_where=sa.text("valid_to IS NULL"),
    ),
    sa.Index("ix_product_row_valid_from", "valid_from"),
    sa.Index("ix_product_row_history", "product_id", "valid_from"),
)
# Settings an admin edits in the app (the budget planner's unit costs; later targets), each save a
# new row: the newest row of a name is the setting, the older ones its history.
setting_version = sa.Table(
    "setting_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(32), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("author", sa.String(100), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.Index("ix_setting_version_name", "name", "id"),
)
# Product photos (``ovop_core.photos``), bytes in the database and never paths: ``photo_blob`` holds
# each distinct picture once, by the sha256 of its display JPEG; ``product_photo`` links pictures to
# a product_id (all its rounds) in position order, valid from ``valid_from`` up to, not including,
# ``valid_to``, like ``product_row``, so photos change with dataset versions and roll back with them.
photo_blob = sa.Table(
    "photo_blob",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("display", sa.LargeBinary, nullable=False),
    sa.Column("thumb", sa.LargeBinary, nullable=False),
    sa.Column("width", sa.Integer, nullable=False),
    sa.Column("height", sa.Integer, nullable=False),
)
product_photo = sa.Table(
    "product_photo",
    metadata,
    sa.Column("link_id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
    sa.Column("product_id", sa.String(64), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), sa.ForeignKey("photo_blob.sha256", name="fk_photo_blob"), nullable=False),
    sa.Column(
        "valid_from", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_photo_valid_from"), nullable=False
    ),
    sa.Column("valid_to", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_photo_valid_to")),
    sa.Index(
        "uq_product_photo_current",
        "product_id",
        "position",
        unique=True,
        sqlite_where=sa.text("valid_to IS NULL"),
        postgresql_where=sa.text("valid_to IS NULL"),
    ),
    sa.Index("ix_product_photo_history", "product_id", "valid_from"),
)
