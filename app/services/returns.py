"""Returns and exchanges (RMA): from the customer's request to stock and money put right.

open → approve (outside policy: a manager with a reason) → RMA document (+ return label
when the business pays; the customer notice is queued) → receive by scan → inspect and
dispose each line (stock ledger) → resolve (refund credit note, store credit or exchange).

Each function is one transaction, except the exchange, which creates the replacement order
through ``orders`` first (its own transactions) and cancels it again if linking fails.
Every step is written to ``return_events`` for the timeline of each order the return
touches.

Never more than shipped minus already returned: opening a return locks the orders it
touches (``orders._load``: a row lock on PostgreSQL; SQLite writers are serialised by
BEGIN IMMEDIATE) before counting, so two clerks cannot both return the last unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.db.engine import Database
from app.db.models import (
    Customer,
    ExceptionCase,
    InvoiceLine,
    Order,
    OrderLine,
    Parcel,
    ParcelItem,
    Product,
    ReturnApproval,
    ReturnAuthorisation,
    ReturnEvent,
    ReturnLine,
    ReturnPolicySetting,
    ReturnResolution,
    ReturnScan,
    Shipment,
    StockMove,
    Warehouse,
)
from app.db.types import utcnow
from app.domain.money import ZERO
from app.domain.order_status import OrderStatus, can_move
from app.domain.returns import (
    COUNTING_STATUSES,
    DEFAULT_POLICY,
    OPEN_STATUSES,
    Disposition,
    InspectionResult,
    Payer,
    ReasonPolicy,
    ResolutionKind,
    ReturnReason,
    RmaStatus,
    check_move,
    check_policy,
    default_policy,
    exchange_price,
    line_refund,
    restocking_fee,
    shipping_refund,
)
from app.domain.roles import Permission
from app.services import fulfilment, notices, orders, receivables, stock
from app.services.catalog import default_warehouse_id, find_product
from app.services.context import Actor, audit
from app.services.errors import ConcurrentChange, NotFound, PermissionDenied, ValidationFailed
from app.services.numbering import next_number
from app.services.order_costs import record_cost

# --------------------------------------------------------------------------- policy
# The shop's policy lives in ``return_policies`` (one row per reason, shared by every
# workstation); reasons without a row keep the built-in default.


def _policy(s: Session) -> dict[ReturnReason, ReasonPolicy]:
    out = default_policy(customer_pays_return_shipping=True)
    for row in s.scalars(select(ReturnPolicySetting)):
        try:
            reason = ReturnReason(row.reason)
        except ValueError:
            continue  # a reason this version does not know: ignore, never crash
        base = out[reason]
        payer = (Payer(row.return_shipping) if reason in CUSTOMER_REASONS
                 and row.return_shipping in {x.value for x in Payer} else Payer.BUSINESS)
        out[reason] = replace(base, window_days=row.window_days,
                              restocking_fee_percent=row.restocking_fee_percent,
                              return_shipping=payer)
    return out


def customer_pays(policy: Mapping[ReturnReason, ReasonPolicy]) -> bool:
    """The one yes/no setting: does the customer pay the way back when it is not our fault
    (wrong size, changed mind, other)?"""
    return any(policy[r].return_shipping is Payer.CUSTOMER for r in CUSTOMER_REASONS)


# Reasons that are not the business's fault: who pays the way back is the shop's setting.
CUSTOMER_REASONS = tuple(r for r, p in DEFAULT_POLICY.items() if not p.business_fault)


def return_policy(db: Database) -> dict[ReturnReason, ReasonPolicy]:
    """The policy in force, per reason."""
    with db.reader() as s:
        return _policy(s)


def set_return_policy(db: Database, actor: Actor, *,
                      customer_pays_return_shipping: bool | None = None,
                      window_days: Mapping[str, int] | None = None,
                      restocking_fee_percent: Mapping[str, Decimal | str] | None = None
                      ) -> dict[ReturnReason, ReasonPolicy]:
    """Change the policy: who pays return shipping for the reasons that are not the
    business's fault (quality, damage and wrong item are always on the business), and per
    reason the window in days and the restocking fee percent. Unnamed parts stay."""
    actor.require(Permission.SETTINGS)
    windows = {_reason(k): v for k, v in (window_days or {}).items()}
    fees = {_reason(k): _percent(v) for k, v in (restocking_fee_percent or {}).items()}
    for reason, days in windows.items():
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise ValidationFailed(f"The return window for '{reason.value}' is a whole number "
                                   f"of days, 0 or more, not {days!r}.")
    with db.writer() as s:
        current = _policy(s)
        rows = {r.reason: r for r in s.scalars(select(ReturnPolicySetting)
                                               .with_for_update())}
        for reason in ReturnReason:
            p = current[reason]
            payer = p.return_shipping
            if customer_pays_return_shipping is not None and reason in CUSTOMER_REASONS:
                payer = Payer.CUSTOMER if customer_pays_return_shipping else Payer.BUSINESS
            row = rows.get(reason.value) or ReturnPolicySetting(reason=reason.value)
            row.window_days = windows.get(reason, p.window_days)
            row.restocking_fee_percent = fees.get(reason, p.restocking_fee_percent)
            row.return_shipping = payer.value
            row.updated_at, row.updated_by = utcnow(), actor.username
            s.add(row)
        s.flush()
        after = _policy(s)
        audit(s, actor, "return_policy", "return_policy",
              customer_pays_return_shipping=customer_pays(after),
              windows={r.value: p.window_days for r, p in after.items()},
              fees={r.value: p.restocking_fee_percent for r, p in after.items()})
        return after


def _percent(value: Decimal | str) -> Decimal:
    try:
        pct = Decimal(str(value).strip().rstrip("%"))
    except ArithmeticError:
        raise ValidationFailed(f"{value!r} is not a percentage.") from None
    if not pct.is_finite() or pct < 0 or pct > 100:
        raise ValidationFailed(f"A restocking fee is 0 to 100 percent, not {value}.")
    return pct


# --------------------------------------------------------------------------- views


@dataclass(frozen=True)
class ReturnRequest:
    """One line the customer wants to send back."""

    order_line_id: int
    quantity: int
    reason: str
    note: str = ""


@dataclass(frozen=True)
class ReturnableLine:
    order_id: int
    order_number: str
    order_line_id: int
    product_id: int
    sku: str
    name: str
    ordered: int
    shipped: int
    returned: int
    paid: Decimal  # line_total: discounted, incl. its share of order-level promotions
    shipped_on: date | None

    @property
    def returnable(self) -> int:
        return max(self.shipped - self.returned, 0)


@dataclass(frozen=True)
class Returnable:
    customer_id: int | None
    customer_name: str
    lines: list[ReturnableLine]


@dataclass(frozen=True)
class ReturnLineView:
    id: int
    order_id: int
    order_number: str
    order_line_id: int
    product_id: int
    sku: str
    name: str
    quantity: int
    reason: str
    reason_note: str
    received_qty: int
    inspection: str
    disposition: str
    refund: Decimal
    restocking_fee: Decimal
    repair_status: str


@dataclass(frozen=True)
class ReturnView:
    id: int
    number: str
    status: str
    version: int
    customer_id: int | None
    customer_name: str
    return_shipping: str
    outside_policy: str
    opened_at: datetime
    opened_by: str
    exception_case_id: int | None
    lines: list[ReturnLineView] = field(default_factory=list)
    resolution: str = ""
    credit_note_id: int | None = None
    exchange_order_id: int | None = None
    amount: Decimal = ZERO
    charge: Decimal = ZERO
    paid_out: Decimal = ZERO  # refunded straight to card/marketplace (no customer credit)
    refund_reference: str = ""

    @property
    def expected_units(self) -> int:
        return sum(li.quantity for li in self.lines)

    @property
    def received_units(self) -> int:
        return sum(li.received_qty for li in self.lines)


def _view(s: Session, rma: ReturnAuthorisation) -> ReturnView:
    numbers = dict(s.execute(select(Order.id, Order.number).where(
        Order.id.in_({li.order_id for li in rma.lines}))).all()) if rma.lines else {}
    res = s.scalar(select(ReturnResolution).where(ReturnResolution.return_id == rma.id))
    return ReturnView(
        rma.id, rma.number, rma.status, rma.version, rma.customer_id, rma.customer_name,
        rma.return_shipping, rma.outside_policy, rma.opened_at, rma.opened_by,
        rma.exception_case_id,
        [ReturnLineView(li.id, li.order_id, numbers.get(li.order_id, ""), li.order_line_id,
                        li.product_id, li.sku, li.name, li.quantity, li.reason, li.reason_note,
                        li.received_qty, li.inspection, li.disposition, li.refund,
                        li.restocking_fee, li.repair_status) for li in rma.lines],
        res.kind if res else "", res.credit_note_id if res else None,
        res.exchange_order_id if res else None, res.amount if res else ZERO,
        res.charge if res else ZERO, res.paid_out if res else ZERO,
        res.refund_reference if res else "")


# --------------------------------------------------------------------------- counting


def _shipped(s: Session, line_ids: list[int]) -> dict[int, int]:
    return {lid: int(q) for lid, q in s.execute(
        select(ParcelItem.order_line_id, func.sum(ParcelItem.quantity))
        .join(Parcel, Parcel.id == ParcelItem.parcel_id)
        .where(ParcelItem.order_line_id.in_(line_ids), Parcel.status == "shipped")
        .group_by(ParcelItem.order_line_id))}


def _returned(s: Session, line_ids: list[int], exclude_return: int | None = None
              ) -> dict[int, int]:
    q = (select(ReturnLine.order_line_id, func.sum(ReturnLine.quantity))
         .join(ReturnAuthorisation, ReturnAuthorisation.id == ReturnLine.return_id)
         .where(ReturnLine.order_line_id.in_(line_ids),
                ReturnAuthorisation.status.in_([x.value for x in COUNTING_STATUSES])))
    if exclude_return is not None:
        q = q.where(ReturnLine.return_id != exclude_return)
    return {lid: int(n) for lid, n in s.execute(q.group_by(ReturnLine.order_line_id))}


def _shipped_on(s: Session, order_ids: list[int]) -> dict[int, date]:
    return {oid: (at.date() if at else None) for oid, at in s.execute(  # type: ignore[misc]
        select(Shipment.order_id, func.max(Parcel.shipped_at))
        .join(Parcel, Parcel.shipment_id == Shipment.id)
        .where(Shipment.order_id.in_(order_ids), Parcel.status == "shipped")
        .group_by(Shipment.order_id)) if at is not None}


def _returnable_lines(s: Session, order_ids: list[int]) -> list[ReturnableLine]:
    if not order_ids:
        return []
    rows = s.execute(select(OrderLine, Order.number).join(Order, Order.id == OrderLine.order_id)
                     .where(OrderLine.order_id.in_(order_ids))
                     .order_by(OrderLine.order_id, OrderLine.line_no)).all()
    ids = [li.id for li, _ in rows]
    shipped, returned = _shipped(s, ids), _returned(s, ids)
    when = _shipped_on(s, order_ids)
    return [ReturnableLine(li.order_id, number, li.id, li.product_id, li.sku, li.name,
                           li.quantity, shipped.get(li.id, 0), returned.get(li.id, 0),
                           li.line_total, when.get(li.order_id))
            for li, number in rows if shipped.get(li.id, 0) > 0]


def find_returnable(db: Database, code: str) -> Returnable:
    """What can be returned, found by order number, parcel tracking number / label code,
    or customer code: the shipped lines with what is already returned."""
    text = code.strip()
    if not text:
        raise ValidationFailed("Scan or type an order number, a parcel label or a customer.")
    with db.reader() as s:
        up = text.upper()
        oid = s.scalar(select(Order.id).where(Order.number == up))
        if oid is None:
            found = fulfilment._parcel_ids_for_code(s, text)  # tracking number or label code
            oid = found[1] if found else None
        if oid is not None:
            order = s.get(Order, oid)
            assert order is not None
            return Returnable(order.customer_id, order.customer_name,
                              _returnable_lines(s, [oid]))
        cust = s.scalar(select(Customer).where(Customer.code == text))
        if cust is None:
            raise NotFound(f"No order, parcel or customer matches {text!r}.")
        order_ids = list(s.scalars(select(Order.id).where(Order.customer_id == cust.id)
                                   .order_by(Order.id)))
        return Returnable(cust.id, cust.name, _returnable_lines(s, order_ids))


# --------------------------------------------------------------------------- helpers


def _event(s: Session, actor: Actor, rma: ReturnAuthorisation, status: str, detail: str = ""
           ) -> None:
    for oid in sorted({li.order_id for li in rma.lines}):
        s.add(ReturnEvent(return_id=rma.id, order_id=oid, username=actor.username,
                          workstation=actor.workstation, status=status,
                          detail=f"{rma.number}: {detail}" if detail else rma.number))


def _move(s: Session, actor: Actor, rma: ReturnAuthorisation, target: RmaStatus,
          detail: str = "") -> None:
    try:
        check_move(rma.status, target)
    except ValueError as exc:
        raise ValidationFailed(f"{rma.number}: {exc}") from None
    rma.status = target.value
    _touch(rma, actor)
    _event(s, actor, rma, target.value, detail)


def _touch(rma: ReturnAuthorisation, actor: Actor) -> None:
    rma.version += 1
    rma.updated_at, rma.updated_by = utcnow(), actor.username


def _load(s: Session, return_id: int, expected_version: int | None = None
          ) -> ReturnAuthorisation:
    """The return, row-locked; refused if someone saved it after ``expected_version``
    (the version the user's screen shows), so no one's change is silently overwritten."""
    rma = s.get(ReturnAuthorisation, return_id, with_for_update=True)
    if rma is None:
        raise NotFound(f"Return {return_id} does not exist.")
    _check_version(rma, expected_version)
    return rma


def _check_version(rma: ReturnAuthorisation, expected_version: int | None) -> None:
    if expected_version is not None and rma.version != expected_version:
        when = f" at {rma.updated_at:%Y-%m-%d %H:%M:%S} UTC" if rma.updated_at else ""
        raise ConcurrentChange(
            f"Return {rma.number} was changed by {rma.updated_by or 'someone else'}{when} "
            f"(it is now {rma.status}) — reload it and try again.")


def _reason(text: str) -> ReturnReason:
    try:
        return ReturnReason(text)
    except ValueError:
        raise ValidationFailed(f"{text!r} is not a return reason: use one of "
                               f"{', '.join(r.value for r in ReturnReason)}.") from None


def _damage_case(s: Session, actor: Actor, order_id: int, note: str) -> int:
    """The open 'damaged' exception case of the order, or a new one."""
    case = s.scalar(select(ExceptionCase).where(ExceptionCase.order_id == order_id,
                                                ExceptionCase.kind == "damaged",
                                                ExceptionCase.open_flag.is_not(None)))
    if case is None:
        now = utcnow()
        case = ExceptionCase(number=next_number(s, "exception_case"), order_id=order_id,
                             kind="damaged", detail=note or "damaged in transit (return)",
                             problem_since=now, open_flag=1, opened_by=actor.username,
                             opened_at=now)
        s.add(case)
        s.flush()
        audit(s, actor, "open", "exception_case", case.id, number=case.number,
              order=order_id, kind="damaged", source="return")
    return case.id


# --------------------------------------------------------------------------- open


def open_return(db: Database, actor: Actor, lines: list[ReturnRequest], note: str = "",
                today: date | None = None) -> ReturnView:
    """A return request for shipped lines of one customer's orders (one or several)."""
    actor.require(Permission.RETURNS)
    if not lines:
        raise ValidationFailed("Choose at least one shipped line to return.")
    for r in lines:
        if r.quantity <= 0:
            raise ValidationFailed(f"Return quantities are whole numbers above 0, not "
                                   f"{r.quantity}.")
        reason = _reason(r.reason)
        if DEFAULT_POLICY[reason].needs_note and not r.note.strip():
            raise ValidationFailed(f"Reason '{reason.value}' needs a note saying what is wrong.")
    day = today or date.today()
    with db.writer() as s:
        line_ids = sorted({r.order_line_id for r in lines})
        found = {li.id: li for li in s.scalars(select(OrderLine)
                                               .where(OrderLine.id.in_(line_ids)))}
        missing = set(line_ids) - set(found)
        if missing:
            raise NotFound(f"Order line {min(missing)} does not exist.")
        order_ids = sorted({li.order_id for li in found.values()})
        locked = [orders._load(s, oid, None) for oid in order_ids]  # lock, in id order
        customers = {o.customer_id for o in locked}
        if len(customers) > 1 or (None in customers and len(locked) > 1):
            raise ValidationFailed("One return covers the orders of one customer only.")
        shipped = _shipped(s, line_ids)
        returned = _returned(s, line_ids)
        wanted: dict[int, int] = defaultdict(int)
        for r in lines:
            wanted[r.order_line_id] += r.quantity
        numbers = {o.id: o.number for o in locked}
        for lid, qty in wanted.items():
            li = found[lid]
            left = shipped.get(lid, 0) - returned.get(lid, 0)
            if qty > left:
                raise ValidationFailed(
                    f"{li.sku} on {numbers[li.order_id]}: {qty} asked, but only {max(left, 0)} "
                    f"can be returned ({shipped.get(lid, 0)} shipped, "
                    f"{returned.get(lid, 0)} already returned).")
        when = _shipped_on(s, order_ids)
        policy = _policy(s)
        problems: list[str] = []
        for r in lines:
            li = found[r.order_line_id]
            check = check_policy(_reason(r.reason), r.note, when.get(li.order_id), day, policy)
            problems += [f"{li.sku} on {numbers[li.order_id]}: {p}" for p in check.problems]
        first = locked[0]
        business = any(policy[_reason(r.reason)].return_shipping is Payer.BUSINESS
                       for r in lines)
        rma = ReturnAuthorisation(
            number=next_number(s, "rma"), customer_id=first.customer_id,
            customer_name=first.customer_name, status=RmaStatus.REQUESTED.value,
            return_shipping=(Payer.BUSINESS if business else Payer.CUSTOMER).value,
            outside_policy="; ".join(problems), note=note.strip(), opened_by=actor.username)
        for r in lines:
            li = found[r.order_line_id]
            rma.lines.append(ReturnLine(order_id=li.order_id, order_line_id=li.id,
                                        product_id=li.product_id, sku=li.sku, name=li.name,
                                        quantity=r.quantity, reason=r.reason,
                                        reason_note=r.note.strip()))
        s.add(rma)
        s.flush()
        damaged = sorted({found[r.order_line_id].order_id for r in lines
                          if r.reason == ReturnReason.DAMAGED_IN_TRANSIT.value})
        if damaged:
            rma.exception_case_id = _damage_case(s, actor, damaged[0], note)
        _event(s, actor, rma, RmaStatus.REQUESTED.value, ", ".join(
            f"{r.quantity} × {found[r.order_line_id].sku} ({r.reason})" for r in lines))
        audit(s, actor, "open", "return", rma.id, number=rma.number,
              lines=[(r.order_line_id, r.quantity, r.reason) for r in lines],
              outside_policy=rma.outside_policy)
        return _view(s, rma)


# --------------------------------------------------------------------------- approve


def approve(db: Database, actor: Actor, return_id: int, reason: str = "",
            approver: Actor | None = None, return_postage: Decimal | None = None,
            expected_version: int | None = None) -> ReturnView:
    """Approve a request. Outside the policy, a manager (``approver``, default the actor)
    must approve it with a reason, which is kept. The customer notice is queued."""
    actor.require(Permission.RETURNS)
    with db.writer() as s:
        rma = _load(s, return_id, expected_version)
        if rma.outside_policy:
            who = approver or actor
            if not reason.strip():
                raise ValidationFailed(f"{rma.number} is outside the return policy "
                                       f"({rma.outside_policy}); a manager must approve it "
                                       "with a reason.")
            try:
                who.require(Permission.APPROVE)
            except PermissionDenied:
                raise PermissionDenied(
                    f"{rma.number} is outside the return policy ({rma.outside_policy}): "
                    f"{who.username} ({who.role.value}) may not approve it; a manager must."
                ) from None
            s.add(ReturnApproval(return_id=rma.id, approved_by=who.username,
                                 problems=rma.outside_policy, reason=reason.strip()))
            audit(s, actor, "approve_outside_policy", "return", rma.id, number=rma.number,
                  approver=who.username, problems=rma.outside_policy, reason=reason.strip())
        if return_postage is not None:
            if return_postage < ZERO:
                raise ValidationFailed("Return postage cannot be negative.")
            rma.return_postage = return_postage
        _move(s, actor, rma, RmaStatus.APPROVED, reason.strip())
        rma.approved_at, rma.approved_by = utcnow(), (approver or actor).username
        audit(s, actor, "approve", "return", rma.id, number=rma.number)
        label = (" and stick the prepaid return label on it"
                 if rma.return_shipping == Payer.BUSINESS.value else "")
        for oid in sorted({li.order_id for li in rma.lines}):
            order = s.get(Order, oid)
            assert order is not None
            notices.queue_for_order(s, order, "return_approved", f"{rma.number}:{oid}",
                                    rma=rma.number, label=label)
        return _view(s, rma)


def reject(db: Database, actor: Actor, return_id: int, reason: str,
           expected_version: int | None = None) -> ReturnView:
    return _close(db, actor, return_id, reason, expected_version, RmaStatus.REJECTED, "reject")


def cancel_return(db: Database, actor: Actor, return_id: int, reason: str,
                  expected_version: int | None = None) -> ReturnView:
    return _close(db, actor, return_id, reason, expected_version, RmaStatus.CANCELLED,
                  "cancel")


def _close(db: Database, actor: Actor, return_id: int, reason: str,
           expected_version: int | None, status: RmaStatus, verb: str) -> ReturnView:
    """Reject or cancel: a reason is required, and it is kept in the history and audit."""
    actor.require(Permission.RETURNS)
    if not reason.strip():
        raise ValidationFailed(f"Say why the return is {status.value}.")
    with db.writer() as s:
        rma = _load(s, return_id, expected_version)
        _move(s, actor, rma, status, reason.strip())
        audit(s, actor, verb, "return", rma.id, reason=reason.strip())
        return _view(s, rma)


# --------------------------------------------------------------------------- document


@dataclass(frozen=True)
class ReturnDocument:
    number: str
    customer_name: str
    phone: str
    address_lines: list[str]
    order_numbers: list[str]
    lines: list[tuple[str, str, int, str]]  # sku, name, quantity, reason
    return_shipping: str
    warehouse_name: str
    issued_on: str
    return_label: bool  # the business pays: print a return label too


def issue_document(db: Database, actor: Actor, return_id: int) -> ReturnDocument:
    """What the RMA document shows; the return now waits for the goods."""
    actor.require(Permission.RETURNS)
    with db.writer() as s:
        rma = _load(s, return_id)
        if rma.status == RmaStatus.APPROVED.value:
            _move(s, actor, rma, RmaStatus.AWAITING_GOODS, "return authorisation printed")
        elif rma.status != RmaStatus.AWAITING_GOODS.value:
            raise ValidationFailed(f"{rma.number} is {rma.status}; only an approved return "
                                   "gets its document.")
        rma.document_printed_at = utcnow()
        orders_ = {o.id: o for o in s.scalars(select(Order).where(
            Order.id.in_({li.order_id for li in rma.lines})).order_by(Order.id))}
        first = next(iter(orders_.values()))
        wh = s.get(Warehouse, first.warehouse_id or default_warehouse_id(s))
        address = [x for x in (first.ship_street, " ".join(
            x for x in (first.ship_district, first.ship_city, first.ship_province,
                        first.ship_postcode) if x), first.ship_country) if x]
        audit(s, actor, "document", "return", rma.id, number=rma.number)
        return ReturnDocument(
            rma.number, first.ship_recipient or rma.customer_name, first.phone, address,
            [o.number for o in orders_.values()],
            [(li.sku, li.name, li.quantity, li.reason) for li in rma.lines],
            rma.return_shipping, wh.name if wh else "", f"{date.today():%Y-%m-%d}",
            rma.return_shipping == Payer.BUSINESS.value)


# --------------------------------------------------------------------------- receive


def find_return_id(db: Database, number: str) -> int | None:
    with db.reader() as s:
        return s.scalar(select(ReturnAuthorisation.id)
                        .where(ReturnAuthorisation.number == number.strip().upper()))


def get_return(db: Database, return_id: int) -> ReturnView:
    with db.reader() as s:
        rma = s.get(ReturnAuthorisation, return_id)
        if rma is None:
            raise NotFound(f"Return {return_id} does not exist.")
        return _view(s, rma)


@dataclass(frozen=True)
class ReceiveResult:
    accepted: bool
    message: str
    view: ReturnView


def receive_scan(db: Database, actor: Actor, return_id: int, code: str) -> ReceiveResult:
    """One item scanned at the returns bench. An item that is not on the return (or more
    than expected) is recorded, flagged and not accepted."""
    actor.require(Permission.RETURNS)
    with db.writer() as s:
        rma = _load(s, return_id)
        if rma.status not in (RmaStatus.APPROVED.value, RmaStatus.AWAITING_GOODS.value):
            raise ValidationFailed(f"{rma.number} is {rma.status}; it is not waiting for goods.")
        match = find_product(s, code)
        line = None
        if match is not None:
            line = next((li for li in rma.lines if li.product_id == match.product_id
                         and li.received_qty < li.quantity), None)
        if line is None:
            if match is None:
                why = f"{code.strip()} is not a product we know"
            elif any(li.product_id == match.product_id for li in rma.lines):
                why = f"{code.strip()}: all expected units are already received"
            else:
                why = f"{code.strip()} is not on {rma.number}"
            s.add(ReturnScan(return_id=rma.id, username=actor.username, code=code.strip()[:64],
                             accepted=False, note=why))
            audit(s, actor, "unexpected_item", "return", rma.id, code=code.strip()[:64])
            return ReceiveResult(False, f"Unexpected item — {why}. Put it aside.", _view(s, rma))
        line.received_qty += 1
        s.add(ReturnScan(return_id=rma.id, username=actor.username, code=code.strip()[:64],
                         return_line_id=line.id, accepted=True))
        done = all(li.received_qty >= li.quantity for li in rma.lines)
        if done:
            rma.received_at, rma.received_by = utcnow(), actor.username
            _move(s, actor, rma, RmaStatus.RECEIVED, "all items received")
        s.flush()
        got = sum(li.received_qty for li in rma.lines)
        want = sum(li.quantity for li in rma.lines)
        return ReceiveResult(True, f"{line.sku} received ({got} of {want})"
                             + (" — complete." if done else "."), _view(s, rma))


def finish_receiving(db: Database, actor: Actor, return_id: int) -> ReturnView:
    """Close receiving with what has arrived: lines not (fully) received are cut to what came."""
    actor.require(Permission.RETURNS)
    with db.writer() as s:
        rma = _load(s, return_id)
        if not any(li.received_qty for li in rma.lines):
            raise ValidationFailed(f"Nothing of {rma.number} has been received yet.")
        for li in list(rma.lines):
            if li.received_qty == 0:
                rma.lines.remove(li)
            else:
                li.quantity = li.received_qty
        rma.received_at, rma.received_by = utcnow(), actor.username
        _move(s, actor, rma, RmaStatus.RECEIVED, "received in part")
        audit(s, actor, "receive", "return", rma.id, partial=True)
        return _view(s, rma)


# --------------------------------------------------------------------------- inspect


def _unit_cost(s: Session, line: ReturnLine) -> Decimal:
    """Its cost: what the invoice carried at the sale, else the product's current cost."""
    cost = s.scalar(select(InvoiceLine.unit_cost).where(
        InvoiceLine.order_line_id == line.order_line_id))
    if cost is None:
        product = s.get(Product, line.product_id)
        cost = product.cost if product is not None else ZERO
    return Decimal(cost)


def _ledger(s: Session, actor: Actor, product_id: int, warehouse_id: int, quantity: int,
            kind: str, reason: str, order_id: int, unit_cost: Decimal) -> None:
    s.add(StockMove(product_id=product_id, warehouse_id=warehouse_id, quantity=quantity,
                    kind=kind, reason=reason, order_id=order_id, unit_cost=unit_cost,
                    username=actor.username))


def inspect_line(db: Database, actor: Actor, return_line_id: int, inspection: str,
                 disposition: str, note: str = "") -> ReturnView:
    """Inspection result and disposition of one received line, with its stock moves:
    restock → back to available at its cost (kind 'return'); scrap → in and written off
    (kinds 'return' and 'scrap', cost recorded); repair → in and out to the repair bench
    ('return', 'repair'; ``finish_repair`` restocks it); return to vendor → in and out
    ('return', 'rtv')."""
    actor.require(Permission.RETURNS)
    try:
        result, disp = InspectionResult(inspection), Disposition(disposition)
    except ValueError:
        raise ValidationFailed(
            f"Inspection: {', '.join(x.value for x in InspectionResult)}; disposition: "
            f"{', '.join(x.value for x in Disposition)}.") from None
    with db.writer() as s:
        line = s.get(ReturnLine, return_line_id)
        if line is None:
            raise NotFound(f"Return line {return_line_id} does not exist.")
        rma = _load(s, line.return_id)
        if rma.status != RmaStatus.RECEIVED.value:
            raise ValidationFailed(f"{rma.number} is {rma.status}; lines are inspected once "
                                   "the goods are received.")
        if line.disposition:
            raise ValidationFailed(f"{line.sku} on {rma.number} is already inspected "
                                   f"({line.disposition}).")
        order = s.get(Order, line.order_id)
        assert order is not None
        wid = order.warehouse_id or default_warehouse_id(s)
        qty, cost = line.received_qty, _unit_cost(s, line)
        why = f"{rma.number} {line.sku}"
        if disp is Disposition.RESTOCK:
            stock.receive_in(s, actor, line.product_id, wid, qty, why, unit_cost=cost,
                             kind="return")
            record_cost(s, actor, order.id, "other", -cost * qty,
                        note=f"{rma.number}: {qty} × {line.sku} back in stock at cost")
        else:
            stock.ensure_level(s, line.product_id, wid)
            _ledger(s, actor, line.product_id, wid, qty, "return", why, order.id, cost)
            _ledger(s, actor, line.product_id, wid, -qty, disp.value, why, order.id, cost)
            if disp is Disposition.REPAIR:
                line.repair_status = "open"
        line.inspection, line.inspection_note = result.value, note.strip()
        line.disposition, line.unit_cost = disp.value, cost
        audit(s, actor, "inspect", "return_line", line.id, number=rma.number, sku=line.sku,
              inspection=result.value, disposition=disp.value, quantity=qty, unit_cost=cost)
        s.flush()
        if all(li.disposition for li in rma.lines):
            _move(s, actor, rma, RmaStatus.INSPECTED, ", ".join(
                f"{li.received_qty} × {li.sku} → {li.disposition}" for li in rma.lines))
        return _view(s, rma)


def finish_repair(db: Database, actor: Actor, return_line_id: int) -> ReturnView:
    """A repaired line comes back from the repair bench into available stock."""
    actor.require(Permission.RETURNS)
    with db.writer() as s:
        line = s.get(ReturnLine, return_line_id)
        if line is None or line.repair_status != "open":
            raise ValidationFailed(f"Return line {return_line_id} has no open repair.")
        rma = _load(s, line.return_id)
        order = s.get(Order, line.order_id)
        assert order is not None and line.unit_cost is not None
        wid = order.warehouse_id or default_warehouse_id(s)
        stock.receive_in(s, actor, line.product_id, wid, line.received_qty,
                         f"{rma.number} {line.sku} repaired", unit_cost=line.unit_cost,
                         kind="repair")
        record_cost(s, actor, order.id, "other", -line.unit_cost * line.received_qty,
                    note=f"{rma.number}: {line.received_qty} × {line.sku} repaired, in stock")
        line.repair_status = "done"
        _event(s, actor, rma, rma.status, f"{line.sku} repaired and back in stock")
        audit(s, actor, "repair_done", "return_line", line.id)
        return _view(s, rma)


# --------------------------------------------------------------------------- resolve


@dataclass(frozen=True)
class Quote:
    """What resolving the return would credit, computed from what was paid."""

    goods_value: Decimal
    restocking_fee: Decimal
    shipping_refund: Decimal
    per_line: dict[int, tuple[Decimal, Decimal]]  # return line id → (refund, fee)
    per_order: dict[int, Decimal]  # order id → amount credited for it
    fully_returned: list[int]  # orders every unit of which is now back

    @property
    def amount(self) -> Decimal:
        return self.goods_value - self.restocking_fee + self.shipping_refund


def _quote(s: Session, rma: ReturnAuthorisation) -> Quote:
    line_ids = sorted({li.order_line_id for li in rma.lines})
    order_lines = {li.id: li for li in s.scalars(select(OrderLine)
                                                 .where(OrderLine.id.in_(line_ids)))}
    # Units of each order line already refunded by earlier resolved returns.
    before = {lid: int(n) for lid, n in s.execute(
        select(ReturnLine.order_line_id, func.sum(ReturnLine.quantity))
        .join(ReturnAuthorisation, ReturnAuthorisation.id == ReturnLine.return_id)
        .where(ReturnLine.order_line_id.in_(line_ids), ReturnLine.return_id != rma.id,
               ReturnAuthorisation.status == RmaStatus.RESOLVED.value)
        .group_by(ReturnLine.order_line_id))}
    per_line: dict[int, tuple[Decimal, Decimal]] = {}
    per_order: dict[int, Decimal] = defaultdict(lambda: ZERO)
    done = dict(before)
    goods = fees = ZERO
    policy = _policy(s)
    for li in rma.lines:
        ol = order_lines[li.order_line_id]
        refund = line_refund(ol.line_total, ol.quantity, done.get(ol.id, 0), li.quantity)
        done[ol.id] = done.get(ol.id, 0) + li.quantity
        fee = restocking_fee(refund, policy[ReturnReason(li.reason)])
        per_line[li.id] = (refund, fee)
        per_order[li.order_id] += refund - fee
        goods, fees = goods + refund, fees + fee
    ship = ZERO
    full: list[int] = []
    for oid in sorted({li.order_id for li in rma.lines}):
        order = s.get(Order, oid)
        assert order is not None
        others = {lid: int(n) for lid, n in s.execute(
            select(ReturnLine.order_line_id, func.sum(ReturnLine.quantity))
            .join(ReturnAuthorisation, ReturnAuthorisation.id == ReturnLine.return_id)
            .where(ReturnLine.order_id == oid, ReturnLine.return_id != rma.id,
                   ReturnAuthorisation.status == RmaStatus.RESOLVED.value)
            .group_by(ReturnLine.order_line_id))}
        mine = {lid: n - before.get(lid, 0) for lid, n in done.items()}
        if all(others.get(ol.id, 0) + mine.get(ol.id, 0) >= ol.quantity for ol in order.lines):
            full.append(oid)
            reasons = [ReturnReason(li.reason) for li in rma.lines if li.order_id == oid]
            best = max((shipping_refund(policy[r], order.shipping, ZERO, True) for r in reasons),
                       default=ZERO)
            ship += best
            per_order[oid] += best
    return Quote(goods, fees, ship, per_line, dict(per_order), full)


def _paid_out(s: Session, q: Quote, customer_id: int | None) -> Decimal:
    """What of a card/marketplace refund went back as money: per order, the part beyond
    what its invoices (one per shipment when it shipped in parts) still have open (that
    part only lowers the balance)."""
    if customer_id is None:
        return q.amount
    out = ZERO
    for oid, part in q.per_order.items():
        still_open = sum((max(inv.total - inv.paid, ZERO)
                          for inv in receivables.invoices_of_order(s, oid)), ZERO)
        out += max(part - still_open, ZERO)
    return out


def quote(db: Database, return_id: int) -> Quote:
    with db.reader() as s:
        rma = s.get(ReturnAuthorisation, return_id)
        if rma is None:
            raise NotFound(f"Return {return_id} does not exist.")
        return _quote(s, rma)


@dataclass(frozen=True)
class ExchangeItem:
    code: str
    quantity: int = 1


def resolve(db: Database, actor: Actor, return_id: int, kind: str,
            refund_reference: str = "", exchange: list[ExchangeItem] | None = None,
            expected_version: int | None = None) -> ReturnView:
    """Put the return right: ``refund`` (a credit note against the returned orders'
    invoices), ``store_credit`` (a credit note kept as the customer's credit) or
    ``exchange`` (a replacement order, confirmed and reserved at once, linked; the returned
    value is credited so an even exchange costs nothing and a difference is charged on the
    replacement's invoice or left as credit).

    A refund on an invoice that is already paid must put the money somewhere: with a
    card/marketplace ``refund_reference`` the part beyond what is still open is recorded
    as paid out (no customer credit, so it is not given twice); without one it stays as
    customer credit, set against later invoices."""
    actor.require(Permission.RETURNS)
    try:
        how = ResolutionKind(kind)
    except ValueError:
        raise ValidationFailed("Resolve by refund, store_credit or exchange.") from None
    replacement: orders.OrderView | None = None
    if how is ResolutionKind.EXCHANGE:
        if not exchange:
            raise ValidationFailed("Name the replacement items of the exchange.")
        with db.reader() as s:
            rma0 = s.get(ReturnAuthorisation, return_id)
            if rma0 is None:
                raise NotFound(f"Return {return_id} does not exist.")
            _check_version(rma0, expected_version)
            if rma0.status != RmaStatus.INSPECTED.value:
                raise ValidationFailed(f"{rma0.number} is {rma0.status}; a return is resolved "
                                       "once every line is inspected.")
            customer_id, number = rma0.customer_id, rma0.number
        replacement = orders.create_draft(db, actor, customer_id=customer_id, channel="counter",
                                          notes=f"Exchange for {number}")
        for item in exchange:
            replacement = orders.add_line(db, actor, replacement.id, replacement.version,
                                          item.code, item.quantity)
        replacement = orders.confirm(db, actor, replacement.id, replacement.version)
    try:
        return _resolve(db, actor, return_id, how, refund_reference, replacement,
                        expected_version)
    except Exception:
        if replacement is not None:
            orders.cancel(db, actor, replacement.id, replacement.version,
                          "exchange for a return that could not be resolved")
        raise


def _resolve(db: Database, actor: Actor, return_id: int, how: ResolutionKind,
             refund_reference: str, replacement: orders.OrderView | None,
             expected_version: int | None) -> ReturnView:
    with db.writer() as s:
        rma = _load(s, return_id, expected_version)
        if rma.status != RmaStatus.INSPECTED.value:
            raise ValidationFailed(f"{rma.number} is {rma.status}; a return is resolved once "
                                   "every line is inspected.")
        order_ids = sorted({li.order_id for li in rma.lines})
        locked = {oid: orders._load(s, oid, None) for oid in order_ids}
        q = _quote(s, rma)
        for li in rma.lines:
            li.refund, li.restocking_fee = q.per_line[li.id]
        amount = q.amount
        res = ReturnResolution(return_id=rma.id, kind=how.value, goods_value=q.goods_value,
                               restocking_fee=q.restocking_fee,
                               shipping_refund=q.shipping_refund, amount=amount,
                               refund_reference=refund_reference.strip()[:128],
                               created_by=actor.username)
        if replacement is not None:
            price = exchange_price(amount, replacement.total)
            res.exchange_order_id, res.charge = replacement.id, price.charge
        ref = refund_reference.strip()
        credit = amount
        if how is ResolutionKind.REFUND and ref:
            res.paid_out = _paid_out(s, q, rma.customer_id)
            credit = amount - res.paid_out
        if credit > ZERO and rma.customer_id is not None:
            invoice_id = None
            if how is ResolutionKind.REFUND:  # against the invoice that billed the goods
                invoice_id = receivables.invoice_for_refund(
                    s, order_ids[0],
                    [li.order_line_id for li in rma.lines if li.order_id == order_ids[0]])
            label = {ResolutionKind.REFUND: "refund", ResolutionKind.STORE_CREDIT:
                     "store credit", ResolutionKind.EXCHANGE: "exchange"}[how]
            res.credit_note_id = receivables.credit_note_in(
                s, actor, rma.customer_id, credit, f"Return {rma.number} ({label})"
                + (f", refund ref {ref}" if ref else ""), invoice_id).id
        elif credit > ZERO:
            raise ValidationFailed(f"{rma.number} has no customer account to credit: record "
                                   "the card/marketplace refund reference, or refund at the "
                                   "till.")
        s.add(res)
        # Profit: the money given back, our return postage; restocked goods were recorded
        # as recovered at inspection, scrapped goods stay as cost of goods.
        for oid, part in q.per_order.items():
            if part:
                record_cost(s, actor, oid, "refund", part, note=f"{rma.number} ({how.value})")
        if rma.return_postage and rma.return_shipping == Payer.BUSINESS.value:
            record_cost(s, actor, order_ids[0], "postage", rma.return_postage,
                        note=f"{rma.number} return postage")
        rma.resolved_at = utcnow()
        outcome = {ResolutionKind.REFUND: f"We are refunding {amount}.",
                   ResolutionKind.STORE_CREDIT: f"{amount} is now credit on your account.",
                   ResolutionKind.EXCHANGE: "Your replacement is on its way."}[how]
        detail = (f"{how.value} {amount} (goods {q.goods_value}, fee {q.restocking_fee}, "
                  f"shipping {q.shipping_refund})")
        if res.paid_out:
            detail += f", {res.paid_out} paid out (ref {ref})"
        if replacement is not None:
            detail += f", replacement {replacement.number}"
        _move(s, actor, rma, RmaStatus.RESOLVED, detail)
        for oid in q.fully_returned:
            order = locked[oid]
            if order.status != OrderStatus.RETURNED.value and can_move(order.status,
                                                                      OrderStatus.RETURNED):
                orders.set_status(s, actor, order, OrderStatus.RETURNED, f"{rma.number}")
                orders._touch(order, actor)
        for oid in order_ids:
            notices.queue_for_order(s, locked[oid], "return_resolved", f"{rma.number}:{oid}",
                                    rma=rma.number, outcome=outcome)
        audit(s, actor, "resolve", "return", rma.id, number=rma.number, kind=how.value,
              amount=amount, credit_note=res.credit_note_id, exchange=res.exchange_order_id,
              paid_out=res.paid_out, refund_reference=ref)
        s.flush()
        return _view(s, rma)


# --------------------------------------------------------------------------- lists


@dataclass(frozen=True)
class ReturnRow:
    id: int
    number: str
    status: str
    customer_name: str
    opened_at: datetime
    age_days: int
    units: int
    orders: str


def open_returns(db: Database, now: datetime | None = None) -> list[ReturnRow]:
    """Open returns, oldest first, with their age in days."""
    at = now or utcnow()
    with db.reader() as s:
        rmas = list(s.scalars(select(ReturnAuthorisation)
                              .options(selectinload(ReturnAuthorisation.lines))
                              .where(ReturnAuthorisation.status.in_(
                                  [x.value for x in OPEN_STATUSES]))
                              .order_by(ReturnAuthorisation.opened_at, ReturnAuthorisation.id)))
        ids = {li.order_id for r in rmas for li in r.lines}
        numbers = dict(s.execute(select(Order.id, Order.number)
                                 .where(Order.id.in_(ids))).all()) if ids else {}
        return [ReturnRow(r.id, r.number, r.status, r.customer_name, r.opened_at,
                          (at - r.opened_at).days, sum(li.quantity for li in r.lines),
                          ", ".join(sorted({numbers[li.order_id] for li in r.lines})))
                for r in rmas]


@dataclass(frozen=True)
class OrderReturns:
    """What came back of an order and what was given back for it."""

    returned_units: dict[int, int]  # order line id → units on returns (not cancelled)
    refunded_goods: Decimal  # credited for goods (after fees), shipping refunds not included


def returns_of_order(db: Database, order_id: int) -> OrderReturns:
    with db.reader() as s:
        units = {lid: int(n) for lid, n in s.execute(
            select(ReturnLine.order_line_id, func.sum(ReturnLine.quantity))
            .join(ReturnAuthorisation, ReturnAuthorisation.id == ReturnLine.return_id)
            .where(ReturnLine.order_id == order_id,
                   ReturnAuthorisation.status.in_([x.value for x in COUNTING_STATUSES]))
            .group_by(ReturnLine.order_line_id))}
        refunded = s.scalar(select(func.coalesce(func.sum(ReturnLine.refund
                                                          - ReturnLine.restocking_fee), 0))
                            .join(ReturnAuthorisation,
                                  ReturnAuthorisation.id == ReturnLine.return_id)
                            .where(ReturnLine.order_id == order_id,
                                   ReturnAuthorisation.status == RmaStatus.RESOLVED.value))
        return OrderReturns(units, Decimal(refunded or 0))
