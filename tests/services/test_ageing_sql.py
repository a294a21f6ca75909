"""The ageing report's SQL aggregates (CASE buckets grouped by customer) against the plain
per-invoice ageing of the same data — to the cent, on both databases, as of today (the
index-only path over cached balances) and as of past days (balances from allocations)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import (
    Allocation,
    CreditNote,
    Customer,
    CustomerCredit,
    Invoice,
    InvoiceLine,
    Payment,
)
from app.domain.receivables import Ageing, OpenItem, age
from app.services import catalog, receivables
from app.services.catalog import CustomerData
from app.services.context import Actor

D = Decimal


def _reference(db: Database, as_of: date) -> dict[int, Ageing]:
    """The report as it was computed before the SQL aggregates: each invoice's balance as
    of the day aged in Python, unapplied payments and credit notes as negative current."""
    out: dict[int, Ageing] = {}
    with db.reader() as s:
        allocs = list(s.scalars(select(Allocation).where(Allocation.allocated_on <= as_of)))
        live = [a for a in allocs if a.undone_on is None or a.undone_on > as_of]
        settled: dict[int, Decimal] = {}
        used_pay: dict[int, Decimal] = {}
        used_cn: dict[int, Decimal] = {}
        for a in live:
            settled[a.invoice_id] = settled.get(a.invoice_id, D(0)) + a.amount
            if a.payment_id is not None:
                used_pay[a.payment_id] = used_pay.get(a.payment_id, D(0)) + a.amount
            if a.credit_note_id is not None:
                used_cn[a.credit_note_id] = used_cn.get(a.credit_note_id, D(0)) + a.amount
        items: dict[int, list[OpenItem]] = {}
        for inv in s.scalars(select(Invoice).where(Invoice.issue_date <= as_of)):
            assert inv.customer_id is not None
            items.setdefault(inv.customer_id, []).append(
                OpenItem(inv.total - settled.get(inv.id, D(0)), inv.due_date))
        for p in s.scalars(select(Payment).where(Payment.received_on <= as_of)):
            items.setdefault(p.customer_id, []).append(
                OpenItem(-(p.amount - used_pay.get(p.id, D(0))), None))
        for c in s.scalars(select(CreditNote).where(CreditNote.issue_date <= as_of)):
            items.setdefault(c.customer_id, []).append(
                OpenItem(-(c.amount - used_cn.get(c.id, D(0))), None))
    for cid, its in items.items():
        aged = age(its, as_of)
        if any(aged.buckets):
            out[cid] = aged
    return out


def _random_ledger(db: Database, actor: Actor, rng: random.Random, today: date) -> list[int]:
    customers = [catalog.create_customer(db, actor, CustomerData(f"Customer {n}"))
                 for n in range(12)]
    with db.writer() as s:
        for cid in customers:
            s.add(CustomerCredit(customer_id=cid, terms="NET30"))
        invoices = []
        for n in range(240):
            issued = today - timedelta(days=rng.randrange(200))
            total = D(rng.randrange(1, 900_00)) / 100
            inv = Invoice(number=f"RND{n:04d}", customer_id=rng.choice(customers),
                          issue_date=issued,
                          due_date=issued + timedelta(days=rng.choice([0, 7, 30, 60])),
                          total=total, paid=D(0), status="open")
            inv.lines.append(InvoiceLine(line_no=1, quantity=1, unit_price=total,
                                         line_total=total))
            s.add(inv)
            invoices.append(inv)
        s.flush()
        for n in range(160):
            inv = rng.choice(invoices)
            left = inv.total - inv.paid
            if left <= 0:
                continue
            amount = left if n % 4 == 0 else min(left, D(rng.randrange(1, 400_00)) / 100)
            when = min(today, inv.issue_date + timedelta(days=rng.randrange(60)))
            src: Payment | CreditNote
            if n % 3 == 0:
                src = CreditNote(number=f"RCN{n}", customer_id=inv.customer_id or 0,
                                 issue_date=when, amount=amount + D("0.07"), allocated=amount)
            else:
                src = Payment(customer_id=inv.customer_id or 0, received_on=when,
                              method="cash", amount=amount + D("2.50"), allocated=amount)
            s.add(src)
            s.flush()
            undone = when + timedelta(days=5) if n % 7 == 0 and when + timedelta(
                days=5) <= today else None
            s.add(Allocation(invoice_id=inv.id, amount=amount, allocated_on=when,
                             undone_on=undone,
                             payment_id=src.id if isinstance(src, Payment) else None,
                             credit_note_id=src.id if isinstance(src, CreditNote) else None))
            if undone is None:
                inv.paid += amount
                inv.status = "paid" if inv.paid >= inv.total else "open"
            else:
                src.allocated -= amount
    return customers


def test_sql_ageing_matches_per_invoice_ageing(db: Database, admin: Actor) -> None:
    rng = random.Random(1400)
    today = date.today()
    _random_ledger(db, admin, rng, today)
    for as_of in (today, today - timedelta(days=17), today - timedelta(days=95),
                  today + timedelta(days=45)):
        want = _reference(db, as_of)
        got = {r.customer_id: r for r in receivables.ageing_report(db, admin, as_of)}
        assert set(got) == set(want)
        for cid, aged in want.items():
            assert got[cid].ageing.buckets == aged.buckets, (as_of, cid)
            assert sum(got[cid].ageing.buckets, D(0)) == aged.total
        with db.reader() as s:
            names = dict(s.execute(select(Customer.id, Customer.name)).all())
        assert all(r.name == names[r.customer_id] for r in got.values())


def test_index_path_and_allocation_path_agree(db: Database, admin: Actor) -> None:
    """As of today the report reads cached balances of open invoices only (the index);
    the allocation-history path must give the same sums."""
    rng = random.Random(7)
    today = date.today()
    customers = _random_ledger(db, admin, rng, today)
    with db.reader() as s:
        assert receivables._current_balances_hold(s, today)
        fast = sorted(tuple(r) for r in s.execute(
            receivables._bucket_query(today, None, True)).all())
        slow = sorted(tuple(r) for r in s.execute(
            receivables._bucket_query(today, None, False)).all())
        zero = (D(0),) * 5
        assert [r for r in fast if r[1:] != zero] == [r for r in slow if r[1:] != zero]
        one = s.execute(receivables._bucket_query(today, customers[:2], True)).all()
        assert {r[0] for r in one} <= set(customers[:2])
