"""Cost allocation, fees, margins and spreadsheet safety."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.domain.profit import (
    IndirectRule,
    OrderBasis,
    Profit,
    allocate_indirect,
    channel_fee,
    margin_warning,
    safe_cell,
    split_to_cent,
)

D = Decimal
ORDERS = [OrderBasis(1, D("100.00"), 1), OrderBasis(2, D("300.00"), 2), OrderBasis(3, D("0"), 7)]


def test_indirect_by_revenue() -> None:
    """100 of overhead over revenues 100/300/0 → 25/75/0."""
    assert allocate_indirect(D("100"), ORDERS, IndirectRule.REVENUE) == {
        1: D("25.00"), 2: D("75.00"), 3: D("0.00")}


def test_indirect_per_order_splits_the_odd_cent() -> None:
    """100 over three orders: 33.34 + 33.33 + 33.33."""
    parts = allocate_indirect(D("100"), ORDERS, IndirectRule.ORDER)
    assert parts == {1: D("33.34"), 2: D("33.33"), 3: D("33.33")}


def test_indirect_per_unit() -> None:
    assert allocate_indirect(D("50"), ORDERS, IndirectRule.UNIT) == {
        1: D("5.00"), 2: D("10.00"), 3: D("35.00")}


@given(st.decimals(min_value=D("-1000"), max_value=D("100000"), places=2, allow_nan=False,
                   allow_infinity=False),
       st.lists(st.decimals(min_value=D("0"), max_value=D("10000"), places=2, allow_nan=False,
                            allow_infinity=False), min_size=1, max_size=40))
def test_split_adds_up_to_the_cent(pool: Decimal, weights: list[Decimal]) -> None:
    parts = split_to_cent(pool, weights)
    assert sum(parts, D(0)) == pool
    assert all(p == p.quantize(D("0.01")) for p in parts)


def test_channel_fee() -> None:
    """A 5% + 0.30 marketplace fee on 199.00 is 10.25."""
    assert channel_fee(D("199.00"), D("5"), D("0.30")) == D("10.25")


def test_profit_margins() -> None:
    p = Profit(revenue=D("200"), cost_of_goods=D("80"), shipping=D("12"), fees=D("10"),
               indirect=D("8"))
    assert p.gross == D("120") and p.net == D("90")
    assert p.gross_margin == D("60.0") and p.net_margin == D("45.0")
    assert (p + p).net == D("180")
    assert Profit().gross_margin is None


def test_margin_warning() -> None:
    assert margin_warning(D("100"), D("95"), D("10")) is not None
    assert margin_warning(D("100"), D("50"), D("10")) is None


def test_safe_cell() -> None:
    assert safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert safe_cell("+86 138") == "'+86 138"
    assert safe_cell("-5") == "-5"  # a plain number is no formula (app.domain.safe_export)
    assert safe_cell("-5+cmd") == "'-5+cmd"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("Mary") == "Mary"
    assert safe_cell(D("-5")) == D("-5")
