"""orderdesk import --format shopify|woocommerce|amazon|csv FILE [--channel NAME]
[--mapping FILE] [--encoding ENC] [--dry-run] [--json]

Prints the summary (imported, unchanged, changed, needs attention, unreadable, with
per-order reasons). Exits non-zero only when the file itself cannot be read."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import add_database_option, add_json_option, emit, fail, open_database


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="import orders from a shop or marketplace export")
    add_database_option(p)
    add_json_option(p)
    p.add_argument("--format", required=True,
                   choices=["shopify", "woocommerce", "amazon", "csv", "xlsx"])
    p.add_argument("file", type=Path)
    p.add_argument("--channel", help="channel name (default: the format, or the file name)")
    p.add_argument("--mapping", type=Path, help="column mapping (JSON) for --format csv")
    p.add_argument("--encoding", help="file encoding (default: detected)")
    p.add_argument("--timezone", help="time zone of times without one, e.g. Asia/Shanghai")
    p.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.channels import UnreadableFile, read_file
    from app.channels.reading import channel_zone, file_sha256
    from app.services import intake
    from app.services.context import system_actor

    path: Path = args.file
    channel = args.channel or (args.format if args.format not in ("csv", "xlsx") else path.stem)
    db = open_database(args)
    try:
        mapping = None
        if args.format in ("csv", "xlsx") and args.mapping is None:
            from app.channels.generic import ColumnMapping

            saved = intake.column_mapping(db, channel)
            if saved is None:
                return fail(f"no column mapping for channel {channel!r}: give --mapping FILE")
            mapping = ColumnMapping.from_json(saved)
        try:
            items = read_file(args.format, path, channel, args.encoding, args.mapping, mapping,
                              channel_zone(args.timezone))
            sha = file_sha256(path)
        except UnreadableFile as exc:
            return fail(str(exc))
        except OSError as exc:
            return fail(f"{path}: {exc.strerror or exc}")
        summary = intake.import_items(db, system_actor("cli"), items, channel=channel,
                                      fmt=args.format, file_name=path.name, file_sha256=sha,
                                      dry_run=args.dry_run)
        emit(args, summary.to_dict(), summary.text())
        return 0
    finally:
        db.dispose()
