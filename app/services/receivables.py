"""Receivables: credit control, invoices, payments and allocations, bank statement
matching, ageing, statements, dunning.

Hooks other services call inside their own transaction (they take a Session):
  ``on_order_confirmed`` (from ``orders.confirm``), ``check_credit``, ``invoice_order``,
  ``on_order_shipped`` (from fulfilment). Everything else is one transaction per call.

Invoicing: an order invoiced at confirmation (prepaid channels, customers set to
'confirm') or by hand gets one invoice for the whole order (``shipment_id`` NULL). An
order invoiced at shipping gets one invoice per shipment, for what that shipment carried:
its lines × the shipped quantities at the order's frozen, discounted line prices (see
``domain.receivables.bill_shipment``). Shipping charged on the order is billed on the
order's first invoice. The invoice that leaves nothing of the order unbilled takes any
rounding remainder, so an order's invoices add up to the order total to the cent. A
shipment is invoiced when its first parcel ships, for all its parcels.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import (
    Executable,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    delete,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Allocation,
    BankStatementLine,
    ChannelFinance,
    CreditNote,
    Customer,
    CustomerCredit,
    DunningLetter,
    DunningLevelSetting,
    Invoice,
    InvoiceLine,
    Notice,
    Order,
    Parcel,
    ParcelItem,
    Payment,
    Product,
    Shipment,
)
from app.db.types import Money, utcnow
from app.domain.money import ZERO, format_money, parse_money
from app.domain.order_status import OPEN_STATUSES
from app.domain.receivables import (
    BUCKETS,
    DEFAULT_DUNNING_LEVELS,
    Ageing,
    DunningAction,
    DunningLevel,
    LineToBill,
    OpenInvoice,
    allocate_oldest_first,
    bill_shipment,
    bucket_start_dates,
    check_manual_allocation,
    parse_terms,
    propose_level,
)
from app.domain.roles import Permission, may
from app.services import allocation
from app.services.context import Actor, audit, audit_now
from app.services.errors import NotFound, ServiceError, ValidationFailed
from app.services.numbering import next_number

PAYMENT_METHODS = ("cash", "card", "bank_transfer", "channel")
DUNNING_HOLD_PREFIX = "Dunning level"


class CreditRefused(ServiceError):
    """Confirming or shipping would take the customer over the limit, or they are on hold."""

    def __init__(self, message: str, *, customer_id: int, limit: Decimal | None,
                 outstanding: Decimal, order_total: Decimal, on_hold: bool) -> None:
        super().__init__(message)
        self.customer_id = customer_id
        self.limit = limit
        self.outstanding = outstanding
        self.order_total = order_total
        self.on_hold = on_hold


def _today() -> date:
    return utcnow().date()


# ================================================================ credit control


def exposure(s: Session, customer_id: int, exclude_order_id: int | None = None) -> Decimal:
    """What the customer owes or has been promised on credit right now: open invoice
    balances, plus open orders not yet invoiced, less unapplied payments and credits."""
    invoiced = s.scalar(select(type_coerce(func.coalesce(func.sum(Invoice.total - Invoice.paid),
                                                         0), Money))
                        .where(Invoice.customer_id == customer_id, Invoice.status == "open"))
    # an order shipped in part is pending only for what its invoices do not cover yet
    billed = (select(func.coalesce(func.sum(Invoice.total), 0))
              .where(Invoice.order_id == Order.id).scalar_subquery())
    pending = select(type_coerce(func.coalesce(func.sum(Order.total - billed), 0), Money)).where(
        Order.customer_id == customer_id,
        Order.status.in_([st.value for st in OPEN_STATUSES]),
        Order.total > billed,
    )
    if exclude_order_id is not None:
        pending = pending.where(Order.id != exclude_order_id)
    promised = s.scalar(pending)
    unapplied = s.scalar(select(type_coerce(func.coalesce(
        func.sum(Payment.amount - Payment.allocated), 0), Money))
        .where(Payment.customer_id == customer_id))
    credits = s.scalar(select(type_coerce(func.coalesce(
        func.sum(CreditNote.amount - CreditNote.allocated), 0), Money))
        .where(CreditNote.customer_id == customer_id))
    return ((invoiced or ZERO) + (promised or ZERO) - (unapplied or ZERO) - (credits or ZERO))


def check_credit(
    s: Session, actor: Actor, order: Order, override_reason: str | None = None,
    approver: Actor | None = None,
) -> CustomerCredit | None:
    """Refuse (raise CreditRefused) if the order would take its customer over the credit
    limit, or the customer is on credit hold — unless a manager (``approver``, default the
    acting user) with the APPROVE permission overrides with a reason, which is audited.

    Locks the customer's credit row first, so two workstations checking orders of one
    customer at once queue here and the second one sees the first one's order. Returns the
    customer's credit row (None: the customer has none)."""
    if order.customer_id is None:
        return None
    credit = s.get(CustomerCredit, order.customer_id, with_for_update=True)
    if credit is None or (credit.credit_limit is None and not credit.on_hold):
        return credit
    outstanding = exposure(s, order.customer_id, exclude_order_id=order.id)
    # what of this order is not invoiced yet (its invoices are in ``outstanding`` already)
    total = order.total - invoiced_total(s, order.id)
    over = credit.credit_limit is not None and outstanding + total > credit.credit_limit
    if not over and not credit.on_hold:
        return credit
    cur = order.currency
    if credit.on_hold:
        held = credit.hold_reason or "no reason given"
        why = f"customer {order.customer_name} is on credit hold ({held})"
    else:
        assert credit.credit_limit is not None
        why = (f"customer {order.customer_name} would go over the credit limit: limit "
               f"{format_money(credit.credit_limit, cur)}, outstanding "
               f"{format_money(outstanding, cur)}, this order {format_money(total, cur)} "
               f"(over by {format_money(outstanding + total - credit.credit_limit, cur)})")
    who = approver or actor
    reason = (override_reason or "").strip()
    if reason and may(who.role, Permission.APPROVE):
        audit(s, who, "credit_override", "order", order.id, number=order.number,
              reason=reason, limit=credit.credit_limit, outstanding=outstanding,
              order_total=total, on_hold=credit.on_hold, for_user=actor.username)
        return credit
    if reason:
        why += f"; {who.username} may not override it (a manager must)"
    raise CreditRefused(
        f"Order {order.number} refused: {why}. A manager can override with a reason.",
        customer_id=order.customer_id, limit=credit.credit_limit, outstanding=outstanding,
        order_total=total, on_hold=credit.on_hold,
    )


def credit_unlimited(s: Session, order: Order) -> tuple[bool, CustomerCredit | None]:
    """Read before confirm locks stock rows: (True, row) when the order's customer has no
    credit control to apply — no credit row, or one without a limit and not on hold — so
    ``on_order_confirmed`` need not lock and re-read the row. Nothing is locked here: a
    hold or a limit set after this read is ordered after the confirmation (it reads
    nothing the confirmation writes), as it would be had it come a moment later."""
    if order.customer_id is None:
        return True, None
    credit = s.get(CustomerCredit, order.customer_id)
    return (credit is None or (credit.credit_limit is None and not credit.on_hold)), credit


def on_order_confirmed(
    s: Session, actor: Actor, order: Order, override_reason: str | None = None,
    approver: Actor | None = None,
    unlimited: tuple[bool, CustomerCredit | None] | None = None,
) -> int | None:
    """Called by ``orders.confirm``: credit check, then invoice now if the channel or the
    customer invoices at confirmation (prepaid web/marketplace orders). Returns the
    invoice id if one was made. ``unlimited``: ``credit_unlimited`` as read earlier in the
    transaction; when it found no credit control the check is not made again."""
    if unlimited is not None and unlimited[0]:
        credit = unlimited[1]
    else:
        credit = check_credit(s, actor, order, override_reason, approver)
    if _invoice_at(s, order, credit) == "confirm":
        return invoice_order(s, actor, order.id)
    return None


def on_order_shipped(
    s: Session, actor: Actor, order_id: int, override_reason: str | None = None,
    approver: Actor | None = None, shipment_id: int | None = None,
    shipment_number: str | None = None, carried: Mapping[int, int] | None = None,
) -> int | None:
    """Called by fulfilment when a parcel ships: credit check again (a customer put on
    hold since confirmation is stopped here), then the invoice — for what the shipment
    carried (``shipment_id``), or for the whole order without one. An order invoiced as a
    whole (at confirmation, by hand, or before per-shipment invoicing) is not invoiced
    again. Returns the invoice id (None when the shipment carried nothing left to bill).
    ``shipment_number``: the shipment's number when the caller has it (for the audit);
    ``carried``: units per order line the whole shipment carried, when the caller has them."""
    order = s.get(Order, order_id)
    if order is None:
        raise NotFound(f"Order {order_id} does not exist.")
    invoices = _invoice_rows(s, order_id)
    whole = next((i for i, shipment in invoices if shipment is None), None)
    if whole is not None:
        return whole
    if shipment_id is None:
        if invoices:  # the latest
            return invoices[-1][0]
        check_credit(s, actor, order, override_reason, approver)
        return invoice_order(s, actor, order_id)
    # an invoice of this shipment is one of the order's, listed above
    existing = next((i for i, shipment in invoices if shipment == shipment_id), None)
    if existing is not None:
        return existing
    credit = check_credit(s, actor, order, override_reason, approver)
    # what this transaction has just read is passed on rather than read again
    return invoice_shipment(s, actor, order, shipment_id, checked=True,
                            has_earlier=bool(invoices), credit=credit,
                            shipment_number=shipment_number, carried=carried)


def channel_finance(s: Session, channel: str) -> ChannelFinance | None:
    """The channel's finance settings, read once per session (confirm reads them before it
    locks stock rows, so the locked part of the transaction does not wait for them)."""
    cache: dict[str, ChannelFinance | None] = s.info.setdefault("channel_finance", {})
    if channel not in cache:
        cache[channel] = s.get(ChannelFinance, channel)
    return cache[channel]


def _invoice_at(s: Session, order: Order,
                credit: CustomerCredit | None | bool = False) -> str:
    """``credit``: the customer's credit row when the caller has just read it (False:
    read it here)."""
    channel = channel_finance(s, order.channel)
    if channel is not None and (channel.invoice_at == "confirm" or channel.prepaid):
        return "confirm"
    if order.customer_id is not None:
        if credit is False:
            credit = s.get(CustomerCredit, order.customer_id)
        if isinstance(credit, CustomerCredit) and credit.invoice_at == "confirm":
            return "confirm"
    return "ship"


# ================================================================ invoices


def _terms_of(s: Session, customer_id: int | None,
              credit: CustomerCredit | None | bool = False) -> str:
    """``credit``: the customer's credit row when the caller has just read it (False:
    read it here)."""
    if customer_id is None:
        return "CASH"
    if credit is False:
        credit = s.get(CustomerCredit, customer_id)
    return credit.terms if isinstance(credit, CustomerCredit) else "CASH"


def invoiced_total(s: Session, order_id: int) -> Decimal:
    """What the order's invoices add up to so far."""
    return s.scalar(select(type_coerce(func.coalesce(func.sum(Invoice.total), 0), Money))
                    .where(Invoice.order_id == order_id)) or ZERO


# Statements of the invoice-at-shipping path (once per parcel shipped), built once.
@cache
def _invoice_rows_statement() -> Executable:
    return (select(Invoice.id, Invoice.shipment_id)
            .where(Invoice.order_id == bindparam("order_id")).order_by(Invoice.id))


@cache
def _costs_statement() -> Executable:
    return select(Product.id, Product.cost).where(
        Product.id.in_(bindparam("ids", expanding=True)))


@cache
def _billed_statement() -> Executable:
    return (select(InvoiceLine.order_line_id, func.sum(InvoiceLine.quantity),
                   type_coerce(func.sum(InvoiceLine.line_total), Money))
            .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .where(Invoice.order_id == bindparam("order_id"),
                   InvoiceLine.order_line_id.is_not(None))
            .group_by(InvoiceLine.order_line_id))


@cache
def _has_unapplied_statement() -> Executable:
    customer: Any = bindparam("customer_id", type_=Integer)
    return select(
        select(Payment.id).where(Payment.customer_id == customer,
                                 Payment.allocated < Payment.amount).exists()
        | select(CreditNote.id).where(CreditNote.customer_id == customer,
                                      CreditNote.allocated < CreditNote.amount).exists())


@cache
def _open_payments_statement() -> Executable:
    return (select(Payment).where(Payment.customer_id == bindparam("customer_id"),
                                  Payment.allocated < Payment.amount)
            .order_by(Payment.received_on, Payment.id).with_for_update())


@cache
def _open_credit_notes_statement() -> Executable:
    return (select(CreditNote).where(CreditNote.customer_id == bindparam("customer_id"),
                                     CreditNote.allocated < CreditNote.amount)
            .order_by(CreditNote.issue_date, CreditNote.id).with_for_update())


def _invoice_rows(s: Session, order_id: int) -> list[tuple[int, int | None]]:
    """(id, shipment id) of the order's invoices, oldest first (by ix_invoices_order)."""
    return [(int(i), sh) for i, sh in s.execute(_invoice_rows_statement(),
                                                {"order_id": order_id})]


def _whole_order_invoice(s: Session, order_id: int) -> int | None:
    # The order's few invoices by ix_invoices_order, then the one without a shipment: with
    # "shipment_id IS NULL" in the WHERE, SQLite searches the unique shipment_id index for
    # NULL — every whole-order invoice in the table (80 ms per ship at 1 M invoices).
    return next((i for i, shipment_id in _invoice_rows(s, order_id) if shipment_id is None),
                None)


def invoices_of_order(s: Session, order_id: int) -> list[Invoice]:
    return list(s.scalars(select(Invoice).where(Invoice.order_id == order_id)
                          .order_by(Invoice.id)))


def invoice_for_refund(s: Session, order_id: int,
                       order_line_ids: Sequence[int] | None = None) -> int | None:
    """The invoice a refund for (these lines of) an order is set against: the whole-order
    invoice, else the shipment invoices that billed the lines — one with a balance still
    open first, then the latest. None when the order was never invoiced."""
    whole = _whole_order_invoice(s, order_id)
    if whole is not None:
        return whole
    q = select(Invoice.id, Invoice.status).where(Invoice.order_id == order_id)
    if order_line_ids:
        q = q.where(Invoice.id.in_(select(InvoiceLine.invoice_id).where(
            InvoiceLine.order_line_id.in_(list(order_line_ids)))))
    rows = s.execute(q.order_by(Invoice.id.desc())).all()
    if not rows and order_line_ids:
        return invoice_for_refund(s, order_id)
    ranked = [i for i, st in rows if st == "open"] + [i for i, _ in rows]
    return int(ranked[0]) if ranked else None


def invoice_order(s: Session, actor: Actor, order_id: int, issue_date: date | None = None) -> int:
    """Invoice the whole order (once: a second call returns the same invoice). The number
    comes from the locked counter, so it is gap-free across workstations. Lines carry the
    moving-average cost at this moment. Prepaid channels are recorded as paid; any
    unapplied customer credit is applied. Returns the invoice id.

    An order already invoiced per shipment is not invoiced again as a whole: when every
    unit is billed the latest invoice is returned, otherwise the rest is refused (it is
    invoiced when it ships)."""
    invoices = _invoice_rows(s, order_id)  # read once: the whole-order one, or the parts
    whole = next((i for i, shipment in invoices if shipment is None), None)
    if whole is not None:
        return whole
    order = s.get(Order, order_id)
    if order is None:
        raise NotFound(f"Order {order_id} does not exist.")
    if not order.lines:
        raise ValidationFailed(f"Order {order.number} has no lines to invoice.")
    if invoices:
        billed = _billed_by_line(s, order_id)
        if all(billed.get(li.id, (0, ZERO))[0] >= li.quantity for li in order.lines):
            return invoices[-1][0]
        parts = invoices_of_order(s, order_id)
        raise ValidationFailed(
            f"Order {order.number} is invoiced per shipment "
            f"({', '.join(i.number for i in parts)}); what it has not shipped yet is "
            "invoiced when it ships.")
    inv = _new_invoice(s, actor, order, issue_date, None)
    inv.subtotal, inv.discount = order.subtotal, order.discount
    inv.shipping, inv.total = order.shipping, order.total
    costs = _costs(s, [li.product_id for li in order.lines])
    for li in order.lines:
        inv.lines.append(InvoiceLine(
            line_no=li.line_no, order_line_id=li.id, product_id=li.product_id, sku=li.sku,
            name=li.name, quantity=li.quantity, unit_price=li.unit_price, discount=li.discount,
            line_total=li.line_total, unit_cost=costs.get(li.product_id, ZERO)))
    return _issue(s, actor, order, inv)


def _costs(s: Session, product_ids: Sequence[int]) -> dict[int, Decimal]:
    return dict(s.execute(_costs_statement(), {"ids": list(product_ids)}).all())


def _new_invoice(s: Session, actor: Actor, order: Order, issue_date: date | None,
                 shipment_id: int | None, credit: CustomerCredit | None | bool = False
                 ) -> Invoice:
    issued = issue_date or _today()
    terms = _terms_of(s, order.customer_id, credit)
    address = ", ".join(p for p in (order.ship_recipient, order.ship_street, order.ship_district,
                                    order.ship_city, order.ship_province, order.ship_postcode,
                                    order.ship_country) if p)
    return Invoice(
        number=next_number(s, "invoice"), order_id=order.id, shipment_id=shipment_id,
        customer_id=order.customer_id, customer_name=order.customer_name, address=address,
        channel=order.channel, issue_date=issued, due_date=parse_terms(terms).due_date(issued),
        terms=terms, currency=order.currency, paid=ZERO, created_by=actor.username)


def _billed_by_line(s: Session, order_id: int) -> dict[int, tuple[int, Decimal]]:
    """Per order line: units and amount the order's invoices have billed so far."""
    rows = s.execute(_billed_statement(), {"order_id": order_id}).all()
    return {int(lid): (int(q or 0), t) for lid, q, t in rows if lid is not None}


def invoice_shipment(s: Session, actor: Actor, order: Order, shipment_id: int,
                     issue_date: date | None = None, *, checked: bool = False,
                     has_earlier: bool | None = None,
                     credit: CustomerCredit | None | bool = False,
                     shipment_number: str | None = None,
                     carried: Mapping[int, int] | None = None) -> int | None:
    """Invoice what one shipment of the order carried (all its parcels), once. Returns
    the invoice id, or None when nothing it carried is left to bill.

    What the caller (``on_order_shipped``) read in this transaction is not read again:
    ``checked`` — the shipment has no invoice yet; ``has_earlier=False`` — the order has
    no invoice at all; ``credit`` — the customer's credit row (False: not read);
    ``shipment_number``; ``carried`` — units per order line of the whole shipment."""
    if not checked:
        existing = s.scalar(select(Invoice.id).where(Invoice.shipment_id == shipment_id))
        if existing is not None:
            return existing
    if carried is None:
        carried = dict(s.execute(
            select(ParcelItem.order_line_id, func.sum(ParcelItem.quantity))
            .join(Parcel, Parcel.id == ParcelItem.parcel_id)
            .where(Parcel.shipment_id == shipment_id)
            .group_by(ParcelItem.order_line_id)).all())
    if has_earlier is False:
        earlier: list[Invoice] = []
        billed: dict[int, tuple[int, Decimal]] = {}
    else:
        earlier = invoices_of_order(s, order.id)
        billed = _billed_by_line(s, order.id)
    to_bill = [LineToBill(li.id, li.quantity, li.unit_price, li.line_total,
                          *billed.get(li.id, (0, ZERO)), int(carried.get(li.id, 0)))
               for li in order.lines]
    parts = bill_shipment(to_bill, order.currency)
    if not parts:
        return None
    inv = _new_invoice(s, actor, order, issue_date, shipment_id, credit)
    by_id = {li.id: li for li in order.lines}
    costs = _costs(s, [li.product_id for li in order.lines])
    for part in parts:
        li = by_id[part.key]
        inv.lines.append(InvoiceLine(
            line_no=li.line_no, order_line_id=li.id, product_id=li.product_id, sku=li.sku,
            name=li.name, quantity=part.quantity, unit_price=li.unit_price,
            discount=part.discount, line_total=part.total,
            unit_cost=costs.get(li.product_id, ZERO)))
    inv.subtotal = sum((p.gross for p in parts), ZERO)
    inv.shipping = ZERO if earlier else order.shipping  # shipping: on the first invoice
    done = {p.key: p.quantity for p in parts}
    last = all(billed.get(li.id, (0, ZERO))[0] + done.get(li.id, 0) >= li.quantity
               for li in order.lines)
    if last:  # the final invoice takes whatever rounding left, to the cent
        inv.total = order.total - sum((i.total for i in earlier), ZERO)
        inv.discount = inv.subtotal + inv.shipping - inv.total
    else:
        inv.discount = sum((p.discount for p in parts), ZERO)
        inv.total = inv.subtotal - inv.discount + inv.shipping
    if shipment_number is None:
        shipment = s.get(Shipment, shipment_id)
        shipment_number = shipment.number if shipment else ""
    return _issue(s, actor, order, inv, shipment_number)


def _issue(s: Session, actor: Actor, order: Order, inv: Invoice, shipment: str = "") -> int:
    """Store a new invoice; a prepaid channel's is paid at once, otherwise unapplied
    customer credit is applied to it."""
    inv.status = "open" if inv.total > ZERO else "paid"
    issued = inv.issue_date
    s.add(inv)
    s.flush()
    audit_now(s, actor, "invoice", "invoice", inv.id, number=inv.number, order=order.number,
          total=inv.total, due=inv.due_date, **({"shipment": shipment} if shipment else {}))
    channel = channel_finance(s, order.channel)
    if channel is not None and channel.prepaid and inv.total > ZERO and inv.customer_id:
        pay = Payment(customer_id=inv.customer_id, received_on=issued, method="channel",
                      amount=inv.total,
                      reference=f"{order.channel}:{order.external_ref or order.number}",
                      created_by=actor.username)
        s.add(pay)
        s.flush()
        _allocate(s, actor, inv, amount=inv.total, payment=pay, on=issued)
    elif (inv.customer_id is not None and inv.status == "open"
          and _has_unapplied(s, inv.customer_id)):
        _apply_credit(s, actor, inv.customer_id)
    return inv.id


def _has_unapplied(s: Session, customer_id: int) -> bool:
    """Whether the customer has a payment or credit note not fully applied (one query;
    most have none, and then ``_apply_credit``'s two locking reads are not needed)."""
    return bool(s.scalar(_has_unapplied_statement(), {"customer_id": customer_id}))


def issue_invoice(db: Database, actor: Actor, order_id: int) -> int:
    """Finance invoicing an order by hand (e.g. a service order that never ships)."""
    actor.require(Permission.FINANCE)
    with db.writer() as s:
        return invoice_order(s, actor, order_id)


# ================================================================ allocation


def _allocate(s: Session, actor: Actor, inv: Invoice, *, amount: Decimal,
              payment: Payment | None = None, credit_note: CreditNote | None = None,
              on: date | None = None) -> Allocation:
    when = max(on or _today(), inv.issue_date)
    alloc = Allocation(invoice_id=inv.id, payment_id=payment.id if payment else None,
                       credit_note_id=credit_note.id if credit_note else None, amount=amount,
                       allocated_on=when, created_by=actor.username)
    inv.paid += amount
    inv.status = "paid" if inv.paid >= inv.total else "open"
    if inv.status == "paid" and inv.order_id is not None:
        allocation.mark_paid(s, inv.order_id)  # a paid order's reservation no longer expires
    if payment is not None:
        payment.allocated += amount
    if credit_note is not None:
        credit_note.allocated += amount
    s.add(alloc)
    s.flush()
    audit(s, actor, "allocate", "invoice", inv.id, allocation=alloc.id, amount=amount,
          payment=payment.id if payment else None,
          credit_note=credit_note.id if credit_note else None)
    return alloc


def _open_invoices(s: Session, customer_id: int) -> list[Invoice]:
    return list(s.scalars(select(Invoice).where(Invoice.customer_id == customer_id,
                                                Invoice.status == "open")
                          .order_by(Invoice.due_date, Invoice.issue_date, Invoice.id)
                          .with_for_update()))


def _allocate_oldest_first(s: Session, actor: Actor, customer_id: int, available: Decimal,
                           payment: Payment | None = None, credit_note: CreditNote | None = None,
                           on: date | None = None) -> Decimal:
    invoices = {i.id: i for i in _open_invoices(s, customer_id)}
    plan = allocate_oldest_first(available, [
        OpenInvoice(i.id, i.due_date, i.total - i.paid, i.issue_date) for i in invoices.values()])
    for inv_id, amount in plan.allocations:
        _allocate(s, actor, invoices[inv_id], amount=amount, payment=payment,
                  credit_note=credit_note, on=on)
    return plan.allocated


def _apply_credit(s: Session, actor: Actor, customer_id: int) -> Decimal:
    applied = ZERO
    for pay in s.scalars(_open_payments_statement(), {"customer_id": customer_id}):
        applied += _allocate_oldest_first(s, actor, customer_id, pay.amount - pay.allocated,
                                          payment=pay)
    for cn in s.scalars(_open_credit_notes_statement(), {"customer_id": customer_id}):
        applied += _allocate_oldest_first(s, actor, customer_id, cn.amount - cn.allocated,
                                          credit_note=cn)
    return applied


def apply_credit(db: Database, actor: Actor, customer_id: int) -> Decimal:
    """Set the customer's unapplied payments and credit notes against open invoices,
    oldest first. Returns the amount applied."""
    actor.require(Permission.FINANCE)
    with db.writer() as s:
        applied = _apply_credit(s, actor, customer_id)
        _after_payment(s, actor, customer_id)
        return applied


@dataclass(frozen=True)
class PaymentResult:
    payment_id: int
    allocated: Decimal
    unallocated: Decimal  # kept as customer credit
    hold_lifted: bool


def record_payment(
    db: Database, actor: Actor, customer_id: int, amount: Decimal | str, method: str,
    reference: str = "", received_on: date | None = None,
    allocations: Sequence[tuple[int, Decimal]] | None = None,
) -> PaymentResult:
    """Record money received. ``allocations`` None = oldest invoices first; a list of
    (invoice id, amount) = exactly those; an empty list = keep it all as credit."""
    actor.require(Permission.FINANCE)
    value = _amount(amount)
    if method not in PAYMENT_METHODS:
        raise ValidationFailed(f"Unknown payment method {method!r}: use one of "
                               f"{', '.join(PAYMENT_METHODS)}.")
    with db.writer() as s:
        return _record_payment(s, actor, customer_id, value, method, reference,
                               received_on or _today(), allocations)


def _amount(amount: Decimal | str) -> Decimal:
    try:
        value = parse_money(amount)
    except ValueError as exc:
        raise ValidationFailed(f"{amount!r} is not an amount of money.") from exc
    if value <= ZERO:
        raise ValidationFailed(f"A payment must be more than zero, not {value}.")
    if value != value.quantize(Decimal("0.01")):
        raise ValidationFailed(f"{value} has more than two decimals.")
    return value


def _record_payment(s: Session, actor: Actor, customer_id: int, value: Decimal, method: str,
                    reference: str, received_on: date,
                    allocations: Sequence[tuple[int, Decimal]] | None) -> PaymentResult:
    if s.get(Customer, customer_id) is None:
        raise NotFound(f"Customer {customer_id} does not exist.")
    pay = Payment(customer_id=customer_id, received_on=received_on, method=method,
                  amount=value, reference=reference.strip(), created_by=actor.username)
    s.add(pay)
    s.flush()
    audit(s, actor, "payment", "payment", pay.id, customer=customer_id, amount=value,
          method=method, reference=reference.strip())
    if allocations is None:
        _allocate_oldest_first(s, actor, customer_id, value, payment=pay, on=received_on)
    else:
        _allocate_manual(s, actor, customer_id, pay, allocations, on=received_on)
    lifted = _after_payment(s, actor, customer_id)
    return PaymentResult(pay.id, pay.allocated, pay.amount - pay.allocated, lifted)


def _allocate_manual(s: Session, actor: Actor, customer_id: int, pay: Payment,
                     wanted: Sequence[tuple[int, Decimal]], on: date | None = None) -> None:
    invoices = {i.id: i for i in _open_invoices(s, customer_id)}
    try:
        check_manual_allocation(pay.amount - pay.allocated,
                                {i.id: i.total - i.paid for i in invoices.values()},
                                [(i, Decimal(a)) for i, a in wanted])
    except ValueError as exc:
        raise ValidationFailed(str(exc)) from exc
    for inv_id, amount in wanted:
        _allocate(s, actor, invoices[inv_id], amount=Decimal(amount), payment=pay, on=on)


def allocate_payment(db: Database, actor: Actor, payment_id: int,
                     allocations: Sequence[tuple[int, Decimal]] | None = None) -> PaymentResult:
    """Allocate what is left of a payment: to the given invoices, or oldest first."""
    actor.require(Permission.FINANCE)
    with db.writer() as s:
        pay = s.get(Payment, payment_id, with_for_update=True)
        if pay is None:
            raise NotFound(f"Payment {payment_id} does not exist.")
        if allocations is None:
            _allocate_oldest_first(s, actor, pay.customer_id, pay.amount - pay.allocated,
                                   payment=pay)
        else:
            _allocate_manual(s, actor, pay.customer_id, pay, allocations)
        lifted = _after_payment(s, actor, pay.customer_id)
        return PaymentResult(pay.id, pay.allocated, pay.amount - pay.allocated, lifted)


def undo_allocation(db: Database, actor: Actor, allocation_id: int, reason: str) -> None:
    """Take an allocation back: the invoice is open again, the money is credit again."""
    actor.require(Permission.FINANCE)
    if not reason.strip():
        raise ValidationFailed("Say why the allocation is undone.")
    with db.writer() as s:
        alloc = s.get(Allocation, allocation_id, with_for_update=True)
        if alloc is None:
            raise NotFound(f"Allocation {allocation_id} does not exist.")
        if alloc.undone_at is not None:
            raise ValidationFailed(f"Allocation {allocation_id} was already undone by "
                                   f"{alloc.undone_by} at {alloc.undone_at:%Y-%m-%d %H:%M}.")
        inv = s.get(Invoice, alloc.invoice_id, with_for_update=True)
        assert inv is not None
        inv.paid -= alloc.amount
        inv.status = "open" if inv.paid < inv.total else "paid"
        if alloc.payment_id is not None:
            pay = s.get(Payment, alloc.payment_id, with_for_update=True)
            assert pay is not None
            pay.allocated -= alloc.amount
        if alloc.credit_note_id is not None:
            cn = s.get(CreditNote, alloc.credit_note_id, with_for_update=True)
            assert cn is not None
            cn.allocated -= alloc.amount
        alloc.undone_at, alloc.undone_by = utcnow(), actor.username
        alloc.undone_on = max(_today(), alloc.allocated_on)
        audit(s, actor, "undo_allocation", "invoice", inv.id, allocation=alloc.id,
              amount=alloc.amount, reason=reason.strip())


def create_credit_note(db: Database, actor: Actor, customer_id: int, amount: Decimal | str,
                       reason: str, invoice_id: int | None = None) -> int:
    """A credit for the customer (refund, allowance). Set against ``invoice_id`` if given,
    otherwise against the oldest open invoices; any rest stays as credit."""
    actor.require(Permission.FINANCE)
    value = _amount(amount)
    if not reason.strip():
        raise ValidationFailed("A credit note needs a reason.")
    with db.writer() as s:
        return credit_note_in(s, actor, customer_id, value, reason, invoice_id).id


def credit_note_in(s: Session, actor: Actor, customer_id: int, amount: Decimal | str,
                   reason: str, invoice_id: int | None = None) -> CreditNote:
    """In-session form of ``create_credit_note`` (the exception desk's refund)."""
    value = _amount(amount)
    if not reason.strip():
        raise ValidationFailed("A credit note needs a reason.")
    cn = CreditNote(number=next_number(s, "credit_note"), customer_id=customer_id,
                    invoice_id=invoice_id, issue_date=_today(), amount=value,
                    reason=reason.strip(), created_by=actor.username)
    s.add(cn)
    s.flush()
    audit(s, actor, "credit_note", "credit_note", cn.id, number=cn.number, amount=value,
          reason=reason.strip())
    if invoice_id is not None:
        inv = s.get(Invoice, invoice_id, with_for_update=True)
        if inv is None or inv.customer_id != customer_id:
            raise NotFound(f"Invoice {invoice_id} is not this customer's.")
        take = min(value, inv.total - inv.paid)
        if take > ZERO:
            _allocate(s, actor, inv, amount=take, credit_note=cn)
    _allocate_oldest_first(s, actor, customer_id, cn.amount - cn.allocated, credit_note=cn)
    _after_payment(s, actor, customer_id)
    return cn


def _after_payment(s: Session, actor: Actor, customer_id: int) -> bool:
    """Paying lifts a dunning hold once nothing is overdue; the dunning level resets."""
    credit = s.get(CustomerCredit, customer_id, with_for_update=True)
    if credit is None:
        return False
    s.flush()
    overdue = s.scalar(select(func.count()).select_from(Invoice).where(
        Invoice.customer_id == customer_id, Invoice.status == "open",
        Invoice.due_date < _today()))
    if overdue:
        return False
    credit.dunning_level = 0
    if credit.on_hold and credit.hold_reason.startswith(DUNNING_HOLD_PREFIX):
        credit.on_hold, credit.hold_reason = False, ""
        credit.updated_at, credit.updated_by = utcnow(), actor.username
        audit(s, actor, "credit_hold_lifted", "customer", customer_id, reason="paid")
        return True
    return False


# ================================================================ customer credit settings


@dataclass(frozen=True)
class CreditView:
    customer_id: int
    credit_limit: Decimal | None
    terms: str
    on_hold: bool
    hold_reason: str
    invoice_at: str
    language: str
    dunning_level: int
    exposure: Decimal


def _credit_row(s: Session, customer_id: int) -> CustomerCredit:
    if s.get(Customer, customer_id) is None:
        raise NotFound(f"Customer {customer_id} does not exist.")
    credit = s.get(CustomerCredit, customer_id, with_for_update=True)
    if credit is None:
        credit = CustomerCredit(customer_id=customer_id, terms="CASH", on_hold=False,
                                hold_reason="", invoice_at="ship", language="en",
                                dunning_level=0)
        s.add(credit)
        s.flush()
    return credit


def set_credit(db: Database, actor: Actor, customer_id: int, *,
               credit_limit: Decimal | None | str = "keep", terms: str | None = None,
               invoice_at: str | None = None, language: str | None = None) -> CreditView:
    """Set a customer's credit limit (None = no limit), terms, invoicing moment, language."""
    actor.require(Permission.FINANCE)
    with db.writer() as s:
        credit = _credit_row(s, customer_id)
        if not (isinstance(credit_limit, str) and credit_limit == "keep"):
            limit = None if credit_limit is None else parse_money(credit_limit)
            if limit is not None and limit < ZERO:
                raise ValidationFailed("A credit limit cannot be negative.")
            credit.credit_limit = limit
        if terms is not None:
            try:
                credit.terms = parse_terms(terms).code
            except ValueError as exc:
                raise ValidationFailed(str(exc)) from exc
        if invoice_at is not None:
            if invoice_at not in ("ship", "confirm"):
                raise ValidationFailed("Invoice at 'ship' or 'confirm'.")
            credit.invoice_at = invoice_at
        if language is not None:
            if language not in ("en", "zh"):
                raise ValidationFailed("Letters are in 'en' or 'zh'.")
            credit.language = language
        credit.updated_at, credit.updated_by = utcnow(), actor.username
        audit(s, actor, "credit_settings", "customer", customer_id, limit=credit.credit_limit,
              terms=credit.terms, invoice_at=credit.invoice_at)
        return _credit_view(s, credit)


def set_hold(db: Database, actor: Actor, customer_id: int, on_hold: bool, reason: str) -> None:
    actor.require(Permission.FINANCE)
    if not reason.strip():
        raise ValidationFailed("Say why the credit hold is set or lifted.")
    with db.writer() as s:
        credit = _credit_row(s, customer_id)
        credit.on_hold, credit.hold_reason = on_hold, reason.strip() if on_hold else ""
        credit.updated_at, credit.updated_by = utcnow(), actor.username
        audit(s, actor, "credit_hold" if on_hold else "credit_hold_lifted", "customer",
              customer_id, reason=reason.strip())


def _credit_view(s: Session, credit: CustomerCredit) -> CreditView:
    return CreditView(credit.customer_id, credit.credit_limit, credit.terms, credit.on_hold,
                      credit.hold_reason, credit.invoice_at, credit.language,
                      credit.dunning_level, exposure(s, credit.customer_id))


def get_credit(db: Database, customer_id: int) -> CreditView:
    with db.reader() as s:
        credit = s.get(CustomerCredit, customer_id)
        if credit is None:
            return CreditView(customer_id, None, "CASH", False, "", "ship", "en", 0,
                              exposure(s, customer_id))
        return _credit_view(s, credit)


# ================================================================ lists for views


@dataclass(frozen=True)
class InvoiceRow:
    id: int
    number: str
    customer_id: int | None
    customer_name: str
    issue_date: date
    due_date: date
    total: Decimal
    paid: Decimal
    status: str

    @property
    def balance(self) -> Decimal:
        return self.total - self.paid


def open_invoices(db: Database, customer_id: int) -> list[InvoiceRow]:
    with db.reader() as s:
        return [InvoiceRow(i.id, i.number, i.customer_id, i.customer_name, i.issue_date,
                           i.due_date, i.total, i.paid, i.status)
                for i in s.scalars(select(Invoice).where(Invoice.customer_id == customer_id,
                                                         Invoice.status == "open")
                                   .order_by(Invoice.due_date, Invoice.id))]


@dataclass(frozen=True)
class AllocationRow:
    id: int
    invoice_number: str
    source: str  # payment reference or credit note number
    amount: Decimal
    allocated_on: date
    undone: bool


def allocations_of(db: Database, customer_id: int) -> list[AllocationRow]:
    with db.reader() as s:
        rows = s.execute(
            select(Allocation, Invoice.number, Payment.reference, Payment.id, CreditNote.number)
            .join(Invoice, Invoice.id == Allocation.invoice_id)
            .outerjoin(Payment, Payment.id == Allocation.payment_id)
            .outerjoin(CreditNote, CreditNote.id == Allocation.credit_note_id)
            .where(Invoice.customer_id == customer_id).order_by(Allocation.id)).all()
        return [AllocationRow(a.id, num, cn or f"payment {pid} {ref}".strip(), a.amount,
                              a.allocated_on, a.undone_at is not None)
                for a, num, ref, pid, cn in rows]


def find_customers(db: Database, text: str = "", limit: int = 200) -> list[tuple[int, str, str]]:
    with db.reader() as s:
        q = select(Customer.id, Customer.code, Customer.name).order_by(Customer.name).limit(limit)
        if text.strip():
            like = f"%{text.strip()}%"
            q = q.where(or_(Customer.name.ilike(like), Customer.code.ilike(like),
                            Customer.phone.ilike(like)))
        return [(int(i), str(c), str(n)) for i, c, n in s.execute(q)]


# ================================================================ ageing


@dataclass
class AgeingRow:
    customer_id: int
    code: str
    name: str
    ageing: Ageing = field(default_factory=Ageing)

    @property
    def total(self) -> Decimal:
        return self.ageing.total


def _settled_as_of(as_of: date):  # type: ignore[no-untyped-def]
    return (select(Allocation.invoice_id.label("invoice_id"),
                   func.sum(Allocation.amount).label("amount"))
            .where(Allocation.allocated_on <= as_of,
                   or_(Allocation.undone_on.is_(None), Allocation.undone_on > as_of))
            .group_by(Allocation.invoice_id).subquery())


def ageing_report(db: Database, actor: Actor, as_of: date | None = None,
                  customer_ids: Sequence[int] | None = None) -> list[AgeingRow]:
    """Outstanding per customer in the five buckets as of a day. Unapplied payments and
    credit notes count as negative 'current', so each row's buckets add up to what the
    customer owes (invoices less payments and credits up to that day), to the cent.
    What customers owe is finance's business: FINANCE (finance, manager, admin)."""
    actor.require(Permission.FINANCE)
    day = as_of or _today()
    with db.reader() as s:
        return _ageing(s, day, customer_ids)


def _current_balances_hold(s: Session, day: date) -> bool:
    """True when no allocation was made or undone after ``day``: then the cached
    ``Invoice.paid`` is the balance as of ``day`` and paid invoices can be skipped."""
    latest = s.execute(select(func.max(Allocation.allocated_on),
                              func.max(Allocation.undone_on))).one()
    return all(d is None or d <= day for d in latest)


def _ageing(s: Session, day: date, customer_ids: Sequence[int] | None) -> list[AgeingRow]:
    fast = _current_balances_hold(s, day)
    # Core rows on the session's connection: plain column selects need none of the ORM's
    # result machinery, which costs more than the query itself at 50,000 customers.
    conn = s.connection()
    buckets = _bucket_query(day, customer_ids, fast).subquery()
    sums = [buckets.c[f"b{i}"] for i in range(len(BUCKETS))]
    named = (select(buckets.c.customer, Customer.code, Customer.name, *sums)
             .join(Customer, Customer.id == buckets.c.customer))
    rows: dict[int, AgeingRow] = {}
    for cid, code, name, *amounts in conn.execute(named):
        # one row per customer: its five sums are its buckets (NULL: nothing there)
        rows[cid] = AgeingRow(cid, code, name, Ageing([ZERO if v is None else v
                                                       for v in amounts]))
    unapplied = _unapplied_as_of(s, day, customer_ids, fast)
    missing = [cid for cid in unapplied if cid not in rows]
    if missing:  # credit but nothing invoiced (in range): the name is fetched here
        for cid, code, name in conn.execute(select(Customer.id, Customer.code, Customer.name)
                                            .where(Customer.id.in_(missing))):
            rows[cid] = AgeingRow(cid, code, name)
    for cid, amount in unapplied.items():
        if cid in rows:
            rows[cid].ageing.buckets[0] -= amount  # unapplied credit ages as current
    ranked = [(-r.total, r.name, r) for r in rows.values() if any(r.ageing.buckets)]
    ranked.sort(key=lambda t: (t[0], t[1]))
    return [r for _, _, r in ranked]


def _bucket_query(day: date, customer_ids: Sequence[int] | None, fast: bool
                  ) -> Select[Any]:
    """One row per customer with the five bucket sums (one pass, grouped by customer)."""
    starts = bucket_start_dates(day)  # due on/after starts[i] → bucket i
    group: Any = Invoice.customer_id.label("customer")
    if fast:
        # The usual "as of today": the cached paid amounts are the balances, and only open
        # invoices matter. ix_invoices_ageing (status, customer_id, due_date, issue_date,
        # total, paid) holds every column read here in customer order: one range scan of
        # the index, grouped as it goes — no table rows, no sort.
        balance: Any = Invoice.total - Invoice.paid
        source: Any = Invoice.__table__
        where = [Invoice.status == "open"]
    else:
        settled = _settled_as_of(day)
        balance = Invoice.total - func.coalesce(settled.c.amount, 0)
        source = Invoice.__table__.outerjoin(settled, settled.c.invoice_id == Invoice.id)
        where = []
    sums = []
    for i in range(len(BUCKETS)):
        cond = [Invoice.due_date >= starts[i]] if i < len(starts) else []
        if i > 0:
            cond.append(Invoice.due_date < starts[i - 1])
        sums.append(type_coerce(func.sum(case((and_(*cond), balance), else_=0)), Money)
                    .label(f"b{i}"))
    if not fast:
        # "+ 0": grouping the join by the bare column makes SQLite walk the customer index
        # and fetch each row at random (4 s at 1 M invoices); a scan and a sort take 1 s.
        group = (Invoice.customer_id + 0).label("customer")
    q: Select[Any] = (select(group, *sums).select_from(source)
                      .where(Invoice.issue_date <= day, Invoice.customer_id.is_not(None),
                             *where)
                      .group_by(group))
    if customer_ids is not None:
        q = q.where(Invoice.customer_id.in_(customer_ids))
    return q


def _unapplied_as_of(s: Session, day: date, customer_ids: Sequence[int] | None,
                     fast: bool = False) -> dict[int, Decimal]:
    """Payments and credit notes received by ``day`` less what was allocated by then."""
    out: dict[int, Decimal] = defaultdict(lambda: ZERO)
    if fast:  # no allocation after ``day``: the cached allocated amounts are right
        for model, when in ((Payment, Payment.received_on),
                            (CreditNote, CreditNote.issue_date)):
            group = (model.customer_id + 0).label("customer")  # scan, not index walk
            q = (select(group, type_coerce(func.sum(model.amount - model.allocated), Money))
                 .where(when <= day, model.allocated < model.amount)
                 .group_by(group))
            if customer_ids is not None:
                q = q.where(model.customer_id.in_(customer_ids))
            for cid, amount in s.connection().execute(q):
                out[int(cid)] += amount
        return {k: v for k, v in out.items() if v != ZERO}
    active = and_(Allocation.allocated_on <= day,
                  or_(Allocation.undone_on.is_(None), Allocation.undone_on > day))
    sources = (
        (Payment, Payment.received_on, Allocation.payment_id),
        (CreditNote, CreditNote.issue_date, Allocation.credit_note_id),
    )
    for model, when, link in sources:
        received = select(model.customer_id, type_coerce(func.sum(model.amount), Money)).where(
            when <= day).group_by(model.customer_id)
        used = (select(model.customer_id, type_coerce(func.sum(Allocation.amount), Money))
                .join(Allocation, link == model.id).where(active).group_by(model.customer_id))
        if customer_ids is not None:
            received = received.where(model.customer_id.in_(customer_ids))
            used = used.where(model.customer_id.in_(customer_ids))
        for cid, amount in s.execute(received):
            out[int(cid)] += amount
        for cid, amount in s.execute(used):
            out[int(cid)] -= amount
    return {k: v for k, v in out.items() if v != ZERO}


def ageing_totals(rows: Sequence[AgeingRow]) -> Ageing:
    total = Ageing()
    for r in rows:
        total.merge(r.ageing)
    return total


# ================================================================ statements


@dataclass(frozen=True)
class StatementEntry:
    day: date
    kind: str  # invoice | payment | credit_note
    number: str
    debit: Decimal
    credit: Decimal
    balance: Decimal


@dataclass(frozen=True)
class Statement:
    customer_id: int
    customer_code: str
    customer_name: str
    start: date
    end: date
    opening: Decimal
    entries: list[StatementEntry]
    closing: Decimal
    ageing: Ageing
    language: str = "en"
    currency: str = "CNY"


def customer_statement(db: Database, actor: Actor, customer_id: int, start: date, end: date
                       ) -> Statement:
    """Opening balance, every invoice, payment and credit in the period, closing balance
    (which equals the ageing total as of ``end``)."""
    actor.require(Permission.FINANCE)
    with db.reader() as s:
        return _statement(s, customer_id, start, end)


def _statement(s: Session, customer_id: int, start: date, end: date) -> Statement:
    customer = s.get(Customer, customer_id)
    if customer is None:
        raise NotFound(f"Customer {customer_id} does not exist.")
    moves: list[tuple[date, int, str, str, Decimal, Decimal]] = []
    for d, n, t in s.execute(select(Invoice.issue_date, Invoice.number, Invoice.total)
                             .where(Invoice.customer_id == customer_id)):
        moves.append((d, 0, "invoice", n, t, ZERO))
    for d, pid, ref, a, m in s.execute(select(Payment.received_on, Payment.id, Payment.reference,
                                              Payment.amount, Payment.method)
                                       .where(Payment.customer_id == customer_id)):
        moves.append((d, 1, "payment", f"{m} {ref}".strip() if ref else f"{m} #{pid}", ZERO, a))
    for d, n, a in s.execute(select(CreditNote.issue_date, CreditNote.number, CreditNote.amount)
                             .where(CreditNote.customer_id == customer_id)):
        moves.append((d, 2, "credit_note", n, ZERO, a))
    moves.sort(key=lambda m: (m[0], m[1], m[3]))
    opening = sum((dr - cr for d, _, _, _, dr, cr in moves if d < start), ZERO)
    balance = opening
    entries: list[StatementEntry] = []
    for d, _, kind, number, dr, cr in moves:
        if start <= d <= end:
            balance += dr - cr
            entries.append(StatementEntry(d, kind, number, dr, cr, balance))
    ageing = next((r.ageing for r in _ageing(s, end, [customer_id])), Ageing())
    credit = s.get(CustomerCredit, customer_id)
    return Statement(customer_id, customer.code, customer.name, start, end, opening, entries,
                     balance, ageing, credit.language if credit else "en")


def statements(db: Database, actor: Actor, customer_ids: Sequence[int], start: date, end: date
               ) -> list[Statement]:
    """A batch of statements in one read."""
    actor.require(Permission.FINANCE)
    with db.reader() as s:
        return [_statement(s, cid, start, end) for cid in customer_ids]


def reconciliation_csv(db: Database, actor: Actor, start: date, end: date) -> str:
    """Every invoice, payment, credit note and allocation (and undo) in the period, one
    row each, for the accountant. Text cells are made safe against formula injection."""
    actor.require(Permission.FINANCE)
    from app.domain.profit import safe_cell

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["date", "type", "number", "customer_code", "customer", "debit", "credit",
                "invoice", "reference"])
    with db.reader() as s:
        names = {i: (c, n) for i, c, n in s.execute(select(Customer.id, Customer.code,
                                                           Customer.name))}
        rows: list[list[object]] = []
        for inv in s.scalars(select(Invoice).where(Invoice.issue_date.between(start, end))):
            c = names.get(inv.customer_id or 0, ("", inv.customer_name))
            rows.append([inv.issue_date, "invoice", inv.number, *c, inv.total, "", inv.number,
                         ""])
        for p in s.scalars(select(Payment).where(Payment.received_on.between(start, end))):
            rows.append([p.received_on, f"payment/{p.method}", f"P{p.id}",
                         *names.get(p.customer_id, ("", "")), "", p.amount, "", p.reference])
        for cn in s.scalars(select(CreditNote).where(CreditNote.issue_date.between(start, end))):
            rows.append([cn.issue_date, "credit_note", cn.number,
                         *names.get(cn.customer_id, ("", "")), "", cn.amount, "", cn.reason])
        q = (select(Allocation, Invoice.number, Invoice.customer_id)
             .join(Invoice, Invoice.id == Allocation.invoice_id)
             .where(or_(Allocation.allocated_on.between(start, end),
                        Allocation.undone_on.between(start, end))))
        for a, num, cid in s.execute(q):
            src = f"P{a.payment_id}" if a.payment_id else f"CN{a.credit_note_id}"
            c = names.get(cid or 0, ("", ""))
            if start <= a.allocated_on <= end:
                rows.append([a.allocated_on, "allocation", f"A{a.id}", *c, "", a.amount, num, src])
            if a.undone_on is not None and start <= a.undone_on <= end:
                rows.append([a.undone_on, "allocation_undone", f"A{a.id}", *c, a.amount, "",
                             num, src])
    rows.sort(key=lambda r: (str(r[0]), str(r[1]), str(r[2])))
    for r in rows:
        w.writerow([safe_cell(v if isinstance(v, str) else str(v)) if v != "" else ""
                    for v in r])
    return buf.getvalue()


# ================================================================ bank statement import


@dataclass(frozen=True)
class BankImportResult:
    batch: str
    matched: int
    unclear: int
    ignored: int


_INVOICE_RE = re.compile(r"INV-?\s?(\d{1,10})", re.IGNORECASE)
_HEADERS = {
    "date": ("date", "booking date", "booked", "value date", "transaction date", "日期",
             "交易日期"),
    "amount": ("amount", "credit", "金额", "收入金额"),
    "reference": ("reference", "description", "memo", "details", "remittance", "摘要", "附言",
                  "用途"),
    "counterparty": ("counterparty", "name", "payer", "from", "对方户名", "付款人"),
}


def _column(header: list[str], key: str) -> int | None:
    low = [h.strip().lower() for h in header]
    for name in _HEADERS[key]:
        if name in low:
            return low.index(name)
    return None


def _parse_date(text: str) -> date:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%Y%m%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationFailed(f"{text!r} is not a date (use YYYY-MM-DD).")


def import_bank_statement(db: Database, actor: Actor, text: str, batch: str) -> BankImportResult:
    """Read a bank statement CSV (date, amount, reference[, counterparty]). A credit whose
    reference names open invoices and whose amount equals their open balance is recorded
    and allocated at once; anything else is left 'unclear' for a person, with the likely
    invoice suggested. Debits (money out) are ignored."""
    actor.require(Permission.FINANCE)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None:
        raise ValidationFailed("The bank statement file is empty.")
    cols = {k: _column(header, k) for k in _HEADERS}
    if cols["date"] is None or cols["amount"] is None or cols["reference"] is None:
        raise ValidationFailed("The bank statement needs columns date, amount and reference "
                               f"(found: {', '.join(header)}).")
    matched = unclear = ignored = 0
    with db.writer() as s:
        if s.scalar(select(func.count()).select_from(BankStatementLine)
                    .where(BankStatementLine.batch == batch)):
            raise ValidationFailed(f"Bank statement {batch!r} was imported already.")
        for n, row in enumerate(reader, start=2):
            if not any(c.strip() for c in row):
                continue
            try:
                amount = parse_money(row[cols["amount"]])
            except (ValueError, IndexError) as exc:
                raise ValidationFailed(f"Line {n}: no amount.") from exc
            line = BankStatementLine(
                batch=batch, booked_on=_parse_date(row[cols["date"]]),
                amount=amount, reference=row[cols["reference"]].strip(),
                counterparty=row[cols["counterparty"]].strip()
                if cols["counterparty"] is not None and len(row) > cols["counterparty"] else "")
            s.add(line)
            s.flush()
            if amount <= ZERO:
                line.status, line.note = "ignored", "money out"
                ignored += 1
                continue
            if _auto_match(s, actor, line):
                matched += 1
            else:
                unclear += 1
        audit(s, actor, "bank_import", "bank_statement", batch, matched=matched,
              unclear=unclear, ignored=ignored)
    return BankImportResult(batch, matched, unclear, ignored)


def _auto_match(s: Session, actor: Actor, line: BankStatementLine) -> bool:
    numbers = {f"INV-{int(m):06d}" for m in _INVOICE_RE.findall(line.reference)}
    invoices = list(s.scalars(select(Invoice).where(Invoice.number.in_(numbers))
                              .with_for_update())) if numbers else []
    open_ones = [i for i in invoices if i.status == "open"]
    customers = {i.customer_id for i in invoices}
    due = sum((i.total - i.paid for i in open_ones), ZERO)
    if (open_ones and len(open_ones) == len(numbers) and len(customers) == 1
            and None not in customers and due == line.amount):
        cid = open_ones[0].customer_id
        assert cid is not None
        result = _record_payment(s, actor, cid, line.amount, "bank_transfer", line.reference,
                                 line.booked_on, [(i.id, i.total - i.paid) for i in open_ones])
        line.status, line.payment_id = "matched", result.payment_id
        line.note = "matched by reference and amount"
        line.invoice_id = open_ones[0].id
        return True
    # Unclear: suggest the named invoice, else the only open invoice with that balance.
    if invoices:
        line.invoice_id = invoices[0].id
        line.note = (f"reference names {', '.join(sorted(numbers))} but the amount "
                     f"{line.amount} differs from the open {due}" if open_ones else
                     f"{', '.join(sorted(numbers))} is already paid")
    else:
        same = list(s.scalars(select(Invoice).where(Invoice.status == "open",
                                                    Invoice.total - Invoice.paid == line.amount)
                              .limit(2)))
        if len(same) == 1:
            line.invoice_id = same[0].id
            line.note = f"no invoice named; {same[0].number} has this open amount"
        else:
            line.note = "no invoice named in the reference"
    line.status = "unclear"
    return False


@dataclass(frozen=True)
class BankLineView:
    id: int
    batch: str
    booked_on: date
    amount: Decimal
    reference: str
    counterparty: str
    status: str
    note: str
    suggested_invoice: str
    suggested_customer_id: int | None


def bank_lines(db: Database, status: str = "unclear") -> list[BankLineView]:
    with db.reader() as s:
        rows = s.execute(select(BankStatementLine, Invoice.number, Invoice.customer_id)
                         .outerjoin(Invoice, Invoice.id == BankStatementLine.invoice_id)
                         .where(BankStatementLine.status == status)
                         .order_by(BankStatementLine.id)).all()
        return [BankLineView(b.id, b.batch, b.booked_on, b.amount, b.reference, b.counterparty,
                             b.status, b.note, num or "", cid) for b, num, cid in rows]


def confirm_bank_line(db: Database, actor: Actor, line_id: int, customer_id: int,
                      allocations: Sequence[tuple[int, Decimal]] | None = None) -> PaymentResult:
    """A person decides an unclear line: it is the customer's payment, allocated to the
    given invoices (or oldest first)."""
    actor.require(Permission.FINANCE)
    with db.writer() as s:
        line = s.get(BankStatementLine, line_id, with_for_update=True)
        if line is None:
            raise NotFound(f"Bank statement line {line_id} does not exist.")
        if line.status != "unclear":
            raise ValidationFailed(f"Bank statement line {line_id} is {line.status} already.")
        result = _record_payment(s, actor, customer_id, line.amount, "bank_transfer",
                                 line.reference, line.booked_on, allocations)
        line.status, line.payment_id = "matched", result.payment_id
        line.note = f"confirmed by {actor.username}"
        return result


def ignore_bank_line(db: Database, actor: Actor, line_id: int, reason: str) -> None:
    actor.require(Permission.FINANCE)
    with db.writer() as s:
        line = s.get(BankStatementLine, line_id, with_for_update=True)
        if line is None:
            raise NotFound(f"Bank statement line {line_id} does not exist.")
        line.status, line.note = "ignored", reason.strip() or f"ignored by {actor.username}"
        audit(s, actor, "bank_line_ignored", "bank_statement", line.batch, line=line_id,
              reason=reason.strip())


# ================================================================ dunning

_DEFAULT_TEXT = {
    1: ("Payment reminder", "Dear {customer},\n\nour records show {amount} overdue "
        "({days} days for the oldest invoice):\n{invoices}\n\nPlease pay at your earliest "
        "convenience.\n\n{company}",
        "付款提醒", "尊敬的{customer}：\n\n您有逾期款项 {amount}（最早一张发票已逾期{days}天）：\n"
        "{invoices}\n\n请尽快付款。\n\n{company}"),
    2: ("Second reminder", "Dear {customer},\n\n{amount} is still overdue ({days} days):\n"
        "{invoices}\n\nA reminder fee of {fee} applies. Please pay within 7 days.\n\n{company}",
        "第二次付款提醒", "尊敬的{customer}：\n\n款项 {amount} 仍未支付（逾期{days}天）：\n"
        "{invoices}\n\n"
        "将收取催款费 {fee}。请于7天内付款。\n\n{company}"),
    3: ("Final notice — account on hold", "Dear {customer},\n\n{amount} is overdue "
        "({days} days):\n{invoices}\n\nYour account is on credit hold until it is paid. "
        "Fee: {fee}.\n\n{company}",
        "最后通知——账户已暂停赊销", "尊敬的{customer}：\n\n款项 {amount} 已逾期{days}天：\n"
        "{invoices}\n\n在付清之前，您的账户已暂停赊销。费用：{fee}。\n\n{company}"),
}


def _levels(s: Session) -> list[DunningLevelSetting]:
    rows = list(s.scalars(select(DunningLevelSetting).order_by(DunningLevelSetting.level)))
    if rows:
        return rows
    for lv in DEFAULT_DUNNING_LEVELS:
        se, be, sz, bz = _DEFAULT_TEXT[lv.level]
        s.add(DunningLevelSetting(level=lv.level, days_overdue=lv.days_overdue, fee=lv.fee,
                                  action=lv.action.value, subject_en=se, body_en=be,
                                  subject_zh=sz, body_zh=bz))
    s.flush()
    return list(s.scalars(select(DunningLevelSetting).order_by(DunningLevelSetting.level)))


def dunning_levels(db: Database) -> list[DunningLevel]:
    with db.writer() as s:
        return [DunningLevel(r.level, r.days_overdue, r.fee, DunningAction(r.action))
                for r in _levels(s)]


TEMPLATE_FIELDS = ("customer", "amount", "days", "fee", "invoices", "company")


@dataclass(frozen=True)
class DunningLevelData:
    """A dunning level as the editor shows it: threshold, fee, action and both templates
    (``{customer}``, ``{amount}``, ``{days}``, ``{fee}``, ``{invoices}``, ``{company}``)."""

    level: int
    days_overdue: int
    fee: Decimal = ZERO
    action: DunningAction = DunningAction.NONE
    subject_en: str = ""
    body_en: str = ""
    subject_zh: str = ""
    body_zh: str = ""


def dunning_level_settings(db: Database) -> list[DunningLevelData]:
    """The levels with their templates (the defaults are seeded on first use)."""
    with db.writer() as s:
        return [DunningLevelData(r.level, r.days_overdue, r.fee, DunningAction(r.action),
                                 r.subject_en, r.body_en, r.subject_zh, r.body_zh)
                for r in _levels(s)]


def _check_template(label: str, text: str) -> None:
    """A template must fill without error at the dunning run: only the known fields."""
    import string

    try:
        names = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError as exc:
        raise ValidationFailed(f"{label}: {exc} (write a brace as {{{{ or }}}}).") from None
    unknown = sorted(n for n in names if n not in TEMPLATE_FIELDS)
    if unknown:
        raise ValidationFailed(f"{label}: unknown field {{{unknown[0]}}}; use "
                               + ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS) + ".")


def check_dunning_level(data: DunningLevelData) -> None:
    if not 1 <= data.level <= 9:
        raise ValidationFailed("A dunning level is a number from 1 to 9.")
    if data.days_overdue < 1:
        raise ValidationFailed("A level starts at 1 day overdue or more.")
    if data.fee < 0:
        raise ValidationFailed("A dunning fee cannot be negative.")
    if not data.subject_en.strip() or not data.body_en.strip():
        raise ValidationFailed("The English subject and text are needed.")
    for label, text in (("English subject", data.subject_en), ("English text", data.body_en),
                        ("Chinese subject", data.subject_zh), ("Chinese text", data.body_zh)):
        _check_template(label, text)


def save_dunning_level(db: Database, actor: Actor, data: DunningLevelData) -> None:
    """Create or change a dunning level. Higher levels must start later than lower ones,
    so a customer moves up one step at a time."""
    actor.require(Permission.FINANCE)
    check_dunning_level(data)
    with db.writer() as s:
        rows = {r.level: r for r in _levels(s)}
        row = rows.get(data.level)
        if row is None:
            row = DunningLevelSetting(level=data.level)
            s.add(row)
            rows[data.level] = row
        row.days_overdue, row.fee, row.action = data.days_overdue, data.fee, data.action.value
        row.subject_en, row.body_en = data.subject_en, data.body_en
        # an empty Chinese template falls back to the English one
        row.subject_zh = data.subject_zh.strip() and data.subject_zh or data.subject_en
        row.body_zh = data.body_zh.strip() and data.body_zh or data.body_en
        ordered = sorted(rows.values(), key=lambda r: r.level)
        for lower, higher in zip(ordered, ordered[1:], strict=False):
            if higher.days_overdue <= lower.days_overdue:
                raise ValidationFailed(
                    f"Level {higher.level} must start later than level {lower.level} "
                    f"({lower.days_overdue} days overdue).")
        s.flush()
        audit(s, actor, "dunning_level", "dunning_level", data.level,
              days_overdue=data.days_overdue, fee=data.fee, level_action=data.action.value)


def remove_dunning_level(db: Database, actor: Actor, level: int) -> None:
    """Drop a level (the highest usually); letters already sent keep their history."""
    actor.require(Permission.FINANCE)
    with db.writer() as s:
        rows = _levels(s)
        if len(rows) <= 1:
            raise ValidationFailed("Keep at least one dunning level.")
        row = s.get(DunningLevelSetting, level)
        if row is None:
            raise NotFound(f"Dunning level {level} does not exist.")
        s.delete(row)
        audit(s, actor, "dunning_level_removed", "dunning_level", level)


@dataclass(frozen=True)
class LetterView:
    id: int
    customer_id: int
    customer_name: str
    level: int
    overdue: Decimal
    fee: Decimal
    language: str
    subject: str
    body: str
    status: str
    proposed_at: datetime
    sent_at: datetime | None


def _letter_view(letter: DunningLetter, name: str) -> LetterView:
    return LetterView(letter.id, letter.customer_id, name, letter.level, letter.overdue,
                      letter.fee, letter.language, letter.subject, letter.body, letter.status,
                      letter.proposed_at, letter.sent_at)


def dunning_run(db: Database, actor: Actor, as_of: date | None = None,
                company: str = "") -> list[LetterView]:
    """Propose the next letter for every customer with overdue invoices. Earlier
    proposals not yet sent are replaced. Nothing is sent here."""
    actor.require(Permission.FINANCE)
    day = as_of or _today()
    if not company:
        from app.config import Settings

        company = Settings.load().company_name
    with db.writer() as s:
        settings = _levels(s)
        levels = [DunningLevel(r.level, r.days_overdue, r.fee, DunningAction(r.action))
                  for r in settings]
        by_level = {r.level: r for r in settings}
        settled = _settled_as_of(day)
        balance = type_coerce(Invoice.total - func.coalesce(settled.c.amount, 0), Money)
        rows = s.execute(select(Invoice.customer_id, Invoice.number, Invoice.due_date, balance)
                         .outerjoin(settled, settled.c.invoice_id == Invoice.id)
                         .where(Invoice.customer_id.is_not(None), Invoice.due_date < day,
                                Invoice.issue_date <= day)
                         .order_by(Invoice.customer_id, Invoice.due_date)).all()
        overdue: dict[int, list[tuple[str, date, Decimal]]] = defaultdict(list)
        for cid, number, due, bal in rows:
            if bal > ZERO and cid is not None:
                overdue[int(cid)].append((number, due, bal))
        s.execute(delete(DunningLetter).where(DunningLetter.status == "proposed"))
        out: list[LetterView] = []
        for cid, items in sorted(overdue.items()):
            credit = s.get(CustomerCredit, cid)
            last = credit.dunning_level if credit else 0
            days = (day - items[0][1]).days
            lv = propose_level(days, last, levels)
            if lv is None:
                continue
            customer = s.get(Customer, cid)
            assert customer is not None
            lang = credit.language if credit else "en"
            setting = by_level[lv.level]
            total = sum((b for _, _, b in items), ZERO)
            listing = "\n".join(f"  {n}  {d:%Y-%m-%d}  {format_money(b)}" for n, d, b in items)
            values = {"customer": customer.name, "amount": format_money(total), "days": days,
                      "fee": format_money(lv.fee), "invoices": listing, "company": company}
            subject = (setting.subject_zh if lang == "zh" else setting.subject_en)
            body = (setting.body_zh if lang == "zh" else setting.body_en)
            letter = DunningLetter(customer_id=cid, level=lv.level, as_of=day, overdue=total,
                                   fee=lv.fee, language=lang, subject=subject.format(**values),
                                   body=body.format(**values), proposed_by=actor.username)
            s.add(letter)
            s.flush()
            out.append(_letter_view(letter, customer.name))
        audit(s, actor, "dunning_run", "dunning", day.isoformat(), proposed=len(out))
        return out


def _letter_language(text: str) -> str:
    return "zh_CN" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"


def send_letters(db: Database, actor: Actor, letter_ids: Sequence[int]) -> int:
    """Send proposed letters through the notice outbox; a level with the hold action puts
    the customer on credit hold. Returns how many were sent."""
    actor.require(Permission.FINANCE)
    sent = 0
    with db.writer() as s:
        for lid in letter_ids:
            letter = s.get(DunningLetter, lid, with_for_update=True)
            if letter is None or letter.status != "proposed":
                continue
            customer = s.get(Customer, letter.customer_id)
            assert customer is not None
            # E-mail goes out through the shared outbox's sender; a customer without an
            # e-mail address gets a printed letter, kept in the outbox as "to_print".
            notice = Notice(dedupe_key=f"dunning:{letter.id}", kind="dunning",
                            channel="email" if customer.email else "letter",
                            language=_letter_language(letter.subject),
                            recipient=customer.email or customer.name,
                            subject=letter.subject, body=letter.body,
                            status="pending" if customer.email else "to_print")
            s.add(notice)
            s.flush()
            letter.status, letter.sent_at, letter.sent_by = "sent", utcnow(), actor.username
            letter.notice_id = notice.id
            credit = _credit_row(s, customer.id)
            credit.dunning_level = max(credit.dunning_level, letter.level)
            setting = s.get(DunningLevelSetting, letter.level)
            if setting is not None and setting.action == DunningAction.HOLD and not credit.on_hold:
                credit.on_hold = True
                credit.hold_reason = f"{DUNNING_HOLD_PREFIX} {letter.level} sent {_today()}"
                audit(s, actor, "credit_hold", "customer", customer.id,
                      reason=credit.hold_reason)
            audit(s, actor, "dunning_sent", "customer", customer.id, level=letter.level,
                  letter=letter.id, notice=notice.id, overdue=letter.overdue)
            sent += 1
    return sent


def discard_letter(db: Database, actor: Actor, letter_id: int) -> None:
    actor.require(Permission.FINANCE)
    with db.writer() as s:
        letter = s.get(DunningLetter, letter_id, with_for_update=True)
        if letter is not None and letter.status == "proposed":
            letter.status = "discarded"
            audit(s, actor, "dunning_discarded", "customer", letter.customer_id, letter=letter_id)


def letters(db: Database, status: str | None = None, customer_id: int | None = None
            ) -> list[LetterView]:
    """Proposed letters (status='proposed') or a customer's history (what was sent when)."""
    with db.reader() as s:
        q = (select(DunningLetter, Customer.name)
             .join(Customer, Customer.id == DunningLetter.customer_id)
             .order_by(DunningLetter.customer_id, DunningLetter.id))
        if status is not None:
            q = q.where(DunningLetter.status == status)
        if customer_id is not None:
            q = q.where(DunningLetter.customer_id == customer_id)
        return [_letter_view(letter, name) for letter, name in s.execute(q)]


__all__ = ["BUCKETS", "CreditRefused", "check_credit", "invoice_order", "on_order_confirmed",
           "on_order_shipped"]


# ================================================================ documents


@dataclass(frozen=True)
class InvoiceDocLine:
    sku: str
    name: str
    quantity: int
    unit_price: Decimal
    discount: Decimal
    line_total: Decimal


@dataclass(frozen=True)
class InvoiceDoc:
    number: str
    order_number: str
    customer_code: str
    customer_name: str
    address: str
    issue_date: date
    due_date: date
    terms: str
    currency: str
    subtotal: Decimal
    discount: Decimal
    shipping: Decimal
    total: Decimal
    paid: Decimal
    language: str
    lines: list[InvoiceDocLine]
    shipment_number: str = ""  # set when the invoice is for one shipment of the order


def invoice_document(db: Database, invoice_id: int) -> InvoiceDoc:
    """Everything printed on an invoice, from the stored invoice (never recomputed)."""
    with db.reader() as s:
        inv = s.get(Invoice, invoice_id)
        if inv is None:
            raise NotFound(f"Invoice {invoice_id} does not exist.")
        order_number = s.scalar(select(Order.number).where(Order.id == inv.order_id)) or ""
        shipment = s.scalar(select(Shipment.number).where(Shipment.id == inv.shipment_id)) \
            if inv.shipment_id is not None else None
        code, lang = "", "en"
        if inv.customer_id is not None:
            code = s.scalar(select(Customer.code).where(Customer.id == inv.customer_id)) or ""
            credit = s.get(CustomerCredit, inv.customer_id)
            lang = credit.language if credit else "en"
        return InvoiceDoc(inv.number, order_number, code, inv.customer_name, inv.address,
                          inv.issue_date, inv.due_date, inv.terms, inv.currency, inv.subtotal,
                          inv.discount, inv.shipping, inv.total, inv.paid, lang,
                          [InvoiceDocLine(li.sku, li.name, li.quantity, li.unit_price,
                                          li.discount, li.line_total) for li in inv.lines],
                          shipment or "")
