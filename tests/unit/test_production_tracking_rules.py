"""Carrier status words and the exception rules, with worked examples."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.tracking_status import (
    DEFAULT_RULES,
    EventKind,
    ExceptionKind,
    OrderFacts,
    Problem,
    Rule,
    classify_status,
    detect,
    is_new_problem,
)

NOW = datetime(2025, 3, 20, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("已签收，签收人：本人", EventKind.DELIVERED),
        ("Delivered - front door", EventKind.DELIVERED),
        ("客户拒收", EventKind.REFUSED),
        ("快件退回中", EventKind.RETURNED_TO_SENDER),
        ("Returned to sender", EventKind.RETURNED_TO_SENDER),
        ("快件派送中", EventKind.OUT_FOR_DELIVERY),
        ("已揽收", EventKind.PICKED_UP),
        ("快件到达【深圳转运中心】", EventKind.IN_TRANSIT),
        ("未签收，联系不上收件人", EventKind.IN_TRANSIT),
        ("地址不详", EventKind.ADDRESS_PROBLEM),
        ("外包装破损", EventKind.DAMAGED),
        ("lost", EventKind.LOST),
        ("something else", EventKind.NOTE),
    ],
)
def test_carrier_words(text: str, kind: EventKind) -> None:
    assert classify_status(text) == kind


def _kinds(problems: list[Problem]) -> set[ExceptionKind]:
    return {p.kind for p in problems}


def test_not_shipped_by_promised_date() -> None:
    """Promised 18 March, threshold 1 day: a problem from 20 March 00:00 on."""
    rules = {ExceptionKind.NOT_SHIPPED: Rule(ExceptionKind.NOT_SHIPPED, 1)}
    facts = OrderFacts(1, "picking", promised_date=date(2025, 3, 18))
    [p] = detect(facts, rules, NOW)
    assert p.since == datetime(2025, 3, 20, tzinfo=UTC)
    assert detect(facts, rules, datetime(2025, 3, 19, 23, 59, tzinfo=UTC)) == []
    assert detect(OrderFacts(1, "shipped", promised_date=date(2025, 3, 1)), rules, NOW) == []


def test_no_tracking_event_for_n_days() -> None:
    """Shipped on the 10th, last scan on the 16th 09:00, N = 3: quiet since the 19th."""
    rules = {ExceptionKind.NO_TRACKING: Rule(ExceptionKind.NO_TRACKING, 3)}
    shipped = datetime(2025, 3, 10, tzinfo=UTC)
    last = datetime(2025, 3, 16, 9, 0, tzinfo=UTC)
    facts = OrderFacts(1, "shipped", shipped_at=shipped, last_event_at=last,
                       events=[("in_transit", last)])
    [p] = detect(facts, rules, NOW)
    assert p.kind is ExceptionKind.NO_TRACKING and p.since == last + timedelta(days=3)
    assert detect(facts, rules, last + timedelta(days=3)) == []  # exactly N days: not yet
    delivered = OrderFacts(1, "shipped", shipped_at=shipped, last_event_at=last,
                           events=[("delivered", last)])
    assert detect(delivered, rules, NOW) == []


def test_in_transit_longer_than_transit_days_plus_n() -> None:
    """3 transit days + 2: shipped the 14th 08:00 is late from the 19th 08:00."""
    rules = {ExceptionKind.TRANSIT_TOO_LONG: Rule(ExceptionKind.TRANSIT_TOO_LONG, 2, 3)}
    shipped = datetime(2025, 3, 14, 8, 0, tzinfo=UTC)
    [p] = detect(OrderFacts(1, "shipped", shipped_at=shipped), rules, NOW)
    assert p.since == datetime(2025, 3, 19, 8, 0, tzinfo=UTC)
    assert detect(OrderFacts(1, "shipped", shipped_at=shipped + timedelta(days=1, hours=2)),
                  rules, NOW) == []


def test_event_problems_and_disabled_rules() -> None:
    at = NOW - timedelta(hours=2)
    facts = OrderFacts(1, "shipped", shipped_at=at, last_event_at=at,
                       events=[("refused", at), ("damaged", at), ("address_problem", at),
                               ("returned_to_sender", at), ("lost", at),
                               ("payment_problem", at)])
    found = detect(facts, DEFAULT_RULES, NOW)
    assert _kinds(found) == {ExceptionKind.REFUSED, ExceptionKind.DAMAGED,
                             ExceptionKind.ADDRESS_PROBLEM, ExceptionKind.RETURNED,
                             ExceptionKind.LOST, ExceptionKind.PAYMENT_PROBLEM}
    rules = dict(DEFAULT_RULES)
    rules[ExceptionKind.DAMAGED] = Rule(ExceptionKind.DAMAGED, 0, enabled=False)
    rules[ExceptionKind.REFUSED] = Rule(ExceptionKind.REFUSED, 1)  # wait a day
    kinds = _kinds(detect(facts, rules, NOW))
    assert ExceptionKind.DAMAGED not in kinds and ExceptionKind.REFUSED not in kinds
    assert detect(OrderFacts(1, "cancelled", events=[("lost", at)]), DEFAULT_RULES, NOW) == []


def test_one_case_per_problem() -> None:
    since = NOW - timedelta(days=1)
    p = Problem(1, ExceptionKind.NO_TRACKING, since, "")
    old = since - timedelta(days=9)
    assert is_new_problem(p, [])
    assert not is_new_problem(p, [(True, old, old)])  # a case is still open
    assert not is_new_problem(p, [(False, since + timedelta(hours=1), since)])  # handled
    assert not is_new_problem(p, [(False, old, since)])  # same problem, however it was dated
    assert is_new_problem(p, [(False, old, old)])  # an older, closed problem
