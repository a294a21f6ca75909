"""Fulfilment: carriers, services and rate tables, tracking-number ranges, box sizes,
pick lists, pack sessions and their scans, shipments, parcels and what is in them,
and the outbox of customer notices."""

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
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base
from app.db.types import Money, UTCDateTime, utcnow

_KG = Numeric(10, 3, asdecimal=True)
_CM = Numeric(10, 1, asdecimal=True)


class Carrier(Base):
    __tablename__ = "carriers"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    # e.g. "https://www.sf-express.com/track?no={tracking}"
    tracking_url_template: Mapped[str] = mapped_column(String(255), default="")
    is_freight: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    services: Mapped[list[CarrierService]] = relationship(
        back_populates="carrier", cascade="all, delete-orphan", order_by="CarrierService.id"
    )


class CarrierService(Base):
    """One service of a carrier (e.g. SF Standard, SF Economy) with its limits."""

    __tablename__ = "carrier_services"
    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(128))
    volumetric_divisor: Mapped[int] = mapped_column(Integer, default=6000)  # cm³ per kg
    max_weight_kg: Mapped[Decimal | None] = mapped_column(_KG)  # per parcel
    max_length_cm: Mapped[Decimal | None] = mapped_column(_CM)  # longest side
    max_girth_cm: Mapped[Decimal | None] = mapped_column(_CM)  # length + 2 × (width + height)
    transit_days: Mapped[int] = mapped_column(Integer, default=3)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    carrier: Mapped[Carrier] = relationship(back_populates="services")
    zones: Mapped[list[RateZone]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="RateZone.id"
    )

    __table_args__ = (
        UniqueConstraint("carrier_id", "code", name="uq_carrier_services_carrier_code"),
        CheckConstraint("volumetric_divisor > 0", name="divisor_positive"),
    )


class RateZone(Base):
    """Where a service delivers, and at what price. Country '*' matches any country;
    an empty province or postcode prefix matches any. The most specific zone wins."""

    __tablename__ = "rate_zones"
    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("carrier_services.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(64))
    country: Mapped[str] = mapped_column(String(2), default="CN")
    province: Mapped[str] = mapped_column(String(64), default="")
    postcode_prefix: Mapped[str] = mapped_column(String(16), default="")
    transit_days: Mapped[int | None] = mapped_column(Integer)  # overrides the service's
    extra_per_kg: Mapped[Decimal | None] = mapped_column(Money)  # beyond the last band

    service: Mapped[CarrierService] = relationship(back_populates="zones")
    bands: Mapped[list[RateBand]] = relationship(
        back_populates="zone", cascade="all, delete-orphan", order_by="RateBand.max_weight_kg"
    )

    __table_args__ = (Index("ix_rate_zones_service", "service_id"),)


class RateBand(Base):
    """Price for a parcel whose chargeable weight is at most ``max_weight_kg``."""

    __tablename__ = "rate_bands"
    id: Mapped[int] = mapped_column(primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("rate_zones.id", ondelete="CASCADE"))
    max_weight_kg: Mapped[Decimal] = mapped_column(_KG)
    price: Mapped[Decimal] = mapped_column(Money)

    zone: Mapped[RateZone] = relationship(back_populates="bands")

    __table_args__ = (
        Index("ix_rate_bands_zone", "zone_id"),
        CheckConstraint("max_weight_kg > 0", name="band_weight_positive"),
    )


class TrackingRange(Base):
    """A block of tracking numbers a carrier gave us: prefix + serial (+ check digit) + suffix."""

    __tablename__ = "tracking_ranges"
    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id", ondelete="CASCADE"))
    prefix: Mapped[str] = mapped_column(String(8), default="")
    suffix: Mapped[str] = mapped_column(String(8), default="")
    width: Mapped[int] = mapped_column(Integer, default=8)
    check_rule: Mapped[str] = mapped_column(String(8), default="s10")  # s10, mod7, none
    next_serial: Mapped[int] = mapped_column(Integer)
    last_serial: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (Index("ix_tracking_ranges_carrier", "carrier_id"),)


class BoxSize(Base):
    __tablename__ = "box_sizes"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    length_cm: Mapped[Decimal] = mapped_column(_CM)
    width_cm: Mapped[Decimal] = mapped_column(_CM)
    height_cm: Mapped[Decimal] = mapped_column(_CM)
    tare_kg: Mapped[Decimal] = mapped_column(_KG, default=0)


class PickList(Base):
    __tablename__ = "pick_lists"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))


class PickListOrder(Base):
    __tablename__ = "pick_list_orders"
    pick_list_id: Mapped[int] = mapped_column(
        ForeignKey("pick_lists.id", ondelete="CASCADE"), primary_key=True
    )
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), primary_key=True)


class PackSession(Base):
    """One packer packing one order at one station. At most one is open per order."""

    __tablename__ = "pack_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, completed, cancelled
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_by: Mapped[str] = mapped_column(String(64), default="")
    workstation: Mapped[str] = mapped_column(String(128), default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    current_parcel: Mapped[int] = mapped_column(Integer, default=1)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"))

    __table_args__ = (Index("ix_pack_sessions_order_status", "order_id", "status"),)


class PackScan(Base):
    """One accepted scan at the pack station. Undo marks it undone; nothing is deleted."""

    __tablename__ = "pack_scans"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("pack_sessions.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(64), default="")
    code: Mapped[str] = mapped_column(String(64))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    parcel_no: Mapped[int] = mapped_column(Integer, default=1)
    undone: Mapped[bool] = mapped_column(Boolean, default=False)
    # serial number or lot of a tracked product (products' tracking setting), else ""
    lot_serial: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (
        CheckConstraint("quantity > 0", name="scan_quantity_positive"),
        Index("ix_pack_scans_session", "session_id"),
    )


class Shipment(Base):
    __tablename__ = "shipments"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("carrier_services.id"))
    status: Mapped[str] = mapped_column(String(16), default="packed")  # packed, partly_shipped,
    #                                                                   shipped, cancelled
    choice_explanation: Mapped[str] = mapped_column(Text, default="")
    shipping_cost: Mapped[Decimal | None] = mapped_column(Money)
    packed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    packed_by: Mapped[str] = mapped_column(String(64), default="")
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # a reship for an exception case: not invoiced again; its goods are the case's cost
    case_id: Mapped[int | None] = mapped_column(ForeignKey("exception_cases.id"))

    parcels: Mapped[list[Parcel]] = relationship(
        back_populates="shipment", cascade="all, delete-orphan", order_by="Parcel.parcel_no"
    )

    __table_args__ = (Index("ix_shipments_order", "order_id"),
                      Index("ix_shipments_status_packed", "status", "packed_at"))


class Parcel(Base):
    """One box: its own size, weight, tracking number, label and status."""

    __tablename__ = "parcels"
    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"))
    parcel_no: Mapped[int] = mapped_column(Integer)
    box_code: Mapped[str] = mapped_column(String(16), default="")
    weight_kg: Mapped[Decimal] = mapped_column(_KG, default=0)
    length_cm: Mapped[Decimal] = mapped_column(_CM, default=0)
    width_cm: Mapped[Decimal] = mapped_column(_CM, default=0)
    height_cm: Mapped[Decimal] = mapped_column(_CM, default=0)
    tracking_number: Mapped[str | None] = mapped_column(String(64), unique=True)
    label_printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="packed")  # packed, shipped
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    shipped_by: Mapped[str] = mapped_column(String(64), default="")
    ship_date: Mapped[date | None] = mapped_column(Date)  # local day it left, for manifests

    shipment: Mapped[Shipment] = relationship(back_populates="parcels")
    items: Mapped[list[ParcelItem]] = relationship(
        back_populates="parcel", cascade="all, delete-orphan", order_by="ParcelItem.id"
    )

    __table_args__ = (
        UniqueConstraint("shipment_id", "parcel_no", name="uq_parcels_shipment_no"),
        Index("ix_parcels_ship_date", "ship_date"),
    )


class ParcelItem(Base):
    __tablename__ = "parcel_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id", ondelete="CASCADE"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer)

    parcel: Mapped[Parcel] = relationship(back_populates="items")

    __table_args__ = (
        CheckConstraint("quantity > 0", name="item_quantity_positive"),
        Index("ix_parcel_items_parcel", "parcel_id"),
        Index("ix_parcel_items_line", "order_line_id"),
    )


class Notice(Base):
    """Outbox of customer messages. ``dedupe_key`` makes queueing idempotent; the sender
    claims a message by a conditional UPDATE, so no message is ever sent twice."""

    __tablename__ = "notices"
    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(128), unique=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    kind: Mapped[str] = mapped_column(String(24))  # shipped, partly_shipped, delayed, delivered
    channel: Mapped[str] = mapped_column(String(8))  # email, sms
    language: Mapped[str] = mapped_column(String(8), default="en")
    recipient: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255), default="")
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending, sending,
    #                                                              sent, failed, unknown
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_notices_status_next", "status", "next_attempt_at"),)
