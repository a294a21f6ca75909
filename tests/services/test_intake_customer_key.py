"""orders.customer_key (revision 1700): written by every kind of order write, kept current
when the phone, e-mail or name changes, filled in for existing orders by the migration, and
what the import's possible-duplicate check matches on."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.channels import read_file
from app.channels.shopify_sample import order_rows, write_export
from app.db.engine import Database
from app.db.models import Order
from app.domain.validation import customer_key
from app.services import demo, intake
from app.services.context import Actor
from tests.factories import make_shop
from tests.services.test_invoice_per_shipment import _copy_into_old
from tests.services.test_reliability_migrations import empty_url  # noqa: F401 (fixture)

MARY = dict(name="Mary Smith", phone="+1 415-555-2671", city="San Francisco", province="CA",
            postcode="94103", country="US")


def _export(tmp_path: Path, file: str, ref: str, **over: str) -> Path:
    return write_export(tmp_path / file, [order_rows(ref, [("MUG-01", "Mug", 2, "25.00")],
                                                     **{**MARY, **over})])


def _import(db: Database, actor: Actor, path: Path, channel: str) -> intake.ImportSummary:
    return intake.import_items(db, actor, read_file("shopify", path, channel=channel),
                               channel=channel, fmt="shopify", file_name=path.name)


def _keys_match(db: Database) -> list[tuple[str, str, str]]:
    """(number, stored key, key of its phone/e-mail/name) of every order that disagrees."""
    with db.reader() as s:
        rows = s.execute(select(Order.number, Order.customer_key, Order.phone, Order.email,
                                Order.customer_name)).all()
    return [(n, k, customer_key(p, e, nm)) for n, k, p, e, nm in rows
            if k != customer_key(p, e, nm)]


def test_duplicate_found_by_phone_written_differently(db: Database, admin: Actor,
                                                      tmp_path: Path) -> None:
    """The same customer on another channel, phone without the country code and the name
    in capitals: matched by the normalised phone, not by the exact text."""
    make_shop(db, admin)
    _import(db, admin, _export(tmp_path, "a.csv", "#1000"), "shopify")
    s = _import(db, admin, _export(tmp_path, "b.csv", "W-1", name="MARY  SMITH",
                                   phone="(415) 555 2671"), "web")
    assert s.needs_attention == 1, s.text()
    assert any("same purchase" in r for r in s.orders[0].reasons)
    assert _keys_match(db) == []


def test_other_customer_is_no_duplicate(db: Database, admin: Actor, tmp_path: Path) -> None:
    """Same name and items, another phone: another customer."""
    make_shop(db, admin)
    _import(db, admin, _export(tmp_path, "a.csv", "#1000"), "shopify")
    s = _import(db, admin, _export(tmp_path, "b.csv", "W-1", phone="+1 415-555-9999"), "web")
    assert (s.imported, s.needs_attention) == (1, 0), s.text()


def test_key_follows_a_changed_phone(db: Database, admin: Actor, tmp_path: Path) -> None:
    make_shop(db, admin)
    _import(db, admin, _export(tmp_path, "a.csv", "#1000"), "shopify")
    with db.writer() as s:
        order = s.scalars(select(Order)).one()
        assert order.customer_key == customer_key(MARY["phone"], "", "")
        order.phone = ""
        order.email = " Mary@Example.com "
    with db.writer() as s:
        assert s.scalars(select(Order.customer_key)).one() == "e:mary@example.com"
        s.scalars(select(Order)).one().customer_name = "Someone Else"  # e-mail still decides
    with db.reader() as s:
        assert s.scalars(select(Order.customer_key)).one() == "e:mary@example.com"


def test_demo_and_entered_orders_carry_their_key(db: Database, admin: Actor) -> None:
    demo.generate(db, customers=10, products=5, orders=30, seed=3)
    with db.writer() as s:
        s.add(Order(number="HAND-1", customer_name="Li Lei", phone="", email=""))
    assert _keys_match(db) == []
    with db.reader() as s:
        assert s.scalar(select(Order.customer_key).where(Order.number == "HAND-1")) == "n:lilei"


def test_migration_fills_the_key_of_existing_orders(empty_url: str,  # noqa: F811 (fixture)
                                                     tmp_path: Path) -> None:
    from app.db import migrate

    source = Database(f"sqlite:///{tmp_path / 'head.sqlite3'}")
    migrate.upgrade(source.engine)
    demo.generate(source, customers=10, products=5, orders=40, seed=5)
    old = Database(empty_url)
    migrate.upgrade(old.engine, "1400")
    _copy_into_old(source, old)
    source.dispose()
    assert migrate.upgrade(old.engine) is True
    assert migrate.check(old.engine) == []
    assert _keys_match(old) == []
    with old.reader() as s:
        assert all(k.startswith(("p:", "e:", "n:")) for k in s.scalars(
            select(Order.customer_key)))
    old.dispose()
