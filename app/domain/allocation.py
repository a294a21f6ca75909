"""What happens to an order line that cannot be fully reserved, and the order status that
follows from the lines' reservations and backorders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Choice(StrEnum):
    ALL_OR_NOTHING = "all_or_nothing"  # refuse the confirmation (the clerk decides)
    SHIP_AND_BACKORDER = "ship_and_backorder"  # ship what is there now, backorder the rest
    WAIT_ALL = "wait_all"  # hold what is there, ship when all of it is in
    CANCEL_LINE = "cancel_line"  # drop the line from the order
    SUBSTITUTE = "substitute"  # replace the product with one of its substitutes


@dataclass(frozen=True)
class LineChoice:
    choice: Choice
    substitute_id: int | None = None
    warehouse_id: int | None = None  # reserve from another warehouse


@dataclass(frozen=True)
class LineState:
    reserved: int
    backordered: int
    ship_complete: bool


def status_after(lines: Iterable[LineState]) -> str:
    """'backordered' while a wait-for-all line is short or nothing at all is reserved;
    otherwise 'confirmed' (what is reserved can go)."""
    items = list(lines)
    if any(li.backordered > 0 and li.ship_complete for li in items):
        return "backordered"
    if items and all(li.reserved == 0 for li in items):
        return "backordered"
    return "confirmed"


def to_buy(backordered: int, reorder_point: int, available: int) -> int:
    """Replenishment: what is promised but missing, plus the shortfall below the reorder
    point of what is free."""
    return max(0, backordered) + max(0, reorder_point - max(0, available))
