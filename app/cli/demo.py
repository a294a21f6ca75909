"""orderdesk demo --customers N --products N --orders N [--seed S]"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import add_database_option, add_json_option, emit, open_database
from app.services import demo


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="add realistic demo data (bulk, fast)")
    add_database_option(p)
    add_json_option(p)
    p.add_argument("--customers", type=int, default=200)
    p.add_argument("--products", type=int, default=100)
    p.add_argument("--orders", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        def progress(done: int, total: int) -> None:
            if not args.json and sys.stderr.isatty():
                print(f"\r{done:,}/{total:,} orders", end="", file=sys.stderr)

        r = demo.generate(db, args.customers, args.products, args.orders, args.seed, progress)
        emit(args, vars(r), f"added {r.customers:,} customers, {r.products:,} products, "
                            f"{r.orders:,} orders ({r.lines:,} lines) in {r.seconds:.1f} s")
        return 0
    finally:
        db.dispose()
