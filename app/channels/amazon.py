"""Amazon order report (tab-separated, e.g. "New Orders"/"Unshipped Orders"): one row per
order item, `order-id` (or `amazon-order-id`) repeated. `item-price` is the price of the
whole quantity; shipping and tax are given per item row and add up to the order's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, tzinfo
from pathlib import Path

from app.channels.records import IntakeItem
from app.channels.tabular import TableFormat, read_delimited

COLUMNS: dict[str, list[str | list[str]]] = {
    "order_ref": ["amazon-order-id", "order-id"],
    "placed_at": ["purchase-date"],
    "status": ["order-status"],
    "email": ["buyer-email"],
    "customer_name": ["buyer-name", "recipient-name"],
    "phone": ["buyer-phone-number", "ship-phone-number"],
    "ship_recipient": ["recipient-name"],
    "ship_phone": ["ship-phone-number"],
    "ship_street": [["ship-address-1", "ship-address-2", "ship-address-3"], ["ship-address-1"]],
    "ship_city": ["ship-city"],
    "ship_province": ["ship-state"],
    "ship_postcode": ["ship-postal-code"],
    "ship_country": ["ship-country"],
    "currency": ["currency"],
    "sku": ["sku"],
    "item_name": ["product-name"],
    "quantity": ["quantity-purchased", "quantity"],
    "unit_price": ["item-price"],
    "line_discount": ["item-promotion-discount"],
    "line_shipping": ["shipping-price"],
    "line_tax": ["item-tax"],
}


def read(path: Path, channel: str = "amazon", encoding: str | None = None,
         timezone: tzinfo = UTC) -> Iterator[IntakeItem]:
    fmt = TableFormat("Amazon", COLUMNS, delimiter="\t", line_price_is_total=True,
                      per_row_amounts=True, timezone=timezone)
    return read_delimited(path, fmt, channel, encoding)
