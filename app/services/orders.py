"""Orders: draft, lines, confirm (reserve, with the clerk's choice for short lines),
cancel (release, give coupons back).

Prices are recomputed (``services.pricing.reprice``) on every change of a draft and
frozen at confirmation: after that the stored line prices and explanations stand.

Each function is one transaction. Edits carry the version the clerk loaded; if someone
saved the order since, the edit is refused with who changed it and when.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session, joinedload, selectinload

from app.db.engine import Database
from app.db.models import Customer, Order, OrderLine, OrderStatusChange, Product
from app.db.types import utcnow
from app.domain.allocation import Choice, LineChoice, LineState, status_after
from app.domain.order_status import EDITABLE_STATUSES, OrderStatus, check_move
from app.domain.roles import Permission
from app.services import allocation, pricing, receivables, stock
from app.services.catalog import AddressData, default_warehouse_id, find_product
from app.services.context import Actor, audit, audit_now
from app.services.errors import (
    ConcurrentChange,
    InsufficientStock,
    NotFound,
    ValidationFailed,
)
from app.services.numbering import next_number

MAX_LINE_QUANTITY = 100_000


@dataclass(frozen=True)
class LineView:
    id: int
    line_no: int
    product_id: int
    sku: str
    name: str
    quantity: int
    unit_price: Decimal
    discount: Decimal
    line_total: Decimal
    price_explanation: str = ""  # JSON steps; app.domain.pricing.explanation_from_json


@dataclass(frozen=True)
class OrderView:
    """A plain, detached picture of an order for views and documents."""

    id: int
    number: str
    status: str
    version: int
    channel: str
    customer_id: int | None
    customer_name: str
    phone: str
    email: str
    address: AddressData
    currency: str
    subtotal: Decimal
    discount: Decimal
    shipping: Decimal
    total: Decimal
    promised_date: date | None
    notes: str
    created_at: datetime
    updated_by: str
    lines: list[LineView] = field(default_factory=list)


def _view(order: Order) -> OrderView:
    address = AddressData(order.ship_recipient, order.phone, order.ship_country,
                          order.ship_province, order.ship_city, order.ship_district,
                          order.ship_street, order.ship_postcode)
    lines = [LineView(li.id, li.line_no, li.product_id, li.sku, li.name, li.quantity,
                      li.unit_price, li.discount, li.line_total, li.price_explanation)
             for li in order.lines]
    return OrderView(order.id, order.number, order.status, order.version, order.channel,
                     order.customer_id, order.customer_name, order.phone, order.email, address,
                     order.currency, order.subtotal, order.discount, order.shipping, order.total,
                     order.promised_date, order.notes, order.created_at, order.updated_by, lines)


def get_order(db: Database, order_id: int) -> OrderView:
    with db.reader() as s:
        order = s.scalar(select(Order).options(selectinload(Order.lines))
                         .where(Order.id == order_id))
        if order is None:
            raise NotFound(f"Order {order_id} does not exist.")
        return _view(order)


def find_order_id(db: Database, number: str) -> int | None:
    with db.reader() as s:
        return s.scalar(select(Order.id).where(Order.number == number.strip().upper()))


def _load(s: Session, order_id: int, expected_version: int | None) -> Order:
    """The order, row-locked; refused if someone saved it after ``expected_version``."""
    order = s.get(Order, order_id, with_for_update=True)
    if order is None:
        raise NotFound(f"Order {order_id} does not exist.")
    if expected_version is not None and order.version != expected_version:
        raise ConcurrentChange(
            f"Order {order.number} was changed by {order.updated_by or 'someone'} at "
            f"{order.updated_at:%Y-%m-%d %H:%M:%S} UTC — reload it and try again."
        )
    return order


def _touch(order: Order, actor: Actor) -> None:
    order.version += 1
    order.updated_at, order.updated_by = utcnow(), actor.username


def set_status(s: Session, actor: Actor, order: Order, target: OrderStatus, reason: str) -> None:
    """Move the order along its state machine and write the history entry."""
    check_move(order.status, target)
    _status_change(s, actor, order.id, order.status, target, reason)
    order.status = target.value


def _status_change(s: Session, actor: Actor, order_id: int, from_status: str,
                   target: OrderStatus, reason: str) -> None:
    # A Core INSERT (the history is append-only): nothing for the ORM flush to sort out.
    s.connection().execute(_I_STATUS_CHANGE, {
        "order_id": order_id, "at": utcnow(), "username": actor.username,
        "workstation": actor.workstation, "from_status": from_status,
        "to_status": target.value, "reason": reason})


_I_STATUS_CHANGE = insert(cast(Table, OrderStatusChange.__table__))


def _recompute(s: Session, order: Order) -> None:
    """Reprice the draft: every line and the totals, with explanations."""
    pricing.reprice(s, order)


def _apply_customer(s: Session, order: Order, customer_id: int | None) -> None:
    order.customer_id = customer_id
    if customer_id is None:
        return
    customer = s.execute(select(Customer).options(joinedload(Customer.addresses))
                         .where(Customer.id == customer_id)).unique().scalar_one_or_none()
    if customer is None:
        raise NotFound(f"Customer {customer_id} does not exist.")
    order.customer_name, order.phone, order.email = customer.name, customer.phone, customer.email
    default = next((a for a in customer.addresses if a.is_default), None)
    if default is None and customer.addresses:
        default = customer.addresses[0]
    if default is not None:
        _apply_address(order, AddressData(default.recipient or customer.name,
                                          default.phone or customer.phone, default.country,
                                          default.province, default.city, default.district,
                                          default.street, default.postcode))


def _apply_address(order: Order, a: AddressData) -> None:
    order.ship_recipient, order.ship_country = a.recipient, a.country
    order.ship_province, order.ship_city, order.ship_district = a.province, a.city, a.district
    order.ship_street, order.ship_postcode = a.street, a.postcode
    if a.phone:
        order.phone = a.phone


def create_draft(
    db: Database, actor: Actor, customer_id: int | None = None, channel: str = "counter",
    notes: str = "",
) -> OrderView:
    actor.require(Permission.ENTER_ORDERS)
    with db.writer() as s:
        order = Order(number=next_number(s, "order"), channel=channel, status="draft",
                      notes=notes, warehouse_id=default_warehouse_id(s),
                      created_by=actor.username, updated_by=actor.username,
                      lines=[])  # known empty: the view does not load them
        _apply_customer(s, order, customer_id)
        s.add(order)
        s.flush()
        # history and audit by Core INSERTs (append-only rows): nothing left for the flush
        s.connection().execute(_I_STATUS_CHANGE, {
            "order_id": order.id, "at": utcnow(), "username": actor.username,
            "workstation": actor.workstation, "from_status": "", "to_status": "draft",
            "reason": "created"})
        audit_now(s, actor, "create", "order", order.id, number=order.number)
        return _view(order)


def _editable(order: Order) -> None:
    if order.status not in EDITABLE_STATUSES:
        raise ValidationFailed(
            f"Order {order.number} is {order.status}; only draft orders can be edited."
        )


def update_header(
    db: Database, actor: Actor, order_id: int, expected_version: int, *,
    customer_id: int | None = None, address: AddressData | None = None,
    notes: str | None = None, promised_date: date | None = None,
    customer_name: str | None = None, phone: str | None = None,
) -> OrderView:
    actor.require(Permission.ENTER_ORDERS)
    with db.writer() as s:
        order = _load(s, order_id, expected_version)
        _editable(order)
        if customer_id is not None:
            _apply_customer(s, order, customer_id)
        if customer_name is not None:
            order.customer_name = customer_name
        if phone is not None:
            order.phone = phone
        if address is not None:
            _apply_address(order, address)
        if notes is not None:
            order.notes = notes
        if promised_date is not None:
            order.promised_date = promised_date
        _touch(order, actor)
        audit(s, actor, "update", "order", order.id)
        return _view(order)


def _check_quantity(quantity: int) -> None:
    if quantity <= 0 or quantity > MAX_LINE_QUANTITY:
        raise ValidationFailed(
            f"Quantity must be a whole number from 1 to {MAX_LINE_QUANTITY:,}, not {quantity}."
        )


def add_line(
    db: Database, actor: Actor, order_id: int, expected_version: int, code: str,
    quantity: int = 1,
) -> OrderView:
    """Add by SKU or barcode; a case barcode adds its pack quantity. Scanning the same
    product again adds to its line instead of making a new one."""
    actor.require(Permission.ENTER_ORDERS)
    with db.writer() as s:
        order = _load(s, order_id, expected_version)
        _editable(order)
        match = find_product(s, code)
        if match is None:
            raise NotFound(f"No product has the SKU or barcode {code!r}.")
        units = quantity * match.pack_qty
        existing = next((li for li in order.lines if li.product_id == match.product_id), None)
        if existing is not None:
            _check_quantity(existing.quantity + units)
            existing.quantity += units
        else:
            _check_quantity(units)
            if not match.active:
                raise ValidationFailed(f"{match.sku} is no longer sold (inactive).")
            order.lines.append(OrderLine(
                line_no=max((li.line_no for li in order.lines), default=0) + 1,
                product_id=match.product_id, sku=match.sku, name=match.name, quantity=units,
                unit_price=match.list_price, discount=Decimal(0),
            ))
        # priced before the flush: the new line is inserted once, with its price
        pricing.reprice(s, order, flush_first=False)
        _touch(order, actor)
        s.flush()  # the new line's id is part of the view
        return _view(order)


def change_line(
    db: Database, actor: Actor, order_id: int, expected_version: int, line_id: int,
    quantity: int,
) -> OrderView:
    actor.require(Permission.ENTER_ORDERS)
    _check_quantity(quantity)
    with db.writer() as s:
        order = _load(s, order_id, expected_version)
        _editable(order)
        line = next((li for li in order.lines if li.id == line_id), None)
        if line is None:
            raise NotFound(f"Line {line_id} is not on order {order.number}.")
        line.quantity = quantity
        _recompute(s, order)
        _touch(order, actor)
        return _view(order)


def remove_line(
    db: Database, actor: Actor, order_id: int, expected_version: int, line_id: int
) -> OrderView:
    actor.require(Permission.ENTER_ORDERS)
    with db.writer() as s:
        order = _load(s, order_id, expected_version)
        _editable(order)
        line = next((li for li in order.lines if li.id == line_id), None)
        if line is None:
            raise NotFound(f"Line {line_id} is not on order {order.number}.")
        order.lines.remove(line)
        _recompute(s, order)
        _touch(order, actor)
        return _view(order)


def confirm(
    db: Database, actor: Actor, order_id: int, expected_version: int, *,
    choices: Mapping[int, LineChoice] | None = None, default_choice: Choice | None = None,
    credit_override: str | None = None, approver: Actor | None = None,
) -> OrderView:
    """Reprice and freeze the prices, use the coupons, and reserve line by line.

    A line that cannot be fully reserved follows ``choices[line_id]``, else
    ``default_choice``, else the channel's default, else all-or-nothing: the whole
    confirmation is refused with the shortages (``InsufficientStock``) and nothing is kept.
    Lines are reserved in product order, so two confirmations never deadlock.
    Credit control refuses an order over the customer's limit or on hold unless
    ``approver`` (a manager; default the actor) gives ``credit_override`` as the reason.
    """
    actor.require(Permission.CONFIRM_ORDERS)
    choices = choices or {}
    with db.writer() as s:
        order = _load(s, order_id, expected_version)
        if not order.lines:
            raise ValidationFailed(f"Order {order.number} has no lines to confirm.")
        if not order.customer_name.strip():
            raise ValidationFailed(f"Order {order.number} needs a customer before confirming.")
        check_move(order.status, OrderStatus.CONFIRMED)
        warehouse_id = order.warehouse_id or default_warehouse_id(s)
        if default_choice is None:
            settings = allocation.channel_settings(s, order.channel)
            default_choice = Choice(settings.default_allocation) if settings else None
        fallback = default_choice or Choice.ALL_OR_NOTHING
        changes = _apply_line_choices(s, actor, order, choices)
        if not order.lines:
            raise ValidationFailed(f"Every line of order {order.number} was cancelled; "
                                   "cancel the order instead.")
        result = pricing.reprice(s, order)  # frozen from here on
        now = utcnow()
        made_to_order = _production_hook(s, actor, order)  # work orders, not stock
        # Everything that only reads is read now, and every change so far written, before
        # the first stock row is locked: concurrent confirmations of the same hot products
        # queue on those rows, so the locked part of the transaction is kept short.
        codes = pricing.priced_coupon_codes(s, order.id)  # as the reprice above read them
        allocation.channel_settings(s, order.channel)  # for start_hold
        receivables.channel_finance(s, order.channel)  # for on_order_confirmed
        unlimited = receivables.credit_unlimited(s, order)  # most customers: no check after
        # The order row (locked since _load) is written now as confirmed, the usual outcome;
        # a backordered line changes its status below, and a shortage rolls it all back.
        before = order.status
        order.status = OrderStatus.CONFIRMED.value
        order.confirmed_at = now
        _touch(order, actor)
        s.flush()
        with s.no_autoflush:  # the reservation rows are inserted together, at the end
            states, shortages, backordered = _reserve_lines(
                s, order, choices, fallback, warehouse_id, made_to_order, now)
        if shortages:
            # Raising rolls the whole transaction back: no line stays half reserved.
            detail = "; ".join(f"{sku}: wanted {w}, available {a}"
                               for sku, (w, a) in shortages.items())
            raise InsufficientStock(f"Not enough stock for order {order.number}: {detail}.",
                                    shortages)
        coupons = pricing.redeem_coupons(s, order, result, codes)
        target = OrderStatus(status_after(states))
        reason = "confirmed" if not backordered else "confirmed with backorders: " + ", ".join(
            f"{sku} ×{q}" for sku, q in backordered.items())
        if target is OrderStatus.BACKORDERED:
            check_move(before, OrderStatus.BACKORDERED)
            order.status = OrderStatus.BACKORDERED.value
        else:
            target = OrderStatus.CONFIRMED
        _status_change(s, actor, order.id, before, target, reason)
        allocation.start_hold(s, order, now)
        # Credit check (locks the customer's credit row) and invoicing at confirmation for
        # prepaid channels. Raising rolls everything back.
        receivables.on_order_confirmed(s, actor, order, credit_override, approver, unlimited)
        audit_now(s, actor, "confirm", "order", order.id, number=order.number,
                  total=order.total, coupons=coupons, backordered=backordered,
                  line_changes=changes)
    # built after COMMIT: nothing of it is read from the database (all loaded), and the
    # stock rows are not held for it
    return _view(order)


def _reserve_lines(
    s: Session, order: Order, choices: Mapping[int, LineChoice], fallback: Choice,
    warehouse_id: int, made_to_order: set[int], now: datetime,
) -> tuple[list[LineState], dict[str, tuple[int, int]], dict[str, int]]:
    """Reserve line by line in product order (two confirmations never deadlock): each
    line's state, the shortages refused (sku → wanted, available), the units backordered."""
    shortages: dict[str, tuple[int, int]] = {}
    states: list[LineState] = []
    backordered: dict[str, int] = {}
    held: list[dict[str, int]] = []  # reservation rows, inserted together at the end
    for li in sorted(order.lines, key=lambda li: (li.product_id, li.line_no)):
        if li.id in made_to_order:  # made for this order: reserved when it is finished
            states.append(LineState(li.quantity, 0, False))
            continue
        pick = choices.get(li.id) or LineChoice(fallback)
        wid = pick.warehouse_id or warehouse_id
        if stock.hold(s, li.product_id, wid, li.quantity):
            held.append({"order_id": order.id, "order_line_id": li.id,
                         "product_id": li.product_id, "warehouse_id": wid,
                         "quantity": li.quantity})
            states.append(LineState(li.quantity, 0, False))
            continue
        kind = pick.choice if pick.choice in (Choice.SHIP_AND_BACKORDER,
                                              Choice.WAIT_ALL) else Choice.ALL_OR_NOTHING
        if kind is Choice.ALL_OR_NOTHING:
            shortages[li.sku] = (li.quantity, stock.available(s, li.product_id, wid))
            continue
        got = stock.reserve_up_to(s, order.id, li.id, li.product_id, wid, li.quantity)
        rest = li.quantity - got
        allocation.add_backorder(s, order, li, wid, rest, kind is Choice.WAIT_ALL, now)
        states.append(LineState(got, rest, kind is Choice.WAIT_ALL))
        backordered[li.sku] = rest
    if not shortages:  # with shortages the whole confirmation is refused and rolled back
        stock.add_reservations(s, held)
    return states, shortages, backordered


def _apply_line_choices(
    s: Session, actor: Actor, order: Order, choices: Mapping[int, LineChoice]
) -> list[str]:
    """Cancel and substitute lines as the clerk chose, before anything is reserved."""
    changes: list[str] = []
    for li in list(order.lines):
        pick = choices.get(li.id)
        if pick is None:
            continue
        if pick.choice is Choice.CANCEL_LINE:
            order.lines.remove(li)
            changes.append(f"cancelled line {li.line_no} ({li.sku} ×{li.quantity})")
        elif pick.choice is Choice.SUBSTITUTE:
            if pick.substitute_id is None or not allocation.is_substitute(
                    s, li.product_id, pick.substitute_id):
                raise ValidationFailed(f"{li.sku} has no such substitute.")
            sub = s.get(Product, pick.substitute_id)
            assert sub is not None
            if not sub.active:
                raise ValidationFailed(f"Substitute {sub.sku} is no longer sold.")
            changes.append(f"line {li.line_no}: {li.sku} replaced by {sub.sku}")
            li.product_id, li.sku, li.name = sub.id, sub.sku, sub.name
    s.flush()
    return changes


def _production_hook(s: Session, actor: Actor, order: Order) -> set[int]:
    """Made-to-order lines get work orders, not stock."""
    from app.services.production import create_work_orders_for_order  # no import cycle

    return create_work_orders_for_order(s, actor, order.id, order.lines)


def _cancel_production(s: Session, actor: Actor, order_id: int, reason: str) -> list[str]:
    """Open work orders of a cancelled order are cancelled; their component demand goes."""
    from app.services.production import cancel_work_orders_for_order  # no import cycle

    return cancel_work_orders_for_order(s, actor, order_id, reason)


def cancel(
    db: Database, actor: Actor, order_id: int, expected_version: int, reason: str
) -> OrderView:
    actor.require(Permission.CANCEL_ORDERS)
    if not reason.strip():
        raise ValidationFailed("Say why the order is cancelled.")
    with db.writer() as s:
        order = _load(s, order_id, expected_version)
        check_move(order.status, OrderStatus.CANCELLED)
        released = stock.release_order(s, order.id)
        allocation.cancel_backorders(s, order.id)
        _cancel_production(s, actor, order.id, reason.strip())
        pricing.return_coupons(s, order.id)
        set_status(s, actor, order, OrderStatus.CANCELLED, reason.strip())
        _touch(order, actor)
        audit(s, actor, "cancel", "order", order.id, number=order.number, released=released,
              reason=reason.strip())
        return _view(order)


def status_history(db: Database, order_id: int) -> list[OrderStatusChange]:
    with db.reader() as s:
        return list(s.scalars(select(OrderStatusChange)
                              .where(OrderStatusChange.order_id == order_id)
                              .order_by(OrderStatusChange.id)))
