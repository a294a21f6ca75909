"""The exception check in batches of orders (SQLite and PostgreSQL): it finds exactly the
problems an unfiltered, all-orders-at-once detection finds, opens nothing twice, keeps
case numbers gapless when a batch meets a case opened meanwhile, lets one PostgreSQL
workstation check at a time (and frees that lock even when the check fails), and the
Exceptions list is bounded with the total counted."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text

from app.db.engine import Database
from app.db.models import AuditEntry, ExceptionCase, Order
from app.db.types import utcnow
from app.domain.tracking_status import ExceptionKind, Problem, detect
from app.services import exception_desk as desk
from app.services import orders, receivables, tracking
from app.services.context import Actor
from tests.factories import make_shop
from tests.production_factories import shipped_order


def _confirmed(db: Database, admin: Actor, customer: int, promised: date | None) -> int:
    o = orders.create_draft(db, admin, customer)
    o = orders.add_line(db, admin, o.id, o.version, "MUG-01", 1)
    if promised is not None:
        o = orders.update_header(db, admin, o.id, o.version, promised_date=promised)
    return orders.confirm(db, admin, o.id, o.version).id


def _mixed_shop(db: Database, admin: Actor) -> dict[str, int]:
    """Orders of every kind the check looks at, spread over several batches of 3."""
    ids = make_shop(db, admin, stock_qty=20)
    today = utcnow().date()
    got = {f"quiet{n}": shipped_order(db, admin, ids, f"SF{n}") for n in range(4)}
    got["delivered_event"] = shipped_order(db, admin, ids, "SF10")
    tracking.record_event(db, admin, got["delivered_event"], "delivered", parcel_ref="SF10")
    got["damaged"] = shipped_order(db, admin, ids, "SF11")
    tracking.record_event(db, admin, got["damaged"], "damaged", parcel_ref="SF11")
    got["lost_then_delivered"] = shipped_order(db, admin, ids, "SF12")
    tracking.record_event(db, admin, got["lost_then_delivered"], "lost", parcel_ref="SF12")
    tracking.move_order(db, admin, got["lost_then_delivered"], None, "delivered", "test")
    got["late"] = _confirmed(db, admin, ids["smith"], today + timedelta(days=1))
    got["late_on_hold"] = _confirmed(db, admin, ids["wang"], today + timedelta(days=2))
    got["not_due"] = _confirmed(db, admin, ids["smith"], today + timedelta(days=60))
    got["no_date_on_hold"] = _confirmed(db, admin, ids["wang"], None)
    tracking.record_event(db, admin, got["no_date_on_hold"], "payment_problem")
    got["cancelled"] = _confirmed(db, admin, ids["smith"], today + timedelta(days=1))
    tracking.record_event(db, admin, got["cancelled"], "refused")
    orders.cancel(db, admin, got["cancelled"], orders.get_order(db, got["cancelled"]).version,
                  "test")
    receivables.set_hold(db, admin, ids["wang"], True, "dunning level 3")
    return got


def _expected(db: Database, now: datetime) -> set[tuple[int, str, datetime]]:
    """The old way: every order's facts at once, detection, then the credit holds; the
    first problem of an (order, kind) opens its case."""
    with db.reader() as s:
        current = desk._rules(s)
        rows = [(oid, status, promised) for oid, status, promised in s.execute(
            select(Order.id, Order.status, Order.promised_date))]
        found: list[Problem] = [p for f in desk._facts(s, rows) for p in detect(f, current, now)]
        found += desk._payment_problems(s, 0, max(r[0] for r in rows))
    first: dict[tuple[int, str], datetime] = {}
    for p in found:
        first.setdefault((p.order_id, p.kind.value), p.since)
    return {(oid, kind, since) for (oid, kind), since in first.items()}


def _cases(db: Database) -> set[tuple[int, str, datetime]]:
    with db.reader() as s:
        return {(oid, kind, since) for oid, kind, since in s.execute(
            select(ExceptionCase.order_id, ExceptionCase.kind, ExceptionCase.problem_since))}


def _count(db: Database, model: Any) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(desk, "CHECK_BATCH", 3)


@pytest.mark.usefixtures("small_batches")
def test_check_in_batches_opens_what_all_at_once_detection_finds(
    db: Database, admin: Actor
) -> None:
    got = _mixed_shop(db, admin)
    now = utcnow() + timedelta(days=10)
    expected = _expected(db, now)
    kinds = {(oid, kind) for oid, kind, _ in expected}
    # the shop really has every kind of order, over many batches of 3
    assert _count(db, Order) >= 4 * desk.CHECK_BATCH
    assert {(got["quiet0"], "no_tracking_event"), (got["quiet0"], "in_transit_too_long"),
            (got["damaged"], "damaged"), (got["lost_then_delivered"], "lost"),
            (got["late"], "not_shipped_by_promised_date"),
            (got["late_on_hold"], "payment_problem"),
            (got["no_date_on_hold"], "payment_problem")} <= kinds
    assert not {oid for oid, _ in kinds} & {got["delivered_event"], got["not_due"],
                                             got["cancelled"]}
    audits = _count(db, AuditEntry)
    result = desk.check(db, admin, now=now)
    assert result.ran and _cases(db) == expected
    assert sorted(result.opened) == [f"EXC-{i:06d}" for i in range(1, len(expected) + 1)]
    assert _count(db, AuditEntry) == audits + len(expected)
    # the credit hold of an order whose payment-problem event has its case adds none
    with db.reader() as s:
        detail = s.scalar(select(ExceptionCase.detail).where(
            ExceptionCase.order_id == got["no_date_on_hold"]))
    assert detail is not None and "payment problem reported" in detail
    assert desk.check(db, admin, now=now).opened == []
    assert desk.check(db, admin, now=now + timedelta(days=30)).opened == []


@pytest.mark.usefixtures("small_batches")
def test_a_batch_meeting_open_cases_opens_nothing_and_leaves_no_gap(
    db: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = make_shop(db, admin)
    for n in range(5):
        shipped_order(db, admin, ids, f"SF{n}")
    later = utcnow() + timedelta(days=10)
    assert len(desk.check(db, admin, now=later).opened) == 10
    # as if the cases read had missed those opened meanwhile (a return's damage case,
    # another workstation): the unique constraint refuses, the batch's numbers roll back
    monkeypatch.setattr(desk, "is_new_problem", lambda *_a: True)
    assert desk.check(db, admin, now=later).opened == []
    monkeypatch.undo()
    tracking.record_event(db, admin, shipped_order(db, admin, ids, "SF9"), "lost")
    assert desk.check(db, admin, now=utcnow()).opened == ["EXC-000011"]


@pytest.mark.usefixtures("small_batches")
def test_checks_at_once_open_each_case_once(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    for n in range(7):
        shipped_order(db, admin, ids, f"SF{n}")
    later = utcnow() + timedelta(days=10)
    workers = 3
    barrier = threading.Barrier(workers)
    results: list[desk.CheckResult] = []
    errors: list[BaseException] = []

    def run() -> None:
        other = Database(db.url)
        try:
            barrier.wait(timeout=60)
            results.append(desk.check(other, admin, now=later))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            other.dispose()

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors and len(results) == workers
    assert any(r.ran for r in results)
    opened = sorted(n for r in results for n in r.opened)
    assert opened == [f"EXC-{i:06d}" for i in range(1, 15)]
    with db.reader() as s:
        per_order_kind = s.execute(select(ExceptionCase.order_id, ExceptionCase.kind,
                                          func.count()).group_by(ExceptionCase.order_id,
                                                                 ExceptionCase.kind)).all()
    assert len(per_order_kind) == 14 and all(c == 1 for *_, c in per_order_kind)


def test_postgresql_one_workstation_checks_at_a_time(db: Database, admin: Actor,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    if db.is_sqlite:
        pytest.skip("the advisory lock is PostgreSQL's")
    ids = make_shop(db, admin)
    shipped_order(db, admin, ids)
    later = utcnow() + timedelta(days=10)
    with db.engine.connect() as other:  # another workstation checking
        other.execution_options(isolation_level="AUTOCOMMIT")
        assert other.execute(text("SELECT pg_try_advisory_lock(:k)"),
                             {"k": desk.CHECK_LOCK_KEY}).scalar()
        assert desk.check(db, admin, now=later) == desk.CheckResult(ran=False)
        other.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": desk.CHECK_LOCK_KEY})

    def broken(*_a: Any) -> list[Problem]:
        raise RuntimeError("lost the connection half-way")

    monkeypatch.setattr(desk, "detect", broken)
    with pytest.raises(RuntimeError):
        desk.check(db, admin, now=later)
    monkeypatch.undo()
    result = desk.check(db, admin, now=later)  # the failed check freed the lock
    assert result.ran and len(result.opened) == 2
    with db.reader() as s:  # and holds none afterwards
        assert s.scalar(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")) == 0


@pytest.mark.usefixtures("small_batches")
def test_open_cases_lists_the_oldest_and_counts_them_all(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    for n in range(4):
        shipped_order(db, admin, ids, f"SF{n}")
    opened = desk.check(db, admin, now=utcnow() + timedelta(days=10)).opened
    assert len(opened) == 8
    listed = desk.open_cases(db, limit=5)
    with db.reader() as s:
        oldest = s.scalars(select(ExceptionCase.number).order_by(
            ExceptionCase.opened_at, ExceptionCase.id).limit(5)).all()
    assert [c.number for c in listed] == oldest
    assert desk.count_open_cases(db) == 8 and len(desk.open_cases(db)) == 8
    assert len(desk.open_cases(db, limit=None)) == 8
    assert desk.count_open_cases(db, "no_tracking_event") == 4
    assert [c.kind for c in desk.open_cases(db, "no_tracking_event", limit=2)] == [
        "no_tracking_event"] * 2
    desk.close_case(db, admin, listed[0].id, "found")
    assert desk.count_open_cases(db) == 7
    assert listed[0].number not in {c.number for c in desk.open_cases(db, limit=5)}
    assert ExceptionKind.NO_TRACKING.value == "no_tracking_event"
