"""Returns (RMA): reason codes and their policy, refund arithmetic, the RMA state machine.

Pure rules, no Qt and no SQL.

Refunds follow what the customer actually paid for a line (``order_lines.line_total``: the
discounted price including the line's share of order-level promotions). Each unit of a line
is worth ``floor(paid / quantity)`` to the cent, and the last unit takes the remainder, so
any sequence of partial returns never refunds more than was paid and returning every unit
refunds exactly what was paid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from app.domain.money import ZERO, quantum, round_money

__all__ = [
    "DEFAULT_POLICY",
    "Disposition",
    "InspectionResult",
    "Payer",
    "ReasonPolicy",
    "ResolutionKind",
    "ReturnReason",
    "RmaStatus",
    "RmaTransitionRefused",
    "ExchangePrice",
    "PolicyCheck",
    "allowed_moves",
    "can_move",
    "check_move",
    "check_policy",
    "default_policy",
    "exchange_price",
    "line_refund",
    "restocking_fee",
    "shipping_refund",
    "unit_values",
]


class ReturnReason(StrEnum):
    QUALITY_DEFECT = "quality_defect"
    DAMAGED_IN_TRANSIT = "damaged_in_transit"
    WRONG_ITEM = "wrong_item"
    WRONG_SIZE = "wrong_size"
    CHANGED_MIND = "changed_mind"
    OTHER = "other"


class Payer(StrEnum):
    BUSINESS = "business"
    CUSTOMER = "customer"


class InspectionResult(StrEnum):
    AS_NEW = "as_new"
    OPENED = "opened"
    DAMAGED = "damaged"
    DEFECTIVE = "defective"
    WRONG_ITEM = "wrong_item"


class Disposition(StrEnum):
    RESTOCK = "restock"
    SCRAP = "scrap"
    REPAIR = "repair"
    RETURN_TO_VENDOR = "rtv"


class ResolutionKind(StrEnum):
    REFUND = "refund"
    STORE_CREDIT = "store_credit"
    EXCHANGE = "exchange"


@dataclass(frozen=True)
class ReasonPolicy:
    """What a reason allows: days after shipping to ask, who pays the way back, the fee
    kept for restocking (percent of the refund), and whether the original shipping charge
    comes back when the whole order is returned."""

    window_days: int
    return_shipping: Payer
    restocking_fee_percent: Decimal = ZERO
    refunds_shipping: bool = False
    needs_note: bool = False

    @property
    def business_fault(self) -> bool:
        return self.return_shipping is Payer.BUSINESS


_FAULT = ReasonPolicy(window_days=30, return_shipping=Payer.BUSINESS, refunds_shipping=True)
DEFAULT_POLICY: Mapping[ReturnReason, ReasonPolicy] = {
    ReturnReason.QUALITY_DEFECT: replace(_FAULT, window_days=90),
    ReturnReason.DAMAGED_IN_TRANSIT: replace(_FAULT, window_days=14),
    ReturnReason.WRONG_ITEM: _FAULT,
    ReturnReason.WRONG_SIZE: ReasonPolicy(30, Payer.CUSTOMER),
    ReturnReason.CHANGED_MIND: ReasonPolicy(14, Payer.CUSTOMER, Decimal("10")),
    ReturnReason.OTHER: ReasonPolicy(30, Payer.CUSTOMER, needs_note=True),
}


def default_policy(customer_pays_return_shipping: bool = True
                   ) -> dict[ReturnReason, ReasonPolicy]:
    """The default policy; the shop setting decides who pays the way back when the
    customer is not at fault (wrong size, changed mind, other)."""
    out = dict(DEFAULT_POLICY)
    if not customer_pays_return_shipping:
        for reason, p in out.items():
            if not p.business_fault:
                out[reason] = replace(p, return_shipping=Payer.BUSINESS)
    return out


@dataclass(frozen=True)
class PolicyCheck:
    """Why a request is outside policy (empty: inside, a clerk may approve it)."""

    problems: tuple[str, ...] = ()

    @property
    def inside(self) -> bool:
        return not self.problems


def check_policy(reason: ReturnReason, note: str, shipped_on: date | None, today: date,
                 policy: Mapping[ReturnReason, ReasonPolicy] = DEFAULT_POLICY) -> PolicyCheck:
    p = policy[reason]
    problems: list[str] = []
    if p.needs_note and not note.strip():
        problems.append(f"reason '{reason.value}' needs a note saying what is wrong")
    if shipped_on is None:
        problems.append("the goods have not been shipped")
    else:
        days = (today - shipped_on).days
        if days > p.window_days:
            problems.append(f"shipped {days} days ago, the window for '{reason.value}' is "
                            f"{p.window_days} days")
    return PolicyCheck(tuple(problems))


# --------------------------------------------------------------------------- refunds


def unit_values(paid: Decimal, quantity: int, currency: str = "CNY") -> list[Decimal]:
    """What each unit of a line is worth: the cent-floored share, the last unit takes
    the remainder. The values always sum to ``paid``."""
    if quantity <= 0:
        raise ValueError("a line has at least one unit")
    if paid < ZERO:
        raise ValueError("a line cannot have been paid less than nothing")
    base = (paid / quantity).quantize(quantum(currency), rounding=ROUND_DOWN)
    return [base] * (quantity - 1) + [paid - base * (quantity - 1)]


def line_refund(paid: Decimal, quantity: int, already_returned: int, returning: int,
                currency: str = "CNY") -> Decimal:
    """The refund for ``returning`` more units of a line of ``quantity`` units that cost
    ``paid`` in all, after ``already_returned`` units came back before."""
    if returning < 0 or already_returned < 0 or already_returned + returning > quantity:
        raise ValueError(f"cannot return {returning} after {already_returned} of {quantity}")
    values = unit_values(paid, quantity, currency)
    return sum(values[already_returned:already_returned + returning], ZERO)


def restocking_fee(refund: Decimal, policy: ReasonPolicy, currency: str = "CNY") -> Decimal:
    """The fee kept from a refund; never more than the refund."""
    fee = round_money(refund * policy.restocking_fee_percent / 100, currency)
    return min(max(fee, ZERO), refund)


def shipping_refund(policy: ReasonPolicy, order_shipping: Decimal,
                    already_refunded: Decimal, fully_returned_after: bool) -> Decimal:
    """The original shipping charge comes back once, when the whole order is returned for
    a reason that is the business's fault."""
    if not (policy.refunds_shipping and fully_returned_after):
        return ZERO
    return max(order_shipping - already_refunded, ZERO)


@dataclass(frozen=True)
class ExchangePrice:
    charge: Decimal  # the customer pays this much more
    refund: Decimal  # the customer gets this much back

    @property
    def even(self) -> bool:
        return self.charge == ZERO and self.refund == ZERO


def exchange_price(returned_value: Decimal, replacement_value: Decimal) -> ExchangePrice:
    """An even exchange is free; otherwise the difference is charged or refunded."""
    diff = replacement_value - returned_value
    return ExchangePrice(charge=max(diff, ZERO), refund=max(-diff, ZERO))


# --------------------------------------------------------------------------- state machine


class RmaStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    AWAITING_GOODS = "awaiting_goods"
    RECEIVED = "received"
    INSPECTED = "inspected"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


R = RmaStatus
TRANSITIONS: frozenset[tuple[RmaStatus, RmaStatus]] = frozenset({
    (R.REQUESTED, R.APPROVED), (R.REQUESTED, R.REJECTED), (R.REQUESTED, R.CANCELLED),
    (R.APPROVED, R.AWAITING_GOODS), (R.APPROVED, R.RECEIVED), (R.APPROVED, R.CANCELLED),
    (R.AWAITING_GOODS, R.RECEIVED), (R.AWAITING_GOODS, R.CANCELLED),
    (R.RECEIVED, R.INSPECTED),
    (R.INSPECTED, R.RESOLVED),
})
OPEN_STATUSES = frozenset({R.REQUESTED, R.APPROVED, R.AWAITING_GOODS, R.RECEIVED, R.INSPECTED})
# Units on a return in these states count as returned (or on their way back).
COUNTING_STATUSES = OPEN_STATUSES | {R.RESOLVED}


class RmaTransitionRefused(ValueError):
    pass


def can_move(current: RmaStatus | str, target: RmaStatus | str) -> bool:
    return (RmaStatus(current), RmaStatus(target)) in TRANSITIONS


def check_move(current: RmaStatus | str, target: RmaStatus | str) -> None:
    if not can_move(current, target):
        raise RmaTransitionRefused(
            f"A return that is {RmaStatus(current).value} cannot become "
            f"{RmaStatus(target).value}.")


def allowed_moves(current: RmaStatus | str) -> list[RmaStatus]:
    here = RmaStatus(current)
    return sorted((b for a, b in TRANSITIONS if a == here), key=list(RmaStatus).index)
