"""Cross-area fulfilment (second wave): shipping invoices, checks credit and books the
carrier rate; payments end reservation expiry; serial/lot at packing; reships and
exchanges through the pack station; refunds as credit notes; payment problems; transit
days per service; cancelling an order cancels its work orders. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import (
    AuditEntry,
    CreditNote,
    Invoice,
    OrderCost,
    Parcel,
    ParcelSerial,
    ReservationHold,
    Shipment,
    TrackingEvent,
)
from app.db.types import utcnow
from app.domain.allocation import Choice
from app.domain.roles import Role
from app.services import (
    allocation,
    exception_desk,
    fulfilment,
    orders,
    profit,
    receivables,
    stock,
    tracking,
)
from app.services.context import Actor
from app.services.fulfilment import ScanRefused
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers


def _pack(db: Database, actor: Actor, number: str, codes: list[str]) -> fulfilment.ShipmentView:
    view = fulfilment.start_packing(db, actor, number)
    for code in codes:
        view = fulfilment.scan_item(db, actor, view.session_id, code)
    return fulfilment.complete_packing(db, actor, view.session_id)


def _count(db: Database, model: type, *where: object) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_shipping_invoices_and_books_the_carrier_rate(db: Database, admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 2)])
    sh = _pack(db, admin, o.number, ["MUG-01", "MUG-01"])
    assert sh.shipping_cost is not None and sh.shipping_cost > 0
    assert _count(db, Invoice, Invoice.order_id == o.id) == 0
    r = fulfilment.ship_by_scan(db, admin, sh.parcels[0].label_code)
    assert r.invoice_id is not None and r.order_status == "shipped"
    with db.reader() as s:
        inv = s.get(Invoice, r.invoice_id)
        assert inv is not None and inv.order_id == o.id and inv.total == o.total
        costs = s.execute(select(OrderCost.kind, OrderCost.amount)
                          .where(OrderCost.order_id == o.id)).all()
    assert costs == [("shipping", sh.shipping_cost)]
    again = fulfilment.ship_by_scan(db, admin, sh.parcels[0].label_code)
    assert again.already and _count(db, Invoice) == 1 and _count(db, OrderCost) == 1
    assert stock.verify(db) == []


def test_credit_hold_refuses_shipping_unless_a_manager_overrides(db: Database,
                                                                 admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("TEE-01", 1)])
    sh = _pack(db, admin, o.number, ["TEE-01"])
    receivables.set_hold(db, admin, ids["wang"], True, "cheque bounced")
    packer = Actor(None, "pat", Role.WAREHOUSE, "ws-pack")
    code = sh.parcels[0].label_code
    with pytest.raises(receivables.CreditRefused, match="Not shipped .*cheque bounced"):
        fulfilment.ship_by_scan(db, packer, code)
    with db.reader() as s:
        assert s.scalar(select(Parcel.status).where(Parcel.id == sh.parcels[0].id)) == "packed"
    assert _count(db, Invoice) == 0 and orders.get_order(db, o.id).status == "packed"
    with pytest.raises(receivables.CreditRefused, match="may not override"):
        fulfilment.ship_by_scan(db, packer, code, "customer paid cash", packer)
    manager = Actor(None, "mia", Role.MANAGER, "ws-office")
    r = fulfilment.ship_by_scan(db, packer, code, "customer paid cash at the door", manager)
    assert not r.already and r.invoice_id is not None
    assert _count(db, AuditEntry, AuditEntry.action == "credit_override") == 1
    assert stock.verify(db) == []


def test_prepaid_channel_is_paid_and_a_settling_payment_ends_the_hold(db: Database,
                                                                       admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    profit.set_channel(db, admin, "tmall", fee_percent="2", fee_fixed="0", prepaid=True)
    allocation.set_channel_settings(db, admin, "tmall", Choice.ALL_OR_NOTHING, 30)
    allocation.set_channel_settings(db, admin, "counter", Choice.ALL_OR_NOTHING, 30)
    pre = orders.create_draft(db, admin, customer_id=ids["wang"], channel="tmall")
    pre = orders.add_line(db, admin, pre.id, pre.version, "MUG-01", 1)
    pre = orders.confirm(db, admin, pre.id, pre.version)
    with db.reader() as s:
        inv = s.scalars(select(Invoice).where(Invoice.order_id == pre.id)).one()
        assert inv.status == "paid"
        assert s.get(ReservationHold, pre.id).paid_at is not None  # type: ignore[union-attr]
    o = confirmed_order(db, admin, ids["smith"], [("TEE-01", 1)])
    receivables.issue_invoice(db, admin, o.id)
    with db.reader() as s:
        assert s.get(ReservationHold, o.id).paid_at is None  # type: ignore[union-attr]
    receivables.record_payment(db, admin, ids["smith"], o.total, "cash")
    with db.reader() as s:
        assert s.get(ReservationHold, o.id).paid_at is not None  # type: ignore[union-attr]
    assert allocation.expire_reservations(db, utcnow() + timedelta(hours=2)) == []


def test_serial_numbers_are_asked_for_and_kept_per_parcel(db: Database, admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    fulfilment.set_product_tracking(db, admin, ids["lamp"], "serial")
    fulfilment.set_product_tracking(db, admin, ids["tee"], "lot")
    o = confirmed_order(db, admin, ids["wang"], [("LAMP-01", 2), ("TEE-01", 2)])
    view = fulfilment.start_packing(db, admin, o.number)
    with pytest.raises(ScanRefused) as refused:
        fulfilment.scan_item(db, admin, view.session_id, "LAMP-01")
    assert refused.value.kind == "needs_serial"
    view = fulfilment.scan_item(db, admin, view.session_id, "LAMP-01", "sn-001")
    with pytest.raises(ScanRefused) as dup:
        fulfilment.scan_item(db, admin, view.session_id, "LAMP-01", "SN-001")
    assert dup.value.kind == "duplicate_serial"
    view = fulfilment.scan_item(db, admin, view.session_id, "LAMP-01", "SN-002")
    with pytest.raises(ScanRefused, match="scan its lot"):
        fulfilment.scan_item(db, admin, view.session_id, "TEE-01")
    for _ in range(2):
        view = fulfilment.scan_item(db, admin, view.session_id, "TEE-01", "L2031")
    sh = fulfilment.complete_packing(db, admin, view.session_id)
    with db.reader() as s:
        rows = sorted(s.execute(select(ParcelSerial.kind, ParcelSerial.value,
                                       ParcelSerial.quantity)
                                .where(ParcelSerial.parcel_id == sh.parcels[0].id)).all())
    assert rows == [("lot", "L2031", 2), ("serial", "SN-001", 1), ("serial", "SN-002", 1)]


def test_gs1_scan_fills_the_serial(db: Database, admin: Actor) -> None:
    from app.domain.gtin import make_ean13
    from app.services import catalog
    from app.services.catalog import ProductData

    ids = shop_with_carriers(db, admin)
    ean = make_ean13("690000000001")
    pid = catalog.create_product(db, admin, ProductData("CAM-01", "Camera", Decimal("99.00"),
                                                        barcodes=[(ean, 1)]))
    stock.receive(db, admin, pid, ids["warehouse"], 3, "opening")
    fulfilment.set_product_tracking(db, admin, pid, "serial")
    o = confirmed_order(db, admin, ids["wang"], [("CAM-01", 1)])
    view = fulfilment.start_packing(db, admin, o.number)
    view = fulfilment.scan_item(db, admin, view.session_id, f"(01)0{ean}(21)CAM778")
    assert view.complete
    sh = fulfilment.complete_packing(db, admin, view.session_id)
    with db.reader() as s:
        assert s.scalars(select(ParcelSerial.value)
                         .where(ParcelSerial.parcel_id == sh.parcels[0].id)).all() == ["CAM778"]


def test_lost_parcel_reshipped_through_the_pack_station_and_refunded(db: Database,
                                                                     admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1)])
    sh = _pack(db, admin, o.number, ["MUG-01"])
    fulfilment.ship_by_scan(db, admin, sh.parcels[0].label_code)
    tracking.record_event(db, admin, o.id, "lost", parcel_ref=sh.parcels[0].label_code)
    with db.reader() as s:
        ev = s.scalars(select(TrackingEvent).where(TrackingEvent.order_id == o.id)).one()
        assert ev.parcel_id == sh.parcels[0].id
    exception_desk.check(db, admin)
    [case] = exception_desk.open_cases(db)
    assert case.kind == "lost"
    exception_desk.reship(db, admin, case.id, Decimal("0"))
    re_sh = _pack(db, admin, o.number, ["MUG-01"])
    with db.reader() as s:
        assert s.get(Shipment, re_sh.id).case_id == case.id  # type: ignore[union-attr]
    r = fulfilment.ship_by_scan(db, admin, re_sh.parcels[0].label_code)
    assert r.invoice_id is None and _count(db, Invoice) == 1  # a reship is not invoiced
    number = exception_desk.refund(db, admin, case.id, Decimal("5.00"), "sorry for the wait")
    with db.reader() as s:
        cn = s.scalars(select(CreditNote)).one()
        assert cn.number == number and cn.amount == Decimal("5.00")
        assert "sorry" in cn.reason
    actions = exception_desk.get_case(db, case.id).actions
    assert [a.kind for a in actions] == ["reship", "refund"]
    assert stock.verify(db) == []


def test_credit_hold_opens_a_payment_problem_case_once(db: Database, admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1)])
    confirmed_order(db, admin, ids["smith"], [("MUG-01", 1)])
    receivables.set_hold(db, admin, ids["wang"], True, "dunning level 3")
    first = exception_desk.check(db, admin)
    assert len(first.opened) == 1
    assert exception_desk.check(db, admin).opened == []
    [case] = exception_desk.open_cases(db, "payment_problem")
    assert case.order_id == o.id and "dunning level 3" in case.detail


def test_transit_too_long_uses_the_service_transit_days(db: Database, admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1)])
    sh = _pack(db, admin, o.number, ["MUG-01"])
    fulfilment.ship_by_scan(db, admin, sh.parcels[0].label_code)
    exception_desk.set_rule(db, admin, "no_tracking_event", 100)
    exception_desk.set_rule(db, admin, "in_transit_too_long", 1, base_days=30)
    with db.reader() as s:
        days = s.scalar(select(fulfilment.CarrierService.transit_days)
                        .join(Shipment, Shipment.service_id == fulfilment.CarrierService.id)
                        .where(Shipment.id == sh.id))
    assert days is not None and days < 30
    now = utcnow()
    assert exception_desk.check(db, admin, now + timedelta(days=days, hours=12)).opened == []
    opened = exception_desk.check(db, admin, now + timedelta(days=days + 1, hours=12)).opened
    assert len(opened) == 1
    assert exception_desk.open_cases(db)[0].kind == "in_transit_too_long"
