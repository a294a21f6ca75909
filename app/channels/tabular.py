"""The engine every table-shaped export goes through: a header row, one row per line item,
the order's id repeated on each of its rows. A format is a column mapping (canonical field →
one or more source headers) plus a few options; the engine groups rows into orders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from decimal import Decimal
from pathlib import Path

from app.channels.reading import (
    RawRow,
    UnreadableFile,
    country_code,
    csv_rows,
    has_undecodable,
    open_text,
    parse_amount,
    parse_datetime,
    parse_quantity,
    printable_raw,
    sniff_delimiter,
)
from app.channels.records import IntakeAddress, IntakeItem, IntakeLine, IntakeOrder, UnreadableRow

# Canonical fields a mapping can fill. A value may name several columns (joined by a space,
# e.g. first + last name) — write them as a list.
ORDER_FIELDS = (
    "order_ref", "placed_at", "customer_name", "email", "phone", "ship_recipient", "ship_phone",
    "ship_country", "ship_province", "ship_city", "ship_district", "ship_street", "ship_street2",
    "ship_postcode", "ship_address", "currency", "subtotal", "shipping", "discount", "tax", "total",
    "financial_status", "fulfillment_status", "status", "cancelled_at", "discount_codes", "notes",
)
LINE_FIELDS = ("sku", "barcode", "item_name", "quantity", "unit_price", "line_total",
               "line_discount", "line_shipping", "line_tax")
ALL_FIELDS = ORDER_FIELDS + LINE_FIELDS
MONEY_FIELDS = ("subtotal", "shipping", "discount", "tax", "total")

Columns = str | Sequence[str]


@dataclass
class TableFormat:
    """How one export's columns map onto intake records."""

    name: str
    columns: Mapping[str, Sequence[Columns]]  # canonical field → candidate headers, in order
    delimiter: str | None = None  # None: sniff from the header line
    line_price_is_total: bool = False  # Amazon: item-price is for the whole quantity
    per_row_amounts: bool = False  # shipping/tax given per item row, summed per order
    cancelled_statuses: frozenset[str] = frozenset({"cancelled", "canceled", "voided",
                                                    "已取消", "交易关闭"})
    default_country: str = ""
    default_currency: str = ""
    timezone: tzinfo = UTC


@dataclass
class _Resolved:
    """Column indexes for each canonical field, for one file's header."""

    index: dict[str, list[int]] = field(default_factory=dict)
    single: dict[str, int] = field(default_factory=dict)
    getters: dict[str, Callable[[list[str]], str]] = field(default_factory=dict)

    def getter(self, name: str) -> Callable[[list[str]], str]:
        """A fast reader of one field, for the per-row loop (made once per file)."""
        made = self.getters.get(name)
        if made is None:
            made = self.getters[name] = self._make_getter(name)
        return made

    def _make_getter(self, name: str) -> Callable[[list[str]], str]:
        i = self.single.get(name)
        if i is not None:
            def one(row: list[str]) -> str:
                return row[i].strip() if i < len(row) else ""

            return one
        if name not in self.index:
            return _no_value
        return lambda row: self.get(name, row)

    def get(self, name: str, row: list[str]) -> str:
        i = self.single.get(name)
        if i is not None:
            return row[i].strip() if i < len(row) else ""
        idx = self.index.get(name)
        if not idx:
            return ""
        return " ".join(p for p in (row[i].strip() for i in idx if i < len(row)) if p)


def _no_value(_row: list[str]) -> str:
    return ""


def _norm(header: str) -> str:
    return header.strip().lstrip("\ufeff").strip('"').strip().lower()


def resolve(fmt: TableFormat, header: list[str]) -> _Resolved:
    positions: dict[str, int] = {}
    for i, h in enumerate(header):
        positions.setdefault(_norm(h), i)
    out = _Resolved()
    for name, candidates in fmt.columns.items():
        for cand in candidates:
            names = [cand] if isinstance(cand, str) else list(cand)
            if all(_norm(n) in positions for n in names):
                out.index[name] = [positions[_norm(n)] for n in names]
                if len(names) == 1:
                    out.single[name] = out.index[name][0]
                break
    if "order_ref" not in out.index:
        wanted = " or ".join(repr(c) for c in fmt.columns.get("order_ref", ()))
        raise UnreadableFile(
            f"This is not a {fmt.name} file: no order number column ({wanted}) in its header."
        )
    if "sku" not in out.index and "barcode" not in out.index:
        raise UnreadableFile(f"This is not a {fmt.name} file: no SKU column in its header.")
    return out


def read_delimited(
    path: Path, fmt: TableFormat, channel: str, encoding: str | None = None
) -> Iterator[IntakeItem]:
    lines, enc = open_text(path, encoding)
    first = next(lines, "")
    delimiter = fmt.delimiter or sniff_delimiter(first)

    def all_lines() -> Iterator[str]:
        yield first
        yield from lines

    rows = csv_rows(all_lines(), delimiter)
    header_row = next(rows, None)
    if header_row is None or not header_row.fields:
        raise UnreadableFile(f"{path.name} has no header row.")
    if has_undecodable(header_row.raw):
        raise UnreadableFile(
            f"{path.name} is not {enc}: choose the file's encoding (e.g. GB18030 or cp1252)."
        )
    yield from orders_from_rows(rows, header_row.fields, fmt, channel, path.name, enc,
                                header_raw=header_row.raw.rstrip("\r\n"))


def orders_from_rows(
    rows: Iterator[RawRow], header: list[str], fmt: TableFormat, channel: str, source: str,
    encoding: str = "utf-8", header_raw: str = "",
) -> Iterator[IntakeItem]:
    cols = resolve(fmt, header)
    head = header_raw or "\t".join(header)
    width = len(header)
    group: list[RawRow] = []
    key = ""
    for row in rows:
        if not row.fields:
            raw, _, reason = row.raw.partition("\x00")
            yield UnreadableRow(row.line_no, printable_raw(raw, encoding),
                                f"malformed row: {reason}", source, head)
            continue
        if has_undecodable(row.raw):
            yield UnreadableRow(row.line_no, printable_raw(row.raw, encoding),
                                f"contains bytes that are not {encoding}", source, head)
            continue
        if len(row.fields) > width and any(f.strip() for f in row.fields[width:]):
            yield UnreadableRow(row.line_no, row.raw,
                                f"has {len(row.fields)} fields, the header has {width}",
                                source, head)
            continue
        ref = cols.get("order_ref", row.fields)
        if not ref:
            yield UnreadableRow(row.line_no, row.raw, "no order number", source, head)
            continue
        if ref != key and group:
            yield build_order(group, cols, fmt, channel, source)
            group = []
        key = ref
        group.append(row)
    if group:
        yield build_order(group, cols, fmt, channel, source)


_ORDER_FIELD_SET = frozenset(ORDER_FIELDS)
_ZERO = Decimal(0)


def _later(rows: list[RawRow], cols: _Resolved, name: str) -> str:
    """The first value of ``name`` on the order's later rows (its first row has none)."""
    i = cols.single.get(name)
    if i is None:
        for r in rows[1:]:
            v = cols.get(name, r.fields)
            if v:
                return v
        return ""
    for r in rows[1:]:
        f = r.fields
        if i < len(f):
            v = f[i].strip()
            if v:
                return v
    return ""


def build_order(
    rows: list[RawRow], cols: _Resolved, fmt: TableFormat, channel: str, source: str
) -> IntakeOrder:
    errors: list[tuple[str, str]] = []
    first = rows[0].fields
    width = len(first)
    head = {name: first[i].strip() if i < width else "" for name, i in cols.single.items()}
    for name in cols.index:
        if name not in cols.single:
            head[name] = cols.get(name, first)
    if len(rows) > 1:
        # Order-level values are on the first row; an export that leaves one empty there
        # may carry it on a later row of the same order.
        for name in [n for n, v in head.items() if not v and n in _ORDER_FIELD_SET]:
            head[name] = _later(rows, cols, name)
    value_of = head.get

    def text(name: str) -> str:
        return value_of(name, "")

    def money(name: str, value: str) -> Decimal | None:
        try:
            return parse_amount(value)
        except ValueError:
            errors.append((name, f"{value!r} is not an amount"))
            return None

    ship_street = " ".join(p for p in (text("ship_street"), text("ship_street2")) if p)
    ship = IntakeAddress(
        recipient=text("ship_recipient") or text("customer_name"),
        phone=text("ship_phone") or text("phone"),
        country=country_code(text("ship_country"), fmt.default_country),
        province=text("ship_province"), city=text("ship_city"), district=text("ship_district"),
        street=ship_street, postcode=text("ship_postcode"),
    )
    full = text("ship_address")
    if full and not (ship.province or ship.city or ship.street):
        _split_full_address(ship, full)
    order = IntakeOrder(
        channel=channel, external_ref=cols.get("order_ref", rows[0].fields),
        customer_name=text("customer_name") or ship.recipient,
        email=text("email"), phone=text("phone") or ship.phone, ship=ship,
        currency=(text("currency") or fmt.default_currency).upper(),
        financial_status=text("financial_status"),
        fulfillment_status=text("fulfillment_status") or text("status"),
        discount_codes=text("discount_codes"), notes=text("notes"),
        source_file=source, first_line=rows[0].line_no,
    )
    placed = text("placed_at")
    if placed:
        try:
            order.placed_at = parse_datetime(placed, fmt.timezone)
        except ValueError:
            errors.append(("placed_at", f"{placed!r} is not a date"))
    status = text("status").lower()
    order.cancelled = bool(text("cancelled_at")) or status in fmt.cancelled_statuses
    for name in MONEY_FIELDS:
        if fmt.per_row_amounts and name in ("shipping", "tax") and f"line_{name}" in cols.index:
            continue
        value = money(name, text(name))
        if name in ("subtotal", "total"):
            setattr(order, name, value)
        elif value is not None:
            setattr(order, name, value)
    get = cols.getter
    sku_of, barcode_of, qty_of = get("sku"), get("barcode"), get("quantity")
    price_of, total_of, disc_of, name_of = (get("unit_price"), get("line_total"),
                                            get("line_discount"), get("item_name"))
    for i, r in enumerate(rows, start=1):
        f = r.fields
        sku = sku_of(f)
        barcode = barcode_of(f)
        raw_qty = qty_of(f)
        qty = parse_quantity(raw_qty) if raw_qty else 1
        if raw_qty and qty is None:
            errors.append((f"lines[{i}].quantity", f"{raw_qty!r} is not a whole number"))
        price_text = price_of(f)
        total_text = total_of(f)
        price = money(f"lines[{i}].unit_price", price_text)
        if fmt.line_price_is_total and price is not None and qty:
            price = price / qty
        if price is None and total_text and qty:
            line_total = money(f"lines[{i}].line_total", total_text)
            price = line_total / qty if line_total is not None else None
        disc_text = disc_of(f)
        disc = (money(f"lines[{i}].discount", disc_text) if disc_text else None) or _ZERO
        order.lines.append(IntakeLine(sku=sku or barcode, name=name_of(f),
                                      quantity=qty, unit_price=price, discount=disc,
                                      barcode=barcode, raw_quantity=raw_qty))
        if fmt.per_row_amounts:
            for name in ("shipping", "tax"):
                v = money(name, cols.get(f"line_{name}", r.fields))
                if v is not None:
                    setattr(order, name, getattr(order, name) + v)
    order.field_errors = errors
    return order


def _split_full_address(ship: IntakeAddress, full: str) -> None:
    """One-string addresses (Taobao '广东省 深圳市 南山区 科技园南路88号(518000)')."""
    from app.domain.china_address import split_address

    parts = split_address(full)
    ship.province, ship.city, ship.district = parts.province, parts.city, parts.district
    ship.street, ship.postcode = parts.street, parts.postcode or ship.postcode
    if parts.province and not ship.country:
        ship.country = "CN"
