"""e2e: create, price and confirm orders through the services, as one workstation would.
(Pack, ship and invoice join the loop as those capabilities land.)"""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import select

from app.bench import BenchContext, summary, timings
from app.db.models import Customer, Product, StockLevel
from app.services import orders, stock
from app.services.context import system_actor


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    db = ctx.db
    n = ctx.args.orders or (200 if ctx.scale.name == "small" else 2000)
    actor = system_actor("bench")
    rng = random.Random(3)
    with db.reader() as s:
        skus = list(s.execute(select(Product.id, Product.sku).limit(500)))
        customers = list(s.scalars(select(Customer.id).limit(500)))
        wid = s.scalar(select(StockLevel.warehouse_id).limit(1))
    assert wid is not None
    for pid, _sku in skus:  # enough stock that confirmations succeed
        stock.receive(db, actor, pid, wid, 1000, "bench top-up")

    def one(_: int) -> None:
        o = orders.create_draft(db, actor, rng.choice(customers), channel="bench")
        for _line in range(3):
            o = orders.add_line(db, actor, o.id, o.version, rng.choice(skus)[1], rng.randint(1, 3))
        orders.confirm(db, actor, o.id, o.version)

    return [summary("e2e", timings(one, n), stages="create+3 lines+confirm")]
