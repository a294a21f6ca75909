"""Bench `ageing`: the ageing report over many customers and invoices.

Large scale: 10,000 customers, 1,000,000 invoices (a third part-paid); target under 2 s
on SQLite. Small (default): 1,000 customers, 50,000 invoices. The data set is made once
with Core bulk inserts and reused while its size matches.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select

from app.db.engine import Database
from app.db.models import Allocation, Customer, Invoice, Payment

SCALES = {"small": (1_000, 50_000), "large": (10_000, 1_000_000)}
TARGET_S = 2.0
RUNS = 5
BATCH = 20_000


def _ensure_data(db: Database, customers: int, invoices: int, rebuild: bool = False) -> None:
    with db.reader() as s:
        have = s.scalar(select(func.count()).select_from(Invoice)
                        .where(Invoice.number.like("BENCH-%"))) or 0
    if have == invoices and not rebuild:
        return
    if have:
        raise SystemExit("the database holds a different ageing bench data set; "
                         "use a fresh database for another scale")
    rng = random.Random(2025)
    today = date.today()
    with db.writer() as s:
        first = (s.scalar(select(func.max(Customer.id))) or 0) + 1
        s.execute(insert(Customer), [
            {"id": first + i, "code": f"BENCH-C{i:06d}", "name": f"Bench customer {i}",
             "phone": "", "email": "", "member_tier": "", "notes": "", "version": 1,
             "updated_by": "bench"} for i in range(customers)])
    pay_rows: list[dict[str, Any]] = []
    alloc_rows: list[dict[str, Any]] = []
    with db.writer() as s:
        inv_id = (s.scalar(select(func.max(Invoice.id))) or 0) + 1
        pay_id = (s.scalar(select(func.max(Payment.id))) or 0) + 1
        for start in range(0, invoices, BATCH):
            rows = []
            for n in range(start, min(invoices, start + BATCH)):
                issued = today - timedelta(days=rng.randrange(200))
                total = Decimal(rng.randrange(100, 500_000)) / 100
                paid = Decimal(0)
                if n % 3 == 0:
                    paid = (total * Decimal(rng.randrange(1, 100)) / 100).quantize(
                        Decimal("0.01"))
                cid = first + rng.randrange(customers)
                rows.append({"id": inv_id, "number": f"BENCH-{n:08d}", "customer_id": cid,
                             "customer_name": "", "address": "", "channel": "counter",
                             "issue_date": issued,
                             "due_date": issued + timedelta(days=rng.choice((0, 7, 30, 60))),
                             "terms": "NET30", "currency": "CNY", "subtotal": total,
                             "discount": 0, "shipping": 0, "total": total, "paid": paid,
                             "status": "open", "created_by": "bench"})
                if paid:
                    pay_rows.append({"id": pay_id, "customer_id": cid, "received_on": issued,
                                     "method": "bank_transfer", "amount": paid,
                                     "allocated": paid, "reference": "", "created_by": "bench"})
                    alloc_rows.append({"invoice_id": inv_id, "payment_id": pay_id,
                                       "amount": paid, "allocated_on": issued,
                                       "created_by": "bench", "undone_by": ""})
                    pay_id += 1
                inv_id += 1
            s.execute(insert(Invoice), rows)
        for start in range(0, len(pay_rows), BATCH):
            s.execute(insert(Payment), pay_rows[start:start + BATCH])
            s.execute(insert(Allocation), alloc_rows[start:start + BATCH])
    if db.is_sqlite:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")


def run_with(db: Database, scale: str = "small", rebuild: bool = False) -> list[dict[str, Any]]:
    from app.services.receivables import ageing_report

    customers, invoices = SCALES[scale]
    _ensure_data(db, customers, invoices, rebuild)
    times: list[float] = []
    rows = 0
    for _ in range(RUNS):
        t0 = time.perf_counter()
        rows = len(ageing_report(db))
        times.append(time.perf_counter() - t0)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return [{"scenario": "ageing", "scale": scale, "dialect": db.dialect, "n": invoices,
             "customers": customers, "customers_with_balance": rows,
             "ops_per_s": round(1 / p50, 3), "p50_ms": round(p50 * 1000, 1),
             "p95_ms": round(p95 * 1000, 1), "target_ms": TARGET_S * 1000,
             "floor_ops_per_s": 1 / TARGET_S, "ratio": round((1 / p50) / (1 / TARGET_S), 2)}]


def run(ctx: Any) -> list[dict[str, Any]]:
    """``ctx`` has ``db`` (a Database) and ``scale`` ("small"/"large"); ``rebuild`` optional."""
    return run_with(ctx.db, getattr(ctx, "scale", "small"), getattr(ctx, "rebuild", False))


if __name__ == "__main__":  # python -m app.bench.ageing URL [small|large]
    import json
    import sys

    from app.db import migrate

    database = Database(sys.argv[1])
    migrate.upgrade(database.engine)
    for result in run_with(database, sys.argv[2] if len(sys.argv) > 2 else "small"):
        print(json.dumps(result))
