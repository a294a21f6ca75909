"""Allocation beyond "reserve it all": shortages and the clerk's choices, backorders filled
on receipt (highest priority, then oldest promise first), reservation expiry for unpaid
orders, releasing what is left, substitutes, stock in other warehouses, replenishment.

Every reservation and release is a row in ``reservations``; every backorder a row in
``backorders``; ``orderdesk stock verify`` checks reserved against the open reservations.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Backorder,
    ChannelSettings,
    Order,
    OrderLine,
    Product,
    ProductSubstitute,
    Reservation,
    ReservationHold,
    StockLevel,
    Warehouse,
)
from app.db.types import utcnow
from app.domain.allocation import Choice, LineState, status_after, to_buy
from app.domain.order_status import OrderStatus
from app.domain.roles import Permission
from app.domain.safe_export import neutralise_row
from app.services import stock
from app.services.context import Actor, audit, system_actor
from app.services.errors import NotFound, ValidationFailed

# --- Settings --------------------------------------------------------------------------


def channel_settings(s: Session, channel: str) -> ChannelSettings | None:
    """Read once per session: confirm asks twice (default choice, reservation time)."""
    cache: dict[str, ChannelSettings | None] = s.info.setdefault("channel_settings", {})
    if channel not in cache:
        cache[channel] = s.get(ChannelSettings, channel)
    return cache[channel]


def set_channel_settings(db: Database, actor: Actor, channel: str, default_allocation: Choice,
                         reservation_minutes: int | None) -> None:
    actor.require(Permission.SETTINGS)
    if default_allocation in (Choice.SUBSTITUTE,):
        raise ValidationFailed("A channel default cannot be 'substitute': it needs a product.")
    if reservation_minutes is not None and reservation_minutes < 1:
        raise ValidationFailed("A reservation lasts at least one minute (empty: for ever).")
    with db.writer() as s:
        row = s.get(ChannelSettings, channel) or ChannelSettings(channel=channel)
        row.default_allocation = default_allocation.value
        row.reservation_minutes = reservation_minutes
        s.add(row)
        audit(s, actor, "channel_settings", "channel", channel,
              default_allocation=default_allocation.value, reservation_minutes=reservation_minutes)


def set_substitutes(db: Database, actor: Actor, product_id: int, substitute_ids: list[int]) -> None:
    actor.require(Permission.EDIT_PRODUCTS)
    if product_id in substitute_ids:
        raise ValidationFailed("A product cannot be its own substitute.")
    with db.writer() as s:
        for row in s.scalars(select(ProductSubstitute)
                             .where(ProductSubstitute.product_id == product_id)):
            s.delete(row)
        s.flush()
        for rank, sid in enumerate(substitute_ids):
            if s.get(Product, sid) is None:
                raise NotFound(f"Product {sid} does not exist.")
            s.add(ProductSubstitute(product_id=product_id, substitute_id=sid, rank=rank))
        audit(s, actor, "substitutes", "product", product_id, substitutes=substitute_ids)


def is_substitute(s: Session, product_id: int, substitute_id: int) -> bool:
    return s.get(ProductSubstitute, (product_id, substitute_id)) is not None


# --- What the clerk sees before choosing ---------------------------------------------------


@dataclass(frozen=True)
class StockElsewhere:
    warehouse_id: int
    warehouse_code: str
    available: int


@dataclass(frozen=True)
class SubstituteOption:
    product_id: int
    sku: str
    name: str
    available: int


@dataclass(frozen=True)
class ShortLine:
    line_id: int
    line_no: int
    sku: str
    name: str
    wanted: int
    available: int
    elsewhere: list[StockElsewhere]
    substitutes: list[SubstituteOption]


def _available(s: Session, product_id: int, warehouse_id: int) -> int:
    return max(0, stock.available(s, product_id, warehouse_id))


def stock_by_warehouse(s: Session, product_id: int) -> list[StockElsewhere]:
    rows = s.execute(
        select(Warehouse.id, Warehouse.code,
               func.coalesce(StockLevel.on_hand - StockLevel.reserved, 0))
        .outerjoin(StockLevel, (StockLevel.warehouse_id == Warehouse.id)
                   & (StockLevel.product_id == product_id))
        .order_by(Warehouse.id))
    return [StockElsewhere(w, c, max(0, int(a))) for w, c, a in rows]


def shortages(db: Database, order_id: int) -> list[ShortLine]:
    """The draft order's lines that cannot be fully reserved right now, with the choices."""
    from app.services.catalog import default_warehouse_id

    with db.reader() as s:
        order = s.get(Order, order_id)
        if order is None:
            raise NotFound(f"Order {order_id} does not exist.")
        wid = order.warehouse_id or default_warehouse_id(s)
        out = []
        for li in order.lines:
            here = _available(s, li.product_id, wid)
            if here >= li.quantity:
                continue
            elsewhere = [e for e in stock_by_warehouse(s, li.product_id)
                         if e.warehouse_id != wid and e.available > 0]
            subs = [SubstituteOption(p.id, p.sku, p.name, _available(s, p.id, wid))
                    for p in s.scalars(
                        select(Product).join(ProductSubstitute,
                                             ProductSubstitute.substitute_id == Product.id)
                        .where(ProductSubstitute.product_id == li.product_id,
                               Product.active.is_(True))
                        .order_by(ProductSubstitute.rank))]
            out.append(ShortLine(li.id, li.line_no, li.sku, li.name, li.quantity, here,
                                 elsewhere, subs))
        return out


# --- Backorders --------------------------------------------------------------------------


def add_backorder(s: Session, order: Order, line: OrderLine, warehouse_id: int, quantity: int,
                  ship_complete: bool, promised_at: datetime) -> None:
    stock.ensure_level(s, line.product_id, warehouse_id)
    s.add(Backorder(order_id=order.id, order_line_id=line.id, product_id=line.product_id,
                    warehouse_id=warehouse_id, quantity=quantity, ship_complete=ship_complete,
                    promised_at=promised_at))


def line_states(s: Session, order_id: int) -> list[LineState]:
    states = []
    for line_id in s.scalars(select(OrderLine.id).where(OrderLine.order_id == order_id)):
        backs = s.scalars(select(Backorder).where(Backorder.order_line_id == line_id,
                                                  Backorder.status == "open")).all()
        states.append(LineState(stock.reserved_for_line(s, line_id),
                                sum(b.quantity for b in backs),
                                any(b.ship_complete for b in backs)))
    return states


def fill_backorders(s: Session, actor: Actor, product_id: int, warehouse_id: int) -> int:
    """Reserve newly arrived stock for open backorders: highest priority, then oldest
    promise, then oldest backorder first. Orders whose backorders are done move on."""
    from app.services.orders import set_status

    rows = s.scalars(
        select(Backorder).where(Backorder.product_id == product_id,
                                Backorder.warehouse_id == warehouse_id,
                                Backorder.status == "open")
        .order_by(Backorder.priority.desc(), Backorder.promised_at, Backorder.id)
        .with_for_update()).all()
    filled = 0
    touched: list[int] = []
    for b in rows:
        got = stock.reserve_up_to(s, b.order_id, b.order_line_id, product_id, warehouse_id,
                                  b.quantity)
        if got == 0:
            break
        b.quantity -= got
        b.filled += got
        filled += got
        if b.quantity == 0:
            b.status, b.closed_at = "filled", utcnow()
        if b.order_id not in touched:
            touched.append(b.order_id)
        audit(s, actor, "backorder_fill", "order", b.order_id, product_id=product_id,
              quantity=got)
    for order_id in touched:
        order = s.get(Order, order_id)
        assert order is not None
        if (order.status == OrderStatus.BACKORDERED
                and status_after(line_states(s, order_id)) == "confirmed"):
            set_status(s, actor, order, OrderStatus.CONFIRMED, "backorder filled from receipt")
            order.version += 1
            order.updated_at, order.updated_by = utcnow(), actor.username
    return filled


def cancel_backorders(s: Session, order_id: int, status: str = "cancelled") -> int:
    rows = s.scalars(select(Backorder).where(Backorder.order_id == order_id,
                                             Backorder.status == "open")).all()
    for b in rows:
        b.status, b.closed_at = status, utcnow()
    return sum(b.quantity for b in rows)


def set_backorder_priority(db: Database, actor: Actor, backorder_id: int, priority: int) -> None:
    actor.require(Permission.APPROVE)
    with db.writer() as s:
        row = s.get(Backorder, backorder_id, with_for_update=True)
        if row is None:
            raise NotFound(f"Backorder {backorder_id} does not exist.")
        row.priority = priority
        audit(s, actor, "backorder_priority", "order", row.order_id, backorder=backorder_id,
              priority=priority)


@dataclass(frozen=True)
class BackorderView:
    id: int
    order_id: int
    line_id: int
    product_id: int
    warehouse_id: int
    quantity: int
    filled: int
    status: str
    ship_complete: bool
    priority: int
    promised_at: datetime


def backorders(db: Database, order_id: int | None = None) -> list[BackorderView]:
    with db.reader() as s:
        q = select(Backorder).order_by(Backorder.id)
        if order_id is not None:
            q = q.where(Backorder.order_id == order_id)
        return [BackorderView(b.id, b.order_id, b.order_line_id, b.product_id, b.warehouse_id,
                              b.quantity, b.filled, b.status, b.ship_complete, b.priority,
                              b.promised_at) for b in s.scalars(q)]


# --- Reservation life cycle ----------------------------------------------------------------


def start_hold(s: Session, order: Order, now: datetime) -> None:
    """After confirmation: an unpaid order's reservation expires after the channel's time."""
    settings = channel_settings(s, order.channel)
    minutes = settings.reservation_minutes if settings is not None else None
    if minutes is None:
        return
    hold = s.get(ReservationHold, order.id)
    if hold is None:
        s.add(ReservationHold(order_id=order.id, expires_at=now + timedelta(minutes=minutes)))
    else:
        hold.expires_at = now + timedelta(minutes=minutes)
        hold.released_at = hold.paid_at = None


def mark_paid(s: Session, order_id: int, at: datetime | None = None) -> None:
    """Payments call this: a paid order's reservation no longer expires."""
    hold = s.get(ReservationHold, order_id)
    if hold is not None and hold.paid_at is None:
        hold.paid_at = at or utcnow()


def expire_reservations(db: Database, now: datetime | None = None,
                        actor: Actor | None = None) -> list[str]:
    """Release the reservations of unpaid orders whose time is up; each order goes on hold
    with the reason in its history. Returns the order numbers released."""
    from app.services.orders import set_status

    now = now or utcnow()
    actor = actor or system_actor("reservation-expiry")
    done: list[str] = []
    with db.writer() as s:
        due = s.scalars(select(ReservationHold.order_id).where(
            ReservationHold.released_at.is_(None), ReservationHold.paid_at.is_(None),
            ReservationHold.expires_at.is_not(None), ReservationHold.expires_at <= now)
            .order_by(ReservationHold.order_id)).all()
        for order_id in due:
            order = s.get(Order, order_id, with_for_update=True)
            hold = s.get(ReservationHold, order_id)
            assert order is not None and hold is not None
            if hold.released_at is not None or hold.paid_at is not None:
                continue  # another desk released it (or it was paid) while we waited
            hold.released_at = now
            if order.status not in (OrderStatus.CONFIRMED, OrderStatus.BACKORDERED):
                hold.note = f"not released: order was {order.status}"
                continue
            units = stock.release_order(s, order.id, status="expired")
            cancel_backorders(s, order.id, status="expired")
            reason = (f"reservation expired unpaid at {hold.expires_at:%Y-%m-%d %H:%M} UTC; "
                      f"{units} unit(s) released")
            hold.note = reason
            set_status(s, actor, order, OrderStatus.ON_HOLD, reason)
            order.version += 1
            order.updated_at, order.updated_by = utcnow(), actor.username
            audit(s, actor, "reservation_expired", "order", order.id, units=units)
            done.append(order.number)
    return done


def release_remaining(db: Database, actor: Actor, order_id: int, expected_version: int,
                      reason: str) -> int:
    """A partly shipped (or otherwise finished) order gives back what is still reserved and
    drops its open backorders. Returns the units released."""
    from app.services.orders import _load, _touch

    actor.require(Permission.CANCEL_ORDERS)
    if not reason.strip():
        raise ValidationFailed("Say why the rest is released.")
    with db.writer() as s:
        order = _load(s, order_id, expected_version)
        units = stock.release_order(s, order.id)
        dropped = cancel_backorders(s, order.id)
        _touch(order, actor)
        audit(s, actor, "release_remaining", "order", order.id, units=units,
              backorders_dropped=dropped, reason=reason.strip())
        return units


def open_reservations(db: Database, order_id: int) -> list[tuple[int, int, int]]:
    """(line id, warehouse id, quantity) of the order's open reservations."""
    with db.reader() as s:
        return [(r.order_line_id, r.warehouse_id, r.quantity) for r in s.scalars(
            select(Reservation).where(Reservation.order_id == order_id,
                                      Reservation.status == "open").order_by(Reservation.id))]


# --- Replenishment ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReplenishmentRow:
    product_id: int
    sku: str
    name: str
    warehouse_code: str
    on_hand: int
    reserved: int
    available: int
    reorder_point: int
    backordered: int
    to_buy: int


def replenishment(db: Database, warehouse_id: int | None = None) -> list[ReplenishmentRow]:
    """What to buy: open backorders plus the shortfall below each reorder point.

    Only the rows with something to buy leave the database (a shop of 100,000 products
    has a few hundred), as plain columns: reading every stock level as an entity cost
    the desk 180 MB at that size."""
    with db.reader() as s:
        back = (select(Backorder.product_id, Backorder.warehouse_id,
                       func.sum(Backorder.quantity).label("quantity"))
                .where(Backorder.status == "open")
                .group_by(Backorder.product_id, Backorder.warehouse_id).subquery())
        backordered = func.coalesce(back.c.quantity, 0)
        free = StockLevel.on_hand - StockLevel.reserved
        q = (select(StockLevel.product_id, Product.sku, Product.name, Warehouse.code,
                    StockLevel.on_hand, StockLevel.reserved, StockLevel.reorder_point,
                    backordered)
             .join(Product, Product.id == StockLevel.product_id)
             .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
             .outerjoin(back, (back.c.product_id == StockLevel.product_id)
                        & (back.c.warehouse_id == StockLevel.warehouse_id))
             # the SQL form of to_buy(...) > 0, so that the rest stays in the database
             .where((backordered > 0)
                    | ((StockLevel.reorder_point > 0) & (StockLevel.reorder_point > free)))
             .order_by(Product.sku, Warehouse.code))
        if warehouse_id is not None:
            q = q.where(StockLevel.warehouse_id == warehouse_id)
        out = []
        for pid, sku, name, wcode, on_hand, reserved, reorder_point, b in s.execute(q):
            need = to_buy(int(b), reorder_point, on_hand - reserved)
            if need > 0:
                out.append(ReplenishmentRow(pid, sku, name, wcode, on_hand, reserved,
                                            on_hand - reserved, reorder_point, int(b), need))
        return out


CSV_HEADER = ["sku", "name", "warehouse", "on_hand", "reserved", "available", "reorder_point",
              "backordered", "to_buy"]


def replenishment_csv(rows: list[ReplenishmentRow]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for r in rows:
        w.writerow(neutralise_row([r.sku, r.name, r.warehouse_code, r.on_hand, r.reserved,
                                   r.available, r.reorder_point, r.backordered, r.to_buy]))
    return buf.getvalue()
