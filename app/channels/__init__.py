"""Importers: one module per source format, each yields plain intake records."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, tzinfo
from pathlib import Path

from app.channels.reading import UnreadableFile
from app.channels.records import IntakeItem, IntakeOrder, UnreadableRow

FORMATS = ("shopify", "woocommerce", "amazon", "csv")


def read_file(
    fmt: str, path: Path, channel: str | None = None, encoding: str | None = None,
    mapping_path: Path | None = None, mapping: object = None, timezone: tzinfo = UTC,
) -> Iterator[IntakeItem]:
    """Intake records from ``path`` in format ``fmt`` (one of FORMATS). Raises
    UnreadableFile when the file itself cannot be read. Reading is lazy: the header is
    checked at once, rows as they are consumed."""
    path = Path(path)
    if fmt == "shopify":
        from app.channels import shopify

        items = shopify.read(path, channel or "shopify", encoding, timezone)
    elif fmt == "woocommerce":
        from app.channels import woocommerce

        items = woocommerce.read(path, channel or "woocommerce", encoding, timezone)
    elif fmt == "amazon":
        from app.channels import amazon

        items = amazon.read(path, channel or "amazon", encoding, timezone)
    elif fmt in ("csv", "xlsx", "generic"):
        from app.channels import generic

        if mapping is None:
            if mapping_path is None:
                raise UnreadableFile("A generic CSV/XLSX import needs a column mapping.")
            mapping = generic.load_mapping(Path(mapping_path))
        assert isinstance(mapping, generic.ColumnMapping)
        items = generic.read(path, mapping, channel or path.stem, encoding)
    else:
        raise UnreadableFile(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    return _primed(items)


def _primed(items: Iterator[IntakeItem]) -> Iterator[IntakeItem]:
    """Run the generator up to its first record so file errors surface now."""
    first = next(items, None)

    def rest() -> Iterator[IntakeItem]:
        if first is not None:
            yield first
            yield from items

    return rest()


__all__ = ["FORMATS", "IntakeItem", "IntakeOrder", "UnreadableFile", "UnreadableRow",
           "read_file"]


def _register_row_parser() -> None:
    from app.channels.rows import parse_row
    from app.services import intake

    intake.ROW_PARSER = parse_row


_register_row_parser()
