"""Writes Shopify order exports shaped like the real thing (for tests and the benchmark)."""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

HEADER = [
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
    "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code",
    "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name",
    "Lineitem price", "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping",
    "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing Street",
    "Billing Address1", "Billing Address2", "Billing Company", "Billing City", "Billing Zip",
    "Billing Province", "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street",
    "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City",
    "Shipping Zip", "Shipping Province", "Shipping Country", "Shipping Phone", "Notes",
    "Note Attributes", "Cancelled at", "Payment Method", "Payment Reference",
    "Refunded Amount", "Vendor", "Id", "Tags", "Risk Level", "Source", "Lineitem discount",
    "Phone",
]

_US = [("New York", "NY", "10001", "+1 212-555-0100"), ("Chicago", "IL", "60601",
                                                          "+1 312-555-0100")]
_NAMES = ["Mary Smith", "John Brown", "Li Wei", "Anna Müller", "Sam Taylor", "Grace Chen"]


def order_rows(ref: str, lines: Sequence[tuple[str, str, int, str]], *, name: str = "Mary Smith",
               email: str = "mary@example.com", phone: str = "+1 415-555-2671",
               city: str = "San Francisco", province: str = "CA", postcode: str = "94103",
               country: str = "US", street: str = "1 Market St", currency: str = "USD",
               shipping: str = "5.00", taxes: str = "0.00", total: str | None = None,
               created: str = "2024-03-05 14:22:01 -0800", cancelled_at: str = "",
               discount: str = "0.00") -> list[dict[str, str]]:
    """Rows of one order; ``lines`` are (sku, name, quantity, unit price)."""
    from decimal import Decimal

    subtotal = sum(Decimal(p) * q for _s, _n, q, p in lines) - Decimal(discount)
    if total is None:
        total = str(subtotal + Decimal(shipping) + Decimal(taxes))
    rows = []
    for i, (sku, item, qty, price) in enumerate(lines):
        row = {h: "" for h in HEADER}
        row.update({"Name": ref, "Lineitem quantity": str(qty), "Lineitem name": item,
                    "Lineitem price": price, "Lineitem sku": sku,
                    "Lineitem requires shipping": "true", "Lineitem fulfillment status":
                    "pending", "Created at": created})
        if i == 0:
            row.update({
                "Email": email, "Financial Status": "paid", "Fulfillment Status": "unfulfilled",
                "Currency": currency, "Subtotal": str(subtotal), "Shipping": shipping,
                "Taxes": taxes, "Total": total, "Discount Amount": discount,
                "Billing Name": name, "Billing Address1": street, "Billing City": city,
                "Billing Zip": postcode, "Billing Province": province, "Billing Country": country,
                "Billing Phone": phone, "Shipping Name": name, "Shipping Address1": street,
                "Shipping City": city, "Shipping Zip": postcode, "Shipping Province": province,
                "Shipping Country": country, "Shipping Phone": phone, "Cancelled at": cancelled_at,
                "Source": "web", "Phone": phone,
            })
        rows.append(row)
    return rows


def write_export(path: Path, orders: Sequence[list[dict[str, str]]], encoding: str = "utf-8",
                 newline: str = "\r\n") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=HEADER, lineterminator=newline)
        w.writeheader()
        for rows in orders:
            w.writerows(rows)
    return path


def write_large(path: Path, lines: int, skus: Sequence[str], seed: int = 7,
                prefix: str = "#B") -> int:
    """About ``lines`` line-item rows in orders of 1–4 lines; returns the number of orders."""
    rnd = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    written = n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(HEADER)
        idx = {h: i for i, h in enumerate(HEADER)}
        while written < lines:
            n += 1
            k = min(rnd.randint(1, 4), lines - written)
            picked = [(rnd.choice(skus), rnd.randint(1, 3),
                       f"{rnd.randint(5, 300)}.{rnd.randint(0, 99):02d}") for _ in range(k)]
            city, st, zipc, phone = rnd.choice(_US)
            phone = f"{phone[:7]}{rnd.randint(200, 999)}-{rnd.randint(0, 9999):04d}"
            created = (start + timedelta(minutes=n)).strftime("%Y-%m-%d %H:%M:%S +0000")
            from decimal import Decimal

            subtotal = sum(Decimal(p) * q for _s, q, p in picked)
            for i, (sku, qty, price) in enumerate(picked):
                row = [""] * len(HEADER)
                row[idx["Name"]] = f"{prefix}{n}"
                row[idx["Created at"]] = created
                row[idx["Lineitem quantity"]] = str(qty)
                row[idx["Lineitem name"]] = f"Item {sku}"
                row[idx["Lineitem price"]] = price
                row[idx["Lineitem sku"]] = sku
                if i == 0:
                    name = rnd.choice(_NAMES)
                    for h, v in (("Email", f"c{n}@example.com"), ("Financial Status", "paid"),
                                 ("Currency", "USD"), ("Subtotal", str(subtotal)),
                                 ("Shipping", "5.00"), ("Taxes", "0.00"),
                                 ("Total", str(subtotal + 5)), ("Billing Name", name),
                                 ("Shipping Name", name), ("Shipping Address1",
                                                           f"{n} Main Street, Apt 2"),
                                 ("Shipping City", city), ("Shipping Zip", zipc),
                                 ("Shipping Province", st), ("Shipping Country", "US"),
                                 ("Shipping Phone", phone), ("Phone", phone)):
                        row[idx[h]] = v
                w.writerow(row)
            written += k
    return n
