"""Made to order, as pure rules: the work order's state machine, the due date worked back
from the promised date, component need and shortage, and labour cost."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class WorkOrderState(StrEnum):
    PLANNED = "planned"
    WAITING_MATERIAL = "waiting_material"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    DONE = "done"
    CANCELLED = "cancelled"


W = WorkOrderState
WO_TRANSITIONS: frozenset[tuple[WorkOrderState, WorkOrderState]] = frozenset(
    {
        (W.PLANNED, W.WAITING_MATERIAL), (W.PLANNED, W.IN_PROGRESS), (W.PLANNED, W.BLOCKED),
        (W.PLANNED, W.CANCELLED),
        (W.WAITING_MATERIAL, W.PLANNED), (W.WAITING_MATERIAL, W.BLOCKED),
        (W.WAITING_MATERIAL, W.CANCELLED),
        (W.IN_PROGRESS, W.BLOCKED), (W.IN_PROGRESS, W.DONE), (W.IN_PROGRESS, W.CANCELLED),
        (W.BLOCKED, W.PLANNED), (W.BLOCKED, W.IN_PROGRESS), (W.BLOCKED, W.CANCELLED),
    }
)
# Board columns, in this order.
BOARD_STATES = (W.PLANNED, W.WAITING_MATERIAL, W.IN_PROGRESS, W.BLOCKED, W.DONE)
PROBLEM_KINDS = ("material_short", "machine_down", "quality", "other")


class WorkOrderMoveRefused(ValueError):
    pass


def can_move_work_order(current: WorkOrderState | str, target: WorkOrderState | str) -> bool:
    return (WorkOrderState(current), WorkOrderState(target)) in WO_TRANSITIONS


def check_work_order_move(current: WorkOrderState | str, target: WorkOrderState | str) -> None:
    if not can_move_work_order(current, target):
        raise WorkOrderMoveRefused(
            f"A work order that is {WorkOrderState(current).value} cannot become "
            f"{WorkOrderState(target).value}."
        )


def due_date(promised: date, shipping_lead_days: int) -> date:
    """The day the item must leave the workshop: the promised date less the shipping
    lead time; a weekend result moves back to the Friday before (the workshop is shut)."""
    if shipping_lead_days < 0:
        raise ValueError(f"shipping lead time cannot be negative ({shipping_lead_days})")
    due = promised - timedelta(days=shipping_lead_days)
    while due.weekday() >= 5:  # Saturday 5, Sunday 6
        due -= timedelta(days=1)
    return due


def promised_from_due(due: date, shipping_lead_days: int) -> date:
    """The inverse used when a problem moves the due date: the date to promise."""
    return due + timedelta(days=shipping_lead_days)


def component_need(bom: Mapping[int, int], quantity: int) -> dict[int, int]:
    """Units of each component for ``quantity`` finished units."""
    return {component: per_unit * quantity for component, per_unit in bom.items()}


@dataclass(frozen=True)
class Demand:
    """A work order's component need, in the order they get material (most urgent first)."""

    key: Hashable
    need: Mapping[int, int]


def plan_shortages(
    demands: Sequence[Demand], available: Mapping[int, int]
) -> dict[Hashable, dict[int, int]]:
    """Give the free stock to the demands in turn; what each cannot get is its shortage.
    Demands with nothing missing are left out."""
    free = dict(available)
    result: dict[Hashable, dict[int, int]] = {}
    for demand in demands:
        missing: dict[int, int] = {}
        for component, qty in demand.need.items():
            have = max(0, free.get(component, 0))
            take = min(have, qty)
            free[component] = have - take
            if qty > take:
                missing[component] = qty - take
        if missing:
            result[demand.key] = missing
    return result


def replenishment_need(shortages: Iterable[Mapping[int, int]]) -> dict[int, int]:
    """Total units to buy or make per component."""
    total: dict[int, int] = {}
    for missing in shortages:
        for component, qty in missing.items():
            total[component] = total.get(component, 0) + qty
    return total


def labour_cost(minutes: int, rate_per_hour: Decimal) -> Decimal:
    """Minutes at an hourly rate, to the cent."""
    return (Decimal(minutes) * rate_per_hour / 60).quantize(Decimal("0.01"), ROUND_HALF_UP)


def unit_cost(material: Decimal, labour: Decimal, quantity: int) -> Decimal:
    return ((material + labour) / quantity).quantize(Decimal("0.0001"), ROUND_HALF_UP)
