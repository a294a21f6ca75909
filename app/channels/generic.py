"""Any other export (Taobao, JD, Etsy, eBay, an ERP …) as CSV or XLSX, read through a column
mapping the user makes once per channel (canonical field → the file's header)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.channels.reading import RawRow, UnreadableFile, channel_zone, csv_rows, open_text
from app.channels.reading import sniff_delimiter as _sniff
from app.channels.records import IntakeItem
from app.channels.tabular import ALL_FIELDS, TableFormat, orders_from_rows, read_delimited


@dataclass
class ColumnMapping:
    """Canonical field → header name (or a list of names joined with a space)."""

    columns: dict[str, str | list[str]] = field(default_factory=dict)
    timezone: str = ""  # IANA name for times without a zone, e.g. Asia/Shanghai
    default_country: str = ""
    default_currency: str = ""
    line_price_is_total: bool = False
    delimiter: str | None = None

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str, fields: Sequence[str] = ALL_FIELDS) -> ColumnMapping:
        """``fields``: the names a mapping may fill (order fields unless told, e.g. the
        product or customer fields of a shop import)."""
        data = json.loads(text)
        if "columns" not in data:  # a plain {field: header} object is accepted too
            data = {"columns": data}
        unknown = set(data["columns"]) - set(fields)
        if unknown:
            raise ValueError(f"unknown fields in the mapping: {', '.join(sorted(unknown))}")
        return cls(**data)

    def single_columns(self) -> dict[str, str]:
        """Field → one header (the first of a list), for readers that take one column."""
        out: dict[str, str] = {}
        for name, value in self.columns.items():
            header = value if isinstance(value, str) else (value[0] if value else "")
            if header:
                out[name] = header
        return out

    def table_format(self, name: str = "mapped") -> TableFormat:
        cols = {k: [v] for k, v in self.columns.items() if v}
        return TableFormat(name, cols, delimiter=self.delimiter,
                           line_price_is_total=self.line_price_is_total,
                           default_country=self.default_country.upper(),
                           default_currency=self.default_currency.upper(),
                           timezone=channel_zone(self.timezone or None))


def load_mapping(path: Path) -> ColumnMapping:
    try:
        return ColumnMapping.from_json(path.read_text("utf-8"))
    except (OSError, ValueError, TypeError) as exc:
        raise UnreadableFile(f"The mapping file {path} cannot be used: {exc}") from exc


def is_xlsx(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))  # Excel keeps 6920000000017 as a float: no ".0" on codes
        return format(Decimal(repr(value)), "f")
    return str(value)


def xlsx_rows(path: Path) -> Iterator[RawRow]:
    """Rows of the first sheet (streamed, read-only); blank rows skipped."""
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds
        raise UnreadableFile(f"{path.name} is not a readable XLSX workbook: {exc}") from exc
    try:
        ws = wb.worksheets[0]
        for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
            fields = [_cell(v) for v in values]
            while fields and not fields[-1]:
                fields.pop()
            if not any(f.strip() for f in fields):
                continue
            yield RawRow(n, fields, "\t".join(fields))
    finally:
        wb.close()


def read_header(path: Path, encoding: str | None = None) -> list[str]:
    """The header row, for the mapping dialog."""
    if is_xlsx(path):
        first = next(xlsx_rows(path), None)
    else:
        lines, _ = open_text(path, encoding)
        head = next(lines, "")

        def again() -> Iterator[str]:
            yield head
            yield from lines

        first = next(csv_rows(again(), _sniff(head)), None)
    if first is None or not first.fields:
        raise UnreadableFile(f"{path.name} has no header row.")
    return [f.strip().lstrip("\ufeff") for f in first.fields]


def read(path: Path, mapping: ColumnMapping, channel: str,
         encoding: str | None = None) -> Iterator[IntakeItem]:
    fmt = mapping.table_format(channel)
    if not is_xlsx(path):
        return read_delimited(path, fmt, channel, encoding)
    rows = xlsx_rows(path)
    header = next(rows, None)
    if header is None:
        raise UnreadableFile(f"{path.name} is empty.")
    return orders_from_rows(rows, header.fields, fmt, channel, path.name)
