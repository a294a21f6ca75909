"""Made-to-order rules with worked examples: due date, shortage, work-order moves, cost."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest

from app.domain.production import (
    Demand,
    WorkOrderMoveRefused,
    WorkOrderState,
    can_move_work_order,
    check_work_order_move,
    component_need,
    due_date,
    labour_cost,
    plan_shortages,
    replenishment_need,
    unit_cost,
)


@pytest.mark.parametrize(
    ("promised", "lead", "due"),
    [
        (date(2025, 3, 14), 2, date(2025, 3, 12)),  # Fri promised, 2 days to ship: Wed
        (date(2025, 3, 17), 2, date(2025, 3, 14)),  # Mon promised -> Sat -> back to Fri
        (date(2025, 3, 16), 1, date(2025, 3, 14)),  # Sun promised -> Sat -> Fri
        (date(2025, 3, 12), 0, date(2025, 3, 12)),  # collected at the workshop
        (date(2025, 3, 3), 5, date(2025, 2, 26)),   # Mon minus 5 = Wed before
        (date(2024, 3, 1), 1, date(2024, 2, 29)),   # leap day
    ],
)
def test_due_date_is_worked_back_from_the_promised_date(
    promised: date, lead: int, due: date
) -> None:
    assert due_date(promised, lead) == due


def test_negative_lead_time_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        due_date(date(2025, 3, 14), -1)


def test_component_need_scales_the_bill_of_materials() -> None:
    """A wardrobe: 2 side panels, 1 top, 8 screws; 3 wardrobes."""
    assert component_need({1: 2, 2: 1, 3: 8}, 3) == {1: 6, 2: 3, 3: 24}


def test_shortage_goes_to_the_later_work_order() -> None:
    """5 panels free; WO-A (due first) needs 4, WO-B needs 4: B is 3 short, A is fine."""
    result = plan_shortages(
        [Demand("A", {1: 4, 2: 1}), Demand("B", {1: 4, 2: 1})], {1: 5, 2: 10})
    assert result == {"B": {1: 3}}


def test_missing_component_counts_in_full_and_negative_stock_counts_as_none() -> None:
    assert plan_shortages([Demand("A", {7: 2, 8: 1})], {8: -3}) == {"A": {7: 2, 8: 1}}


def test_replenishment_adds_up_shortages() -> None:
    assert replenishment_need([{1: 3}, {1: 2, 2: 5}]) == {1: 5, 2: 5}


def test_labour_and_unit_cost() -> None:
    """95 minutes at 48.00/h = 76.00; (120 material + 76 labour) over 2 units = 98."""
    assert labour_cost(95, Decimal("48.00")) == Decimal("76.00")
    assert labour_cost(1, Decimal("10.00")) == Decimal("0.17")  # 0.1666… rounds up
    assert unit_cost(Decimal("120"), Decimal("76.00"), 2) == Decimal("98.0000")


W = WorkOrderState
ALLOWED = {
    (W.PLANNED, W.WAITING_MATERIAL), (W.PLANNED, W.IN_PROGRESS), (W.PLANNED, W.BLOCKED),
    (W.PLANNED, W.CANCELLED), (W.WAITING_MATERIAL, W.PLANNED), (W.WAITING_MATERIAL, W.BLOCKED),
    (W.WAITING_MATERIAL, W.CANCELLED), (W.IN_PROGRESS, W.BLOCKED), (W.IN_PROGRESS, W.DONE),
    (W.IN_PROGRESS, W.CANCELLED), (W.BLOCKED, W.PLANNED), (W.BLOCKED, W.IN_PROGRESS),
    (W.BLOCKED, W.CANCELLED),
}


@pytest.mark.parametrize(("a", "b"), list(itertools.product(W, W)))
def test_every_work_order_move(a: WorkOrderState, b: WorkOrderState) -> None:
    """Written out by hand: waiting for material cannot start; done and cancelled are final."""
    assert can_move_work_order(a, b) == ((a, b) in ALLOWED)
    if (a, b) in ALLOWED:
        check_work_order_move(a, b)
    else:
        with pytest.raises(WorkOrderMoveRefused, match=f"{a.value} cannot become {b.value}"):
            check_work_order_move(a, b)
