"""Document numbers from the database: one locked counter row per kind, so two
workstations can never hand out the same number and a rolled-back order leaves no gap."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.db.models import DocumentSequence

DEFAULT_PREFIXES = {"order": "SO-", "rma": "RMA-", "invoice": "INV-", "picklist": "PL-",
                    "work_order": "WO-", "credit_note": "CN-", "customer": "C", "shipment": "SH-",
                    "exception_case": "EXC-"}


def _ensure(session: Session, name: str) -> None:
    prefix = DEFAULT_PREFIXES.get(name, name.upper() + "-")
    values = {"name": name, "prefix": prefix, "width": 6, "next_value": 1}
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(DocumentSequence).values(values).on_conflict_do_nothing())
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(DocumentSequence).values(values).on_conflict_do_nothing())


def next_number(session: Session, name: str) -> str:
    """Take the next number of ``name``. The UPDATE takes the row lock (PostgreSQL) or
    runs inside the writer's BEGIN IMMEDIATE (SQLite); it is released at commit."""
    stmt = (
        update(DocumentSequence)
        .where(DocumentSequence.name == name)
        .values(next_value=DocumentSequence.next_value + 1)
        .returning(DocumentSequence.prefix, DocumentSequence.width, DocumentSequence.next_value)
    )
    row = session.execute(stmt).first()
    if row is None:
        _ensure(session, name)
        row = session.execute(stmt).one()
    prefix, width, after = row
    return f"{prefix}{after - 1:0{width}d}"


def reserve_block(session: Session, name: str, count: int) -> tuple[str, int, int]:
    """Take ``count`` numbers at once (bulk demo data, imports): (prefix, width, first)."""
    _ensure(session, name)
    row = session.execute(
        update(DocumentSequence)
        .where(DocumentSequence.name == name)
        .values(next_value=DocumentSequence.next_value + count)
        .returning(DocumentSequence.prefix, DocumentSequence.width, DocumentSequence.next_value)
    ).one()
    return row[0], row[1], row[2] - count


__all__ = ["next_number", "reserve_block"]
