"""Payments, allocation and undo, credit notes, bank statements, ageing and statements."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Invoice, Payment
from app.domain.receivables import Ageing, OpenItem, age
from app.services import receivables
from app.services.context import Actor
from app.services.errors import ValidationFailed
from tests.factories import make_shop
from tests.services.receivables_helpers import invoiced

D = Decimal


def _inv(db: Database, inv_id: int) -> Invoice:
    with db.reader() as s:
        inv = s.get(Invoice, inv_id)
        assert inv is not None
        return inv


def test_payment_oldest_first_partial_and_overpayment(db: Database, admin: Actor) -> None:
    """25 + 199 open; 100 pays the mug in full and 75 of the lamp; 200 more leaves 76 credit."""
    ids = make_shop(db, admin)
    a = invoiced(db, admin, ids["wang"], issued=date(2025, 1, 5))
    b = invoiced(db, admin, ids["wang"], "LAMP-01", issued=date(2025, 1, 20))
    r = receivables.record_payment(db, admin, ids["wang"], "100", "cash")
    assert (r.allocated, r.unallocated) == (D("100"), D("0"))
    assert _inv(db, a).status == "paid" and _inv(db, b).paid == D("75.00")
    r2 = receivables.record_payment(db, admin, ids["wang"], "200.00", "card", "POS 8812")
    assert r2.allocated == D("124.00") and r2.unallocated == D("76.00")
    assert receivables.get_credit(db, ids["wang"]).exposure == D("-76.00")
    # The credit is applied to the next invoice automatically.
    c = invoiced(db, admin, ids["wang"], "TEE-01")
    assert _inv(db, c).paid == D("59.90")
    assert receivables.get_credit(db, ids["wang"]).exposure == D("-16.10")


def test_manual_allocation_and_undo(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    a = invoiced(db, admin, ids["wang"], issued=date(2025, 1, 5))
    b = invoiced(db, admin, ids["wang"], "LAMP-01", issued=date(2025, 1, 6))
    r = receivables.record_payment(db, admin, ids["wang"], "150", "bank_transfer", "x",
                                   allocations=[(b, D("150"))])
    assert _inv(db, b).paid == D("150.00") and _inv(db, a).paid == 0
    with pytest.raises(ValidationFailed, match="only has 25"):
        receivables.record_payment(db, admin, ids["wang"], "30", "cash",
                                   allocations=[(a, D("30"))])
    rows = receivables.allocations_of(db, ids["wang"])
    assert len(rows) == 1
    receivables.undo_allocation(db, admin, rows[0].id, "booked to the wrong invoice")
    assert _inv(db, b).paid == 0 and _inv(db, b).status == "open"
    with pytest.raises(ValidationFailed, match="already undone"):
        receivables.undo_allocation(db, admin, rows[0].id, "again")
    again = receivables.allocate_payment(db, admin, r.payment_id)  # oldest first now
    assert again.allocated == D("150.00")
    assert _inv(db, a).paid == D("25.00") and _inv(db, b).paid == D("125.00")


def test_credit_note_against_an_invoice(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    a = invoiced(db, admin, ids["wang"], "LAMP-01")
    receivables.create_credit_note(db, admin, ids["wang"], "50", "scratched lamp", a)
    assert _inv(db, a).paid == D("50.00")
    assert receivables.get_credit(db, ids["wang"]).exposure == D("149.00")


def test_payment_validation(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    with pytest.raises(ValidationFailed, match="more than zero"):
        receivables.record_payment(db, admin, ids["wang"], "0", "cash")
    with pytest.raises(ValidationFailed, match="not an amount"):
        receivables.record_payment(db, admin, ids["wang"], "ten", "cash")
    with pytest.raises(ValidationFailed, match="Unknown payment method"):
        receivables.record_payment(db, admin, ids["wang"], "5", "barter")


BANK_CSV = """Date,Amount,Reference,Counterparty
2025-02-01,25.00,Payment INV-000001 thanks,王伟
2025-02-02,150.00,INV000002 part,王伟
2025-02-03,59.90,order tee,Mary Smith
2025-02-03,-12.00,bank fee,Bank
"""


def test_bank_statement_matching(db: Database, admin: Actor) -> None:
    """Exact reference + amount is matched; a partial and a nameless one wait for a person."""
    ids = make_shop(db, admin)
    a = invoiced(db, admin, ids["wang"], issued=date(2025, 1, 5))
    b = invoiced(db, admin, ids["wang"], "LAMP-01", issued=date(2025, 1, 6))
    c = invoiced(db, admin, ids["smith"], "TEE-01", issued=date(2025, 1, 7))
    result = receivables.import_bank_statement(db, admin, BANK_CSV, "feb-1")
    assert (result.matched, result.unclear, result.ignored) == (1, 2, 1)
    assert _inv(db, a).status == "paid"
    unclear = receivables.bank_lines(db, "unclear")
    assert [u.suggested_invoice for u in unclear] == ["INV-000002", "INV-000003"]
    assert "differs" in unclear[0].note
    receivables.confirm_bank_line(db, admin, unclear[1].id, ids["smith"])
    assert _inv(db, c).status == "paid"
    receivables.confirm_bank_line(db, admin, unclear[0].id, ids["wang"], [(b, D("150"))])
    assert _inv(db, b).paid == D("150.00")
    assert receivables.bank_lines(db, "unclear") == []
    with pytest.raises(ValidationFailed, match="imported already"):
        receivables.import_bank_statement(db, admin, BANK_CSV, "feb-1")


def test_ageing_as_of_dates(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    receivables.set_credit(db, admin, ids["wang"], terms="NET30")
    invoiced(db, admin, ids["wang"], issued=date(2025, 1, 1))  # due 31 Jan
    invoiced(db, admin, ids["wang"], "LAMP-01", issued=date(2025, 3, 1))  # due 31 Mar
    receivables.record_payment(db, admin, ids["wang"], "10", "cash",
                               received_on=date(2025, 2, 15))
    before = receivables.ageing_report(db, admin, date(2025, 1, 15))
    assert before[0].ageing.as_dict()["current"] == D("25.00")
    march = receivables.ageing_report(db, admin, date(2025, 3, 15))[0].ageing.as_dict()
    assert march["31-60"] == D("15.00") and march["current"] == D("199.00")
    later = receivables.ageing_report(db, admin, date(2025, 6, 15))[0].ageing.as_dict()
    assert later["90+"] == D("15.00") and later["61-90"] == D("199.00")


def test_ageing_sums_to_outstanding_on_random_data(db: Database, admin: Actor) -> None:
    """Random invoices, payments, credit notes and undos: as of several dates, each
    customer's buckets add up to invoices less payments less credits, to the cent, and
    match the pure ageing of the same items."""
    from app.db.models import Allocation, CreditNote, CustomerCredit, InvoiceLine

    ids = make_shop(db, admin)
    rng = random.Random(6)
    customers = [ids["wang"], ids["smith"]]
    start = date(2025, 1, 1)
    with db.writer() as s:
        for cid in customers:
            s.add(CustomerCredit(customer_id=cid, terms="NET30"))
        invoices = []
        for n in range(60):
            cid = rng.choice(customers)
            issued = start + timedelta(days=rng.randrange(200))
            total = D(rng.randrange(1, 500_00)) / 100
            inv = Invoice(number=f"R{n}", customer_id=cid, issue_date=issued,
                          due_date=issued + timedelta(days=rng.choice([0, 7, 30, 60])),
                          total=total, paid=D(0), status="open")
            inv.lines.append(InvoiceLine(line_no=1, quantity=1, unit_price=total,
                                         line_total=total))
            s.add(inv)
            invoices.append(inv)
        s.flush()
        for n in range(40):
            inv = rng.choice(invoices)
            left = inv.total - inv.paid
            if left <= 0:
                continue
            amount = min(left, D(rng.randrange(1, 300_00)) / 100)
            when = inv.issue_date + timedelta(days=rng.randrange(90))
            if n % 3 == 0:
                src = CreditNote(number=f"CN{n}", customer_id=inv.customer_id,
                                 issue_date=when, amount=amount + D("3.33"), allocated=amount)
            else:
                src = Payment(customer_id=inv.customer_id, received_on=when, method="cash",
                              amount=amount + D("1.01"), allocated=amount)
            s.add(src)
            s.flush()
            undone = when + timedelta(days=20) if n % 5 == 0 else None
            s.add(Allocation(invoice_id=inv.id, amount=amount, allocated_on=when,
                             undone_on=undone,
                             payment_id=src.id if isinstance(src, Payment) else None,
                             credit_note_id=src.id if isinstance(src, CreditNote) else None))
            if undone is None:
                inv.paid += amount
            else:
                src.allocated -= amount
    for as_of in (date(2025, 2, 1), date(2025, 5, 17), date(2025, 9, 30), date(2026, 6, 1)):
        rows = {r.customer_id: r for r in receivables.ageing_report(db, admin, as_of)}
        for cid in customers:
            st = receivables.customer_statement(db, admin, cid, start, as_of)
            got = rows[cid].ageing if cid in rows else Ageing()
            assert got.total == st.closing
            assert sum(got.as_dict().values(), D(0)) == st.closing
            # Same answer as the pure rules over per-invoice balances.
            with db.reader() as s:
                items = []
                for inv in s.scalars(select(Invoice).where(Invoice.customer_id == cid,
                                                           Invoice.issue_date <= as_of)):
                    settled = sum((a.amount for a in s.scalars(select(Allocation).where(
                        Allocation.invoice_id == inv.id, Allocation.allocated_on <= as_of))
                        if a.undone_on is None or a.undone_on > as_of), D(0))
                    items.append(OpenItem(inv.total - settled, inv.due_date))
            pure = age(items, as_of)
            for i in range(1, 5):
                assert pure.buckets[i] == got.buckets[i]


def test_statement_and_reconciliation(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    invoiced(db, admin, ids["wang"], issued=date(2025, 1, 5))
    invoiced(db, admin, ids["wang"], "LAMP-01", issued=date(2025, 2, 5))
    receivables.record_payment(db, admin, ids["wang"], "100", "cash", "=cmd|calc",
                               received_on=date(2025, 2, 10))
    st = receivables.customer_statement(db, admin, ids["wang"], date(2025, 2, 1),
                                        date(2025, 2, 28))
    assert st.opening == D("25.00")
    assert [(e.kind, e.balance) for e in st.entries] == [("invoice", D("224.00")),
                                                         ("payment", D("124.00"))]
    assert st.closing == D("124.00") == st.ageing.total
    text = receivables.reconciliation_csv(db, admin, date(2025, 1, 1), date(2025, 12, 31))
    assert "INV-000001" in text and "'=cmd|calc" in text
    assert text.count("allocation") == 2
