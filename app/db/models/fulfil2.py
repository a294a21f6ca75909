"""Cross-area additions of the second fulfilment wave: a product's serial/lot tracking
setting and the serial numbers or lots that left in each parcel."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base

TRACKING_MODES = ("none", "serial", "lot")


class ProductTracking(Base):
    """Whether packing a product asks for its serial number or lot (absent row = none)."""

    __tablename__ = "product_tracking"
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"),
                                            primary_key=True)
    tracking: Mapped[str] = mapped_column(String(8), default="none")

    __table_args__ = (
        CheckConstraint("tracking IN ('none', 'serial', 'lot')", name="tracking_mode"),
    )


class ParcelSerial(Base):
    """One serial number (quantity 1) or lot (with its quantity) packed in a parcel."""

    __tablename__ = "parcel_serials"
    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id", ondelete="CASCADE"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    kind: Mapped[str] = mapped_column(String(8))  # serial | lot
    value: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        Index("ix_parcel_serials_parcel", "parcel_id"),
        Index("ix_parcel_serials_value", "product_id", "value"),
    )
