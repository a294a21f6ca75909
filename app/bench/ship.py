"""Bench `ship`: ship-by-scan on the cached data set.

- ``ship.service``: ``fulfilment.ship_by_scan`` of a packed parcel, scan to committed
  result; floor = the same reads and writes (lock the order, stock level, reservation,
  ledger line, parcel, shipment, status history, notice, audit) as plain SQL on the raw
  driver, same pragmas, one transaction each. Targets p95 < 5 ms SQLite, < 15 ms PostgreSQL.
- ``ship.ui``: keystrokes at scanner speed into the Shipping view (offscreen) until the
  green confirmation is painted. Target p95 < 50 ms.
- ``ship.burst``: 10 scans typed within 2 s through ``ScannerListener`` into the view;
  every one must ship (none dropped, none merged).

Packed single-parcel orders are added on top of the data set with Core inserts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import insert, select

from app.bench import BenchContext, summary, with_floor
from app.db.engine import Database
from app.db.models import (
    Order,
    OrderLine,
    Parcel,
    ParcelItem,
    Product,
    Reservation,
    Shipment,
    StockLevel,
    StockMove,
    Warehouse,
)
from app.db.types import utcnow
from app.services import fulfilment
from app.services.context import system_actor

COUNTS = {"small": 20, "medium": 300, "large": 1000}
UI_COUNTS = {"small": 5, "medium": 50, "large": 100}
TARGET_P95_MS = {"sqlite": 5.0, "postgresql": 15.0}


def _prepare(db: Database, n: int) -> list[str]:
    stamp = f"{int(time.time() * 1000) % 10**9:09d}"
    with db.writer() as s:
        wid = s.scalar(select(Warehouse.id).order_by(Warehouse.id).limit(1))
        if wid is None:
            wid = s.execute(insert(Warehouse).values(code="BENCH", name="Bench")
                            .returning(Warehouse.id)).scalar_one()
        pid = s.execute(insert(Product).values(
            sku=f"BENCH-SHIP-{stamp}", name="Bench item", specification="", category="",
            unit="pc", weight_kg=1, length_cm=10, width_cm=10, height_cm=10, cost=1,
            list_price=2, active=True, version=1, updated_at=utcnow(), updated_by="bench")
            .returning(Product.id)).scalar_one()
        s.execute(insert(StockLevel).values(product_id=pid, warehouse_id=wid, on_hand=n,
                                            reserved=n, reorder_point=0))
        s.execute(insert(StockMove).values(product_id=pid, warehouse_id=wid, quantity=n,
                                           kind="receipt", reason="bench", username="bench",
                                           at=utcnow()))
        now = utcnow()
        codes = []
        for i in range(n):
            oid = s.execute(insert(Order).values(
                number=f"BS-{stamp}-{i}", channel="bench", status="packed", customer_name="B",
                ship_recipient="B", phone="", email="", warehouse_id=wid, version=1,
                created_at=now, updated_at=now, subtotal=2, discount=0, shipping=0, total=2,
                currency="CNY", notes="", created_by="bench", updated_by="bench",
                ship_country="CN", ship_province="", ship_city="", ship_district="",
                ship_street="", ship_postcode="").returning(Order.id)).scalar_one()
            lid = s.execute(insert(OrderLine).values(
                order_id=oid, line_no=1, product_id=pid, sku="B", name="B", quantity=1,
                unit_price=2, discount=0, line_total=2, price_explanation="")
                .returning(OrderLine.id)).scalar_one()
            s.execute(insert(Reservation).values(order_id=oid, order_line_id=lid,
                                                 product_id=pid, warehouse_id=wid, quantity=1,
                                                 status="open", created_at=now))
            shid = s.execute(insert(Shipment).values(
                number=f"SB-{stamp}-{i}", order_id=oid, warehouse_id=wid, status="packed",
                choice_explanation="", packed_at=now, packed_by="bench")
                .returning(Shipment.id)).scalar_one()
            code = f"BENCH{stamp}{i:06d}"
            parcel = s.execute(insert(Parcel).values(
                shipment_id=shid, parcel_no=1, box_code="", weight_kg=1, length_cm=0,
                width_cm=0, height_cm=0, tracking_number=code, status="packed",
                shipped_by="").returning(Parcel.id)).scalar_one()
            s.execute(insert(ParcelItem).values(parcel_id=parcel, order_line_id=lid,
                                                product_id=pid, quantity=1))
            codes.append(code)
    return codes


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    db, scale = ctx.db, ctx.scale.name
    n = COUNTS.get(scale, COUNTS["medium"])
    codes = _prepare(db, 2 * n)
    ours, raw = codes[:n], codes[n:]
    actor = system_actor("bench")
    results = []
    floor_one = _raw_floor(db, raw)
    samples: list[float] = []
    floor: list[float] = []
    for i in range(n):  # interleaved, so both see the same disk and the same neighbours
        t0 = time.perf_counter()
        results.append(fulfilment.ship_by_scan(db, actor, ours[i]))
        samples.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        floor_one(i)
        floor.append(time.perf_counter() - t0)
    samples, floor = samples[3:], floor[3:]  # first calls warm caches
    assert all(not r.already for r in results), "a parcel shipped twice"
    lines = [with_floor(summary("ship.service", samples,
                                target_p95_ms=TARGET_P95_MS.get(ctx.dialect)), floor)]
    lines += _ui_lines(db, scale)
    return lines


def _raw_floor(db: Database, codes: list[str]) -> Callable[[int], None]:
    """The minimal equivalent of one ship-by-scan with the raw driver: find the parcel by
    its tracking number, lock and bump the order, move stock, consume the reservation,
    write the ledger line, mark parcel and shipment shipped, status history, notice and
    audit — one transaction, committed (so the same fsyncs)."""
    sqlite = db.is_sqlite
    ph = "?" if sqlite else "%s"
    raw = db.engine.raw_connection()
    dbapi = raw.driver_connection
    assert dbapi is not None
    now = utcnow().replace(tzinfo=None).isoformat(" ") if sqlite else utcnow()

    def q(sql: str) -> str:
        return sql.replace("?", ph)

    def one(i: int) -> None:
        cur = dbapi.cursor()
        if sqlite:
            cur.execute("BEGIN IMMEDIATE")
        cur.execute(q("SELECT p.id, s.id, s.order_id, s.warehouse_id FROM parcels p "
                      "JOIN shipments s ON s.id = p.shipment_id WHERE p.tracking_number = ?"),
                    (codes[i],))
        parcel_id, shipment_id, order_id, wid = cur.fetchone()
        cur.execute(q("SELECT status, version FROM orders WHERE id = ?"
                      + ("" if sqlite else " FOR UPDATE")), (order_id,))
        cur.fetchone()
        cur.execute(q("SELECT order_line_id, product_id, quantity FROM parcel_items "
                      "WHERE parcel_id = ?"), (parcel_id,))
        for line_id, pid, qty in cur.fetchall():
            cur.execute(q("UPDATE stock_levels SET on_hand = on_hand - ?, "
                          "reserved = reserved - ? WHERE product_id = ? AND warehouse_id = ? "
                          "AND reserved >= ? AND on_hand >= ?"),
                        (qty, qty, pid, wid, qty, qty))
            cur.execute(q("UPDATE reservations SET status = 'consumed', closed_at = ? "
                          "WHERE order_line_id = ? AND status = 'open'"), (now, line_id))
            cur.execute(q("INSERT INTO stock_moves (at, product_id, warehouse_id, quantity, "
                          "kind, reason, order_id, username) VALUES (?, ?, ?, ?, 'sale', "
                          "'bench', ?, 'bench')"), (now, pid, wid, -qty, order_id))
        cur.execute(q("UPDATE parcels SET status = 'shipped', shipped_at = ?, "
                      "shipped_by = 'bench' WHERE id = ?"), (now, parcel_id))
        cur.execute(q("UPDATE shipments SET status = 'shipped', shipped_at = ? WHERE id = ?"),
                    (now, shipment_id))
        cur.execute(q("UPDATE orders SET status = 'shipped', version = version + 1, "
                      "updated_at = ?, updated_by = 'bench' WHERE id = ?"), (now, order_id))
        cur.execute(q("INSERT INTO order_status_history (order_id, at, username, workstation, "
                      "from_status, to_status, reason) VALUES (?, ?, 'bench', '', 'packed', "
                      "'shipped', 'bench')"), (order_id, now))
        cur.execute(q("INSERT INTO audit_log (at, username, workstation, action, entity, "
                      "entity_id, details) VALUES (?, 'bench', '', 'ship', 'parcel', ?, '{}')"),
                    (now, str(parcel_id)))
        if sqlite:
            cur.execute("COMMIT")
        else:
            dbapi.commit()
        cur.close()

    return one


def _ui_lines(db: Database, scale: str) -> list[dict[str, Any]]:
    from app.bench.ship_ui import measure_ui

    n = UI_COUNTS.get(scale, UI_COUNTS["medium"])
    return measure_ui(db, _prepare(db, n + 10), n)
