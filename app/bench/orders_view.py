"""orders-view: the queries behind the Orders list on the cached data set — first page,
a search keystroke, and the last page by keyset — next to the same SQL on the raw driver."""

from __future__ import annotations

import random
from typing import Any

from app.bench import BenchContext, summary, timings, with_floor
from app.db import queries


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    db = ctx.db
    rng = random.Random(5)
    first = timings(lambda _: queries.orders_page(db, limit=200), 30)
    terms = ["王", "SO-0001", "Smith", "138", "李娜", "深圳", "7700"]
    search = timings(lambda i: queries.orders_page(db, search=terms[i % len(terms)], limit=200), 50)
    with db.reader() as s:
        from sqlalchemy import func, select

        from app.db.models import Order

        lowest = s.scalar(select(func.min(Order.id))) or 0
    last = timings(lambda _: queries.orders_page(db, before_id=lowest + rng.randint(1, 400),
                                                  limit=200), 30)
    raw = _raw_floor(ctx)
    return [
        with_floor(summary("orders-view.first-page", first), raw),
        summary("orders-view.search", search),
        summary("orders-view.scroll-end", last),
    ]


def _raw_floor(ctx: BenchContext) -> list[float]:
    """The same first-page query through the driver alone."""
    db = ctx.db
    raw = db.engine.raw_connection()
    try:
        def one(_: int) -> None:
            cur = raw.cursor()
            cur.execute("SELECT id, number, status, customer_name, phone, total, created_at "
                        "FROM orders ORDER BY id DESC LIMIT 200")
            cur.fetchall()
            cur.close()

        return timings(one, 30)
    finally:
        raw.close()
