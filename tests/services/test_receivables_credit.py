"""Credit control: limits, holds, manager overrides, invoicing hooks."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import AuditEntry, Invoice
from app.domain.roles import Role
from app.services import orders, receivables
from app.services.context import Actor
from app.services.errors import ValidationFailed
from app.services.receivables import CreditRefused
from tests.factories import make_shop
from tests.services.receivables_helpers import confirmed, draft, invoiced

D = Decimal
CLERK = Actor(None, "lee", Role.COUNTER, "ws-1")
BOSS = Actor(None, "boss", Role.MANAGER, "ws-1")


def test_no_limit_means_no_check(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    order = confirmed(db, CLERK, ids["wang"], "LAMP-01", 5)
    assert order.status == "confirmed"


def test_over_the_limit_is_refused_with_the_numbers(db: Database, admin: Actor) -> None:
    """Limit 300, 199 already confirmed, 199 more → refused, naming limit/outstanding/order."""
    ids = make_shop(db, admin)
    receivables.set_credit(db, admin, ids["wang"], credit_limit=D("300"), terms="NET30")
    confirmed(db, CLERK, ids["wang"], "LAMP-01")
    second = draft(db, CLERK, ids["wang"], "LAMP-01")
    with pytest.raises(CreditRefused) as err:
        orders.confirm(db, CLERK, second.id, second.version)
    msg = str(err.value)
    assert "limit 300.00" in msg and "outstanding 199.00" in msg and "this order 199.00" in msg
    assert err.value.outstanding == D("199.00")
    # Nothing was kept: still a draft, nothing reserved.
    assert orders.get_order(db, second.id).status == "draft"


def test_clerk_cannot_override_manager_can_with_reason(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    receivables.set_credit(db, admin, ids["wang"], credit_limit=D("100"))
    order = draft(db, CLERK, ids["wang"], "LAMP-01")
    with pytest.raises(CreditRefused, match="may not override"):
        orders.confirm(db, CLERK, order.id, order.version, credit_override="I know him")
    with pytest.raises(CreditRefused):
        orders.confirm(db, CLERK, order.id, order.version, credit_override="  ", approver=BOSS)
    done = orders.confirm(db, CLERK, order.id, order.version,
                          credit_override="pays cash on delivery", approver=BOSS)
    assert done.status == "confirmed"
    with db.reader() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "credit_override"))
        assert entry is not None and entry.username == "boss"
        details = json.loads(entry.details)
        assert details["reason"] == "pays cash on delivery" and details["for_user"] == "lee"


def test_hold_refuses_even_small_orders(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    receivables.set_hold(db, admin, ids["wang"], True, "disputed invoice")
    order = draft(db, CLERK, ids["wang"])
    with pytest.raises(CreditRefused, match="on credit hold \\(disputed invoice\\)"):
        orders.confirm(db, CLERK, order.id, order.version)


def test_hold_also_stops_shipping(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    order = confirmed(db, CLERK, ids["wang"])
    receivables.set_hold(db, admin, ids["wang"], True, "cheque bounced")
    with db.writer() as s, pytest.raises(CreditRefused):
        receivables.on_order_shipped(s, CLERK, order.id)
    with db.writer() as s:
        inv_id = receivables.on_order_shipped(s, CLERK, order.id, "collect on delivery", BOSS)
    assert inv_id


def test_payment_frees_credit(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    receivables.set_credit(db, admin, ids["wang"], credit_limit=D("250"))
    invoiced(db, CLERK, ids["wang"], "LAMP-01")
    nxt = draft(db, CLERK, ids["wang"], "LAMP-01")
    with pytest.raises(CreditRefused):
        orders.confirm(db, CLERK, nxt.id, nxt.version)
    receivables.record_payment(db, admin, ids["wang"], "199.00", "bank_transfer", "INV-000001")
    assert orders.confirm(db, CLERK, nxt.id, nxt.version).status == "confirmed"


def test_invoice_numbers_terms_and_cost(db: Database, admin: Actor) -> None:
    """Gap-free numbers, due date from terms, moving-average cost on the lines."""
    ids = make_shop(db, admin)
    receivables.set_credit(db, admin, ids["wang"], terms="EOM+30")
    a = invoiced(db, CLERK, ids["wang"], issued=date(2025, 2, 10))
    b = invoiced(db, CLERK, ids["wang"], "TEE-01", 2, issued=date(2025, 2, 11))
    with db.reader() as s:
        ia, ib = s.get(Invoice, a), s.get(Invoice, b)
        assert ia is not None and ib is not None
        assert (ia.number, ib.number) == ("INV-000001", "INV-000002")
        assert ia.due_date == date(2025, 3, 30) and ia.terms == "EOM+30"
        assert ib.total == D("119.80") and ib.lines[0].unit_cost == D("20.0000")


def test_invoice_order_is_idempotent(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    order = confirmed(db, CLERK, ids["wang"])
    with db.writer() as s:
        first = receivables.invoice_order(s, CLERK, order.id)
    with db.writer() as s:
        assert receivables.invoice_order(s, CLERK, order.id) == first


def test_prepaid_channel_invoiced_at_confirmation_and_paid(db: Database, admin: Actor) -> None:
    from app.services import profit

    ids = make_shop(db, admin)
    profit.set_channel(db, admin, "counter", fee_percent=D("0"), fee_fixed=D("0"),
                       invoice_at="confirm", prepaid=True)
    order = confirmed(db, CLERK, ids["wang"])
    with db.reader() as s:
        inv = s.scalar(select(Invoice).where(Invoice.order_id == order.id))
        assert inv is not None and inv.status == "paid" and inv.paid == D("25.00")


def test_customer_invoiced_at_confirmation_without_a_limit(db: Database, admin: Actor) -> None:
    """A customer whose credit row says "invoice at confirmation" (no limit, not on hold)
    gets the invoice when the order is confirmed; another customer only at shipping."""
    ids = make_shop(db, admin)
    receivables.set_credit(db, admin, ids["wang"], invoice_at="confirm")
    order = confirmed(db, CLERK, ids["wang"])
    other = confirmed(db, CLERK, ids["smith"])
    with db.reader() as s:
        assert s.scalar(select(Invoice.id).where(Invoice.order_id == order.id)) is not None
        assert s.scalar(select(Invoice.id).where(Invoice.order_id == other.id)) is None


def test_set_credit_validates_terms(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    with pytest.raises(ValidationFailed, match="Unknown payment terms"):
        receivables.set_credit(db, admin, ids["wang"], terms="whenever")
