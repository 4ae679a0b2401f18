"""Product rows carry their assessment round; a product is unique per round among current rows.

``round`` is the year of the assessment (DESIGN.md §3, §11). Rows stored before it existed had no
round and keep 0 ("no round", read back as empty): the registry they form is all "now" until a
round is imported. The unique index on current rows moves from ``product_id`` to
(``product_id``, ``round``), so one product may hold one row per round.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_CURRENT = sa.text("valid_to IS NULL")


def upgrade() -> None:
    op.add_column("product_row", sa.Column("round", sa.Integer, nullable=False, server_default=sa.text("0")))
    op.drop_index("uq_product_row_current", table_name="product_row")
    op.create_index(
        "uq_product_row_current",
        "product_row",
        ["product_id", "round"],
        unique=True,
        sqlite_where=_CURRENT,
        postgresql_where=_CURRENT,
    )


def downgrade() -> None:
    op.drop_index("uq_product_row_current", table_name="product_row")
    op.create_index(
        "uq_product_row_current",
        "product_row",
        ["product_id"],
        unique=True,
        sqlite_where=_CURRENT,
        postgresql_where=_CURRENT,
    )
    with op.batch_alter_table("product_row") as batch:
        batch.drop_column("round")
