"""SIGKILL a real process in the middle of confirming an order, on SQLite and PostgreSQL:
afterwards nothing is half written, the ledger equals stock, and the action can simply be
repeated."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from app.db.engine import Database
from app.db.models import AuditEntry, Order, OrderStatusChange, Reservation, StockLevel
from app.services import orders, stock
from app.services.context import Actor, system_actor
from app.services.errors import ConcurrentChange
from tests.factories import make_shop
from tests.support.crash import Commit, CrashPointNotReached, Statement, crash_at


def confirm_in_child(db: Database, order_id: int, version: int) -> str:
    return orders.confirm(db, system_actor("crashing-ws"), order_id, version).status


def _draft(db: Database, admin: Actor) -> tuple[dict[str, int], int, int]:
    ids = make_shop(db, admin, stock_qty=10)
    o = orders.create_draft(db, admin, ids["wang"])
    o = orders.add_line(db, admin, o.id, o.version, "MUG-01", 3)
    o = orders.add_line(db, admin, o.id, o.version, "TEE-01", 2)
    return ids, o.id, o.version


def _assert_untouched(db: Database, ids: dict[str, int], order_id: int, version: int) -> None:
    with db.reader() as s:
        order = s.get(Order, order_id)
        assert order is not None
        assert (order.status, order.version, order.confirmed_at) == ("draft", version, None)
        assert s.scalar(select(func.count()).select_from(Reservation)) == 0
        assert s.scalar(select(func.sum(StockLevel.reserved))) == 0
        assert s.scalar(select(func.count()).select_from(OrderStatusChange)
                        .where(OrderStatusChange.to_status == "confirmed")) == 0
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "confirm")) == 0
    assert stock.verify(db) == []


def _assert_confirmed_once(db: Database, ids: dict[str, int], order_id: int) -> None:
    with db.reader() as s:
        order = s.get(Order, order_id)
        assert order is not None and order.status == "confirmed"
        held = dict(s.execute(select(Reservation.product_id, Reservation.quantity)).all())
        assert held == {ids["mug"]: 3, ids["tee"]: 2}
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "confirm")) == 1
    assert stock.verify(db) == []


@pytest.mark.slow
def test_kill_at_every_statement_of_a_confirmation(db: Database, admin: Actor) -> None:
    """Kill after statement 1, then 2, … until a run gets through: every kill leaves the
    order as it was; the run that gets through confirms it once."""
    ids, order_id, version = _draft(db, admin)
    kills = 0
    for n in range(1, 100):
        try:
            crash_at(db.url, confirm_in_child, order_id, version, at=Statement(n))
        except CrashPointNotReached as done:
            assert "done: 'confirmed'" in str(done)
            break
        kills += 1
        _assert_untouched(db, ids, order_id, version)
    assert kills >= 6  # load, lines, 2 × (reserve + reservation), status, audit …
    _assert_confirmed_once(db, ids, order_id)


def test_kill_just_before_commit_then_repeat(db: Database, admin: Actor) -> None:
    ids, order_id, version = _draft(db, admin)
    outcome = crash_at(db.url, confirm_in_child, order_id, version, at=Commit())
    assert outcome.killed
    _assert_untouched(db, ids, order_id, version)
    orders.confirm(db, admin, order_id, version)  # the clerk simply presses Confirm again
    _assert_confirmed_once(db, ids, order_id)


def test_kill_just_after_commit_keeps_the_confirmation(db: Database, admin: Actor) -> None:
    """Committed means kept: a repeat is refused with a clear message, nothing doubles."""
    ids, order_id, version = _draft(db, admin)
    crash_at(db.url, confirm_in_child, order_id, version, at=Commit(after=True))
    _assert_confirmed_once(db, ids, order_id)
    with pytest.raises(ConcurrentChange, match="changed by crashing-ws|changed by system"):
        orders.confirm(db, admin, order_id, version)
    _assert_confirmed_once(db, ids, order_id)


def test_kill_after_the_first_reservation_row(db: Database, admin: Actor) -> None:
    ids, order_id, version = _draft(db, admin)
    crash_at(db.url, confirm_in_child, order_id, version,
             at=Statement(1, "INSERT INTO reservations"))
    _assert_untouched(db, ids, order_id, version)
    orders.confirm(db, admin, order_id, version)
    _assert_confirmed_once(db, ids, order_id)


def test_sqlite_runs_with_synchronous_full_and_wal(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite pragmas")
    for session_factory in (db.reader, db.writer):
        with session_factory() as s:
            assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
