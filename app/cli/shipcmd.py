"""orderdesk ship SCAN [--override REASON --approver USER]
orderdesk manifest --carrier CODE [--date YYYY-MM-DD] [--csv FILE] [--pdf FILE]"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from app.cli.common import add_database_option, add_json_option, emit, fail, open_database
from app.services import fulfilment
from app.services.context import Actor, system_actor
from app.services.errors import ServiceError


def register(sub: Any) -> None:
    p = sub.add_parser("ship", help="ship a parcel by its label or tracking number (as a scan)")
    add_database_option(p)
    add_json_option(p)
    p.add_argument("scan", help="the parcel's tracking number or label code (SH-…-n)")
    p.add_argument("--override", metavar="REASON",
                   help="a manager's reason to ship past credit control")
    p.add_argument("--approver", metavar="USER", default="",
                   help="the manager giving the override (recorded in the audit)")
    p.set_defaults(func=run_ship)

    m = sub.add_parser("manifest", help="the day-end manifest of one carrier (CSV/PDF)")
    add_database_option(m)
    add_json_option(m)
    m.add_argument("--carrier", required=True, metavar="CODE", help="carrier code, e.g. SF")
    m.add_argument("--date", metavar="YYYY-MM-DD", type=date.fromisoformat,
                   help="the day the parcels left (default: today)")
    m.add_argument("--csv", metavar="FILE", help="write the manifest as CSV")
    m.add_argument("--pdf", metavar="FILE", help="write the manifest as PDF")
    m.set_defaults(func=run_manifest)


def run_ship(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        actor = system_actor("cli")
        approver = None
        if args.override and args.approver:
            approver = Actor(None, args.approver, actor.role, actor.workstation)
        try:
            r = fulfilment.ship_by_scan(db, actor, args.scan, args.override, approver)
        except ServiceError as exc:
            return fail(str(exc))
        emit(args, {"already": r.already, "message": r.message, "order": r.order_number,
                    "parcel": r.parcel_no, "tracking": r.tracking_number,
                    "order_status": r.order_status, "invoice_id": r.invoice_id}, r.message)
        return 0
    finally:
        db.dispose()


def run_manifest(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        day = args.date or date.today()
        rows = fulfilment.manifest(db, day, args.carrier)
        if args.csv:
            Path(args.csv).write_text(fulfilment.manifest_csv(rows), encoding="utf-8")
        if args.pdf:
            from app.printing.fulfilment import manifest_pdf

            name = rows[0].carrier_name if rows else args.carrier
            Path(args.pdf).write_bytes(manifest_pdf(name, day, rows))
        emit(args, [vars(r) for r in rows],
             "\n".join(f"{r.shipment}/{r.parcel_no} {r.order_number} {r.tracking_number} "
                       f"{r.recipient} {r.city} {r.weight_kg} kg" for r in rows)
             + f"\n{len(rows)} parcel(s) left with {args.carrier} on {day:%Y-%m-%d}"
             if rows else f"no parcels left with {args.carrier} on {day:%Y-%m-%d}")
        return 0
    finally:
        db.dispose()
