"""orderdesk stock verify | replenish [--csv FILE] | expire"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import add_database_option, add_json_option, emit, open_database
from app.services import allocation, stock


def register(sub: Any) -> None:
    p = sub.add_parser("stock", help="stock checks, replenishment list, reservation expiry")
    add_database_option(p)
    add_json_option(p)
    p.add_argument("action", choices=["verify", "replenish", "expire"])
    p.add_argument("--csv", metavar="FILE", help="replenish: write the list as CSV")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        if args.action == "replenish":
            rows = allocation.replenishment(db)
            if args.csv:
                Path(args.csv).write_text(allocation.replenishment_csv(rows), encoding="utf-8")
            emit(args, [vars(r) for r in rows],
                 "\n".join(f"{r.sku} @ {r.warehouse_code}: buy {r.to_buy} (backordered "
                           f"{r.backordered}, free {r.available}, reorder point "
                           f"{r.reorder_point})" for r in rows) or "nothing to buy")
            return 0
        if args.action == "expire":
            released = allocation.expire_reservations(db)
            emit(args, {"released": released},
                 "released: " + ", ".join(released) if released else "nothing expired")
            return 0
        problems = stock.verify(db)
        emit(args, {"ok": not problems, "problems": [vars(p) for p in problems]},
             "\n".join(f"product {p.product_id} warehouse {p.warehouse_id}: {p.what}"
                       for p in problems) or "stock agrees with the ledger and the reservations")
        return 1 if problems else 0
    finally:
        db.dispose()
