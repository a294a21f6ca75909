"""Builders shared by the receivables service and UI tests."""

from __future__ import annotations

from datetime import date

from app.db.engine import Database
from app.services import orders, receivables
from app.services.context import Actor


def draft(db: Database, actor: Actor, customer_id: int, code: str = "MUG-01", qty: int = 1
          ) -> orders.OrderView:
    order = orders.create_draft(db, actor, customer_id)
    return orders.add_line(db, actor, order.id, order.version, code, qty)


def confirmed(db: Database, actor: Actor, customer_id: int, code: str = "MUG-01", qty: int = 1
              ) -> orders.OrderView:
    order = draft(db, actor, customer_id, code, qty)
    return orders.confirm(db, actor, order.id, order.version)


def invoiced(db: Database, actor: Actor, customer_id: int, code: str = "MUG-01", qty: int = 1,
             issued: date | None = None) -> int:
    """A confirmed order invoiced (as fulfilment does when it ships); returns invoice id."""
    order = confirmed(db, actor, customer_id, code, qty)
    with db.writer() as s:
        if issued is None:
            return receivables.on_order_shipped(s, actor, order.id)
        return receivables.invoice_order(s, actor, order.id, issue_date=issued)
