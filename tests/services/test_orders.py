"""Order services on SQLite and PostgreSQL: drafts, lines, confirm, cancel, versions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import AuditEntry, OrderStatusChange, StockLevel
from app.domain.roles import Role
from app.services import orders, stock
from app.services.context import Actor
from app.services.errors import (
    ConcurrentChange,
    InsufficientStock,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from tests.factories import make_shop


def _level(db: Database, product_id: int, warehouse_id: int) -> tuple[int, int]:
    with db.reader() as s:
        lvl = s.get(StockLevel, (product_id, warehouse_id))
        assert lvl is not None
        return lvl.on_hand, lvl.reserved


def test_draft_lines_and_totals(db: Database, admin: Actor) -> None:
    """Lines by SKU and barcode; the same product scanned again adds to its line."""
    ids = make_shop(db, admin)
    o = orders.create_draft(db, admin, ids["wang"])
    assert o.number.startswith("SO-") and o.status == "draft"
    assert o.address.city == "深圳市" and o.customer_name == "王伟"
    o = orders.add_line(db, admin, o.id, o.version, "MUG-01", 1)
    o = orders.add_line(db, admin, o.id, o.version, "6920000000012", 2)  # same mug, by EAN
    o = orders.add_line(db, admin, o.id, o.version, "TEE-01", 1)
    assert [(li.sku, li.quantity) for li in o.lines] == [("MUG-01", 3), ("TEE-01", 1)]
    assert o.total == Decimal("134.90")
    o = orders.change_line(db, admin, o.id, o.version, o.lines[1].id, 2)
    assert o.total == Decimal("194.80")
    o = orders.remove_line(db, admin, o.id, o.version, o.lines[0].id)
    assert o.total == Decimal("119.80") and len(o.lines) == 1


def test_case_barcode_adds_its_pack(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=30)
    o = orders.create_draft(db, admin, ids["wang"])
    o = orders.add_line(db, admin, o.id, o.version, "16920000000019")
    assert o.lines[0].quantity == 12


def test_unknown_code_and_bad_quantity_are_refused(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    o = orders.create_draft(db, admin, ids["wang"])
    with pytest.raises(NotFound, match="NOPE"):
        orders.add_line(db, admin, o.id, o.version, "NOPE", 1)
    for qty in (0, -3, 10**9):
        with pytest.raises(ValidationFailed, match="Quantity"):
            orders.add_line(db, admin, o.id, o.version, "MUG-01", qty)
    assert orders.get_order(db, o.id).lines == []


def test_confirm_reserves_and_cancel_releases(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=5)
    o = orders.create_draft(db, admin, ids["wang"])
    o = orders.add_line(db, admin, o.id, o.version, "MUG-01", 4)
    o = orders.confirm(db, admin, o.id, o.version)
    assert o.status == "confirmed"
    assert _level(db, ids["mug"], ids["warehouse"]) == (5, 4)
    o = orders.cancel(db, admin, o.id, o.version, "customer called")
    assert o.status == "cancelled"
    assert _level(db, ids["mug"], ids["warehouse"]) == (5, 0)
    assert stock.verify(db) == []
    with db.reader() as s:
        moves = s.scalars(select(OrderStatusChange.to_status)
                          .where(OrderStatusChange.order_id == o.id)
                          .order_by(OrderStatusChange.id)).all()
        assert moves == ["draft", "confirmed", "cancelled"]


def test_confirm_is_all_or_nothing(db: Database, admin: Actor) -> None:
    """One short line leaves every line unreserved and the order a draft."""
    ids = make_shop(db, admin, stock_qty=3)
    o = orders.create_draft(db, admin, ids["wang"])
    o = orders.add_line(db, admin, o.id, o.version, "MUG-01", 2)
    o = orders.add_line(db, admin, o.id, o.version, "TEE-01", 5)
    with pytest.raises(InsufficientStock) as err:
        orders.confirm(db, admin, o.id, o.version)
    assert err.value.shortages == {"TEE-01": (5, 3)}
    assert "TEE-01: wanted 5, available 3" in str(err.value)
    assert _level(db, ids["mug"], ids["warehouse"]) == (3, 0)
    assert orders.get_order(db, o.id).status == "draft"


def test_stale_version_is_refused_with_who_and_when(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    clerk_a = Actor(None, "alice", Role.COUNTER, "ws-1")
    clerk_b = Actor(None, "bob", Role.COUNTER, "ws-2")
    o = orders.create_draft(db, clerk_a, ids["wang"])
    orders.add_line(db, clerk_b, o.id, o.version, "MUG-01", 1)
    with pytest.raises(ConcurrentChange, match=r"changed by bob at .* reload"):
        orders.add_line(db, clerk_a, o.id, o.version, "TEE-01", 1)
    assert [li.sku for li in orders.get_order(db, o.id).lines] == ["MUG-01"]


def test_roles_are_enforced(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    packer = Actor(None, "pat", Role.WAREHOUSE, "ws")
    with pytest.raises(PermissionDenied, match="enter_orders"):
        orders.create_draft(db, packer, ids["wang"])
    finance = Actor(None, "fay", Role.FINANCE, "ws")
    with pytest.raises(PermissionDenied):
        stock.receive(db, finance, ids["mug"], ids["warehouse"], 3)


def test_changes_are_audited(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    o = orders.create_draft(db, admin, ids["wang"])
    o = orders.add_line(db, admin, o.id, o.version, "MUG-01", 1)
    orders.confirm(db, admin, o.id, o.version)
    with db.reader() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "order",
                                                            AuditEntry.entity_id == str(o.id))
                            .order_by(AuditEntry.id)).all()
        assert actions == ["create", "confirm"]
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.entity == "stock")) == 3
