"""Document numbers from the database: one locked counter row per kind, so two
workstations can never hand out the same number and a rolled-back order leaves no gap."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, bindparam, update
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


# Prebuilt on the table (Core): every order, shipment and invoice takes a number, and an
# ORM-enabled UPDATE would add its session synchronisation to each.
_T_SEQ = cast(Table, DocumentSequence.__table__)
_NEXT = (update(_T_SEQ).where(_T_SEQ.c.name == bindparam("seq"))
         .values(next_value=_T_SEQ.c.next_value + 1)
         .returning(_T_SEQ.c.prefix, _T_SEQ.c.width, _T_SEQ.c.next_value))


def next_number(session: Session, name: str) -> str:
    """Take the next number of ``name``. The UPDATE takes the row lock (PostgreSQL) or
    runs inside the writer's BEGIN IMMEDIATE (SQLite); it is released at commit."""
    conn = session.connection()
    row = conn.execute(_NEXT, {"seq": name}).first()
    if row is None:
        _ensure(session, name)
        row = conn.execute(_NEXT, {"seq": name}).one()
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
