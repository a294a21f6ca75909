"""orders-view: the queries behind the Orders list on the cached data set — first page,
a search keystroke, and the last page by keyset — next to the same SQL on the raw driver."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import func, select

from app.bench import BenchContext, summary, timings, with_floor
from app.db import queries
from app.db.models import Order


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    db = ctx.db
    rng = random.Random(5)
    terms = ["王", "SO-0001", "Smith", "138", "李娜", "Lee", "7700"]
    with db.reader() as s:
        lowest = s.scalar(select(func.min(Order.id))) or 0
        first = timings(lambda _: queries.list_orders(s, limit=200), 30)
        search = timings(lambda i: queries.list_orders(s, search=terms[i % len(terms)],
                                                       limit=200), 50)
        last = timings(lambda _: queries.list_orders(
            s, before_id=lowest + rng.randint(1, 400), limit=200), 30)
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
