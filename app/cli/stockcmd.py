"""orderdesk stock verify"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import add_database_option, add_json_option, emit, open_database
from app.services import stock


def register(sub: Any) -> None:
    p = sub.add_parser("stock", help="stock checks")
    add_database_option(p)
    add_json_option(p)
    p.add_argument("action", choices=["verify"])
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        problems = stock.verify(db)
        emit(args, {"ok": not problems, "problems": [vars(p) for p in problems]},
             "\n".join(f"product {p.product_id} warehouse {p.warehouse_id}: {p.what}"
                       for p in problems) or "stock agrees with the ledger and the reservations")
        return 1 if problems else 0
    finally:
        db.dispose()
