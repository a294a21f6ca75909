"""Pick, pack, ship by scan and the manifest, on SQLite and PostgreSQL."""

from __future__ import annotations

import multiprocessing as mp
from datetime import date, datetime

import pytest
from sqlalchemy import func, select, update

from app.db.engine import Database
from app.db.models import BinLocation, Notice, Reservation, StockLevel, StockMove
from app.domain.carriers import is_valid_s10
from app.domain.roles import Role
from app.services import fulfilment, orders, stock
from app.services.context import Actor
from app.services.fulfilment import PackingBusy, ParcelInput, ScanRefused
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers


def _level(db: Database, product_id: int) -> tuple[int, int]:
    with db.reader() as s:
        lv = s.scalars(select(StockLevel).where(StockLevel.product_id == product_id)).one()
        return lv.on_hand, lv.reserved


def _pack_all(db: Database, actor: Actor, number: str, codes: list[str],
              parcels: list[ParcelInput] | None = None) -> fulfilment.ShipmentView:
    view = fulfilment.start_packing(db, actor, number)
    for code in codes:
        view = fulfilment.scan_item(db, actor, view.session_id, code)
    return fulfilment.complete_packing(db, actor, view.session_id, parcels)


def test_pick_list_sorted_by_bin(db: Database, admin: Actor) -> None:
    """A batch pick list groups lines by bin location, in bin order; orders go to picking."""
    ids = shop_with_carriers(db, admin)
    with db.writer() as s:
        for key, code in (("mug", "B-02"), ("tee", "A-01")):
            b = BinLocation(warehouse_id=ids["warehouse"], code=code)
            s.add(b)
            s.flush()
            s.execute(update(StockLevel).where(StockLevel.product_id == ids[key])
                      .values(bin_id=b.id))
    o1 = confirmed_order(db, admin, ids["wang"], [("MUG-01", 2), ("LAMP-01", 1)])
    o2 = confirmed_order(db, admin, ids["smith"], [("TEE-01", 3), ("MUG-01", 1)])
    pl = fulfilment.create_pick_list(db, admin, [o1.id, o2.id])
    assert [(p.bin, p.sku, p.quantity, p.order_number) for p in pl.lines] == [
        ("A-01", "TEE-01", 3, o2.number),
        ("B-02", "MUG-01", 2, o1.number), ("B-02", "MUG-01", 1, o2.number),
        ("", "LAMP-01", 1, o1.number),
    ]
    assert orders.get_order(db, o1.id).status == "picking"
    assert fulfilment.get_pick_list(db, pl.number).order_numbers == sorted([o1.number, o2.number])


def test_pack_station_counts_refuses_and_undoes(db: Database, admin: Actor) -> None:
    """Right item counts, wrong item and one too many are refused, a case counts 12, undo."""
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 13), ("TEE-01", 1)])
    v = fulfilment.start_packing(db, admin, o.number.lower())
    assert [(li.sku, li.expected, li.scanned) for li in v.lines] == [("MUG-01", 13, 0),
                                                                      ("TEE-01", 1, 0)]
    v = fulfilment.scan_item(db, admin, v.session_id, "16920000000019")  # case of 12
    assert v.lines[0].scanned == 12
    with pytest.raises(ScanRefused, match="WRONG ITEM: LAMP-01") as wrong:
        fulfilment.scan_item(db, admin, v.session_id, "LAMP-01")
    assert wrong.value.kind == "wrong_item"
    with pytest.raises(ScanRefused, match="TOO MANY") as many:
        fulfilment.scan_item(db, admin, v.session_id, "16920000000019")
    assert many.value.kind == "too_many"
    with pytest.raises(ScanRefused) as unknown:
        fulfilment.scan_item(db, admin, v.session_id, "9999999999999")
    assert unknown.value.kind == "unknown_code"
    v = fulfilment.scan_item(db, admin, v.session_id, "6920000000029")
    v = fulfilment.undo_last_scan(db, admin, v.session_id)
    assert (v.lines[1].scanned, v.complete) == (0, False)
    v = fulfilment.scan_item(db, admin, v.session_id, "TEE-01")
    v = fulfilment.scan_item(db, admin, v.session_id, "6920000000012")
    assert v.complete
    with pytest.raises(ScanRefused, match="TOO MANY"):
        fulfilment.scan_item(db, admin, v.session_id, "MUG-01")
    sh = fulfilment.complete_packing(db, admin, v.session_id, [ParcelInput(box_code="M")])
    assert orders.get_order(db, o.id).status == "packed"
    assert len(sh.parcels) == 1 and sh.parcels[0].box_code == "M"
    assert sh.parcels[0].length_cm == 30 and sh.backorder == []
    assert sh.carrier_code in ("SF", "YTO", "VAN") and sh.choice_explanation


def test_ship_by_scan_moves_stock_once(db: Database, admin: Actor) -> None:
    """Shipping takes on hand and reserved down with a 'sale' move, consumes reservations,
    marks the order shipped, queues the notice; scanning again changes nothing."""
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 2)])
    sh = _pack_all(db, admin, o.number, ["MUG-01", "MUG-01"],
                   [ParcelInput(tracking_number="SF1234567890")])
    assert _level(db, ids["mug"]) == (30, 2)
    packer = Actor(None, "li.lei", Role.WAREHOUSE, "pack-1")
    r = fulfilment.ship_by_scan(db, packer, "sf1234567890")
    assert not r.already and r.order_status == "shipped"
    assert _level(db, ids["mug"]) == (28, 0)
    with db.reader() as s:
        moves = s.execute(select(StockMove.kind, StockMove.quantity)
                          .where(StockMove.order_id == o.id)).all()
        assert moves == [("sale", -2)]
        assert set(s.scalars(select(Reservation.status)
                             .where(Reservation.order_id == o.id))) == {"consumed"}
        notes = s.scalars(select(Notice).where(Notice.order_id == o.id)).all()
        assert {n.channel for n in notes} == {"email", "sms"}
        assert all("SF1234567890" in n.body and "已发货" in n.subject for n in notes)
    again = fulfilment.ship_by_scan(db, admin, "SF1234567890")
    assert again.already and "Already shipped at" in again.message and "by li.lei" in again.message
    assert _level(db, ids["mug"]) == (28, 0)
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Notice)) == 2
    assert stock.verify(db) == []
    assert fulfilment.get_shipment(db, sh.id).status == "shipped"


def test_partial_pack_leaves_backorder(db: Database, admin: Actor) -> None:
    """Packing part of an order ships that part; the rest stays reserved and ships later."""
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["smith"], [("MUG-01", 3), ("TEE-01", 1)])
    sh = _pack_all(db, admin, o.number, ["MUG-01", "TEE-01"])
    assert [(sku, q) for sku, _, q in sh.backorder] == [("MUG-01", 2)]
    assert orders.get_order(db, o.id).status == "confirmed"
    assert sh.carrier_code == "EMS" and is_valid_s10(sh.parcels[0].tracking_number)
    r = fulfilment.ship_by_scan(db, admin, sh.parcels[0].tracking_number)
    assert r.order_status == "partly_shipped"
    assert _level(db, ids["mug"]) == (29, 2)
    v = fulfilment.start_packing(db, admin, o.number)
    assert [(li.sku, li.expected) for li in v.lines] == [("MUG-01", 2), ("TEE-01", 0)]
    fulfilment.scan_item(db, admin, v.session_id, "MUG-01")
    fulfilment.scan_item(db, admin, v.session_id, "MUG-01")
    sh2 = fulfilment.complete_packing(db, admin, v.session_id)
    assert orders.get_order(db, o.id).status == "packed"
    r2 = fulfilment.ship_by_scan(db, admin, sh2.parcels[0].label_code)
    assert r2.order_status == "shipped"
    assert _level(db, ids["mug"]) == (27, 0) and stock.verify(db) == []
    with db.reader() as s:
        kinds = sorted(s.scalars(select(Notice.kind).where(Notice.channel == "email")))
    assert kinds == ["partly_shipped", "shipped"]


def test_two_parcels_ship_one_by_one(db: Database, admin: Actor) -> None:
    """Each parcel has its own tracking number and status; the order is shipped when both left."""
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1), ("LAMP-01", 1)])
    v = fulfilment.start_packing(db, admin, o.number)
    fulfilment.scan_item(db, admin, v.session_id, "MUG-01")
    fulfilment.next_parcel(db, admin, v.session_id)
    fulfilment.scan_item(db, admin, v.session_id, "LAMP-01")
    sh = fulfilment.complete_packing(db, admin, v.session_id, [
        ParcelInput(box_code="S", tracking_number="TRK000001"),
        ParcelInput(box_code="L", tracking_number="TRK000002")])
    assert [(p.parcel_no, p.of, p.tracking_number, p.items[0][0]) for p in sh.parcels] == [
        (1, 2, "TRK000001", "MUG-01"), (2, 2, "TRK000002", "LAMP-01")]
    assert fulfilment.ship_by_scan(db, admin, "TRK000002").order_status == "partly_shipped"
    assert _level(db, ids["mug"]) == (30, 1)
    assert fulfilment.ship_by_scan(db, admin, "TRK000001").order_status == "shipped"
    assert stock.verify(db) == []


def test_second_packer_is_refused(db: Database, admin: Actor) -> None:
    """Two packers cannot pack the same order at once; the same packer resumes."""
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1)])
    first = fulfilment.start_packing(db, admin, o.number)
    other = Actor(None, "han.mei", Role.WAREHOUSE, "pack-2")
    with pytest.raises(PackingBusy, match="being packed by system on test-ws"):
        fulfilment.start_packing(db, other, o.number)
    assert fulfilment.start_packing(db, admin, o.number).session_id == first.session_id


def _ship_worker(url: str, code: str, name: str, start: object, out: object) -> None:
    db = Database(url)
    start.wait()  # type: ignore[attr-defined]
    try:
        r = fulfilment.ship_by_scan(db, Actor(None, name, Role.WAREHOUSE, name), code)
        out.put(("ok", r.already))  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001
        out.put(("error", repr(exc)))  # type: ignore[attr-defined]
    db.dispose()


def test_concurrent_scans_ship_once(db: Database, admin: Actor) -> None:
    """Four stations scan the same parcel at once: it ships exactly once."""
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 3)])
    _pack_all(db, admin, o.number, ["MUG-01"] * 3, [ParcelInput(tracking_number="RACE0001")])
    ctx = mp.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_ship_worker, args=(db.url, "RACE0001", f"p{i}", start, out))
             for i in range(4)]
    for p in procs:
        p.start()
    start.set()
    results = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(60)
    assert sorted(results) == [("ok", False), ("ok", True), ("ok", True), ("ok", True)]
    assert _level(db, ids["mug"]) == (27, 0)
    assert stock.verify(db) == []


def test_manifest_lists_what_left(db: Database, admin: Actor) -> None:
    """The day-end manifest lists each shipped parcel once, by carrier; CSV too."""
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["smith"], [("TEE-01", 1)])
    sh = _pack_all(db, admin, o.number, ["TEE-01"])
    o2 = confirmed_order(db, admin, ids["smith"], [("LAMP-01", 1)])
    _pack_all(db, admin, o2.number, ["LAMP-01"])  # packed, not shipped
    fulfilment.ship_by_scan(db, admin, sh.parcels[0].tracking_number)
    today = datetime.now().astimezone().date()
    rows = fulfilment.manifest(db, today, "EMS")
    assert [(r.order_number, r.tracking_number) for r in rows] == [
        (o.number, sh.parcels[0].tracking_number)]
    assert fulfilment.manifest(db, date(2000, 1, 1)) == []
    csv_text = fulfilment.manifest_csv(rows)
    assert csv_text.splitlines()[0].startswith("carrier,service,shipment")
    assert sh.parcels[0].tracking_number in csv_text


def test_tracking_number_typed_later(db: Database, admin: Actor) -> None:
    """A pre-printed label's number can be scanned onto a parcel; duplicates are refused."""
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1)])
    sh = _pack_all(db, admin, o.number, ["MUG-01"], [ParcelInput(tracking_number="DUP123456")])
    o2 = confirmed_order(db, admin, ids["wang"], [("TEE-01", 1)])
    sh2 = _pack_all(db, admin, o2.number, ["TEE-01"], [ParcelInput()])
    from app.services.errors import ValidationFailed
    with pytest.raises(ValidationFailed, match="on another parcel"):
        fulfilment.set_tracking_number(db, admin, sh2.parcels[0].id, "dup123456")
    fulfilment.set_tracking_number(db, admin, sh2.parcels[0].id, "SF9990001")
    assert fulfilment.ship_by_scan(db, admin, "SF9990001").order_number == o2.number
    assert sh.parcels[0].tracking_number == "DUP123456"


def test_warehouse_role_needed(db: Database, admin: Actor) -> None:
    """A finance user may not ship."""
    from app.services.errors import PermissionDenied
    with pytest.raises(PermissionDenied):
        fulfilment.ship_by_scan(db, Actor(None, "f", Role.FINANCE), "X")
