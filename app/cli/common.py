"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.config import resolve_database_url
from app.db import migrate
from app.db.engine import Database


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database", metavar="URL", default=argparse.SUPPRESS,
        help="sqlite:///path or postgresql://user@host/db (default: ORDERDESK_DATABASE_URL, "
             "then the settings, then the local SQLite file)",
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def open_database(args: argparse.Namespace, upgrade: bool = True) -> Database:
    db = Database(resolve_database_url(getattr(args, "database", None)))
    if upgrade:
        migrate.upgrade(db.engine)
    return db


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, default=str, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(text)


def fail(message: str, code: int = 1) -> int:
    print(f"orderdesk: {message}", file=sys.stderr)
    return code
