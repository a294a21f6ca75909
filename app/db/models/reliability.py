"""Reliability: idempotency keys of scans replayed from a workstation's offline journal."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.db.types import UTCDateTime, utcnow


class ScanReceipt(Base):
    """One row per scan applied on the server, keyed by the scan's idempotency key, so a
    scan replayed twice (crash between apply and journal mark) is never applied twice."""

    __tablename__ = "scan_receipts"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    station: Mapped[str] = mapped_column(String(128), default="")
    kind: Mapped[str] = mapped_column(String(32), default="")
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
