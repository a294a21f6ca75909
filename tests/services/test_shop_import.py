"""Importing an existing shop: products with barcodes and stock, customers with balances."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.channels.master_data import (
    UnreadableFile,
    guess_mapping,
    parse_csv_text,
    read_table,
)
from app.db import migrate
from app.db.engine import Database
from app.db.models import (
    Customer,
    CustomerAddress,
    CustomerOpeningBalance,
    Product,
    StockLevel,
    StockMove,
)
from app.domain.roles import Role
from app.services import catalog, shop_import, stock
from app.services.context import Actor
from app.services.errors import PermissionDenied
from tests.factories import make_shop

PRODUCTS_CSV = """\
货号,品名,条码,售价,成本,库存,规格
CUP-1,Tea cup 茶杯,6920000000036,18.50,6.2,40,White
CUP-2,Big cup 大杯,6920000000043;16920000000040,"1,280.00",300,5,
CUP-3,No price 无价,,,,3,
CUP-4,Bad code,6920000000049,10,1,1,
CUP-1,Duplicate SKU,,9,1,1,
CUP-5,Fraction stock,,9,1,1.5,
CUP-6,Taken barcode,6920000000067,9,1,1,
MUG-01,Existing SKU,,9,1,1,
CUP-7,No stock,,5,2,,
"""


def _count(db: Database, model: type) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_products_with_barcodes_and_stock(db: Database, admin: Actor, tmp_path: Path) -> None:
    """Good rows are written with barcodes and opening stock; bad rows keep line and reason."""
    ids = make_shop(db, admin, stock_qty=0)
    catalog.create_product(db, admin, catalog.ProductData(
        "PRE-1", "Already here", Decimal(1), barcodes=[("6920000000067", 1)]))
    table = read_table(_write(tmp_path, "products.csv", PRODUCTS_CSV))
    mapping = guess_mapping(table.headers, "product")
    assert mapping == {"sku": "货号", "name": "品名", "barcode": "条码", "price": "售价",
                       "cost": "成本", "stock": "库存", "specification": "规格"}
    report = shop_import.import_products(db, admin, table, mapping, source="products.csv")
    assert report.imported == 3 and report.stock_units == 45
    reasons = {r.line: r.reason for r in report.rejected}
    assert sorted(reasons) == [4, 5, 6, 7, 8, 9]
    assert "no price" in reasons[4]
    assert "check digit" in reasons[5]
    assert "also on line 2" in reasons[6]
    assert "whole number" in reasons[7]
    assert "6920000000067 already belongs" in reasons[8]
    assert "MUG-01 already exists" in reasons[9]
    big = catalog.lookup_product(db, "16920000000040")
    assert big is not None and big.sku == "CUP-2" and big.list_price == Decimal("1280.00")
    with db.reader() as s:
        on_hand = dict(s.execute(select(Product.sku, StockLevel.on_hand).join(
            StockLevel, StockLevel.product_id == Product.id)
            .where(StockLevel.warehouse_id == ids["warehouse"])).all())
        assert on_hand["CUP-1"] == 40 and on_hand["CUP-2"] == 5 and "CUP-7" not in on_hand
        moves = s.scalars(select(StockMove).where(StockMove.kind == "opening")).all()
        assert sum(m.quantity for m in moves) == 45
        assert "products.csv line 2" in moves[0].reason
    assert stock.verify(db) == []  # on hand equals the ledger, reserved the reservations


def test_dry_run_writes_nothing(db: Database, admin: Actor) -> None:
    make_shop(db, admin, stock_qty=0)
    table = parse_csv_text(PRODUCTS_CSV)
    before = _count(db, Product)
    report = shop_import.import_products(
        db, admin, table, guess_mapping(table.headers, "product"), dry_run=True)
    assert report.imported == 4 and report.dry_run and "would import 4" in report.summary()
    assert _count(db, Product) == before and _count(db, StockMove) == 0


def test_failure_while_writing_leaves_nothing_half_written(
    db: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the last write fails, the products written before it are rolled back too."""
    make_shop(db, admin, stock_qty=0)
    before = _count(db, Product)
    table = parse_csv_text(PRODUCTS_CSV)

    def broken_audit(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(shop_import, "audit", broken_audit)
    with pytest.raises(RuntimeError, match="disk full"):
        shop_import.import_products(db, admin, table, guess_mapping(table.headers, "product"))
    assert _count(db, Product) == before and _count(db, StockLevel) == 0


def test_counter_may_not_import_products(db: Database, admin: Actor) -> None:
    make_shop(db, admin, stock_qty=0)
    counter = Actor(None, "amy", Role.COUNTER)
    table = parse_csv_text(PRODUCTS_CSV)
    with pytest.raises(PermissionDenied, match="edit_products"):
        shop_import.import_products(db, counter, table, guess_mapping(table.headers, "product"))


CUSTOMERS_CSV = """\
Code;Name;Phone;Balance;Province;City;Street
K-1;王伟;+86 138 0013 8000;1250.50;广东省;深圳市;科技园南路88号
;Mary Smith;+44 7700 900123;-20;;London;1 High Street
K-2;;;;;;
K-1;Duplicate code;;;;;
K-3;Bad balance;;lots;;;
;李娜;;0;;;
"""


def test_customers_with_balances_from_gb18030_csv(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    """A GB18030, semicolon-separated export: balances become opening balances."""
    path = _write(tmp_path, "customers.csv", CUSTOMERS_CSV, "gb18030")
    table = read_table(path)
    mapping = guess_mapping(table.headers, "customer")
    report = shop_import.import_customers(db, admin, table, mapping, source="customers.csv")
    assert report.imported == 3 and report.balance_total == Decimal("1230.50")
    assert [(r.line, r.reason) for r in report.rejected] == [
        (4, "the customer's name is empty"),
        (5, "customer code K-1 is also on line 2"),
        (6, "balance 'lots' is not a number"),
    ]
    with db.reader() as s:
        customers = {c.name: c for c in s.scalars(select(Customer))}
        assert customers["王伟"].code == "K-1"
        assert customers["Mary Smith"].code
        assert customers["李娜"].code not in ("", customers["Mary Smith"].code)
        balances = {b.customer_id: b.amount for b in s.scalars(select(CustomerOpeningBalance))}
        assert balances == {customers["王伟"].id: Decimal("1250.50"),
                            customers["Mary Smith"].id: Decimal("-20")}
        addr = s.scalar(select(CustomerAddress).where(
            CustomerAddress.customer_id == customers["王伟"].id))
        assert addr is not None and (addr.city, addr.street) == ("深圳市", "科技园南路88号")
    # importing the same file again: every coded customer is now a duplicate
    again = shop_import.import_customers(db, admin, table, mapping)
    assert any("K-1 already exists" in r.reason for r in again.rejected)


def test_balances_need_the_finance_permission(db: Database) -> None:
    warehouse = Actor(None, "wu", Role.WAREHOUSE)
    counter = Actor(None, "amy", Role.COUNTER)
    table = parse_csv_text(CUSTOMERS_CSV)
    mapping = guess_mapping(table.headers, "customer")
    with pytest.raises(PermissionDenied):
        shop_import.import_customers(db, warehouse, table, mapping)
    with pytest.raises(PermissionDenied, match="finance"):
        shop_import.import_customers(db, counter, table, mapping)
    assert _count(db, Customer) == 0


def test_products_from_xlsx_with_numeric_cells(db: Database, admin: Actor, tmp_path: Path) -> None:
    """Excel stores barcodes and stock as numbers: they come back as clean text."""
    make_shop(db, admin, stock_qty=0)
    wb = Workbook()
    ws = wb.active
    ws.append(["SKU", "Name", "EAN", "Price", "Qty"])
    ws.append(["XL-1", "Excel item", 6920000000050, 12.5, 7])
    ws.append(["XL-2", None, None, 3, 1])
    path = tmp_path / "products.xlsx"
    wb.save(path)
    table = read_table(path)
    report = shop_import.import_products(db, admin, table, guess_mapping(table.headers, "product"))
    assert report.imported == 1 and [r.line for r in report.rejected] == [3]
    match = catalog.lookup_product(db, "6920000000050")
    assert match is not None and match.list_price == Decimal("12.5")


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="empty"):
        read_table(_write(tmp_path, "empty.csv", "\n\n"))
    with pytest.raises(UnreadableFile, match="XLSX workbook"):
        read_table(_write(tmp_path, "fake.xlsx", "not a zip"))
    table = parse_csv_text("a,b\n1,2\n")
    from app.channels.master_data import parse_products

    with pytest.raises(UnreadableFile, match="sku, name, price"):
        parse_products(table, guess_mapping(table.headers, "product"))


def test_read_by_the_order_intake_reader(db: Database, admin: Actor, tmp_path: Path) -> None:
    """Chinese Excel's GB18030 and Western Excel's cp1252 CSVs are detected like intake
    files; a row with a broken quote is reported with its line, the others kept."""
    make_shop(db, admin, stock_qty=0)
    gb = read_table(_write(tmp_path, "gb.csv", "货号;品名;售价;库存\r\nGB-1;茶杯;9.5;3\r\n",
                           "gb18030"))
    assert gb.encoding == "gb18030" and gb.headers == ["货号", "品名", "售价", "库存"]
    western = read_table(_write(
        tmp_path, "w.csv",
        'SKU\tName\tPrice\r\nW-1\tCafé crème\t2,50\r\nW-2\t"broken\t3\r\n', "cp1252"))
    assert western.encoding == "cp1252" and western.rows[0][1][1] == "Café crème"
    report = shop_import.import_products(db, admin, gb, guess_mapping(gb.headers, "product"))
    assert report.imported == 1 and report.stock_units == 3
    check = shop_import.import_products(db, admin, western,
                                        guess_mapping(western.headers, "product"), dry_run=True)
    assert check.imported == 1 and [r.line for r in check.rejected] == [3]
    assert "W-2 has no price" in check.rejected[0].reason  # the quote ate the rest of it


def test_saved_mapping_round_trip(db: Database, admin: Actor, tmp_path: Path) -> None:
    """The dialog's mapping is kept per kind and used by the next import (CLI too);
    columns the next file lacks fall back to recognised header names."""
    from app.channels.generic import ColumnMapping
    from app.channels.master_data import initial_mapping
    from app.services.errors import ValidationFailed

    assert shop_import.saved_mapping(db, "product") is None
    mapping = ColumnMapping(columns={"sku": "Item", "name": "Title", "price": "Retail"})
    shop_import.save_mapping(db, admin, "product", mapping)
    shop_import.save_mapping(db, admin, "product", mapping)  # saving again replaces
    saved = shop_import.saved_mapping(db, "product")
    assert saved is not None and saved.columns == mapping.columns
    assert shop_import.saved_mapping(db, "customer") is None
    assert initial_mapping(["Item", "Title", "Retail", "库存"], "product", saved) == {
        "sku": "Item", "name": "Title", "price": "Retail", "stock": "库存"}
    with pytest.raises(ValidationFailed, match="Unknown customer fields: price, sku"):
        shop_import.save_mapping(db, admin, "customer", mapping)
    warehouse = Actor(None, "wh", Role.WAREHOUSE, "ws")
    with pytest.raises(PermissionDenied):
        shop_import.save_mapping(db, warehouse, "customer", ColumnMapping({"name": "N"}))

    from app.cli import main

    make_shop(db, admin, stock_qty=0)
    path = _write(tmp_path, "p.csv", "Item,Title,Retail\nS-1,Saved map,3\n")
    assert main(["import-shop", "--database", db.url, "products", str(path)]) == 0
    assert catalog.lookup_product(db, "S-1") is not None


def test_schema_matches_models(db: Database) -> None:
    """Migration 0700 creates exactly what the models describe."""
    assert migrate.check(db.engine) == []


def test_cli_check_then_import(db: Database, admin: Actor, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    """`orderdesk import-shop products FILE --check` lists problems and writes nothing."""
    from app.cli import main

    make_shop(db, admin, stock_qty=0)
    path = _write(tmp_path, "p.csv", "Item,Title,Retail\nA-1,Apple,3\nA-2,,4\n")
    before = _count(db, Product)
    args = ["import-shop", "--database", db.url, "products", str(path), "--map", "sku=Item",
            "--map", "name=Title", "--map", "price=Retail"]
    assert main([*args, "--check"]) == 0
    out = capsys.readouterr().out
    assert "would import 1 products" in out and "line 3: the product A-2 has no name" in out
    assert _count(db, Product) == before
    assert main(args) == 0
    assert _count(db, Product) == before + 1
