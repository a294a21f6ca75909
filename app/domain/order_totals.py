"""Order totals, computed in one place for views, documents and services."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from app.domain.money import ZERO, round_money


@dataclass(frozen=True)
class LineAmounts:
    quantity: int
    unit_price: Decimal
    discount: Decimal = ZERO  # total discount on the line, in money

    def total(self, currency: str = "CNY") -> Decimal:
        return line_total(self.quantity, self.unit_price, self.discount, currency)


def line_total(quantity: int, unit_price: Decimal, discount: Decimal = ZERO,
               currency: str = "CNY") -> Decimal:
    """A line's amount: quantity × price and the discount each rounded, never below zero.
    (A plain function: imports compute it for tens of thousands of lines.)"""
    gross = round_money(unit_price * quantity, currency)
    return max(ZERO, gross - round_money(discount, currency))


@dataclass(frozen=True)
class Totals:
    subtotal: Decimal
    discount: Decimal
    shipping: Decimal
    total: Decimal


def order_totals(
    lines: Iterable[LineAmounts],
    shipping: Decimal = ZERO,
    order_discount: Decimal = ZERO,
    currency: str = "CNY",
) -> Totals:
    items = list(lines)
    gross = sum((round_money(li.unit_price * li.quantity, currency) for li in items), ZERO)
    line_discounts = sum((round_money(li.discount, currency) for li in items), ZERO)
    discount = min(gross, line_discounts + round_money(order_discount, currency))
    total = gross - discount + round_money(shipping, currency)
    return Totals(gross, discount, round_money(shipping, currency), max(ZERO, total))
