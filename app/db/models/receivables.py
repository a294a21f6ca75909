"""Receivables: customer credit, invoices, payments, allocations, credit notes, bank
statement lines, dunning, the notice outbox, and cost settings for profit reports.

Cached sums (``Invoice.paid``, ``Payment.allocated``, ``CreditNote.allocated``) are kept in
step with the allocation rows inside the same transaction; the allocation rows (with
their dates and undo dates) are the record, so balances can be worked out as of any day.
"""

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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base
from app.db.types import Money, UTCDateTime, utcnow


class CustomerCredit(Base):
    """Credit terms of one customer. No row (or no limit) = no credit limit applies;
    the row is also the lock two workstations queue on when checking the limit."""

    __tablename__ = "customer_credit"
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    credit_limit: Mapped[Decimal | None] = mapped_column(Money)
    terms: Mapped[str] = mapped_column(String(16), default="CASH")
    on_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    hold_reason: Mapped[str] = mapped_column(Text, default="")
    invoice_at: Mapped[str] = mapped_column(String(8), default="ship")  # ship | confirm
    language: Mapped[str] = mapped_column(String(8), default="en")  # letters: en | zh
    dunning_level: Mapped[int] = mapped_column(Integer, default=0)  # last level sent
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")


class Invoice(Base):
    """An invoice for a whole order (``shipment_id`` NULL: invoiced at confirmation, by
    hand, or before per-shipment invoicing existed) or for what one shipment carried
    (an order shipped in parts gets one invoice per shipment)."""

    __tablename__ = "invoices"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    # unique when set (NULLs never clash): at most one invoice per shipment
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"), unique=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    customer_name: Mapped[str] = mapped_column(String(255), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(32), default="counter")
    issue_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    terms: Mapped[str] = mapped_column(String(16), default="CASH")
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    subtotal: Mapped[Decimal] = mapped_column(Money, default=0)
    discount: Mapped[Decimal] = mapped_column(Money, default=0)
    shipping: Mapped[Decimal] = mapped_column(Money, default=0)
    total: Mapped[Decimal] = mapped_column(Money, default=0)
    paid: Mapped[Decimal] = mapped_column(Money, default=0)  # active allocations, cached
    status: Mapped[str] = mapped_column(String(8), default="open")  # open | paid
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")

    lines: Mapped[list[InvoiceLine]] = relationship(
        back_populates="invoice", cascade="all, delete-orphan", order_by="InvoiceLine.line_no"
    )

    __table_args__ = (
        CheckConstraint("paid >= 0", name="paid_not_negative"),
        CheckConstraint("paid <= total", name="paid_within_total"),
        Index("ix_invoices_customer_due", "customer_id", "due_date"),
        Index("ix_invoices_order", "order_id"),
        # the ageing report reads only this index (open invoices in customer order); it
        # also serves "open invoices of a customer" (status, customer_id)
        Index("ix_invoices_ageing", "status", "customer_id", "due_date", "issue_date",
              "total", "paid"),
    )


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_lines.id"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(64), default="")
    name: Mapped[str] = mapped_column(String(255), default="")
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    discount: Mapped[Decimal] = mapped_column(Money, default=0)
    line_total: Mapped[Decimal] = mapped_column(Money)
    unit_cost: Mapped[Decimal] = mapped_column(Money, default=0)  # moving average at invoicing
    invoice: Mapped[Invoice] = relationship(back_populates="lines")

    __table_args__ = (Index("ix_invoice_lines_invoice", "invoice_id"),
                      Index("ix_invoice_lines_product", "product_id"))


class Payment(Base):
    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    received_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(16))  # cash | card | bank_transfer | channel
    amount: Mapped[Decimal] = mapped_column(Money)
    allocated: Mapped[Decimal] = mapped_column(Money, default=0)  # cached
    reference: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("allocated >= 0", name="allocated_not_negative"),
        CheckConstraint("allocated <= amount", name="allocated_within_amount"),
        Index("ix_payments_customer", "customer_id", "received_on"),
    )


class CreditNote(Base):
    __tablename__ = "credit_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))
    issue_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    allocated: Mapped[Decimal] = mapped_column(Money, default=0)  # cached
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("allocated >= 0 AND allocated <= amount", name="allocated_within"),
        Index("ix_credit_notes_customer", "customer_id"),
    )


class Allocation(Base):
    """Part of a payment (or credit note) set against an invoice. Undoing keeps the row
    and stamps when, so the history and as-of balances stay right."""

    __tablename__ = "allocations"
    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"))
    credit_note_id: Mapped[int | None] = mapped_column(ForeignKey("credit_notes.id"))
    amount: Mapped[Decimal] = mapped_column(Money)
    allocated_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    undone_on: Mapped[date | None] = mapped_column(Date)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undone_by: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("(payment_id IS NULL) <> (credit_note_id IS NULL)", name="one_source"),
        Index("ix_allocations_invoice", "invoice_id"),
        Index("ix_allocations_payment", "payment_id"),
        Index("ix_allocations_credit_note", "credit_note_id"),
        Index("ix_allocations_allocated_on", "allocated_on"),
        Index("ix_allocations_undone_on", "undone_on"),
    )


class BankStatementLine(Base):
    __tablename__ = "bank_statement_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    batch: Mapped[str] = mapped_column(String(64))
    booked_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    reference: Mapped[str] = mapped_column(Text, default="")
    counterparty: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(12), default="unclear")  # matched|unclear|ignored
    note: Mapped[str] = mapped_column(Text, default="")
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))  # suggestion
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_bank_statement_lines_status", "status"),)


class DunningLevelSetting(Base):
    __tablename__ = "dunning_levels"
    level: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    days_overdue: Mapped[int] = mapped_column(Integer)
    fee: Mapped[Decimal] = mapped_column(Money, default=0)
    action: Mapped[str] = mapped_column(String(8), default="none")  # none | hold
    subject_en: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    subject_zh: Mapped[str] = mapped_column(Text, default="")
    body_zh: Mapped[str] = mapped_column(Text, default="")


class DunningLetter(Base):
    """A reminder proposed by a dunning run; a person sends (or discards) it."""

    __tablename__ = "dunning_letters"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    level: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[date] = mapped_column(Date)
    overdue: Mapped[Decimal] = mapped_column(Money)
    fee: Mapped[Decimal] = mapped_column(Money, default=0)
    language: Mapped[str] = mapped_column(String(8), default="en")
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="proposed")  # proposed|sent|discarded
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    proposed_by: Mapped[str] = mapped_column(String(64), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_by: Mapped[str] = mapped_column(String(64), default="")
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notices.id"))

    __table_args__ = (Index("ix_dunning_letters_customer", "customer_id", "status"),)



class ChannelFinance(Base):
    """Per sales channel: marketplace/payment fee and when its orders are invoiced."""

    __tablename__ = "channel_finance"
    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    fee_percent: Mapped[Decimal] = mapped_column(Numeric(7, 4, asdecimal=True), default=0)
    fee_fixed: Mapped[Decimal] = mapped_column(Money, default=0)
    invoice_at: Mapped[str] = mapped_column(String(8), default="ship")  # ship | confirm
    prepaid: Mapped[bool] = mapped_column(Boolean, default=False)  # paid through the channel


class OrderCost(Base):
    """A cost booked against one order: shipping (rate or actual), production, or an
    exception (reship, refund, claim)."""

    __tablename__ = "order_costs"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    kind: Mapped[str] = mapped_column(String(16))  # shipping | production | exception
    amount: Mapped[Decimal] = mapped_column(Money)
    actual: Mapped[bool] = mapped_column(Boolean, default=False)  # shipping: actual beats rate
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (Index("ix_order_costs_order", "order_id"),)


class IndirectCost(Base):
    """An overhead pool for a period, spread over that period's invoiced orders."""

    __tablename__ = "indirect_costs"
    id: Mapped[int] = mapped_column(primary_key=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    rule: Mapped[str] = mapped_column(String(8), default="revenue")  # revenue | order | unit
    description: Mapped[str] = mapped_column(Text, default="")
