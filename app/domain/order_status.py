"""The order's state machine: which moves are allowed, named once."""

from __future__ import annotations

from enum import StrEnum


class OrderStatus(StrEnum):
    DRAFT = "draft"
    NEEDS_ATTENTION = "needs_attention"
    CONFIRMED = "confirmed"
    BACKORDERED = "backordered"
    IN_PRODUCTION = "in_production"
    PICKING = "picking"
    PACKED = "packed"
    PARTLY_SHIPPED = "partly_shipped"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    ON_HOLD = "on_hold"
    CANCELLED = "cancelled"
    RETURNED = "returned"


S = OrderStatus
TRANSITIONS: frozenset[tuple[OrderStatus, OrderStatus]] = frozenset(
    {
        (S.DRAFT, S.CONFIRMED), (S.DRAFT, S.CANCELLED), (S.DRAFT, S.NEEDS_ATTENTION),
        (S.DRAFT, S.BACKORDERED),
        (S.NEEDS_ATTENTION, S.DRAFT), (S.NEEDS_ATTENTION, S.CANCELLED),
        (S.CONFIRMED, S.PICKING), (S.CONFIRMED, S.IN_PRODUCTION), (S.CONFIRMED, S.PACKED),
        (S.CONFIRMED, S.BACKORDERED), (S.CONFIRMED, S.ON_HOLD), (S.CONFIRMED, S.CANCELLED),
        (S.CONFIRMED, S.SHIPPED), (S.CONFIRMED, S.PARTLY_SHIPPED),
        (S.BACKORDERED, S.CONFIRMED), (S.BACKORDERED, S.CANCELLED),
        (S.BACKORDERED, S.PARTLY_SHIPPED), (S.BACKORDERED, S.ON_HOLD),
        (S.IN_PRODUCTION, S.CONFIRMED), (S.IN_PRODUCTION, S.PICKING),
        (S.IN_PRODUCTION, S.ON_HOLD), (S.IN_PRODUCTION, S.CANCELLED),
        (S.PICKING, S.PACKED), (S.PICKING, S.CONFIRMED), (S.PICKING, S.ON_HOLD),
        (S.PICKING, S.CANCELLED), (S.PICKING, S.PARTLY_SHIPPED),
        (S.PACKED, S.SHIPPED), (S.PACKED, S.PARTLY_SHIPPED), (S.PACKED, S.PICKING),
        (S.PACKED, S.ON_HOLD), (S.PACKED, S.CANCELLED),
        (S.PARTLY_SHIPPED, S.SHIPPED), (S.PARTLY_SHIPPED, S.PICKING),
        (S.PARTLY_SHIPPED, S.PACKED), (S.PARTLY_SHIPPED, S.BACKORDERED),
        (S.SHIPPED, S.DELIVERED), (S.SHIPPED, S.RETURNED),
        (S.DELIVERED, S.RETURNED),
        (S.ON_HOLD, S.CONFIRMED), (S.ON_HOLD, S.CANCELLED),
    }
)

# Orders still holding stock or work; used by lists and the exception checks.
OPEN_STATUSES = frozenset(
    {S.CONFIRMED, S.BACKORDERED, S.IN_PRODUCTION, S.PICKING, S.PACKED, S.PARTLY_SHIPPED, S.ON_HOLD}
)
EDITABLE_STATUSES = frozenset({S.DRAFT, S.NEEDS_ATTENTION})


class TransitionRefused(ValueError):
    pass


def can_move(current: OrderStatus | str, target: OrderStatus | str) -> bool:
    return (OrderStatus(current), OrderStatus(target)) in TRANSITIONS


def check_move(current: OrderStatus | str, target: OrderStatus | str) -> None:
    if not can_move(current, target):
        raise TransitionRefused(
            f"An order that is {OrderStatus(current).value} cannot become "
            f"{OrderStatus(target).value}."
        )


def allowed_moves(current: OrderStatus | str) -> list[OrderStatus]:
    here = OrderStatus(current)
    return sorted((b for a, b in TRANSITIONS if a == here), key=list(OrderStatus).index)
