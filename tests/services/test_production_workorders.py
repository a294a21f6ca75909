"""Work orders on SQLite and PostgreSQL: created on confirm, started and ticked by scan,
blocked with a new date, finished into stock with components consumed in the ledger."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Reservation, StockLevel, StockMove
from app.domain.roles import Role
from app.services import orders, production, stock
from app.services.context import Actor
from app.services.errors import InsufficientStock, PermissionDenied, ValidationFailed
from app.services.notices import notices_for_order
from app.services.order_costs import cost_totals
from tests.production_factories import confirmed_mto_order, make_workshop


def _level(db: Database, pid: int, wid: int) -> tuple[int, int]:
    with db.reader() as s:
        lvl = s.get(StockLevel, (pid, wid))
        return (lvl.on_hand, lvl.reserved) if lvl else (0, 0)


def test_confirm_creates_a_work_order_instead_of_reserving(db: Database, admin: Actor) -> None:
    """Promised Mon 17 March 2031, 2 days to ship: due Fri 14th; options carried over."""
    ids = make_workshop(db, admin)
    order_id = confirmed_mto_order(db, admin, ids, quantity=2)
    [wo] = production.work_orders_for_order(db, order_id)
    assert wo.number == "WO-000001" and wo.quantity == 2 and wo.state == "planned"
    assert wo.due_date == date(2031, 3, 14)
    assert wo.options == {"width_cm": 180, "colour": "橡木色"}
    assert [op.name for op in wo.operations] == ["cut 开料", "assemble 组装", "finish 封边"]
    assert wo.components == [("PANEL-01", "Oak panel 橡木板", 4), ("SCREW-01", "Screw 螺丝", 16)]
    assert orders.get_order(db, order_id).status == "confirmed"
    with db.reader() as s:  # the mug is reserved, the wardrobe is not
        skus = {r.product_id for r in s.scalars(select(Reservation))}
    assert skus == {ids["mug"]}


def test_shortage_makes_it_wait_and_feeds_replenishment(db: Database, admin: Actor) -> None:
    """3 panels free, the wardrobe needs 4: waits, 1 panel on the purchase list."""
    ids = make_workshop(db, admin, panels=3)
    order_id = confirmed_mto_order(db, admin, ids, quantity=2)
    [wo] = production.work_orders_for_order(db, order_id)
    assert wo.state == "waiting_material" and wo.shortage == {"PANEL-01": 1}
    assert [(r.sku, r.short) for r in production.replenishment_list(db)] == [("PANEL-01", 1)]
    with pytest.raises(InsufficientStock, match="PANEL-01 short 1"):
        production.scan_work_order(db, admin, wo.number)
    stock.receive(db, admin, ids["panel"], ids["warehouse"], 1, "delivery")
    production.recheck_materials(db, admin)
    assert production.get_work_order(db, wo.id).state == "planned"
    assert production.replenishment_list(db) == []


def test_the_earlier_due_date_gets_the_material(db: Database, admin: Actor) -> None:
    ids = make_workshop(db, admin, panels=3)
    late = confirmed_mto_order(db, admin, ids, promised=date(2031, 4, 30))
    early = confirmed_mto_order(db, admin, ids, promised=date(2031, 4, 1))
    states = {w.order_id: w.state for w in production.board(db)}
    assert states == {early: "planned", late: "waiting_material"}
    assert [w.order_id for w in production.board(db)] == [early, late]  # by due date


def test_life_cycle_by_scans_to_finished_and_reserved(db: Database, admin: Actor) -> None:
    ids = make_workshop(db, admin)
    order_id = confirmed_mto_order(db, admin, ids, quantity=2)
    [wo] = production.work_orders_for_order(db, order_id)
    r = production.scan_work_order(db, admin, f"]C1{wo.number.lower()}\r\n".strip())
    assert r.state == "in_progress" and "started" in r.message
    assert orders.get_order(db, order_id).status == "in_production"
    production.tick_operation(db, admin, wo.id, minutes=35)
    production.tick_operation(db, admin, wo.id, minutes=50)
    with pytest.raises(ValidationFailed, match="still has operations to do: finish"):
        production.finish_work_order(db, admin, wo.id)
    r = production.scan_work_order(db, admin, wo.number)  # measured: at least a minute
    assert "all operations done" in r.message
    view = production.get_work_order(db, wo.id)
    assert view.operations_done == 3 and view.operations[2].actual_minutes == 1

    result = production.finish_work_order(db, admin, wo.id)
    # 4 panels × 30 + 16 screws × 0.50 = 128.00; 86 min at 48/h = 68.80; each (196.80/2)
    assert result.material_cost == Decimal("128.00")
    assert result.labour_cost == Decimal("68.80")
    assert result.unit_cost == Decimal("98.4000")
    assert _level(db, ids["panel"], ids["warehouse"]) == (6, 0)
    assert _level(db, ids["screw"], ids["warehouse"]) == (84, 0)
    assert _level(db, ids["wardrobe"], ids["warehouse"]) == (2, 2)  # produced and reserved
    with db.reader() as s:
        moves = [(m.kind, m.product_id, m.quantity, m.order_id) for m in s.scalars(
            select(StockMove).where(StockMove.kind.in_(["consume", "produce"]))
            .order_by(StockMove.id))]
        res = s.scalars(select(Reservation).where(Reservation.product_id == ids["wardrobe"])).one()
    assert moves == [("consume", ids["panel"], -4, order_id), ("consume", ids["screw"], -16,
                     order_id), ("produce", ids["wardrobe"], 2, order_id)]
    assert (res.order_id, res.quantity, res.status) == (order_id, 2, "open")
    assert stock.verify(db) == []  # ledger and reservations agree
    assert production.get_work_order(db, wo.id).state == "done"
    assert orders.get_order(db, order_id).status == "confirmed"  # ready to pick
    assert cost_totals(db, order_id) == {"material": Decimal("128.00"),
                                         "labour": Decimal("68.80")}
    with pytest.raises(ValidationFailed, match="nothing to do"):
        production.scan_work_order(db, admin, wo.number)


def test_problem_blocks_and_accepted_date_moves_the_order(db: Database, admin: Actor) -> None:
    ids = make_workshop(db, admin)
    order_id = confirmed_mto_order(db, admin, ids)
    [wo] = production.work_orders_for_order(db, order_id)
    production.start_work_order(db, admin, wo.id)
    new_date = date(2031, 3, 24)  # a Monday: due Friday 21st
    problem = production.report_problem(db, admin, wo.id, "machine_down", "saw broken 锯坏了",
                                        new_date)
    view = production.get_work_order(db, wo.id)
    assert view.state == "blocked" and view.blocked_reason == "machine_down: saw broken 锯坏了"
    assert view.proposed_promised_date == new_date and view.open_problem_id == problem
    with pytest.raises(ValidationFailed, match="blocked; only work in progress"):
        production.tick_operation(db, admin, wo.id)
    assert notices_for_order(db, order_id) == []  # nothing told before a person accepts
    production.decide_new_date(db, admin, problem, accept=True)
    o = orders.get_order(db, order_id)
    assert o.promised_date == new_date
    assert production.get_work_order(db, wo.id).due_date == date(2031, 3, 21)
    [notice] = [n for n in notices_for_order(db, order_id) if n.channel == "email"]
    assert notice.kind == "delayed" and "2031-03-24" in notice.body
    assert notice.recipient == "wang@example.cn"
    with pytest.raises(ValidationFailed, match="already accepted"):
        production.decide_new_date(db, admin, problem, accept=True)
    assert production.resume_work_order(db, admin, wo.id).state == "in_progress"


def test_declined_date_changes_nothing(db: Database, admin: Actor) -> None:
    ids = make_workshop(db, admin)
    order_id = confirmed_mto_order(db, admin, ids)
    [wo] = production.work_orders_for_order(db, order_id)
    problem = production.report_problem(db, admin, wo.id, "quality", "grain split",
                                        date.today() + timedelta(days=30))
    production.decide_new_date(db, admin, problem, accept=False)
    assert orders.get_order(db, order_id).promised_date == date(2031, 3, 17)
    assert notices_for_order(db, order_id) == []
    assert production.resume_work_order(db, admin, wo.id).state == "planned"


def test_finish_refuses_when_components_were_taken_meanwhile(db: Database, admin: Actor) -> None:
    ids = make_workshop(db, admin, panels=2)
    order_id = confirmed_mto_order(db, admin, ids)
    [wo] = production.work_orders_for_order(db, order_id)
    production.start_work_order(db, admin, wo.id)
    for _ in range(3):
        production.tick_operation(db, admin, wo.id, minutes=10)
    stock.adjust(db, admin, ids["panel"], ids["warehouse"], 1, "broken panel")
    with pytest.raises(InsufficientStock, match="PANEL-01 needs 2, 1 free"):
        production.finish_work_order(db, admin, wo.id)
    assert _level(db, ids["screw"], ids["warehouse"]) == (100, 0)  # nothing half consumed
    assert production.get_work_order(db, wo.id).state == "in_progress"


def test_permissions_and_bad_set_up(db: Database, admin: Actor) -> None:
    ids = make_workshop(db, admin)
    counter = Actor(None, "li", Role.COUNTER, "ws")
    order_id = confirmed_mto_order(db, admin, ids)
    [wo] = production.work_orders_for_order(db, order_id)
    with pytest.raises(PermissionDenied, match="adjust_stock"):
        production.scan_work_order(db, counter, wo.number)
    with pytest.raises(ValidationFailed, match="component of itself"):
        production.set_manufacturing(db, admin, ids["wardrobe"], production.ManufacturingData(
            True, bom=[(ids["wardrobe"], 1)], operations=[("x", 1)]))
    with pytest.raises(ValidationFailed, match="at least one operation"):
        production.set_manufacturing(db, admin, ids["lamp"], production.ManufacturingData(True))


def test_an_order_without_promised_date_still_gets_a_work_order(
    db: Database, admin: Actor
) -> None:
    ids = make_workshop(db, admin)
    order_id = confirmed_mto_order(db, admin, ids, promised=None, with_mug=False)
    [wo] = production.work_orders_for_order(db, order_id)
    assert wo.due_date is None and wo.state == "planned"
