"""Product photos: each picture stored once by its sha256, linked to products per dataset version.

``photo_blob`` holds the display and thumbnail JPEGs (bytes in the database, never file paths);
``product_photo`` links a picture to a product_id at a position, valid from ``valid_from`` up to,
not including, ``valid_to`` (NULL while current), like ``product_row``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_CURRENT = sa.text("valid_to IS NULL")


def upgrade() -> None:
    op.create_table(
        "photo_blob",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("display", sa.LargeBinary, nullable=False),
        sa.Column("thumb", sa.LargeBinary, nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
    )
    op.create_table(
        "product_photo",
        sa.Column("link_id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
        sa.Column("product_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("photo_blob.sha256", name="fk_photo_blob"), nullable=False),
        sa.Column(
            "valid_from", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_photo_valid_from"), nullable=False
        ),
        sa.Column("valid_to", sa.Integer, sa.ForeignKey("dataset_version.id", name="fk_photo_valid_to")),
    )
    op.create_index(
        "uq_product_photo_current",
        "product_photo",
        ["product_id", "position"],
        unique=True,
        sqlite_where=_CURRENT,
        postgresql_where=_CURRENT,
    )
    op.create_index("ix_product_photo_history", "product_photo", ["product_id", "valid_from"])


def downgrade() -> None:
    op.drop_table("product_photo")
    op.drop_table("photo_blob")
