"""Two workstations, one record: a save based on a stale version is refused with who changed
it and when, and nothing of the first save is lost — customers and products, on SQLite and
PostgreSQL, also with two real processes saving at the same moment. (Orders are covered by
tests/services/test_orders.py; a returns module does not exist yet.)"""

from __future__ import annotations

import multiprocessing as mp
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import AuditEntry, Customer, Product
from app.domain.roles import Role
from app.services import catalog
from app.services.catalog import CustomerData, ProductData
from app.services.context import Actor
from app.services.errors import ConcurrentChange
from tests.factories import make_shop

D = Decimal
DESK_A = Actor(None, "anna.counter", Role.MANAGER, "desk-a")
DESK_B = Actor(None, "bo.counter", Role.MANAGER, "desk-b")


def _product(db: Database, product_id: int) -> Product:
    with db.reader() as s:
        p = s.get(Product, product_id)
        assert p is not None
        return p


def test_product_stale_save_is_refused(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    seen = _product(db, ids["mug"])  # both desks open the product at version v
    data = ProductData(seen.sku, seen.name, seen.list_price, seen.cost,
                       barcodes=[("6901234567892", 1)])
    v2 = catalog.update_product(db, DESK_A, ids["mug"], seen.version,
                                replace(data, list_price=D("27.50")))
    assert v2 == seen.version + 1
    with pytest.raises(ConcurrentChange, match=r"changed by anna\.counter at "
                                               r"\d{4}-\d\d-\d\d \d\d:\d\d UTC — reload"):
        catalog.update_product(db, DESK_B, ids["mug"], seen.version,
                               replace(data, name="Mug (renamed)"))
    after = _product(db, ids["mug"])
    assert (after.list_price, after.name, after.version) == (D("27.50"), seen.name, v2)
    # reloaded, desk B saves on top of A's change: nothing lost
    v3 = catalog.update_product(db, DESK_B, ids["mug"], v2,
                                replace(data, list_price=after.list_price, name="Mug, large"))
    after = _product(db, ids["mug"])
    assert (after.list_price, after.name, after.version) == (D("27.50"), "Mug, large", v3)
    with db.reader() as s:  # who changed the price, from what
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "product",
                                                   AuditEntry.action == "update")
                          .order_by(AuditEntry.id)).first()
        assert entry is not None and entry.username == "anna.counter"
        assert '"list_price": "27.50"' in entry.details and str(seen.list_price) in entry.details


def test_customer_stale_save_is_refused(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    with db.reader() as s:
        c = s.get(Customer, ids["wang"])
        assert c is not None
        version, name = c.version, c.name
    v2 = catalog.update_customer(db, DESK_A, ids["wang"], version,
                                 CustomerData(name, phone="13800138000"))
    with pytest.raises(ConcurrentChange, match=r"changed by anna\.counter at .* — reload"):
        catalog.update_customer(db, DESK_B, ids["wang"], version,
                                CustomerData(name, phone="13900139000"))
    got = catalog.get_customer(db, ids["wang"])
    assert (got.phone, got.version) == ("13800138000", v2)


def _save_worker(url: str, product_id: int, version: int, name: str, start: Any,
                 out: Any) -> None:
    db = Database(url)
    try:
        p = _product(db, product_id)
        data = ProductData(p.sku, name, p.list_price, p.cost)
        start.wait(60)
        try:
            catalog.update_product(db, Actor(None, name, Role.MANAGER, name), product_id,
                                   version, data)
            out.put(("saved", name))
        except ConcurrentChange as exc:
            out.put(("refused", str(exc)))
    finally:
        db.dispose()


def test_two_processes_save_the_same_version_at_once(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    version = _product(db, ids["mug"]).version
    ctx = mp.get_context("spawn")
    start, out = ctx.Barrier(3), ctx.Queue()
    procs = [ctx.Process(target=_save_worker,
                         args=(db.url, ids["mug"], version, f"desk-{i}", start, out))
             for i in range(2)]
    for p in procs:
        p.start()
    start.wait(60)
    results = sorted(out.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(60)
    assert [r[0] for r in results] == ["refused", "saved"], results
    winner = results[1][1]
    assert f"changed by {winner} at" in results[0][1]
    after = _product(db, ids["mug"])
    assert (after.name, after.version) == (winner, version + 1)
