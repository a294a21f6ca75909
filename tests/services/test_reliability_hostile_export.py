"""Hostile files through the whole import (on SQLite and PostgreSQL): never a crash, never a
partial order, a clear message per row. And every CSV/XLSX export — profit, reconciliation,
replenishment, manifest — neutralises formula injection through app.domain.safe_export."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from app.channels import UnreadableFile, read_file
from app.channels.shopify_sample import order_rows, write_export
from app.db.engine import Database
from app.db.models import ImportRow, IntakeLine, IntakeProblem, Order, OrderLine
from app.domain.safe_export import is_dangerous
from app.services import allocation, catalog, fulfilment, intake, profit, receivables, stock
from app.services.catalog import AddressData, CustomerData, ProductData
from app.services.context import Actor
from app.services.fulfilment import ParcelInput
from tests.factories import make_shop
from tests.services.fulfilment_helpers import confirmed_order
from tests.services.receivables_helpers import invoiced
from tests.unit.test_reliability_fuzz_input import _mutate

EVIL = '=HYPERLINK("http://evil.example","click")'
EVIL_CMD = "+cmd|' /C calc'!A0"


def _safe_csv(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows:
        for cell in row:
            assert not is_dangerous(cell), f"formula reaches the spreadsheet: {cell!r}"
    return rows


def _no_partial_orders(db: Database) -> None:
    """Every order came in whole: with its order lines, or — parked for a person — with the
    source lines kept (IntakeLine) and the problems named (IntakeProblem)."""
    with db.reader() as s:
        without = s.execute(select(Order.id, Order.status)
                            .where(~Order.id.in_(select(OrderLine.order_id)))).all()
        for order_id, status in without:
            assert status == "needs_attention", (order_id, status)
            assert s.scalar(select(func.count()).select_from(IntakeLine)
                            .where(IntakeLine.order_id == order_id)), order_id
            problems = s.scalars(select(IntakeProblem.message)
                                 .where(IntakeProblem.order_id == order_id)).all()
            assert problems and all(m.strip() for m in problems), order_id
    assert stock.verify(db) == []


def test_mutated_files_through_import_items(db: Database, admin: Actor, tmp_path: Path) -> None:
    make_shop(db, admin)
    seed = write_export(tmp_path / "seed.csv", [order_rows(
        f"#{3000 + i}", [("MUG-01", "Mug", 2, "25.00"), ("TEE-01", "Tee", 1, "59.90")],
        name="Mary Smith", phone="+1 415-555-2671", city="San Francisco", province="CA",
        postcode="94103", country="US") for i in range(3)]).read_bytes()
    rnd = random.Random(20260101)
    files = 0
    for i in range(12):
        path = tmp_path / f"m{i}.csv"
        path.write_bytes(_mutate(seed, rnd) if i else bytes(rnd.randrange(256)
                                                          for _ in range(3000)))
        try:
            items = read_file("shopify", path)
        except UnreadableFile as exc:
            assert str(exc).strip()
            continue
        files += 1
        summary = intake.import_items(db, admin, items, channel="shopify", fmt="shopify",
                                      file_name=path.name, chunk_orders=2)
        assert summary.text().strip()
        for row in summary.unreadable_rows:
            assert str(row.get("reason", "")).strip(), row
        for outcome in summary.orders:
            assert outcome.outcome != "needs_attention" or outcome.reasons, outcome
        _no_partial_orders(db)
    assert files >= 3
    with db.reader() as s:
        assert all(r.strip() for r in s.scalars(select(ImportRow.reason)))


def test_profit_exports_are_formula_safe(tmp_path: Path) -> None:
    rows = [profit.ProfitRow(EVIL, EVIL_CMD), profit.ProfitRow("@SUM(A1)", "-2+3 plain")]
    text = profit.export_csv(rows)
    parsed = _safe_csv(text)
    assert parsed[1][:2] == ["'" + EVIL, "'" + EVIL_CMD]
    openpyxl = __import__("openpyxl")
    path = tmp_path / "profit.xlsx"
    profit.export_xlsx(rows, path)
    ws = openpyxl.load_workbook(path).active
    cells = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'" + EVIL in cells
    assert all(not is_dangerous(c) for c in cells)


def test_reconciliation_csv_is_formula_safe(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    cid = catalog.create_customer(db, admin, CustomerData(EVIL))
    invoiced(db, admin, cid)
    receivables.record_payment(db, admin, cid, "25", "cash", reference=EVIL_CMD)
    text = receivables.reconciliation_csv(db, admin, date.today() - timedelta(days=2),
                                          date.today() + timedelta(days=2))
    rows = _safe_csv(text)
    flat = [c for r in rows for c in r]
    assert "'" + EVIL in flat and "'" + EVIL_CMD in flat
    assert ids


def test_replenishment_csv_is_formula_safe(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    pid = catalog.create_product(db, admin, ProductData("@EVIL-1", EVIL, Decimal("1.00")))
    stock.set_reorder_point(db, admin, pid, ids["warehouse"], 5)
    text = allocation.replenishment_csv(allocation.replenishment(db))
    flat = [c for r in _safe_csv(text) for c in r]
    assert "'" + EVIL in flat and "'@EVIL-1" in flat


def test_manifest_csv_is_formula_safe(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=10)
    fulfilment.install_default_carriers(db, admin)
    cid = catalog.create_customer(db, admin, CustomerData(EVIL, addresses=[AddressData(
        recipient=EVIL_CMD, phone="13800138000", province="广东省", city="=深圳市",
        street="1 Road", postcode="518000", is_default=True)]))
    o = confirmed_order(db, admin, cid, [("MUG-01", 1)])
    view = fulfilment.start_packing(db, admin, o.number)
    fulfilment.scan_item(db, admin, view.session_id, "MUG-01")
    fulfilment.complete_packing(db, admin, view.session_id,
                                [ParcelInput(tracking_number="SF5550001")])
    fulfilment.ship_by_scan(db, admin, "SF5550001")
    rows = fulfilment.manifest(db, date.today())
    if not rows:  # shipped "today" in local time may be tomorrow in UTC terms: look around
        rows = fulfilment.manifest(db, date.today() + timedelta(days=1))
    assert rows
    flat = [c for r in _safe_csv(fulfilment.manifest_csv(rows)) for c in r]
    assert any(c.startswith("'") for c in flat)
    assert ids
