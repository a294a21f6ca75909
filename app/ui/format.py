"""How numbers, money, times and statuses look in the UI (display only)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "HKD": "HK$", "JPY": "¥"}

STATUS_LABELS = {
    "draft": QT_TRANSLATE_NOOP("OrderStatus", "Draft"),
    "needs_attention": QT_TRANSLATE_NOOP("OrderStatus", "Needs attention"),
    "confirmed": QT_TRANSLATE_NOOP("OrderStatus", "Confirmed"),
    "backordered": QT_TRANSLATE_NOOP("OrderStatus", "Backordered"),
    "in_production": QT_TRANSLATE_NOOP("OrderStatus", "In production"),
    "picking": QT_TRANSLATE_NOOP("OrderStatus", "Picking"),
    "packed": QT_TRANSLATE_NOOP("OrderStatus", "Packed"),
    "partly_shipped": QT_TRANSLATE_NOOP("OrderStatus", "Partly shipped"),
    "shipped": QT_TRANSLATE_NOOP("OrderStatus", "Shipped"),
    "delivered": QT_TRANSLATE_NOOP("OrderStatus", "Delivered"),
    "on_hold": QT_TRANSLATE_NOOP("OrderStatus", "On hold"),
    "cancelled": QT_TRANSLATE_NOOP("OrderStatus", "Cancelled"),
    "returned": QT_TRANSLATE_NOOP("OrderStatus", "Returned"),
}


def status_label(status: str) -> str:
    source = STATUS_LABELS.get(status)
    return QCoreApplication.translate("OrderStatus", source) if source else status


def money(amount: Decimal, currency: str = "CNY") -> str:
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{_SYMBOLS.get(currency, currency + ' ')}{value:,.2f}"


def local_time(at: datetime | None) -> str:
    if at is None:
        return ""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone().strftime("%Y-%m-%d %H:%M")
