"""Allocation: per-line choices, backorders filled on receipt, expiry, replenishment."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from app.db.engine import Database
from app.domain.allocation import Choice, LineChoice
from app.services import allocation, catalog, orders, stock
from app.services.context import Actor
from app.services.errors import InsufficientStock
from tests.factories import make_shop


def _draft(db: Database, admin: Actor, ids: dict[str, int], *items: tuple[str, int],
           channel: str = "counter") -> orders.OrderView:
    view = orders.create_draft(db, admin, ids["wang"], channel=channel)
    for code, qty in items:
        view = orders.add_line(db, admin, view.id, view.version, code, qty)
    return view


def test_short_line_refused_by_default_and_nothing_kept(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=3)
    view = _draft(db, admin, ids, ("MUG-01", 2), ("LAMP-01", 5))
    short = allocation.shortages(db, view.id)
    assert [(s.sku, s.wanted, s.available) for s in short] == [("LAMP-01", 5, 3)]
    with pytest.raises(InsufficientStock, match="LAMP-01: wanted 5, available 3"):
        orders.confirm(db, admin, view.id, view.version)
    assert allocation.open_reservations(db, view.id) == []
    assert stock.verify(db) == []


def test_ship_now_and_backorder_then_filled_oldest_first(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=3)
    first = _draft(db, admin, ids, ("LAMP-01", 5))
    line = first.lines[0].id
    first = orders.confirm(db, admin, first.id, first.version,
                           choices={line: LineChoice(Choice.SHIP_AND_BACKORDER)})
    assert first.status == "confirmed"
    second = _draft(db, admin, ids, ("LAMP-01", 4))
    second = orders.confirm(db, admin, second.id, second.version,
                            default_choice=Choice.WAIT_ALL)
    assert second.status == "backordered"
    assert [(b.quantity, b.ship_complete) for b in allocation.backorders(db)] == [
        (2, False), (4, True)]
    stock.receive(db, admin, ids["lamp"], ids["warehouse"], 3, "PO 1")
    backs = allocation.backorders(db)
    assert [(b.quantity, b.filled, b.status) for b in backs] == [(0, 2, "filled"), (3, 1, "open")]
    assert orders.get_order(db, second.id).status == "backordered"
    stock.receive(db, admin, ids["lamp"], ids["warehouse"], 10, "PO 2")
    assert orders.get_order(db, second.id).status == "confirmed"
    assert [h.reason for h in orders.status_history(db, second.id)][-1] == (
        "backorder filled from receipt")
    assert sum(q for _, _, q in allocation.open_reservations(db, second.id)) == 4
    assert stock.verify(db) == []


def test_manager_priority_beats_age(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=0)
    a = _draft(db, admin, ids, ("MUG-01", 1))
    orders.confirm(db, admin, a.id, a.version, default_choice=Choice.SHIP_AND_BACKORDER)
    b = _draft(db, admin, ids, ("MUG-01", 1))
    orders.confirm(db, admin, b.id, b.version, default_choice=Choice.SHIP_AND_BACKORDER)
    allocation.set_backorder_priority(db, admin, allocation.backorders(db, b.id)[0].id, 5)
    stock.receive(db, admin, ids["mug"], ids["warehouse"], 1, "PO")
    assert allocation.open_reservations(db, b.id) != []
    assert allocation.open_reservations(db, a.id) == []


def test_cancel_line_and_substitute(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=2)
    allocation.set_substitutes(db, admin, ids["mug"], [ids["tee"]])
    view = _draft(db, admin, ids, ("MUG-01", 2), ("LAMP-01", 5))
    assert [s.sku for s in allocation.shortages(db, view.id)] == ["LAMP-01"]
    view = orders.add_line(db, admin, view.id, view.version, "MUG-01", 1)  # 3 mugs, 2 in stock
    short = {s.sku: s for s in allocation.shortages(db, view.id)}
    assert [o.sku for o in short["MUG-01"].substitutes] == ["TEE-01"]
    mug, lamp = view.lines[0].id, view.lines[1].id
    with pytest.raises(InsufficientStock, match="TEE-01"):  # only 2 tees
        orders.confirm(db, admin, view.id, view.version, choices={
            mug: LineChoice(Choice.SUBSTITUTE, substitute_id=ids["tee"]),
            lamp: LineChoice(Choice.CANCEL_LINE)})
    view = orders.change_line(db, admin, view.id, view.version, mug, 2)
    view = orders.confirm(db, admin, view.id, view.version, choices={
        mug: LineChoice(Choice.SUBSTITUTE, substitute_id=ids["tee"]),
        lamp: LineChoice(Choice.CANCEL_LINE)})
    assert [(li.sku, li.quantity) for li in view.lines] == [("TEE-01", 2)]
    assert view.total == Decimal("119.80")  # repriced as the substitute before freezing


def test_reserve_from_another_warehouse(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=0)
    north = catalog.ensure_warehouse(db, admin, "NORTH", "North")
    stock.receive(db, admin, ids["lamp"], north, 4, "opening")
    view = _draft(db, admin, ids, ("LAMP-01", 3))
    short = allocation.shortages(db, view.id)
    assert [(e.warehouse_code, e.available) for e in short[0].elsewhere] == [("NORTH", 4)]
    view = orders.confirm(db, admin, view.id, view.version, choices={
        view.lines[0].id: LineChoice(Choice.ALL_OR_NOTHING, warehouse_id=north)})
    assert allocation.open_reservations(db, view.id) == [(view.lines[0].id, north, 3)]


def test_unpaid_reservation_expires_per_channel(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=5)
    allocation.set_channel_settings(db, admin, "web", Choice.SHIP_AND_BACKORDER, 30)
    paid = _draft(db, admin, ids, ("MUG-01", 1), channel="web")
    paid = orders.confirm(db, admin, paid.id, paid.version)
    unpaid = _draft(db, admin, ids, ("MUG-01", 2), ("LAMP-01", 9), channel="web")
    unpaid = orders.confirm(db, admin, unpaid.id, unpaid.version)  # channel default: backorder
    with db.writer() as s:
        allocation.mark_paid(s, paid.id)
    now = orders.get_order(db, unpaid.id).created_at
    assert allocation.expire_reservations(db, now + timedelta(minutes=29)) == []
    assert allocation.expire_reservations(db, now + timedelta(minutes=31)) == [unpaid.number]
    after = orders.get_order(db, unpaid.id)
    assert after.status == "on_hold"
    assert "reservation expired unpaid" in orders.status_history(db, unpaid.id)[-1].reason
    assert allocation.open_reservations(db, unpaid.id) == []
    assert all(b.status == "expired" for b in allocation.backorders(db, unpaid.id))
    assert allocation.open_reservations(db, paid.id) != []
    assert stock.verify(db) == []


def test_release_remaining(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=5)
    view = _draft(db, admin, ids, ("MUG-01", 3))
    view = orders.confirm(db, admin, view.id, view.version)
    assert allocation.release_remaining(db, admin, view.id, view.version, "rest not wanted") == 3
    assert stock.verify(db) == []


def test_replenishment_list_and_csv(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=2)
    stock.set_reorder_point(db, admin, ids["tee"], ids["warehouse"], 5)
    view = _draft(db, admin, ids, ("LAMP-01", 6))
    orders.confirm(db, admin, view.id, view.version, default_choice=Choice.SHIP_AND_BACKORDER)
    rows = allocation.replenishment(db)
    assert [(r.sku, r.backordered, r.available, r.to_buy) for r in rows] == [
        ("LAMP-01", 4, 0, 4), ("TEE-01", 0, 2, 3)]
    text = allocation.replenishment_csv(rows)
    assert text.splitlines()[0] == ",".join(allocation.CSV_HEADER)
    assert text.splitlines()[1].startswith("LAMP-01,Desk lamp 台灯,MAIN,2,2,0,0,4,4")


def test_replenishment_lists_exactly_the_levels_with_something_to_buy(
        db: Database, admin: Actor) -> None:
    """The list is filtered in the database; it must agree with ``to_buy`` on every level:
    at, above and below the reorder point, with and without backorders."""
    from sqlalchemy import func, select

    from app.db.models import Backorder, StockLevel
    from app.domain.allocation import to_buy
    from app.services.catalog import ProductData

    ids = make_shop(db, admin, stock_qty=2)
    wid = ids["warehouse"]
    cases = {"AT-RP": (4, 4), "ABOVE-RP": (9, 4), "BELOW-RP": (1, 4), "NO-RP": (0, 0),
             "ZERO-RP-STOCK": (3, 0)}
    for sku, (qty, rp) in cases.items():
        pid = catalog.create_product(db, admin, ProductData(sku, sku, Decimal("5")))
        if qty:
            stock.receive(db, admin, pid, wid, qty, "test")
        stock.set_reorder_point(db, admin, pid, wid, rp)  # makes the level row if none
    view = _draft(db, admin, ids, ("LAMP-01", 6))  # 4 backordered though lamps are in stock
    orders.confirm(db, admin, view.id, view.version, default_choice=Choice.SHIP_AND_BACKORDER)
    with db.reader() as s:
        back = dict(((p, w), int(q)) for p, w, q in s.execute(
            select(Backorder.product_id, Backorder.warehouse_id, func.sum(Backorder.quantity))
            .where(Backorder.status == "open")
            .group_by(Backorder.product_id, Backorder.warehouse_id)))
        expected = sorted(
            (lv.product_id, to_buy(back.get((lv.product_id, lv.warehouse_id), 0),
                                   lv.reorder_point, lv.on_hand - lv.reserved))
            for lv in s.scalars(select(StockLevel)))
    listed = sorted((r.product_id, r.to_buy) for r in allocation.replenishment(db))
    assert listed == [(pid, need) for pid, need in expected if need > 0]
    skus = {r.sku for r in allocation.replenishment(db)}
    assert {"BELOW-RP", "LAMP-01"} <= skus and not skus & {"AT-RP", "ABOVE-RP", "NO-RP",
                                                          "ZERO-RP-STOCK"}
