"""Importers and the awkward files they meet: encodings, CRLF, quoted line breaks,
money and dates as people write them, trailing empty rows, unreadable rows, XLSX."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.channels import UnreadableFile, read_file
from app.channels.generic import ColumnMapping, read_header
from app.channels.reading import detect_encoding, parse_amount, parse_datetime, parse_quantity
from app.channels.records import IntakeOrder, UnreadableRow
from app.channels.shopify_sample import order_rows, write_export

AMAZON = Path("/work/shared/testdata/amazon/SimpleInventory_amazon_new_orders_report.tsv")


def _orders(items: object) -> list[IntakeOrder]:
    return [i for i in items if isinstance(i, IntakeOrder)]  # type: ignore[attr-defined]


def test_shopify_groups_line_items_by_name(tmp_path: Path) -> None:
    """One order per Name; order-level columns come from its first row."""
    f = write_export(tmp_path / "s.csv", [
        order_rows("#1001", [("MUG-01", "Mug", 2, "25.00"), ("TEE-01", "Tee", 1, "59.90")]),
        order_rows("#1002", [("LAMP-01", "Lamp", 1, "199.00")], cancelled_at="2024-03-06"),
    ])
    orders = _orders(read_file("shopify", f))
    assert [o.external_ref for o in orders] == ["#1001", "#1002"]
    first = orders[0]
    assert [(li.sku, li.quantity, li.unit_price) for li in first.lines] == [
        ("MUG-01", 2, Decimal("25.00")), ("TEE-01", 1, Decimal("59.90"))]
    assert first.total == Decimal("114.90") and first.shipping == Decimal("5.00")
    assert first.ship.country == "US" and first.ship.city == "San Francisco"
    assert first.placed_at == datetime(2024, 3, 5, 22, 22, 1, tzinfo=UTC)
    assert orders[1].cancelled and not first.cancelled


def test_utf8_bom_and_crlf(tmp_path: Path) -> None:
    f = write_export(tmp_path / "bom.csv", [order_rows("#1", [("A", "Ä", 1, "1.00")],
                                                       name="Zoë Ünal")], encoding="utf-8-sig")
    assert f.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in f.read_bytes()
    (o,) = _orders(read_file("shopify", f))
    assert o.external_ref == "#1" and o.customer_name == "Zoë Ünal"


def test_gb18030_detected(tmp_path: Path) -> None:
    text = ("订单编号,收货人姓名,收货地址,联系手机,宝贝标题,商家编码,数量,单价,总金额\r\n"
            "T1,王伟,广东省 深圳市 南山区 科技园南路88号(518000),13800138000,马克杯,MUG-01,2,"
            "25.00,50.00\r\n")
    f = tmp_path / "taobao.csv"
    f.write_bytes(text.encode("gb18030"))
    assert detect_encoding(f.read_bytes()) == "gb18030"
    mapping = ColumnMapping({"order_ref": "订单编号", "customer_name": "收货人姓名",
                             "ship_address": "收货地址", "phone": "联系手机",
                             "item_name": "宝贝标题",
                             "sku": "商家编码", "quantity": "数量", "unit_price": "单价",
                             "total": "总金额"}, default_country="CN", default_currency="CNY")
    (o,) = _orders(read_file("csv", f, "taobao", mapping=mapping))
    assert (o.ship.province, o.ship.city, o.ship.district, o.ship.street, o.ship.postcode) == (
        "广东省", "深圳市", "南山区", "科技园南路88号", "518000")
    assert o.customer_name == "王伟" and o.currency == "CNY" and o.ship.country == "CN"
    assert read_header(f)[0] == "订单编号"


def test_cp1252_detected_and_override(tmp_path: Path) -> None:
    f = write_export(tmp_path / "w.csv", [order_rows("#7", [("A", "Café crème", 1, "3.00")],
                                                     name="Jürgen Müller", street="Hauptstraße 5")],
                     encoding="cp1252")
    (o,) = _orders(read_file("shopify", f))
    assert o.customer_name == "Jürgen Müller" and o.ship.street == "Hauptstraße 5"
    # The user can override a wrong guess: read as latin-1 the ü is the same byte.
    (o2,) = _orders(read_file("shopify", f, encoding="latin-1"))
    assert o2.customer_name == "Jürgen Müller"


def test_quoted_multiline_address_and_commas(tmp_path: Path) -> None:
    f = write_export(tmp_path / "q.csv", [
        order_rows("#5", [("A", "Thing, large", 1, "2.00")], street="Flat 2,\nOld Mill, Mill Rd"),
        order_rows("#6", [("B", "Other", 1, "2.00")]),
    ])
    orders = _orders(read_file("shopify", f))
    assert orders[0].ship.street == "Flat 2,\nOld Mill, Mill Rd"
    assert orders[0].lines[0].name == "Thing, large"
    # billing and shipping street each hold a line break: the record spans lines 2-4
    assert orders[1].first_line == 5


def test_trailing_empty_rows_are_ignored(tmp_path: Path) -> None:
    f = write_export(tmp_path / "t.csv", [order_rows("#1", [("A", "a", 1, "1.00")])])
    with open(f, "a", encoding="utf-8", newline="") as fh:
        fh.write(",,,,\r\n\r\n,,\r\n")
    items = list(read_file("shopify", f))
    assert len(items) == 1 and isinstance(items[0], IntakeOrder)


def test_unreadable_rows_kept_with_line_and_reason(tmp_path: Path) -> None:
    f = write_export(tmp_path / "u.csv", [order_rows("#1", [("A", "a", 1, "1.00")])])
    with open(f, "ab") as fh:
        fh.write(b"#2" + b",x" * 80 + b"\r\n")  # more fields than the header
        fh.write(b",no order number here\r\n")
        fh.write(b"#3,\xff\xfe broken bytes\r\n")
    items = list(read_file("shopify", f, encoding="utf-8"))
    bad = [i for i in items if isinstance(i, UnreadableRow)]
    assert [b.line_no for b in bad] == [3, 4, 5]
    assert "fields" in bad[0].reason and "no order number" in bad[1].reason
    assert "utf-8" in bad[2].reason and "\ufffd" in bad[2].raw
    assert bad[0].raw.startswith("#2,x")


def test_not_a_shopify_file_is_unreadable(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n")
    with pytest.raises(UnreadableFile, match="not a Shopify file"):
        read_file("shopify", f)
    with pytest.raises(UnreadableFile):
        read_file("shopify", tmp_path / "missing.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n")
    with pytest.raises(UnreadableFile, match="empty"):
        read_file("shopify", empty)


def test_amazon_report_from_public_fixture() -> None:
    orders = _orders(read_file("amazon", AMAZON))
    refs = [o.external_ref for o in orders]
    assert refs[:3] == ["123-4567890-1234567", "234-5678901-2345678", "111-2222222-3333333"]
    two = orders[1]
    assert [(li.sku, li.quantity) for li in two.lines] == [("1", 1), ("2", 2)]
    # item-price is for the whole quantity; shipping per item row adds up.
    assert two.lines[1].unit_price == Decimal("0.645")
    assert two.shipping == Decimal("3.98")
    assert two.ship.postcode == "11111-2222" and two.ship.province == "AK"
    assert two.placed_at == datetime(2009, 1, 1, 18, 50, 49, tzinfo=UTC)


def test_woocommerce_export(tmp_path: Path) -> None:
    f = tmp_path / "woo.csv"
    f.write_text(
        "Order Number,Order Status,Order Date,First Name (Billing),Last Name (Billing),"
        "Email (Billing),Phone (Billing),First Name (Shipping),Last Name (Shipping),"
        "Address 1&2 (Shipping),City (Shipping),State Code (Shipping),Postcode (Shipping),"
        "Country Code (Shipping),Order Currency,Order Shipping Amount,Order Total Amount,SKU,"
        "Item Name,Quantity,Item Cost\r\n"
        "501,processing,2024-03-05 10:00,Mary,Smith,mary@example.com,+44 7700 900123,Mary,Smith,"
        "\"1 High Street\",London,,SW1A 1AA,GB,GBP,\"£4.50\",\"£1,054.50\",LAMP-01,Lamp,1,"
        "\"£1,050.00\"\r\n"
        "502,cancelled,05.03.2024 11:00,Ann,Lee,ann@example.com,,Ann,Lee,x,Leeds,,LS1 4AP,GB,"
        "GBP,0,10,MUG-01,Mug,1,10\r\n", encoding="utf-8")
    a, b = _orders(read_file("woocommerce", f))
    assert a.customer_name == "Mary Smith" and a.ship.recipient == "Mary Smith"
    assert a.total == Decimal("1054.50") and a.lines[0].unit_price == Decimal("1050.00")
    assert a.shipping == Decimal("4.50") and a.currency == "GBP"
    assert b.cancelled and b.placed_at == datetime(2024, 3, 5, 11, 0, tzinfo=UTC)


def test_xlsx_with_mapping(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Order", "Buyer", "Phone", "Country", "Province", "City", "District", "Street",
               "SKU", "Qty", "Price"])
    ws.append(["E-1", "李娜", "13800138000", "中国", "浙江省", "杭州市", "西湖区", "文三路5号",
               "MUG-01", 3, 25.5])
    ws.append([None] * 11)
    f = tmp_path / "erp.xlsx"
    wb.save(f)
    mapping = ColumnMapping({"order_ref": "Order", "customer_name": "Buyer", "phone": "Phone",
                             "ship_country": "Country", "ship_province": "Province",
                             "ship_city": "City", "ship_district": "District",
                             "ship_street": "Street", "sku": "SKU", "quantity": "Qty",
                             "unit_price": "Price"})
    (o,) = _orders(read_file("csv", f, "erp", mapping=mapping))
    assert o.ship.country == "CN" and o.lines[0].quantity == 3
    assert o.lines[0].unit_price == Decimal("25.5")


def test_mapping_json_round_trip_and_unknown_field() -> None:
    m = ColumnMapping({"order_ref": "No", "customer_name": ["First", "Last"]},
                      timezone="Asia/Shanghai")
    assert ColumnMapping.from_json(m.to_json()) == m
    with pytest.raises(ValueError, match="unknown fields"):
        ColumnMapping.from_json('{"order_number": "x"}')


@pytest.mark.parametrize(("text", "value"), [
    ("$1,234.50", "1234.50"), ("1.234,50 €", "1234.50"), ("¥1,299", "1299"), ("USD 12", "12"),
    ("(3.00)", "-3.00"), ("12,50", "12.50"), ("£ 1 050.00", "1050.00"), ("￥88.8", "88.8"),
    ("-4.5", "-4.5"), ("1,234,567", "1234567"),
])
def test_money_as_written(text: str, value: str) -> None:
    assert parse_amount(text) == Decimal(value)


def test_money_not_an_amount() -> None:
    assert parse_amount("  ") is None
    with pytest.raises(ValueError):
        parse_amount("twelve")


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-05 14:22:01 +0800", datetime(2024, 3, 5, 6, 22, 1, tzinfo=UTC)),
    ("2009-01-01T10:50:49-08:00", datetime(2009, 1, 1, 18, 50, 49, tzinfo=UTC)),
    ("2024-03-05T06:22:01Z", datetime(2024, 3, 5, 6, 22, 1, tzinfo=UTC)),
    ("2024/03/05 14:22", datetime(2024, 3, 5, 14, 22, tzinfo=UTC)),
    ("03/05/2024 2:22 PM", datetime(2024, 3, 5, 14, 22, tzinfo=UTC)),
    ("05.03.2024", datetime(2024, 3, 5, tzinfo=UTC)),
    ("2024年3月5日 14:22", datetime(2024, 3, 5, 14, 22, tzinfo=UTC)),
    ("2024-03-05 14:22:01 PST", datetime(2024, 3, 5, 22, 22, 1, tzinfo=UTC)),
])
def test_dates_and_time_zones(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


def test_naive_time_read_in_channel_zone() -> None:
    from zoneinfo import ZoneInfo

    assert parse_datetime("2024-03-05 08:00", ZoneInfo("Asia/Shanghai")) == datetime(
        2024, 3, 5, 0, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        parse_datetime("yesterday")


def test_quantity_whole_numbers_only() -> None:
    assert parse_quantity("2") == 2 and parse_quantity("3.0") == 3
    assert parse_quantity("1.5") is None and parse_quantity("two") is None


def test_bad_quantity_and_price_are_field_errors(tmp_path: Path) -> None:
    f = write_export(tmp_path / "b.csv", [order_rows("#9", [("A", "a", 1, "1.00")])])
    text = f.read_text().replace(",1,a,1.00,", ",1.5,a,abc,")
    f.write_text(text)
    (o,) = _orders(read_file("shopify", f))
    assert o.lines[0].quantity is None and o.lines[0].raw_quantity == "1.5"
    fields = [name for name, _ in o.field_errors]
    assert "lines[1].quantity" in fields and "lines[1].unit_price" in fields


def test_content_hash_ignores_source_position() -> None:
    a = IntakeOrder("s", "#1", customer_name="A", source_file="x.csv", first_line=2)
    b = IntakeOrder("s", "#1", customer_name="A", source_file="y.csv", first_line=90)
    c = IntakeOrder("s", "#1", customer_name="B")
    assert a.content_hash() == b.content_hash() != c.content_hash()
