"""orderdesk receivables ageing [--as-of D] [--json] | dunning-run [--as-of D]"""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal
from typing import Any

from app.cli.common import add_database_option, add_json_option, emit, fail, open_database
from app.domain.receivables import BUCKETS
from app.services import receivables
from app.services.context import system_actor
from app.services.errors import ServiceError


def _m(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def register(sub: Any) -> None:
    p = sub.add_parser("receivables", help="ageing of what customers owe; the dunning run")
    add_database_option(p)
    add_json_option(p)
    p.add_argument("action", choices=["ageing", "dunning-run"])
    p.add_argument("--as-of", metavar="YYYY-MM-DD", type=date.fromisoformat,
                   help="the day to age or dun as of (default: today)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        if args.action == "ageing":
            rows = receivables.ageing_report(db, system_actor("cli"), args.as_of)
            total = receivables.ageing_totals(rows)
            data = {"as_of": str(args.as_of or date.today()), "buckets": list(BUCKETS),
                    "customers": [{"customer_id": r.customer_id, "code": r.code,
                                   "name": r.name, "buckets": [_m(b) for b in r.ageing.buckets],
                                   "total": _m(r.total)} for r in rows],
                    "totals": [_m(b) for b in total.buckets], "total": _m(total.total)}
            head = f"{'customer':<30}" + "".join(f"{b:>12}" for b in BUCKETS) + f"{'total':>12}"
            lines = [head] + [f"{(r.code + ' ' + r.name)[:29]:<30}"
                              + "".join(f"{_m(b):>12}" for b in r.ageing.buckets)
                              + f"{_m(r.total):>12}" for r in rows]
            lines.append(f"{'TOTAL':<30}" + "".join(f"{_m(b):>12}" for b in total.buckets)
                         + f"{_m(total.total):>12}")
            emit(args, data, "\n".join(lines))
            return 0
        try:
            letters = receivables.dunning_run(db, system_actor("cli"), args.as_of)
        except ServiceError as exc:
            return fail(str(exc))
        emit(args, [{"id": x.id, "customer": x.customer_name, "level": x.level,
                     "overdue": _m(x.overdue), "fee": _m(x.fee), "status": x.status}
                    for x in letters],
             "\n".join(f"#{x.id} {x.customer_name}: level {x.level}, overdue {x.overdue}"
                       f" (proposed; send from the Receivables view)" for x in letters)
             or "no letters to propose")
        return 0
    finally:
        db.dispose()
