"""Reading one row again, on its own, after a person fixed its raw text: the stored header
line plus the fixed text go through the format's own reader. Registered with the intake
service (which may not import the readers) when ``app.channels`` is imported."""

from __future__ import annotations

import tempfile
from pathlib import Path

from app.channels.reading import has_undecodable
from app.channels.records import IntakeItem, IntakeOrder, UnreadableRow


def parse_row(fmt: str, channel: str, header: str, text: str, mapping_json: str | None,
              source_file: str, line_no: int) -> list[IntakeItem]:
    """The records in ``text`` (one row, maybe spanning lines) under ``header``. Raises
    UnreadableFile when the header itself cannot be used."""
    from app.channels import read_file

    mapping = None
    if fmt in ("csv", "xlsx", "generic"):
        from app.channels.generic import ColumnMapping

        if not mapping_json:
            from app.channels.reading import UnreadableFile

            raise UnreadableFile(f"Channel {channel} has no saved column mapping.")
        mapping = ColumnMapping.from_json(mapping_json)
        fmt = "csv"
    body = text.rstrip("\r\n")
    if has_undecodable(body):
        body = body.encode("utf-8", "replace").decode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "row.csv"
        path.write_text(header.rstrip("\r\n") + "\r\n" + body + "\r\n", "utf-8",
                        newline="")
        items = list(read_file(fmt, path, channel, "utf-8", None, mapping))
    for item in items:
        if isinstance(item, IntakeOrder):
            item.source_file, item.first_line = source_file, line_no
        elif isinstance(item, UnreadableRow):
            item.source_file, item.line_no = source_file, line_no
    return items
