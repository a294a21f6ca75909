"""orderdesk profit --by product|customer|channel|period|order|category
[--from D] [--to D] [--csv FILE]"""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.cli.common import add_database_option, add_json_option, emit, fail, open_database
from app.services import profit
from app.services.context import system_actor
from app.services.errors import ServiceError


def register(sub: Any) -> None:
    p = sub.add_parser("profit", help="profit report by product, customer, channel or period")
    add_database_option(p)
    add_json_option(p)
    p.add_argument("--by", choices=list(profit.GROUPINGS), default="order")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", type=date.fromisoformat,
                   help="first invoice day (default: 30 days ago)")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", type=date.fromisoformat,
                   help="last invoice day (default: today)")
    p.add_argument("--csv", metavar="FILE", help="write the report as CSV")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        end = args.end or date.today()
        start = args.start or end - timedelta(days=30)
        try:
            rows = profit.profit_report(db, system_actor("cli"), start, end, args.by)
        except ServiceError as exc:
            return fail(str(exc))
        if args.csv:
            Path(args.csv).write_text(profit.export_csv(rows), encoding="utf-8")
        emit(args, [{"key": r.key, "label": r.label, "orders": len(r.orders),
                     "revenue": str(r.profit.revenue), "gross": str(r.profit.gross),
                     "net": str(r.profit.net), "shipping": str(r.profit.shipping)}
                    for r in rows],
             "\n".join(f"{r.label[:40]:<40} revenue {r.profit.revenue:>12} gross "
                       f"{r.profit.gross:>12} net {r.profit.net:>12}" for r in rows)
             or f"nothing invoiced {start:%Y-%m-%d} – {end:%Y-%m-%d}")
        return 0
    finally:
        db.dispose()
