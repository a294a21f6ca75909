"""Bench: orders confirmed per second by N concurrent processes against a few hot SKUs,
then the oversell check (reservation records summed against on hand, the ledger, verify).

Meant for PostgreSQL (the shared-database case); runs on SQLite too."""

from __future__ import annotations

import multiprocessing as mp
import statistics
import time
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update

from app.db.engine import Database
from app.db.models import Reservation, StockLevel, StockMove
from app.domain.allocation import Choice
from app.services import catalog, orders, stock
from app.services.catalog import CustomerData, ProductData
from app.services.context import system_actor
from app.services.errors import InsufficientStock

HOT_SKUS = 4


def _worker(url: str, customer_id: int, skus: list[str], n: int, start: Any, out: Any) -> None:
    db = Database(url)
    actor = system_actor("bench")
    drafts = []
    for i in range(n):
        view = orders.create_draft(db, actor, customer_id)
        view = orders.add_line(db, actor, view.id, view.version, skus[i % len(skus)], 1)
        view = orders.add_line(db, actor, view.id, view.version, skus[(i + 1) % len(skus)], 1)
        drafts.append(view)
    start.wait()
    times, answers = [], {"confirmed": 0, "backordered": 0, "insufficient": 0, "error": 0}
    cpu0 = time.process_time()
    t_start = time.perf_counter()
    for i, view in enumerate(drafts):
        t0 = time.perf_counter()
        try:
            choice = Choice.SHIP_AND_BACKORDER if i % 4 == 0 else None
            done = orders.confirm(db, actor, view.id, view.version, default_choice=choice)
            answers[done.status] = answers.get(done.status, 0) + 1
        except InsufficientStock:
            answers["insufficient"] += 1
        except Exception as exc:  # noqa: BLE001 - counted, and the bench reports it
            key = "locked" if "database is locked" in str(exc) else "error"
            answers[key] = answers.get(key, 0) + 1
        times.append((time.perf_counter() - t0) * 1000)
    out.put((times, answers, t_start, time.perf_counter(), time.process_time() - cpu0))
    db.dispose()


def _raw_worker(url: str, pids: list[int], n: int, start: Any, out: Any) -> None:
    """The floor: what a confirmation minimally does to stock, with the raw driver — for
    each of the order's two lines the conditional UPDATE that holds it (in product order,
    as confirm does), one committed transaction per order."""
    db = Database(url)
    raw = db.engine.raw_connection()
    dbapi = raw.driver_connection
    assert dbapi is not None
    sqlite = db.is_sqlite
    ph = "?" if sqlite else "%s"
    sql = (f"UPDATE stock_levels SET reserved = reserved + 1 WHERE product_id = {ph} "
           "AND on_hand - reserved >= 1")
    start.wait()
    times = []
    cpu0 = time.process_time()
    t_start = time.perf_counter()
    for i in range(n):
        t0 = time.perf_counter()
        cur = dbapi.cursor()
        if sqlite:
            cur.execute("BEGIN IMMEDIATE")
        for pid in sorted((pids[i % len(pids)], pids[(i + 1) % len(pids)])):
            cur.execute(sql, (pid,))
        if sqlite:
            cur.execute("COMMIT")
        else:
            dbapi.commit()
        cur.close()
        times.append((time.perf_counter() - t0) * 1000)
    out.put((times, {}, t_start, time.perf_counter(), time.process_time() - cpu0))
    raw.close()
    db.dispose()


def _spawn(target: Any, args_for: Any, processes: int) -> list[Any]:
    ctx = mp.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args_for(), start, out))
             for _ in range(processes)]
    for p in procs:
        p.start()
    start.set()
    results = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    return results


# The floor's transactions take about a millisecond: it needs many more of them than the
# confirmations do to be a steady rate rather than the processes' start-up spread (with 25
# each it read anything from 170/s to 1,250/s in one session).
FLOOR_TRANSACTIONS_EACH = 400


def _cpu_ms_per_op(results: list[Any]) -> float | None:
    """The client processes' CPU per operation (not the server's): where the time goes."""
    ops = sum(len(r[0]) for r in results)
    return round(sum(r[4] for r in results) * 1000 / ops, 2) if ops else None


def _floor(db: Database, processes: int, each: int) -> tuple[float, float | None]:
    """Two-line holds per second with the raw driver on the same number of hot products
    (undone afterwards)."""
    actor = system_actor("bench")
    tag = uuid.uuid4().hex[:6].upper()
    wid = catalog.ensure_warehouse(db, actor, "MAIN", "Main warehouse")
    pids = []
    for i in range(HOT_SKUS):
        pid = catalog.create_product(db, actor, ProductData(f"FLOOR-{tag}-{i}", "Floor",
                                                            Decimal("1")))
        stock.receive(db, actor, pid, wid, 2 * processes * each, "bench floor")
        pids.append(pid)
    results = _spawn(_raw_worker, lambda: (db.url, pids, each), processes)
    with db.writer() as s:
        s.execute(update(StockLevel).where(StockLevel.product_id.in_(pids)).values(reserved=0))
    wall = max(r[3] for r in results) - min(r[2] for r in results)
    return (sum(len(r[0]) for r in results) / wall if wall else 0.0), _cpu_ms_per_op(results)


def measure(db: Database, processes: int, orders_each: int) -> dict[str, Any]:
    actor = system_actor("bench")
    tag = uuid.uuid4().hex[:6].upper()
    wid = catalog.ensure_warehouse(db, actor, "MAIN", "Main warehouse")
    skus, pids = [], []
    for i in range(HOT_SKUS):
        sku = f"HOT-{tag}-{i}"
        pid = catalog.create_product(db, actor, ProductData(sku, f"Hot {i}", Decimal("10")))
        # about half the demand can be met
        stock.receive(db, actor, pid, wid, processes * orders_each // 2, "bench stock")
        skus.append(sku)
        pids.append(pid)
    cust = catalog.create_customer(db, actor, CustomerData(f"Bench {tag}", code=f"BENCH-{tag}"))
    results = _spawn(_worker, lambda: (db.url, cust, skus, orders_each), processes)
    times = sorted(t for r in results for t in r[0])
    answers: dict[str, int] = {}
    for r in results:
        for k, v in r[1].items():
            answers[k] = answers.get(k, 0) + v
    wall = max(r[3] for r in results) - min(r[2] for r in results)
    oversold = []
    with db.reader() as s:
        for pid in pids:
            held = s.scalar(select(func.coalesce(func.sum(Reservation.quantity), 0)).where(
                Reservation.product_id == pid, Reservation.status == "open")) or 0
            ledger = s.scalar(select(func.sum(StockMove.quantity))
                              .where(StockMove.product_id == pid)) or 0
            on_hand = s.scalar(select(func.sum(StockLevel.on_hand))
                               .where(StockLevel.product_id == pid)) or 0
            if held > on_hand or ledger != on_hand:
                oversold.append({"product_id": pid, "held": held, "on_hand": on_hand})
    problems = stock.verify(db)
    ops = round(len(times) / wall, 1) if wall else 0.0
    floor, floor_cpu = _floor(db, processes, FLOOR_TRANSACTIONS_EACH)
    return {"scenario": "reserve", "database": db.dialect, "processes": processes,
            "n": len(times), "ops_per_s": ops,
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 2),
            "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 2),
            "floor_ops_per_s": round(floor, 1), "ratio": round(ops / floor, 3) if floor else None,
            "client_cpu_ms_per_op": _cpu_ms_per_op(results),
            "floor_client_cpu_ms_per_op": floor_cpu,
            "database_locked": answers.get("locked", 0),
            "answers": answers, "oversold": oversold, "verify_problems": len(problems),
            "ok": not oversold and not problems and answers.get("error", 0) == 0
            and answers.get("locked", 0) == 0}


def run(ctx: Any) -> list[dict[str, Any]]:
    """8 processes confirming two-line orders on 4 hot SKUs (2 at scale tiny)."""
    processes, each = {"small": (2, 5), "medium": (8, 25), "large": (8, 50)}.get(
        ctx.scale.name, (8, 25))
    return [measure(ctx.db, processes, each)]
