"""Fulfilment: pick lists, the pack station, carrier choice, tracking numbers, ship by
scan and the day-end manifest. Each public function is one transaction.

What may be packed for an order line is what is reserved for it (open reservations) less
what already sits in packed parcels that have not left yet; the rest of the line is a
backorder. Shipping a parcel takes its units off on hand and reserved (a 'sale' move),
consumes the reservations, moves the order to shipped or partly shipped and queues the
customer notice — all in one short transaction.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any, cast

from sqlalchemy import Executable, Integer, Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from app.db.engine import Database
from app.db.models import (
    BinLocation,
    BoxSize,
    Carrier,
    CarrierService,
    Order,
    OrderLine,
    PackScan,
    PackSession,
    Parcel,
    ParcelItem,
    ParcelSerial,
    PickList,
    PickListOrder,
    Product,
    ProductTracking,
    RateBand,
    RateZone,
    Reservation,
    ReshipRequest,
    Shipment,
    StockLevel,
    StockMove,
    TrackingRange,
)
from app.db.types import utcnow
from app.domain import carriers as rules
from app.domain.order_status import OrderStatus, can_move
from app.domain.roles import Permission
from app.services import journal, notices, orders
from app.services.catalog import ProductMatch, find_product
from app.services.context import Actor, audit, audit_now
from app.services.errors import NotFound, ServiceError, ValidationFailed
from app.services.numbering import next_number

PACKABLE_STATUSES = frozenset({
    OrderStatus.CONFIRMED, OrderStatus.PICKING, OrderStatus.PACKED,
    OrderStatus.PARTLY_SHIPPED, OrderStatus.BACKORDERED,
})


class ScanRefused(ServiceError):
    """A scan at the pack station was not counted (wrong item, one too many …)."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind  # wrong_item, too_many, unknown_code, nothing_to_undo


class PackingBusy(ServiceError):
    """Someone else is packing the order."""


# --- Carriers, services, rates, ranges, boxes -----------------------------------------------

@dataclass
class BandData:
    max_weight_kg: Decimal
    price: Decimal


@dataclass
class ZoneData:
    name: str
    country: str
    bands: list[BandData]
    province: str = ""
    postcode_prefix: str = ""
    transit_days: int | None = None
    extra_per_kg: Decimal | None = None


@dataclass
class ServiceData:
    code: str
    name: str
    zones: list[ZoneData]
    transit_days: int = 3
    volumetric_divisor: int = 6000
    max_weight_kg: Decimal | None = None
    max_length_cm: Decimal | None = None
    max_girth_cm: Decimal | None = None


@dataclass
class CarrierData:
    code: str
    name: str
    services: list[ServiceData]
    tracking_url_template: str = ""
    is_freight: bool = False


def create_carrier(db: Database, actor: Actor, data: CarrierData) -> int:
    actor.require(Permission.SETTINGS)
    if not data.code.strip() or not data.name.strip():
        raise ValidationFailed("A carrier needs a code and a name.")
    with db.writer() as s:
        if s.scalar(select(Carrier.id).where(Carrier.code == data.code)) is not None:
            raise ValidationFailed(f"Carrier code {data.code} is already in use.")
        carrier = Carrier(code=data.code, name=data.name, is_freight=data.is_freight,
                          tracking_url_template=data.tracking_url_template)
        for sd in data.services:
            if sd.volumetric_divisor <= 0:
                raise ValidationFailed(f"{sd.name}: the volumetric divisor must be positive.")
            svc = CarrierService(code=sd.code, name=sd.name, transit_days=sd.transit_days,
                                 volumetric_divisor=sd.volumetric_divisor,
                                 max_weight_kg=sd.max_weight_kg, max_length_cm=sd.max_length_cm,
                                 max_girth_cm=sd.max_girth_cm)
            for zd in sd.zones:
                zone = RateZone(name=zd.name, country=zd.country, province=zd.province,
                                postcode_prefix=zd.postcode_prefix, transit_days=zd.transit_days,
                                extra_per_kg=zd.extra_per_kg)
                zone.bands = [RateBand(max_weight_kg=b.max_weight_kg, price=b.price)
                              for b in zd.bands]
                svc.zones.append(zone)
            carrier.services.append(svc)
        s.add(carrier)
        s.flush()
        audit(s, actor, "create", "carrier", carrier.id, code=data.code)
        return carrier.id


def add_tracking_range(
    db: Database, actor: Actor, carrier_code: str, first: int, last: int, prefix: str = "",
    suffix: str = "", width: int = 8, check_rule: str = "s10",
) -> int:
    actor.require(Permission.SETTINGS)
    if first > last or first < 0:
        raise ValidationFailed(f"A range runs from a first to a larger last number, not "
                               f"{first}–{last}.")
    rules.make_tracking_number(prefix, last, width, check_rule, suffix)  # validates
    with db.writer() as s:
        cid = s.scalar(select(Carrier.id).where(Carrier.code == carrier_code))
        if cid is None:
            raise NotFound(f"No carrier has the code {carrier_code}.")
        r = TrackingRange(carrier_id=cid, prefix=prefix, suffix=suffix, width=width,
                          check_rule=check_rule, next_serial=first, last_serial=last)
        s.add(r)
        s.flush()
        audit(s, actor, "create", "tracking_range", r.id, first=first, last=last)
        return r.id


def create_box_size(db: Database, actor: Actor, code: str, name: str, length: Decimal,
                    width: Decimal, height: Decimal, tare_kg: Decimal = Decimal(0)) -> int:
    actor.require(Permission.SETTINGS)
    with db.writer() as s:
        box = BoxSize(code=code, name=name, length_cm=length, width_cm=width, height_cm=height,
                      tare_kg=tare_kg)
        s.add(box)
        s.flush()
        audit(s, actor, "create", "box_size", box.id, code=code)
        return box.id


@dataclass(frozen=True)
class BoxView:
    code: str
    name: str
    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal
    tare_kg: Decimal


def box_sizes(db: Database) -> list[BoxView]:
    with db.reader() as s:
        return [BoxView(b.code, b.name, b.length_cm, b.width_cm, b.height_cm, b.tare_kg)
                for b in s.scalars(select(BoxSize).order_by(BoxSize.code))]


@cache
def _services_statement() -> Executable:
    return (select(CarrierService).join(Carrier)
            .where(CarrierService.active.is_(True), Carrier.active.is_(True))
            .options(selectinload(CarrierService.carrier),
                     selectinload(CarrierService.zones).selectinload(RateZone.bands))
            .order_by(CarrierService.id))


def load_services(s: Session) -> list[rules.Service]:
    """Every active service as the pure domain sees it."""
    rows = s.scalars(_services_statement()).all()
    return [
        rules.Service(
            carrier=svc.carrier.name, code=svc.code, name=svc.name, id=svc.id,
            transit_days=svc.transit_days, volumetric_divisor=svc.volumetric_divisor,
            max_weight_kg=svc.max_weight_kg, max_length_cm=svc.max_length_cm,
            max_girth_cm=svc.max_girth_cm, is_freight=svc.carrier.is_freight,
            zones=tuple(rules.Zone(z.name, z.country,
                                   tuple(rules.Band(b.max_weight_kg, b.price) for b in z.bands),
                                   z.province, z.postcode_prefix, z.transit_days, z.extra_per_kg)
                        for z in svc.zones),
        )
        for svc in rows
    ]


def _take_tracking_number(s: Session, carrier_id: int) -> str | None:
    """The next number of the carrier's first range that has numbers left, or None."""
    for r in s.scalars(select(TrackingRange).where(TrackingRange.carrier_id == carrier_id,
                                                   TrackingRange.active.is_(True))
                       .order_by(TrackingRange.id)).all():
        taken = s.execute(
            update(TrackingRange)
            .where(TrackingRange.id == r.id, TrackingRange.next_serial <= TrackingRange.last_serial)
            .values(next_serial=TrackingRange.next_serial + 1)
            .returning(TrackingRange.next_serial)
        ).scalar()
        if taken is not None:
            return rules.make_tracking_number(r.prefix, int(taken) - 1, r.width, r.check_rule,
                                              r.suffix)
    return None


# --- Pick lists --------------------------------------------------------------------------------

@dataclass(frozen=True)
class PickLine:
    bin: str
    sku: str
    name: str
    quantity: int
    order_number: str
    order_line_id: int


@dataclass(frozen=True)
class PickListView:
    id: int
    number: str
    created_at: datetime
    created_by: str
    order_numbers: list[str]
    lines: list[PickLine]  # sorted by bin, then SKU, then order


def _open_reserved_by_line(s: Session, order_ids: list[int]) -> dict[int, int]:
    return {lid: int(q) for lid, q in s.execute(
        select(Reservation.order_line_id, func.sum(Reservation.quantity))
        .where(Reservation.order_id.in_(order_ids), Reservation.status == "open")
        .group_by(Reservation.order_line_id))}


def _packed_unshipped_by_line(s: Session, order_ids: list[int]) -> dict[int, int]:
    return {lid: int(q) for lid, q in s.execute(
        select(ParcelItem.order_line_id, func.sum(ParcelItem.quantity))
        .join(Parcel, Parcel.id == ParcelItem.parcel_id)
        .join(Shipment, Shipment.id == Parcel.shipment_id)
        .where(Shipment.order_id.in_(order_ids), Parcel.status == "packed")
        .group_by(ParcelItem.order_line_id))}


def _pick_view(s: Session, pl: PickList) -> PickListView:
    order_ids = list(s.scalars(select(PickListOrder.order_id)
                               .where(PickListOrder.pick_list_id == pl.id)))
    reserved = _open_reserved_by_line(s, order_ids)
    packed = _packed_unshipped_by_line(s, order_ids)
    rows = s.execute(
        select(OrderLine.id, OrderLine.sku, OrderLine.name, Order.number,
               func.coalesce(BinLocation.code, ""))
        .join(Order, Order.id == OrderLine.order_id)
        .outerjoin(StockLevel, (StockLevel.product_id == OrderLine.product_id)
                   & (StockLevel.warehouse_id == pl.warehouse_id))
        .outerjoin(BinLocation, BinLocation.id == StockLevel.bin_id)
        .where(OrderLine.order_id.in_(order_ids))
    ).all()
    lines = [PickLine(bin_ or "", sku, name, reserved.get(lid, 0) - packed.get(lid, 0), number,
                      lid)
             for lid, sku, name, number, bin_ in rows
             if reserved.get(lid, 0) - packed.get(lid, 0) > 0]
    lines.sort(key=lambda p: (p.bin == "", p.bin, p.sku, p.order_number))
    numbers = sorted({n for (n,) in s.execute(select(Order.number)
                                               .where(Order.id.in_(order_ids)))})
    return PickListView(pl.id, pl.number, pl.created_at, pl.created_by, numbers, lines)


def create_pick_list(db: Database, actor: Actor, order_ids: list[int]) -> PickListView:
    """One pick list for one or many orders; confirmed orders move to picking."""
    actor.require(Permission.SHIP)
    if not order_ids:
        raise ValidationFailed("Choose at least one order for the pick list.")
    with db.writer() as s:
        warehouse_id: int | None = None
        for oid in sorted(set(order_ids)):
            order = orders._load(s, oid, None)
            if OrderStatus(order.status) not in PACKABLE_STATUSES:
                raise ValidationFailed(f"Order {order.number} is {order.status}; only confirmed "
                                       "orders can be picked.")
            warehouse_id = warehouse_id or order.warehouse_id
            if order.status == OrderStatus.CONFIRMED:
                orders.set_status(s, actor, order, OrderStatus.PICKING, "pick list")
        if warehouse_id is None:
            from app.services.catalog import default_warehouse_id
            warehouse_id = default_warehouse_id(s)
        pl = PickList(number=next_number(s, "picklist"), created_by=actor.username,
                      warehouse_id=warehouse_id)
        s.add(pl)
        s.flush()
        for oid in sorted(set(order_ids)):
            s.add(PickListOrder(pick_list_id=pl.id, order_id=oid))
        s.flush()
        audit(s, actor, "create", "pick_list", pl.id, number=pl.number, orders=len(order_ids))
        return _pick_view(s, pl)


def get_pick_list(db: Database, number: str) -> PickListView:
    with db.reader() as s:
        pl = s.scalar(select(PickList).where(PickList.number == number.strip().upper()))
        if pl is None:
            raise NotFound(f"No pick list has the number {number}.")
        return _pick_view(s, pl)


# --- Pack station ------------------------------------------------------------------------------

@dataclass(frozen=True)
class PackLine:
    line_id: int
    sku: str
    name: str
    ordered: int
    expected: int  # what may be packed now (reserved, not yet in a parcel)
    scanned: int

    @property
    def backorder(self) -> int:
        return self.ordered - self.expected


@dataclass(frozen=True)
class PackView:
    session_id: int
    order_id: int
    order_number: str
    customer_name: str
    current_parcel: int
    lines: list[PackLine]
    last_scan: str = ""
    parcels_used: tuple[int, ...] = ()  # parcel numbers holding scans, in order

    @property
    def complete(self) -> bool:
        return all(li.scanned >= li.expected for li in self.lines)

    @property
    def scanned_units(self) -> int:
        return sum(li.scanned for li in self.lines)

    @property
    def expected_units(self) -> int:
        return sum(li.expected for li in self.lines)


@cache
def _shipped_and_packed_statement() -> Executable:
    return (select(ParcelItem.order_line_id, Parcel.status, func.sum(ParcelItem.quantity))
            .join(Parcel, Parcel.id == ParcelItem.parcel_id)
            .join(Shipment, Shipment.id == Parcel.shipment_id)
            .where(Shipment.order_id == bindparam("order_id", type_=Integer),
                   Parcel.status.in_(("shipped", "packed")))
            .group_by(ParcelItem.order_line_id, Parcel.status))


def _shipped_and_packed_by_line(s: Session, order_id: int
                                ) -> tuple[dict[int, int], dict[int, int]]:
    """Per order line: units in shipped parcels, and in packed parcels not shipped yet
    (one query)."""
    shipped: dict[int, int] = {}
    packed: dict[int, int] = {}
    for lid, status, q in s.execute(_shipped_and_packed_statement(), {"order_id": order_id}):
        (shipped if status == "shipped" else packed)[lid] = int(q)
    return shipped, packed


@dataclass(frozen=True)
class _OrderHead:
    """What the pack view shows of the order (no lines, no row lock of its own)."""

    id: int
    number: str
    customer_name: str


@dataclass(frozen=True)
class _PackRow:
    """One order line as packing sees it, with its product's tracking mode."""

    line: PackLine
    product_id: int
    tracking: str


@cache
def _pack_rows_statement() -> Executable:
    """Every line of an order with what is reserved, packed (not shipped) and scanned in
    the session: one query (correlated sums on indexed columns) instead of three plus the
    ORM lines load. Built once — building it costs more Python than running it."""
    session_id = bindparam("session_id", type_=Integer)
    reserved = (select(func.coalesce(func.sum(Reservation.quantity), 0))
                .where(Reservation.order_line_id == OrderLine.id,
                       Reservation.status == "open").scalar_subquery())
    packed = (select(func.coalesce(func.sum(ParcelItem.quantity), 0))
              .join(Parcel, Parcel.id == ParcelItem.parcel_id)
              .where(ParcelItem.order_line_id == OrderLine.id, Parcel.status == "packed")
              .scalar_subquery())
    scanned = (select(func.coalesce(func.sum(PackScan.quantity), 0))
               .where(PackScan.session_id == session_id, PackScan.order_line_id == OrderLine.id,
                      PackScan.undone.is_(False)).scalar_subquery())
    return (select(OrderLine.id, OrderLine.sku, OrderLine.name, OrderLine.quantity,
                   OrderLine.product_id, ProductTracking.tracking, reserved, packed, scanned)
            .outerjoin(ProductTracking, ProductTracking.product_id == OrderLine.product_id)
            .where(OrderLine.order_id == bindparam("order_id", type_=Integer))
            .order_by(OrderLine.line_no))


def _pack_rows(s: Session, session_id: int, order_id: int) -> list[_PackRow]:
    rows = s.execute(_pack_rows_statement(), {"session_id": session_id, "order_id": order_id})
    return [_PackRow(PackLine(lid, sku, name, qty, max(0, int(res) - int(pak)), int(scn)),
                     pid, tracking or "none")
            for lid, sku, name, qty, pid, tracking, res, pak, scn in rows]


@cache
def _parcels_used_statement() -> Executable:
    return (select(PackScan.parcel_no).distinct()
            .where(PackScan.session_id == bindparam("session_id", type_=Integer),
                   PackScan.undone.is_(False))
            .order_by(PackScan.parcel_no))


def _parcels_used(s: Session, session_id: int) -> tuple[int, ...]:
    return tuple(s.scalars(_parcels_used_statement(), {"session_id": session_id}))


def _pack_view(s: Session, session: PackSession, order: Order | _OrderHead,
               last: str = "") -> PackView:
    lines = [r.line for r in _pack_rows(s, session.id, order.id)]
    return PackView(session.id, order.id, order.number, order.customer_name,
                    session.current_parcel, lines, last, _parcels_used(s, session.id))


def _find_order_for_code(s: Session, code: str) -> int:
    code = code.strip().upper()
    oid = s.scalar(select(Order.id).where(Order.number == code))
    if oid is not None:
        return oid
    pl_id = s.scalar(select(PickList.id).where(PickList.number == code))
    if pl_id is None:
        raise NotFound(f"{code} is neither an order nor a pick list.")
    ids = list(s.scalars(select(PickListOrder.order_id)
                         .where(PickListOrder.pick_list_id == pl_id)
                         .order_by(PickListOrder.order_id)))
    reserved = _open_reserved_by_line(s, ids)
    packed = _packed_unshipped_by_line(s, ids)
    for oid in ids:
        line_ids = s.scalars(select(OrderLine.id).where(OrderLine.order_id == oid)).all()
        if any(reserved.get(li, 0) > packed.get(li, 0) for li in line_ids):
            return oid
    raise ValidationFailed(f"Every order on pick list {code} is packed already.")


@cache
def _order_by_number_statement() -> Executable:
    return select(Order).where(Order.number == bindparam("number")).with_for_update()


@cache
def _open_pack_session_statement() -> Executable:
    return select(PackSession).where(PackSession.order_id == bindparam("order_id"),
                                     PackSession.status == "open")


def start_packing(db: Database, actor: Actor, code: str) -> PackView:
    """Open (or resume) packing for the order or pick list scanned."""
    actor.require(Permission.SHIP)
    with db.writer() as s:
        # row lock: one packer opens at a time (an order number is locked as it is read)
        order = s.scalar(_order_by_number_statement(), {"number": code.strip().upper()})
        if order is None:
            order = orders._load(s, _find_order_for_code(s, code), None)
        if (OrderStatus(order.status) not in PACKABLE_STATUSES
                and _open_reship_case(s, order.id) is None):
            raise ValidationFailed(f"Order {order.number} is {order.status}; it cannot be "
                                   "packed.")
        open_session = s.scalar(_open_pack_session_statement(), {"order_id": order.id})
        if open_session is not None:
            if open_session.started_by != actor.username:
                raise PackingBusy(
                    f"Order {order.number} is being packed by {open_session.started_by} on "
                    f"{open_session.workstation or 'another station'} since "
                    f"{open_session.started_at.astimezone():%H:%M}.")
            return _pack_view(s, open_session, order, "resumed")
        session = PackSession(order_id=order.id, started_by=actor.username,
                              workstation=actor.workstation)
        s.add(session)
        s.flush()
        # a new session has no scans yet: no parcels used
        lines = [r.line for r in _pack_rows(s, session.id, order.id)]
        view = PackView(session.id, order.id, order.number, order.customer_name,
                        session.current_parcel, lines)
        if view.expected_units == 0:
            raise ValidationFailed(
                f"Order {order.number} has nothing to pack: nothing is reserved for it that is "
                "not already in a parcel.")
        audit(s, actor, "start_packing", "order", order.id, pack_session=session.id)
        return view


@cache
def _open_session_statement() -> Executable:
    return (select(PackSession, Order.number, Order.customer_name)
            .join(Order, Order.id == PackSession.order_id)
            .where(PackSession.id == bindparam("session_id", type_=Integer))
            .with_for_update(of=PackSession))


def _open_session(s: Session, actor: Actor, session_id: int) -> tuple[PackSession, _OrderHead]:
    """The open session, row-locked, with its order's number and customer: one query."""
    row = s.execute(_open_session_statement(), {"session_id": session_id}).first()
    if row is None:
        raise NotFound(f"Pack session {session_id} does not exist.")
    session, number, customer_name = row
    if session.status != "open":
        raise ValidationFailed(f"This packing was {session.status} already.")
    return session, _OrderHead(session.order_id, number, customer_name)


@cache
def _open_session_and_order_statement() -> Executable:
    return (select(PackSession, Order).join(Order, Order.id == PackSession.order_id)
            .where(PackSession.id == bindparam("session_id", type_=Integer))
            .with_for_update())


def _open_session_and_order(s: Session, session_id: int) -> tuple[PackSession, Order]:
    """The open session and its order, both row-locked (closing the box changes the
    order), in one query."""
    row = s.execute(_open_session_and_order_statement(), {"session_id": session_id}).first()
    if row is None:
        raise NotFound(f"Pack session {session_id} does not exist.")
    session, order = row
    if session.status != "open":
        raise ValidationFailed(f"This packing was {session.status} already.")
    return session, order


_I_PACK_SCAN = insert(cast(Table, PackScan.__table__))  # one per scan: built once


def scan_item(db: Database, actor: Actor, session_id: int, code: str,
              lot_serial: str = "", *, scan_key: str = "") -> PackView:
    """Count a scanned item (SKU, EAN/UPC, case barcode = its pack quantity, GS1 with AI 01).
    A wrong item or one too many is refused with ScanRefused and not counted. A product
    tracked by serial or lot needs ``lot_serial`` (or a GS1 scan carrying AI 21 / AI 10):
    without it the scan is refused with kind ``needs_serial`` / ``needs_lot`` so the
    station can ask for it and send the scan again. ``scan_key``: an offline-journalled
    scan is applied at most once."""
    actor.require(Permission.SHIP)
    with db.writer() as s:
        if scan_key:  # issue 10: an offline-journalled scan is applied at most once
            journal.claim(s, scan_key, actor.workstation, "pack")
        session, order = _open_session(s, actor, session_id)
        match, gs1_serial, gs1_lot = _match_scan(s, code)
        if match is None:
            raise ScanRefused(f"{code.strip()} is not a known product, SKU or barcode.",
                              "unknown_code")
        rows = _pack_rows(s, session.id, order.id)
        on_order = [r for r in rows if r.product_id == match.product_id]
        row = next((r for r in on_order if r.line.scanned < r.line.expected), None)
        if row is None:
            if not on_order:
                raise ScanRefused(f"WRONG ITEM: {match.sku} {match.name} is not on order "
                                  f"{order.number}.", "wrong_item")
            pl = on_order[0].line
            raise ScanRefused(f"TOO MANY: {match.sku} — {pl.expected} to pack, "
                              f"{pl.scanned} scanned already.", "too_many")
        line = row.line
        if line.scanned + match.pack_qty > line.expected:
            raise ScanRefused(f"TOO MANY: this code counts {match.pack_qty} × {match.sku}, but "
                              f"only {line.expected - line.scanned} more are to pack.",
                              "too_many")
        value = _lot_serial_for(s, session.id, match, lot_serial, gs1_serial, gs1_lot,
                                row.tracking)
        s.connection().execute(_I_PACK_SCAN, {
            "session_id": session.id, "username": actor.username, "code": code.strip()[:64],
            "order_line_id": line.line_id, "product_id": match.product_id,
            "quantity": match.pack_qty, "parcel_no": session.current_parcel,
            "lot_serial": value})
        # The session row is locked: the view after the scan is the one read before it
        # plus this scan, so it is not read again.
        lines = [replace(r.line, scanned=r.line.scanned + match.pack_qty)
                 if r.line.line_id == line.line_id else r.line for r in rows]
        used = _parcels_used(s, session.id)
        return PackView(session.id, order.id, order.number, order.customer_name,
                        session.current_parcel, lines, f"+{match.pack_qty} {match.sku}", used)


# --- Serial numbers and lots -------------------------------------------------------------


def tracking_mode(s: Session, product_id: int) -> str:
    """none, serial or lot: what packing this product asks for."""
    return s.scalar(select(ProductTracking.tracking)
                    .where(ProductTracking.product_id == product_id)) or "none"


def set_product_tracking(db: Database, actor: Actor, product_id: int, tracking: str) -> None:
    """Set whether packing the product asks for a serial number, a lot, or nothing."""
    actor.require(Permission.EDIT_PRODUCTS)
    if tracking not in ("none", "serial", "lot"):
        raise ValidationFailed(f"Tracking is none, serial or lot, not {tracking!r}.")
    with db.writer() as s:
        if s.get(Product, product_id) is None:
            raise NotFound(f"Product {product_id} does not exist.")
        row = s.get(ProductTracking, product_id)
        if row is None:
            s.add(ProductTracking(product_id=product_id, tracking=tracking))
        else:
            row.tracking = tracking
        audit(s, actor, "set_tracking_mode", "product", product_id, tracking=tracking)


def _match_scan(s: Session, code: str) -> tuple[ProductMatch | None, str, str]:
    """The product a scan names, and the serial (AI 21) and lot (AI 10) of a GS1 scan."""
    match = find_product(s, code)
    if match is not None:
        return match, "", ""
    from app.domain.scan import ScanKind, classify

    scan = classify(code)
    if scan.kind is not ScanKind.GS1 or not scan.gtin:
        return None, "", ""
    gtin = scan.gtin
    for candidate in (gtin, gtin.lstrip("0"), gtin[1:], gtin[-12:], gtin[-8:]):
        match = find_product(s, candidate) if candidate else None
        if match is not None:
            break
    return match, scan.ais.get("21", ""), scan.ais.get("10", "")


def _lot_serial_for(s: Session, session_id: int, match: ProductMatch, given: str,
                    gs1_serial: str, gs1_lot: str, mode: str | None = None) -> str:
    if mode is None:
        mode = tracking_mode(s, match.product_id)
    if mode == "none":
        return ""
    value = (given.strip() or (gs1_serial if mode == "serial" else gs1_lot)).upper()
    if not value:
        what = "serial number" if mode == "serial" else "lot"
        raise ScanRefused(f"{match.sku} is tracked by {what}: scan its {what}.",
                          f"needs_{'serial' if mode == 'serial' else 'lot'}")
    if not re.fullmatch(r"[A-Z0-9./_-]{1,64}", value):
        raise ScanRefused(f"{value!r} does not look like a serial number or lot.",
                          "bad_serial")
    if mode == "serial":
        if match.pack_qty != 1:
            raise ScanRefused(f"{match.sku} is tracked by serial number: scan the single "
                              "items, not the case.", "needs_serial")
        in_session = s.scalar(select(PackScan.id).where(
            PackScan.session_id == session_id, PackScan.undone.is_(False),
            PackScan.product_id == match.product_id, PackScan.lot_serial == value))
        shipped = s.scalar(select(ParcelSerial.id).where(
            ParcelSerial.product_id == match.product_id, ParcelSerial.value == value,
            ParcelSerial.kind == "serial"))
        if in_session is not None or shipped is not None:
            raise ScanRefused(f"Serial number {value} of {match.sku} was scanned already.",
                              "duplicate_serial")
    return value


@cache
def _open_reship_case_statement() -> Executable:
    return (select(ReshipRequest.case_id).where(
        ReshipRequest.order_id == bindparam("order_id", type_=Integer),
        ReshipRequest.status == "requested").order_by(ReshipRequest.id).limit(1))


def _open_reship_case(s: Session, order_id: int) -> int | None:
    """The exception case whose reship of this order waits to be packed, if any."""
    case_id = s.scalar(_open_reship_case_statement(), {"order_id": order_id})
    return int(case_id) if case_id is not None else None


def undo_last_scan(db: Database, actor: Actor, session_id: int) -> PackView:
    actor.require(Permission.SHIP)
    with db.writer() as s:
        session, order = _open_session(s, actor, session_id)
        last = s.scalar(select(PackScan).where(PackScan.session_id == session.id,
                                               PackScan.undone.is_(False))
                        .order_by(PackScan.id.desc()).limit(1))
        if last is None:
            raise ScanRefused("Nothing to undo.", "nothing_to_undo")
        last.undone = True
        s.flush()
        sku = s.scalar(select(Product.sku).where(Product.id == last.product_id))
        return _pack_view(s, session, order, f"-{last.quantity} {sku} (undone)")


def next_parcel(db: Database, actor: Actor, session_id: int) -> PackView:
    """Start the next box: the following scans go into it."""
    actor.require(Permission.SHIP)
    with db.writer() as s:
        session, order = _open_session(s, actor, session_id)
        used = s.scalar(select(func.count()).select_from(PackScan)
                        .where(PackScan.session_id == session.id, PackScan.undone.is_(False),
                               PackScan.parcel_no == session.current_parcel))
        if not used:
            raise ValidationFailed(f"Parcel {session.current_parcel} is still empty.")
        session.current_parcel += 1
        return _pack_view(s, session, order, f"parcel {session.current_parcel}")


def cancel_packing(db: Database, actor: Actor, session_id: int) -> None:
    actor.require(Permission.SHIP)
    with db.writer() as s:
        session, order = _open_session(s, actor, session_id)
        session.status, session.closed_at = "cancelled", utcnow()
        audit(s, actor, "cancel_packing", "order", order.id, pack_session=session.id)


def get_pack_view(db: Database, session_id: int) -> PackView:
    with db.reader() as s:
        session = s.get(PackSession, session_id)
        if session is None:
            raise NotFound(f"Pack session {session_id} does not exist.")
        order = s.scalar(select(Order).options(selectinload(Order.lines))
                         .where(Order.id == session.order_id))
        assert order is not None
        return _pack_view(s, session, order)


@dataclass
class ParcelInput:
    """What the packer says about a box; empty fields are worked out."""

    box_code: str = ""
    weight_kg: Decimal | None = None
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None
    tracking_number: str = ""


@dataclass(frozen=True)
class ParcelView:
    id: int
    parcel_no: int
    of: int
    box_code: str
    weight_kg: Decimal
    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal
    tracking_number: str
    label_code: str  # what the label's barcode carries: tracking number or SH-…-n
    status: str
    shipped_at: datetime | None
    shipped_by: str
    items: list[tuple[str, str, int]]  # sku, name, quantity


@dataclass(frozen=True)
class ShipmentView:
    id: int
    number: str
    order_id: int
    order_number: str
    status: str
    recipient: str
    phone: str
    email: str
    country: str
    province: str
    city: str
    district: str
    street: str
    postcode: str
    carrier_code: str
    carrier_name: str
    service_name: str
    tracking_url_template: str
    choice_explanation: str
    shipping_cost: Decimal | None
    packed_at: datetime
    packed_by: str
    parcels: list[ParcelView]
    lines: list[tuple[str, str, int, int]]  # sku, name, ordered, in this shipment
    backorder: list[tuple[str, str, int]] = field(default_factory=list)  # sku, name, qty

    def tracking_url(self, tracking_number: str) -> str:
        return rules.tracking_url(self.tracking_url_template, tracking_number)


def _label_code(shipment_number: str, p: Parcel) -> str:
    return p.tracking_number or f"{shipment_number}-{p.parcel_no}"


def _shipment_view(s: Session, sh: Shipment, order: Order | None = None) -> ShipmentView:
    """``order``: the shipment's order when the caller has it already (not read again)."""
    if order is None:
        order = s.scalar(select(Order).options(selectinload(Order.lines))
                         .where(Order.id == sh.order_id))
    assert order is not None
    svc = s.get(CarrierService, sh.service_id) if sh.service_id else None
    carrier = s.get(Carrier, svc.carrier_id) if svc else None
    names = {li.id: (li.sku, li.name, li.quantity) for li in order.lines}
    parcels = []
    in_shipment: dict[int, int] = defaultdict(int)
    for p in sh.parcels:
        items = []
        for it in p.items:
            sku, name, _ = names[it.order_line_id]
            items.append((sku, name, it.quantity))
            in_shipment[it.order_line_id] += it.quantity
        parcels.append(ParcelView(p.id, p.parcel_no, len(sh.parcels), p.box_code, p.weight_kg,
                                  p.length_cm, p.width_cm, p.height_cm, p.tracking_number or "",
                                  _label_code(sh.number, p), p.status, p.shipped_at,
                                  p.shipped_by, items))
    shipped, packed = _shipped_and_packed_by_line(s, order.id)
    lines = [(li.sku, li.name, li.quantity, in_shipment.get(li.id, 0)) for li in order.lines]
    backorder = [(li.sku, li.name, li.quantity - shipped.get(li.id, 0) - packed.get(li.id, 0))
                 for li in order.lines
                 if li.quantity - shipped.get(li.id, 0) - packed.get(li.id, 0) > 0]
    return ShipmentView(
        sh.id, sh.number, order.id, order.number, sh.status, order.ship_recipient,
        order.phone, order.email, order.ship_country, order.ship_province, order.ship_city,
        order.ship_district, order.ship_street, order.ship_postcode,
        carrier.code if carrier else "", carrier.name if carrier else "",
        svc.name if svc else "", carrier.tracking_url_template if carrier else "",
        sh.choice_explanation, sh.shipping_cost, sh.packed_at, sh.packed_by, parcels, lines,
        backorder)


def get_shipment(db: Database, shipment_id: int) -> ShipmentView:
    with db.reader() as s:
        sh = s.scalar(select(Shipment).options(
            selectinload(Shipment.parcels).selectinload(Parcel.items))
            .where(Shipment.id == shipment_id))
        if sh is None:
            raise NotFound(f"Shipment {shipment_id} does not exist.")
        return _shipment_view(s, sh)


@dataclass(frozen=True)
class ShipmentRow:
    """A shipment waiting to leave, as the batch-printing list shows it."""

    id: int
    number: str
    order_number: str
    recipient: str
    carrier: str
    parcels: int
    packed_at: datetime
    label_printed: bool


def shipments_to_print(db: Database, limit: int = 500) -> list[ShipmentRow]:
    """Packed shipments that have not left yet (newest first), for batch printing of
    labels and packing slips."""
    with db.reader() as s:
        # The newest few first (index on status, packed_at), then their parcels: never a
        # grouping over every shipment ever packed.
        ids = list(s.scalars(select(Shipment.id).where(Shipment.status == "packed")
                             .order_by(Shipment.packed_at.desc(), Shipment.id.desc())
                             .limit(limit)))
        if not ids:
            return []
        rows = {r[0]: r for r in s.execute(
            select(Shipment.id, Shipment.number, Order.number, Order.ship_recipient,
                   func.coalesce(Carrier.name, ""), func.coalesce(CarrierService.name, ""),
                   func.count(Parcel.id), Shipment.packed_at,
                   func.count(Parcel.id) - func.count(Parcel.label_printed_at))
            .join(Order, Order.id == Shipment.order_id)
            .join(Parcel, Parcel.shipment_id == Shipment.id)
            .outerjoin(CarrierService, CarrierService.id == Shipment.service_id)
            .outerjoin(Carrier, Carrier.id == CarrierService.carrier_id)
            .where(Shipment.id.in_(ids))
            .group_by(Shipment.id, Shipment.number, Order.number, Order.ship_recipient,
                      Carrier.name, CarrierService.name, Shipment.packed_at))}
    return [ShipmentRow(r[0], r[1], r[2], r[3], f"{r[4]} {r[5]}".strip(), int(r[6]), r[7],
                        int(r[8]) == 0) for r in (rows[i] for i in ids if i in rows)]


def _days_until(promised: date | None) -> int | None:
    if promised is None:
        return None
    return max(0, (promised - date.today()).days)


@dataclass(frozen=True)
class _ParcelPlan:
    box_code: str
    spec: rules.ParcelSpec
    tracking_number: str


def _scans_by_parcel(scans: Any) -> dict[int, dict[tuple[int, int], int]]:
    """Units per (order line, product) in each parcel number."""
    by_parcel: dict[int, dict[tuple[int, int], int]] = defaultdict(lambda: defaultdict(int))
    for sc in scans:
        by_parcel[sc.parcel_no][(sc.order_line_id, sc.product_id)] += sc.quantity
    return by_parcel


@cache
def _boxes_statement() -> Executable:
    return select(BoxSize)


@cache
def _weights_statement() -> Executable:
    return select(Product.id, Product.weight_kg).where(
        Product.id.in_(bindparam("ids", expanding=True)))


def _parcel_plans(s: Session, by_parcel: dict[int, dict[tuple[int, int], int]],
                  parcels: list[ParcelInput] | None) -> list[_ParcelPlan]:
    """Box, weight and size of each parcel (in parcel-number order): what the packer said,
    else the box's size and the contents' weight plus the box's tare. Shared by the
    proposal shown while packing and by completion, so both price the same parcels."""
    inputs = list(parcels or [])
    inputs += [ParcelInput() for _ in range(len(by_parcel) - len(inputs))]
    boxes = {b.code: b for b in s.scalars(_boxes_statement())}
    product_ids = {pid for items in by_parcel.values() for (_, pid) in items}
    weights = {pid: w for pid, w in s.execute(_weights_statement(),
                                              {"ids": sorted(product_ids)})
               } if product_ids else {}
    plans = []
    for no, inp in zip(sorted(by_parcel), inputs, strict=False):
        box = boxes.get(inp.box_code)
        if inp.box_code and box is None:
            raise ValidationFailed(f"There is no box size {inp.box_code}.")
        content_kg = sum((Decimal(weights.get(pid) or 0) * q
                          for (_, pid), q in by_parcel[no].items()), Decimal(0))
        weight = inp.weight_kg if inp.weight_kg is not None else (
            content_kg + (box.tare_kg if box else Decimal(0)))
        if weight < 0:
            raise ValidationFailed("A parcel cannot weigh less than nothing.")
        dims = [getattr(inp, f) if getattr(inp, f) is not None
                else (getattr(box, f) if box else Decimal(0))
                for f in ("length_cm", "width_cm", "height_cm")]
        plans.append(_ParcelPlan(inp.box_code, rules.ParcelSpec(weight, *dims),
                                 inp.tracking_number.strip().upper()))
    return plans


@dataclass(frozen=True)
class ServiceOption:
    """One carrier service as the packer may pick it: its price, or why it cannot."""

    service_id: int
    label: str
    price: Decimal | None
    transit_days: int | None
    refused: str  # "" when it takes the parcels
    is_freight: bool


@dataclass(frozen=True)
class ServiceProposal:
    """What the desk proposes for the parcels packed so far, and why."""

    service_id: int | None
    label: str
    price: Decimal | None
    explanation: str  # the domain's sentence: cheapest, dearer, not chosen and why
    accepting: int  # how many services take the parcels
    total_kg: Decimal  # actual weight of every parcel
    chargeable_kg: Decimal | None  # what the proposed service charges for (volumetric)
    zone: str
    freight: bool
    options: list[ServiceOption]


def propose_service(db: Database, session_id: int,
                    parcels: list[ParcelInput] | None = None) -> ServiceProposal:
    """The service ``complete_packing`` would choose for this packing with these parcel
    inputs (one per parcel that holds scans, in order), with every service's price or
    refusal so the packer can override. Nothing is written."""
    with db.reader() as s:
        session = s.get(PackSession, session_id)
        if session is None:
            raise NotFound(f"Pack session {session_id} does not exist.")
        order = s.get(Order, session.order_id)
        assert order is not None
        scans = s.scalars(select(PackScan).where(PackScan.session_id == session.id,
                                                 PackScan.undone.is_(False))).all()
        specs = [p.spec for p in _parcel_plans(s, _scans_by_parcel(scans), parcels)]
        services = load_services(s)
    dest = rules.Destination(order.ship_country, order.ship_province, order.ship_postcode)
    choice = rules.choose(services, specs, dest, _days_until(order.promised_date))
    options = []
    for svc in services:
        q = rules.quote(svc, specs, dest) if specs else rules.Refusal(svc, "nothing packed")
        assert svc.id is not None
        options.append(ServiceOption(
            svc.id, svc.label, q.price if isinstance(q, rules.Quote) else None,
            q.transit_days if isinstance(q, rules.Quote) else None,
            q.reason if isinstance(q, rules.Refusal) else "", svc.is_freight))
    chosen = choice.chosen
    return ServiceProposal(
        chosen.service.id if chosen else None, chosen.service.label if chosen else "",
        chosen.price if chosen else None, choice.explanation, len(choice.quotes),
        sum((p.weight_kg for p in specs), Decimal(0)),
        chosen.chargeable_kg if chosen else None, chosen.zone if chosen else "",
        choice.freight, options)


@cache
def _session_scans_statement() -> Executable:
    return (select(PackScan).where(PackScan.session_id == bindparam("session_id", type_=Integer),
                                   PackScan.undone.is_(False))
            .order_by(PackScan.id))


def complete_packing(
    db: Database, actor: Actor, session_id: int, parcels: list[ParcelInput] | None = None,
    service_id: int | None = None,
) -> ShipmentView:
    """Close the box(es): a shipment with one parcel per box, what was scanned in each, the
    carrier service (the packer's, or the cheapest that fits, with the reason) and
    tracking numbers (typed/scanned, or from the carrier's range). What was not scanned
    stays reserved on the order as a backorder."""
    actor.require(Permission.SHIP)
    with db.writer() as s:
        session, order = _open_session_and_order(s, session_id)
        scans = s.scalars(_session_scans_statement(), {"session_id": session.id}).all()
        if not scans:
            raise ValidationFailed("Nothing has been scanned; there is nothing to ship.")
        by_parcel = _scans_by_parcel(scans)
        numbers = sorted(by_parcel)
        plans = _parcel_plans(s, by_parcel, parcels)
        sh = Shipment(number=next_number(s, "shipment"), order_id=order.id,
                      warehouse_id=order.warehouse_id or 0, packed_by=actor.username)
        if not sh.warehouse_id:
            from app.services.catalog import default_warehouse_id
            sh.warehouse_id = default_warehouse_id(s)
        specs: list[rules.ParcelSpec] = []
        serials: dict[int, list[PackScan]] = {}
        for idx, (no, plan) in enumerate(zip(numbers, plans, strict=True)):
            spec = plan.spec
            p = Parcel(parcel_no=idx + 1, box_code=plan.box_code, weight_kg=spec.weight_kg,
                       length_cm=spec.length_cm, width_cm=spec.width_cm,
                       height_cm=spec.height_cm, tracking_number=plan.tracking_number or None)
            p.items = [ParcelItem(order_line_id=lid, product_id=pid, quantity=q)
                       for (lid, pid), q in by_parcel[no].items()]
            serials[idx + 1] = [sc for sc in scans if sc.parcel_no == no and sc.lot_serial]
            sh.parcels.append(p)
            specs.append(spec)
        services = load_services(s)
        dest = rules.Destination(order.ship_country, order.ship_province, order.ship_postcode)
        choice = rules.choose(services, specs, dest, _days_until(order.promised_date))
        chosen_id = service_id
        if service_id is not None:
            picked = next((x for x in services if x.id == service_id), None)
            if picked is None:
                raise NotFound(f"Carrier service {service_id} does not exist or is inactive.")
            q = rules.quote(picked, specs, dest)
            sh.choice_explanation = (f"Chosen by {actor.username}: {picked.label}. "
                                     f"Proposed: {choice.explanation}")
            sh.shipping_cost = q.price if isinstance(q, rules.Quote) else None
        elif choice.chosen is not None:
            chosen_id = choice.chosen.service.id
            sh.choice_explanation, sh.shipping_cost = choice.explanation, choice.chosen.price
        else:
            sh.choice_explanation = choice.explanation
        sh.service_id = chosen_id
        if chosen_id is not None:
            carrier_id = s.scalar(select(CarrierService.carrier_id)
                                  .where(CarrierService.id == chosen_id))
            assert carrier_id is not None
            for p in sh.parcels:
                if not p.tracking_number:
                    p.tracking_number = _take_tracking_number(s, carrier_id)
        sh.case_id = _open_reship_case(s, order.id)
        s.add(sh)
        s.flush()
        _after_pack(s, sh, serials)
        session.status, session.closed_at, session.shipment_id = "completed", utcnow(), sh.id
        view = _shipment_view(s, sh, order)
        if not view.backorder and can_move(order.status, OrderStatus.PACKED):
            orders.set_status(s, actor, order, OrderStatus.PACKED, f"packed {sh.number}")
        orders._touch(order, actor)
        audit(s, actor, "pack", "shipment", sh.id, number=sh.number, order=order.number,
              parcels=len(sh.parcels), service=chosen_id, backorder=len(view.backorder))
        return view


def set_tracking_number(db: Database, actor: Actor, parcel_id: int, tracking: str) -> None:
    """Tracking number typed or scanned from a pre-printed carrier label."""
    actor.require(Permission.SHIP)
    tracking = tracking.strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{6,40}", tracking):
        raise ValidationFailed(f"{tracking!r} does not look like a tracking number.")
    with db.writer() as s:
        p = s.get(Parcel, parcel_id, with_for_update=True)
        if p is None:
            raise NotFound(f"Parcel {parcel_id} does not exist.")
        if p.status != "packed":
            raise ValidationFailed("The parcel has left already; its tracking number is fixed.")
        other = s.scalar(select(Parcel.id).where(Parcel.tracking_number == tracking))
        if other is not None and other != p.id:
            raise ValidationFailed(f"Tracking number {tracking} is on another parcel already.")
        p.tracking_number = tracking
        audit(s, actor, "set_tracking", "parcel", p.id, tracking=tracking)


def mark_label_printed(db: Database, actor: Actor, shipment_id: int) -> None:
    actor.require(Permission.SHIP)
    with db.writer() as s:
        s.execute(update(Parcel).where(Parcel.shipment_id == shipment_id)
                  .values(label_printed_at=utcnow()))


# --- Cross-area hooks: serials and reships at packing; invoice, credit and cost at shipping ---


def _after_pack(s: Session, sh: Shipment, serials: dict[int, list[PackScan]]) -> None:
    """Serial numbers and lots scanned into each parcel; a reship's requests are packed."""
    for p in sh.parcels:
        lots: dict[tuple[int, int, str], int] = defaultdict(int)
        for sc in serials.get(p.parcel_no, []):
            if tracking_mode(s, sc.product_id) == "serial":
                s.add(ParcelSerial(parcel_id=p.id, order_line_id=sc.order_line_id,
                                   product_id=sc.product_id, kind="serial", value=sc.lot_serial,
                                   quantity=1))
            else:
                lots[(sc.order_line_id, sc.product_id, sc.lot_serial)] += sc.quantity
        for (lid, pid, value), q in lots.items():
            s.add(ParcelSerial(parcel_id=p.id, order_line_id=lid, product_id=pid, kind="lot",
                               value=value, quantity=q))
    if sh.case_id is not None:
        for req in s.scalars(select(ReshipRequest).where(
                ReshipRequest.case_id == sh.case_id, ReshipRequest.order_id == sh.order_id,
                ReshipRequest.status == "requested")):
            req.status, req.shipment_ref = "packed", sh.number


def _after_ship(s: Session, actor: Actor, order: Order, sh: Any,
                override_reason: str | None, approver: Actor | None,
                carried: dict[int, int] | None = None) -> int | None:
    """Credit check and invoice (receivables), the carrier rate as the order's shipping
    cost (profit) — in the shipping transaction, so a refusal leaves the parcel unshipped.
    The invoice is the shipment's (an order shipped in parts gets one per shipment). A
    reship for an exception case is not invoiced again. Returns the invoice id.
    ``sh``: the ship-by-scan parcel row (``shipment_id``, ``case_id``, ``shipping_cost``,
    ``number``); ``carried``: units per order line of the whole shipment, when the caller
    knows them."""
    from app.services import profit, receivables

    invoice_id: int | None = None
    if sh.case_id is None:
        try:
            invoice_id = receivables.on_order_shipped(s, actor, order.id, override_reason,
                                                      approver, shipment_id=sh.shipment_id,
                                                      shipment_number=sh.number,
                                                      carried=carried)
        except receivables.CreditRefused as exc:
            raise receivables.CreditRefused(
                f"Not shipped — the parcel stays packed. {exc}", customer_id=exc.customer_id,
                limit=exc.limit, outstanding=exc.outstanding, order_total=exc.order_total,
                on_hold=exc.on_hold) from exc
    if sh.shipping_cost is not None and sh.shipping_cost > 0:
        from app.db.models import OrderCost

        booked = s.scalar(select(OrderCost.id).where(
            OrderCost.order_id == order.id, OrderCost.kind == "shipping",
            OrderCost.note == f"carrier rate {sh.number}"))
        if booked is None:
            profit.add_order_cost_in(s, actor, order.id, "shipping", sh.shipping_cost,
                                     note=f"carrier rate {sh.number}")
    return invoice_id


# --- Ship by scan ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ShipResult:
    already: bool
    message: str
    order_number: str
    shipment_id: int
    parcel_no: int
    tracking_number: str
    order_status: str
    invoice_id: int | None = None


_LABEL_CODE = re.compile(r"^(SH-\d+)-(\d+)$")


def _parcel_ids_for_code(s: Session, code: str) -> tuple[int, int] | None:
    row = _parcel_for_code(s, code)
    return (row.parcel_id, row.order_id) if row else None


_PARCEL_COLUMNS = (Parcel.id.label("parcel_id"), Parcel.parcel_no, Parcel.tracking_number,
                   Parcel.status, Parcel.shipped_at, Parcel.shipped_by,
                   Shipment.id.label("shipment_id"), Shipment.number, Shipment.order_id,
                   Shipment.warehouse_id, Shipment.service_id, Shipment.case_id,
                   Shipment.shipping_cost)

# Ship-by-scan runs once per scan all day: its statements are built once (Core, on the
# tables, so no ORM synchronisation) and only their parameters change.
_T_PARCEL = cast(Table, Parcel.__table__)
_T_SHIPMENT = cast(Table, Shipment.__table__)
_T_STOCK = cast(Table, StockLevel.__table__)
_T_RES = cast(Table, Reservation.__table__)
_T_STOCK_MOVE = cast(Table, StockMove.__table__)
_Q_BY_TRACKING = (select(*_PARCEL_COLUMNS).join(Shipment, Shipment.id == Parcel.shipment_id)
                  .where(Parcel.tracking_number == bindparam("code")))
_Q_BY_LABEL = (select(*_PARCEL_COLUMNS).join(Shipment, Shipment.id == Parcel.shipment_id)
               .where(Shipment.number == bindparam("number"),
                      Parcel.parcel_no == bindparam("no")))
_Q_PARCEL_LOCK = (select(_T_PARCEL.c.status, _T_PARCEL.c.shipped_at, _T_PARCEL.c.shipped_by)
                  .where(_T_PARCEL.c.id == bindparam("pid")).with_for_update())
_Q_ITEMS = (select(ParcelItem.order_line_id, ParcelItem.product_id, ParcelItem.quantity)
            .where(ParcelItem.parcel_id == bindparam("pid")))
_U_STOCK = (update(_T_STOCK)
            .where(_T_STOCK.c.product_id == bindparam("pid"),
                   _T_STOCK.c.warehouse_id == bindparam("wid"),
                   _T_STOCK.c.reserved >= bindparam("qty"), _T_STOCK.c.on_hand >= bindparam("qty"))
            .values(on_hand=_T_STOCK.c.on_hand - bindparam("qty"),
                    reserved=_T_STOCK.c.reserved - bindparam("qty")))
_Q_OPEN_RES_LINES = (select(_T_RES.c.id, _T_RES.c.quantity, _T_RES.c.order_id,
                            _T_RES.c.product_id, _T_RES.c.warehouse_id, _T_RES.c.order_line_id)
                     .where(_T_RES.c.order_line_id.in_(bindparam("lids", expanding=True)),
                            _T_RES.c.status == "open")
                     .order_by(_T_RES.c.order_line_id, _T_RES.c.id).with_for_update())
_U_RES_CONSUMED_MANY = (update(_T_RES).where(_T_RES.c.id.in_(bindparam("rids", expanding=True)))
                        .values(status="consumed", closed_at=bindparam("now")))
_U_RES_LESS = (update(_T_RES).where(_T_RES.c.id == bindparam("rid"))
               .values(quantity=bindparam("left")))
_U_PARCEL_SHIPPED = (update(_T_PARCEL).where(_T_PARCEL.c.id == bindparam("pid"))
                     .values(status="shipped", shipped_at=bindparam("now"),
                             shipped_by=bindparam("by"), ship_date=bindparam("day")))
_U_SHIPMENT = (update(_T_SHIPMENT).where(_T_SHIPMENT.c.id == bindparam("shid"))
               .values(status=bindparam("status"), shipped_at=bindparam("at")))
_Q_LINES_LEFT = (
    select(func.count()).select_from(OrderLine)
    .where(OrderLine.order_id == bindparam("oid"),
           OrderLine.quantity > select(func.coalesce(func.sum(ParcelItem.quantity), 0))
           .join(Parcel, Parcel.id == ParcelItem.parcel_id)
           .where(ParcelItem.order_line_id == OrderLine.id, Parcel.status == "shipped")
           .scalar_subquery()))
# the shipment's parcels, those not shipped yet, and the order's lines not fully shipped:
# one statement after the parcel is marked shipped
_Q_AFTER_PARCEL = select(
    select(func.count()).where(_T_PARCEL.c.shipment_id == bindparam("shid"))
    .scalar_subquery(),
    select(func.count()).where(_T_PARCEL.c.shipment_id == bindparam("shid"),
                               _T_PARCEL.c.status != "shipped").scalar_subquery(),
    _Q_LINES_LEFT.scalar_subquery())
_Q_CARRIER = (select(Carrier.name, Carrier.tracking_url_template)
              .join(CarrierService, CarrierService.carrier_id == Carrier.id)
              .where(CarrierService.id == bindparam("sid")))


def _parcel_for_code(s: Session, code: str) -> Any:
    """One indexed lookup: the parcel by tracking number (unique), else by label code."""
    code = code.strip().upper()
    conn = s.connection()
    row = conn.execute(_Q_BY_TRACKING, {"code": code}).first()
    if row is None:
        m = _LABEL_CODE.match(code)
        if m:
            row = conn.execute(_Q_BY_LABEL, {"number": m.group(1),
                                             "no": int(m.group(2))}).first()
    return row


class _Consumption:
    """A parcel's items consume their lines' open reservations, oldest first: one query
    for every line's reservations (row-locked, before the stock levels, in the order
    ``stock.release_order`` locks them) and one UPDATE for all the reservations used up;
    one partly used keeps the rest open and the part taken becomes a consumed row."""

    def __init__(self, s: Session, line_ids: list[int]) -> None:
        self.conn = s.connection()
        self.now = utcnow()
        self.open: dict[int, list[list[Any]]] = defaultdict(list)  # line → [id, held, row]
        if line_ids:
            for r in self.conn.execute(_Q_OPEN_RES_LINES, {"lids": sorted(set(line_ids))}):
                self.open[r.order_line_id].append([r.id, r.quantity, r])
        self.consumed: list[int] = []

    def take(self, line_id: int, quantity: int) -> None:
        left = quantity
        for held in self.open.get(line_id, []):
            if left <= 0:
                break
            rid, have, r = held
            if have <= 0:
                continue
            take = min(left, have)
            if take == have:
                self.consumed.append(rid)
            else:  # part of it: the rest stays open, the part taken is a consumed row
                self.conn.execute(_U_RES_LESS, {"rid": rid, "left": have - take})
                self.conn.execute(insert(_T_RES).values(
                    order_id=r.order_id, order_line_id=line_id, product_id=r.product_id,
                    warehouse_id=r.warehouse_id, quantity=take, status="consumed",
                    closed_at=self.now, created_at=self.now))
            held[1] = have - take
            left -= take
        if left:
            raise ValidationFailed(f"{left} units in the parcel are no longer reserved for "
                                   "the order; check the order before shipping.")

    def write(self) -> None:
        if self.consumed:
            self.conn.execute(_U_RES_CONSUMED_MANY, {"rids": self.consumed, "now": self.now})


def ship_by_scan(db: Database, actor: Actor, code: str, override_reason: str | None = None,
                 approver: Actor | None = None, *, scan_key: str = "") -> ShipResult:
    """The parcel with this tracking number (or label code) leaves the warehouse.

    The hot path of the shipping desk (one call per scan): one indexed lookup, one short
    transaction, prebuilt Core statements rather than ORM loads; only the order and the
    shipment are ORM objects. Credit control applies again (``override_reason`` +
    ``approver``: a manager's override). ``scan_key`` (offline-journalled scans) makes a
    replayed scan apply at most once."""
    actor.require(Permission.SHIP)
    with db.writer() as s:
        if scan_key:
            journal.claim(s, scan_key, actor.workstation, "ship")
        row = _parcel_for_code(s, code)
        if row is None:
            raise NotFound(f"No parcel has the tracking number or label {code.strip()}.")
        order = orders._load(s, row.order_id, None)  # lock order first, then the parcel
        conn = s.connection()
        if db.is_sqlite:  # BEGIN IMMEDIATE came first: the lookup already read under the lock
            status, shipped_at, shipped_by = row.status, row.shipped_at, row.shipped_by
        else:
            status, shipped_at, shipped_by = conn.execute(
                _Q_PARCEL_LOCK, {"pid": row.parcel_id}).one()
        if status == "shipped":
            assert shipped_at is not None
            when = f"{shipped_at.astimezone():%Y-%m-%d %H:%M}"
            return ShipResult(True, f"Already shipped at {when} by {shipped_by}. "
                                    "Nothing changed.",
                              order.number, row.shipment_id, row.parcel_no,
                              row.tracking_number or "", order.status)
        reason = f"{row.number}/{row.parcel_no}"
        now = utcnow()
        moves = []
        items = conn.execute(_Q_ITEMS, {"pid": row.parcel_id}).all()
        consuming = _Consumption(s, [line_id for line_id, _p, _q in items])
        for line_id, product_id, quantity in items:
            res = conn.execute(_U_STOCK, {"pid": product_id, "wid": row.warehouse_id,
                                          "qty": quantity})
            if res.rowcount != 1:
                raise ValidationFailed(f"Stock of product {product_id} does not cover the "
                                       "parcel; run a stock check.")
            consuming.take(line_id, quantity)
            moves.append({"product_id": product_id, "warehouse_id": row.warehouse_id,
                          "quantity": -quantity, "kind": "sale", "order_id": order.id,
                          "reason": reason, "username": actor.username, "at": now,
                          "unit_cost": None})
        consuming.write()
        if moves:
            conn.execute(insert(_T_STOCK_MOVE), moves)
        conn.execute(_U_PARCEL_SHIPPED, {"pid": row.parcel_id, "now": now,
                                         "by": actor.username,
                                         "day": now.astimezone().date()})
        parcels, waiting, lines_left = conn.execute(
            _Q_AFTER_PARCEL, {"shid": row.shipment_id, "oid": order.id}).one()
        conn.execute(_U_SHIPMENT, {"shid": row.shipment_id,
                                   "status": "partly_shipped" if waiting else "shipped",
                                   "at": None if waiting else now})
        everything = not lines_left
        target = OrderStatus.SHIPPED if everything else OrderStatus.PARTLY_SHIPPED
        if order.status != target and can_move(order.status, target):
            orders.set_status(s, actor, order, target, f"{row.number} parcel {row.parcel_no}")
        orders._touch(order, actor)
        carried: dict[int, int] | None = None
        if parcels == 1:  # the shipment is this parcel: what it carried is read already
            carried = defaultdict(int)
            for line_id, _product_id, quantity in items:
                carried[line_id] += quantity
        invoice_id = _after_ship(s, actor, order, row, override_reason, approver, carried)
        carrier = conn.execute(_Q_CARRIER, {"sid": row.service_id}).first() \
            if row.service_id is not None else None
        tracking = row.tracking_number or f"{row.number}-{row.parcel_no}"
        notices.queue_for_order(
            s, order, target.value, f"{order.id}:{row.parcel_id}",
            carrier=carrier[0] if carrier else "", tracking=tracking,
            url=rules.tracking_url(carrier[1], tracking) if carrier else "")
        audit_now(s, actor, "ship", "parcel", row.parcel_id, shipment=row.number,
                  order=order.number, tracking=tracking)
        return ShipResult(False, f"Shipped {row.number} parcel {row.parcel_no} of "
                                 f"{parcels} — order {order.number} is {order.status}.",
                          order.number, row.shipment_id, row.parcel_no, tracking, order.status,
                          invoice_id)


# --- Manifest ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ManifestRow:
    carrier_code: str
    carrier_name: str
    service: str
    shipment: str
    order_number: str
    parcel_no: int
    tracking_number: str
    recipient: str
    city: str
    country: str
    weight_kg: Decimal
    shipped_at: datetime
    shipped_by: str


def manifest(db: Database, day: date, carrier_code: str | None = None) -> list[ManifestRow]:
    """Parcels that left on ``day`` (local date), by carrier and time."""
    with db.reader() as s:
        q = (select(Carrier.code, Carrier.name, CarrierService.name, Shipment.number,
                    Order.number, Parcel.parcel_no, Parcel.tracking_number, Order.ship_recipient,
                    Order.ship_city, Order.ship_country, Parcel.weight_kg, Parcel.shipped_at,
                    Parcel.shipped_by)
             .join(Shipment, Shipment.id == Parcel.shipment_id)
             .join(Order, Order.id == Shipment.order_id)
             .outerjoin(CarrierService, CarrierService.id == Shipment.service_id)
             .outerjoin(Carrier, Carrier.id == CarrierService.carrier_id)
             .where(Parcel.ship_date == day, Parcel.status == "shipped")
             .order_by(Carrier.code, Parcel.shipped_at, Parcel.id))
        if carrier_code:
            q = q.where(Carrier.code == carrier_code)
        return [ManifestRow(r[0] or "", r[1] or "", r[2] or "", r[3], r[4], r[5], r[6] or "",
                            r[7], r[8], r[9], r[10], r[11], r[12]) for r in s.execute(q)]


def manifest_csv(rows: list[ManifestRow]) -> str:
    import csv
    import io

    from app.domain.safe_export import neutralise_row

    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["carrier", "service", "shipment", "order", "parcel", "tracking", "recipient",
                "city", "country", "weight_kg", "shipped_at_utc", "shipped_by"])
    for r in rows:
        w.writerow(neutralise_row([  # issue 10: formula injection neutralised on export
            r.carrier_code, r.service, r.shipment, r.order_number, r.parcel_no,
            r.tracking_number, r.recipient, r.city, r.country, r.weight_kg,
            r.shipped_at.isoformat(timespec="seconds"), r.shipped_by]))
    return out.getvalue()


# --- Demo set-up -------------------------------------------------------------------------------

def install_default_carriers(db: Database, actor: Actor) -> None:
    """SF Express, YTO, EMS, a freight forwarder and the own van, with sample rates."""
    actor.require(Permission.SETTINGS)  # issue 10: every service checks the role first
    D = Decimal
    cn = [ZoneData("Guangdong", "CN", [BandData(D(1), D(12)), BandData(D(5), D(20))],
                   province="广东省", transit_days=1, extra_per_kg=D(2)),
          ZoneData("China", "CN", [BandData(D(1), D(23)), BandData(D(5), D(40))],
                   extra_per_kg=D(8))]
    data = [
        CarrierData("SF", "SF Express 顺丰", [ServiceData(
            "STD", "Standard", cn, transit_days=2, max_weight_kg=D(30),
            max_length_cm=D(120))], "https://www.sf-express.com/cn/en/dynamic_function/waybill/"
            "#search/bill-number/{tracking}"),
        CarrierData("YTO", "YTO Express 圆通", [ServiceData(
            "ECO", "Economy", [ZoneData("China", "CN", [BandData(D(1), D(8)),
                                                        BandData(D(5), D(15))],
                                        extra_per_kg=D(3))],
            transit_days=4, volumetric_divisor=8000, max_weight_kg=D(20))],
            "https://www.yto.net.cn/?no={tracking}"),
        CarrierData("EMS", "China Post EMS", [ServiceData(
            "INT", "International", [ZoneData("World", "*", [BandData(D(2), D(180)),
                                                             BandData(D(10), D(420))],
                                              extra_per_kg=D(40))],
            transit_days=7, volumetric_divisor=5000, max_weight_kg=D(30))],
            "https://www.ems.com.cn/qps/yjcx?mailNum={tracking}"),
        CarrierData("FWD", "Freight forwarder 物流", [ServiceData(
            "LTL", "Less than truckload", [ZoneData("China", "CN", [BandData(D(1000), D(300))],
                                                    extra_per_kg=D("0.5"))],
            transit_days=5)], is_freight=True),
        CarrierData("VAN", "Own van 自有车队", [ServiceData(
            "CITY", "City delivery", [ZoneData("Shenzhen", "CN", [BandData(D(50), D(15))],
                                               province="广东省", postcode_prefix="518")],
            transit_days=1, max_weight_kg=D(50))]),
    ]
    with db.reader() as s:
        have = set(s.scalars(select(Carrier.code)))
    for c in data:
        if c.code not in have:
            create_carrier(db, actor, c)
    if "EMS" not in have:
        add_tracking_range(db, actor, "EMS", 10_000_000, 99_999_999, "EA", "CN", 8, "s10")
    with db.reader() as s:
        boxes = set(s.scalars(select(BoxSize.code)))
    for code, name, dims, tare in (("S", "Small 小号", (20, 15, 10), "0.1"),
                                   ("M", "Medium 中号", (30, 20, 15), "0.2"),
                                   ("L", "Large 大号", (45, 35, 25), "0.4")):
        if code not in boxes:
            create_box_size(db, actor, code, name, D(dims[0]), D(dims[1]), D(dims[2]), D(tare))
