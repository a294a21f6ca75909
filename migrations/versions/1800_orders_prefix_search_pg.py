"""PostgreSQL: prefix indexes for one- and two-character order searches

pg_trgm cannot serve a term shorter than three characters (a common Chinese surname such
as 王), so PostgreSQL scanned every order. Like SQLite, such a term is now a prefix of the
order number or the customer's name; ``text_pattern_ops`` lets ``LIKE 'x%'`` use a B-tree
whatever the database's collation. SQLite needs nothing (its prefix search is a range on
the existing indexes).

Revision ID: 1800
Revises: 1700
"""

from collections.abc import Sequence

from alembic import op

revision: str = "1800"
down_revision: str | None = "1700"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (("ix_pattern_orders_number", "number"),
           ("ix_pattern_orders_customer_name", "customer_name"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, column in INDEXES:
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON orders ({column} text_pattern_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _column in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
