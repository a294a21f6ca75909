"""Arbitrary text into order and customer services on SQLite and PostgreSQL: never a crash,
never a partial record, always a clear message."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import AuditEntry, Customer, CustomerAddress, Order, OrderLine
from app.services import catalog, orders
from app.services.catalog import AddressData, CustomerData
from app.services.context import Actor
from app.services.errors import ServiceError, ValidationFailed
from tests.factories import make_shop

HOSTILE = ["x" * 10_000, "\x00", "a\x00b", "\ud800broken", "\x01\x02\x1b[31mred\x7f",
           '=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "@SUM(1)",
           "'; DROP TABLE orders; --", "\t\r\n", " ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀", "王" * 256, "\u202eevil"]
TEXT = st.one_of(st.text(max_size=300), st.sampled_from(HOSTILE))
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _counts(db: Database) -> tuple[int, ...]:
    with db.reader() as s:
        return tuple(int(s.scalar(select(func.count()).select_from(m)) or 0)
                     for m in (Customer, CustomerAddress, Order, OrderLine, AuditEntry))


@SETTINGS
@given(name=TEXT, phone=TEXT, code=TEXT, street=TEXT)
def test_customers_from_hostile_text(db: Database, admin: Actor, name: str, phone: str,
                                     code: str, street: str) -> None:
    before = _counts(db)
    data = CustomerData(name, phone=phone, code=code,
                        addresses=[AddressData(recipient=name, street=street)])
    try:
        cid = catalog.create_customer(db, admin, data)
    except ServiceError as exc:
        assert str(exc).endswith(".") and len(str(exc)) < 300  # a sentence, not a dump
        assert _counts(db) == before  # nothing half written
        return
    stored = catalog.get_customer(db, cid)
    assert stored.name == name.strip() and stored.addresses[0].street == street


@SETTINGS
@given(code=TEXT, customer_name=TEXT, notes=TEXT)
def test_orders_from_hostile_text(db: Database, admin: Actor, code: str, customer_name: str,
                                  notes: str) -> None:
    if catalog.lookup_product(db, "MUG-01") is None:  # once per database, not per example
        make_shop(db, admin)
    o = orders.create_draft(db, admin, None)
    before = _counts(db)
    try:
        o = orders.add_line(db, admin, o.id, o.version, code, 1)
    except ServiceError:
        assert _counts(db) == before
    before = _counts(db)
    try:
        o = orders.update_header(db, admin, o.id, o.version, customer_name=customer_name,
                                 notes=notes)
    except ServiceError as exc:
        assert _counts(db) == before and str(exc)
        assert orders.get_order(db, o.id).version == o.version  # untouched
        return
    assert (o.customer_name, o.notes) == (customer_name, notes)


def test_named_hostile_cases_give_clear_messages(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    before = _counts(db)
    with pytest.raises(ValidationFailed,
                       match="The name of the customer is 10,000 characters long; at most 255"):
        catalog.create_customer(db, admin, CustomerData("x" * 10_000))
    with pytest.raises(ValidationFailed, match=r"NUL character"):
        catalog.create_customer(db, admin, CustomerData("Wang\x00Wei"))
    with pytest.raises(ValidationFailed, match="not valid text"):
        catalog.create_customer(db, admin, CustomerData("\ud800"))
    with pytest.raises(ValidationFailed, match="The street of the customer address is 300"):
        catalog.create_customer(db, admin, CustomerData("ok", addresses=[
            AddressData(street="街" * 300)]))
    assert _counts(db) == before
    o = orders.create_draft(db, admin, ids["wang"])
    with pytest.raises(ValidationFailed, match="NUL character"):
        orders.add_line(db, admin, o.id, o.version, "MUG-01\x00", 1)
    with pytest.raises(ServiceError, match="No product has the SKU or barcode"):
        orders.add_line(db, admin, o.id, o.version, "=HYPERLINK(1)" * 1000, 1)
    formula = '=HYPERLINK("http://evil.example","click")'
    o = orders.update_header(db, admin, o.id, o.version, customer_name=formula)
    assert orders.get_order(db, o.id).customer_name == formula  # stored as typed, neutralised
