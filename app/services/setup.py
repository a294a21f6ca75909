"""First run: from an empty database to a desk that is ready to use.

The first-run wizard (``app/ui/dialogs/first_run.py``) collects a ``FirstRunResult``;
``apply_first_run`` checks all of it before writing anything, then creates the default
warehouse, the first administrator and (optionally) demo data, and saves the workstation
settings last. Each step is its own service transaction; the order is chosen so that a
failure part-way can simply be retried (the warehouse step is idempotent, and the settings
are only saved once the database is ready).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import text

from app.config import Settings
from app.db.engine import Database
from app.domain.roles import Role
from app.services import auth, catalog, demo
from app.services.context import Actor
from app.services.errors import ValidationFailed

logger = logging.getLogger(__name__)

CURRENCIES = ("CNY", "HKD", "TWD", "USD", "EUR", "GBP", "JPY", "SGD", "AUD", "CAD")
LANGUAGES = ("en", "zh_CN")
WAREHOUSE_CODE_MAX = 16  # Warehouse.code is String(16)


@dataclass
class FirstRunResult:
    company_name: str
    admin_password: str
    admin_password_repeat: str
    company_address: str = ""
    company_phone: str = ""
    company_email: str = ""
    currency: str = "CNY"
    language: str = "en"
    database_url: str = ""  # "" = the local SQLite file in the user's data folder
    admin_username: str = "admin"
    warehouse_code: str = "MAIN"
    warehouse_name: str = "Main warehouse"
    label_printer: str = ""  # "" = PDF file
    slip_printer: str = ""
    load_demo_data: bool = False


@dataclass(frozen=True)
class FirstRunOutcome:
    admin_id: int
    warehouse_id: int
    demo_orders: int


def validate(result: FirstRunResult) -> list[str]:
    """Every problem with the answers, each as a sentence for the shop owner."""
    problems = []
    if not result.company_name.strip():
        problems.append("The company name is required (it is printed on documents).")
    if result.currency not in CURRENCIES:
        problems.append(f"Unknown currency {result.currency!r}: choose one of "
                        f"{', '.join(CURRENCIES)}.")
    if result.language not in LANGUAGES:
        problems.append(f"Unknown language {result.language!r}.")
    if not result.admin_username.strip():
        problems.append("The administrator needs a user name.")
    if len(result.admin_password) < auth.MIN_SECRET_LENGTH:
        problems.append(f"The administrator's password needs at least "
                        f"{auth.MIN_SECRET_LENGTH} characters.")
    elif result.admin_password != result.admin_password_repeat:
        problems.append("The two passwords are not the same.")
    code = result.warehouse_code.strip()
    if not code:
        problems.append("The default warehouse needs a code (for example MAIN).")
    elif len(code) > WAREHOUSE_CODE_MAX:
        problems.append(f"The warehouse code {code!r} is longer than "
                        f"{WAREHOUSE_CODE_MAX} characters.")
    if not result.warehouse_name.strip():
        problems.append("The default warehouse needs a name.")
    return problems


def check_connection(url: str) -> str | None:
    """Try a database URL: None if it answers, else a message saying why not."""
    try:
        db = Database(url)
    except Exception as exc:  # noqa: BLE001 - a malformed URL or a missing driver
        return f"The database address is not valid: {exc}"
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - refused, unknown host, bad password …
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"Cannot connect to {db.describe()}: {first}"
    finally:
        db.dispose()
    return None


def apply_first_run(
    result: FirstRunResult, settings: Settings, db: Database, workstation: str = ""
) -> FirstRunOutcome:
    """Set up an empty, migrated database and save this workstation's settings.

    Raises ValidationFailed (nothing written) if an answer is wrong or an administrator
    already exists.
    """
    problems = validate(result)
    if problems:
        raise ValidationFailed(" ".join(problems))
    if not auth.needs_first_admin(db):
        raise ValidationFailed("This database is already set up: an administrator exists. "
                               "Log in instead, or choose another database.")
    setup_actor = Actor(None, "first-run", Role.ADMIN, workstation)
    code = result.warehouse_code.strip().upper()
    warehouse_id = catalog.ensure_warehouse(db, setup_actor, code, result.warehouse_name.strip())
    admin_id = auth.create_first_admin(db, result.admin_username.strip(), result.admin_password,
                                       workstation)
    orders = 0
    if result.load_demo_data:
        # demo users are added beside the new admin (a demo "admin" is skipped if the name
        # is taken); see the README for their passwords
        orders = demo.generate(db, customers=50, products=40, orders=200, seed=1).orders
    settings.company_name = result.company_name.strip()
    settings.company_address = result.company_address.strip()
    settings.company_phone = result.company_phone.strip()
    settings.company_email = result.company_email.strip()
    settings.currency = result.currency
    settings.language = result.language
    settings.database_url = result.database_url.strip()
    settings.default_warehouse = code
    settings.label_printer = result.label_printer
    settings.slip_printer = result.slip_printer
    settings.first_run_done = True
    settings.save()
    logger.info("first run done: admin %s, warehouse %s, demo orders %d",
                result.admin_username, code, orders)
    return FirstRunOutcome(admin_id, warehouse_id, orders)
