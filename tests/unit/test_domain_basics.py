"""Pure domain rules: money, order states, roles, totals, GTIN, China's divisions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import divisions
from app.domain.gtin import check_digit, is_valid_gtin, make_ean13
from app.domain.money import format_money, parse_money, round_money
from app.domain.order_status import (
    TRANSITIONS,
    OrderStatus,
    TransitionRefused,
    allowed_moves,
    can_move,
    check_move,
)
from app.domain.order_totals import LineAmounts, order_totals
from app.domain.roles import Permission, Role, may


@pytest.mark.parametrize("text,value", [
    ("1,234.50", Decimal("1234.50")), ("¥12", Decimal("12")), (" 3 ", Decimal("3")),
    ("$0.99", Decimal("0.99")), ("￥1,000", Decimal("1000")),
])
def test_parse_money(text: str, value: Decimal) -> None:
    assert parse_money(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "NaN", "Infinity"])
def test_parse_money_refuses_non_amounts(text: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        parse_money(text)


def test_rounding_is_half_up_in_the_minor_unit() -> None:
    assert round_money(Decimal("0.125")) == Decimal("0.13")
    assert round_money(Decimal("2.5"), "JPY") == Decimal("3")
    assert format_money(Decimal("1234.5")) == "1,234.50"


def test_every_status_is_reachable_and_terminal_ones_stay_put() -> None:
    seen, todo = {OrderStatus.DRAFT}, [OrderStatus.DRAFT]
    while todo:
        for nxt in allowed_moves(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(OrderStatus)
    assert allowed_moves(OrderStatus.CANCELLED) == []
    assert allowed_moves(OrderStatus.RETURNED) == []


@pytest.mark.parametrize("a", list(OrderStatus))
@pytest.mark.parametrize("b", list(OrderStatus))
def test_check_move_matches_the_table(a: OrderStatus, b: OrderStatus) -> None:
    if (a, b) in TRANSITIONS:
        check_move(a, b)
        assert can_move(a, b)
    else:
        with pytest.raises(TransitionRefused, match=f"{a.value} cannot become {b.value}"):
            check_move(a, b)


def test_roles() -> None:
    assert may(Role.COUNTER, Permission.CONFIRM_ORDERS)
    assert not may(Role.COUNTER, Permission.ADJUST_STOCK)
    assert not may(Role.WAREHOUSE, Permission.ENTER_ORDERS)
    assert may(Role.MANAGER, Permission.APPROVE) and not may(Role.MANAGER, Permission.MANAGE_USERS)
    assert all(may(Role.ADMIN, p) for p in Permission)


def test_totals() -> None:
    t = order_totals([LineAmounts(3, Decimal("25.00")), LineAmounts(1, Decimal("59.90"),
                                                                    Decimal("5"))],
                     shipping=Decimal("12"))
    assert (t.subtotal, t.discount, t.shipping, t.total) == (
        Decimal("134.90"), Decimal("5.00"), Decimal("12.00"), Decimal("141.90"))


@given(st.lists(st.tuples(st.integers(1, 1000), st.decimals("0", "10000", places=2),
                          st.decimals("0", "50000", places=2)), max_size=20),
       st.decimals("0", "100000", places=2))
def test_totals_never_negative(lines: list[tuple[int, Decimal, Decimal]], extra: Decimal) -> None:
    t = order_totals([LineAmounts(q, p, d) for q, p, d in lines], order_discount=extra)
    assert t.total >= 0 and t.discount <= t.subtotal


def test_gtin_check_digits() -> None:
    assert check_digit("400638133393") == "1"
    assert is_valid_gtin("4006381333931") and not is_valid_gtin("4006381333932")
    assert is_valid_gtin(make_ean13("692000000001"))
    assert is_valid_gtin("96385074") and is_valid_gtin("036000291452")


def test_china_divisions() -> None:
    assert len(divisions.districts()) == 2978
    assert divisions.is_known("广东省", "深圳市", "南山区")
    assert divisions.is_known("上海市", "上海市", "浦东新区")
    assert not divisions.is_known("广东省", "深圳市", "东城区")
