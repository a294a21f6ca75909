"""``orderdesk check``: verify the database and report. Nothing here repairs anything.

Checks are plain functions ``(db) -> list[str]`` (one line per problem found) registered
under a name. Another area adds its own with ``@checks.register("invoice balances")`` in
its service module and lists that module in ``CHECK_MODULES`` (imported before a run).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from app.db import migrate
from app.db.engine import Database

CheckFn = Callable[[Database], list[str]]

_CHECKS: dict[str, CheckFn] = {}

# Modules whose import registers checks; a new area adds one line here.
CHECK_MODULES: list[str] = ["app.services.checks"]


@dataclass(frozen=True)
class CheckResult:
    name: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def register(name: str) -> Callable[[CheckFn], CheckFn]:
    def add(fn: CheckFn) -> CheckFn:
        _CHECKS[name] = fn
        return fn
    return add


def registered() -> list[str]:
    for module in CHECK_MODULES:
        importlib.import_module(module)
    return list(_CHECKS)


def run_checks(db: Database, only: list[str] | None = None) -> list[CheckResult]:
    """Every registered check (or ``only`` those); a check that crashes is a problem too."""
    results = []
    for name in registered():
        if only and name not in only:
            continue
        try:
            problems = list(_CHECKS[name](db))
        except Exception as exc:  # noqa: BLE001 - reported, never hidden
            problems = [f"the check itself failed: {type(exc).__name__}: {exc}"]
        results.append(CheckResult(name, problems))
    return results


@register("database integrity")
def _integrity(db: Database) -> list[str]:
    with db.reader() as s:
        if db.is_sqlite:
            rows = [r[0] for r in s.execute(text("PRAGMA integrity_check"))]
            problems = [] if rows == ["ok"] else [f"integrity_check: {r}" for r in rows]
            problems += [f"foreign key broken: {r[0]} row {r[1]} → {r[2]}"
                         for r in s.execute(text("PRAGMA foreign_key_check"))]
            return problems
        problems = [f"index {r[0]} is invalid (rebuild it with REINDEX)" for r in s.execute(text(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE NOT i.indisvalid AND n.nspname = current_schema()"))]
        return problems


@register("schema revision")
def _revision(db: Database) -> list[str]:
    current, head = migrate.current_revision(db.engine), migrate.head_revision(db.engine)
    if current != head:
        return [f"the schema is at {current}, the program expects {head}: "
                "run 'orderdesk db upgrade'"]
    return [f"model and schema differ: {d}" for d in migrate.check(db.engine)]


@register("stock ledger and reservations")
def _stock(db: Database) -> list[str]:
    from app.services import stock

    return [f"product {p.product_id} in warehouse {p.warehouse_id}: {p.what}"
            for p in stock.verify(db)]


@register("audit log append-only")
def _audit_guard(db: Database) -> list[str]:
    with db.reader() as s:
        if db.is_sqlite:
            names = set(s.scalars(text(
                "SELECT name FROM sqlite_master "
                "WHERE type = 'trigger' AND tbl_name = 'audit_log'")))
            wanted = {"audit_log_no_update", "audit_log_no_delete"}
        else:
            names = set(s.scalars(text(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass "
                "AND NOT tgisinternal")))
            wanted = {"audit_log_no_change", "audit_log_no_truncate"}
    return [f"the trigger {n} that keeps the audit log append-only is missing"
            for n in sorted(wanted - names)]


@register("invoice and payment balances")
def _balances(db: Database) -> list[str]:
    """Cached balances against the allocations they summarise: allocations never exceed an
    invoice, a payment or a credit note; open amount = total − payments − credit notes."""
    from sqlalchemy import func, select

    from app.db.models import Allocation, CreditNote, Invoice, Payment

    problems: list[str] = []
    with db.reader() as s:
        active = Allocation.undone_at.is_(None)
        bad = s.execute(select(Allocation.id, Allocation.amount)
                        .where(active, Allocation.amount <= 0)).all()
        problems += [f"allocation {i}: amount {a:.2f} is not positive" for i, a in bad]
        both = s.execute(select(Allocation.id).where(
            (Allocation.payment_id.is_(None)) == (Allocation.credit_note_id.is_(None)))).all()
        problems += [f"allocation {r[0]}: must come from exactly one payment or credit note"
                     for r in both]

        by_inv = dict(s.execute(select(Allocation.invoice_id, func.sum(Allocation.amount))
                                .where(active).group_by(Allocation.invoice_id)).all())
        for inv in s.execute(select(Invoice.id, Invoice.number, Invoice.total, Invoice.paid,
                                    Invoice.status)).all():
            allocated = Decimal(by_inv.get(inv.id) or 0)
            if allocated != inv.paid:
                problems.append(f"invoice {inv.number}: paid {inv.paid:.2f} but its allocations "
                                f"add up to {allocated:.2f}")
            if allocated > inv.total:
                problems.append(f"invoice {inv.number}: {allocated:.2f} allocated to a total of "
                                f"{inv.total:.2f}")
            want = "paid" if inv.paid >= inv.total else "open"
            if inv.status != want:
                problems.append(f"invoice {inv.number}: status {inv.status}, open amount "
                                f"{inv.total - inv.paid:.2f} says {want}")

        for model, label, key in ((Payment, "payment", Allocation.payment_id),
                                  (CreditNote, "credit note", Allocation.credit_note_id)):
            sums = dict(s.execute(select(key, func.sum(Allocation.amount))
                                  .where(active, key.is_not(None)).group_by(key)).all())
            for row in s.execute(select(model.id, model.amount, model.allocated)).all():
                allocated = Decimal(sums.get(row.id) or 0)
                if allocated != row.allocated:
                    problems.append(f"{label} {row.id}: allocated {row.allocated:.2f} but its "
                                    f"allocations add up to {allocated:.2f}")
                if allocated > row.amount:
                    problems.append(f"{label} {row.id}: {allocated:.2f} allocated from "
                                    f"{row.amount:.2f}")
    return problems


@register("invoices per order and shipment")
def _invoices_per_order(db: Database) -> list[str]:
    """An order is invoiced either as a whole (one invoice without a shipment) or once per
    shipment: never both, never a unit billed twice, and a shipment's invoice is for the
    shipment's own order."""
    from sqlalchemy import func, select

    from app.db.models import Invoice, InvoiceLine, Order, OrderLine, Shipment

    problems: list[str] = []
    with db.reader() as s:
        whole = func.count(Invoice.id).filter(Invoice.shipment_id.is_(None))
        for number, n_whole, n_all in s.execute(
                select(Order.number, whole, func.count(Invoice.id))
                .join(Invoice, Invoice.order_id == Order.id)
                .group_by(Order.id, Order.number)
                .having(_whole_mixed(whole, func.count(Invoice.id)))).all():
            problems.append(f"order {number}: {n_whole} whole-order invoice(s) among "
                            f"{n_all} invoices")
        billed = func.sum(InvoiceLine.quantity)
        for number, line_no, ordered, qty in s.execute(
                select(Order.number, OrderLine.line_no, OrderLine.quantity, billed)
                .join(OrderLine, OrderLine.id == InvoiceLine.order_line_id)
                .join(Order, Order.id == OrderLine.order_id)
                .group_by(Order.number, OrderLine.id, OrderLine.line_no, OrderLine.quantity)
                .having(billed > OrderLine.quantity)).all():
            problems.append(f"order {number} line {line_no}: {qty} units invoiced of "
                            f"{ordered} ordered")
        for inv_number, sh_number in s.execute(
                select(Invoice.number, Shipment.number)
                .join(Shipment, Shipment.id == Invoice.shipment_id)
                .where(Shipment.order_id != Invoice.order_id)).all():
            problems.append(f"invoice {inv_number} is for shipment {sh_number} of "
                            "another order")
    return problems


def _whole_mixed(whole: Any, every: Any) -> Any:
    """More than one whole-order invoice, or one next to shipment invoices."""
    from sqlalchemy import and_, or_

    return or_(whole > 1, and_(whole == 1, every > 1))
