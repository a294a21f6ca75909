"""Tracking an order to the customer's signature: status moves along the state machine,
tracking events (typed, scanned as delivered proof, or imported from a carrier's CSV/Excel
status export with a column mapping), and the order's timeline merging both.

A delivered event (签收) on a shipped order closes its shipping part: the order becomes
delivered. Each public function is one transaction.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Order, OrderStatusChange, Parcel, Shipment, TrackingEvent
from app.db.types import utcnow
from app.domain.order_status import OrderStatus, allowed_moves, can_move
from app.domain.roles import Permission
from app.domain.tracking_status import EventKind, classify_status
from app.services import notices, orders
from app.services.context import Actor, audit
from app.services.errors import NotFound, ValidationFailed

CARRIER_TIMEZONE = "Asia/Shanghai"  # carriers' exports give local times without a zone
_SHIPPING_MOVES = {OrderStatus.PICKING, OrderStatus.PACKED, OrderStatus.PARTLY_SHIPPED,
                   OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.RETURNED}


# --- status moves ---------------------------------------------------------------------


def moves_for(db: Database, order_id: int) -> list[OrderStatus]:
    """The moves the UI may offer for this order (cancel goes through orders.cancel)."""
    with db.reader() as s:
        status = s.scalar(select(Order.status).where(Order.id == order_id))
        if status is None:
            raise NotFound(f"Order {order_id} does not exist.")
    return [m for m in allowed_moves(status) if m != OrderStatus.CANCELLED]


def move_order(db: Database, actor: Actor, order_id: int, expected_version: int | None,
               target: OrderStatus | str, reason: str) -> str:
    """Move an order along its state machine with a reason. Returns the new status."""
    target = OrderStatus(target)
    if target == OrderStatus.CANCELLED:
        raise ValidationFailed("Cancel an order with Cancel, which also gives back its stock.")
    actor.require(Permission.SHIP if target in _SHIPPING_MOVES else Permission.CONFIRM_ORDERS)
    if not reason.strip():
        raise ValidationFailed("Say why the order's status changes.")
    with db.writer() as s:
        order = orders._load(s, order_id, expected_version)
        if not can_move(order.status, target):
            raise ValidationFailed(
                f"Order {order.number} is {order.status} and cannot become {target.value}; "
                f"it can become: {', '.join(m.value for m in allowed_moves(order.status))}.")
        old = order.status
        orders.set_status(s, actor, order, target, reason.strip())
        orders._touch(order, actor)
        audit(s, actor, "status", "order", order.id, number=order.number, old=old,
              new=target.value, reason=reason.strip())
        return order.status


# --- events -----------------------------------------------------------------------------


def _insert_event(s: Session, values: dict[str, Any]) -> bool:
    """Insert once; the same (order, parcel, time, kind) again is a duplicate."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    stmt = insert(TrackingEvent).values(values).on_conflict_do_nothing()
    return s.execute(stmt.returning(TrackingEvent.id)).scalar() is not None


def _record(s: Session, actor: Actor, order: Order, kind: EventKind, at: datetime,
            parcel_ref: str, location: str, description: str, source: str) -> bool:
    parcel_id = _parcel_of(s, order.id, parcel_ref) if parcel_ref.strip() else None
    added = _insert_event(s, {
        "order_id": order.id, "parcel_ref": parcel_ref.strip(), "at": at, "kind": kind.value,
        "location": location.strip(), "description": description.strip(), "source": source,
        "recorded_by": actor.username, "recorded_at": utcnow(), "parcel_id": parcel_id})
    if added and kind == EventKind.DELIVERED and order.status == OrderStatus.SHIPPED:
        orders.set_status(s, actor, order, OrderStatus.DELIVERED,
                          f"delivered 签收 {parcel_ref}".strip())
        orders._touch(order, actor)
        notices.queue_for_order(s, order, "delivered", str(order.id))
    return added


def _parcel_of(s: Session, order_id: int, tracking: str) -> int | None:
    """The order's fulfilment parcel with this tracking number (or label code)."""
    from app.services.fulfilment import _parcel_ids_for_code

    found = _parcel_ids_for_code(s, tracking)
    return found[0] if found is not None and found[1] == order_id else None


def record_event(db: Database, actor: Actor, order_id: int, kind: EventKind | str,
                 at: datetime | None = None, parcel_ref: str = "", location: str = "",
                 description: str = "", source: str = "typed") -> bool:
    """A typed (or reported) tracking event. Returns False if it was already recorded."""
    actor.require(Permission.VIEW if source == "customer" else Permission.SHIP)
    kind = EventKind(kind)
    at = at or utcnow()
    if at.tzinfo is None:
        raise ValidationFailed("An event time needs a time zone.")
    with db.writer() as s:
        order = s.get(Order, order_id, with_for_update=True)
        if order is None:
            raise NotFound(f"Order {order_id} does not exist.")
        added = _record(s, actor, order, kind, at, parcel_ref, location, description, source)
        if added:
            audit(s, actor, "tracking_event", "order", order.id, kind=kind.value,
                  parcel=parcel_ref, source=source)
        return added


def _order_for_code(s: Session, code: str) -> tuple[Order, str] | None:
    """An order by its number, or by a tracking number seen on one of its events."""
    text = code.strip()
    order = s.scalar(select(Order).where(Order.number == text.upper()).with_for_update())
    if order is not None:
        return order, ""
    order_id = s.scalar(select(Shipment.order_id).join(Parcel, Parcel.shipment_id == Shipment.id)
                        .where(Parcel.tracking_number == text.upper()))
    if order_id is None:
        order_id = s.scalar(select(TrackingEvent.order_id)
                            .where(TrackingEvent.parcel_ref == text)
                            .order_by(TrackingEvent.id.desc()).limit(1))
    if order_id is None:
        return None
    order = s.get(Order, order_id, with_for_update=True)
    assert order is not None
    return order, text


def scan_delivered(db: Database, actor: Actor, code: str, at: datetime | None = None) -> str:
    """A scanned delivered proof (the signed slip's tracking or order number)."""
    actor.require(Permission.SHIP)
    with db.writer() as s:
        found = _order_for_code(s, code)
        if found is None:
            raise NotFound(f"No order or parcel has the number {code.strip()!r}.")
        order, parcel = found
        _record(s, actor, order, EventKind.DELIVERED, at or utcnow(), parcel, "",
                "delivered proof scanned", "scan")
        audit(s, actor, "delivered_scan", "order", order.id, parcel=parcel)
        return order.number


# --- carrier exports ----------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnMapping:
    """Which header of the carrier's export holds what (like intake file mappings)."""

    time: str
    status: str
    tracking_number: str = ""
    order_number: str = ""
    location: str = ""
    description: str = ""


# A Chinese express export (SF/YTO style) and an English one.
MAPPINGS: Mapping[str, ColumnMapping] = {
    "express_zh": ColumnMapping(time="时间", status="状态", tracking_number="运单号",
                                order_number="订单号", location="网点", description="描述"),
    "generic_en": ColumnMapping(time="Time", status="Status", tracking_number="Tracking Number",
                                order_number="Order", location="Location",
                                description="Details"),
}


@dataclass
class ImportResult:
    added: int = 0
    duplicates: int = 0
    delivered_orders: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "row 4: …"


def _rows(data: bytes, filename: str) -> Iterator[dict[str, Any]]:
    if filename.lower().endswith((".xlsx", ".xlsm")):
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        for values in rows:
            yield dict(zip(header, values, strict=False))
        book.close()
        return
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationFailed(f"{filename}: not UTF-8 or GB18030 text.")
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    yield from csv.DictReader(io.StringIO(text), dialect=dialect)


def _parse_time(value: Any, tz: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        text = str(value or "").strip().replace("/", "-").replace("T", " ")
        if not text:
            raise ValueError("no time")
        moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(UTC)


def import_carrier_export(db: Database, actor: Actor, data: bytes, filename: str,
                          mapping: ColumnMapping, timezone: str = CARRIER_TIMEZONE
                          ) -> ImportResult:
    """Every row becomes a tracking event of the order it names (by order number, or by
    a tracking number already on the order). Rows it cannot place are listed, not lost."""
    actor.require(Permission.SHIP)
    tz = ZoneInfo(timezone)
    result = ImportResult()
    with db.writer() as s:
        for row_no, row in enumerate(_rows(data, filename), start=2):
            def cell(header: str, r: dict[str, Any] = row) -> str:
                value = r.get(header) if header else None
                return "" if value is None else str(value).strip()

            if not any(v not in (None, "") for v in row.values()):
                continue
            parcel = cell(mapping.tracking_number)
            found = None
            if mapping.order_number and cell(mapping.order_number):
                found = _order_for_code(s, cell(mapping.order_number))
            if found is None and parcel:
                found = _order_for_code(s, parcel)
            if found is None:
                result.problems.append(f"row {row_no}: no order for "
                                       f"{cell(mapping.order_number) or parcel or '(blank)'}")
                continue
            order = found[0]
            try:
                at = _parse_time(row.get(mapping.time), tz)
            except ValueError:
                result.problems.append(f"row {row_no}: unreadable time {row.get(mapping.time)!r}")
                continue
            status_text = cell(mapping.status)
            kind = classify_status(status_text)
            before = order.status
            description = " ".join(x for x in (status_text, cell(mapping.description)) if x)
            if _record(s, actor, order, kind, at, parcel, cell(mapping.location), description,
                       "import"):
                result.added += 1
                if before != order.status and order.status == OrderStatus.DELIVERED:
                    result.delivered_orders.append(order.number)
            else:
                result.duplicates += 1
        audit(s, actor, "import_tracking", "file", Path(filename).name, added=result.added,
              duplicates=result.duplicates, problems=len(result.problems))
    return result


# --- timeline -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    source: str  # "status", "tracking" or "return"
    title: str  # "confirmed → in_production" or "delivered"
    username: str
    workstation: str
    detail: str  # the reason, or the carrier's words and place
    parcel_ref: str = ""


def timeline(db: Database, order_id: int) -> list[TimelineEntry]:
    """Every status change (who, from where, why) and every tracking event, oldest first."""
    with db.reader() as s:
        if s.get(Order, order_id) is None:
            raise NotFound(f"Order {order_id} does not exist.")
        entries = [TimelineEntry(h.at, "status",
                                 f"{h.from_status} → {h.to_status}" if h.from_status
                                 else h.to_status, h.username, h.workstation, h.reason)
                   for h in s.scalars(select(OrderStatusChange)
                                      .where(OrderStatusChange.order_id == order_id)
                                      .order_by(OrderStatusChange.id))]
        entries += [TimelineEntry(e.at, "tracking", e.kind, e.recorded_by, e.source,
                                  " · ".join(x for x in (e.description, e.location) if x),
                                  e.parcel_ref)
                    for e in s.scalars(select(TrackingEvent)
                                       .where(TrackingEvent.order_id == order_id)
                                       .order_by(TrackingEvent.at, TrackingEvent.id))]
        from app.db.models import ReturnEvent  # returns: each step of an RMA on this order

        entries += [TimelineEntry(r.at, "return", f"return {r.status}", r.username,
                                  r.workstation, r.detail)
                    for r in s.scalars(select(ReturnEvent).where(ReturnEvent.order_id == order_id)
                                       .order_by(ReturnEvent.id))]
    return sorted(entries, key=lambda e: e.at)  # stable: ties keep their own order


def last_event_at(s: Session, order_id: int) -> datetime | None:
    return s.scalar(select(func.max(TrackingEvent.at)).where(TrackingEvent.order_id == order_id))
