"""Bench `ageing`: the receivables ageing report over the data set's invoices.

The cached data set holds the invoices (``demo.generate_invoices``: 1,000,000 at scale
large, a third part-paid). One operation = one whole ageing report (target under 2 s).
Floor: one GROUP BY customer with the five bucket sums over open invoices on the raw
driver — the least any ageing report must read.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from app.bench import BenchContext, summary, timings, with_floor
from app.db.models import Invoice

RUNS = {"small": 3, "medium": 5, "large": 5}
TARGET_MS = 2000.0


def _raw_floor(ctx: BenchContext, runs: int) -> list[float]:
    db = ctx.db
    today = date.today()
    edges = [today - timedelta(days=d) for d in (0, 30, 60, 90)]
    ph = "?" if db.is_sqlite else "%s"
    sql = ("SELECT customer_id, "
           f"SUM(CASE WHEN due_date >= {ph} THEN total - paid ELSE 0 END), "
           f"SUM(CASE WHEN due_date < {ph} AND due_date >= {ph} THEN total - paid ELSE 0 END), "
           f"SUM(CASE WHEN due_date < {ph} AND due_date >= {ph} THEN total - paid ELSE 0 END), "
           f"SUM(CASE WHEN due_date < {ph} AND due_date >= {ph} THEN total - paid ELSE 0 END), "
           f"SUM(CASE WHEN due_date < {ph} THEN total - paid ELSE 0 END) "
           "FROM invoices WHERE status = 'open' GROUP BY customer_id")
    params = (edges[0], edges[0], edges[1], edges[1], edges[2], edges[2], edges[3], edges[3])
    if db.is_sqlite:
        params = tuple(d.isoformat() for d in params)  # type: ignore[assignment]
    raw = db.engine.raw_connection()
    try:
        def one(_: int) -> None:
            cur = raw.cursor()
            cur.execute(sql, params)
            cur.fetchall()
            cur.close()
        return timings(one, runs)
    finally:
        raw.close()


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    from app.services.context import system_actor
    from app.services.receivables import ageing_report

    db, actor = ctx.db, system_actor("bench")
    runs = RUNS.get(ctx.scale.name, 5)
    with db.reader() as s:
        invoices = s.scalar(select(func.count()).select_from(Invoice)) or 0
    rows: list[int] = []
    samples = timings(lambda _: rows.append(len(ageing_report(db, actor))), runs)
    line = summary("ageing", samples, invoices=invoices,
                   customers_with_balance=rows[-1] if rows else 0, target_p95_ms=TARGET_MS)
    return [with_floor(line, _raw_floor(ctx, runs))]
