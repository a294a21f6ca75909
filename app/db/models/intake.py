"""Order intake: import batches, unreadable rows, where each imported order came from,
problems found on it, its not-yet-accepted lines, changes seen at the source, SKU and
column mappings remembered per channel."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.db.types import Money, UTCDateTime, utcnow


class ImportBatch(Base):
    """One run of an import over one file."""

    __tablename__ = "import_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    format: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    encoding: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[str] = mapped_column(String(16), default="running")  # running/done/cancelled
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    username: Mapped[str] = mapped_column(String(64), default="")
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    needs_attention: Mapped[int] = mapped_column(Integer, default=0)
    unreadable: Mapped[int] = mapped_column(Integer, default=0)


class ImportRow(Base):
    """A row that could not be read at all, kept with its raw text for a retry."""

    __tablename__ = "import_rows"
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id"))
    channel: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    line_no: Mapped[int] = mapped_column(Integer)
    raw_text: Mapped[str] = mapped_column(Text)
    # The file's header line, so the row can be read again on its own after a fix.
    header_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, retried, dismissed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("channel", "file_sha256", "line_no", name="uq_import_rows_file_line"),
        Index("ix_import_rows_status", "status"),
    )


class IntakeSource(Base):
    """Where an imported order came from and what it looked like there."""

    __tablename__ = "intake_sources"
    order_id: Mapped[int] = mapped_column(
        ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    content_hash: Mapped[str] = mapped_column(String(64))
    placed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    tax: Mapped[Decimal] = mapped_column(Money, default=0)
    source_total: Mapped[Decimal | None] = mapped_column(Money)
    financial_status: Mapped[str] = mapped_column(String(32), default="")
    fulfillment_status: Mapped[str] = mapped_column(String(32), default="")
    source_file: Mapped[str] = mapped_column(String(255), default="")
    first_line: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_intake_sources_placed_at", "placed_at"),)


class IntakeLine(Base):
    """A line of an order waiting in "needs attention": it becomes an order line when the
    order is released (its SKU may still be unknown, its quantity unreadable)."""

    __tablename__ = "intake_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64), default="")
    name: Mapped[str] = mapped_column(String(255), default="")
    quantity: Mapped[int | None] = mapped_column(Integer)
    raw_quantity: Mapped[str] = mapped_column(String(32), default="")
    unit_price: Mapped[Decimal | None] = mapped_column(Money)
    discount: Mapped[Decimal] = mapped_column(Money, default=0)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))

    __table_args__ = (Index("ix_intake_lines_order", "order_id"),
                      Index("ix_intake_lines_sku", "sku"))


class IntakeProblem(Base):
    """One problem found on an order, naming the field."""

    __tablename__ = "intake_problems"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_intake_problems_order", "order_id"),)


class IntakeChange(Base):
    """An order changed at its source after import, waiting for a person to accept it."""

    __tablename__ = "intake_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)  # the new record as JSON
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="pending")  # accepted, rejected
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_intake_changes_order", "order_id", "status"),)


class ChannelSkuMap(Base):
    """A channel's own SKU mapped to one of our products, remembered for next time."""

    __tablename__ = "channel_sku_map"
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    external_sku: Mapped[str] = mapped_column(String(64))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("channel", "external_sku", name="uq_channel_sku_map"),
    )


class ChannelColumnMapping(Base):
    """The generic CSV/XLSX column mapping saved for a channel (JSON)."""

    __tablename__ = "channel_column_mappings"
    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    mapping_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")
