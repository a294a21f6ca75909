"""Master data from a shop's previous system: products (with barcodes and stock) and
customers (with balances), read from CSV or XLSX through a column mapping.

This module only reads and checks; ``app.services.shop_import`` writes. Every row becomes
either a record or a ``RejectedRow`` with its line number and the reason, so a person can
fix the file and import again.

(Small and self-contained on purpose: it will be unified with the order-intake reader.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.domain.gtin import is_valid_gtin

# Target fields and the header names they are recognised by (lower case, no spaces).
PRODUCT_FIELDS: dict[str, tuple[str, ...]] = {
    "sku": ("sku", "code", "itemcode", "货号", "商品编码", "编码"),
    "name": ("name", "productname", "title", "品名", "商品名称", "名称"),
    "barcode": ("barcode", "ean", "upc", "gtin", "条码", "条形码"),
    "price": ("price", "listprice", "retailprice", "售价", "零售价", "价格"),
    "cost": ("cost", "costprice", "purchaseprice", "成本", "进价"),
    "stock": ("stock", "qty", "quantity", "onhand", "库存", "数量"),
    "category": ("category", "分类", "类别"),
    "specification": ("specification", "spec", "variant", "规格"),
    "unit": ("unit", "单位"),
    "weight_kg": ("weight", "weightkg", "重量"),
}
CUSTOMER_FIELDS: dict[str, tuple[str, ...]] = {
    "code": ("code", "customercode", "customerno", "客户编码", "编号"),
    "name": ("name", "customer", "customername", "客户", "客户名称", "姓名"),
    "phone": ("phone", "mobile", "tel", "telephone", "电话", "手机"),
    "email": ("email", "e-mail", "mail", "邮箱"),
    "balance": ("balance", "openingbalance", "owed", "amountdue", "余额", "欠款", "应收"),
    "province": ("province", "state", "省", "省份"),
    "city": ("city", "town", "市", "城市"),
    "district": ("district", "区", "区县"),
    "street": ("street", "address", "地址", "详细地址"),
    "postcode": ("postcode", "zip", "postalcode", "邮编"),
    "country": ("country", "国家"),
    "member_tier": ("tier", "membertier", "level", "会员等级"),
}
REQUIRED = {"product": ("sku", "name", "price"), "customer": ("name",)}


@dataclass(frozen=True)
class RejectedRow:
    line: int  # 1-based line (CSV) or row (XLSX) in the file, the header being line 1
    reason: str


@dataclass
class ProductRecord:
    line: int
    sku: str
    name: str
    price: Decimal
    cost: Decimal = Decimal(0)
    barcodes: list[str] = field(default_factory=list)
    stock: int = 0
    category: str = ""
    specification: str = ""
    unit: str = "pc"
    weight_kg: Decimal = Decimal(0)


@dataclass
class CustomerRecord:
    line: int
    name: str
    code: str = ""
    phone: str = ""
    email: str = ""
    balance: Decimal = Decimal(0)
    country: str = "CN"
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    postcode: str = ""
    member_tier: str = ""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line number, cells)


class UnreadableFile(ValueError):
    """The file as a whole cannot be read (format, encoding, no header)."""


def _norm(header: str) -> str:
    return "".join(header.strip().lower().replace("_", "").split())


def read_table(path: Path | str) -> Table:
    """The first sheet of an .xlsx, or a CSV (UTF-8 with or without BOM, else GB18030;
    comma, semicolon or tab separated)."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly anything
        raise UnreadableFile(f"{path.name}: neither UTF-8 nor GB18030 text.")
    return parse_csv_text(text, path.name)


def parse_csv_text(text: str, name: str = "file") -> Table:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for cells in reader:
        line = reader.line_num
        if headers is None:
            if any(c.strip() for c in cells):
                headers = [c.strip() for c in cells]
            continue
        if any(c.strip() for c in cells):
            rows.append((line, cells))
    if headers is None:
        raise UnreadableFile(f"{name}: the file is empty (no header row).")
    return Table(headers, rows)


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook  # imported when first needed (start-up time)

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zip, XML or format errors
        raise UnreadableFile(f"{path.name}: not a readable Excel workbook ({exc}).") from exc
    try:
        ws = wb.worksheets[0]
        headers: list[str] | None = None
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else _cell_text(v) for v in values]
            if headers is None:
                if any(c.strip() for c in cells):
                    headers = [c.strip() for c in cells]
                continue
            if any(c.strip() for c in cells):
                rows.append((number, cells))
    finally:
        wb.close()
    if headers is None:
        raise UnreadableFile(f"{path.name}: the first sheet is empty (no header row).")
    return Table(headers, rows)


def _cell_text(value: object) -> str:
    if isinstance(value, float):
        # Excel keeps numbers as floats: 6920000000017.0 → "6920000000017", 12.5 → "12.5"
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def guess_mapping(headers: Iterable[str], kind: str) -> dict[str, str]:
    """Target field → file header, for the headers that are recognised."""
    known = PRODUCT_FIELDS if kind == "product" else CUSTOMER_FIELDS
    mapping: dict[str, str] = {}
    for header in headers:
        key = _norm(header)
        for target, names in known.items():
            if target not in mapping and key in names:
                mapping[target] = header
    return mapping


def missing_fields(mapping: Mapping[str, str], kind: str) -> list[str]:
    return [f for f in REQUIRED[kind] if not mapping.get(f)]


def _values(table: Table, mapping: Mapping[str, str]) -> Iterable[tuple[int, dict[str, str]]]:
    index = {h: i for i, h in enumerate(table.headers)}
    unknown = [h for h in mapping.values() if h and h not in index]
    if unknown:
        raise UnreadableFile(f"The file has no column {', '.join(map(repr, unknown))}.")
    for line, cells in table.rows:
        yield line, {target: (cells[index[h]].strip() if index[h] < len(cells) else "")
                     for target, h in mapping.items() if h}


def _decimal(text: str, what: str, allow_negative: bool = False) -> Decimal:
    cleaned = text.replace(",", "").replace("¥", "").replace("￥", "").replace("$", "").strip()
    if not cleaned:
        return Decimal(0)
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{what} {text!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{what} {text!r} is not a number")
    if value < 0 and not allow_negative:
        raise ValueError(f"{what} {text!r} is negative")
    return value


def _quantity(text: str) -> int:
    value = _decimal(text, "stock")
    if value != value.to_integral_value():
        raise ValueError(f"stock {text!r} is not a whole number")
    return int(value)


def parse_products(
    table: Table, mapping: Mapping[str, str]
) -> tuple[list[ProductRecord], list[RejectedRow]]:
    """Checks each row on its own and against the rest of the file (duplicate SKUs and
    barcodes reject the later row)."""
    missing = missing_fields(mapping, "product")
    if missing:
        raise UnreadableFile(f"Map a column to {', '.join(missing)} first.")
    good: list[ProductRecord] = []
    bad: list[RejectedRow] = []
    skus: dict[str, int] = {}
    codes: dict[str, int] = {}
    for line, v in _values(table, mapping):
        try:
            sku, name = v.get("sku", ""), v.get("name", "")
            if not sku:
                raise ValueError("the SKU is empty")
            if len(sku) > 64:
                raise ValueError(f"the SKU {sku[:20]!r}… is longer than 64 characters")
            if not name:
                raise ValueError(f"the product {sku} has no name")
            if sku.upper() in skus:
                raise ValueError(f"SKU {sku} is also on line {skus[sku.upper()]}")
            barcodes = [c for c in v.get("barcode", "").replace(";", " ").replace("|", " ").split()]
            for code in barcodes:
                if code.isdigit() and len(code) in (8, 12, 13, 14) and not is_valid_gtin(code):
                    raise ValueError(f"barcode {code} has a wrong check digit or length")
                if code in codes:
                    raise ValueError(f"barcode {code} is also on line {codes[code]}")
            if not v.get("price", ""):
                raise ValueError(f"the product {sku} has no price")
            record = ProductRecord(
                line, sku, name[:255], _decimal(v["price"], "price"),
                cost=_decimal(v.get("cost", ""), "cost"), barcodes=barcodes,
                stock=_quantity(v.get("stock", "")), category=v.get("category", "")[:64],
                specification=v.get("specification", "")[:255],
                unit=(v.get("unit", "") or "pc")[:16],
                weight_kg=_decimal(v.get("weight_kg", ""), "weight"),
            )
        except ValueError as exc:
            bad.append(RejectedRow(line, str(exc)))
            continue
        skus[sku.upper()] = line
        for code in barcodes:
            codes[code] = line
        good.append(record)
    return good, bad


def parse_customers(
    table: Table, mapping: Mapping[str, str]
) -> tuple[list[CustomerRecord], list[RejectedRow]]:
    missing = missing_fields(mapping, "customer")
    if missing:
        raise UnreadableFile(f"Map a column to {', '.join(missing)} first.")
    good: list[CustomerRecord] = []
    bad: list[RejectedRow] = []
    seen: dict[str, int] = {}
    for line, v in _values(table, mapping):
        try:
            name = v.get("name", "")
            if not name:
                raise ValueError("the customer's name is empty")
            code = v.get("code", "")
            if code and code.upper() in seen:
                raise ValueError(f"customer code {code} is also on line {seen[code.upper()]}")
            if len(code) > 32:
                raise ValueError(f"the customer code {code[:20]!r}… is longer than 32 characters")
            country = (v.get("country", "") or "CN").upper()
            if len(country) != 2 or not country.isalpha():
                raise ValueError(f"country {v.get('country')!r} is not a two-letter code "
                                 "(CN, GB, US …)")
            record = CustomerRecord(
                line, name[:255], code=code, phone=v.get("phone", "")[:32],
                email=v.get("email", "")[:255],
                balance=_decimal(v.get("balance", ""), "balance", allow_negative=True),
                country=country, province=v.get("province", "")[:64],
                city=v.get("city", "")[:64], district=v.get("district", "")[:64],
                street=v.get("street", "")[:255], postcode=v.get("postcode", "")[:16],
                member_tier=v.get("member_tier", "")[:16],
            )
        except ValueError as exc:
            bad.append(RejectedRow(line, str(exc)))
            continue
        if code:
            seen[code.upper()] = line
        good.append(record)
    return good, bad
