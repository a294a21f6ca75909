"""orderdesk returns list (open returns, oldest first) | show RMA | approve RMA [--reason R] |
reject RMA --reason R | cancel RMA --reason R |
resolve RMA --as refund|store_credit|exchange [--reference REF] [--item CODE[:N] ...]
(each with --database and --json)"""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from app.cli.common import add_database_option, add_json_option, emit, fail, open_database
from app.db.engine import Database
from app.services import returns
from app.services.context import system_actor
from app.services.errors import ServiceError, ValidationFailed
from app.services.returns import ReturnView

ACTIONS = ["list", "show", "approve", "reject", "cancel", "resolve"]


def register(sub: Any) -> None:
    p = sub.add_parser("returns", help="returns (RMA): list, show, approve, reject, cancel, "
                                       "resolve")
    add_database_option(p)
    add_json_option(p)
    p.add_argument("action", choices=ACTIONS)
    p.add_argument("rma", nargs="?", metavar="RMA", help="the RMA number, e.g. RMA-000001")
    p.add_argument("--reason", default="",
                   help="why (approve outside the policy, reject, cancel); kept and logged")
    p.add_argument("--as", dest="kind", choices=["refund", "store_credit", "exchange"],
                   help="resolve by refund, store credit or exchange")
    p.add_argument("--reference", default="", help="card/marketplace refund reference")
    p.add_argument("--item", action="append", default=[], metavar="CODE[:N]",
                   help="a replacement item of an exchange (repeat for more)")
    p.set_defaults(func=run)


def _as_dict(view: ReturnView) -> dict[str, Any]:
    data = dataclasses.asdict(view)
    data["expected_units"], data["received_units"] = view.expected_units, view.received_units
    return data


def _text(view: ReturnView) -> str:
    lines = [f"{view.number}  {view.status}  {view.customer_name}  (version {view.version})",
             f"return shipping paid by {view.return_shipping}"]
    if view.outside_policy:
        lines.append(f"outside the policy: {view.outside_policy}")
    lines += [f"  {li.quantity} × {li.sku} {li.name} ({li.order_number}, {li.reason}) "
              f"received {li.received_qty}, {li.disposition or '-'}" for li in view.lines]
    if view.resolution:
        lines.append(f"resolved by {view.resolution}: {view.amount}"
                     + (f", {view.paid_out} paid out (ref {view.refund_reference})"
                        if view.paid_out else "")
                     + (f", replacement order id {view.exchange_order_id}"
                        if view.exchange_order_id else ""))
    return "\n".join(lines)


def _find(db: Database, number: str | None) -> int:
    if not number:
        raise LookupError("name the return, e.g. RMA-000001")
    rid = returns.find_return_id(db, number)
    if rid is None:
        raise LookupError(f"there is no return {number.strip().upper()}")
    return rid


def _items(specs: list[str]) -> list[returns.ExchangeItem]:
    """``CODE`` or ``CODE:N`` (a colon, so codes with an x in them stay whole)."""
    out = []
    for spec in specs:
        code, sep, qty = spec.strip().rpartition(":")
        if not sep:
            code, qty = spec.strip(), "1"
        if not code.strip() or not qty.strip().isdigit() or int(qty) <= 0:
            raise ValidationFailed(f"--item {spec!r}: write CODE or CODE:N with N above 0.")
        out.append(returns.ExchangeItem(code.strip(), int(qty)))
    return out


def run(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        if args.action == "list":
            rows = returns.open_returns(db)
            emit(args, [dataclasses.asdict(r) for r in rows],
                 "\n".join(f"{r.number:<12} {r.status:<15} {r.age_days:>4} d  {r.units:>3} "
                           f"unit(s)  {r.customer_name}  {r.orders}" for r in rows)
                 or "no open returns")
            return 0
        try:
            rid = _find(db, args.rma)
        except LookupError as exc:
            return fail(str(exc))
        actor = system_actor("cli")
        try:
            view = _act(db, actor, rid, args)
        except ServiceError as exc:
            return fail(str(exc))
        emit(args, _as_dict(view), _text(view))
        return 0
    finally:
        db.dispose()


def _act(db: Database, actor: Any, rid: int, args: argparse.Namespace) -> ReturnView:
    if args.action == "show":
        return returns.get_return(db, rid)
    if args.action == "approve":
        return returns.approve(db, actor, rid, args.reason)
    if args.action == "reject":
        return returns.reject(db, actor, rid, args.reason)
    if args.action == "cancel":
        return returns.cancel_return(db, actor, rid, args.reason)
    if args.kind is None:
        raise ValidationFailed("Say how to resolve it: --as refund, store_credit or "
                                       "exchange.")
    return returns.resolve(db, actor, rid, args.kind, args.reference,
                           _items(args.item) or None)
