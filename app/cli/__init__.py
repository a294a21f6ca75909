"""The `orderdesk` command: with no sub-command it opens the desk; sub-commands run the
same services from a terminal. Every action takes --database (default:
ORDERDESK_DATABASE_URL, then the settings, then the local SQLite file)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from app import __version__
from app.cli.common import add_database_option

# Each module adds its sub-command; a new capability adds one name here. They are imported
# only when a sub-command (or --help) is asked for: opening the desk does not pay for them.
COMMAND_MODULES = ("dbcmd", "demo", "stockcmd", "users", "bench", "importcmd", "shopimport",
                   "backupcmd", "securitycmd", "selftest", "shipcmd", "receivablescmd",
                   "exceptionscmd", "profitcmd", "returnscmd")


def command_modules() -> list[ModuleType]:
    return [importlib.import_module(f"app.cli.{name}") for name in COMMAND_MODULES]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orderdesk", description="OrderDesk: the order desk for counter and warehouse."
    )
    parser.add_argument("--version", action="version", version=f"orderdesk {__version__}")
    _add_desk_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(sub)
    return parser


def _add_desk_options(parser: argparse.ArgumentParser) -> None:
    add_database_option(parser)
    parser.add_argument("--demo", action="store_true",
                        help="fill an empty database with demo data and demo users first")
    parser.add_argument("--lang", choices=["en", "zh_CN"], help="user-interface language")


class _DeskOnly(argparse.ArgumentParser):
    """Parses the desk's own options; anything else (or a mistake) is left to the full parser,
    which explains it."""

    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def _desk_args(argv: list[str]) -> argparse.Namespace | None:
    """The options when ``argv`` only opens the desk, else None (a sub-command, --help...)."""
    parser = _DeskOnly(prog="orderdesk", add_help=False)
    _add_desk_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except ValueError:
        return None
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = _desk_args(arguments)
    if args is None:
        args = build_parser().parse_args(arguments)
    if getattr(args, "command", None) is None:
        from app.ui.app import run_desk  # Qt is imported only for the desk itself

        return run_desk(getattr(args, "database", None), demo=args.demo, lang=args.lang)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
