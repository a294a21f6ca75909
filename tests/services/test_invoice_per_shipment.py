"""Per-shipment invoicing on both databases: an order shipped in parts gets one invoice per
shipment (summing to the order total to the cent, numbered without gaps); an order
invoiced at confirmation keeps its one invoice; refunds go against the invoice that billed
the goods; receivables, ageing, profit and the checks see every invoice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import CreditNote, Invoice
from app.domain.receivables import LineToBill, bill_shipment
from app.services import (
    checks,
    fulfilment,
    orders,
    pricing,
    profit,
    receivables,
    returns,
)
from app.services.context import Actor, system_actor
from app.services.errors import ValidationFailed
from app.services.returns import ReturnRequest
from tests.services.fulfilment_helpers import shop_with_carriers
from tests.services.test_reliability_migrations import empty_url  # noqa: F401 (fixture)

D = Decimal


def _order(db: Database, actor: Actor, customer: int, lines: list[tuple[str, int]],
           discount_pct: Decimal | None = None, shipping: Decimal | None = None
           ) -> orders.OrderView:
    o = orders.create_draft(db, actor, customer_id=customer)
    for code, qty in lines:
        o = orders.add_line(db, actor, o.id, o.version, code, qty)
    if discount_pct is not None:
        for li in o.lines:
            pricing.set_line_discount(db, actor, o.id, orders.get_order(db, o.id).version,
                                      li.id, discount_pct)
    if shipping is not None:
        pricing.set_shipping_fee(db, actor, o.id, orders.get_order(db, o.id).version, shipping)
    o = orders.get_order(db, o.id)
    return orders.confirm(db, actor, o.id, o.version)


def _ship_part(db: Database, actor: Actor, number: str, codes: list[str]
               ) -> fulfilment.ShipResult:
    """Pack the scanned codes into one shipment (one parcel) and ship it."""
    v = fulfilment.start_packing(db, actor, number)
    for code in codes:
        fulfilment.scan_item(db, actor, v.session_id, code)
    sh = fulfilment.complete_packing(db, actor, v.session_id)
    return fulfilment.ship_by_scan(db, actor, sh.parcels[0].label_code)


def _invoices(db: Database, order_id: int) -> list[Invoice]:
    with db.reader() as s:
        found = list(s.scalars(select(Invoice).where(Invoice.order_id == order_id)
                               .order_by(Invoice.id)))
        for inv in found:
            _ = inv.lines  # loaded while the session is open
        return found


def test_two_shipments_two_invoices_summing_to_the_order(db: Database, admin: Actor) -> None:
    """5 T-shirts at 59.90 with 7 % off and 12.00 shipping: ship 2, then 3. Each invoice
    bills what its shipment carried; shipping is on the first; together they are the
    order total to the cent, numbered one after the other."""
    ids = shop_with_carriers(db, admin)
    o = _order(db, admin, ids["smith"], [("TEE-01", 5)], D("7"), D("12.00"))
    assert (o.subtotal, o.discount, o.shipping, o.total) == (
        D("299.50"), D("20.97"), D("12.00"), D("290.53"))

    first = _ship_part(db, admin, o.number, ["TEE-01"] * 2)
    assert first.order_status == "partly_shipped" and first.invoice_id is not None
    [one] = _invoices(db, o.id)
    assert one.id == first.invoice_id and one.shipment_id == first.shipment_id
    assert [(li.quantity, li.unit_price, li.discount, li.line_total) for li in one.lines] == [
        (2, D("59.90"), D("8.39"), D("111.41"))]  # round(278.53 × 2/5)
    assert (one.subtotal, one.discount, one.shipping, one.total) == (
        D("119.80"), D("8.39"), D("12.00"), D("123.41"))

    second = _ship_part(db, admin, o.number, ["TEE-01"] * 3)
    assert second.order_status == "shipped" and second.invoice_id not in (None, one.id)
    a, b = _invoices(db, o.id)
    assert b.shipment_id == second.shipment_id
    assert [(li.quantity, li.line_total) for li in b.lines] == [(3, D("167.12"))]
    assert (b.subtotal, b.discount, b.shipping, b.total) == (
        D("179.70"), D("12.58"), D("0.00"), D("167.12"))
    assert a.total + b.total == o.total
    assert a.discount + b.discount == o.discount and a.subtotal + b.subtotal == o.subtotal
    assert (a.number, b.number) == ("INV-000001", "INV-000002")

    # the shipment's invoice is made once; a shipped-out order is not invoiced again
    with db.writer() as s:
        assert receivables.on_order_shipped(s, admin, o.id, shipment_id=b.shipment_id) == b.id
        assert receivables.invoice_order(s, admin, o.id) == b.id  # all billed: the latest
    assert len(_invoices(db, o.id)) == 2

    # receivables and ageing see both
    assert [r.number for r in receivables.open_invoices(db, ids["smith"])] == [
        "INV-000001", "INV-000002"]
    [row] = receivables.ageing_report(db, admin, customer_ids=[ids["smith"]])
    assert row.total == o.total
    doc = receivables.invoice_document(db, a.id)
    assert doc.order_number == o.number and doc.shipment_number.startswith("SH-")
    assert [r for r in checks.run_checks(db) if not r.ok] == []


def test_multi_parcel_shipment_is_one_invoice(db: Database, admin: Actor) -> None:
    """A shipment is invoiced at its first parcel, for all its parcels, once."""
    ids = shop_with_carriers(db, admin)
    o = _order(db, admin, ids["wang"], [("MUG-01", 1), ("LAMP-01", 1)])
    v = fulfilment.start_packing(db, admin, o.number)
    fulfilment.scan_item(db, admin, v.session_id, "MUG-01")
    fulfilment.next_parcel(db, admin, v.session_id)
    fulfilment.scan_item(db, admin, v.session_id, "LAMP-01")
    sh = fulfilment.complete_packing(db, admin, v.session_id)
    r1 = fulfilment.ship_by_scan(db, admin, sh.parcels[1].label_code)
    r2 = fulfilment.ship_by_scan(db, admin, sh.parcels[0].label_code)
    assert r1.invoice_id is not None and r1.invoice_id == r2.invoice_id
    [inv] = _invoices(db, o.id)
    assert inv.total == o.total and sorted(li.sku for li in inv.lines) == ["LAMP-01", "MUG-01"]


def test_invoice_at_confirmation_stays_one_invoice(db: Database, admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    receivables.set_credit(db, admin, ids["smith"], invoice_at="confirm")
    o = _order(db, admin, ids["smith"], [("TEE-01", 5)], D("7"), D("12.00"))
    [whole] = _invoices(db, o.id)
    assert whole.shipment_id is None and whole.total == o.total
    assert _ship_part(db, admin, o.number, ["TEE-01"] * 2).invoice_id == whole.id
    assert _ship_part(db, admin, o.number, ["TEE-01"] * 3).invoice_id == whole.id
    assert [i.id for i in _invoices(db, o.id)] == [whole.id]


def test_hand_invoicing_a_part_shipped_order_is_refused(db: Database, admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    o = _order(db, admin, ids["smith"], [("TEE-01", 5)])
    _ship_part(db, admin, o.number, ["TEE-01"] * 2)
    with pytest.raises(ValidationFailed, match=r"invoiced per shipment \(INV-000001\).*"
                                               r"invoiced when it ships"):
        receivables.issue_invoice(db, admin, o.id)


def test_credit_exposure_counts_the_unshipped_rest_once(db: Database, admin: Actor) -> None:
    """After the first part is invoiced the customer owes that invoice plus the rest of
    the order still to ship — the order total, not more."""
    ids = shop_with_carriers(db, admin)
    o = _order(db, admin, ids["smith"], [("TEE-01", 5)], D("7"), D("12.00"))
    with db.reader() as s:
        assert receivables.exposure(s, ids["smith"]) == o.total
    _ship_part(db, admin, o.number, ["TEE-01"] * 2)
    with db.reader() as s:
        assert receivables.exposure(s, ids["smith"]) == o.total
    # a limit exactly at the order total still lets the second shipment go
    receivables.set_credit(db, admin, ids["smith"], credit_limit=o.total)
    assert _ship_part(db, admin, o.number, ["TEE-01"] * 3).order_status == "shipped"
    with db.reader() as s:
        assert receivables.exposure(s, ids["smith"]) == o.total


def test_return_refunds_against_the_invoice_that_billed_it(db: Database, admin: Actor) -> None:
    """Mugs go in the first shipment, the lamp in the second; returning a mug credits the
    first invoice, returning the lamp the second."""
    ids = shop_with_carriers(db, admin)
    o = _order(db, admin, ids["wang"], [("MUG-01", 2), ("LAMP-01", 1)])
    mug = next(li for li in o.lines if li.sku == "MUG-01")
    lamp = next(li for li in o.lines if li.sku == "LAMP-01")
    _ship_part(db, admin, o.number, ["MUG-01", "MUG-01"])
    _ship_part(db, admin, o.number, ["LAMP-01"])
    first, second = _invoices(db, o.id)
    assert first.total + second.total == o.total
    for line_id, code, inv in ((mug.id, "MUG-01", first), (lamp.id, "LAMP-01", second)):
        r = returns.open_return(db, admin, [ReturnRequest(line_id, 1, "wrong_size")])
        returns.approve(db, admin, r.id)
        assert returns.receive_scan(db, admin, r.id, code).accepted
        for li in returns.get_return(db, r.id).lines:
            returns.inspect_line(db, admin, li.id, "as_new", "restock")
        v = returns.resolve(db, admin, r.id, "refund")
        with db.reader() as s:
            cn = s.get(CreditNote, v.credit_note_id)
            assert cn is not None and cn.invoice_id == inv.id
    after = {i.id: i for i in _invoices(db, o.id)}
    assert after[first.id].paid == mug.line_total / 2
    assert after[second.id].paid == lamp.line_total
    assert [r for r in checks.run_checks(db) if not r.ok] == []


def test_profit_counts_order_costs_once_over_both_invoices(db: Database, admin: Actor
                                                          ) -> None:
    ids = shop_with_carriers(db, admin)
    o = _order(db, admin, ids["smith"], [("TEE-01", 5)], D("7"), D("12.00"))
    _ship_part(db, admin, o.number, ["TEE-01"] * 2)
    _ship_part(db, admin, o.number, ["TEE-01"] * 3)
    profit.add_order_cost(db, admin, o.id, "production", "33.33")
    today = date.today()
    [row] = profit.profit_report(db, admin, today, today, "order")
    assert row.profit.revenue == o.total
    assert row.profit.production == D("33.33")
    assert row.profit.cost_of_goods == D("100.00")  # 5 × 20 moving average


def test_bill_shipment_rounds_cumulatively() -> None:
    """Three single units of a 100.00 line: 33.33, 33.34, 33.33 — always the sum so far
    rounded, so the parts are the line to the cent; never more than is left unbilled."""
    line = LineToBill(1, 3, D("40.00"), D("100.00"), 0, D("0"), 1)
    got = []
    billed_q, billed_t = 0, D("0")
    for _ in range(3):
        [part] = bill_shipment([LineToBill(1, 3, D("40.00"), D("100.00"), billed_q, billed_t,
                                           1)])
        got.append(part.total)
        billed_q, billed_t = billed_q + part.quantity, billed_t + part.total
        assert part.gross - part.discount == part.total and part.gross == D("40.00")
    assert got == [D("33.33"), D("33.34"), D("33.33")] and sum(got) == D("100.00")
    assert bill_shipment([LineToBill(1, 3, D("40.00"), D("100.00"), 3, D("100.00"), 2)]) == []
    assert bill_shipment([line])[0].quantity == 1


def _copy_into_old(source: Database, old: Database) -> None:
    """Rows of a head database into one at an older revision: only the columns the old
    schema has (later ones are left to the migrations); PostgreSQL sequences moved on."""
    from sqlalchemy import MetaData, Table, insert, text

    from app.db.models import Base

    reflected = MetaData()
    reflected.reflect(old.engine)
    with source.engine.connect() as src, old.engine.begin() as dst:
        for table in Base.metadata.sorted_tables:
            if table.name not in reflected.tables:
                continue
            keep = [c for c in table.columns if c.name in reflected.tables[table.name].c]
            rows = [dict(r._mapping) for r in src.execute(select(*keep))]
            if rows:
                dst.execute(insert(Table(table.name, MetaData(), *(c._copy() for c in keep))),
                            rows)
        if old.dialect == "postgresql":
            for name, table in reflected.tables.items():
                if "id" in table.c and name != "alembic_version":
                    dst.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {name}))"))


def test_upgrade_keeps_whole_order_invoices(empty_url: str,  # noqa: F811 (the fixture)
                                            tmp_path: Path) -> None:
    """A database from before revision 1400 with an order invoiced as a whole and shipped
    in part: after the upgrade its invoice is the whole-order one (no shipment), shipping
    the rest makes no second invoice, and new orders are invoiced per shipment."""
    from app.db import migrate

    source = Database(f"sqlite:///{tmp_path / 'head.sqlite3'}")
    migrate.upgrade(source.engine)
    admin = system_actor("upgrade-test")
    ids = shop_with_carriers(source, admin)
    o = _order(source, admin, ids["smith"], [("TEE-01", 5)], D("7"), D("12.00"))
    whole = receivables.issue_invoice(source, admin, o.id)
    _ship_part(source, admin, o.number, ["TEE-01"] * 2)

    old = Database(empty_url)
    migrate.upgrade(old.engine, "1000")
    _copy_into_old(source, old)
    source.dispose()
    assert migrate.upgrade(old.engine) is True
    assert migrate.current_revision(old.engine) == migrate.head_revision(old.engine)
    assert migrate.check(old.engine) == []
    [inv] = _invoices(old, o.id)
    assert (inv.id, inv.shipment_id, inv.total) == (whole, None, o.total)
    assert _ship_part(old, admin, o.number, ["TEE-01"] * 3).invoice_id == whole
    assert len(_invoices(old, o.id)) == 1

    n = _order(old, admin, ids["wang"], [("MUG-01", 2)])
    _ship_part(old, admin, n.number, ["MUG-01"])
    _ship_part(old, admin, n.number, ["MUG-01"])
    a, b = _invoices(old, n.id)
    assert (a.number, b.number) == ("INV-000002", "INV-000003")
    assert a.total + b.total == n.total
    assert [r for r in checks.run_checks(old) if not r.ok] == []
    old.dispose()
