"""Returns (RMA): the return, its lines, receiving scans, manager approvals, resolutions
and the history shown in the order's timeline."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base
from app.db.types import Money, UTCDateTime, utcnow


class ReturnAuthorisation(Base):
    """One return (RMA): may cover lines of several orders of the same customer."""

    __tablename__ = "returns"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    customer_name: Mapped[str] = mapped_column(String(255), default="")
    # requested, approved, awaiting_goods, received, inspected, resolved, rejected, cancelled
    status: Mapped[str] = mapped_column(String(16), default="requested")
    return_shipping: Mapped[str] = mapped_column(String(8), default="customer")  # who pays
    return_postage: Mapped[Decimal] = mapped_column(Money, default=0)  # our cost, if we pay
    outside_policy: Mapped[str] = mapped_column(Text, default="")  # why, when it is
    note: Mapped[str] = mapped_column(Text, default="")
    exception_case_id: Mapped[int | None] = mapped_column(ForeignKey("exception_cases.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_by: Mapped[str] = mapped_column(String(64), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by: Mapped[str] = mapped_column(String(64), default="")
    document_printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_by: Mapped[str] = mapped_column(String(64), default="")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Who saved last: named when another workstation's edit is refused (version check).
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(64), default="")

    lines: Mapped[list[ReturnLine]] = relationship(
        back_populates="rma", cascade="all, delete-orphan", order_by="ReturnLine.id")

    __table_args__ = (
        Index("ix_returns_status_opened", "status", "opened_at"),
        Index("ix_returns_customer", "customer_id"),
    )


class ReturnLine(Base):
    __tablename__ = "return_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("returns.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(64), default="")
    name: Mapped[str] = mapped_column(String(255), default="")
    quantity: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(24))
    reason_note: Mapped[str] = mapped_column(Text, default="")
    received_qty: Mapped[int] = mapped_column(Integer, default=0)
    inspection: Mapped[str] = mapped_column(String(16), default="")
    inspection_note: Mapped[str] = mapped_column(Text, default="")
    disposition: Mapped[str] = mapped_column(String(8), default="")  # restock scrap repair rtv
    unit_cost: Mapped[Decimal | None] = mapped_column(Money)  # cost at disposition
    refund: Mapped[Decimal] = mapped_column(Money, default=0)  # gross, before any fee
    restocking_fee: Mapped[Decimal] = mapped_column(Money, default=0)
    repair_status: Mapped[str] = mapped_column(String(12), default="")  # open, done (repair)

    rma: Mapped[ReturnAuthorisation] = relationship(back_populates="lines")

    __table_args__ = (
        CheckConstraint("quantity > 0", name="return_quantity_positive"),
        CheckConstraint("received_qty >= 0 AND received_qty <= quantity",
                        name="return_received_within"),
        Index("ix_return_lines_return", "return_id"),
        Index("ix_return_lines_order_line", "order_line_id"),
        Index("ix_return_lines_order", "order_id"),
    )


class ReturnScan(Base):
    """One scan at the returns bench. Unexpected items are kept, flagged, not accepted."""

    __tablename__ = "return_scans"
    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("returns.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(64), default="")
    code: Mapped[str] = mapped_column(String(64))
    return_line_id: Mapped[int | None] = mapped_column(ForeignKey("return_lines.id"))
    accepted: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_return_scans_return", "return_id"),)


class ReturnApproval(Base):
    """A manager's approval of a return outside the policy, with the reason."""

    __tablename__ = "return_approvals"
    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("returns.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    approved_by: Mapped[str] = mapped_column(String(64))
    problems: Mapped[str] = mapped_column(Text, default="")  # what was outside the policy
    reason: Mapped[str] = mapped_column(Text)


class ReturnResolution(Base):
    """How a return was put right: refund (credit note), store credit or exchange."""

    __tablename__ = "return_resolutions"
    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("returns.id", ondelete="CASCADE"),
                                           unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # refund, store_credit, exchange
    goods_value: Mapped[Decimal] = mapped_column(Money, default=0)  # sum of line refunds
    restocking_fee: Mapped[Decimal] = mapped_column(Money, default=0)
    shipping_refund: Mapped[Decimal] = mapped_column(Money, default=0)
    amount: Mapped[Decimal] = mapped_column(Money, default=0)  # credited to the customer
    charge: Mapped[Decimal] = mapped_column(Money, default=0)  # exchange: customer pays more
    credit_note_id: Mapped[int | None] = mapped_column(ForeignKey("credit_notes.id"))
    refund_reference: Mapped[str] = mapped_column(String(128), default="")  # card/marketplace
    # Refunded straight to the card/marketplace (with the reference) because the invoice was
    # already paid: money out, so no customer credit for this part.
    paid_out: Mapped[Decimal] = mapped_column(Money, default=0)
    exchange_order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")


class ReturnEvent(Base):
    """A step of a return, shown in the timeline of every order the return touches."""

    __tablename__ = "return_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("returns.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(64), default="")
    workstation: Mapped[str] = mapped_column(String(128), default="")
    status: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_return_events_order", "order_id"),)


class ReturnPolicySetting(Base):
    """The shop's return policy for one reason (rows override the built-in defaults).
    ``return_shipping`` is only settable for reasons that are not the business's fault."""

    __tablename__ = "return_policies"
    reason: Mapped[str] = mapped_column(String(24), primary_key=True)
    window_days: Mapped[int] = mapped_column(Integer)
    # Money (fixed 4 decimals; scaled integers on SQLite): 0 to 100, checked by the service
    restocking_fee_percent: Mapped[Decimal] = mapped_column(Money, default=0)
    return_shipping: Mapped[str] = mapped_column(String(8), default="customer")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (
        CheckConstraint("window_days >= 0", name="window_not_negative"),
    )
