"""Product rows keep the place at its given depth, the non-halal mark and the rating date.

``place_code`` is the region code as given (kab/kota, kecamatan or desa); rows stored before it
existed were kab/kota codes, so it starts as a copy of ``region_code``. ``non_halal`` starts as
false (nothing was marked) and ``rated_on`` as unknown.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Added nullable (or with a default) so that existing rows can be filled in, then tightened; the
    # batch context copies the table once on SQLite, which cannot alter a column in place.
    op.add_column("product_row", sa.Column("place_code", sa.String(32)))
    op.add_column("product_row", sa.Column("non_halal", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("product_row", sa.Column("rated_on", sa.Date))
    op.execute("UPDATE product_row SET place_code = region_code")
    with op.batch_alter_table("product_row") as batch:
        batch.alter_column("place_code", existing_type=sa.String(32), nullable=False)
        batch.alter_column("non_halal", existing_type=sa.Boolean, existing_nullable=False, server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("product_row") as batch:
        batch.drop_column("rated_on")
        batch.drop_column("non_halal")
        batch.drop_column("place_code")
