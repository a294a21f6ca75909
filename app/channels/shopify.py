"""Shopify order export CSV (Admin → Orders → Export): one row per line item, the order's
`Name` (e.g. #1001) on every row, order-level columns filled on its first row only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, tzinfo
from pathlib import Path

from app.channels.records import IntakeItem
from app.channels.tabular import TableFormat, read_delimited

COLUMNS: dict[str, list[str | list[str]]] = {
    "order_ref": ["Name"],
    "placed_at": ["Created at"],
    "email": ["Email"],
    "customer_name": ["Billing Name", "Shipping Name"],
    "phone": ["Phone", "Billing Phone"],
    "ship_recipient": ["Shipping Name"],
    "ship_phone": ["Shipping Phone"],
    "ship_street": [["Shipping Address1"], ["Shipping Street"]],
    "ship_street2": ["Shipping Address2"],
    "ship_city": ["Shipping City"],
    "ship_province": ["Shipping Province Name", "Shipping Province"],
    "ship_postcode": ["Shipping Zip"],
    "ship_country": ["Shipping Country"],
    "currency": ["Currency"],
    "subtotal": ["Subtotal"],
    "shipping": ["Shipping"],
    "tax": ["Taxes"],
    "total": ["Total"],
    "discount": ["Discount Amount"],
    "discount_codes": ["Discount Code"],
    "financial_status": ["Financial Status"],
    "fulfillment_status": ["Fulfillment Status"],
    "cancelled_at": ["Cancelled at"],
    "notes": ["Notes"],
    "sku": ["Lineitem sku"],
    "item_name": ["Lineitem name"],
    "quantity": ["Lineitem quantity"],
    "unit_price": ["Lineitem price"],
    "line_discount": ["Lineitem discount"],
}

# Shopify's Subtotal is after discounts: total = subtotal + shipping + taxes.
FORMAT = TableFormat("Shopify", COLUMNS, delimiter=",")


def read(path: Path, channel: str = "shopify", encoding: str | None = None,
         timezone: tzinfo = UTC) -> Iterator[IntakeItem]:
    fmt = TableFormat(FORMAT.name, COLUMNS, delimiter=",", timezone=timezone)
    return read_delimited(path, fmt, channel, encoding)
