"""Bring an existing shop's products (with barcodes and opening stock) and customers
(with opening balances) into OrderDesk from CSV/XLSX.

One transaction per file: the good rows are all written, or — if anything fails while
writing — none are. Rows that cannot be imported (bad values, duplicates in the file, an
SKU, barcode or customer code already in the database) are reported with their line number
and reason and never half-written. ``dry_run=True`` checks everything and writes nothing.
Bulk writes go through SQLAlchemy Core (executemany), not one ORM object at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.channels.generic import ColumnMapping
from app.channels.master_data import (
    CUSTOMER_FIELDS,
    PRODUCT_FIELDS,
    CustomerRecord,
    ProductRecord,
    RejectedRow,
    Table,
    parse_customers,
    parse_products,
)
from app.db.engine import Database
from app.db.models import (
    ChannelColumnMapping,
    Customer,
    CustomerAddress,
    CustomerOpeningBalance,
    Product,
    ProductBarcode,
    StockLevel,
    StockMove,
    Warehouse,
)
from app.db.types import utcnow
from app.domain.roles import Permission
from app.services.catalog import default_warehouse_id
from app.services.context import Actor, audit
from app.services.errors import NotFound, ValidationFailed
from app.services.numbering import next_number

CHUNK = 500  # values per IN (...) lookup and per executemany batch


@dataclass
class ImportReport:
    kind: str
    imported: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    dry_run: bool = False
    stock_units: int = 0  # products: opening stock received
    balance_total: Decimal = Decimal(0)  # customers: sum of opening balances

    def summary(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        return f"{verb} {self.imported} {self.kind}s, {len(self.rejected)} rows not imported"


KINDS = ("product", "customer")


def mapping_key(kind: str) -> str:
    """Where the mapping is kept: beside the order channels' mappings, under a name no
    channel can have (channel names carry no colon)."""
    return f"shop:{kind}"


def mapping_fields(kind: str) -> tuple[str, ...]:
    return tuple(PRODUCT_FIELDS if kind == "product" else CUSTOMER_FIELDS)


def saved_mapping(db: Database, kind: str) -> ColumnMapping | None:
    """The column mapping last used for this kind of file, if any."""
    with db.reader() as s:
        row = s.get(ChannelColumnMapping, mapping_key(kind))
        text = row.mapping_json if row else None
    if not text:
        return None
    try:
        return ColumnMapping.from_json(text, mapping_fields(kind))
    except (ValueError, TypeError):  # saved by an older version: map again
        return None


def save_mapping(db: Database, actor: Actor, kind: str, mapping: ColumnMapping) -> None:
    """Keep the mapping for the next file of this kind (same table as order intake's)."""
    actor.require(Permission.EDIT_CUSTOMERS if kind == "customer" else Permission.EDIT_PRODUCTS)
    if kind not in KINDS:
        raise ValidationFailed(f"{kind!r} is not products or customers.")
    unknown = set(mapping.columns) - set(mapping_fields(kind))
    if unknown:
        raise ValidationFailed(f"Unknown {kind} fields: {', '.join(sorted(unknown))}.")
    text = mapping.to_json()
    with db.writer() as s:
        key = mapping_key(kind)
        row = s.get(ChannelColumnMapping, key)
        if row is None:
            s.add(ChannelColumnMapping(channel=key, mapping_json=text,
                                       updated_by=actor.username))
        else:
            row.mapping_json, row.updated_at, row.updated_by = text, utcnow(), actor.username
        audit(s, actor, "save_mapping", "shop_import", kind)


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def _existing(s: Session, column: Any, values: Iterable[str]) -> set[str]:
    found: set[str] = set()
    unique = sorted(set(values))
    for part in _chunks(unique):
        found.update(s.scalars(select(column).where(column.in_(part))).all())
    return found


def _warehouse(s: Session, code: str | None) -> int:
    if not code:
        return default_warehouse_id(s)
    wid = s.scalar(select(Warehouse.id).where(Warehouse.code == code))
    if wid is None:
        raise NotFound(f"There is no warehouse with the code {code}.")
    return wid


def import_products(
    db: Database, actor: Actor, table: Table, mapping: Mapping[str, str],
    warehouse_code: str | None = None, dry_run: bool = False, source: str = "import",
) -> ImportReport:
    """Products with their barcodes; a stock column becomes opening stock (a receipt in
    the stock ledger, so on hand still equals the ledger's sum)."""
    actor.require(Permission.EDIT_PRODUCTS)
    good, rejected = parse_products(table, mapping)
    if any(r.stock for r in good):
        actor.require(Permission.RECEIVE_STOCK)
    report = ImportReport("product", rejected=list(rejected), dry_run=dry_run)
    with db.writer() as s:
        wid = _warehouse(s, warehouse_code)
        skus = _existing(s, Product.sku, [r.sku for r in good])
        codes = _existing(s, ProductBarcode.code, [c for r in good for c in r.barcodes])
        keep: list[ProductRecord] = []
        for r in good:
            if r.sku in skus:
                report.rejected.append(RejectedRow(r.line, f"SKU {r.sku} already exists"))
            elif taken := [c for c in r.barcodes if c in codes]:
                report.rejected.append(RejectedRow(
                    r.line, f"barcode {taken[0]} already belongs to another product"))
            else:
                keep.append(r)
        report.rejected.sort(key=lambda row: row.line)
        report.imported = len(keep)
        report.stock_units = sum(r.stock for r in keep)
        if dry_run or not keep:
            return report
        ids: dict[str, int] = {}
        for start in range(0, len(keep), CHUNK):
            part = keep[start:start + CHUNK]
            rows = [{"sku": r.sku, "name": r.name, "list_price": r.price, "cost": r.cost,
                     "category": r.category, "specification": r.specification, "unit": r.unit,
                     "weight_kg": r.weight_kg, "updated_by": actor.username} for r in part]
            result = s.execute(
                insert(Product).returning(Product.id, Product.sku, sort_by_parameter_order=True),
                rows)
            ids.update({sku: pid for pid, sku in result.all()})
        barcodes = [{"product_id": ids[r.sku], "code": c, "pack_qty": 1}
                    for r in keep for c in r.barcodes]
        stocked = [r for r in keep if r.stock]
        levels = [{"product_id": ids[r.sku], "warehouse_id": wid, "on_hand": r.stock,
                   "reserved": 0, "reorder_point": 0} for r in stocked]
        moves = [{"product_id": ids[r.sku], "warehouse_id": wid, "quantity": r.stock,
                  "kind": "opening", "unit_cost": r.cost or None, "username": actor.username,
                  "reason": f"opening stock ({source} line {r.line})"} for r in stocked]
        for model, values in ((ProductBarcode, barcodes), (StockLevel, levels),
                              (StockMove, moves)):
            for start in range(0, len(values), CHUNK):
                s.execute(insert(model), values[start:start + CHUNK])
        audit(s, actor, "import", "product", "", source=source, products=len(keep),
              stock_units=report.stock_units, warehouse_id=wid, rejected=len(report.rejected))
    return report


def import_customers(
    db: Database, actor: Actor, table: Table, mapping: Mapping[str, str],
    currency: str = "CNY", dry_run: bool = False, source: str = "import",
) -> ImportReport:
    """Customers with a default address; a balance column becomes an opening balance
    (positive: the customer owes the shop)."""
    actor.require(Permission.EDIT_CUSTOMERS)
    good, rejected = parse_customers(table, mapping)
    if any(r.balance for r in good):
        actor.require(Permission.FINANCE)
    if len(currency) != 3:
        raise ValidationFailed(f"{currency!r} is not a three-letter currency code.")
    report = ImportReport("customer", rejected=list(rejected), dry_run=dry_run)
    with db.writer() as s:
        taken = _existing(s, Customer.code, [r.code for r in good if r.code])
        keep: list[CustomerRecord] = []
        for r in good:
            if r.code and r.code in taken:
                report.rejected.append(
                    RejectedRow(r.line, f"customer code {r.code} already exists"))
            else:
                keep.append(r)
        report.rejected.sort(key=lambda row: row.line)
        report.imported = len(keep)
        report.balance_total = sum((r.balance for r in keep), Decimal(0))
        if dry_run or not keep:
            return report
        used = {r.code for r in keep if r.code}
        codes: list[str] = []
        for r in keep:
            code = r.code
            if not code:  # numbered like a new customer, skipping codes already in use
                code = next_number(s, "customer")
                while code in used or s.scalar(
                        select(Customer.id).where(Customer.code == code)) is not None:
                    code = next_number(s, "customer")
                used.add(code)
            codes.append(code)
        ids: list[int] = []
        for start in range(0, len(keep), CHUNK):
            rows = [{"code": codes[i], "name": r.name, "phone": r.phone, "email": r.email,
                     "member_tier": r.member_tier, "notes": f"imported from {source}",
                     "updated_by": actor.username}
                    for i, r in enumerate(keep[start:start + CHUNK], start)]
            ids.extend(s.scalars(
                insert(Customer).returning(Customer.id, sort_by_parameter_order=True), rows))
        addresses = [{"customer_id": cid, "label": "default", "recipient": r.name,
                      "phone": r.phone, "country": r.country, "province": r.province,
                      "city": r.city, "district": r.district, "street": r.street,
                      "postcode": r.postcode, "is_default": True}
                     for cid, r in zip(ids, keep, strict=True)
                     if r.street or r.city or r.province]
        balances = [{"customer_id": cid, "amount": r.balance, "currency": currency,
                     "reference": f"{source} line {r.line}"[:128], "created_by": actor.username}
                    for cid, r in zip(ids, keep, strict=True) if r.balance]
        for model, values in ((CustomerAddress, addresses), (CustomerOpeningBalance, balances)):
            for start in range(0, len(values), CHUNK):
                s.execute(insert(model), values[start:start + CHUNK])
        audit(s, actor, "import", "customer", "", source=source, customers=len(keep),
              balance_total=report.balance_total, rejected=len(report.rejected))
    return report
