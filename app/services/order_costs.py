"""Costs (and recoveries, negative) recorded against an order for the profit figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import OrderCostEntry
from app.services.context import Actor

COST_KINDS = ("material", "labour", "reship_goods", "postage", "refund", "claim_received",
              "other")


def record_cost(
    s: Session, actor: Actor, order_id: int, kind: str, amount: Decimal, *,
    case_id: int | None = None, work_order_id: int | None = None, note: str = "",
) -> None:
    if kind not in COST_KINDS:
        raise ValueError(f"unknown cost kind {kind!r}")
    s.add(OrderCostEntry(order_id=order_id, kind=kind, amount=amount, case_id=case_id,
                    work_order_id=work_order_id, note=note, recorded_by=actor.username))


@dataclass(frozen=True)
class CostView:
    kind: str
    amount: Decimal
    case_id: int | None
    work_order_id: int | None
    note: str


def costs_for_order(db: Database, order_id: int) -> list[CostView]:
    with db.reader() as s:
        return [CostView(c.kind, c.amount, c.case_id, c.work_order_id, c.note)
                for c in s.scalars(select(OrderCostEntry).where(OrderCostEntry.order_id == order_id)
                                   .order_by(OrderCostEntry.id))]


def cost_totals(db: Database, order_id: int) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for c in costs_for_order(db, order_id):
        totals[c.kind] = totals.get(c.kind, Decimal(0)) + c.amount
    return totals
