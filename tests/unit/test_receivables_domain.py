"""Payment terms, ageing, allocation and dunning: worked examples and properties."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.receivables import (
    BUCKETS,
    DEFAULT_DUNNING_LEVELS,
    OpenInvoice,
    OpenItem,
    age,
    allocate_oldest_first,
    bucket_for,
    bucket_start_dates,
    check_manual_allocation,
    parse_terms,
    propose_level,
)

D = Decimal


@pytest.mark.parametrize(
    ("code", "issued", "due"),
    [
        ("CASH", date(2025, 3, 14), date(2025, 3, 14)),
        ("NET7", date(2025, 3, 14), date(2025, 3, 21)),
        ("net 30", date(2025, 1, 31), date(2025, 3, 2)),
        ("NET60", date(2024, 12, 31), date(2025, 3, 1)),
        ("EOM+0", date(2025, 2, 3), date(2025, 2, 28)),
        ("EOM+30", date(2024, 2, 10), date(2024, 3, 30)),  # leap year: Feb has 29 days
        ("EOM+15", date(2025, 12, 31), date(2026, 1, 15)),
    ],
)
def test_terms_due_dates(code: str, issued: date, due: date) -> None:
    """Each kind of terms gives the due date a person would work out."""
    assert parse_terms(code).due_date(issued) == due


def test_unknown_terms_are_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="CASH, NET<days> or EOM"):
        parse_terms("2/10 net 30")


def test_terms_code_round_trip() -> None:
    for code in ("CASH", "NET7", "NET30", "NET60", "EOM+30"):
        assert parse_terms(code).code == code


@pytest.mark.parametrize(
    ("days", "bucket"),
    [(-5, "current"), (0, "current"), (1, "1-30"), (30, "1-30"), (31, "31-60"),
     (60, "31-60"), (61, "61-90"), (90, "61-90"), (91, "90+"), (400, "90+")],
)
def test_bucket_edges(days: int, bucket: str) -> None:
    assert bucket_for(days) == bucket


def test_ageing_worked_example() -> None:
    """Five invoices and one unapplied credit as of 30 June."""
    as_of = date(2025, 6, 30)
    items = [
        OpenItem(D("100.00"), date(2025, 7, 15)),  # not due
        OpenItem(D("50.10"), date(2025, 6, 30)),  # due today: current
        OpenItem(D("20.00"), date(2025, 6, 1)),  # 29 days
        OpenItem(D("30.33"), date(2025, 4, 15)),  # 76 days
        OpenItem(D("5.00"), date(2025, 1, 1)),  # 180 days
        OpenItem(D("-10.00"), None),  # credit
    ]
    result = age(items, as_of).as_dict()
    assert result == {"current": D("140.10"), "1-30": D("20.00"), "31-60": D(0),
                      "61-90": D("30.33"), "90+": D("5.00")}
    assert sum(result.values()) == D("195.43")


def test_bucket_start_dates_match_bucket_for() -> None:
    as_of = date(2025, 6, 30)
    starts = bucket_start_dates(as_of)
    for offset in range(-3, 120):
        due = as_of - timedelta(days=offset)
        idx = next((i for i, s in enumerate(starts) if due >= s), len(starts))
        assert BUCKETS[idx] == bucket_for(offset)


amounts = st.decimals(min_value=D("-5000"), max_value=D("100000"), places=2,
                      allow_nan=False, allow_infinity=False)
items_st = st.lists(st.builds(OpenItem, amounts,
                              st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 1, 1)))),
                    max_size=60)


@given(items_st, st.dates(date(2020, 1, 1), date(2030, 1, 1)))
def test_buckets_always_add_up_to_outstanding(items: list[OpenItem], as_of: date) -> None:
    """Whatever the items and the date, the five buckets sum to the outstanding total."""
    ageing = age(items, as_of)
    assert sum(ageing.buckets, D(0)) == sum((i.amount for i in items), D(0))
    assert ageing.total == sum(ageing.as_dict().values(), D(0))


def test_allocation_oldest_first_partial_and_credit() -> None:
    """300 pays the oldest 100 and 150 in full, 50 of the 80, nothing is left."""
    invoices = [OpenInvoice(3, date(2025, 3, 1), D("80")), OpenInvoice(1, date(2025, 1, 1),
                D("100")), OpenInvoice(2, date(2025, 2, 1), D("150"))]
    plan = allocate_oldest_first(D("300"), invoices)
    assert plan.allocations == ((1, D("100")), (2, D("150")), (3, D("50")))
    assert plan.unallocated == D(0)
    over = allocate_oldest_first(D("400"), invoices)
    assert over.unallocated == D("70")  # overpayment kept as credit


def test_allocation_skips_settled_invoices() -> None:
    plan = allocate_oldest_first(D("10"), [OpenInvoice(1, date(2025, 1, 1), D("0")),
                                           OpenInvoice(2, date(2025, 2, 1), D("30"))])
    assert plan.allocations == ((2, D("10")),)


positive = st.decimals(min_value=D("0"), max_value=D("10000"), places=2,
                       allow_nan=False, allow_infinity=False)


@given(positive, st.lists(st.builds(OpenInvoice, st.integers(1, 10_000),
                                    st.dates(date(2024, 1, 1), date(2026, 1, 1)), positive),
                          max_size=30, unique_by=lambda i: i.invoice_id))
def test_allocations_never_exceed_invoice_or_payment(amount: Decimal,
                                                     invoices: list[OpenInvoice]) -> None:
    plan = allocate_oldest_first(amount, invoices)
    balances = {i.invoice_id: i.balance for i in invoices}
    assert plan.allocated + plan.unallocated == amount
    assert plan.allocated <= amount and plan.unallocated >= 0
    for inv_id, amt in plan.allocations:
        assert D(0) < amt <= balances[inv_id]
    # Credit is only left over when every invoice is paid in full.
    if plan.unallocated > 0:
        assert plan.allocated == sum((b for b in balances.values() if b > 0), D(0))


def test_manual_allocation_checks() -> None:
    balances = {1: D("100"), 2: D("50")}
    check_manual_allocation(D("120"), balances, [(1, D("100")), (2, D("20"))])
    with pytest.raises(ValueError, match="only has 50"):
        check_manual_allocation(D("120"), balances, [(2, D("60"))])
    with pytest.raises(ValueError, match="unallocated"):
        check_manual_allocation(D("10"), balances, [(1, D("20"))])
    with pytest.raises(ValueError, match="not open"):
        check_manual_allocation(D("10"), balances, [(9, D("5"))])
    with pytest.raises(ValueError, match="positive"):
        check_manual_allocation(D("10"), balances, [(1, D("0"))])


@pytest.mark.parametrize(
    ("days", "last", "expected"),
    [(3, 0, None), (7, 0, 1), (45, 0, 1), (45, 1, 2), (45, 2, None), (75, 2, 3),
     (75, 3, None), (200, 0, 1)],
)
def test_dunning_levels_step_up(days: int, last: int, expected: int | None) -> None:
    """Letters go one level at a time and only once the days are reached."""
    proposed = propose_level(days, last, DEFAULT_DUNNING_LEVELS)
    assert (proposed.level if proposed else None) == expected


def test_level_three_puts_on_hold() -> None:
    assert DEFAULT_DUNNING_LEVELS[2].action == "hold"
