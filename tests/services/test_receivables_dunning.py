"""Dunning runs, sending through the notice outbox, hold and release; concurrency."""

from __future__ import annotations

import multiprocessing as mp
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Notice, Order
from app.domain.roles import Role
from app.services import orders, receivables
from app.services.context import Actor
from tests.factories import make_shop
from tests.services.receivables_helpers import draft, invoiced

D = Decimal


def test_dunning_run_send_hold_and_pay(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    receivables.set_credit(db, admin, ids["wang"], terms="NET7", language="zh")
    today = date.today()
    invoiced(db, admin, ids["wang"], "LAMP-01", issued=today - timedelta(days=100))
    invoiced(db, admin, ids["smith"], issued=today - timedelta(days=3))  # not overdue
    for level in (1, 2, 3):
        proposed = receivables.dunning_run(db, admin, company="Shop")
        assert [(p.customer_id, p.level) for p in proposed] == [(ids["wang"], level)]
        assert receivables.send_letters(db, admin, [proposed[0].id]) == 1
    letter = proposed[0]
    assert "最后通知" in letter.subject and "199.00" in letter.body and "Shop" in letter.body
    assert receivables.dunning_run(db, admin) == []  # nothing more to send
    credit = receivables.get_credit(db, ids["wang"])
    assert credit.on_hold and credit.hold_reason.startswith("Dunning level 3")
    history = receivables.letters(db, customer_id=ids["wang"])
    assert [(h.level, h.status) for h in history] == [(1, "sent"), (2, "sent"), (3, "sent")]
    with db.reader() as s:
        notices = list(s.scalars(select(Notice).order_by(Notice.id)))
        assert [n.kind for n in notices] == ["dunning"] * 3
        assert notices[0].recipient == "wang@example.cn" and notices[0].status == "pending"
    # Paying what is overdue lifts the hold and resets the level.
    r = receivables.record_payment(db, admin, ids["wang"], "199", "bank_transfer")
    assert r.hold_lifted
    credit = receivables.get_credit(db, ids["wang"])
    assert not credit.on_hold and credit.dunning_level == 0


def test_manual_hold_is_not_lifted_by_paying(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    invoiced(db, admin, ids["wang"])
    receivables.set_hold(db, admin, ids["wang"], True, "dispute")
    r = receivables.record_payment(db, admin, ids["wang"], "25", "cash")
    assert not r.hold_lifted and receivables.get_credit(db, ids["wang"]).on_hold


def test_discarded_letters_are_kept_in_history(db: Database, admin: Actor) -> None:
    ids = make_shop(db, admin)
    invoiced(db, admin, ids["wang"], issued=date.today() - timedelta(days=10))
    proposed = receivables.dunning_run(db, admin)
    receivables.discard_letter(db, admin, proposed[0].id)
    assert [h.status for h in receivables.letters(db, customer_id=ids["wang"])] == ["discarded"]


def _confirm_in_process(url: str, order_id: int, version: int, start: object,
                        results: object) -> None:
    db = Database(url)
    clerk = Actor(None, f"ws-{order_id}", Role.COUNTER, f"ws-{order_id}")
    start.wait()  # type: ignore[attr-defined]
    try:
        orders.confirm(db, clerk, order_id, version)
        results.put((order_id, "ok"))  # type: ignore[attr-defined]
    except receivables.CreditRefused as exc:
        results.put((order_id, f"refused: {exc}"))  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put((order_id, f"error: {exc!r}"))  # type: ignore[attr-defined]
    finally:
        db.dispose()


def test_two_workstations_at_the_limit_only_one_passes(db: Database, admin: Actor) -> None:
    """Limit 250: orders of 199.00 and 179.70 (different products, so no shared stock row
    serialises them) confirmed at the same moment from two processes."""
    ids = make_shop(db, admin)
    receivables.set_credit(db, admin, ids["wang"], credit_limit=D("250"))
    a = draft(db, admin, ids["wang"], "LAMP-01")
    b = draft(db, admin, ids["wang"], "TEE-01", 3)
    ctx = mp.get_context("spawn")
    start, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_confirm_in_process, args=(db.url, o.id, o.version, start,
                                                           results)) for o in (a, b)]
    for p in procs:
        p.start()
    outcome = dict(results.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    assert sorted(v.split(":")[0] for v in outcome.values()) == ["ok", "refused"], outcome
    with db.reader() as s:
        statuses = sorted(s.scalars(select(Order.status).where(Order.id.in_([a.id, b.id]))))
    assert statuses == ["confirmed", "draft"]
    assert receivables.get_credit(db, ids["wang"]).exposure in (D("199.00"), D("179.70"))
