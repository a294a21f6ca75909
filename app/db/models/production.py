"""Made to order: manufacturing settings per product, bills of materials, operations,
work orders with their operations and reported problems, and per-line customer options."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base
from app.db.types import Money, UTCDateTime, utcnow


class ProductManufacturing(Base):
    """How a product is made: its own table so the products model stays untouched."""

    __tablename__ = "product_manufacturing"
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    made_to_order: Mapped[bool] = mapped_column(Boolean, default=False)
    # Days the finished item needs from the workshop to the customer (packing + carrier).
    shipping_lead_days: Mapped[int] = mapped_column(Integer, default=2)
    labour_rate_per_hour: Mapped[Decimal] = mapped_column(Money, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")


class BomComponent(Base):
    """One component of a product's bill of materials: units needed per finished unit."""

    __tablename__ = "bom_components"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    component_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("product_id", "component_id", name="uq_bom_product_component"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )


class RoutingOperation(Base):
    """A step of making the product (cut, assemble, finish) with its standard time."""

    __tablename__ = "routing_operations"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(64))
    standard_minutes: Mapped[int] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("product_id", "seq", name="uq_routing_product_seq"),)


class OrderLineOptions(Base):
    """Customer options and measurements of an order line, as JSON text."""

    __tablename__ = "order_line_options"
    order_line_id: Mapped[int] = mapped_column(
        ForeignKey("order_lines.id", ondelete="CASCADE"), primary_key=True)
    options_json: Mapped[str] = mapped_column(Text, default="{}")


class WorkOrder(Base):
    __tablename__ = "work_orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date | None] = mapped_column(Date)
    options_json: Mapped[str] = mapped_column(Text, default="{}")
    state: Mapped[str] = mapped_column(String(24), default="planned")
    blocked_reason: Mapped[str] = mapped_column(Text, default="")
    material_cost: Mapped[Decimal] = mapped_column(Money, default=0)
    labour_cost: Mapped[Decimal] = mapped_column(Money, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    operations: Mapped[list[WorkOrderOperation]] = relationship(
        back_populates="work_order", cascade="all, delete-orphan",
        order_by="WorkOrderOperation.seq")

    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        UniqueConstraint("order_line_id", name="uq_work_orders_order_line"),
        Index("ix_work_orders_state_due", "state", "due_date"),
        Index("ix_work_orders_order", "order_id"),
    )


class WorkOrderOperation(Base):
    __tablename__ = "work_order_operations"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(64))
    standard_minutes: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by: Mapped[str] = mapped_column(String(64), default="")
    actual_minutes: Mapped[int | None] = mapped_column(Integer)
    work_order: Mapped[WorkOrder] = relationship(back_populates="operations")

    __table_args__ = (Index("ix_work_order_operations_wo", "work_order_id"),)


class WorkOrderProblem(Base):
    """A reported problem (material short, machine down, quality) and the date it proposes."""

    __tablename__ = "work_order_problems"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text)
    proposed_promised_date: Mapped[date | None] = mapped_column(Date)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reported_by: Mapped[str] = mapped_column(String(64), default="")
    decision: Mapped[str] = mapped_column(String(16), default="")  # "", accepted, declined
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_work_order_problems_wo", "work_order_id"),)
