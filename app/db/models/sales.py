"""Customers, their addresses, orders, order lines and the order status history."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base
from app.db.types import Money, UTCDateTime, utcnow
from app.domain.validation import customer_key


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    phone: Mapped[str] = mapped_column(String(32), default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    member_tier: Mapped[str] = mapped_column(String(16), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")

    addresses: Mapped[list[CustomerAddress]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="CustomerAddress.id"
    )

    __table_args__ = (Index("ix_customers_name", "name"), Index("ix_customers_phone", "phone"),
                      Index("ix_customers_email", "email"))


class CustomerAddress(Base):
    __tablename__ = "customer_addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(32), default="")
    recipient: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    country: Mapped[str] = mapped_column(String(2), default="CN")
    province: Mapped[str] = mapped_column(String(64), default="")
    city: Mapped[str] = mapped_column(String(64), default="")
    district: Mapped[str] = mapped_column(String(64), default="")
    street: Mapped[str] = mapped_column(String(255), default="")
    postcode: Mapped[str] = mapped_column(String(16), default="")
    is_default: Mapped[bool] = mapped_column(default=False)
    customer: Mapped[Customer] = relationship(back_populates="addresses")

    __table_args__ = (Index("ix_customer_addresses_customer", "customer_id"),)


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    channel: Mapped[str] = mapped_column(String(32), default="counter")
    external_ref: Mapped[str | None] = mapped_column(String(64))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    # Snapshot of the customer and shipping address as they were on the order.
    customer_name: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    # customer_key(phone, email, customer_name): the possible-duplicate check of imports
    # finds other channels' orders of the same customer by it (indexed). Inserts without
    # it get it from the row's own values; ORM updates keep it current (_keep_key below);
    # bulk inserts that bypass SQLAlchemy (app/db/bulk.py) name it.
    customer_key: Mapped[str] = mapped_column(String(300), default=lambda ctx: _row_key(ctx),
                                              server_default="")
    ship_recipient: Mapped[str] = mapped_column(String(255), default="")
    ship_country: Mapped[str] = mapped_column(String(2), default="CN")
    ship_province: Mapped[str] = mapped_column(String(64), default="")
    ship_city: Mapped[str] = mapped_column(String(64), default="")
    ship_district: Mapped[str] = mapped_column(String(64), default="")
    ship_street: Mapped[str] = mapped_column(String(255), default="")
    ship_postcode: Mapped[str] = mapped_column(String(16), default="")
    status: Mapped[str] = mapped_column(String(24), default="draft")
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    subtotal: Mapped[Decimal] = mapped_column(Money, default=0)
    discount: Mapped[Decimal] = mapped_column(Money, default=0)
    shipping: Mapped[Decimal] = mapped_column(Money, default=0)
    # Tax included in the total, as the channel charged it (imported orders).
    tax: Mapped[Decimal] = mapped_column(Money, default=0, server_default="0")
    total: Mapped[Decimal] = mapped_column(Money, default=0)
    promised_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouses.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.line_no"
    )

    __table_args__ = (
        UniqueConstraint("channel", "external_ref", name="uq_orders_channel_external_ref"),
        Index("ix_orders_status_id", "status", "id"),
        Index("ix_orders_customer", "customer_id"),
        Index("ix_orders_customer_name", "customer_name"),
        # Replaces ix_orders_phone (revision 1700), whose only reader was the duplicate
        # check: still four indexes for every imported order to update.
        Index("ix_orders_customer_key", "customer_key"),
    )


def _row_key(ctx: DefaultExecutionContext) -> str:
    row: dict[str, Any] = ctx.get_current_parameters()  # type: ignore[no-untyped-call]
    return customer_key(row.get("phone") or "", row.get("email") or "",
                        row.get("customer_name") or "")


@event.listens_for(Order, "before_update")
def _keep_key(_mapper: object, _conn: object, order: Order) -> None:
    """A changed phone, e-mail or name changes the order's customer key."""
    state = inspect(order)
    if any(state.attrs[a].history.has_changes() for a in ("phone", "email", "customer_name")):
        order.customer_key = customer_key(order.phone or "", order.email or "",
                                          order.customer_name or "")


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    discount: Mapped[Decimal] = mapped_column(Money, default=0)
    line_total: Mapped[Decimal] = mapped_column(Money, default=0)
    price_explanation: Mapped[str] = mapped_column(Text, default="")
    order: Mapped[Order] = relationship(back_populates="lines")

    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        Index("ix_order_lines_order", "order_id"),
        Index("ix_order_lines_product", "product_id"),
    )


class OrderStatusChange(Base):
    __tablename__ = "order_status_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(64), default="")
    workstation: Mapped[str] = mapped_column(String(128), default="")
    from_status: Mapped[str] = mapped_column(String(24), default="")
    to_status: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_order_status_history_order", "order_id"),)
