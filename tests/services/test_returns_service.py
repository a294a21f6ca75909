"""Returns on both databases: limits, policy approval, receiving by scan, stock and ledger
after restock and scrap, refunds to the cent, credit notes, exchange, timeline, PDF."""

from __future__ import annotations

import multiprocessing as mp
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import (
    CreditNote,
    ExceptionCase,
    Notice,
    ReturnApproval,
    ReturnScan,
    Shipment,
    StockLevel,
    StockMove,
)
from app.domain.roles import Role
from app.printing.returns_docs import rma_pdf
from app.services import catalog, fulfilment, order_costs, orders, pricing, returns, stock, tracking
from app.services.context import Actor
from app.services.errors import PermissionDenied, ValidationFailed
from app.services.pricing import PromotionData
from app.services.returns import ExchangeItem, ReturnRequest
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers
from tests.support.pdfcheck import barcodes, page_sizes_mm, pdf_text

D = Decimal


def _ship(db: Database, actor: Actor, customer: int, lines: list[tuple[str, int]],
          shipping: Decimal | None = None) -> orders.OrderView:
    if shipping is None:
        o = confirmed_order(db, actor, customer, lines)
    else:
        o = orders.create_draft(db, actor, customer_id=customer)
        for code, qty in lines:
            o = orders.add_line(db, actor, o.id, o.version, code, qty)
        pricing.set_shipping_fee(db, actor, o.id, o.version, shipping)
        o = orders.get_order(db, o.id)
        o = orders.confirm(db, actor, o.id, o.version)
    v = fulfilment.start_packing(db, actor, o.number)
    for code, qty in lines:
        for _ in range(qty):
            v = fulfilment.scan_item(db, actor, v.session_id, code)
    sh = fulfilment.complete_packing(db, actor, v.session_id)
    fulfilment.ship_by_scan(db, actor, sh.parcels[0].label_code)
    return orders.get_order(db, o.id)


def _line(o: orders.OrderView, sku: str) -> orders.LineView:
    return next(li for li in o.lines if li.sku == sku)


def _through_inspection(db: Database, actor: Actor, reqs: list[ReturnRequest],
                        codes: list[str], disposition: str = "restock") -> returns.ReturnView:
    r = returns.open_return(db, actor, reqs)
    returns.approve(db, actor, r.id)
    for code in codes:
        assert returns.receive_scan(db, actor, r.id, code).accepted
    for li in returns.get_return(db, r.id).lines:
        returns.inspect_line(db, actor, li.id, "as_new", disposition)
    return returns.get_return(db, r.id)


def _level(db: Database, product_id: int) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.sum(StockLevel.on_hand))
                            .where(StockLevel.product_id == product_id)) or 0)


def test_never_more_than_shipped_minus_returned(db: Database, admin: Actor) -> None:
    """3 shipped: 2 then 1 may come back; a fourth is refused naming the numbers."""
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 3)])
    mug = _line(o, "MUG-01").id
    returns.open_return(db, admin, [ReturnRequest(mug, 2, "wrong_size")])
    with pytest.raises(ValidationFailed, match=r"only 1 can be returned \(3 shipped, 2 already"):
        returns.open_return(db, admin, [ReturnRequest(mug, 2, "wrong_size")])
    returns.open_return(db, admin, [ReturnRequest(mug, 1, "wrong_size")])
    assert returns.find_returnable(db, o.number).lines[0].returnable == 0


def test_unshipped_line_and_other_customer_refused(db: Database, admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 1)])
    other = _ship(db, admin, ids["smith"], [("TEE-01", 1)])
    unshipped = confirmed_order(db, admin, ids["wang"], [("LAMP-01", 1)])
    with pytest.raises(ValidationFailed, match="only 0 can be returned"):
        returns.open_return(db, admin, [ReturnRequest(unshipped.lines[0].id, 1, "wrong_size")])
    with pytest.raises(ValidationFailed, match="one customer"):
        returns.open_return(db, admin, [ReturnRequest(o.lines[0].id, 1, "wrong_size"),
                                        ReturnRequest(other.lines[0].id, 1, "wrong_size")])


def test_lookup_by_order_parcel_and_customer_several_orders(db: Database, admin: Actor) -> None:
    """One return may cover lines of two orders of the same customer."""
    ids = shop_with_carriers(db, admin)
    a = _ship(db, admin, ids["wang"], [("MUG-01", 1)])
    b = _ship(db, admin, ids["wang"], [("TEE-01", 1)])
    code = catalog.get_customer(db, ids["wang"]).code
    by_customer = returns.find_returnable(db, code)
    assert {li.order_number for li in by_customer.lines} == {a.number, b.number}
    assert [li.sku for li in returns.find_returnable(db, b.number.lower()).lines] == ["TEE-01"]
    with db.reader() as s:
        label = s.execute(select(Shipment.number).where(Shipment.order_id == a.id)).scalar_one()
    assert [li.sku for li in returns.find_returnable(db, f"{label}-1").lines] == ["MUG-01"]
    r = returns.open_return(db, admin, [ReturnRequest(a.lines[0].id, 1, "wrong_size"),
                                        ReturnRequest(b.lines[0].id, 1, "wrong_size")])
    assert r.number.startswith("RMA-") and {li.order_number for li in r.lines} == {
        a.number, b.number}
    assert [row.number for row in returns.open_returns(db)] == [r.number]


def _open_worker(url: str, line_id: int, name: str, start: object, out: object) -> None:
    db = Database(url)
    start.wait()  # type: ignore[attr-defined]
    try:
        r = returns.open_return(db, Actor(None, name, Role.COUNTER, name),
                                [ReturnRequest(line_id, 1, "wrong_size")])
        out.put(("ok", r.number))  # type: ignore[attr-defined]
    except ValidationFailed as exc:
        out.put(("refused", str(exc)))  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001
        out.put(("error", repr(exc)))  # type: ignore[attr-defined]
    db.dispose()


def test_two_clerks_return_the_last_unit_one_wins(db: Database, admin: Actor) -> None:
    """Two processes open a return for the last returnable unit at once: one wins."""
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 1)])
    ctx = mp.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_open_worker, args=(db.url, o.lines[0].id, f"c{i}", start, out))
             for i in range(2)]
    for p in procs:
        p.start()
    start.set()
    results = sorted(out.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(60)
    assert [r[0] for r in results] == ["ok", "refused"], results
    assert "only 0 can be returned" in results[1][1]
    assert len(returns.open_returns(db)) == 1


def test_outside_window_needs_manager_with_reason(db: Database, admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 1)])
    late = date.today() + timedelta(days=40)
    r = returns.open_return(db, admin, [ReturnRequest(o.lines[0].id, 1, "changed_mind")],
                            today=late)
    assert "window for 'changed_mind' is 14 days" in r.outside_policy
    clerk = Actor(None, "clerk", Role.COUNTER, "ws1")
    boss = Actor(None, "boss", Role.MANAGER, "ws1")
    with pytest.raises(ValidationFailed, match="a manager must approve it with a reason"):
        returns.approve(db, clerk, r.id)
    with pytest.raises(PermissionDenied, match="clerk .counter. may not approve"):
        returns.approve(db, clerk, r.id, reason="good customer")
    v = returns.approve(db, clerk, r.id, reason="good customer", approver=boss)
    assert v.status == "approved"
    with db.reader() as s:
        a = s.scalars(select(ReturnApproval)).one()
        assert (a.approved_by, a.reason) == ("boss", "good customer")
        assert "14 days" in a.problems
        kinds = set(s.scalars(select(Notice.kind)))
    assert "return_approved" in kinds


def test_receive_by_scan_flags_unexpected_items(db: Database, admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 2)])
    r = returns.open_return(db, admin, [ReturnRequest(o.lines[0].id, 1, "wrong_size")])
    returns.approve(db, admin, r.id)
    bad = returns.receive_scan(db, admin, r.id, "LAMP-01")
    assert not bad.accepted and "not on " + r.number in bad.message
    ok = returns.receive_scan(db, admin, r.id, "6920000000012")
    assert ok.accepted and ok.view.status == "received"
    with pytest.raises(ValidationFailed, match="not waiting for goods"):
        returns.receive_scan(db, admin, r.id, "MUG-01")
    with db.reader() as s:
        flags = [(sc.code, sc.accepted) for sc in s.scalars(select(ReturnScan)
                                                            .order_by(ReturnScan.id))]
    assert flags == [("LAMP-01", False), ("6920000000012", True)]


def test_restock_and_scrap_stock_and_ledger(db: Database, admin: Actor) -> None:
    """Restock puts the unit back at its cost; scrap is written off with its cost."""
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 3)])
    assert _level(db, ids["mug"]) == 27
    line = o.lines[0].id
    r = returns.open_return(db, admin, [ReturnRequest(line, 1, "wrong_size"),
                                        ReturnRequest(line, 1, "quality_defect")])
    returns.approve(db, admin, r.id)
    returns.receive_scan(db, admin, r.id, "MUG-01")
    returns.receive_scan(db, admin, r.id, "MUG-01")
    first, second = returns.get_return(db, r.id).lines
    returns.inspect_line(db, admin, first.id, "as_new", "restock")
    with pytest.raises(ValidationFailed, match="already inspected"):
        returns.inspect_line(db, admin, first.id, "as_new", "restock")
    v = returns.inspect_line(db, admin, second.id, "defective", "scrap")
    assert v.status == "inspected"
    assert _level(db, ids["mug"]) == 28
    assert stock.verify(db) == []
    with db.reader() as s:
        moves = [(m.kind, m.quantity, m.unit_cost) for m in s.scalars(
            select(StockMove).where(StockMove.product_id == ids["mug"],
                                    StockMove.kind.in_(["return", "scrap"]))
            .order_by(StockMove.id))]
    assert moves == [("return", 1, D("9.5")), ("return", 1, D("9.5")), ("scrap", -1, D("9.5"))]


def _threshold_order(db: Database, admin: Actor, ids: dict[str, int]) -> orders.OrderView:
    pricing.save_promotion(db, admin, PromotionData("Spend 300 get 30", "spend_threshold",
                                                    value=D(30), threshold=D(300)))
    return _ship(db, admin, ids["wang"], [("MUG-01", 3), ("LAMP-01", 1), ("TEE-01", 1)],
                 shipping=D("12.00"))


def test_refund_one_unit_of_a_threshold_promoted_order(db: Database, admin: Actor) -> None:
    """One mug of a 'spend 300 get 30' order refunds its discounted, promoted price;
    the credit note is set against the order's invoice."""
    ids = shop_with_carriers(db, admin)
    o = _threshold_order(db, admin, ids)
    mug = _line(o, "MUG-01")
    assert mug.line_total < D("75.00")  # its share of the 30 off
    assert sum(li.line_total for li in o.lines) == D("333.90") - D("30")
    r = _through_inspection(db, admin, [ReturnRequest(mug.id, 1, "wrong_size")], ["MUG-01"])
    per_unit = (mug.line_total / 3).quantize(D("0.01"), rounding="ROUND_DOWN")
    assert returns.quote(db, r.id).amount == per_unit
    v = returns.resolve(db, admin, r.id, "refund", refund_reference="ALIPAY-123")
    assert v.status == "resolved" and v.amount == per_unit
    with db.reader() as s:
        cn = s.get(CreditNote, v.credit_note_id)
        assert cn is not None and cn.amount == per_unit and cn.number == "CN-000001"
        assert "ALIPAY-123" in cn.reason
    assert order_costs.cost_totals(db, o.id)["refund"] == per_unit


def test_partial_returns_sum_exactly_to_what_was_paid(db: Database, admin: Actor) -> None:
    """Three single-mug returns refund exactly the mug line; credit notes are numbered in
    order; the order becomes 'returned' once everything is back, with the shipping."""
    ids = shop_with_carriers(db, admin)
    o = _threshold_order(db, admin, ids)
    mug = _line(o, "MUG-01")
    got = []
    for _ in range(3):
        r = _through_inspection(db, admin, [ReturnRequest(mug.id, 1, "wrong_size")], ["MUG-01"])
        got.append(returns.resolve(db, admin, r.id, "store_credit").amount)
    assert sum(got) == mug.line_total
    assert got[2] >= got[0]  # the last unit takes the remainder
    rest = [li for li in o.lines if li.sku != "MUG-01"]
    r = _through_inspection(db, admin, [ReturnRequest(li.id, 1, "quality_defect") for li in rest],
                            [li.sku for li in rest])
    v = returns.resolve(db, admin, r.id, "refund")
    assert o.shipping == D("12.00")
    assert v.amount == sum(li.line_total for li in rest) + o.shipping
    with db.reader() as s:
        numbers = list(s.scalars(select(CreditNote.number).order_by(CreditNote.id)))
    assert numbers == [f"CN-{n:06d}" for n in range(1, 5)]
    assert orders.get_order(db, o.id).status == "returned"
    back = returns.returns_of_order(db, o.id)
    assert back.refunded_goods == o.total - o.shipping
    assert back.returned_units == {li.id: li.quantity for li in o.lines}
    entries = [e for e in tracking.timeline(db, o.id) if e.source == "return"]
    assert [e.title for e in entries].count("return resolved") == 4
    assert stock.verify(db) == []


def test_exchange_creates_linked_reserved_order(db: Database, admin: Actor) -> None:
    """An even exchange: a replacement order, confirmed and reserved, nothing to pay."""
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("TEE-01", 1)])
    r = _through_inspection(db, admin, [ReturnRequest(o.lines[0].id, 1, "wrong_size")],
                            ["TEE-01"])
    v = returns.resolve(db, admin, r.id, "exchange", exchange=[ExchangeItem("TEE-01", 1)])
    assert v.exchange_order_id is not None and v.charge == D("0")
    new = orders.get_order(db, v.exchange_order_id)
    assert new.status == "confirmed" and new.notes == f"Exchange for {r.number}"
    with db.reader() as s:
        level = s.scalars(select(StockLevel).where(StockLevel.product_id == ids["tee"])).one()
        assert level.reserved == 1
    assert stock.verify(db) == []


def test_transit_damage_links_exception_case(db: Database, admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("LAMP-01", 1)])
    r = returns.open_return(db, admin, [ReturnRequest(o.lines[0].id, 1, "damaged_in_transit")],
                            note="box crushed")
    assert r.exception_case_id is not None and r.return_shipping == "business"
    with db.reader() as s:
        case = s.get(ExceptionCase, r.exception_case_id)
        assert case is not None and case.kind == "damaged" and case.order_id == o.id


def test_rma_pdf_barcode_and_return_label(db: Database, admin: Actor) -> None:
    """Where the business pays, the PDF has the authorisation and a return label; the
    Code128 of the RMA number decodes on both."""
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 1)])
    r = returns.open_return(db, admin, [ReturnRequest(o.lines[0].id, 1, "quality_defect")])
    returns.approve(db, admin, r.id, return_postage=D("12.00"))
    doc = returns.issue_document(db, admin, r.id)
    assert returns.get_return(db, r.id).status == "awaiting_goods"
    pdf = rma_pdf(doc)
    assert page_sizes_mm(pdf) == [(210.0, 297.0), (100.0, 150.0)]
    text = pdf_text(pdf)
    assert r.number in text[0] and "MUG-01" in text[0] and o.number in text[0]
    assert ("Code128", r.number) in barcodes(pdf, 0)
    assert ("Code128", r.number) in barcodes(pdf, 1)


def test_customer_pays_no_label(db: Database, admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 1)])
    r = returns.open_return(db, admin, [ReturnRequest(o.lines[0].id, 1, "wrong_size")])
    returns.approve(db, admin, r.id)
    pdf = rma_pdf(returns.issue_document(db, admin, r.id))
    assert len(page_sizes_mm(pdf)) == 1
    assert "own cost" in pdf_text(pdf)[0]
