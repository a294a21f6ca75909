"""Bench `ship`: ship-by-scan latency (service call, scan to committed result).

``run(ctx)`` takes either a context with ``.db`` and ``.scale`` or a ``(Database, scale)``
pair. It builds N packed single-parcel orders (Core bulk inserts, so it is quick), then
ships each by its tracking number and reports p50/p95. At scale "large" the database is
expected to hold the 1,000,000-order data set already (the shared bench data set); the
packed orders are added on top.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from sqlalchemy import insert, select

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

COUNTS = {"small": 300, "large": 2000}
FLOOR_P95_MS = {"sqlite": 5.0, "postgresql": 15.0}


def _unpack(ctx: Any) -> tuple[Database, str]:
    if isinstance(ctx, tuple):
        return ctx[0], ctx[1]
    return ctx.db, getattr(ctx, "scale", "small")


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


def run(ctx: Any) -> list[dict[str, Any]]:
    db, scale = _unpack(ctx)
    n = COUNTS.get(scale, COUNTS["small"])
    codes = _prepare(db, n)
    actor = system_actor("bench")
    times: list[float] = []
    for code in codes:
        t0 = time.perf_counter()
        fulfilment.ship_by_scan(db, actor, code)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    floor = FLOOR_P95_MS.get(db.dialect, 15.0)
    return [{"scenario": "ship", "n": n, "ops_per_s": round(n / (sum(times) / 1000), 1),
             "p50_ms": round(statistics.median(times), 3), "p95_ms": round(p95, 3),
             "target_p95_ms": floor, "ratio": round(p95 / floor, 3), "engine": db.dialect}]
