"""Live changes: PostgreSQL NOTIFY on orders and stock changes (other workstations refresh).

Revision ID: 1300
Revises: 0800

SQLite needs nothing: workstations poll ``PRAGMA data_version`` there.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "1300"
down_revision: str | None = "0800"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# One notification per statement, no payload: bulk imports stay cheap (PostgreSQL also
# folds identical notifications of one transaction into one).
_TRIGGERS = (
    ("orders", "orderdesk_orders"),
    ("stock_levels", "orderdesk_stock"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, channel in _TRIGGERS:
        op.execute(f"""
            CREATE OR REPLACE FUNCTION {channel}_notify() RETURNS trigger AS $$
            BEGIN
                PERFORM pg_notify('{channel}', '');
                RETURN NULL;
            END;
            $$ LANGUAGE plpgsql
        """)
        op.execute(f"""
            CREATE TRIGGER {channel}_notify AFTER INSERT OR UPDATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION {channel}_notify()
        """)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, channel in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {channel}_notify ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {channel}_notify()")
