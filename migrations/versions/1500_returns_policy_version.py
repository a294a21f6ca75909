"""Returns: the shop's return policy per reason, who saved a return last (concurrent-edit
message), and refunds paid straight out (card/marketplace) on an already paid invoice.

Revision ID: 1500
Revises: 1000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db.types

revision: str = "1500"
down_revision: str | None = "1000"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "return_policies",
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("window_days", sa.Integer(), nullable=False),
        sa.Column("restocking_fee_percent", app.db.types.Money(precision=18, scale=4),
                  nullable=False),
        sa.Column("return_shipping", sa.String(length=8), nullable=False),
        sa.Column("updated_at", app.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.CheckConstraint("window_days >= 0",
                           name=op.f("ck_return_policies_window_not_negative")),
        sa.PrimaryKeyConstraint("reason", name=op.f("pk_return_policies")),
    )
    with op.batch_alter_table("returns", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_at", app.db.types.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column("updated_by", sa.String(length=64), nullable=False,
                                      server_default=""))
    with op.batch_alter_table("return_resolutions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paid_out", app.db.types.Money(precision=18, scale=4),
                                      nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("return_resolutions", schema=None) as batch_op:
        batch_op.drop_column("paid_out")
    with op.batch_alter_table("returns", schema=None) as batch_op:
        batch_op.drop_column("updated_by")
        batch_op.drop_column("updated_at")
    op.drop_table("return_policies")
