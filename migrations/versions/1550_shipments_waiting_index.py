"""shipments waiting to ship, newest first: the pack station's batch-printing list

Revision ID: 1550
Revises: 1000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "1550"
down_revision: str | None = "1500"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_shipments_status_packed", "shipments", ["status", "packed_at"],
                    unique=False)


def downgrade() -> None:
    op.drop_index("ix_shipments_status_packed", table_name="shipments")
