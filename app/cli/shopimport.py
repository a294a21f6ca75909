"""orderdesk import-shop {products,customers} FILE [--map field=Column ...] [--check]

Bring an existing shop's master data in from CSV/XLSX (see docs/guide, "Bringing over an
existing shop"). Rows that cannot be imported are listed with line number and reason."""

from __future__ import annotations

import argparse
from typing import Any

from app.channels.master_data import UnreadableFile, initial_mapping, read_table
from app.cli.common import add_database_option, add_json_option, emit, fail, open_database
from app.config import Settings
from app.services import shop_import
from app.services.context import system_actor
from app.services.errors import ServiceError


def register(sub: Any) -> None:
    p = sub.add_parser("import-shop", help="import products or customers of an existing shop")
    add_database_option(p)
    add_json_option(p)
    p.add_argument("kind", choices=["products", "customers"])
    p.add_argument("file", help="a .csv or .xlsx file with a header row")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="use COLUMN of the file for FIELD (e.g. price=Retail); repeatable")
    p.add_argument("--check", action="store_true", help="check only, write nothing")
    p.add_argument("--encoding", help="text encoding of a CSV (default: detected)")
    p.add_argument("--warehouse", metavar="CODE", help="warehouse for opening stock")
    p.add_argument("--currency", help="currency of customer balances (default: settings)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    kind = args.kind[:-1]
    try:
        table = read_table(args.file, args.encoding)
    except (OSError, UnreadableFile) as exc:
        return fail(str(exc))
    db = open_database(args)
    # The mapping saved by the Import shop data dialog, then header names, then --map.
    mapping = initial_mapping(table.headers, kind, shop_import.saved_mapping(db, kind))
    for item in args.map:
        field, sep, column = item.partition("=")
        if not sep:
            db.dispose()
            return fail(f"--map needs FIELD=COLUMN, not {item!r}")
        mapping[field.strip()] = column.strip()
    actor = system_actor("cli")
    try:
        if kind == "product":
            report = shop_import.import_products(db, actor, table, mapping, args.warehouse,
                                                 dry_run=args.check, source=args.file)
        else:
            report = shop_import.import_customers(
                db, actor, table, mapping, args.currency or Settings.load().currency,
                dry_run=args.check, source=args.file)
    except (ServiceError, UnreadableFile) as exc:
        return fail(str(exc))
    finally:
        db.dispose()
    lines = [report.summary()] + [f"  line {r.line}: {r.reason}" for r in report.rejected]
    emit(args, {"kind": kind, "imported": report.imported, "dry_run": report.dry_run,
                "mapping": mapping,
                "rejected": [{"line": r.line, "reason": r.reason} for r in report.rejected]},
         "\n".join(lines))
    return 0
