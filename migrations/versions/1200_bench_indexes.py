"""bench indexes: reservations by order line (ship-by-scan consumes a line's reservations)

Revision ID: 1200
Revises: 0900
"""

from collections.abc import Sequence

from alembic import op

revision: str = "1200"
down_revision: str | None = "0900"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_reservations_line", "reservations", ["order_line_id", "status"],
                    unique=False)


def downgrade() -> None:
    op.drop_index("ix_reservations_line", table_name="reservations")
