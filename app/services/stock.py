"""Receiving and adjusting stock, and the reservation primitives orders use.

Every change of on hand writes a stock move, so on hand always equals the ledger's sum.
Reserving is one conditional UPDATE: it succeeds only if enough is free at that moment,
so two workstations can never promise the same last unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Product, Reservation, StockLevel, StockMove
from app.db.types import utcnow
from app.domain.roles import Permission
from app.services.context import Actor, audit
from app.services.errors import NotFound, ValidationFailed


def _ensure_level(s: Session, product_id: int, warehouse_id: int) -> None:
    values = {"product_id": product_id, "warehouse_id": warehouse_id, "on_hand": 0, "reserved": 0,
              "reorder_point": 0}
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    s.execute(insert(StockLevel).values(values).on_conflict_do_nothing())


def _move(
    s: Session, actor: Actor, product_id: int, warehouse_id: int, quantity: int, kind: str,
    reason: str, order_id: int | None = None, unit_cost: Decimal | None = None,
) -> None:
    s.add(StockMove(product_id=product_id, warehouse_id=warehouse_id, quantity=quantity,
                    kind=kind, reason=reason, order_id=order_id, unit_cost=unit_cost,
                    username=actor.username))


def receive(
    db: Database, actor: Actor, product_id: int, warehouse_id: int, quantity: int,
    reason: str = "receipt", unit_cost: Decimal | None = None,
) -> int:
    """Goods in. Updates the moving-average cost when a unit cost is given. Returns on hand."""
    actor.require(Permission.RECEIVE_STOCK)
    if quantity <= 0:
        raise ValidationFailed(f"A receipt needs a positive quantity, not {quantity}.")
    with db.writer() as s:
        return receive_in(s, actor, product_id, warehouse_id, quantity, reason, unit_cost)


def receive_in(
    s: Session, actor: Actor, product_id: int, warehouse_id: int, quantity: int,
    reason: str, unit_cost: Decimal | None = None, kind: str = "receipt",
) -> int:
    product = s.get(Product, product_id, with_for_update=True)
    if product is None:
        raise NotFound(f"Product {product_id} does not exist.")
    if unit_cost is not None:
        held = s.scalar(select(func.coalesce(func.sum(StockLevel.on_hand), 0))
                        .where(StockLevel.product_id == product_id)) or 0
        held = max(0, int(held))
        total = product.cost * held + unit_cost * quantity
        product.cost = (total / (held + quantity)).quantize(Decimal("0.0001"))
    _ensure_level(s, product_id, warehouse_id)
    on_hand = s.execute(
        update(StockLevel)
        .where(StockLevel.product_id == product_id, StockLevel.warehouse_id == warehouse_id)
        .values(on_hand=StockLevel.on_hand + quantity)
        .returning(StockLevel.on_hand)
    ).scalar_one()
    _move(s, actor, product_id, warehouse_id, quantity, kind, reason, unit_cost=unit_cost)
    audit(s, actor, kind, "stock", f"{product_id}@{warehouse_id}", quantity=quantity,
          reason=reason, unit_cost=unit_cost)
    from app.services import allocation  # goods in fill backorders, oldest promise first

    allocation.fill_backorders(s, actor, product_id, warehouse_id)
    return int(on_hand)


def adjust(
    db: Database, actor: Actor, product_id: int, warehouse_id: int, counted: int, reason: str
) -> int:
    """Set on hand to a counted quantity, with a reason. Returns the change made."""
    actor.require(Permission.ADJUST_STOCK)
    if not reason.strip():
        raise ValidationFailed("A stock adjustment needs a reason (e.g. 'stock count', 'damaged').")
    if counted < 0:
        raise ValidationFailed(f"A counted quantity cannot be negative ({counted}).")
    with db.writer() as s:
        _ensure_level(s, product_id, warehouse_id)
        level = s.get(StockLevel, (product_id, warehouse_id), with_for_update=True)
        assert level is not None
        if counted < level.reserved:
            raise ValidationFailed(
                f"Cannot set on hand to {counted}: {level.reserved} are reserved for orders. "
                "Cancel or reduce those orders first."
            )
        delta = counted - level.on_hand
        if delta == 0:
            return 0
        level.on_hand = counted
        _move(s, actor, product_id, warehouse_id, delta, "adjustment", reason.strip())
        audit(s, actor, "adjust", "stock", f"{product_id}@{warehouse_id}", change=delta,
              reason=reason.strip())
        return delta


_T_LEVELS: Table = StockLevel.__table__  # type: ignore[assignment]
# The conditional write that holds stock, built once (Core on the session's connection:
# it runs while other confirmations queue on the row, so as little Python as possible).
_U_HOLD = (update(_T_LEVELS)
           .where(_T_LEVELS.c.product_id == bindparam("p"),
                  _T_LEVELS.c.warehouse_id == bindparam("w"),
                  _T_LEVELS.c.on_hand - _T_LEVELS.c.reserved >= bindparam("q"))
           .values(reserved=_T_LEVELS.c.reserved + bindparam("q")))
_I_RESERVATION = insert(cast(Table, Reservation.__table__))


def hold(s: Session, product_id: int, warehouse_id: int, quantity: int) -> bool:
    """Add ``quantity`` to reserved in one conditional write; False if not enough is free.
    The caller records the reservation with ``add_reservations`` (orders.confirm; it has no
    stock level loaded in its session, so nothing there goes stale)."""
    result = s.connection().execute(_U_HOLD, {"p": product_id, "w": warehouse_id,
                                              "q": quantity})
    return bool(result.rowcount == 1)


def add_reservations(s: Session, rows: list[dict[str, int]]) -> None:
    """Record reservations already held (``hold``): one INSERT for all of them. Each row:
    order_id, order_line_id, product_id, warehouse_id, quantity."""
    if rows:
        s.connection().execute(_I_RESERVATION, rows)


def try_reserve(
    s: Session, order_id: int, line_id: int, product_id: int, warehouse_id: int, quantity: int
) -> bool:
    """Reserve ``quantity`` in one conditional write; False if not enough is free."""
    result = s.execute(
        update(StockLevel)
        .where(
            StockLevel.product_id == product_id,
            StockLevel.warehouse_id == warehouse_id,
            StockLevel.on_hand - StockLevel.reserved >= quantity,
        )
        .values(reserved=StockLevel.reserved + quantity)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    s.add(Reservation(order_id=order_id, order_line_id=line_id, product_id=product_id,
                      warehouse_id=warehouse_id, quantity=quantity))
    return True


def release_order(s: Session, order_id: int, status: str = "released") -> int:
    """Give back every open reservation of an order. Returns the units released."""
    open_rows = s.scalars(
        select(Reservation).where(Reservation.order_id == order_id, Reservation.status == "open")
        .with_for_update()
    ).all()
    return sum(release_reservation(s, r, status) for r in open_rows)


def available(s: Session, product_id: int, warehouse_id: int) -> int:
    row = s.execute(
        select(StockLevel.on_hand - StockLevel.reserved)
        .where(StockLevel.product_id == product_id, StockLevel.warehouse_id == warehouse_id)
    ).first()
    return int(row[0]) if row else 0


@dataclass(frozen=True)
class StockProblem:
    product_id: int
    warehouse_id: int
    what: str


def verify(db: Database) -> list[StockProblem]:
    """On hand = sum of the ledger, reserved = sum of open reservations. Repairs nothing."""
    problems: list[StockProblem] = []
    with db.reader() as s:
        ledger = dict(
            ((p, w), int(q)) for p, w, q in s.execute(
                select(StockMove.product_id, StockMove.warehouse_id, func.sum(StockMove.quantity))
                .group_by(StockMove.product_id, StockMove.warehouse_id))
        )
        held = dict(
            ((p, w), int(q)) for p, w, q in s.execute(
                select(Reservation.product_id, Reservation.warehouse_id,
                       func.sum(Reservation.quantity))
                .where(Reservation.status == "open")
                .group_by(Reservation.product_id, Reservation.warehouse_id))
        )
        for level in s.scalars(select(StockLevel)):
            key = (level.product_id, level.warehouse_id)
            if level.on_hand != ledger.get(key, 0):
                problems.append(StockProblem(*key, f"on hand {level.on_hand} but the ledger "
                                                   f"sums to {ledger.get(key, 0)}"))
            if level.reserved != held.get(key, 0):
                problems.append(StockProblem(*key, f"reserved {level.reserved} but open "
                                                   f"reservations sum to {held.get(key, 0)}"))
    return problems


def _lock_level(s: Session, product_id: int, warehouse_id: int) -> tuple[int, int] | None:
    """Row-lock the stock level (PostgreSQL; SQLite writers already hold the database
    lock) and return (on hand, reserved)."""
    row = s.execute(
        select(StockLevel.on_hand, StockLevel.reserved)
        .where(StockLevel.product_id == product_id, StockLevel.warehouse_id == warehouse_id)
        .with_for_update()
    ).first()
    return (int(row[0]), int(row[1])) if row else None


def reserve_up_to(
    s: Session, order_id: int, line_id: int, product_id: int, warehouse_id: int, quantity: int
) -> int:
    """Reserve as much of ``quantity`` as is free, under the row lock. Returns units reserved."""
    level = _lock_level(s, product_id, warehouse_id)
    if level is None:
        return 0
    take = min(quantity, level[0] - level[1])
    if take <= 0:
        return 0
    if not try_reserve(s, order_id, line_id, product_id, warehouse_id, take):
        raise RuntimeError("stock level changed while locked")  # cannot happen under the lock
    return take


def release_reservation(s: Session, reservation: Reservation, status: str = "released") -> int:
    if reservation.status != "open":
        return 0
    s.execute(
        update(StockLevel)
        .where(StockLevel.product_id == reservation.product_id,
               StockLevel.warehouse_id == reservation.warehouse_id)
        .values(reserved=StockLevel.reserved - reservation.quantity)
    )
    reservation.status, reservation.closed_at = status, utcnow()
    return reservation.quantity


def reserved_for_line(s: Session, line_id: int) -> int:
    return int(s.scalar(select(func.coalesce(func.sum(Reservation.quantity), 0))
                        .where(Reservation.order_line_id == line_id,
                               Reservation.status == "open")) or 0)


def ensure_level(s: Session, product_id: int, warehouse_id: int) -> None:
    _ensure_level(s, product_id, warehouse_id)


def set_reorder_point(
    db: Database, actor: Actor, product_id: int, warehouse_id: int, reorder_point: int
) -> None:
    actor.require(Permission.ADJUST_STOCK)
    if reorder_point < 0:
        raise ValidationFailed("A reorder point cannot be negative.")
    with db.writer() as s:
        _ensure_level(s, product_id, warehouse_id)
        s.execute(update(StockLevel).where(StockLevel.product_id == product_id,
                                           StockLevel.warehouse_id == warehouse_id)
                  .values(reorder_point=reorder_point))
        audit(s, actor, "reorder_point", "stock", f"{product_id}@{warehouse_id}",
              reorder_point=reorder_point)
