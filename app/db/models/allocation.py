"""Allocation: substitutes, per-channel defaults, backorders, reservation holds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.db.types import UTCDateTime, utcnow


class ProductSubstitute(Base):
    __tablename__ = "product_substitutes"
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    substitute_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (CheckConstraint("product_id <> substitute_id", name="not_itself"),)


class ChannelSettings(Base):
    """Per channel: what an import does with a short line, and how long an unpaid
    order's reservation lasts (None: for ever)."""

    __tablename__ = "channel_settings"
    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    default_allocation: Mapped[str] = mapped_column(String(24), default="all_or_nothing")
    reservation_minutes: Mapped[int | None] = mapped_column(Integer)


class Backorder(Base):
    """Units promised to an order line but not yet in stock. Filled on receipt, highest
    priority first, then oldest promise first."""

    __tablename__ = "backorders"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    quantity: Mapped[int] = mapped_column(Integer)  # still to fill
    filled: Mapped[int] = mapped_column(Integer, default=0)
    ship_complete: Mapped[bool] = mapped_column(Boolean, default=False)  # "wait for all"
    priority: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, filled, cancelled
    promised_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
        Index("ix_backorders_fill", "product_id", "warehouse_id", "status"),
        Index("ix_backorders_order", "order_id"),
    )


class ReservationHold(Base):
    """An unpaid order's reservations expire at ``expires_at`` unless it is paid first."""

    __tablename__ = "reservation_holds"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_reservation_holds_expiry", "released_at", "expires_at"),)
