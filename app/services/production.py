"""Made to order: bills of materials and operations, work orders from confirmed order
lines, the workshop's scans, problems with a proposed promised date, and finishing
(components consumed, the item produced into stock and reserved to its order).

Each public function taking a ``Database`` is one transaction. The hook
``create_work_orders_for_order`` runs inside the caller's transaction (orders.confirm).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from app.db.engine import Database
from app.db.models import (
    BomComponent,
    Order,
    OrderLine,
    OrderLineOptions,
    Product,
    ProductManufacturing,
    RoutingOperation,
    StockLevel,
    StockMove,
    WorkOrder,
    WorkOrderOperation,
    WorkOrderProblem,
)
from app.db.types import utcnow
from app.domain.order_status import OrderStatus
from app.domain.production import (
    PROBLEM_KINDS,
    Demand,
    WorkOrderState,
    check_work_order_move,
    component_need,
    due_date,
    labour_cost,
    plan_shortages,
    replenishment_need,
    unit_cost,
)
from app.domain.roles import Permission
from app.services import notices, orders, stock
from app.services.catalog import default_warehouse_id
from app.services.context import Actor, audit
from app.services.errors import InsufficientStock, NotFound, ValidationFailed
from app.services.numbering import next_number
from app.services.order_costs import record_cost

S = WorkOrderState
# Who works in the workshop: the people who may move stock.
WORKSHOP = Permission.ADJUST_STOCK


# --- set-up -------------------------------------------------------------------------


@dataclass(frozen=True)
class ManufacturingData:
    made_to_order: bool
    shipping_lead_days: int = 2
    labour_rate_per_hour: Decimal = Decimal(0)
    bom: Sequence[tuple[int, int]] = ()  # (component product id, units per finished unit)
    operations: Sequence[tuple[str, int]] = ()  # (name, standard minutes), in order


def set_manufacturing(db: Database, actor: Actor, product_id: int,
                      data: ManufacturingData) -> None:
    """Make a product made-to-order (or not) and replace its BOM and operations."""
    actor.require(Permission.EDIT_PRODUCTS)
    if data.shipping_lead_days < 0 or data.labour_rate_per_hour < 0:
        raise ValidationFailed("Lead time and labour rate cannot be negative.")
    if any(q <= 0 for _, q in data.bom) or any(m < 0 for _, m in data.operations):
        raise ValidationFailed("Component quantities must be positive and minutes not negative.")
    if any(c == product_id for c, _ in data.bom):
        raise ValidationFailed("A product cannot be a component of itself.")
    if len({c for c, _ in data.bom}) != len(data.bom):
        raise ValidationFailed("Each component may appear only once in a bill of materials.")
    if data.made_to_order and not data.operations:
        raise ValidationFailed("A made-to-order product needs at least one operation.")
    with db.writer() as s:
        ids = [product_id, *(c for c, _ in data.bom)]
        found = set(s.scalars(select(Product.id).where(Product.id.in_(ids))))
        if missing := [i for i in ids if i not in found]:
            raise NotFound(f"Product(s) {missing} do not exist.")
        row = s.get(ProductManufacturing, product_id)
        if row is None:
            row = ProductManufacturing(product_id=product_id)
            s.add(row)
        row.made_to_order = data.made_to_order
        row.shipping_lead_days = data.shipping_lead_days
        row.labour_rate_per_hour = data.labour_rate_per_hour
        row.updated_at, row.updated_by = utcnow(), actor.username
        for old in s.scalars(select(BomComponent).where(BomComponent.product_id == product_id)):
            s.delete(old)
        for old_op in s.scalars(select(RoutingOperation)
                                .where(RoutingOperation.product_id == product_id)):
            s.delete(old_op)
        s.flush()
        for component_id, qty in data.bom:
            s.add(BomComponent(product_id=product_id, component_id=component_id, quantity=qty))
        for seq, (name, minutes) in enumerate(data.operations, start=1):
            s.add(RoutingOperation(product_id=product_id, seq=seq, name=name,
                                   standard_minutes=minutes))
        audit(s, actor, "set_manufacturing", "product", product_id,
              made_to_order=data.made_to_order, bom=list(data.bom),
              operations=list(data.operations))


def set_line_options(db: Database, actor: Actor, order_line_id: int,
                     options: dict[str, Any]) -> None:
    """Customer options and measurements of an order line (before it is confirmed)."""
    actor.require(Permission.ENTER_ORDERS)
    with db.writer() as s:
        line = s.get(OrderLine, order_line_id)
        if line is None:
            raise NotFound(f"Order line {order_line_id} does not exist.")
        row = s.get(OrderLineOptions, order_line_id)
        if row is None:
            row = OrderLineOptions(order_line_id=order_line_id)
            s.add(row)
        row.options_json = json.dumps(options, ensure_ascii=False, sort_keys=True)
        audit(s, actor, "set_options", "order_line", order_line_id, options=options)


# --- the confirm hook -----------------------------------------------------------------


def create_work_orders_for_order(s: Session, actor: Actor, order_id: int,
                                 lines: Sequence[OrderLine] | None = None) -> set[int]:
    """Inside the confirm transaction: one work order per made-to-order line (again-safe).
    Returns the ids of those lines; confirm must not reserve stock for them. ``lines``:
    the order's lines when the caller has them loaded and flushed (confirm)."""
    order = s.get(Order, order_id)
    if order is None:
        raise NotFound(f"Order {order_id} does not exist.")
    if lines is None:
        lines = list(s.scalars(select(OrderLine).where(OrderLine.order_id == order_id)))
    settings = {m.product_id: m for m in s.scalars(
        select(ProductManufacturing).where(
            ProductManufacturing.product_id.in_([li.product_id for li in lines]),
            ProductManufacturing.made_to_order.is_(True)))}
    made: set[int] = set()
    warehouse_id = order.warehouse_id or default_warehouse_id(s)
    for line in lines:
        m = settings.get(line.product_id)
        if m is None:
            continue
        made.add(line.id)
        if s.scalar(select(WorkOrder.id).where(WorkOrder.order_line_id == line.id)) is not None:
            continue
        options = s.get(OrderLineOptions, line.id)
        wo = WorkOrder(
            number=next_number(s, "work_order"), order_id=order.id, order_line_id=line.id,
            product_id=line.product_id, warehouse_id=warehouse_id, quantity=line.quantity,
            due_date=(due_date(order.promised_date, m.shipping_lead_days)
                      if order.promised_date else None),
            options_json=options.options_json if options else "{}", state=S.PLANNED.value)
        for op in s.scalars(select(RoutingOperation)
                            .where(RoutingOperation.product_id == line.product_id)
                            .order_by(RoutingOperation.seq)):
            wo.operations.append(WorkOrderOperation(seq=op.seq, name=op.name,
                                                    standard_minutes=op.standard_minutes))
        s.add(wo)
        s.flush()
        audit(s, actor, "create", "work_order", wo.id, number=wo.number, order=order.number,
              sku=line.sku, quantity=line.quantity, due=wo.due_date)
    if made:
        _refresh_material_states(s)
    return made


# --- material ---------------------------------------------------------------------------


def _boms(s: Session, product_ids: set[int]) -> dict[int, dict[int, int]]:
    boms: dict[int, dict[int, int]] = {p: {} for p in product_ids}
    for b in s.scalars(select(BomComponent).where(BomComponent.product_id.in_(product_ids))):
        boms[b.product_id][b.component_id] = b.quantity
    return boms


def _shortages(s: Session) -> dict[int, dict[int, int]]:
    """Shortage per open work order id: in-progress work first, then by due date."""
    open_wos = list(s.scalars(select(WorkOrder).where(WorkOrder.state.in_(
        [S.PLANNED, S.WAITING_MATERIAL, S.IN_PROGRESS, S.BLOCKED]))))
    open_wos.sort(key=lambda w: (w.state != S.IN_PROGRESS, w.due_date or date.max, w.id))
    boms = _boms(s, {w.product_id for w in open_wos})
    free: dict[int, int] = {}
    for (pid, _wid), q in _free_stock(s, {c for b in boms.values() for c in b}).items():
        free[pid] = free.get(pid, 0) + q
    demands = [Demand(w.id, component_need(boms[w.product_id], w.quantity)) for w in open_wos]
    return {int(k): v for k, v in plan_shortages(demands, free).items()}  # type: ignore[call-overload]


def _free_stock(s: Session, product_ids: set[int]) -> dict[tuple[int, int], int]:
    if not product_ids:
        return {}
    return {(p, w): int(q) for p, w, q in s.execute(
        select(StockLevel.product_id, StockLevel.warehouse_id,
               StockLevel.on_hand - StockLevel.reserved)
        .where(StockLevel.product_id.in_(product_ids)))}


def _refresh_material_states(s: Session) -> None:
    short = _shortages(s)
    for wo in s.scalars(select(WorkOrder).where(
            WorkOrder.state.in_([S.PLANNED, S.WAITING_MATERIAL]))):
        target = S.WAITING_MATERIAL if wo.id in short else S.PLANNED
        if wo.state != target:
            wo.state = target.value


def recheck_materials(db: Database, actor: Actor) -> None:
    """Move planned work orders that lack material to waiting, and back when it came."""
    actor.require(Permission.VIEW)
    with db.writer() as s:
        _refresh_material_states(s)


@dataclass(frozen=True)
class ReplenishmentRow:
    product_id: int
    sku: str
    name: str
    short: int  # units to buy or make for open work orders


def replenishment_list(db: Database) -> list[ReplenishmentRow]:
    """Components that open work orders need beyond free stock: the purchase list feed."""
    with db.reader() as s:
        need = replenishment_need(_shortages(s).values())
        if not need:
            return []
        products = {p.id: p for p in s.scalars(select(Product).where(Product.id.in_(need)))}
        return sorted((ReplenishmentRow(pid, products[pid].sku, products[pid].name, qty)
                       for pid, qty in need.items()), key=lambda r: r.sku)


# --- reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OperationView:
    seq: int
    name: str
    standard_minutes: int
    started_at: datetime | None
    done_at: datetime | None
    done_by: str
    actual_minutes: int | None


@dataclass(frozen=True)
class WorkOrderView:
    id: int
    number: str
    order_id: int
    order_number: str
    customer_name: str
    product_id: int
    sku: str
    name: str
    quantity: int
    due_date: date | None
    promised_date: date | None
    state: str
    blocked_reason: str
    options: dict[str, Any]
    shortage: dict[str, int]  # component SKU -> units missing
    material_cost: Decimal
    labour_cost: Decimal
    version: int
    operations: list[OperationView] = field(default_factory=list)
    open_problem_id: int | None = None
    proposed_promised_date: date | None = None
    components: list[tuple[str, str, int]] = field(default_factory=list)  # sku, name, units

    @property
    def operations_done(self) -> int:
        return sum(1 for op in self.operations if op.done_at is not None)

    @property
    def next_operation(self) -> str:
        return next((op.name for op in self.operations if op.done_at is None), "")


def _views(s: Session, wos: Sequence[WorkOrder]) -> list[WorkOrderView]:
    short = _shortages(s)
    boms = _boms(s, {w.product_id for w in wos})
    ids = ({c for m in short.values() for c in m} | {w.product_id for w in wos}
           | {c for b in boms.values() for c in b})
    products = {p.id: p for p in s.scalars(select(Product).where(Product.id.in_(ids)))}
    order_rows = {o.id: o for o in s.scalars(select(Order).where(
        Order.id.in_({w.order_id for w in wos})))}
    problems = {p.work_order_id: p for p in s.scalars(select(WorkOrderProblem).where(
        WorkOrderProblem.work_order_id.in_([w.id for w in wos]),
        WorkOrderProblem.resolved_at.is_(None)).order_by(WorkOrderProblem.id))}
    out = []
    for w in wos:
        o, p, prob = order_rows[w.order_id], products[w.product_id], problems.get(w.id)
        out.append(WorkOrderView(
            w.id, w.number, w.order_id, o.number, o.customer_name, w.product_id, p.sku, p.name,
            w.quantity, w.due_date, o.promised_date, w.state, w.blocked_reason,
            json.loads(w.options_json or "{}"),
            {products[c].sku: q for c, q in short.get(w.id, {}).items()},
            w.material_cost, w.labour_cost, w.version,
            [OperationView(op.seq, op.name, op.standard_minutes, op.started_at, op.done_at,
                           op.done_by, op.actual_minutes) for op in w.operations],
            prob.id if prob else None, prob.proposed_promised_date if prob else None,
            [(products[c].sku, products[c].name, q) for c, q in
             sorted(component_need(boms[w.product_id], w.quantity).items())]))
    return out


def board(db: Database, include_done: bool = True) -> list[WorkOrderView]:
    """Work orders for the production board, most urgent first."""
    with db.reader() as s:
        q = select(WorkOrder).options(selectinload(WorkOrder.operations))
        if not include_done:
            q = q.where(WorkOrder.state.not_in([S.DONE, S.CANCELLED]))
        wos = list(s.scalars(q))
        wos.sort(key=lambda w: (w.due_date or date.max, w.id))
        return _views(s, wos)


def get_work_order(db: Database, work_order_id: int) -> WorkOrderView:
    with db.reader() as s:
        wo = s.get(WorkOrder, work_order_id)
        if wo is None:
            raise NotFound(f"Work order {work_order_id} does not exist.")
        return _views(s, [wo])[0]


def work_orders_for_order(db: Database, order_id: int) -> list[WorkOrderView]:
    with db.reader() as s:
        return _views(s, list(s.scalars(select(WorkOrder).where(WorkOrder.order_id == order_id)
                                        .order_by(WorkOrder.id))))


def find_work_order_id(db: Database, code: str) -> int | None:
    """A scanned work-order sheet (``WO-000123``, scanner prefixes and case forgiven)."""
    text = code.strip().upper()
    if text.startswith("]C0") or text.startswith("]C1"):
        text = text[3:]
    with db.reader() as s:
        return s.scalar(select(WorkOrder.id).where(WorkOrder.number == text))


# --- the workshop ------------------------------------------------------------------------


def _load(s: Session, work_order_id: int) -> WorkOrder:
    wo = s.get(WorkOrder, work_order_id, with_for_update=True)
    if wo is None:
        raise NotFound(f"Work order {work_order_id} does not exist.")
    return wo


def _move(wo: WorkOrder, target: WorkOrderState) -> None:
    try:
        check_work_order_move(wo.state, target)
    except ValueError as exc:
        raise ValidationFailed(f"{wo.number}: {exc}") from exc
    wo.state = target.value
    wo.version += 1


def _start(s: Session, actor: Actor, wo: WorkOrder) -> None:
    short = _shortages(s).get(wo.id)
    if short:
        names = {p.id: p.sku for p in s.scalars(select(Product).where(Product.id.in_(short)))}
        detail = ", ".join(f"{names[c]} short {q}" for c, q in sorted(short.items()))
        raise InsufficientStock(f"{wo.number} cannot start, material is missing: {detail}.",
                                {names[c]: (q, 0) for c, q in short.items()})
    if wo.state == S.WAITING_MATERIAL:
        wo.state = S.PLANNED.value
    _move(wo, S.IN_PROGRESS)
    now = utcnow()
    wo.started_at = wo.started_at or now
    first = next((op for op in wo.operations if op.done_at is None), None)
    if first is not None and first.started_at is None:
        first.started_at = now
    order = s.get(Order, wo.order_id, with_for_update=True)
    assert order is not None
    if order.status == OrderStatus.CONFIRMED:
        orders.set_status(s, actor, order, OrderStatus.IN_PRODUCTION, f"{wo.number} started")
    audit(s, actor, "start", "work_order", wo.id, number=wo.number)


def start_work_order(db: Database, actor: Actor, work_order_id: int) -> WorkOrderView:
    actor.require(WORKSHOP)
    with db.writer() as s:
        wo = _load(s, work_order_id)
        _start(s, actor, wo)
        s.flush()
        return _views(s, [wo])[0]


def _tick(s: Session, actor: Actor, wo: WorkOrder, minutes: int | None) -> OperationView:
    if wo.state != S.IN_PROGRESS:
        raise ValidationFailed(f"{wo.number} is {wo.state}; only work in progress is ticked off.")
    op = next((o for o in wo.operations if o.done_at is None), None)
    if op is None:
        raise ValidationFailed(f"Every operation of {wo.number} is done; finish it.")
    now = utcnow()
    if minutes is None:  # measured from the scan that started it, at least a minute
        began = op.started_at or now
        minutes = max(1, math.ceil((now - began).total_seconds() / 60))
    if minutes < 0:
        raise ValidationFailed("Minutes worked cannot be negative.")
    op.done_at, op.done_by, op.actual_minutes = now, actor.username, minutes
    following = next((o for o in wo.operations if o.done_at is None), None)
    if following is not None:
        following.started_at = now
    wo.version += 1
    audit(s, actor, "tick", "work_order", wo.id, number=wo.number, operation=op.name,
          minutes=minutes)
    return OperationView(op.seq, op.name, op.standard_minutes, op.started_at, op.done_at,
                         op.done_by, op.actual_minutes)


def tick_operation(db: Database, actor: Actor, work_order_id: int,
                   minutes: int | None = None) -> WorkOrderView:
    """Tick off the next operation; ``minutes`` worked, or measured since it started."""
    actor.require(WORKSHOP)
    with db.writer() as s:
        wo = _load(s, work_order_id)
        _tick(s, actor, wo, minutes)
        s.flush()
        return _views(s, [wo])[0]


@dataclass(frozen=True)
class ScanResult:
    work_order_id: int
    number: str
    message: str
    state: str


def scan_work_order(db: Database, actor: Actor, code: str) -> ScanResult:
    """A scan of the work-order sheet: starts planned work, else ticks the next operation."""
    actor.require(WORKSHOP)
    work_order_id = find_work_order_id(db, code)
    if work_order_id is None:
        raise NotFound(f"No work order has the number {code.strip()!r}.")
    with db.writer() as s:
        wo = _load(s, work_order_id)
        if wo.state in (S.PLANNED, S.WAITING_MATERIAL):
            _start(s, actor, wo)
            first = wo.operations[0].name if wo.operations else ""
            message = f"{wo.number} started: {first}"
        elif wo.state == S.IN_PROGRESS:
            op = _tick(s, actor, wo, None)
            left = sum(1 for o in wo.operations if o.done_at is None)
            message = (f"{wo.number}: {op.name} done, {left} to go" if left
                       else f"{wo.number}: {op.name} done — all operations done, finish it")
        else:
            raise ValidationFailed(f"{wo.number} is {wo.state}; nothing to do on a scan.")
        return ScanResult(wo.id, wo.number, message, wo.state)


def report_problem(db: Database, actor: Actor, work_order_id: int, kind: str, reason: str,
                   proposed_promised_date: date | None = None) -> int:
    """Block the work order with a reason and (optionally) propose a new promised date."""
    actor.require(WORKSHOP)
    if kind not in PROBLEM_KINDS:
        raise ValidationFailed(f"Problem kind must be one of {', '.join(PROBLEM_KINDS)}.")
    if not reason.strip():
        raise ValidationFailed("Say what the problem is.")
    with db.writer() as s:
        wo = _load(s, work_order_id)
        if proposed_promised_date is not None and proposed_promised_date < utcnow().date():
            raise ValidationFailed("A new promised date cannot be in the past.")
        _move(wo, S.BLOCKED)
        wo.blocked_reason = f"{kind}: {reason.strip()}"
        problem = WorkOrderProblem(work_order_id=wo.id, kind=kind, reason=reason.strip(),
                                   proposed_promised_date=proposed_promised_date,
                                   reported_by=actor.username)
        s.add(problem)
        s.flush()
        audit(s, actor, "report_problem", "work_order", wo.id, number=wo.number, kind=kind,
              reason=reason.strip(), proposed=proposed_promised_date)
        return problem.id


def decide_new_date(db: Database, actor: Actor, problem_id: int, accept: bool) -> None:
    """A person accepts (order promised date moved, work order due date worked back,
    customer notice queued) or declines the date a problem proposes."""
    actor.require(Permission.CONFIRM_ORDERS)
    with db.writer() as s:
        problem = s.get(WorkOrderProblem, problem_id, with_for_update=True)
        if problem is None:
            raise NotFound(f"Problem {problem_id} does not exist.")
        if problem.decision:
            raise ValidationFailed(f"The proposed date was already {problem.decision}.")
        if problem.proposed_promised_date is None:
            raise ValidationFailed("This problem proposes no new date.")
        problem.decision = "accepted" if accept else "declined"
        problem.decided_at, problem.decided_by = utcnow(), actor.username
        wo = _load(s, problem.work_order_id)
        if accept:
            new = problem.proposed_promised_date
            order = s.get(Order, wo.order_id, with_for_update=True)
            assert order is not None
            old = order.promised_date
            order.promised_date = new
            order.version += 1
            order.updated_at, order.updated_by = utcnow(), actor.username
            lead = s.get(ProductManufacturing, wo.product_id)
            for other in s.scalars(select(WorkOrder).where(WorkOrder.order_id == order.id)):
                other.due_date = due_date(new, lead.shipping_lead_days if lead else 0)
            notices.queue_for_order(
                s, order, "delayed", f"wo-problem:{problem.id}",
                reason=f"We need more time to make your item "
                       f"({problem.kind.replace('_', ' ')}). New delivery date: {new:%Y-%m-%d}"
                       + (f" (was {old:%Y-%m-%d})." if old else "."))
            audit(s, actor, "new_promised_date", "order", order.id, number=order.number,
                  old=old, new=new, work_order=wo.number)
        audit(s, actor, "decide_date", "work_order", wo.id, problem=problem.id,
              decision=problem.decision)


def resume_work_order(db: Database, actor: Actor, work_order_id: int) -> WorkOrderView:
    """The problem is solved: back to work (or to planned if nothing was started)."""
    actor.require(WORKSHOP)
    with db.writer() as s:
        wo = _load(s, work_order_id)
        if wo.state != S.BLOCKED:
            raise ValidationFailed(f"{wo.number} is {wo.state}, not blocked.")
        _move(wo, S.IN_PROGRESS if wo.started_at else S.PLANNED)
        wo.blocked_reason = ""
        for p in s.scalars(select(WorkOrderProblem).where(
                WorkOrderProblem.work_order_id == wo.id, WorkOrderProblem.resolved_at.is_(None))):
            p.resolved_at = utcnow()
        if wo.state == S.PLANNED:
            _refresh_material_states(s)
        audit(s, actor, "resume", "work_order", wo.id, number=wo.number)
        s.flush()
        return _views(s, [wo])[0]


@dataclass(frozen=True)
class FinishResult:
    work_order_id: int
    material_cost: Decimal
    labour_cost: Decimal
    unit_cost: Decimal


def finish_work_order(db: Database, actor: Actor, work_order_id: int) -> FinishResult:
    """Consume the components, produce the item into stock and reserve it to its order
    line (so it flows into packing), and record material and labour cost on the order."""
    actor.require(WORKSHOP)
    with db.writer() as s:
        wo = _load(s, work_order_id)
        if wo.state != S.IN_PROGRESS:
            raise ValidationFailed(f"{wo.number} is {wo.state}; only work in progress finishes.")
        if left := [o.name for o in wo.operations if o.done_at is None]:
            raise ValidationFailed(f"{wo.number} still has operations to do: {', '.join(left)}.")
        order = s.get(Order, wo.order_id, with_for_update=True)
        assert order is not None
        bom = _boms(s, {wo.product_id})[wo.product_id]
        material = Decimal(0)
        for component_id, qty in sorted(component_need(bom, wo.quantity).items()):
            product = s.get(Product, component_id)
            assert product is not None
            done = s.execute(
                update(StockLevel)
                .where(StockLevel.product_id == component_id,
                       StockLevel.warehouse_id == wo.warehouse_id,
                       StockLevel.on_hand - StockLevel.reserved >= qty)
                .values(on_hand=StockLevel.on_hand - qty))
            if done.rowcount != 1:  # type: ignore[attr-defined]
                free = stock.available(s, component_id, wo.warehouse_id)
                raise InsufficientStock(
                    f"{wo.number} cannot finish: {product.sku} needs {qty}, {free} free.",
                    {product.sku: (qty, free)})
            s.add(StockMove(product_id=component_id, warehouse_id=wo.warehouse_id,
                            quantity=-qty, kind="consume", reason=wo.number, order_id=order.id,
                            unit_cost=product.cost, username=actor.username))
            material += product.cost * qty
        settings = s.get(ProductManufacturing, wo.product_id)
        rate = settings.labour_rate_per_hour if settings else Decimal(0)
        minutes = sum(o.actual_minutes if o.actual_minutes is not None else o.standard_minutes
                      for o in wo.operations)
        labour = labour_cost(minutes, rate)
        material = material.quantize(Decimal("0.01"))
        each = unit_cost(material, labour, wo.quantity)
        stock.receive_in(s, actor, wo.product_id, wo.warehouse_id, wo.quantity, wo.number,
                         unit_cost=each, kind="produce")
        s.execute(update(StockMove).where(StockMove.kind == "produce",
                                          StockMove.reason == wo.number,
                                          StockMove.order_id.is_(None))
                  .values(order_id=order.id))
        if not stock.try_reserve(s, order.id, wo.order_line_id, wo.product_id, wo.warehouse_id,
                                 wo.quantity):
            raise InsufficientStock(f"{wo.number}: the finished item could not be reserved.",
                                    {})
        _move(wo, S.DONE)
        wo.finished_at = utcnow()
        wo.material_cost, wo.labour_cost = material, labour
        record_cost(s, actor, order.id, "material", material, work_order_id=wo.id,
                    note=wo.number)
        record_cost(s, actor, order.id, "labour", labour, work_order_id=wo.id,
                    note=f"{wo.number}: {minutes} min")
        unfinished = s.scalar(select(func.count()).select_from(WorkOrder).where(
            WorkOrder.order_id == order.id, WorkOrder.state.not_in([S.DONE, S.CANCELLED])))
        if not unfinished and order.status == OrderStatus.IN_PRODUCTION:
            orders.set_status(s, actor, order, OrderStatus.CONFIRMED,
                              "made to order: every work order done, ready to pick")
        audit(s, actor, "finish", "work_order", wo.id, number=wo.number,
              material_cost=material, labour_cost=labour, minutes=minutes)
        return FinishResult(wo.id, material, labour, each)


# --- order cancelled ----------------------------------------------------------------


def cancel_work_orders_for_order(s: Session, actor: Actor, order_id: int, reason: str) -> list[str]:
    """Called by ``orders.cancel`` in its transaction: every open work order of the order
    is cancelled, so its components are no longer needed (the shortage and replenishment
    figures drop them) and the other work orders are rechecked for material."""
    done: list[str] = []
    for wo in s.scalars(select(WorkOrder).where(
            WorkOrder.order_id == order_id,
            WorkOrder.state.in_([S.PLANNED, S.WAITING_MATERIAL, S.IN_PROGRESS, S.BLOCKED]))
            .with_for_update()):
        _move(wo, S.CANCELLED)
        audit(s, actor, "cancel", "work_order", wo.id, number=wo.number, reason=reason)
        done.append(wo.number)
    if done:
        s.flush()
        _refresh_material_states(s)
    return done
