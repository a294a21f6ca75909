"""WooCommerce order export CSV. WooCommerce core has no CSV export; shops use an export
plugin. Both common column sets are understood: "Advanced Order Export For WooCommerce"
(`Order Number`, `First Name (Shipping)` …) and WebToffee "Order Export & Order Import"
(`order_number`, `shipping_first_name` …), one row per line item."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, tzinfo
from pathlib import Path

from app.channels.records import IntakeItem
from app.channels.tabular import TableFormat, read_delimited

COLUMNS: dict[str, list[str | list[str]]] = {
    "order_ref": ["Order Number", "order_number", "Order ID", "order_id"],
    "placed_at": ["Order Date", "order_date", "date_created"],
    "status": ["Order Status", "status"],
    "customer_name": [["First Name (Billing)", "Last Name (Billing)"],
                      ["billing_first_name", "billing_last_name"],
                      ["Billing First Name", "Billing Last Name"]],
    "email": ["Email (Billing)", "billing_email", "Billing Email Address"],
    "phone": ["Phone (Billing)", "billing_phone", "Billing Phone"],
    "ship_recipient": [["First Name (Shipping)", "Last Name (Shipping)"],
                       ["shipping_first_name", "shipping_last_name"],
                       ["Shipping First Name", "Shipping Last Name"]],
    "ship_phone": ["Phone (Shipping)", "shipping_phone"],
    "ship_street": ["Address 1&2 (Shipping)", "Address 1 (Shipping)", "shipping_address_1",
                    "Shipping Address 1"],
    "ship_street2": ["Address 2 (Shipping)", "shipping_address_2", "Shipping Address 2"],
    "ship_city": ["City (Shipping)", "shipping_city", "Shipping City"],
    "ship_province": ["State Code (Shipping)", "State (Shipping)", "shipping_state",
                      "Shipping State"],
    "ship_postcode": ["Postcode (Shipping)", "shipping_postcode", "Shipping Postcode"],
    "ship_country": ["Country Code (Shipping)", "shipping_country", "Shipping Country"],
    "currency": ["Order Currency", "order_currency", "Currency"],
    "subtotal": ["Order Subtotal Amount", "order_subtotal"],
    "shipping": ["Order Shipping Amount", "order_shipping", "Order Shipping"],
    "discount": ["Cart Discount Amount", "cart_discount", "Cart Discount"],
    "tax": ["Order Total Tax Amount", "order_total_tax", "Order Total Tax"],
    "total": ["Order Total Amount", "order_total", "Order Total"],
    "discount_codes": ["Coupon Code", "coupon_items"],
    "notes": ["Customer Note", "customer_note"],
    "sku": ["SKU", "sku"],
    "item_name": ["Item Name", "item_name", "Product Name"],
    "quantity": ["Quantity", "quantity", "Qty"],
    "unit_price": ["Item Cost", "item_cost", "Item Price"],
    "line_total": ["Item Total", "line_total"],
}


def read(path: Path, channel: str = "woocommerce", encoding: str | None = None,
         timezone: tzinfo = UTC) -> Iterator[IntakeItem]:
    fmt = TableFormat("WooCommerce", COLUMNS, delimiter=",", timezone=timezone)
    return read_delimited(path, fmt, channel, encoding)
