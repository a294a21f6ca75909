"""Products, barcodes, warehouses, bins, stock levels, the stock ledger and reservations."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
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


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    specification: Mapped[str] = mapped_column(String(255), default="")
    category: Mapped[str] = mapped_column(String(64), default="")
    unit: Mapped[str] = mapped_column(String(16), default="pc")
    weight_kg: Mapped[Decimal] = mapped_column(Numeric(10, 3, asdecimal=True), default=0)
    length_cm: Mapped[Decimal] = mapped_column(Numeric(10, 1, asdecimal=True), default=0)
    width_cm: Mapped[Decimal] = mapped_column(Numeric(10, 1, asdecimal=True), default=0)
    height_cm: Mapped[Decimal] = mapped_column(Numeric(10, 1, asdecimal=True), default=0)
    cost: Mapped[Decimal] = mapped_column(Money, default=0)
    list_price: Mapped[Decimal] = mapped_column(Money, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")

    barcodes: Mapped[list[ProductBarcode]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductBarcode.id"
    )

    __table_args__ = (Index("ix_products_name", "name"),)


class ProductBarcode(Base):
    """A barcode that identifies a product; a case barcode counts pack_qty units."""

    __tablename__ = "product_barcodes"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64), unique=True)
    pack_qty: Mapped[int] = mapped_column(Integer, default=1)
    product: Mapped[Product] = relationship(back_populates="barcodes")

    __table_args__ = (
        CheckConstraint("pack_qty > 0", name="pack_qty_positive"),
        Index("ix_product_barcodes_product", "product_id"),
    )


class Warehouse(Base):
    __tablename__ = "warehouses"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(128))


class BinLocation(Base):
    __tablename__ = "bin_locations"
    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    code: Mapped[str] = mapped_column(String(32))
    __table_args__ = (UniqueConstraint("warehouse_id", "code", name="uq_bin_warehouse_code"),)


class StockLevel(Base):
    """On hand and reserved per product and warehouse. The CHECK constraints are the
    database's own guard against overselling, behind the conditional UPDATE."""

    __tablename__ = "stock_levels"
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), primary_key=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    bin_id: Mapped[int | None] = mapped_column(ForeignKey("bin_locations.id"))
    reorder_point: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        CheckConstraint("reserved >= 0", name="reserved_not_negative"),
        CheckConstraint("reserved <= on_hand", name="reserved_within_on_hand"),
    )


class StockMove(Base):
    """The stock ledger: on hand always equals the sum of these quantities."""

    __tablename__ = "stock_moves"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    quantity: Mapped[int] = mapped_column(Integer)  # signed change of on hand
    kind: Mapped[str] = mapped_column(String(16))  # receipt, adjustment, sale, return, scrap …
    reason: Mapped[str] = mapped_column(Text, default="")
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    unit_cost: Mapped[Decimal | None] = mapped_column(Money)
    username: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (Index("ix_stock_moves_product", "product_id", "warehouse_id"),)


class Reservation(Base):
    """Units promised to an order line. Reserved on a stock level always equals the
    sum of its open reservations (checked by `orderdesk stock verify`)."""

    __tablename__ = "reservations"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, released, consumed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        Index("ix_reservations_stock", "product_id", "warehouse_id", "status"),
        Index("ix_reservations_order", "order_id"),
        Index("ix_reservations_line", "order_line_id", "status"),  # ship-by-scan consumes
    )
