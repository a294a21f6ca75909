"""Tracking events of an order's parcels, the customer-notice outbox of this area,
exception rules and cases with their actions, and costs recorded against an order."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.db.types import Money, UTCDateTime, utcnow


class TrackingEvent(Base):
    """One carrier scan or report about an order's parcel. ``parcel_ref`` is the tracking
    number (fulfilment's parcels table links to it later); empty for order-wide reports."""

    __tablename__ = "tracking_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    parcel_ref: Mapped[str] = mapped_column(String(64), default="")
    # the fulfilment parcel whose tracking number the event names, when known
    parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcels.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(24))
    location: Mapped[str] = mapped_column(String(128), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16), default="typed")  # import, typed, scan, …
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (
        # The same carrier line imported twice is one event.
        UniqueConstraint("order_id", "parcel_ref", "at", "kind", name="uq_tracking_events_once"),
        Index("ix_tracking_events_order_at", "order_id", "at"),
        Index("ix_tracking_events_parcel", "parcel_ref"),
    )


class ExceptionRule(Base):
    """A manager-set threshold per kind of problem."""

    __tablename__ = "exception_rules"
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    threshold_days: Mapped[int] = mapped_column(Integer, default=0)
    # For "in transit too long": the service's transit days (until carriers carry their own).
    base_days: Mapped[int] = mapped_column(Integer, default=0)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")


class ExceptionCase(Base):
    """One problem of one order, worked to a resolution. ``open_flag`` is 1 while open
    and NULL once closed, so the unique constraint allows one open case per order and
    kind but any number of closed ones (NULLs never collide)."""

    __tablename__ = "exception_cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    kind: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    problem_since: Mapped[datetime] = mapped_column(UTCDateTime)
    open_flag: Mapped[int | None] = mapped_column(Integer)  # set to 1 when opened
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_by: Mapped[str] = mapped_column(String(64), default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str] = mapped_column(String(64), default="")
    resolution: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        UniqueConstraint("order_id", "kind", "open_flag", name="uq_exception_cases_one_open"),
        Index("ix_exception_cases_open", "open_flag", "opened_at"),
    )


class CaseAction(Base):
    """What was done on a case: reship, refund, exchange, claim, new date, note."""

    __tablename__ = "exception_case_actions"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("exception_cases.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(64), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    amount: Mapped[Decimal | None] = mapped_column(Money)
    claim_number: Mapped[str] = mapped_column(String(64), default="")
    outcome: Mapped[str] = mapped_column(String(16), default="")  # claim: filed, paid, rejected
    new_date: Mapped[date | None] = mapped_column(Date)
    # Refunds: the credit note made from it once receivables is merged.
    credit_note_ref: Mapped[str] = mapped_column(String(32), default="")

    __table_args__ = (Index("ix_exception_case_actions_case", "case_id"),)


class ReshipRequest(Base):
    """A new shipment from stock for a case, stock already reserved to the order line.
    Fulfilment's shipments pick these up (``shipment_ref`` once shipped)."""

    __tablename__ = "reship_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("exception_cases.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="requested")
    shipment_ref: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_reship_requests_order", "order_id"),)


class OrderCostEntry(Base):
    """A cost (positive) or recovery (negative) recorded against an order for profit
    figures: material, labour, reship_goods, postage, refund, claim_received."""

    __tablename__ = "order_cost_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    kind: Mapped[str] = mapped_column(String(24))
    amount: Mapped[Decimal] = mapped_column(Money)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("exception_cases.id"))
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (Index("ix_order_cost_entries_order", "order_id"),)
