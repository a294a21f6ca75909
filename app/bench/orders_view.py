"""orders-view: the Orders list on the cached data set.

``orders-view.query-*``: the queries alone (first page, a search, a page by keyset), the
first next to the same SQL on the raw driver. ``orders-view.first-paint``, ``.search``,
``.scroll`` and ``.status-updates``: the real OrdersView offscreen (app/bench/orders_view_ui.py)
— open to first painted rows, a search typed + Enter to repainted results, scroll to the end
of what is loaded (fetching the next page), and 1,000 status changes a second from another
connection while the view refreshes, measured as event-loop stalls."""

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
    from app.bench.orders_view_ui import measure

    return [
        with_floor(summary("orders-view.query-first-page", first), raw),
        summary("orders-view.query-search", search),
        summary("orders-view.query-keyset-page", last),
        *measure(ctx),
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
