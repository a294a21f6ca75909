"""All ORM models. Each area has its own module; import them here so Alembic sees them."""

from app.db.base import Base
from app.db.models.catalog import (
    BinLocation,
    Product,
    ProductBarcode,
    Reservation,
    StockLevel,
    StockMove,
    Warehouse,
)
from app.db.models.core import AuditEntry, DocumentSequence, User
from app.db.models.opening import CustomerOpeningBalance
from app.db.models.sales import Customer, CustomerAddress, Order, OrderLine, OrderStatusChange

__all__ = [
    "AuditEntry", "Base", "BinLocation", "Customer", "CustomerAddress", "CustomerOpeningBalance", "DocumentSequence",
    "Order", "OrderLine", "OrderStatusChange", "Product", "ProductBarcode", "Reservation",
    "StockLevel", "StockMove", "User", "Warehouse",
]
