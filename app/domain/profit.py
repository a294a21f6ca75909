"""Cost and profit rules: channel fees, indirect cost allocation, margins, safe exports.

Allocation splits a cost pool to the cent with the largest-remainder method, so the parts
always add up to the pool exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from app.domain.money import ZERO, quantum, round_money


class IndirectRule(StrEnum):
    REVENUE = "revenue"  # in proportion to each order's revenue
    ORDER = "order"  # the same share per order
    UNIT = "unit"  # in proportion to units sold


@dataclass(frozen=True)
class OrderBasis:
    order_id: int
    revenue: Decimal
    units: int


def split_to_cent(
    pool: Decimal, weights: Sequence[Decimal], currency: str = "CNY"
) -> list[Decimal]:
    """Split ``pool`` in proportion to ``weights``; parts are whole cents and add up to the
    (cent-rounded) pool exactly. Zero total weight splits equally."""
    n = len(weights)
    if n == 0:
        return []
    q = quantum(currency)
    pool = round_money(pool, currency)
    if any(w < ZERO for w in weights):
        raise ValueError("Allocation weights cannot be negative.")
    total = sum(weights, ZERO)
    shares = [Decimal(1)] * n if total == ZERO else list(weights)
    total = sum(shares, ZERO)
    sign = Decimal(-1) if pool < ZERO else Decimal(1)
    cents = int(abs(pool) / q)
    exact = [Decimal(cents) * s / total for s in shares]
    floors = [int(e.to_integral_value(rounding=ROUND_DOWN)) for e in exact]
    rest = cents - sum(floors)
    order = sorted(range(n), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:rest]:
        floors[i] += 1
    return [sign * Decimal(f) * q for f in floors]


def allocate_indirect(
    pool: Decimal, orders: Sequence[OrderBasis], rule: IndirectRule, currency: str = "CNY"
) -> dict[int, Decimal]:
    if rule is IndirectRule.REVENUE:
        weights = [o.revenue for o in orders]
    elif rule is IndirectRule.UNIT:
        weights = [Decimal(o.units) for o in orders]
    else:
        weights = [Decimal(1)] * len(orders)
    parts = split_to_cent(pool, weights, currency)
    return {o.order_id: p for o, p in zip(orders, parts, strict=True)}


def channel_fee(
    revenue: Decimal, percent: Decimal, fixed: Decimal, currency: str = "CNY"
) -> Decimal:
    """A marketplace/payment fee: percent of revenue plus a fixed amount per order."""
    return round_money(revenue * percent / Decimal(100) + fixed, currency)


@dataclass(frozen=True)
class Profit:
    revenue: Decimal = ZERO
    cost_of_goods: Decimal = ZERO
    production: Decimal = ZERO
    shipping: Decimal = ZERO
    fees: Decimal = ZERO
    exceptions: Decimal = ZERO
    indirect: Decimal = ZERO

    @property
    def gross(self) -> Decimal:
        return self.revenue - self.cost_of_goods - self.production

    @property
    def net(self) -> Decimal:
        return self.gross - self.shipping - self.fees - self.exceptions - self.indirect

    @property
    def gross_margin(self) -> Decimal | None:
        return None if self.revenue == ZERO else (self.gross / self.revenue * 100).quantize(
            Decimal("0.1"))

    @property
    def net_margin(self) -> Decimal | None:
        return None if self.revenue == ZERO else (self.net / self.revenue * 100).quantize(
            Decimal("0.1"))

    def __add__(self, other: Profit) -> Profit:
        return Profit(*(getattr(self, f) + getattr(other, f) for f in COST_FIELDS))


COST_FIELDS = ("revenue", "cost_of_goods", "production", "shipping", "fees", "exceptions",
               "indirect")


def margin_warning(order_revenue: Decimal, order_cost: Decimal, threshold_percent: Decimal
                   ) -> str | None:
    """A message when an order's margin is below the threshold, else None."""
    if order_revenue <= ZERO:
        return "This order has no revenue."
    margin = (order_revenue - order_cost) / order_revenue * 100
    if margin < threshold_percent:
        return (f"Margin {margin.quantize(Decimal('0.1'))}% is below the "
                f"{threshold_percent}% threshold.")
    return None




def safe_cell(value: object) -> object:
    """Neutralise spreadsheet formula injection (see app.domain.safe_export): text starting
    with = + - @ (or a tab/CR, also after spaces) gets a leading apostrophe; numbers stay."""
    from app.domain.safe_export import neutralise

    return neutralise(value)
