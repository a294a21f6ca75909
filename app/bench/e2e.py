"""Bench `e2e`: one workstation's whole day in miniature — for each order: create a draft,
add three lines (priced as they are added), confirm (reserve stock), start packing, scan
every item, close the box with a tracking number, ship it by scan and issue the invoice.
All through the services, each step its own transaction. One operation = one order.
Target ≥ 200 orders/s on SQLite."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, select

from app.bench import BenchContext, summary
from app.db.engine import Database
from app.db.models import Customer, Product, StockLevel
from app.services import fulfilment, orders, receivables, stock
from app.services.context import system_actor

COUNTS = {"small": 10, "medium": 100, "large": 200}
STAGES = ("create", "lines", "confirm", "pack", "ship", "invoice")


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    db = ctx.db
    n = getattr(ctx.args, "orders", None) or COUNTS.get(ctx.scale.name, 200)
    actor = system_actor("bench")
    rng = random.Random(3)
    with db.reader() as s:
        skus = list(s.execute(select(Product.id, Product.sku).where(Product.active.is_(True))
                              .order_by(Product.id).limit(300)))
        customers = list(s.scalars(select(Customer.id).order_by(Customer.id).limit(500)))
        wid = s.scalar(select(StockLevel.warehouse_id).limit(1))
    assert wid is not None
    for pid, _sku in skus:  # enough stock that every confirmation reserves in full
        stock.receive(db, actor, pid, wid, 3 * n, "bench top-up")
    stamp = f"{int(time.time()) % 10**6:06d}"
    stage_s = dict.fromkeys(STAGES, 0.0)

    def one(i: int) -> None:
        t = time.perf_counter()
        o = orders.create_draft(db, actor, rng.choice(customers), channel="bench")
        t1 = time.perf_counter()
        picked = rng.sample(skus, 3)
        for _pid, sku in picked:
            o = orders.add_line(db, actor, o.id, o.version, sku, 1)
        t2 = time.perf_counter()
        o = orders.confirm(db, actor, o.id, o.version)
        t3 = time.perf_counter()
        pack = fulfilment.start_packing(db, actor, o.number)
        for _pid, sku in picked:
            fulfilment.scan_item(db, actor, pack.session_id, sku)
        tracking = f"E2E{stamp}{i:07d}"
        fulfilment.complete_packing(db, actor, pack.session_id,
                                    [fulfilment.ParcelInput(tracking_number=tracking)])
        t4 = time.perf_counter()
        fulfilment.ship_by_scan(db, actor, tracking)
        t5 = time.perf_counter()
        receivables.issue_invoice(db, actor, o.id)
        t6 = time.perf_counter()
        for key, a, b in zip(STAGES, (t, t1, t2, t3, t4, t5), (t1, t2, t3, t4, t5, t6),
                             strict=True):
            stage_s[key] += b - a

    samples = []
    with _counting(db) as counts:
        cpu0 = time.process_time()
        for i in range(n):
            t0 = time.perf_counter()
            one(i)
            samples.append(time.perf_counter() - t0)
        cpu = time.process_time() - cpu0
    stages_ms = {k: round(v * 1000 / n, 2) for k, v in stage_s.items()}
    # Where an order's time goes: waiting for COMMIT (the fsync with synchronous=FULL)
    # versus this process's CPU (Python and the SQLite library).
    return [summary("e2e", samples, target_ops_per_s=200,
                    stages="create+3 lines+confirm+pack(3 scans)+ship+invoice",
                    stage_mean_ms=stages_ms,
                    commits_per_order=round(counts["commits"] / n, 1),
                    statements_per_order=round(counts["statements"] / n, 1),
                    commit_ms_per_order=round(counts["commit_s"] * 1000 / n, 2),
                    cpu_ms_per_order=round(cpu * 1000 / n, 2))]


@contextmanager
def _counting(db: Database) -> Iterator[dict[str, float]]:
    """Count statements and commits on ``db`` and time the commits, while inside."""
    counts = {"statements": 0.0, "commits": 0.0, "commit_s": 0.0}
    dialect = db.engine.dialect
    plain_commit = dialect.do_commit

    def timed_commit(dbapi_connection: Any) -> None:
        t0 = time.perf_counter()
        plain_commit(dbapi_connection)
        counts["commit_s"] += time.perf_counter() - t0
        counts["commits"] += 1

    def counted(*_args: Any) -> None:
        counts["statements"] += 1

    dialect.do_commit = timed_commit  # type: ignore[method-assign]
    event.listen(db.engine, "before_cursor_execute", counted)
    try:
        yield counts
    finally:
        event.remove(db.engine, "before_cursor_execute", counted)
        del dialect.do_commit  # the class's method again
