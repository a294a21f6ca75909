"""Receivables rules: payment terms, ageing, payment allocation and dunning levels.

Pure and exact: amounts are Decimal and no rule here ever rounds away a cent, so the
ageing buckets always add up to the outstanding total and an allocation never takes more
than an invoice is owed or a payment holds.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from app.domain.money import ZERO, round_money

# ---------------------------------------------------------------- payment terms


class TermsKind(StrEnum):
    CASH = "cash"  # due on the invoice date
    NET = "net"  # due N days after the invoice date
    EOM = "eom"  # due N days after the end of the invoice's month


@dataclass(frozen=True)
class PaymentTerms:
    kind: TermsKind
    days: int = 0

    @property
    def code(self) -> str:
        if self.kind is TermsKind.CASH:
            return "CASH"
        if self.kind is TermsKind.NET:
            return f"NET{self.days}"
        return f"EOM+{self.days}"

    def due_date(self, invoice_date: date) -> date:
        if self.kind is TermsKind.CASH:
            return invoice_date
        if self.kind is TermsKind.NET:
            return invoice_date + timedelta(days=self.days)
        last = calendar.monthrange(invoice_date.year, invoice_date.month)[1]
        return invoice_date.replace(day=last) + timedelta(days=self.days)

    def describe(self) -> str:
        if self.kind is TermsKind.CASH:
            return "Cash (due on invoice)"
        if self.kind is TermsKind.NET:
            return f"Net {self.days} days"
        return f"End of month + {self.days} days"


CASH = PaymentTerms(TermsKind.CASH)
STANDARD_TERMS = ("CASH", "NET7", "NET30", "NET60", "EOM+0", "EOM+30")
_TERMS_RE = re.compile(r"^(?:(CASH)|NET\s*(\d{1,3})|EOM\s*\+?\s*(\d{1,3}))$")


def parse_terms(code: str) -> PaymentTerms:
    """'CASH', 'NET30', 'net 7', 'EOM+30' → terms. Raises ValueError for anything else."""
    m = _TERMS_RE.match(code.strip().upper())
    if m is None:
        raise ValueError(
            f"Unknown payment terms {code!r}: use CASH, NET<days> or EOM+<days> (e.g. NET30)."
        )
    if m.group(1):
        return CASH
    if m.group(2) is not None:
        return PaymentTerms(TermsKind.NET, int(m.group(2)))
    return PaymentTerms(TermsKind.EOM, int(m.group(3)))


# ---------------------------------------------------------------- ageing

BUCKETS: tuple[str, ...] = ("current", "1-30", "31-60", "61-90", "90+")
BUCKET_LIMITS: tuple[int, ...] = (0, 30, 60, 90)  # upper bound (days overdue) of each bucket


def bucket_index(days_overdue: int) -> int:
    """0 = not yet due (or due today), 1 = 1–30 days overdue … 4 = more than 90."""
    for i, limit in enumerate(BUCKET_LIMITS):
        if days_overdue <= limit:
            return i
    return len(BUCKETS) - 1


def bucket_for(days_overdue: int) -> str:
    return BUCKETS[bucket_index(days_overdue)]


@dataclass(frozen=True)
class OpenItem:
    """One thing a customer owes (an invoice's balance) or holds (a negative credit).

    ``due`` None means a credit with no due date (unapplied payment, credit note): it is
    aged as current, so the buckets still add up to the outstanding total."""

    amount: Decimal
    due: date | None


@dataclass
class Ageing:
    buckets: list[Decimal] = field(default_factory=lambda: [ZERO] * len(BUCKETS))

    @property
    def total(self) -> Decimal:
        return sum(self.buckets, ZERO)

    def add(self, item: OpenItem, as_of: date) -> None:
        i = 0 if item.due is None else bucket_index((as_of - item.due).days)
        self.buckets[i] += item.amount

    def merge(self, other: Ageing) -> None:
        for i, v in enumerate(other.buckets):
            self.buckets[i] += v

    def as_dict(self) -> dict[str, Decimal]:
        return dict(zip(BUCKETS, self.buckets, strict=True))


def age(items: Iterable[OpenItem], as_of: date) -> Ageing:
    result = Ageing()
    for item in items:
        result.add(item, as_of)
    return result


def bucket_start_dates(as_of: date) -> tuple[date, ...]:
    """Due dates on/after which an item falls in bucket 0, 1, 2, 3 (for SQL CASE)."""
    return tuple(as_of - timedelta(days=limit) for limit in BUCKET_LIMITS)


# ---------------------------------------------------------------- invoicing a shipment


@dataclass(frozen=True)
class LineToBill:
    """One order line as frozen on the order, what earlier invoices of the order already
    billed of it, and how many units the shipment being invoiced carried."""

    key: int  # order line id
    ordered: int
    unit_price: Decimal
    line_total: Decimal  # after every discount, for all ``ordered`` units
    billed_qty: int
    billed_total: Decimal
    shipped_now: int


@dataclass(frozen=True)
class BilledLine:
    key: int
    quantity: int
    gross: Decimal  # unit price × quantity
    discount: Decimal  # the part of the line's discount these units carry
    total: Decimal  # gross − discount


def bill_shipment(lines: Sequence[LineToBill], currency: str = "CNY") -> list[BilledLine]:
    """The invoice lines for what one shipment carried, at the order's frozen prices.

    A line's discounted total is billed cumulatively: after ``n`` of ``N`` units the
    invoices of the order hold ``round(line_total × n / N)`` of it, so the last units
    billed take the rounding remainder and the parts add up to the line to the cent. A
    shipment never bills more units than are left unbilled (a reshipped unit is not billed
    twice)."""
    out: list[BilledLine] = []
    for li in lines:
        qty = min(li.shipped_now, li.ordered - li.billed_qty)
        if qty <= 0:
            continue
        upto = li.billed_qty + qty
        billed_after = (li.line_total if upto == li.ordered
                        else round_money(li.line_total * upto / li.ordered, currency))
        total = billed_after - li.billed_total
        gross = round_money(li.unit_price * qty, currency)
        out.append(BilledLine(li.key, qty, gross, gross - total, total))
    return out


# ---------------------------------------------------------------- allocation


@dataclass(frozen=True)
class OpenInvoice:
    invoice_id: int
    due: date
    balance: Decimal
    issued: date | None = None


@dataclass(frozen=True)
class AllocationPlan:
    allocations: tuple[tuple[int, Decimal], ...]  # (invoice id, amount)
    unallocated: Decimal  # what is left of the payment: kept as customer credit

    @property
    def allocated(self) -> Decimal:
        return sum((a for _, a in self.allocations), ZERO)


def allocate_oldest_first(amount: Decimal, invoices: Sequence[OpenInvoice]) -> AllocationPlan:
    """Spread a payment over open invoices, oldest due date first (then oldest issued,
    then lowest id); the last one touched may be paid in part; any rest stays as credit."""
    if amount < ZERO:
        raise ValueError("A payment to allocate cannot be negative.")
    left = amount
    out: list[tuple[int, Decimal]] = []
    for inv in sorted(invoices, key=lambda i: (i.due, i.issued or i.due, i.invoice_id)):
        if left <= ZERO:
            break
        if inv.balance <= ZERO:
            continue
        take = min(left, inv.balance)
        out.append((inv.invoice_id, take))
        left -= take
    return AllocationPlan(tuple(out), left)


def check_manual_allocation(
    available: Decimal, balances: dict[int, Decimal], wanted: Sequence[tuple[int, Decimal]]
) -> None:
    """Raise ValueError unless each amount is positive, within its invoice's balance, and
    all together within what the payment still has."""
    total = ZERO
    seen: dict[int, Decimal] = {}
    for invoice_id, amount in wanted:
        if amount <= ZERO:
            raise ValueError(f"Allocate a positive amount, not {amount}.")
        if invoice_id not in balances:
            raise ValueError(f"Invoice {invoice_id} is not open for this customer.")
        seen[invoice_id] = seen.get(invoice_id, ZERO) + amount
        if seen[invoice_id] > balances[invoice_id]:
            raise ValueError(
                f"Invoice {invoice_id} only has {balances[invoice_id]} open, "
                f"not {seen[invoice_id]}."
            )
        total += amount
    if total > available:
        raise ValueError(f"Only {available} of the payment is unallocated, not {total}.")


# ---------------------------------------------------------------- dunning


class DunningAction(StrEnum):
    NONE = "none"
    HOLD = "hold"  # put the customer on credit hold


@dataclass(frozen=True)
class DunningLevel:
    level: int
    days_overdue: int
    fee: Decimal = ZERO
    action: DunningAction = DunningAction.NONE


DEFAULT_DUNNING_LEVELS: tuple[DunningLevel, ...] = (
    DunningLevel(1, 7),
    DunningLevel(2, 30, Decimal("20.00")),
    DunningLevel(3, 60, Decimal("50.00"), DunningAction.HOLD),
)


def level_due(oldest_days_overdue: int, levels: Sequence[DunningLevel]) -> DunningLevel | None:
    """The highest level whose threshold the oldest overdue item has reached."""
    best: DunningLevel | None = None
    for lv in sorted(levels, key=lambda x: x.level):
        if oldest_days_overdue >= lv.days_overdue:
            best = lv
    return best


def propose_level(
    oldest_days_overdue: int, last_sent_level: int, levels: Sequence[DunningLevel]
) -> DunningLevel | None:
    """The next letter to send, or None. Levels only go up while the debt stays overdue,
    one step per run (a customer never jumps from no letter straight to level 3), and a
    level already sent is not sent again."""
    due = level_due(oldest_days_overdue, levels)
    if due is None or due.level <= last_sent_level:
        return None
    higher = sorted((lv for lv in levels if lv.level > last_sent_level), key=lambda x: x.level)
    return higher[0] if higher else None
