"""orderdesk exceptions check [--json]"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import add_database_option, add_json_option, emit, open_database
from app.services import exception_desk
from app.services.context import system_actor


def register(sub: Any) -> None:
    p = sub.add_parser("exceptions", help="run the exception check (opens one case per problem)")
    add_database_option(p)
    add_json_option(p)
    p.add_argument("action", choices=["check"])
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        result = exception_desk.check(db, system_actor("exception-check"))
        cases = exception_desk.open_cases(db)  # the oldest OPEN_CASES_LIMIT
        total = exception_desk.count_open_cases(db)
        emit(args, {"ran": result.ran, "opened": result.opened, "open_case_count": total,
                    "open_cases": [{"number": c.number, "order": c.order_number,
                                    "kind": c.kind, "detail": c.detail} for c in cases]},
             ("another workstation is checking right now; nothing done" if not result.ran
              else f"opened {len(result.opened)} case(s): {', '.join(result.opened) or '-'}")
             + f"\n{total} open case(s)")
        return 0
    finally:
        db.dispose()
