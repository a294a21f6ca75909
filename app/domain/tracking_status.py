"""Tracking as pure rules: the kinds of tracking event, reading a carrier's status words,
and the exception rules that find orders in trouble."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum


class EventKind(StrEnum):
    SHIPPED = "shipped"  # handed to the carrier
    PICKED_UP = "picked_up"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    RETURNED_TO_SENDER = "returned_to_sender"
    REFUSED = "refused"
    DAMAGED = "damaged"
    LOST = "lost"
    ADDRESS_PROBLEM = "address_problem"
    PAYMENT_PROBLEM = "payment_problem"
    NOTE = "note"


# Carrier status words (Chinese and English) to event kinds; the first match wins, so
# the more specific words come first ("未签收" is not delivered, "拒收" before "签收").
_STATUS_WORDS: tuple[tuple[str, EventKind], ...] = (
    ("拒收", EventKind.REFUSED), ("refused", EventKind.REFUSED),
    ("退回", EventKind.RETURNED_TO_SENDER), ("退件", EventKind.RETURNED_TO_SENDER),
    ("return to sender", EventKind.RETURNED_TO_SENDER),
    ("returned", EventKind.RETURNED_TO_SENDER),
    ("破损", EventKind.DAMAGED), ("damaged", EventKind.DAMAGED),
    ("丢失", EventKind.LOST), ("遗失", EventKind.LOST), ("lost", EventKind.LOST),
    ("地址", EventKind.ADDRESS_PROBLEM), ("address", EventKind.ADDRESS_PROBLEM),
    ("未签收", EventKind.IN_TRANSIT),
    ("签收", EventKind.DELIVERED), ("delivered", EventKind.DELIVERED),
    ("派送", EventKind.OUT_FOR_DELIVERY), ("派件", EventKind.OUT_FOR_DELIVERY),
    ("out for delivery", EventKind.OUT_FOR_DELIVERY),
    ("揽收", EventKind.PICKED_UP), ("揽件", EventKind.PICKED_UP),
    ("picked up", EventKind.PICKED_UP),
    ("运输", EventKind.IN_TRANSIT), ("到达", EventKind.IN_TRANSIT),
    ("发往", EventKind.IN_TRANSIT), ("transit", EventKind.IN_TRANSIT),
    ("arrived", EventKind.IN_TRANSIT), ("departed", EventKind.IN_TRANSIT),
)


def classify_status(text: str) -> EventKind:
    """The event kind a carrier's status text stands for; unknown words are a note."""
    lowered = text.strip().lower()
    for word, kind in _STATUS_WORDS:
        if word in lowered:
            return kind
    try:
        return EventKind(lowered)
    except ValueError:
        return EventKind.NOTE


class ExceptionKind(StrEnum):
    NOT_SHIPPED = "not_shipped_by_promised_date"
    NO_TRACKING = "no_tracking_event"
    TRANSIT_TOO_LONG = "in_transit_too_long"
    RETURNED = "returned_to_sender"
    REFUSED = "delivery_refused"
    DAMAGED = "damaged"
    LOST = "lost"
    ADDRESS_PROBLEM = "address_problem"
    PAYMENT_PROBLEM = "payment_problem"


# Events that are themselves a problem, and the case kind they open.
EVENT_PROBLEMS: Mapping[EventKind, ExceptionKind] = {
    EventKind.RETURNED_TO_SENDER: ExceptionKind.RETURNED,
    EventKind.REFUSED: ExceptionKind.REFUSED,
    EventKind.DAMAGED: ExceptionKind.DAMAGED,
    EventKind.LOST: ExceptionKind.LOST,
    EventKind.ADDRESS_PROBLEM: ExceptionKind.ADDRESS_PROBLEM,
    EventKind.PAYMENT_PROBLEM: ExceptionKind.PAYMENT_PROBLEM,
}


_EVENT_PROBLEMS_BY_VALUE: Mapping[str, ExceptionKind] = {
    k.value: v for k, v in EVENT_PROBLEMS.items()}


@dataclass(frozen=True)
class Rule:
    kind: ExceptionKind
    threshold_days: int
    base_days: int = 0  # in transit too long: the service's transit days
    enabled: bool = True


DEFAULT_RULES: Mapping[ExceptionKind, Rule] = {
    ExceptionKind.NOT_SHIPPED: Rule(ExceptionKind.NOT_SHIPPED, 0),
    ExceptionKind.NO_TRACKING: Rule(ExceptionKind.NO_TRACKING, 3),
    ExceptionKind.TRANSIT_TOO_LONG: Rule(ExceptionKind.TRANSIT_TOO_LONG, 2, base_days=3),
    **{k: Rule(k, 0) for k in EVENT_PROBLEMS.values()},
}

# The order statuses the time rules look at: not shipped yet (promised date) and on the
# way (quiet parcel, too long in transit). Event problems apply to every status but
# cancelled.
NOT_YET_SHIPPED = frozenset({"confirmed", "backordered", "in_production", "picking", "packed",
                             "on_hold"})
ON_THE_WAY = frozenset({"shipped", "partly_shipped"})
_NOT_YET_SHIPPED, _ON_THE_WAY = NOT_YET_SHIPPED, ON_THE_WAY


def not_shipped_cutoff(rule: Rule, now: datetime) -> date:
    """The latest promised date whose order is late at ``now`` under ``rule`` (the same
    test as ``detect``: ``now`` is at or past the start of promised + 1 + threshold days)."""
    now_utc = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    return now_utc.date() - timedelta(days=1 + rule.threshold_days)


@dataclass(frozen=True)
class OrderFacts:
    """What the check knows about one order."""

    order_id: int
    status: str
    promised_date: date | None = None
    shipped_at: datetime | None = None
    last_event_at: datetime | None = None
    # (kind, at) of every tracking event
    events: Sequence[tuple[str, datetime]] = field(default_factory=tuple)
    # the carrier service's transit days (fulfilment), else the rule's base days
    transit_days: int | None = None


@dataclass(frozen=True)
class Problem:
    order_id: int
    kind: ExceptionKind
    since: datetime  # when the problem began: one case per problem and start
    detail: str


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def detect(facts: OrderFacts, rules: Mapping[ExceptionKind, Rule], now: datetime) -> list[Problem]:
    """Every problem this order has at ``now`` under the enabled rules."""
    found: list[Problem] = []

    def rule(kind: ExceptionKind) -> Rule | None:
        r = rules.get(kind)
        return r if r is not None and r.enabled else None

    delivered = any(k == EventKind.DELIVERED for k, _ in facts.events)
    r = rule(ExceptionKind.NOT_SHIPPED)
    if r and facts.status in _NOT_YET_SHIPPED and facts.promised_date is not None:
        since = _start_of(facts.promised_date + timedelta(days=1 + r.threshold_days))
        if now >= since:
            found.append(Problem(facts.order_id, r.kind, since,
                                 f"promised for {facts.promised_date:%Y-%m-%d}, not shipped"))
    if facts.status in _ON_THE_WAY and facts.shipped_at is not None and not delivered:
        r = rule(ExceptionKind.NO_TRACKING)
        last = facts.last_event_at or facts.shipped_at  # quiet since the last scan
        if r and now - last > timedelta(days=r.threshold_days):
            found.append(Problem(facts.order_id, r.kind, last + timedelta(days=r.threshold_days),
                                 f"no tracking event since {last:%Y-%m-%d %H:%M} UTC"))
        r = rule(ExceptionKind.TRANSIT_TOO_LONG)
        if r:
            base = facts.transit_days if facts.transit_days is not None else r.base_days
            limit = timedelta(days=base + r.threshold_days)
            if now - facts.shipped_at > limit:
                found.append(Problem(
                    facts.order_id, r.kind, facts.shipped_at + limit,
                    f"shipped {facts.shipped_at:%Y-%m-%d}, in transit more than "
                    f"{base} + {r.threshold_days} days"))
    if facts.status != "cancelled":
        latest: dict[ExceptionKind, datetime] = {}
        for kind, at in facts.events:
            case_kind = _EVENT_PROBLEMS_BY_VALUE.get(kind)
            if case_kind is not None and (case_kind not in latest or at > latest[case_kind]):
                latest[case_kind] = at
        for case_kind, at in latest.items():
            r = rule(case_kind)
            if r and now - at >= timedelta(days=r.threshold_days):
                found.append(Problem(facts.order_id, case_kind, at,
                                     f"{case_kind.value.replace('_', ' ')} reported "
                                     f"{at:%Y-%m-%d %H:%M} UTC"))
    return found


def is_new_problem(problem: Problem,
                   existing_cases: Sequence[tuple[bool, datetime, datetime]]) -> bool:
    """A problem needs a case unless one is open, one was already opened for this same
    problem (same start), or one was opened since it began.
    ``existing_cases``: (is_open, opened_at, problem_since) of the order's cases of this kind."""
    return not any(is_open or since == problem.since or opened_at >= problem.since
                   for is_open, opened_at, since in existing_cases)


CASE_ACTIONS = ("reship", "refund", "exchange", "claim", "new_date", "note")
CLAIM_OUTCOMES = ("filed", "paid", "rejected")
