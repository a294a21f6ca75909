"""The `orderdesk` command: with no sub-command it opens the desk; sub-commands run the
same services from a terminal. Every action takes --database (default:
ORDERDESK_DATABASE_URL, then the settings, then the local SQLite file)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app import __version__
from app.cli import (
    backupcmd,
    bench,
    dbcmd,
    demo,
    exceptionscmd,
    importcmd,
    profitcmd,
    receivablescmd,
    returnscmd,
    securitycmd,
    selftest,
    shipcmd,
    shopimport,
    stockcmd,
    users,
)
from app.cli.common import add_database_option

# Each module adds its sub-command; a new capability adds one line here.
COMMANDS = [dbcmd, demo, stockcmd, users, bench, importcmd, shopimport, backupcmd, securitycmd,
            selftest, shipcmd, receivablescmd, exceptionscmd, profitcmd, returnscmd]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orderdesk", description="OrderDesk: the order desk for counter and warehouse."
    )
    parser.add_argument("--version", action="version", version=f"orderdesk {__version__}")
    add_database_option(parser)
    parser.add_argument("--demo", action="store_true",
                        help="fill an empty database with demo data and demo users first")
    parser.add_argument("--lang", choices=["en", "zh_CN"], help="user-interface language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.ui.app import run_desk  # Qt is imported only for the desk itself

        return run_desk(getattr(args, "database", None), demo=args.demo, lang=args.lang)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
