"""Plain intake records: what every importer yields, whatever the source format.

Importers only read; they never decide what an order means for the desk. Values that
could not be read are kept as ``None`` with a reason in ``field_errors`` so validation
can name the field.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


@dataclass
class IntakeAddress:
    recipient: str = ""
    phone: str = ""
    country: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    postcode: str = ""


@dataclass
class IntakeLine:
    sku: str
    name: str = ""
    quantity: int | None = None  # None: not a whole number (see raw_quantity)
    unit_price: Decimal | None = None
    discount: Decimal = Decimal(0)
    barcode: str = ""
    raw_quantity: str = ""


@dataclass
class IntakeOrder:
    channel: str
    external_ref: str
    placed_at: datetime | None = None
    customer_name: str = ""
    email: str = ""
    phone: str = ""
    ship: IntakeAddress = field(default_factory=IntakeAddress)
    currency: str = ""
    lines: list[IntakeLine] = field(default_factory=list)
    subtotal: Decimal | None = None
    shipping: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    tax: Decimal = Decimal(0)
    total: Decimal | None = None
    financial_status: str = ""
    fulfillment_status: str = ""
    cancelled: bool = False
    discount_codes: str = ""
    notes: str = ""
    # Where it came from: not part of the order's content.
    source_file: str = ""
    first_line: int = 0
    field_errors: list[tuple[str, str]] = field(default_factory=list)

    def content_hash(self) -> str:
        """Identical for the same order exported twice; changes when the source changes.
        Computed once (records are not changed after reading)."""
        cached = self.__dict__.get("_hash")
        if cached is not None:
            return str(cached)
        a = self.ship
        parts = [self.channel, self.external_ref, str(self.placed_at), self.customer_name,
                 self.email, self.phone, a.recipient, a.phone, a.country, a.province, a.city,
                 a.district, a.street, a.postcode, self.currency, str(self.subtotal),
                 str(self.shipping), str(self.discount), str(self.tax), str(self.total),
                 self.financial_status, self.fulfillment_status, str(self.cancelled),
                 self.discount_codes, self.notes]
        for li in self.lines:
            parts += [li.sku, li.name, str(li.quantity), str(li.unit_price), str(li.discount),
                      li.barcode, li.raw_quantity]
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
        self.__dict__["_hash"] = digest
        return digest


@dataclass
class UnreadableRow:
    """A row that could not be read at all, kept with its raw text."""

    line_no: int
    raw: str
    reason: str
    source_file: str = ""
    header: str = ""  # the file's header line (delimited files), for a retry after a fix


IntakeItem = IntakeOrder | UnreadableRow
