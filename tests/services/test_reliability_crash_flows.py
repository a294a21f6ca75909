"""SIGKILL a real process in the middle of an import, a ship-by-scan and a payment allocation,
on SQLite and PostgreSQL: afterwards nothing is half written, the ledger equals stock, invoice
and payment balances agree with their allocations, and the action can simply be repeated.
Also: `orderdesk check` reports a planted balance inconsistency and repairs nothing."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.channels import read_file
from app.channels.shopify_sample import order_rows, write_export
from app.cli import main
from app.db.engine import Database
from app.db.models import (
    Allocation,
    AuditEntry,
    Invoice,
    Order,
    OrderLine,
    Parcel,
    Payment,
    StockMove,
)
from app.services import checks, fulfilment, intake, receivables, stock
from app.services.context import Actor, system_actor
from app.services.fulfilment import ParcelInput
from tests.factories import make_shop
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers
from tests.services.receivables_helpers import invoiced
from tests.support.crash import Commit, CrashPointNotReached, Statement, crash_at

D = Decimal
MAX_KILLS = 8  # kill points per flow; each is a fresh spawned process


def _count(db: Database, model: object, *where: object) -> int:
    with db.reader() as s:
        q = select(func.count()).select_from(model)  # type: ignore[arg-type]
        return int(s.scalar(q.where(*where)) or 0)  # type: ignore[arg-type]


def _balances_ok(db: Database) -> None:
    result = checks.run_checks(db, only=["invoice and payment balances"])
    assert result and result[0].ok, result[0].problems


def _kill_points(total_hint: int) -> list[int]:
    """Statement numbers spread over the whole run (first, last and between)."""
    step = max(1, total_hint // (MAX_KILLS - 1))
    return sorted({1, *range(step, total_hint + step, step)})


# --- an import, killed mid-chunk ----------------------------------------------------------------

def import_in_child(db: Database, path: str) -> str:
    s = intake.import_items(db, system_actor("crash-import"), read_file("shopify", Path(path)),
                            channel="shopify", fmt="shopify", file_name="crash.csv",
                            chunk_orders=2)
    return f"{s.imported}/{s.unchanged}"


def _assert_whole_orders(db: Database) -> int:
    with db.reader() as s:
        n = int(s.scalar(select(func.count()).select_from(Order)) or 0)
        orphans = s.scalar(select(func.count()).select_from(Order)
                           .where(~Order.id.in_(select(OrderLine.order_id))))
        assert orphans == 0, "an order without its lines"
        assert s.scalar(select(func.count()).select_from(OrderLine)) == 2 * n, \
            "an order with only some of its lines"
    assert n % 2 == 0 or n == 5, f"{n} orders: a chunk was half written"
    assert stock.verify(db) == []
    return n


def test_kill_an_import_mid_chunk_then_repeat(db: Database, admin: Actor,
                                              tmp_path: Path) -> None:
    make_shop(db, admin)
    good = dict(name="Mary Smith", phone="+1 415-555-2671", city="San Francisco",
                province="CA", postcode="94103", country="US")
    path = write_export(tmp_path / "crash.csv", [
        order_rows(f"#{2000 + i}", [("MUG-01", "Mug", 2, "25.00"), ("TEE-01", "Tee", 1, "59.90")],
                   **good) for i in range(5)])
    kills = 0
    # chunk 1's lines are order_lines inserts 1-4; 5-8 are inside chunk 2
    for n in (1, 3, 5, 6, 8):
        try:
            crash_at(db.url, import_in_child, str(path),
                     at=Statement(n, "INSERT INTO order_lines"))
        except CrashPointNotReached:
            break  # earlier kills left whole chunks: fewer inserts remain
        kills += 1
        _assert_whole_orders(db)
    assert kills >= 2
    for n in (3, 9, 17):  # kill anywhere (not only at a line insert)
        try:
            crash_at(db.url, import_in_child, str(path), at=Statement(n))
        except CrashPointNotReached:
            break
        _assert_whole_orders(db)
    summary = intake.import_items(db, admin, read_file("shopify", path), channel="shopify",
                                  fmt="shopify", file_name="crash.csv", chunk_orders=2)
    assert summary.imported + summary.unchanged == 5
    assert _assert_whole_orders(db) == 5
    again = intake.import_items(db, admin, read_file("shopify", path), channel="shopify",
                                fmt="shopify", file_name="crash.csv", chunk_orders=2)
    assert (again.imported, again.unchanged) == (0, 5)


# --- ship by scan --------------------------------------------------------------------------------

def ship_in_child(db: Database, code: str) -> str:
    r = fulfilment.ship_by_scan(db, Actor(None, "crash.packer", system_actor().role, "ship-1"),
                                code)
    return "already" if r.already else r.order_status


def _packed(db: Database, admin: Actor) -> tuple[dict[str, int], str]:
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 2), ("LAMP-01", 1)])
    view = fulfilment.start_packing(db, admin, o.number)
    for code in ("MUG-01", "MUG-01", "LAMP-01"):
        view = fulfilment.scan_item(db, admin, view.session_id, code)
    fulfilment.complete_packing(db, admin, view.session_id,
                                [ParcelInput(tracking_number="SF7770001")])
    return ids, o.number


def _assert_not_shipped(db: Database) -> None:
    with db.reader() as s:
        assert set(s.scalars(select(Parcel.status))) != {"shipped"}
        assert s.scalar(select(Parcel.shipped_at)) is None
    assert _count(db, StockMove, StockMove.kind == "sale") == 0
    assert _count(db, AuditEntry, AuditEntry.action == "ship") == 0
    assert stock.verify(db) == []


def test_kill_ship_by_scan_at_every_statement_then_repeat(db: Database, admin: Actor) -> None:
    ids, number = _packed(db, admin)
    with db.reader() as s:
        levels_before = s.execute(text(
            "SELECT product_id, on_hand, reserved FROM stock_levels ORDER BY product_id")).all()
    crash_at(db.url, ship_in_child, "SF7770001", at=Commit())
    _assert_not_shipped(db)
    kills, n = 0, 0
    for n in _kill_points(60):
        try:
            crash_at(db.url, ship_in_child, "SF7770001", at=Statement(n))
        except CrashPointNotReached as done:
            assert "done: 'shipped'" in str(done)
            break
        kills += 1
        _assert_not_shipped(db)
        with db.reader() as s:
            assert s.execute(text("SELECT product_id, on_hand, reserved FROM stock_levels "
                                  "ORDER BY product_id")).all() == levels_before
    else:
        assert fulfilment.ship_by_scan(db, admin, "SF7770001").order_status == "shipped"
    assert kills >= 3
    # shipped exactly once, and scanning again changes nothing
    assert _count(db, StockMove, StockMove.kind == "sale") == 2
    assert _count(db, AuditEntry, AuditEntry.action == "ship") == 1
    assert fulfilment.ship_by_scan(db, admin, "SF7770001").already
    assert _count(db, StockMove, StockMove.kind == "sale") == 2
    assert stock.verify(db) == []
    with db.reader() as s:
        assert s.scalar(select(Order.status).where(Order.number == number)) == "shipped"


# --- a payment allocation -----------------------------------------------------------------------

def allocate_in_child(db: Database, payment_id: int) -> str:
    r = receivables.allocate_payment(db, system_actor("crash-finance"), payment_id)
    return f"{r.allocated}"


def _unallocated(db: Database, payment_id: int) -> None:
    assert _count(db, Allocation, Allocation.payment_id == payment_id) == 0
    with db.reader() as s:
        pay = s.get(Payment, payment_id)
        assert pay is not None and pay.allocated == 0
        assert set(s.scalars(select(Invoice.status))) == {"open"}
    _balances_ok(db)
    assert stock.verify(db) == []


def test_kill_a_payment_allocation_then_repeat(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    invoices = [invoiced(db, admin, ids["wang"]), invoiced(db, admin, ids["wang"], "LAMP-01")]
    pay = receivables.record_payment(db, admin, ids["wang"], "150", "bank_transfer", "TT 1",
                                     allocations=[])  # kept as credit for now
    _unallocated(db, pay.payment_id)
    crash_at(db.url, allocate_in_child, pay.payment_id, at=Commit())
    _unallocated(db, pay.payment_id)
    kills = 0
    for n in range(1, 60):  # every statement: the allocation is short
        try:
            crash_at(db.url, allocate_in_child, pay.payment_id, at=Statement(n))
        except CrashPointNotReached as done:
            assert "done: '150.00" in str(done)
            break
        kills += 1
        _unallocated(db, pay.payment_id)
    else:
        receivables.allocate_payment(db, admin, pay.payment_id)
    assert kills >= 8
    _balances_ok(db)
    with db.reader() as s:
        paid = {i: s.get(Invoice, i).paid for i in invoices}  # type: ignore[union-attr]
    assert paid == {invoices[0]: D("25.00"), invoices[1]: D("125.00")}
    again = receivables.allocate_payment(db, admin, pay.payment_id)  # repeat: nothing left
    assert (again.allocated, again.unallocated) == (D("150.00"), D("0.00"))
    assert _count(db, Allocation, Allocation.payment_id == pay.payment_id) == 2
    _balances_ok(db)


# --- `orderdesk check` on balances ---------------------------------------------------------------

def test_check_reports_planted_balance_problems_and_repairs_nothing(
        db: Database, admin: Actor, capsys: pytest.CaptureFixture[str]) -> None:
    ids = make_shop(db, admin)
    inv = invoiced(db, admin, ids["wang"])
    pay = receivables.record_payment(db, admin, ids["wang"], "40", "cash")
    assert main(["check", "--json", "--database", db.url]) == 0
    capsys.readouterr()
    with db.writer() as s:  # plant: the invoice says less is paid; an allocation too large
        invoice = s.get(Invoice, inv)
        assert invoice is not None
        invoice.paid = D("5")
        s.scalars(select(Allocation).where(Allocation.payment_id == pay.payment_id)
                  ).one().amount = D("30")
    assert main(["check", "--json", "--database", db.url]) == 1
    report = json.loads(capsys.readouterr().out)
    problems = {c["name"]: c["problems"] for c in report["checks"]}["invoice and payment balances"]
    with db.reader() as s:
        number = s.scalar(select(Invoice.number).where(Invoice.id == inv))
    assert f"invoice {number}: paid 5.00 but its allocations add up to 30.00" in problems
    assert f"invoice {number}: 30.00 allocated to a total of 25.00" in problems
    assert f"invoice {number}: status paid, open amount 20.00 says open" in problems
    assert f"payment {pay.payment_id}: allocated 25.00 but its allocations add up to 30.00" \
        in problems
    with db.reader() as s:  # reported, not repaired
        assert s.scalar(select(Invoice.paid).where(Invoice.id == inv)) == D("5.00")
        assert s.scalar(select(Allocation.amount)
                        .where(Allocation.payment_id == pay.payment_id)) == D("30.00")
