"""orderdesk password store|forget URL — the shared database's password in the OS keyring."""

from __future__ import annotations

import argparse
import getpass
from typing import Any

from app import credentials
from app.cli.common import fail


def register(sub: Any) -> None:
    p = sub.add_parser("password", help="keep the shared database's password in the keyring")
    p.add_argument("action", choices=["store", "forget"])
    p.add_argument("url", help="postgresql://user@host/db (a password in it is moved out)")
    p.add_argument("--password", help="the password (asked for when left out)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.action == "forget":
        credentials.forget_password(args.url)
        print("password removed from the keyring")
        return 0
    secret = args.password
    if secret is None and "@" in args.url and ":" not in args.url.split("//", 1)[-1].split("@")[0]:
        secret = getpass.getpass("Database password: ")
    try:
        clean = credentials.store_password(args.url, secret)
    except (ValueError, credentials.KeyringUnavailable) as exc:
        return fail(str(exc))
    print(f"password stored in the keyring; use this URL in the settings: {clean}")
    return 0
