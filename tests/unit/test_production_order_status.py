"""Every allowed and every refused move of the order state machine, from a hand-written table."""

from __future__ import annotations

import itertools

import pytest

from app.domain.order_status import (
    OrderStatus,
    TransitionRefused,
    allowed_moves,
    can_move,
    check_move,
)

# From each status, the statuses it may become (written out, not read from the code).
TABLE = {
    "draft": "confirmed cancelled needs_attention backordered",
    "needs_attention": "draft cancelled",
    "confirmed": "picking in_production packed backordered on_hold cancelled shipped "
                 "partly_shipped",
    "backordered": "confirmed cancelled partly_shipped on_hold",
    "in_production": "confirmed picking on_hold cancelled",
    "picking": "packed confirmed on_hold cancelled partly_shipped",
    "packed": "shipped partly_shipped picking on_hold cancelled",
    "partly_shipped": "shipped picking packed backordered",
    "shipped": "delivered returned",
    "delivered": "returned",
    "on_hold": "confirmed cancelled",
    "cancelled": "",
    "returned": "",
}
ALLOWED = {(a, b) for a, targets in TABLE.items() for b in targets.split()}


def test_table_names_every_status() -> None:
    assert set(TABLE) == {s.value for s in OrderStatus}


@pytest.mark.parametrize(("a", "b"), list(itertools.product(OrderStatus, OrderStatus)))
def test_every_move(a: OrderStatus, b: OrderStatus) -> None:
    if (a.value, b.value) in ALLOWED:
        assert can_move(a, b)
        check_move(a, b)
        assert b in allowed_moves(a)
    else:
        assert not can_move(a, b)
        assert b not in allowed_moves(a)
        with pytest.raises(TransitionRefused, match=f"{a.value} cannot become {b.value}"):
            check_move(a, b)


def test_the_made_to_order_path_reaches_delivered() -> None:
    path = ["confirmed", "in_production", "confirmed", "picking", "packed", "shipped",
            "delivered"]
    for a, b in itertools.pairwise(path):
        check_move(a, b)
