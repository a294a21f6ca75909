"""The exception desk on SQLite and PostgreSQL: rules, one case per problem (also with
several workstations checking at once), case actions with costs, closing only with a
resolution, and the end-to-end story of a parcel that goes quiet."""

from __future__ import annotations

import multiprocessing as mp
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.db.engine import Database
from app.db.models import ExceptionCase, ReshipRequest, StockLevel
from app.db.types import utcnow
from app.domain.roles import Role
from app.domain.tracking_status import ExceptionKind
from app.services import exception_desk as desk
from app.services import orders, stock, tracking
from app.services.context import Actor
from app.services.errors import InsufficientStock, PermissionDenied, ValidationFailed
from app.services.notices import notices_for_order
from app.services.order_costs import cost_totals
from tests.factories import make_shop
from tests.production_factories import shipped_order

QUIET = ExceptionKind.NO_TRACKING.value


def _quiet_rules(db: Database, admin: Actor) -> None:
    """Only the quiet-parcel rule, 3 days."""
    for kind in ExceptionKind:
        desk.set_rule(db, admin, kind, 3 if kind is ExceptionKind.NO_TRACKING else 0,
                      enabled=kind is ExceptionKind.NO_TRACKING)


def test_rules_are_manager_set(db: Database, admin: Actor) -> None:
    assert desk.rules(db)[ExceptionKind.TRANSIT_TOO_LONG].base_days == 3
    desk.set_rule(db, admin, "in_transit_too_long", 4, base_days=5)
    rule = desk.rules(db)[ExceptionKind.TRANSIT_TOO_LONG]
    assert (rule.threshold_days, rule.base_days, rule.enabled) == (4, 5, True)
    with pytest.raises(PermissionDenied, match="approve"):
        desk.set_rule(db, Actor(None, "li", Role.COUNTER), "lost", 1)


def test_one_case_per_problem_and_a_new_one_after_closing(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    _quiet_rules(db, admin)
    oid = shipped_order(db, admin, ids)
    assert desk.check(db, admin).opened == []  # just shipped: nothing yet
    later = utcnow() + timedelta(days=4)
    first = desk.check(db, admin, now=later)
    assert first.ran and first.opened == ["EXC-000001"]
    assert desk.check(db, admin, now=later).opened == []  # still open: no second case
    [case] = desk.open_cases(db)
    assert (case.kind, case.order_id, case.order_status) == (QUIET, oid, "shipped")
    with pytest.raises(ValidationFailed, match="only with a resolution"):
        desk.close_case(db, admin, case.id, "  ")
    desk.close_case(db, admin, case.id, "carrier found it, no action")
    assert desk.check(db, admin, now=later + timedelta(hours=1)).opened == []  # same problem
    tracking.record_event(db, admin, oid, "in_transit", at=later, parcel_ref="SF1001")
    assert desk.check(db, admin, now=later + timedelta(days=4)).opened == ["EXC-000002"]


def test_event_problems_open_cases(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    a = shipped_order(db, admin, ids, "SF1")
    b = shipped_order(db, admin, ids, "SF2")
    tracking.record_event(db, admin, a, "refused", parcel_ref="SF1")
    tracking.record_event(db, Actor(None, "li", Role.COUNTER), b, "damaged",
                          description="customer photo", source="customer")
    desk.check(db, admin)
    assert {(c.order_id, c.kind) for c in desk.open_cases(db)} == {
        (a, "delivery_refused"), (b, "damaged")}


def test_not_shipped_by_the_promised_date(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    o = orders.create_draft(db, admin, ids["wang"])
    o = orders.add_line(db, admin, o.id, o.version, "MUG-01", 1)
    o = orders.update_header(db, admin, o.id, o.version, promised_date=date(2031, 5, 2))
    orders.confirm(db, admin, o.id, o.version)
    assert desk.check(db, admin, now=datetime(2031, 5, 2, 23, tzinfo=UTC)).opened == []
    assert len(desk.check(db, admin, now=datetime(2031, 5, 3, 1, tzinfo=UTC)).opened) == 1
    assert desk.open_cases(db)[0].kind == "not_shipped_by_promised_date"


def test_the_database_refuses_a_second_open_case(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    oid = shipped_order(db, admin, ids)
    now = utcnow()
    with pytest.raises(IntegrityError), db.writer() as s:
        for n in ("X1", "X2"):
            s.add(ExceptionCase(number=n, order_id=oid, kind="lost", problem_since=now,
                                open_flag=1))
            s.flush()
    with db.writer() as s:  # closed ones (open_flag NULL) do not collide
        for n in ("X3", "X4"):
            s.add(ExceptionCase(number=n, order_id=oid, kind="lost", problem_since=now,
                                open_flag=None))
        s.add(ExceptionCase(number="X5", order_id=oid, kind="lost", problem_since=now,
                            open_flag=1))


def _check_in_process(url: str, now_iso: str, barrier: Any, out: Any) -> None:
    from app.services import exception_desk
    from app.services.context import system_actor

    db = Database(url)
    barrier.wait()
    result = exception_desk.check(db, system_actor("p"), now=datetime.fromisoformat(now_iso))
    out.put((result.ran, result.opened))
    db.dispose()


def test_workstations_checking_at_once_open_one_case_per_problem(
    db: Database, admin: Actor
) -> None:
    ids = make_shop(db, admin)
    _quiet_rules(db, admin)
    for n in range(5):
        shipped_order(db, admin, ids, f"SF{n}")
    later = (utcnow() + timedelta(days=5)).isoformat()
    ctx = mp.get_context("spawn")
    workers = 4
    barrier, out = ctx.Barrier(workers), ctx.Queue()
    procs = [ctx.Process(target=_check_in_process, args=(db.url, later, barrier, out))
             for _ in range(workers)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    opened = [n for _, numbers in results for n in numbers]
    assert sorted(opened) == [f"EXC-00000{i}" for i in range(1, 6)]
    assert any(ran for ran, _ in results)
    with db.reader() as s:
        per_order = s.execute(select(ExceptionCase.order_id, func.count())
                              .group_by(ExceptionCase.order_id)).all()
    assert len(per_order) == 5 and all(c == 1 for _, c in per_order)


def test_actions_record_costs_and_notices(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin, stock_qty=1)
    oid = shipped_order(db, admin, ids)
    tracking.record_event(db, admin, oid, "lost", parcel_ref="SF1001")
    desk.check(db, admin)
    [case] = desk.open_cases(db)
    desk.claim(db, admin, case.id, "SF-CLM-88", Decimal("150.00"))
    desk.claim(db, admin, case.id, "SF-CLM-88", Decimal("150.00"), "paid")
    desk.refund(db, admin, case.id, Decimal("20.00"), "goodwill for the wait")
    with pytest.raises(ValidationFailed, match="at most the order total"):
        desk.refund(db, admin, case.id, Decimal("999.00"), "too much")
    desk.new_promised_date(db, admin, case.id, utcnow().date() + timedelta(days=3))
    desk.add_note(db, admin, case.id, "called 王伟, agreed")
    with pytest.raises(InsufficientStock, match="Cannot reship 1 × LAMP-01: 0 free"):
        desk.reship(db, admin, case.id, Decimal("12.00"))  # the only lamp went out
    assert cost_totals(db, oid) == {"claim_received": Decimal("-150.00"),
                                    "refund": Decimal("20.00")}
    kinds = [a.kind for a in desk.get_case(db, case.id).actions]
    assert kinds == ["claim", "claim", "refund", "new_date", "note"]
    assert [(n.kind, n.channel) for n in notices_for_order(db, oid)] == [
        ("delayed", "email"), ("delayed", "sms")]


def test_end_to_end_quiet_parcel_reshipped_and_delivered(db: Database, admin: Actor) -> None:
    """A shipped order goes quiet; the check opens a case; the desk reships from stock;
    the new parcel is delivered; the order ends delivered with the costs on record."""
    ids = make_shop(db, admin, stock_qty=5)
    _quiet_rules(db, admin)
    shipped = utcnow() - timedelta(days=6)
    oid = shipped_order(db, admin, ids, "SF1001", shipped_at=shipped)
    tracking.record_event(db, admin, oid, "in_transit", shipped + timedelta(days=1), "SF1001",
                          "广州转运中心")
    # … and nothing since: 5 days quiet, more than the 3 days allowed.
    result = desk.check(db, admin)
    [case] = desk.open_cases(db)
    assert result.opened == [case.number] and case.kind == QUIET
    assert "no tracking event since" in case.detail

    [request_id] = desk.reship(db, admin, case.id, postage=Decimal("18.00"))
    with db.reader() as s:
        req = s.get(ReshipRequest, request_id)
        assert req is not None and (req.quantity, req.product_id) == (1, ids["lamp"])
        level = s.get(StockLevel, (ids["lamp"], ids["warehouse"]))
        assert level is not None and (level.on_hand, level.reserved) == (5, 2)
    assert stock.verify(db) == []

    tracking.record_event(db, admin, oid, "picked_up", parcel_ref="SF2002")
    assert orders.get_order(db, oid).status == "shipped"
    tracking.scan_delivered(db, admin, "SF2002")
    assert orders.get_order(db, oid).status == "delivered"
    desk.close_case(db, admin, case.id, "reshipped as SF2002, delivered")
    assert desk.open_cases(db) == []
    assert desk.check(db, admin, now=utcnow() + timedelta(days=30)).opened == []
    assert cost_totals(db, oid) == {"reship_goods": Decimal("80.00"),
                                    "postage": Decimal("18.00")}
    timeline = [(e.source, e.title) for e in tracking.timeline(db, oid)]
    assert timeline[-2:] == [("tracking", "delivered"), ("status", "shipped → delivered")] or \
        ("status", "shipped → delivered") in timeline
