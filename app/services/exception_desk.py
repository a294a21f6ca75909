"""The exception desk: manager-set rules, the check that opens one case per problem,
and the actions that work a case to its resolution with its costs on the order.

The check runs at start and every few minutes on every workstation, in batches of orders
(flat memory, short transactions). On PostgreSQL only one runs at a time (a session-level
``pg_try_advisory_lock``; the others skip that round); on both databases the unique
(order, kind, open) constraint keeps a second open case out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    Table,
    and_,
    bindparam,
    func,
    insert,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from app.db.engine import Database
from app.db.models import (
    CarrierService,
    CaseAction,
    CustomerCredit,
    ExceptionCase,
    ExceptionRule,
    Order,
    OrderLine,
    OrderStatusChange,
    Product,
    ReshipRequest,
    Shipment,
    TrackingEvent,
)
from app.db.types import utcnow
from app.domain.roles import Permission
from app.domain.tracking_status import (
    CLAIM_OUTCOMES,
    DEFAULT_RULES,
    EVENT_PROBLEMS,
    NOT_YET_SHIPPED,
    ON_THE_WAY,
    EventKind,
    ExceptionKind,
    OrderFacts,
    Problem,
    Rule,
    detect,
    is_new_problem,
    not_shipped_cutoff,
)
from app.services import notices, stock
from app.services.context import Actor, audit, audit_many
from app.services.errors import InsufficientStock, NotFound, ValidationFailed
from app.services.numbering import next_number, reserve_block
from app.services.order_costs import record_cost

# Any fixed 64-bit number, the same on every workstation: "the exception check".
CHECK_LOCK_KEY = 0x0D_E5C0_0008


# --- rules ------------------------------------------------------------------------------


def rules(db: Database) -> dict[ExceptionKind, Rule]:
    with db.reader() as s:
        return _rules(s)


def _rules(s: Session) -> dict[ExceptionKind, Rule]:
    merged = dict(DEFAULT_RULES)
    for r in s.scalars(select(ExceptionRule)):
        kind = ExceptionKind(r.kind)
        merged[kind] = Rule(kind, r.threshold_days, r.base_days, r.enabled)
    return merged


def set_rule(db: Database, actor: Actor, kind: ExceptionKind | str, threshold_days: int,
             base_days: int | None = None, enabled: bool = True) -> None:
    """A manager sets a rule's threshold (and, for transit, the service's transit days)."""
    actor.require(Permission.APPROVE)
    kind = ExceptionKind(kind)
    if threshold_days < 0 or (base_days is not None and base_days < 0):
        raise ValidationFailed("Days cannot be negative.")
    with db.writer() as s:
        row = s.get(ExceptionRule, kind.value, with_for_update=True)
        if row is None:
            row = ExceptionRule(kind=kind.value, base_days=DEFAULT_RULES[kind].base_days)
            s.add(row)
        row.threshold_days, row.enabled = threshold_days, enabled
        if base_days is not None:
            row.base_days = base_days
        row.updated_at, row.updated_by = utcnow(), actor.username
        audit(s, actor, "set_rule", "exception_rule", kind.value, threshold_days=threshold_days,
              base_days=row.base_days, enabled=enabled)


# --- the check --------------------------------------------------------------------------

# Orders per batch: each batch reads its orders' facts with bounded parameter lists in a
# short reader transaction and opens its cases in a short writer transaction, so memory
# stays flat and other workstations' writes wait at most one batch (tests make it small).
CHECK_BATCH = 1_000


@dataclass
class CheckResult:
    ran: bool  # False: another workstation was checking at that moment
    opened: list[str] = field(default_factory=list)  # case numbers


def _enabled(current: dict[ExceptionKind, Rule], kind: ExceptionKind) -> Rule | None:
    r = current.get(kind)
    return r if r is not None and r.enabled else None


# A batch is the orders with ids in (lo, hi]: at most CHECK_BATCH of them. The statements
# are built once; each batch only binds its bounds (or its candidates' ids).
_LO, _HI = bindparam("lo", type_=Integer), bindparam("hi", type_=Integer)
_IDS: BindParameter[int] = bindparam("ids", expanding=True)
_FIRST_ORDER = select(func.min(Order.id))
_NEXT_ORDER = select(func.min(Order.id)).where(Order.id > _LO)
_SHIPPED_AT = (select(OrderStatusChange.order_id, func.min(OrderStatusChange.at))
               .where(OrderStatusChange.order_id.in_(_IDS),
                      OrderStatusChange.to_status.in_(["shipped", "partly_shipped"]))
               .group_by(OrderStatusChange.order_id))
_EVENTS = (select(TrackingEvent.order_id, TrackingEvent.kind, TrackingEvent.at)
           .where(TrackingEvent.order_id.in_(_IDS)).order_by(TrackingEvent.at))
_TRANSIT = (select(Shipment.order_id, func.max(CarrierService.transit_days))
            .join(CarrierService, CarrierService.id == Shipment.service_id)
            .where(Shipment.order_id.in_(_IDS), Shipment.status != "packed")
            .group_by(Shipment.order_id))
_ON_HOLD = (select(Order.id, CustomerCredit.updated_at, CustomerCredit.hold_reason)
            .join(CustomerCredit, CustomerCredit.customer_id == Order.customer_id)
            .where(Order.id > _LO, Order.id <= _HI, CustomerCredit.on_hold.is_(True),
                   Order.status.in_(sorted(NOT_YET_SHIPPED)))
            .order_by(Order.id))
_CASES_OF_BATCH = (select(ExceptionCase.order_id, ExceptionCase.kind, ExceptionCase.open_flag,
                          ExceptionCase.opened_at, ExceptionCase.problem_since)
                   .where(ExceptionCase.order_id.in_(_IDS)))

Candidate = tuple[int, str, date | None]  # order id, status, promised date


def _exists(*where: ColumnElement[bool]) -> ColumnElement[bool]:
    """EXISTS as a scalar subquery with LIMIT 1, which every database runs as an index
    look-up per order of the batch: PostgreSQL may run a plain EXISTS inside OR as a
    hashed subplan that reads the whole table (every open case) once per batch."""
    return select(literal(1)).where(*where).limit(1).scalar_subquery().is_not(None)


def _not_exists(*where: ColumnElement[bool]) -> ColumnElement[bool]:
    return select(literal(1)).where(*where).limit(1).scalar_subquery().is_(None)


def _open_case_of(kind: ExceptionKind) -> tuple[ColumnElement[bool], ...]:
    return (ExceptionCase.order_id == Order.id, ExceptionCase.kind == kind.value,
            ExceptionCase.open_flag.is_not(None))


def _candidate_query(current: dict[ExceptionKind, Rule],
                     now: datetime) -> Select[int, str, date | None] | None:
    """The orders of a batch that can have a problem ``detect`` would report and
    ``is_new_problem`` would open — exactly: an order left out has none. Not shipped yet:
    only with a promised date old enough, unless its case is open. On the way: not
    delivered, unless every enabled time rule's case is open. Any status but cancelled:
    a tracking event that is an enabled rule's problem. None: no rule can find anything."""
    branches: list[ColumnElement[bool]] = []
    r = _enabled(current, ExceptionKind.NOT_SHIPPED)
    if r is not None:
        branches.append(and_(Order.status.in_(sorted(NOT_YET_SHIPPED)),
                             Order.promised_date <= not_shipped_cutoff(r, now),
                             _not_exists(*_open_case_of(ExceptionKind.NOT_SHIPPED))))
    time_kinds = [k for k in (ExceptionKind.NO_TRACKING, ExceptionKind.TRANSIT_TOO_LONG)
                  if _enabled(current, k) is not None]
    if time_kinds:
        branches.append(and_(Order.status.in_(sorted(ON_THE_WAY)),
                             _not_exists(TrackingEvent.order_id == Order.id,
                                         TrackingEvent.kind == EventKind.DELIVERED.value),
                             or_(*[_not_exists(*_open_case_of(k)) for k in time_kinds])))
    event_kinds = [e.value for e, k in EVENT_PROBLEMS.items() if _enabled(current, k)]
    if event_kinds:
        branches.append(_exists(TrackingEvent.order_id == Order.id,
                                TrackingEvent.kind.in_(event_kinds)))
    if not branches:
        return None
    return (select(Order.id, Order.status, Order.promised_date)
            .where(Order.id > _LO, Order.id <= _HI, Order.status != "cancelled",
                   or_(*branches))
            .order_by(Order.id))


def _facts(s: Session, rows: list[Candidate]) -> list[OrderFacts]:
    """The facts of a batch of orders (one statement each, at most CHECK_BATCH ids)."""
    ids = [r[0] for r in rows]
    if not ids:
        return []
    shipped_at: dict[int, datetime] = {oid: at for oid, at in s.execute(_SHIPPED_AT,
                                                                        {"ids": ids})}
    events: dict[int, list[tuple[str, datetime]]] = defaultdict(list)
    for order_id, kind, at in s.execute(_EVENTS, {"ids": ids}):
        events[order_id].append((kind, at))
    for oid, evs in events.items():  # the carrier's pick-up, if earlier than the status
        handed = [at for kind, at in evs if kind in ("shipped", "picked_up")]
        if handed and oid in shipped_at:
            shipped_at[oid] = min(shipped_at[oid], min(handed))
    transit = {oid: int(days) for oid, days in s.execute(_TRANSIT, {"ids": ids})
               if days is not None}
    return [OrderFacts(oid, status, promised, shipped_at.get(oid),
                       max((at for _, at in events[oid]), default=None), events[oid],
                       transit.get(oid))
            for oid, status, promised in rows]


def _payment_problems(s: Session, lo: int, hi: int) -> list[Problem]:
    """Receivables' credit hold as a payment problem of every unshipped order of the
    customer: one case per order and hold (the hold's time is when the problem began).
    The orders with ids in (lo, hi]."""
    return [Problem(oid, ExceptionKind.PAYMENT_PROBLEM, since,
                    f"customer on credit hold: {reason or 'no reason given'}")
            for oid, since, reason in s.execute(_ON_HOLD, {"lo": lo, "hi": hi})]


Existing = dict[tuple[int, str], list[tuple[bool, datetime, datetime]]]


def _cases_of(s: Session, problems: list[Problem]) -> Existing:
    """(is open, opened at, problem since) of the cases of the problems' orders (a
    batch's: at most CHECK_BATCH), by (order, kind): one query."""
    existing: Existing = defaultdict(list)
    ids = sorted({p.order_id for p in problems})
    for oid, kind, open_flag, opened_at, since in s.execute(_CASES_OF_BATCH, {"ids": ids}):
        existing[(oid, kind)].append((open_flag is not None, opened_at, since))
    return existing


def _new_problems(problems: list[Problem], existing: Existing, now: datetime) -> list[Problem]:
    """The problems that need a case, in order: one opened here is open for the next
    problem of its order and kind (as the check always did, one problem after the other)."""
    new: list[Problem] = []
    for p in problems:
        if is_new_problem(p, existing[(p.order_id, p.kind.value)]):
            new.append(p)
            existing[(p.order_id, p.kind.value)].append((True, now, p.since))
    return new


def _open_case(s: Session, actor: Actor, problem: Problem, now: datetime) -> str | None:
    """One case, after reading the order's cases of the kind (the slow path, used when a
    batch's insert met a case opened meanwhile)."""
    existing = [(c.open_flag is not None, c.opened_at, c.problem_since) for c in s.scalars(
        select(ExceptionCase).where(ExceptionCase.order_id == problem.order_id,
                                    ExceptionCase.kind == problem.kind.value))]
    if not is_new_problem(problem, existing):
        return None
    try:
        with s.begin_nested():  # the unique (order, kind, open) constraint is the last word
            case = ExceptionCase(number=next_number(s, "exception_case"),
                                 order_id=problem.order_id, kind=problem.kind.value,
                                 detail=problem.detail, problem_since=problem.since,
                                 open_flag=1, opened_by=actor.username, opened_at=now)
            s.add(case)
            s.flush()
    except IntegrityError:
        return None
    audit(s, actor, "open", "exception_case", case.id, number=case.number,
          order=problem.order_id, kind=problem.kind.value)
    return case.number


_CASES = cast(Table, ExceptionCase.__table__)


def _open_cases_of_batch(s: Session, actor: Actor, problems: list[Problem],
                         now: datetime) -> list[str]:
    """In the writer: read the batch's cases again (one query) and open a case for each
    problem that still needs one, numbered and inserted together. If the insert meets
    the unique (order, kind, open) constraint (a case opened meanwhile, e.g. by a
    return), the batch's insert and numbers roll back and each problem takes the slow
    path, one nested transaction each."""
    new = _new_problems(problems, _cases_of(s, problems), now)
    if not new:
        return []
    try:
        with s.begin_nested():
            prefix, width, first = reserve_block(s, "exception_case", len(new))
            numbers = [f"{prefix}{first + i:0{width}d}" for i in range(len(new))]
            ids = list(s.scalars(
                insert(_CASES).returning(_CASES.c.id, sort_by_parameter_order=True),
                [{"number": n, "order_id": p.order_id, "kind": p.kind.value,
                  "detail": p.detail, "problem_since": p.since, "open_flag": 1,
                  "opened_by": actor.username, "opened_at": now, "closed_at": None,
                  "closed_by": "", "resolution": ""} for n, p in zip(numbers, new, strict=True)]))
    except IntegrityError:
        return [n for p in new if (n := _open_case(s, actor, p, now))]
    audit_many(s, actor, "open", "exception_case", [
        (case_id, {"number": n, "order": p.order_id, "kind": p.kind.value})
        for case_id, n, p in zip(ids, numbers, new, strict=True)])
    return numbers


@contextmanager
def _one_checker(db: Database) -> Iterator[bool]:
    """True when this workstation may check now. PostgreSQL: a session-level advisory
    lock held on one connection for the whole check (its batches run in transactions of
    their own), released at the end, or by the server if the connection is lost. SQLite:
    always; each batch's writer (BEGIN IMMEDIATE) reads the cases and opens the new ones
    under the database's write lock, so checks running at once open nothing twice."""
    if db.is_sqlite:
        yield True
        return
    with db.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"),
                                {"k": CHECK_LOCK_KEY}).scalar())
        try:
            yield got
        finally:
            if got:
                try:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": CHECK_LOCK_KEY})
                except Exception:
                    conn.invalidate()  # never back to the pool still holding the lock
                    raise


def check(db: Database, actor: Actor, now: datetime | None = None) -> CheckResult:
    """Open a case for every problem that has none yet. The orders are walked by id in
    batches of at most CHECK_BATCH: per batch the candidates, their facts and the batch's
    cases are read (a reader transaction), and only when a problem needs a case a short
    writer transaction reads the batch's cases again and opens the new ones. The
    problems of each batch come as they always did: detection's, then credit holds'."""
    actor.require(Permission.VIEW)
    now = now or utcnow()
    with _one_checker(db) as got:
        if not got:
            return CheckResult(ran=False)
        current = rules(db)
        candidates = _candidate_query(current, now)
        payments = _enabled(current, ExceptionKind.PAYMENT_PROBLEM) is not None
        result = CheckResult(ran=True)
        hi: int | None = None
        while True:
            with db.reader() as s:
                first = s.scalar(_FIRST_ORDER if hi is None else _NEXT_ORDER, {"lo": hi})
                if first is None:
                    return result
                lo, hi = first - 1, first - 1 + CHECK_BATCH
                rows: list[Candidate] = [] if candidates is None else [
                    (oid, status, promised) for oid, status, promised
                    in s.execute(candidates, {"lo": lo, "hi": hi})]
                found = [p for facts in _facts(s, rows) for p in detect(facts, current, now)]
                if payments:
                    found += _payment_problems(s, lo, hi)
                if found:
                    found = _new_problems(found, _cases_of(s, found), now)
            if found:
                with db.writer() as s:
                    result.opened += _open_cases_of_batch(s, actor, found, now)


# --- reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseActionView:
    kind: str
    at: datetime
    username: str
    text: str
    amount: Decimal | None
    claim_number: str
    outcome: str
    new_date: date | None


@dataclass(frozen=True)
class CaseView:
    id: int
    number: str
    order_id: int
    order_number: str
    customer_name: str
    order_status: str
    kind: str
    detail: str
    opened_at: datetime
    closed_at: datetime | None
    resolution: str
    actions: list[CaseActionView] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def age(self, now: datetime) -> timedelta:
        return (self.closed_at or now) - self.opened_at


def _case_views(s: Session, cases: list[ExceptionCase]) -> list[CaseView]:
    order_rows: dict[int, Order] = {}
    actions: dict[int, list[CaseActionView]] = defaultdict(list)
    for i in range(0, len(cases), CHECK_BATCH):  # bounded parameter lists
        chunk = cases[i:i + CHECK_BATCH]
        order_rows.update((o.id, o) for o in s.scalars(select(Order).where(
            Order.id.in_({c.order_id for c in chunk}))))
        for a in s.scalars(select(CaseAction)
                           .where(CaseAction.case_id.in_([c.id for c in chunk]))
                           .order_by(CaseAction.id)):
            actions[a.case_id].append(CaseActionView(a.kind, a.at, a.username, a.text,
                                                     a.amount, a.claim_number, a.outcome,
                                                     a.new_date))
    return [CaseView(c.id, c.number, c.order_id, order_rows[c.order_id].number,
                     order_rows[c.order_id].customer_name, order_rows[c.order_id].status,
                     c.kind, c.detail, c.opened_at, c.closed_at, c.resolution, actions[c.id])
            for c in cases]


# The Exceptions view's list: the oldest open cases, at most this many (count_open_cases
# says how many there are in all).
OPEN_CASES_LIMIT = 1_000


def _open_filter(kind: str | None) -> ColumnElement[bool]:
    cond = ExceptionCase.open_flag.is_not(None)
    return and_(cond, ExceptionCase.kind == kind) if kind else cond


def open_cases(db: Database, kind: str | None = None,
               limit: int | None = OPEN_CASES_LIMIT) -> list[CaseView]:
    """Open cases, oldest first: the ``limit`` oldest (None: all of them)."""
    with db.reader() as s:
        q = (select(ExceptionCase).where(_open_filter(kind))
             .order_by(ExceptionCase.opened_at, ExceptionCase.id))
        if limit is not None:
            q = q.limit(limit)
        return _case_views(s, list(s.scalars(q)))


def count_open_cases(db: Database, kind: str | None = None) -> int:
    """How many cases are open (of ``kind``)."""
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(ExceptionCase)
                            .where(_open_filter(kind))) or 0)


def cases_for_order(db: Database, order_id: int) -> list[CaseView]:
    with db.reader() as s:
        return _case_views(s, list(s.scalars(select(ExceptionCase).where(
            ExceptionCase.order_id == order_id).order_by(ExceptionCase.id))))


def get_case(db: Database, case_id: int) -> CaseView:
    with db.reader() as s:
        case = s.get(ExceptionCase, case_id)
        if case is None:
            raise NotFound(f"Case {case_id} does not exist.")
        return _case_views(s, [case])[0]


# --- actions ----------------------------------------------------------------------------


def _load_open(s: Session, case_id: int) -> ExceptionCase:
    case = s.get(ExceptionCase, case_id, with_for_update=True)
    if case is None:
        raise NotFound(f"Case {case_id} does not exist.")
    if case.open_flag is None:
        raise ValidationFailed(f"Case {case.number} is closed.")
    return case


def _action(s: Session, actor: Actor, case: ExceptionCase, kind: str, **fields: object) -> None:
    s.add(CaseAction(case_id=case.id, kind=kind, username=actor.username, **fields))
    audit(s, actor, kind, "exception_case", case.id, number=case.number, **fields)


def reship(db: Database, actor: Actor, case_id: int, postage: Decimal = Decimal(0),
           lines: list[tuple[int, int]] | None = None, note: str = "") -> list[int]:
    """A new shipment from stock, linked to the case: stock reserved to the order's lines
    (all of them unless ``lines`` = [(order line id, quantity)]); goods and postage are
    recorded as the order's cost. The order can then be packed again at the pack station
    (its shipment carries the case) and shipped by scan like any parcel, without a second
    invoice. Returns the reship request ids."""
    actor.require(Permission.RETURNS)
    return _reship(db, actor, case_id, postage, lines, note, "reship")


def _reship(db: Database, actor: Actor, case_id: int, postage: Decimal,
            lines: list[tuple[int, int]] | None, note: str, kind: str) -> list[int]:
    if postage < 0:
        raise ValidationFailed("Postage cannot be negative.")
    with db.writer() as s:
        case = _load_open(s, case_id)
        order = s.get(Order, case.order_id, with_for_update=True)
        assert order is not None
        order_lines = {li.id: li for li in s.scalars(
            select(OrderLine).where(OrderLine.order_id == order.id))}
        wanted = lines if lines is not None else [(i, li.quantity) for i, li in
                                                  order_lines.items()]
        if not wanted or any(i not in order_lines or q <= 0 for i, q in wanted):
            raise ValidationFailed(f"Choose lines of order {order.number} with quantities.")
        warehouse_id = order.warehouse_id
        assert warehouse_id is not None
        ids, goods = [], Decimal(0)
        for line_id, qty in wanted:
            li = order_lines[line_id]
            if not stock.try_reserve(s, order.id, li.id, li.product_id, warehouse_id, qty):
                free = stock.available(s, li.product_id, warehouse_id)
                raise InsufficientStock(f"Cannot reship {qty} × {li.sku}: {free} free.",
                                        {li.sku: (qty, free)})
            product = s.get(Product, li.product_id)
            assert product is not None
            goods += product.cost * qty
            req = ReshipRequest(case_id=case.id, order_id=order.id, order_line_id=li.id,
                                product_id=li.product_id, warehouse_id=warehouse_id,
                                quantity=qty)
            s.add(req)
            s.flush()
            ids.append(req.id)
        goods = goods.quantize(Decimal("0.01"))
        record_cost(s, actor, order.id, "reship_goods", goods, case_id=case.id, note=case.number)
        if postage:
            record_cost(s, actor, order.id, "postage", postage, case_id=case.id,
                        note=case.number)
        _action(s, actor, case, kind, amount=goods + postage,
                text=note or ", ".join(f"{q} × {order_lines[i].sku}" for i, q in wanted))
        return ids


def refund(db: Database, actor: Actor, case_id: int, amount: Decimal, reason: str) -> str:
    """A (partial) refund: a credit note for the order's customer (set against the order's
    invoice, the rest kept as credit), recorded as the order's exception cost and linked
    to the case. Returns the credit note number ("" for a walk-in order without a
    customer account: then only the cost and the action are recorded)."""
    from app.services import receivables

    actor.require(Permission.APPROVE)
    if not reason.strip():
        raise ValidationFailed("Say why the customer gets a refund.")
    with db.writer() as s:
        case = _load_open(s, case_id)
        order = s.get(Order, case.order_id)
        assert order is not None
        if amount <= 0 or amount > order.total:
            raise ValidationFailed(f"A refund must be more than 0 and at most the order total "
                                   f"{order.total}.")
        number = ""
        if order.customer_id is not None:
            invoice_id = receivables.invoice_for_refund(s, order.id)
            cn = receivables.credit_note_in(s, actor, order.customer_id, amount,
                                            f"{case.number}: {reason.strip()}", invoice_id)
            number = cn.number
        record_cost(s, actor, order.id, "refund", amount, case_id=case.id, note=reason)
        _action(s, actor, case, "refund", amount=amount, text=reason.strip(),
                credit_note_ref=number)
        return number


def exchange(db: Database, actor: Actor, case_id: int, lines: list[tuple[int, int]],
             note: str = "") -> list[int]:
    """Exchange: the replacement goes out like a reship (reserved now, packed and shipped
    through the pack station, not invoiced again); what the customer sends back comes in
    through returns. Returns the reship request ids."""
    actor.require(Permission.RETURNS)
    return _reship(db, actor, case_id, Decimal(0), lines, note, "exchange")


def claim(db: Database, actor: Actor, case_id: int, claim_number: str, amount: Decimal,
          outcome: str = "filed") -> None:
    """A claim on the carrier; a paid claim is recorded as money back on the order."""
    actor.require(Permission.RETURNS)
    if outcome not in CLAIM_OUTCOMES:
        raise ValidationFailed(f"A claim's outcome is one of {', '.join(CLAIM_OUTCOMES)}.")
    if not claim_number.strip() or amount < 0:
        raise ValidationFailed("A claim needs the carrier's claim number and an amount.")
    with db.writer() as s:
        case = _load_open(s, case_id)
        if outcome == "paid":
            record_cost(s, actor, case.order_id, "claim_received", -amount, case_id=case.id,
                        note=claim_number.strip())
        _action(s, actor, case, "claim", claim_number=claim_number.strip(), amount=amount,
                outcome=outcome)


def new_promised_date(db: Database, actor: Actor, case_id: int, new_date: date,
                      message: str = "") -> None:
    """Promise a new date and queue the customer notice."""
    actor.require(Permission.CONFIRM_ORDERS)
    if new_date < utcnow().date():
        raise ValidationFailed("A new promised date cannot be in the past.")
    with db.writer() as s:
        case = _load_open(s, case_id)
        order = s.get(Order, case.order_id, with_for_update=True)
        assert order is not None
        old, order.promised_date = order.promised_date, new_date
        order.version += 1
        order.updated_at, order.updated_by = utcnow(), actor.username
        notices.queue_for_order(
            s, order, "delayed", f"case:{case.id}:{new_date:%Y-%m-%d}",
            reason=message or f"New delivery date: {new_date:%Y-%m-%d}.")
        _action(s, actor, case, "new_date", new_date=new_date,
                text=f"was {old:%Y-%m-%d}" if old else "")


def add_note(db: Database, actor: Actor, case_id: int, note: str) -> None:
    """A note, e.g. after calling the customer or the carrier."""
    actor.require(Permission.VIEW)
    if not note.strip():
        raise ValidationFailed("A note needs some text.")
    with db.writer() as s:
        _action(s, actor, _load_open(s, case_id), "note", text=note.strip())


def close_case(db: Database, actor: Actor, case_id: int, resolution: str) -> None:
    """Close with a resolution; a case without one stays open."""
    actor.require(Permission.RETURNS)
    if not resolution.strip():
        raise ValidationFailed("A case closes only with a resolution: say how it was solved.")
    with db.writer() as s:
        case = _load_open(s, case_id)
        case.open_flag, case.closed_at = None, utcnow()
        case.closed_by, case.resolution = actor.username, resolution.strip()
        audit(s, actor, "close", "exception_case", case.id, number=case.number,
              resolution=case.resolution)
