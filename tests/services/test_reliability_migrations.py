"""Migrations as upgrades: a database built at the first revision and filled with data is
upgraded to head on SQLite and PostgreSQL; the data is unchanged and still works."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import MetaData, Table, func, insert, select, text

from app.cli import main
from app.db import migrate
from app.db.engine import Database
from app.db.models import Base, Order, OrderLine, Reservation, StockLevel, StockMove
from app.services import checks, demo, orders, stock
from app.services.context import system_actor
from tests.conftest import _pg_admin, _pg_url

FIRST = "0001"


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    request.getfixturevalue("pg_template")  # skips (or fails under CI) without a server
    name = f"od_up_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield _pg_url(name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _snapshot(db: Database) -> dict[str, object]:
    with db.reader() as s:
        return {
            "orders": s.execute(select(Order.number, Order.status, Order.total, Order.customer_name,
                                       Order.version).order_by(Order.id)).all(),
            "lines": s.execute(select(OrderLine.order_id, OrderLine.sku, OrderLine.quantity,
                                      OrderLine.line_total).order_by(OrderLine.id)).all(),
            "stock": s.execute(select(StockLevel.product_id, StockLevel.on_hand,
                                      StockLevel.reserved).order_by(StockLevel.product_id)).all(),
            "ledger": s.scalar(select(func.sum(StockMove.quantity))),
            "open_reservations": s.scalar(select(func.count()).select_from(Reservation)
                                          .where(Reservation.status == "open")),
            "revenue": s.scalar(select(func.sum(Order.total))),
        }


def _fill_at_first_revision(db: Database, scratch: Path) -> None:
    """Demo data as a database at the first revision holds it: made at head in a scratch
    SQLite file, then copied over column by column — only the columns the old schema has,
    so later columns (with their defaults) are left to the migrations."""
    source = Database(f"sqlite:///{scratch / 'source.sqlite3'}")
    migrate.upgrade(source.engine)
    demo.generate(source, customers=40, products=30, orders=300, seed=7)
    old = MetaData()
    old.reflect(db.engine)
    with source.engine.connect() as src, db.engine.begin() as dst:
        for table in Base.metadata.sorted_tables:
            if table.name not in old.tables:
                continue
            keep = [c for c in table.columns if c.name in old.tables[table.name].c]
            narrow = Table(table.name, MetaData(), *(c._copy() for c in keep))
            rows = [dict(r._mapping) for r in src.execute(select(*keep))]
            if rows:
                dst.execute(insert(narrow), rows)
        if db.dialect == "postgresql":  # explicit ids were copied: move the sequences on
            for name, table in old.tables.items():
                if "id" in table.c and name != "alembic_version":
                    dst.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 1) FROM {name}))"))
    source.dispose()


def test_first_revision_with_data_upgrades_to_head(empty_url: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = Database(empty_url)
    migrate.upgrade(db.engine, FIRST)
    assert migrate.current_revision(db.engine) == FIRST
    _fill_at_first_revision(db, tmp_path)
    before = _snapshot(db)
    assert len(before["orders"]) == 300 and stock.verify(db) == []  # type: ignore[arg-type]

    assert migrate.upgrade(db.engine) is True
    assert migrate.current_revision(db.engine) == migrate.head_revision(db.engine)
    assert _snapshot(db) == before
    assert isinstance(before["revenue"], Decimal)
    assert stock.verify(db) == []
    assert [r for r in checks.run_checks(db) if not r.ok] == []
    assert main(["db", "check", "--database", empty_url]) == 0
    assert "agree" in capsys.readouterr().out

    # The upgraded data still works: a demo draft can be filled and confirmed.
    actor = system_actor("after-upgrade")
    with db.reader() as s:
        sku = s.scalar(select(StockLevel.product_id).where(
            StockLevel.on_hand - StockLevel.reserved > 0).limit(1))
        code = s.scalar(text("SELECT sku FROM products WHERE id = :i"), {"i": sku})
    o = orders.create_draft(db, actor)
    o = orders.update_header(db, actor, o.id, o.version, customer_name="升级后 After upgrade")
    o = orders.add_line(db, actor, o.id, o.version, code, 1)
    assert orders.confirm(db, actor, o.id, o.version).status == "confirmed"
    assert stock.verify(db) == []
    db.dispose()
    if empty_url.startswith("sqlite"):  # the file was copied aside before migrating
        assert list(Path(empty_url[len("sqlite:///"):]).parent.glob("*.before-migration-*"))


def test_sqlite_upgrade_rebuilds_tables_that_other_rows_point_at(tmp_path: Path) -> None:
    """Batch migrations rebuild tables (copy, drop, rename); a shipment with parcels pointing
    at it must not stop the upgrade, and no reference may be left broken."""
    from app.services import fulfilment
    from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers

    source = Database(f"sqlite:///{tmp_path / 'head.sqlite3'}")
    migrate.upgrade(source.engine)
    admin = system_actor("migration-test")
    ids = shop_with_carriers(source, admin)
    o = confirmed_order(source, admin, ids["smith"], [("TEE-01", 1)])
    pack = fulfilment.start_packing(source, admin, o.number)
    fulfilment.scan_item(source, admin, pack.session_id, "TEE-01")
    shipment = fulfilment.complete_packing(source, admin, pack.session_id)
    fulfilment.ship_by_scan(source, admin, shipment.parcels[0].label_code)

    old = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    migrate.upgrade(old.engine, "1300")  # before shipments gained a column (revision 1000)
    reflected = MetaData()
    reflected.reflect(old.engine)
    with source.engine.connect() as src, old.engine.begin() as dst:
        for table in Base.metadata.sorted_tables:
            if table.name in reflected.tables:
                keep = [c for c in table.columns if c.name in reflected.tables[table.name].c]
                rows = [dict(r._mapping) for r in src.execute(select(*keep))]
                if rows:
                    dst.execute(insert(Table(table.name, MetaData(),
                                             *(c._copy() for c in keep))), rows)
    assert migrate.upgrade(old.engine) is True
    with old.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM parcels").scalar() == 1
    assert orders.get_order(old, o.id).status == "shipped"
    source.dispose()
    old.dispose()
