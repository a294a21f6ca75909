"""Opening balances brought over from the shop's previous system (first-run import)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.db.types import Money, UTCDateTime, utcnow


class CustomerOpeningBalance(Base):
    """What a customer owed (positive) or had in credit (negative) when the shop started
    using OrderDesk. Receivables read it as the first entry of the customer's account."""

    __tablename__ = "customer_opening_balances"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    reference: Mapped[str] = mapped_column(String(128), default="")  # e.g. file name and line
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (Index("ix_customer_opening_balances_customer", "customer_id"),)
