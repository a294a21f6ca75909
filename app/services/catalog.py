"""Customers, addresses, products, barcodes and warehouses."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from sqlalchemy import Executable, String, bindparam, literal, or_, select, union_all
from sqlalchemy.orm import Session, selectinload

from app.db.engine import Database
from app.db.models import (
    Customer,
    CustomerAddress,
    Product,
    ProductBarcode,
    Warehouse,
)
from app.db.types import utcnow
from app.domain.roles import Permission
from app.services.context import Actor, audit
from app.services.errors import ConcurrentChange, NotFound, ValidationFailed
from app.services.numbering import next_number


@dataclass
class AddressData:
    recipient: str = ""
    phone: str = ""
    country: str = "CN"
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    postcode: str = ""
    label: str = ""
    is_default: bool = False


@dataclass
class CustomerData:
    name: str
    phone: str = ""
    email: str = ""
    member_tier: str = ""
    notes: str = ""
    code: str = ""  # empty: numbered automatically
    addresses: list[AddressData] = field(default_factory=list)


@dataclass
class ProductData:
    sku: str
    name: str
    list_price: Decimal
    cost: Decimal = Decimal(0)
    specification: str = ""
    category: str = ""
    unit: str = "pc"
    weight_kg: Decimal = Decimal(0)
    length_cm: Decimal = Decimal(0)
    width_cm: Decimal = Decimal(0)
    height_cm: Decimal = Decimal(0)
    active: bool = True
    barcodes: list[tuple[str, int]] = field(default_factory=list)  # (code, pack quantity)


def _check_customer(data: CustomerData) -> None:
    if not data.name.strip():
        raise ValidationFailed("The customer's name is required.")


def create_customer(db: Database, actor: Actor, data: CustomerData) -> int:
    actor.require(Permission.EDIT_CUSTOMERS)
    _check_customer(data)
    with db.writer() as s:
        code = data.code.strip() or next_number(s, "customer")
        if s.scalar(select(Customer.id).where(Customer.code == code)) is not None:
            raise ValidationFailed(f"Customer code {code} is already in use.")
        customer = Customer(
            code=code, name=data.name.strip(), phone=data.phone.strip(), email=data.email.strip(),
            member_tier=data.member_tier, notes=data.notes, updated_by=actor.username,
        )
        customer.addresses = [CustomerAddress(**vars(a)) for a in data.addresses]
        if customer.addresses and not any(a.is_default for a in customer.addresses):
            customer.addresses[0].is_default = True
        s.add(customer)
        s.flush()
        audit(s, actor, "create", "customer", customer.id, code=code, name=customer.name)
        return customer.id


def update_customer(
    db: Database, actor: Actor, customer_id: int, expected_version: int, data: CustomerData
) -> int:
    """Saves the customer if nobody else has since; returns the new version."""
    actor.require(Permission.EDIT_CUSTOMERS)
    _check_customer(data)
    with db.writer() as s:
        customer = s.get(Customer, customer_id, with_for_update=True)
        if customer is None:
            raise NotFound(f"Customer {customer_id} does not exist.")
        if customer.version != expected_version:
            raise ConcurrentChange(
                f"Customer {customer.code} was changed by {customer.updated_by} at "
                f"{customer.updated_at:%Y-%m-%d %H:%M} UTC — reload it and try again."
            )
        before = {"name": customer.name, "phone": customer.phone, "tier": customer.member_tier}
        customer.name, customer.phone = data.name.strip(), data.phone.strip()
        customer.email, customer.member_tier, customer.notes = (
            data.email.strip(), data.member_tier, data.notes)
        customer.addresses = [CustomerAddress(**vars(a)) for a in data.addresses]
        customer.version += 1
        customer.updated_at, customer.updated_by = utcnow(), actor.username
        audit(s, actor, "update", "customer", customer.id, before=before)
        return customer.version


def create_product(db: Database, actor: Actor, data: ProductData) -> int:
    actor.require(Permission.EDIT_PRODUCTS)
    if not data.sku.strip() or not data.name.strip():
        raise ValidationFailed("A product needs an SKU and a name.")
    if data.list_price < 0 or data.cost < 0:
        raise ValidationFailed("Prices and costs cannot be negative.")
    with db.writer() as s:
        if s.scalar(select(Product.id).where(Product.sku == data.sku.strip())) is not None:
            raise ValidationFailed(f"SKU {data.sku} is already in use.")
        fields = {k: v for k, v in vars(data).items() if k != "barcodes"}
        product = Product(**fields, updated_by=actor.username)
        product.sku = data.sku.strip()
        for code, pack in data.barcodes:
            _check_barcode_free(s, code)
            product.barcodes.append(ProductBarcode(code=code, pack_qty=pack))
        s.add(product)
        s.flush()
        audit(s, actor, "create", "product", product.id, sku=product.sku,
              list_price=data.list_price, cost=data.cost)
        return product.id


def update_product(
    db: Database, actor: Actor, product_id: int, expected_version: int, data: ProductData
) -> int:
    """Saves the product if nobody else has since (two workstations, one record); returns
    the new version. Price and cost changes are in the audit log with the old values."""
    actor.require(Permission.EDIT_PRODUCTS)
    if not data.sku.strip() or not data.name.strip():
        raise ValidationFailed("A product needs an SKU and a name.")
    if data.list_price < 0 or data.cost < 0:
        raise ValidationFailed("Prices and costs cannot be negative.")
    with db.writer() as s:
        product = s.get(Product, product_id, with_for_update=True, populate_existing=True)
        if product is None:
            raise NotFound(f"Product {product_id} does not exist.")
        if product.version != expected_version:
            raise ConcurrentChange(
                f"Product {product.sku} was changed by {product.updated_by or 'someone'} at "
                f"{product.updated_at:%Y-%m-%d %H:%M} UTC — reload it and try again."
            )
        sku = data.sku.strip()
        if sku != product.sku and s.scalar(
                select(Product.id).where(Product.sku == sku, Product.id != product.id)):
            raise ValidationFailed(f"SKU {sku} is already in use.")
        before = {"sku": product.sku, "name": product.name, "list_price": product.list_price,
                  "cost": product.cost, "active": product.active}
        for key, value in vars(data).items():
            if key != "barcodes":
                setattr(product, key, value)
        product.sku = sku
        wanted = dict(data.barcodes)
        product.barcodes = [b for b in product.barcodes if b.code in wanted]
        have = {b.code for b in product.barcodes}
        for b in product.barcodes:
            b.pack_qty = wanted[b.code]
        s.flush()
        for code, pack in data.barcodes:
            if code not in have:
                _check_barcode_free(s, code)
                product.barcodes.append(ProductBarcode(code=code, pack_qty=pack))
        product.version += 1
        product.updated_at, product.updated_by = utcnow(), actor.username
        audit(s, actor, "update", "product", product.id, before=before,
              list_price=data.list_price, cost=data.cost)
        return product.version


def _check_barcode_free(s: Session, code: str) -> None:
    if s.scalar(select(ProductBarcode.id).where(ProductBarcode.code == code)) is not None:
        raise ValidationFailed(f"Barcode {code} already belongs to another product.")


@dataclass(frozen=True)
class ProductMatch:
    product_id: int
    sku: str
    name: str
    list_price: Decimal
    pack_qty: int  # units one scan of this code stands for
    active: bool = True  # still sold (an order line may only be added for an active one)


@cache
def _find_product_statement() -> Executable:
    """One round trip: a barcode match (rank 0) wins over an SKU match (rank 1). Built once:
    building the union costs more Python than running it (scans and order lines call it)."""
    code = bindparam("code", type_=String)
    by_barcode = (select(Product.id, Product.sku, Product.name, Product.list_price,
                         ProductBarcode.pack_qty, Product.active, literal(0).label("rank"))
                  .join(ProductBarcode, ProductBarcode.product_id == Product.id)
                  .where(ProductBarcode.code == code))
    by_sku = (select(Product.id, Product.sku, Product.name, Product.list_price,
                     literal(1).label("pack_qty"), Product.active, literal(1).label("rank"))
              .where(or_(Product.sku == code, Product.sku == bindparam("code_upper",
                                                                      type_=String))))
    both = union_all(by_barcode, by_sku).subquery()
    return (select(both.c.id, both.c.sku, both.c.name, both.c.list_price, both.c.pack_qty,
                   both.c.active).order_by(both.c.rank).limit(1))


def find_product(session: Session, code: str) -> ProductMatch | None:
    """An SKU or any of the product's barcodes (a case barcode counts its pack)."""
    code = code.strip()
    if not code:
        return None
    row = session.execute(_find_product_statement(),
                          {"code": code, "code_upper": code.upper()}).first()
    if row is None:
        return None
    return ProductMatch(row[0], row[1], row[2], row[3], int(row[4]), bool(row[5]))


def lookup_product(db: Database, code: str) -> ProductMatch | None:
    with db.reader() as s:
        return find_product(s, code)


@cache
def _first_warehouse_statement() -> Executable:
    return select(Warehouse.id).order_by(Warehouse.id).limit(1)


def default_warehouse_id(session: Session) -> int:
    wid = session.scalar(_first_warehouse_statement())
    if wid is None:
        raise NotFound("No warehouse is set up yet.")
    return int(wid)


def ensure_warehouse(db: Database, actor: Actor, code: str, name: str) -> int:
    actor.require(Permission.SETTINGS)
    with db.writer() as s:
        wid = s.scalar(select(Warehouse.id).where(Warehouse.code == code))
        if wid is not None:
            return wid
        wh = Warehouse(code=code, name=name)
        s.add(wh)
        s.flush()
        audit(s, actor, "create", "warehouse", wh.id, code=code)
        return wh.id


def get_customer(db: Database, customer_id: int) -> Customer:
    """A detached customer with addresses loaded (for dialogs)."""
    with db.reader() as s:
        customer = s.scalar(
            select(Customer).options(selectinload(Customer.addresses))
            .where(Customer.id == customer_id)
        )
        if customer is None:
            raise NotFound(f"Customer {customer_id} does not exist.")
        return customer
