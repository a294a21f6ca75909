"""Small builders for service and UI tests."""

from __future__ import annotations

from decimal import Decimal

from app.db.engine import Database
from app.services import catalog, stock
from app.services.catalog import AddressData, CustomerData, ProductData
from app.services.context import Actor


def make_shop(db: Database, actor: Actor, stock_qty: int = 10) -> dict[str, int]:
    """A warehouse, three products (one with a case barcode) and two customers."""
    wid = catalog.ensure_warehouse(db, actor, "MAIN", "Main warehouse")
    ids = {"warehouse": wid}
    ids["mug"] = catalog.create_product(db, actor, ProductData(
        "MUG-01", "Mug 马克杯", Decimal("25.00"), Decimal("9.50"),
        barcodes=[("6920000000012", 1), ("16920000000019", 12)]))
    ids["tee"] = catalog.create_product(db, actor, ProductData(
        "TEE-01", "T-shirt T恤", Decimal("59.90"), Decimal("20"), barcodes=[("6920000000029", 1)]))
    ids["lamp"] = catalog.create_product(db, actor, ProductData(
        "LAMP-01", "Desk lamp 台灯", Decimal("199.00"), Decimal("80")))
    for key in ("mug", "tee", "lamp"):
        if stock_qty:
            stock.receive(db, actor, ids[key], wid, stock_qty, "opening stock")
    ids["wang"] = catalog.create_customer(db, actor, CustomerData(
        "王伟", phone="+86 138 0013 8000", email="wang@example.cn",
        addresses=[AddressData("王伟", "+86 138 0013 8000", "CN", "广东省", "深圳市", "南山区",
                               "科技园南路88号")]))
    ids["smith"] = catalog.create_customer(db, actor, CustomerData(
        "Mary Smith", phone="+44 7700 900123", email="mary@example.com",
        addresses=[AddressData("Mary Smith", "", "GB", "", "London", "", "1 High Street",
                               "SW1A 1AA")]))
    return ids
