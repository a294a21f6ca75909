"""orderdesk user add NAME --role ROLE (asks for the password unless --password is given)"""

from __future__ import annotations

import argparse
import getpass
from typing import Any

from app.cli.common import add_database_option, fail, open_database
from app.domain.roles import Role
from app.services import auth
from app.services.context import system_actor
from app.services.errors import ServiceError


def register(sub: Any) -> None:
    p = sub.add_parser("user", help="add a user (the first one may be the admin)")
    add_database_option(p)
    p.add_argument("action", choices=["add"])
    p.add_argument("username")
    p.add_argument("--role", choices=[r.value for r in Role], default="counter")
    p.add_argument("--password", help="password or PIN (asked for when left out)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_database(args)
    password = args.password or getpass.getpass(f"Password or PIN for {args.username}: ")
    try:
        auth.create_user(db, system_actor(), args.username, password, Role(args.role))
    except ServiceError as exc:
        return fail(str(exc))
    finally:
        db.dispose()
    print(f"user {args.username} ({args.role}) added")
    return 0
