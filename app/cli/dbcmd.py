"""orderdesk db upgrade|current|check"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import add_database_option, add_json_option, emit, fail, open_database
from app.db import migrate


def register(sub: Any) -> None:
    p = sub.add_parser("db", help="database schema: upgrade, current, check")
    add_database_option(p)
    add_json_option(p)
    p.add_argument("action", choices=["upgrade", "current", "check"])
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_database(args, upgrade=False)
    try:
        if args.action == "upgrade":
            applied = migrate.upgrade(db.engine)
            rev = migrate.current_revision(db.engine)
            emit(args, {"upgraded": applied, "revision": rev},
                 f"database at revision {rev}" + (" (upgraded)" if applied else " (already current)"))
            return 0
        if args.action == "current":
            rev, head = migrate.current_revision(db.engine), migrate.head_revision(db.engine)
            emit(args, {"revision": rev, "head": head, "current": rev == head},
                 f"revision {rev or 'none (empty database)'}; head {head}")
            return 0
        if migrate.current_revision(db.engine) != migrate.head_revision(db.engine):
            return fail("the database is not at the head revision: run 'orderdesk db upgrade'")
        diffs = migrate.check(db.engine)
        emit(args, {"differences": diffs}, "\n".join(diffs) or "models and migrations agree")
        return 1 if diffs else 0
    finally:
        db.dispose()
