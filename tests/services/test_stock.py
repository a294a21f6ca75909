"""Receiving, adjusting and verifying stock on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Product, StockLevel, StockMove
from app.services import orders, stock
from app.services.context import Actor
from app.services.errors import ValidationFailed
from tests.factories import make_shop


def test_on_hand_equals_the_ledger(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=10)
    stock.receive(db, admin, ids["mug"], ids["warehouse"], 5, "PO 17")
    assert stock.adjust(db, admin, ids["mug"], ids["warehouse"], 12, "stock count") == -3
    with db.reader() as s:
        kinds = s.scalars(select(StockMove.kind).where(StockMove.product_id == ids["mug"])
                          .order_by(StockMove.id)).all()
        assert kinds == ["receipt", "receipt", "adjustment"]
        assert s.get(StockLevel, (ids["mug"], ids["warehouse"])).on_hand == 12  # type: ignore[union-attr]
    assert stock.verify(db) == []


def test_adjust_needs_a_reason_and_respects_reservations(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=10)
    with pytest.raises(ValidationFailed, match="reason"):
        stock.adjust(db, admin, ids["mug"], ids["warehouse"], 3, "  ")
    o = orders.create_draft(db, admin, ids["wang"])
    o = orders.add_line(db, admin, o.id, o.version, "MUG-01", 6)
    orders.confirm(db, admin, o.id, o.version)
    with pytest.raises(ValidationFailed, match="6 are reserved"):
        stock.adjust(db, admin, ids["mug"], ids["warehouse"], 5, "breakage")
    with pytest.raises(ValidationFailed, match="positive"):
        stock.receive(db, admin, ids["mug"], ids["warehouse"], 0)


def test_receipt_updates_moving_average_cost(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=0)
    stock.receive(db, admin, ids["lamp"], ids["warehouse"], 10, "PO 1", unit_cost=Decimal("80"))
    stock.receive(db, admin, ids["lamp"], ids["warehouse"], 10, "PO 2", unit_cost=Decimal("100"))
    with db.reader() as s:
        assert s.get(Product, ids["lamp"]).cost == Decimal("90")  # type: ignore[union-attr]


def test_verify_reports_drift_without_repairing(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=10)
    with db.writer() as s:
        s.get(StockLevel, (ids["tee"], ids["warehouse"])).on_hand = 11  # type: ignore[union-attr]
    problems = stock.verify(db)
    assert [p.what for p in problems] == ["on hand 11 but the ledger sums to 10"]
    assert stock.verify(db) == problems  # still there: nothing repaired silently
