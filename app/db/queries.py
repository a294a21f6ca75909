"""Read-only queries for the big lists in the UI: keyset-paged, index-backed, returning
plain frozen dataclasses (never ORM objects, so results can cross threads).

Order search uses the indexes the first migration made: SQLite FTS5 ``order_search``
(trigram tokenizer, needs at least 3 characters) and PostgreSQL pg_trgm on
``number || ' ' || customer_name || ' ' || phone``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.db.models import Customer, Order, Product, ProductBarcode, StockLevel

PAGE_SIZE = 200
TRIGRAM_MIN = 3


@dataclass(frozen=True)
class OrderRow:
    id: int
    number: str
    created_at: datetime
    customer_name: str
    phone: str
    status: str
    channel: str
    currency: str
    total: Decimal


@dataclass(frozen=True)
class ProductRow:
    id: int
    sku: str
    name: str
    specification: str
    unit: str
    list_price: Decimal
    on_hand: int
    reserved: int

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


@dataclass(frozen=True)
class CustomerRow:
    id: int
    code: str
    name: str
    phone: str
    email: str


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _prefix(column: InstrumentedAttribute[str], prefix: str) -> ColumnElement[bool]:
    return and_(column >= prefix, column < prefix + "\U0010ffff")


def _order_search(stmt: Select[tuple[object, ...]], session: Session, search: str
                  ) -> Select[tuple[object, ...]]:
    search = search.strip()
    if not search:
        return stmt
    if session.get_bind().dialect.name == "sqlite":
        if len(search) < TRIGRAM_MIN:
            # Too short for trigrams: a prefix of the number or the customer's name, as an
            # index range (a 2-character Chinese name is a common search).
            return stmt.where(or_(_prefix(Order.number, search.upper()),
                                  _prefix(Order.customer_name, search)))
        phrase = '"' + search.replace('"', '""') + '"'
        matching = (select(literal_column("rowid")).select_from(table("order_search"))
                    .where(text("order_search MATCH :q").bindparams(q=phrase)))
        return stmt.where(Order.id.in_(matching))
    if len(search) < TRIGRAM_MIN:
        # pg_trgm cannot serve it: a prefix, from the text_pattern_ops indexes (rev. 1800).
        return stmt.where(or_(Order.number.like(_like_escape(search.upper()) + "%", escape="\\"),
                              Order.customer_name.like(_like_escape(search) + "%",
                                                       escape="\\")))
    haystack = Order.number + literal(" ") + Order.customer_name + literal(" ") + Order.phone
    return stmt.where(haystack.ilike("%" + _like_escape(search) + "%", escape="\\"))


def list_orders(
    session: Session, *, search: str = "", status: str | None = None,
    before_id: int | None = None, from_id: int | None = None, limit: int = PAGE_SIZE,
) -> list[OrderRow]:
    """Newest first; the next page starts below ``before_id`` (keyset, no OFFSET).
    ``from_id``: only orders with an id at least this (a live refresh of what is loaded)."""
    stmt: Select[tuple[object, ...]] = select(
        Order.id, Order.number, Order.created_at, Order.customer_name, Order.phone,
        Order.status, Order.channel, Order.currency, Order.total,
    )
    stmt = _order_search(stmt, session, search)
    if status:
        stmt = stmt.where(Order.status == status)
    if before_id is not None:
        stmt = stmt.where(Order.id < before_id)
    if from_id is not None:
        stmt = stmt.where(Order.id >= from_id)
    stmt = stmt.order_by(Order.id.desc()).limit(limit)
    return [OrderRow(*row) for row in session.execute(stmt)]


def _stock_totals() -> Select[tuple[object, ...]]:
    return (select(StockLevel.product_id,
                   func.sum(StockLevel.on_hand).label("on_hand"),
                   func.sum(StockLevel.reserved).label("reserved"))
            .group_by(StockLevel.product_id))


def list_products(
    session: Session, *, search: str = "", after_sku: str | None = None,
    limit: int = PAGE_SIZE, active_only: bool = True,
) -> list[ProductRow]:
    """Products by SKU with on hand / reserved over all warehouses; keyset on SKU."""
    totals = _stock_totals().subquery()
    stmt = (
        select(Product.id, Product.sku, Product.name, Product.specification, Product.unit,
               Product.list_price, func.coalesce(totals.c.on_hand, 0),
               func.coalesce(totals.c.reserved, 0))
        .outerjoin(totals, totals.c.product_id == Product.id)
    )
    if active_only:
        stmt = stmt.where(Product.active.is_(True))
    search = search.strip()
    if search:
        pattern = "%" + _like_escape(search) + "%"
        by_barcode = select(ProductBarcode.product_id).where(
            ProductBarcode.code.like(_like_escape(search) + "%", escape="\\"))
        stmt = stmt.where(or_(Product.sku.ilike(pattern, escape="\\"),
                              Product.name.ilike(pattern, escape="\\"),
                              Product.id.in_(by_barcode)))
    if after_sku is not None:
        stmt = stmt.where(Product.sku > after_sku)
    stmt = stmt.order_by(Product.sku).limit(limit)
    return [ProductRow(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6]), int(r[7]))
            for r in session.execute(stmt)]


def product_row(session: Session, product_id: int) -> ProductRow | None:
    totals = _stock_totals().where(StockLevel.product_id == product_id).subquery()
    r = session.execute(
        select(Product.id, Product.sku, Product.name, Product.specification, Product.unit,
               Product.list_price, func.coalesce(totals.c.on_hand, 0),
               func.coalesce(totals.c.reserved, 0))
        .outerjoin(totals, totals.c.product_id == Product.id)
        .where(Product.id == product_id)
    ).first()
    if r is None:
        return None
    return ProductRow(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6]), int(r[7]))


def search_customers(session: Session, search: str, limit: int = 50) -> list[CustomerRow]:
    """By code (prefix), name or phone (substring); the most recently added first."""
    stmt = select(Customer.id, Customer.code, Customer.name, Customer.phone, Customer.email)
    search = search.strip()
    if search:
        pattern = "%" + _like_escape(search) + "%"
        digits = "".join(ch for ch in search if ch.isdigit())
        conditions = [Customer.code.ilike(_like_escape(search) + "%", escape="\\"),
                      Customer.name.ilike(pattern, escape="\\"),
                      Customer.phone.like(pattern, escape="\\")]
        if digits and digits != search:
            conditions.append(Customer.phone.like("%" + digits + "%"))
        stmt = stmt.where(or_(*conditions))
    stmt = stmt.order_by(Customer.id.desc()).limit(limit)
    return [CustomerRow(*row) for row in session.execute(stmt)]


def count_orders_by_status(session: Session) -> dict[str, int]:
    return {status: int(n) for status, n in session.execute(
        select(Order.status, func.count()).group_by(Order.status))}


__all__ = [
    "PAGE_SIZE", "CustomerRow", "OrderRow", "ProductRow", "count_orders_by_status",
    "list_orders", "list_products", "product_row", "search_customers",
]
