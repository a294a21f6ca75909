"""The least-privilege workstation role from docs/SECURITY-AND-BACKUP.md, run as written:
a workstation can enter and confirm orders, but cannot alter the audit log or drop tables."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.db import migrate
from app.db.engine import Database
from app.services import orders, stock
from app.services.context import Actor, system_actor
from tests.factories import make_shop

DOC = Path(__file__).resolve().parents[2] / "docs" / "SECURITY-AND-BACKUP.md"


def role_sql(role: str, database: str) -> str:
    block = re.search(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert block is not None, "the SQL block went missing from the docs"
    sql = re.sub(r"\borderdesk_workstation\b", role, block.group(1))
    return re.sub(r"DATABASE orderdesk\b", f'DATABASE "{database}"', sql)


def test_workstation_role_can_work_but_not_tamper(db: Database, admin: Actor) -> None:
    if db.is_sqlite:
        pytest.skip("database roles are a PostgreSQL feature")
    make_shop(db, admin)  # the owner sets up the shop
    role = f"od_ws_{uuid.uuid4().hex[:8]}"
    database = make_url(db.url).database
    owner = create_engine(db.url, isolation_level="AUTOCOMMIT")
    with owner.connect() as conn:
        conn.exec_driver_sql(role_sql(role, str(database)))
    url = make_url(db.url).set(username=role, password=None).render_as_string(False)
    ws = Database(url)
    try:
        assert migrate.upgrade(ws.engine) is False  # at head: start-up works for the role
        clerk = system_actor("ws-7")
        o = orders.create_draft(ws, clerk, None)
        o = orders.update_header(ws, clerk, o.id, o.version, customer_name="王伟")
        o = orders.add_line(ws, clerk, o.id, o.version, "MUG-01", 2)
        assert orders.confirm(ws, clerk, o.id, o.version).status == "confirmed"
        assert stock.verify(ws) == []
        for forbidden in ("UPDATE audit_log SET username = 'x'", "DELETE FROM audit_log",
                          "TRUNCATE audit_log", "DROP TABLE orders", "DROP TABLE audit_log",
                          "UPDATE alembic_version SET version_num = '0001'",
                          "CREATE TABLE sneaky (x int)", "ALTER TABLE orders ADD COLUMN y int"):
            with pytest.raises(DBAPIError, match="permission denied|must be owner"), \
                    ws.writer() as s:
                s.execute(text(forbidden))
    finally:
        ws.dispose()
        with owner.connect() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        owner.dispose()
