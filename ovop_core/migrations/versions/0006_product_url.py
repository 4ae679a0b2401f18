"""Products carry the address of their page on the organiser's site (``url``, optional, "" for none).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("product_row", sa.Column("url", sa.String(500), nullable=False, server_default=sa.text("''")))


def downgrade() -> None:
    with op.batch_alter_table("product_row") as batch:
        batch.drop_column("url")
