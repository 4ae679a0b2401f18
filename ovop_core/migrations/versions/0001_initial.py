"""Initial store: dataset versions and product rows valid over a range of versions.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SUB_ITEMS = (
    "k1a",
    "k1b",
    "k1c",
    "k1d",
    "k2a",
    "k2b",
    "k2c",
    "k3a",
    "k3b",
    "k3c",
    "k3d",
    "k4a",
    "k4b",
    "k4c",
    "k5a",
    "k5b",
    "k5c",
)


def upgrade() -> None:
    op.create_table(
        "dataset_version",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("n_rows", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("is_demo", sa.Boolean, nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_version_parent")),
        sa.CheckConstraint("action IN ('seed', 'import', 'edit', 'rollback')", name="ck_version_action"),
    )
    op.create_table(
        "product_row",
        sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
        sa.Column("product_id", sa.String(64), nullable=False),
        sa.Column(
            "valid_from", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_row_valid_from"), nullable=False
        ),
        sa.Column("valid_to", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_row_valid_to")),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column(
            "changed_in", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_row_changed_in"), nullable=False
        ),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("producer", sa.String(200), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("region_code", sa.String(32), nullable=False),
        sa.Column("stage", sa.SmallInteger, nullable=False),
        sa.Column("stage_since", sa.Date),
        *[sa.Column(k, sa.Double) for k in ("k1", "k2", "k3", "k4", "k5")],
        *[sa.Column(k, sa.Double) for k in _SUB_ITEMS],
        sa.Column("nib", sa.Boolean, nullable=False),
        sa.Column("permit", sa.String(8), nullable=False),
        sa.Column("halal", sa.Boolean, nullable=False),
        sa.Column("brand", sa.Boolean, nullable=False),
        sa.Column("export", sa.Boolean, nullable=False),
        sa.Column("assessors", sa.Double),
        sa.Column("revenue_idr", sa.Double),
        sa.Column("workers", sa.Double),
    )
    # At most one current row per product; also the index behind "load the current version".
    op.create_index(
        "uq_product_row_current",
        "product_row",
        ["product_id"],
        unique=True,
        sqlite_where=sa.text("valid_to IS NULL"),
        postgresql_where=sa.text("valid_to IS NULL"),
    )
    op.create_index("ix_product_row_valid_from", "product_row", ["valid_from"])
    op.create_index("ix_product_row_history", "product_row", ["product_id", "valid_from"])


def downgrade() -> None:
    op.drop_table("product_row")
    op.drop_table("dataset_version")
