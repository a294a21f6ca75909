"""Returns: the policy comes from the shop's settings; a refund on a paid invoice puts the
money somewhere (customer credit, or paid out with a reference); two workstations editing
one return — the second is refused with a clear message and nothing is lost."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import CreditNote, Invoice
from app.domain.returns import Payer, ReturnReason
from app.domain.roles import Role
from app.services import receivables, returns
from app.services.context import Actor
from app.services.errors import ConcurrentChange, PermissionDenied, ValidationFailed
from app.services.returns import ReturnRequest
from tests.services.fulfilment_helpers import shop_with_carriers
from tests.services.test_returns_service import _ship, _through_inspection

D = Decimal


def test_policy_is_read_from_settings(db: Database, admin: Actor) -> None:
    """Default: the customer pays the way back for wrong size; set 'no' and the business
    pays (quality stays on the business either way); window and fee come from the rows."""
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 3)])
    line = o.lines[0].id
    policy = returns.return_policy(db)
    assert policy[ReturnReason.WRONG_SIZE].return_shipping is Payer.CUSTOMER
    assert returns.customer_pays(policy)
    r1 = returns.open_return(db, admin, [ReturnRequest(line, 1, "wrong_size")])
    assert r1.return_shipping == "customer"

    after = returns.set_return_policy(
        db, admin, customer_pays_return_shipping=False,
        window_days={"wrong_size": 2}, restocking_fee_percent={"wrong_size": "25"})
    assert not returns.customer_pays(after)
    assert after[ReturnReason.QUALITY_DEFECT].return_shipping is Payer.BUSINESS
    again = returns.return_policy(db)  # read back from the database
    assert again[ReturnReason.WRONG_SIZE].return_shipping is Payer.BUSINESS
    assert again[ReturnReason.WRONG_SIZE].window_days == 2
    assert again[ReturnReason.WRONG_SIZE].restocking_fee_percent == D("25")
    assert again[ReturnReason.CHANGED_MIND].window_days == 14  # unnamed: unchanged

    r2 = returns.open_return(db, admin, [ReturnRequest(line, 1, "wrong_size")],
                             today=date.today() + timedelta(days=5))
    assert r2.return_shipping == "business"
    assert "window for 'wrong_size' is 2 days" in r2.outside_policy

    # Back to 'customer pays': the stored windows and fees stay.
    returns.set_return_policy(db, admin, customer_pays_return_shipping=True)
    back = returns.return_policy(db)
    assert back[ReturnReason.WRONG_SIZE].return_shipping is Payer.CUSTOMER
    assert back[ReturnReason.WRONG_SIZE].window_days == 2


def test_restocking_fee_from_settings_lowers_the_refund(db: Database, admin: Actor) -> None:
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 1)])
    returns.set_return_policy(db, admin, restocking_fee_percent={"changed_mind": 50})
    r = _through_inspection(db, admin, [ReturnRequest(o.lines[0].id, 1, "changed_mind")],
                            ["MUG-01"])
    q = returns.quote(db, r.id)
    assert q.restocking_fee == (q.goods_value / 2).quantize(D("0.01"))
    assert q.amount == q.goods_value - q.restocking_fee


def test_bad_policy_settings_refused(db: Database, admin: Actor) -> None:
    with pytest.raises(ValidationFailed, match="0 to 100 percent"):
        returns.set_return_policy(db, admin, restocking_fee_percent={"changed_mind": "150"})
    with pytest.raises(ValidationFailed, match="whole number of days"):
        returns.set_return_policy(db, admin, window_days={"wrong_size": -1})
    with pytest.raises(ValidationFailed, match="not a return reason"):
        returns.set_return_policy(db, admin, window_days={"bored": 3})
    with pytest.raises(PermissionDenied):
        returns.set_return_policy(db, Actor(None, "clerk", Role.COUNTER, "ws"),
                                  customer_pays_return_shipping=False)
    assert returns.return_policy(db)[ReturnReason.CHANGED_MIND].restocking_fee_percent == 10


def _paid_order(db: Database, admin: Actor, customer: int) -> tuple[int, int, Decimal]:
    """A shipped two-mug order whose invoice is paid in full: (order line, invoice, total)."""
    o = _ship(db, admin, customer, [("MUG-01", 2)])
    with db.reader() as s:
        inv = s.scalars(select(Invoice).where(Invoice.order_id == o.id)).one()
        inv_id, total = inv.id, inv.total
    receivables.record_payment(db, admin, customer, total, "bank_transfer", "TX-1",
                               allocations=[(inv_id, total)])
    return o.lines[0].id, inv_id, total


def test_refund_on_paid_invoice_becomes_customer_credit(db: Database, admin: Actor) -> None:
    """Pay in full, return one unit, refund without a card reference: the customer has
    exactly the refund as credit; the invoice stays paid, its balance not below zero; the
    credit is set against the next invoice."""
    ids = shop_with_carriers(db, admin)
    cid = ids["wang"]
    line, inv_id, _ = _paid_order(db, admin, cid)
    r = _through_inspection(db, admin, [ReturnRequest(line, 1, "wrong_size")], ["MUG-01"])
    v = returns.resolve(db, admin, r.id, "refund")
    assert v.amount > 0 and v.paid_out == 0
    with db.reader() as s:
        inv = s.get(Invoice, inv_id)
        assert inv is not None and inv.status == "paid" and inv.total - inv.paid == 0
        cn = s.get(CreditNote, v.credit_note_id)
        assert cn is not None and cn.amount - cn.allocated == v.amount  # unapplied credit
    assert receivables.get_credit(db, cid).exposure == -v.amount
    assert [i for i in receivables.open_invoices(db, cid)] == []
    row = next(x for x in receivables.ageing_report(db, admin) if x.customer_id == cid)
    assert row.total == -v.amount  # what we owe the customer, shown as credit
    assert all(b >= 0 for b in row.ageing.buckets[1:])  # nothing overdue goes negative

    # The credit is used on the customer's next invoice.
    nxt = _ship(db, admin, cid, [("TEE-01", 1)])
    with db.reader() as s:
        inv2 = s.scalars(select(Invoice).where(Invoice.order_id == nxt.id)).one()
        assert inv2.paid == min(v.amount, inv2.total)
        cn = s.get(CreditNote, v.credit_note_id)
        assert cn is not None and cn.allocated == min(v.amount, inv2.total)


def test_refund_on_paid_invoice_paid_out_with_reference(db: Database, admin: Actor) -> None:
    """With a card/marketplace reference the money went back by card: recorded as paid out,
    no credit note, the customer owes nothing and has no credit (not refunded twice)."""
    ids = shop_with_carriers(db, admin)
    cid = ids["wang"]
    line, _, _ = _paid_order(db, admin, cid)
    r = _through_inspection(db, admin, [ReturnRequest(line, 1, "wrong_size")], ["MUG-01"])
    v = returns.resolve(db, admin, r.id, "refund", refund_reference="ALIPAY-77")
    assert v.paid_out == v.amount > 0 and v.credit_note_id is None
    assert v.refund_reference == "ALIPAY-77"
    assert receivables.get_credit(db, cid).exposure == 0
    assert all(x.customer_id != cid for x in receivables.ageing_report(db, admin))


def test_refund_on_open_invoice_lowers_the_balance(db: Database, admin: Actor) -> None:
    """Not paid yet: the refund only lowers what is owed, even with a reference."""
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 2)])
    r = _through_inspection(db, admin, [ReturnRequest(o.lines[0].id, 1, "wrong_size")],
                            ["MUG-01"])
    v = returns.resolve(db, admin, r.id, "refund", refund_reference="ALIPAY-78")
    assert v.paid_out == 0 and v.credit_note_id is not None
    with db.reader() as s:
        inv = s.scalars(select(Invoice).where(Invoice.order_id == o.id)).one()
        assert inv.total - inv.paid == o.total - v.amount


def test_two_workstations_edit_one_return(db: Database, admin: Actor) -> None:
    """Two sessions (two engines) show version N; one cancels, the other's approval with
    the old version is refused naming who changed it; the cancel is not overwritten."""
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("MUG-01", 1)])
    r = returns.open_return(db, admin, [ReturnRequest(o.lines[0].id, 1, "wrong_size")])
    other = Database(db.url)
    try:
        ann = Actor(None, "ann", Role.MANAGER, "ws1")
        bob = Actor(None, "bob", Role.MANAGER, "ws2")
        seen_by_ann = returns.get_return(db, r.id)
        seen_by_bob = returns.get_return(other, r.id)
        assert seen_by_ann.version == seen_by_bob.version
        returns.cancel_return(other, bob, r.id, "customer kept it", seen_by_bob.version)
        with pytest.raises(ConcurrentChange, match=r"changed by bob at .*cancelled.*reload"):
            returns.approve(db, ann, r.id, expected_version=seen_by_ann.version)
        with pytest.raises(ConcurrentChange, match="changed by bob"):
            returns.reject(db, ann, r.id, "too late", seen_by_ann.version)
        now = returns.get_return(db, r.id)
        assert now.status == "cancelled" and now.version == seen_by_ann.version + 1
    finally:
        other.dispose()


def test_resolve_refused_on_stale_version(db: Database, admin: Actor) -> None:
    """A stale screen cannot resolve (nor create an exchange order) after a change."""
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("TEE-01", 1)])
    r = _through_inspection(db, admin, [ReturnRequest(o.lines[0].id, 1, "wrong_size")],
                            ["TEE-01"])
    with pytest.raises(ConcurrentChange):
        returns.resolve(db, admin, r.id, "exchange", exchange=[returns.ExchangeItem("TEE-01")],
                        expected_version=r.version - 1)
    assert returns.get_return(db, r.id).status == "inspected"
    v = returns.resolve(db, admin, r.id, "store_credit", expected_version=r.version)
    assert v.status == "resolved"
