"""Several real processes against one database: no duplicate numbers, no oversell."""

from __future__ import annotations

import multiprocessing as mp
from typing import Any

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Order, Reservation, StockLevel
from app.services.context import Actor
from tests.factories import make_shop

WORKERS = 4


def _make_orders(url: str, customer_id: int, count: int, barrier: Any, out: Any) -> None:
    from app.services import orders
    from app.services.context import system_actor

    db = Database(url)
    barrier.wait()
    numbers = [orders.create_draft(db, system_actor("p"), customer_id).number for _ in range(count)]
    out.put(numbers)
    db.dispose()


def _confirm_last_unit(url: str, order_id: int, version: int, barrier: Any, out: Any) -> None:
    from app.services import orders
    from app.services.context import system_actor
    from app.services.errors import InsufficientStock

    db = Database(url)
    barrier.wait()
    try:
        orders.confirm(db, system_actor("p"), order_id, version)
        out.put("confirmed")
    except InsufficientStock as exc:
        out.put(f"refused: {exc}")
    db.dispose()


def _run(target: Any, args_list: list[tuple[Any, ...]]) -> list[Any]:
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(len(args_list)), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*a, barrier, out)) for a in args_list]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    return results


def test_order_numbers_are_never_handed_out_twice(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=0)
    results = _run(_make_orders, [(db.url, ids["wang"], 15)] * WORKERS)
    numbers = [n for batch in results for n in batch]
    assert len(numbers) == len(set(numbers)) == WORKERS * 15
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == WORKERS * 15


def test_the_last_unit_is_reserved_once(db: Database, admin: Actor) -> None:
    """Four workstations confirm orders for the last 2 lamps at the same moment."""
    from app.services import orders

    ids = make_shop(db, admin, stock_qty=2)
    drafts = []
    for _ in range(WORKERS):
        o = orders.create_draft(db, admin, ids["wang"])
        o = orders.add_line(db, admin, o.id, o.version, "LAMP-01", 1)
        drafts.append((db.url, o.id, o.version))
    results = _run(_confirm_last_unit, drafts)
    assert sorted(r.split(":")[0] for r in results) == ["confirmed"] * 2 + ["refused"] * 2
    assert all("LAMP-01: wanted 1, available 0" in r for r in results if r != "confirmed")
    with db.reader() as s:
        level = s.get(StockLevel, (ids["lamp"], ids["warehouse"]))
        held = s.scalar(select(func.sum(Reservation.quantity))
                        .where(Reservation.product_id == ids["lamp"], Reservation.status == "open"))
        assert level is not None and (level.on_hand, level.reserved, held) == (2, 2, 2)
