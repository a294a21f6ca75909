"""Master data from a shop's previous system: products (with barcodes and stock) and
customers (with balances), read from CSV or XLSX through a column mapping.

This module only reads and checks; ``app.services.shop_import`` writes. Every row becomes
either a record or a ``RejectedRow`` with its line number and the reason, so a person can
fix the file and import again.

Files are read by the order-intake reader (``app.channels.reading`` for text with its
encoding detection, ``app.channels.generic.xlsx_rows`` for workbooks), and the column
mapping is the same ``ColumnMapping`` the intake mapping dialog edits and saves.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app.channels.generic import ColumnMapping, is_xlsx, xlsx_rows
from app.channels.reading import (
    RawRow,
    csv_rows,
    has_undecodable,
    open_text,
    parse_amount,
    sniff_delimiter,
)
from app.channels.reading import UnreadableFile as UnreadableFile  # re-exported for callers
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
    # Rows the reader could not take apart (malformed quoting, bytes not in the file's
    # encoding): reported like any other bad row, never imported.
    unreadable: list[RejectedRow] = field(default_factory=list)
    encoding: str = ""


def _norm(header: str) -> str:
    return "".join(header.strip().lower().replace("_", "").split())


def read_table(path: Path | str, encoding: str | None = None) -> Table:
    """The first sheet of an .xlsx, or a delimited text file, read by the same code as
    order intake: encoding detected (BOM, UTF-8, GB18030, cp1252) unless given, comma,
    semicolon or tab sniffed from the header line, quoted line breaks kept."""
    path = Path(path)
    enc = ""
    if is_xlsx(path):
        rows = xlsx_rows(path)
    else:
        lines, enc = open_text(path, encoding)
        rows = _delimited_rows(lines)
    header = next(rows, None)
    if header is None or not header.fields:
        raise UnreadableFile(f"{path.name}: the file is empty (no header row).")
    if has_undecodable(header.raw):
        raise UnreadableFile(
            f"{path.name} is not {enc}: choose the file's encoding (e.g. GB18030 or cp1252).")
    table = Table([h.strip().lstrip("\ufeff").strip() for h in header.fields], [],
                  encoding=enc)
    for row in rows:
        if not row.fields:
            table.unreadable.append(RejectedRow(
                row.line_no, f"malformed row: {row.raw.partition(chr(0))[2]}"))
        elif has_undecodable(row.raw):
            table.unreadable.append(RejectedRow(
                row.line_no, f"contains bytes that are not {enc}: choose the file's encoding"))
        else:
            table.rows.append((row.line_no, row.fields))
    return table


def _delimited_rows(lines: Iterator[str]) -> Iterator[RawRow]:
    """Rows of delimited text, the delimiter (comma, semicolon, tab) sniffed from the
    header line."""
    first = next(lines, "")

    def again() -> Iterator[str]:
        yield first
        yield from lines

    return csv_rows(again(), sniff_delimiter(first))


def parse_csv_text(text: str, name: str = "file") -> Table:
    """A table from text already in memory (tests, pasted data)."""
    rows = _delimited_rows(iter(io.StringIO(text, newline="")))
    header = next(rows, None)
    if header is None or not header.fields:
        raise UnreadableFile(f"{name}: the file is empty (no header row).")
    table = Table([h.strip().lstrip("\ufeff").strip() for h in header.fields], [])
    for row in rows:
        if row.fields:
            table.rows.append((row.line_no, row.fields))
        else:
            table.unreadable.append(RejectedRow(row.line_no, "malformed row"))
    return table


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


def initial_mapping(headers: list[str], kind: str,
                    saved: ColumnMapping | None = None) -> dict[str, str]:
    """The mapping to start from: the saved one where this file has those columns,
    recognised header names for the rest."""
    mapping = guess_mapping(headers, kind)
    if saved is not None:
        present = set(headers)
        for name, header in saved.single_columns().items():
            if header in present:
                mapping[name] = header
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
    """Amounts as order intake reads them: '1,280.00', '88,00', '¥12', '(3.00)'."""
    try:
        value = parse_amount(text)
    except ValueError:
        raise ValueError(f"{what} {text!r} is not a number") from None
    if value is None:
        return Decimal(0)
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
    bad: list[RejectedRow] = list(table.unreadable)
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
    bad: list[RejectedRow] = list(table.unreadable)
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
