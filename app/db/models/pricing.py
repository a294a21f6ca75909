"""Price lists, member tiers, promotions, coupons and their redemptions, and the pricing
state of draft orders (coupon codes entered, manual line discounts)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
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


class PriceList(Base):
    """Prices for one sales channel; a product missing from it sells at its list price."""

    __tablename__ = "price_lists"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    channel: Mapped[str] = mapped_column(String(32), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PriceListItem(Base):
    __tablename__ = "price_list_items"
    price_list_id: Mapped[int] = mapped_column(
        ForeignKey("price_lists.id", ondelete="CASCADE"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    __table_args__ = (CheckConstraint("unit_price >= 0", name="unit_price_not_negative"),)


class MemberTier(Base):
    __tablename__ = "member_tiers"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    discount_pct: Mapped[Decimal] = mapped_column(Money, default=0)


class PromotionRow(Base):
    """A promotion; kind and fields as in ``app.domain.pricing.Promotion``. The sets
    (channels, tiers, SKUs, categories) are stored as space-separated text."""

    __tablename__ = "promotions"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(24))
    value: Mapped[Decimal] = mapped_column(Money, default=0)
    threshold: Mapped[Decimal] = mapped_column(Money, default=0)
    repeating: Mapped[bool] = mapped_column(Boolean, default=False)
    cap: Mapped[Decimal | None] = mapped_column(Money)
    buy_qty: Mapped[int] = mapped_column(Integer, default=0)
    get_qty: Mapped[int] = mapped_column(Integer, default=0)
    same_item: Mapped[bool] = mapped_column(Boolean, default=True)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    channels: Mapped[str] = mapped_column(Text, default="")
    tiers: Mapped[str] = mapped_column(Text, default="")
    skus: Mapped[str] = mapped_column(Text, default="")
    categories: Mapped[str] = mapped_column(Text, default="")
    exclusive: Mapped[bool] = mapped_column(Boolean, default=False)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    coupon_only: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (Index("ix_promotions_active", "active", "ends_at"),)


class Coupon(Base):
    __tablename__ = "coupons"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    promotion_id: Mapped[int] = mapped_column(ForeignKey("promotions.id"))
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    max_uses: Mapped[int | None] = mapped_column(Integer)
    max_uses_per_customer: Mapped[int | None] = mapped_column(Integer)
    min_spend: Mapped[Decimal] = mapped_column(Money, default=0)
    used_count: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("used_count >= 0", name="used_count_not_negative"),
        CheckConstraint("max_uses IS NULL OR used_count <= max_uses", name="used_within_max"),
    )


class CouponRedemption(Base):
    """A coupon used by a confirmed order; 'returned' when the order is cancelled."""

    __tablename__ = "coupon_redemptions"
    id: Mapped[int] = mapped_column(primary_key=True)
    coupon_id: Mapped[int] = mapped_column(ForeignKey("coupons.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    status: Mapped[str] = mapped_column(String(16), default="used")  # used, returned
    used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("coupon_id", "order_id", name="uq_coupon_redemptions_coupon_order"),
        Index("ix_coupon_redemptions_customer", "coupon_id", "customer_id", "status"),
    )


class OrderCoupon(Base):
    """A coupon code entered on an order (checked each time the order is priced)."""

    __tablename__ = "order_coupons"
    order_id: Mapped[int] = mapped_column(
        ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)


class OrderLineAdjustment(Base):
    """A manual line discount; above the clerk's limit it names the approving manager."""

    __tablename__ = "order_line_adjustments"
    order_line_id: Mapped[int] = mapped_column(
        ForeignKey("order_lines.id", ondelete="CASCADE"), primary_key=True)
    discount_pct: Mapped[Decimal] = mapped_column(Money, default=0)
    given_by: Mapped[str] = mapped_column(String(64), default="")
    approved_by: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(Text, default="")


class OrderPricing(Base):
    """The shipping fee before free-shipping promotions, and the last pricing summary
    (applied promotions, hints, coupon reasons) as JSON."""

    __tablename__ = "order_pricing"
    order_id: Mapped[int] = mapped_column(
        ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    shipping_fee: Mapped[Decimal] = mapped_column(Money, default=0)
    summary: Mapped[str] = mapped_column(Text, default="")
    priced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
