"""orderdesk backup TARGET · orderdesk restore SOURCE [--force] · orderdesk check [--json]"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import add_database_option, add_json_option, emit, fail, open_database
from app.services import backups, checks
from app.services.context import system_actor
from app.services.errors import ServiceError


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="copy the SQLite database (safe while the desk runs)")
    add_database_option(p)
    add_json_option(p)
    p.add_argument("target", type=Path, help="backup file, or a folder for a dated file")
    p.set_defaults(func=run_backup)

    p = sub.add_parser("restore", help="replace the SQLite database with a backup")
    add_database_option(p)
    add_json_option(p)
    p.add_argument("source", type=Path)
    p.add_argument("--force", action="store_true",
                   help="restore even though other connections have the database open")
    p.set_defaults(func=run_restore)

    p = sub.add_parser("check", help="verify the database and report (never repairs)")
    add_database_option(p)
    add_json_option(p)
    p.set_defaults(func=run_check)


def run_backup(args: argparse.Namespace) -> int:
    db = open_database(args, upgrade=False)
    try:
        target = backups.backup(db, system_actor(), args.target)
    except ServiceError as exc:
        return fail(str(exc))
    finally:
        db.dispose()
    emit(args, {"backup": str(target)}, f"backed up to {target}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    db = open_database(args, upgrade=False)
    try:
        aside = backups.restore(db, system_actor(), args.source, force=args.force)
    except ServiceError as exc:
        return fail(str(exc))
    finally:
        db.dispose()
    emit(args, {"restored": str(args.source), "previous": str(aside)},
         f"restored from {args.source}; the replaced database was kept as {aside}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    db = open_database(args, upgrade=False)
    try:
        results = checks.run_checks(db)
    finally:
        db.dispose()
    ok = all(r.ok for r in results)
    lines = []
    for r in results:
        lines.append(f"{'ok  ' if r.ok else 'FAIL'} {r.name}")
        lines += [f"     - {p}" for p in r.problems]
    lines.append("all checks passed" if ok else "problems found (nothing was changed)")
    emit(args, {"ok": ok, "checks": [{"name": r.name, "ok": r.ok, "problems": r.problems}
                                     for r in results]}, "\n".join(lines))
    return 0 if ok else 1
