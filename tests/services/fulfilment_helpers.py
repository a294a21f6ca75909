"""Builders shared by the fulfilment tests."""

from __future__ import annotations

from app.db.engine import Database
from app.services import fulfilment, orders
from app.services.context import Actor
from tests.factories import make_shop


def shop_with_carriers(db: Database, actor: Actor, stock_qty: int = 30) -> dict[str, int]:
    ids = make_shop(db, actor, stock_qty=stock_qty)
    fulfilment.install_default_carriers(db, actor)
    return ids


def confirmed_order(db: Database, actor: Actor, customer_id: int,
                    lines: list[tuple[str, int]]) -> orders.OrderView:
    o = orders.create_draft(db, actor, customer_id=customer_id)
    for code, qty in lines:
        o = orders.add_line(db, actor, o.id, o.version, code, qty)
    return orders.confirm(db, actor, o.id, o.version)
