"""The carrier proposal shown while packing, per-parcel inputs, and the batch-print list."""

from __future__ import annotations

from decimal import Decimal

from app.db.engine import Database
from app.services import fulfilment
from app.services.context import Actor
from app.services.fulfilment import ParcelInput
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers


def _packed(db: Database, admin: Actor, ids: dict[str, int], parcels: int = 1) -> int:
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", parcels)])
    view = fulfilment.start_packing(db, admin, o.number)
    for n in range(parcels):
        if n:
            fulfilment.next_parcel(db, admin, view.session_id)
        view = fulfilment.scan_item(db, admin, view.session_id, "MUG-01")
    assert view.parcels_used == tuple(range(1, parcels + 1))
    return view.session_id


def test_proposal_is_what_completion_chooses(db: Database, admin: Actor) -> None:
    """2.4 kg in a medium box to Guangdong: YTO is the cheapest that takes it; the
    proposal lists every service with its price or why it refuses; completing without a
    service id picks the same service."""
    ids = shop_with_carriers(db, admin)
    sid = _packed(db, admin, ids)
    inputs = [ParcelInput("M", Decimal("2.4"))]
    prop = fulfilment.propose_service(db, sid, inputs)
    assert prop.label.startswith("YTO Express") and prop.price == Decimal(15)
    assert prop.total_kg == Decimal("2.4") and prop.zone == "China" and not prop.freight
    assert prop.accepting == 3  # SF, YTO, EMS take it; freight is only for bulk, van 518…
    by_label = {o.label: o for o in prop.options}
    assert by_label["Own van 自有车队 City delivery"].refused.startswith("does not deliver")
    assert "cheapest" in prop.explanation
    sh = fulfilment.complete_packing(db, admin, sid, inputs)
    assert sh.carrier_code == "YTO" and sh.shipping_cost == prop.price
    p = sh.parcels[0]
    assert (p.box_code, p.weight_kg) == ("M", Decimal("2.4"))
    assert (p.length_cm, p.width_cm, p.height_cm) == (30, 20, 15)  # from the box


def test_heavy_parcel_refusals_and_freight_rule(db: Database, admin: Actor) -> None:
    """35 kg: EMS and SF refuse (30 kg limits) — said why; 60 kg over two parcels goes to
    freight by rule."""
    ids = shop_with_carriers(db, admin)
    sid = _packed(db, admin, ids, parcels=2)
    prop = fulfilment.propose_service(db, sid, [ParcelInput("L", Decimal(35)),
                                                ParcelInput("L", Decimal(1))])
    ems = next(o for o in prop.options if o.label.startswith("China Post EMS"))
    assert ems.price is None and "35 kg, over its 30" in ems.refused
    prop = fulfilment.propose_service(db, sid, [ParcelInput("L", Decimal(30)),
                                                ParcelInput("L", Decimal(30))])
    assert prop.freight and prop.label.startswith("Freight forwarder")
    assert prop.explanation.startswith("Freight, because 60 kg in total")


def test_shipments_to_print_lists_packed_not_shipped(db: Database, admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    sid = _packed(db, admin, ids, parcels=2)
    sh = fulfilment.complete_packing(db, admin, sid)
    rows = fulfilment.shipments_to_print(db)
    assert [(r.number, r.parcels, r.label_printed) for r in rows] == [(sh.number, 2, False)]
    fulfilment.mark_label_printed(db, admin, sh.id)
    assert fulfilment.shipments_to_print(db)[0].label_printed
    for p in sh.parcels:
        fulfilment.ship_by_scan(db, admin, p.label_code)
    assert fulfilment.shipments_to_print(db) == []


def test_proposal_meets_the_promised_date(db: Database, admin: Actor) -> None:
    """Promised for tomorrow: YTO (4 days) is cheaper but late, so SF (1 day to Guangdong)
    is proposed, and the reason says so."""
    from datetime import date, timedelta

    from app.services import orders

    ids = shop_with_carriers(db, admin)
    o = orders.create_draft(db, admin, customer_id=ids["wang"])
    o = orders.update_header(db, admin, o.id, o.version,
                             promised_date=date.today() + timedelta(days=1))
    o = orders.add_line(db, admin, o.id, o.version, "MUG-01", 1)
    o = orders.confirm(db, admin, o.id, o.version)
    view = fulfilment.start_packing(db, admin, o.number)
    fulfilment.scan_item(db, admin, view.session_id, "MUG-01")
    prop = fulfilment.propose_service(db, view.session_id, [ParcelInput("M", Decimal("2.4"))])
    assert prop.label.startswith("SF Express") and prop.price == Decimal(20)
    assert "in time" in prop.explanation
    assert "YTO Express 圆通 Economy takes 4 days, 1 available" in prop.explanation
