"""reliability: scan idempotency keys; the audit log becomes append-only in the database

Revision ID: 0500
Revises: 0400
Create Date: 2026-11-30 02:24:57.295633
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db.types

revision: str = '0500'
down_revision: str | None = '0400'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = "audit_log is append-only: {op} refused"

PG_UP = [
    """
    CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
    """
    CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
    """,
    """
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()
    """,
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
    "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
    "DROP FUNCTION IF EXISTS audit_log_append_only()",
]
SQLITE_UP = [
    f"""
    CREATE TRIGGER audit_log_no_{what.lower()} BEFORE {what} ON audit_log
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY.format(op=what)}'); END
    """
    for what in ("UPDATE", "DELETE")
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS audit_log_no_update",
               "DROP TRIGGER IF EXISTS audit_log_no_delete"]


def upgrade() -> None:
    op.create_table('scan_receipts',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('station', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('applied_at', app.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_scan_receipts'))
    )
    dialect = op.get_bind().dialect.name
    for statement in PG_UP if dialect == "postgresql" else SQLITE_UP:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in PG_DOWN if dialect == "postgresql" else SQLITE_DOWN:
        op.execute(statement)
    op.drop_table('scan_receipts')
