"""Return policy, refund arithmetic and the RMA state machine (pure domain)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.returns import (
    DEFAULT_POLICY,
    Payer,
    ReturnReason,
    RmaStatus,
    RmaTransitionRefused,
    allowed_moves,
    check_move,
    check_policy,
    default_policy,
    exchange_price,
    line_refund,
    restocking_fee,
    shipping_refund,
    unit_values,
)

D = Decimal
R = ReturnReason


def test_business_pays_for_its_faults_customer_otherwise() -> None:
    """Quality, damage, wrong item: the business pays the way back and refunds shipping."""
    for reason in (R.QUALITY_DEFECT, R.DAMAGED_IN_TRANSIT, R.WRONG_ITEM):
        assert DEFAULT_POLICY[reason].return_shipping is Payer.BUSINESS
        assert DEFAULT_POLICY[reason].refunds_shipping
    for reason in (R.WRONG_SIZE, R.CHANGED_MIND, R.OTHER):
        assert DEFAULT_POLICY[reason].return_shipping is Payer.CUSTOMER
    generous = default_policy(customer_pays_return_shipping=False)
    assert generous[R.CHANGED_MIND].return_shipping is Payer.BUSINESS
    assert not generous[R.CHANGED_MIND].refunds_shipping


def test_window_and_note() -> None:
    """Changed mind: 14 days; 'other' needs a note; unshipped goods are outside policy."""
    shipped = date(2026, 3, 1)
    assert check_policy(R.CHANGED_MIND, "", shipped, date(2026, 3, 15)).inside
    late = check_policy(R.CHANGED_MIND, "", shipped, date(2026, 3, 16))
    assert late.problems == ("shipped 15 days ago, the window for 'changed_mind' is 14 days",)
    assert check_policy(R.QUALITY_DEFECT, "", shipped, date(2026, 5, 20)).inside
    assert not check_policy(R.OTHER, " ", shipped, date(2026, 3, 2)).inside
    assert check_policy(R.OTHER, "scratched", shipped, date(2026, 3, 2)).inside
    assert not check_policy(R.WRONG_SIZE, "", None, date(2026, 3, 2)).inside


def test_one_unit_of_a_threshold_promoted_line() -> None:
    """Worked example: 3 mugs at 25.00 on a 'spend 300 get 30' order of 333.90; the mug
    line's share of the 30 is 6.74, so the line cost 68.26: units 22.75, 22.75, 22.76."""
    paid = D("75.00") - D("6.74")
    assert unit_values(paid, 3) == [D("22.75"), D("22.75"), D("22.76")]
    assert line_refund(paid, 3, 0, 1) == D("22.75")
    assert line_refund(paid, 3, 2, 1) == D("22.76")
    assert line_refund(paid, 3, 0, 3) == paid


def test_restocking_fee_and_shipping_refund() -> None:
    assert restocking_fee(D("59.90"), DEFAULT_POLICY[R.CHANGED_MIND]) == D("5.99")
    assert restocking_fee(D("59.90"), DEFAULT_POLICY[R.WRONG_SIZE]) == D("0")
    q = DEFAULT_POLICY[R.QUALITY_DEFECT]
    assert shipping_refund(q, D("12"), D("0"), True) == D("12")
    assert shipping_refund(q, D("12"), D("0"), False) == D("0")
    assert shipping_refund(DEFAULT_POLICY[R.WRONG_SIZE], D("12"), D("0"), True) == D("0")


def test_exchange_pricing() -> None:
    assert exchange_price(D("59.90"), D("59.90")).even
    assert exchange_price(D("59.90"), D("79.90")).charge == D("20.00")
    assert exchange_price(D("79.90"), D("59.90")).refund == D("20.00")


def test_refund_refuses_more_than_the_line() -> None:
    with pytest.raises(ValueError):
        line_refund(D("10"), 2, 1, 2)


def test_state_machine() -> None:
    assert allowed_moves(RmaStatus.REQUESTED) == [RmaStatus.APPROVED, RmaStatus.REJECTED,
                                                  RmaStatus.CANCELLED]
    check_move(RmaStatus.INSPECTED, RmaStatus.RESOLVED)
    with pytest.raises(RmaTransitionRefused, match="resolved cannot become cancelled"):
        check_move(RmaStatus.RESOLVED, RmaStatus.CANCELLED)
    with pytest.raises(RmaTransitionRefused):
        check_move(RmaStatus.REQUESTED, RmaStatus.RECEIVED)


@st.composite
def _order_and_returns(draw: st.DrawFn) -> tuple[list[tuple[Decimal, int]], list[list[int]]]:
    lines = draw(st.lists(st.tuples(
        st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False,
                    allow_infinity=False),
        st.integers(min_value=1, max_value=12)), min_size=1, max_size=5))
    left = [q for _, q in lines]
    returns: list[list[int]] = []
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        take = [draw(st.integers(min_value=0, max_value=n)) for n in left]
        left = [n - t for n, t in zip(left, take, strict=True)]
        returns.append(take)
    returns.append(left)  # finally the rest comes back
    return lines, returns


@given(_order_and_returns())
def test_partial_returns_never_refund_more_and_sum_to_paid(
        case: tuple[list[tuple[Decimal, int]], list[list[int]]]) -> None:
    """Any sequence of partial returns of an order never refunds more than was paid, and
    when every unit is back the refunds sum to exactly what was paid."""
    lines, returns = case
    paid_total = sum((p for p, _ in lines), D(0))
    done = [0] * len(lines)
    refunded = D(0)
    for take in returns:
        for i, n in enumerate(take):
            paid, qty = lines[i]
            r = line_refund(paid, qty, done[i], n)
            assert r >= 0 and r == r.quantize(D("0.01"))
            done[i] += n
            refunded += r
        assert refunded <= paid_total
    assert refunded == paid_total
