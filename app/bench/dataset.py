"""The benchmark data sets, built once by the demo-data code and cached between runs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from app.config import data_dir
from app.db import migrate
from app.db.engine import Database, normalise_url
from app.db.models import Invoice, Order
from app.services import demo


@dataclass(frozen=True)
class Scale:
    name: str
    orders: int
    products: int
    customers: int
    invoices: int


SCALES = {
    # small (the default): the CI smoke run, about a minute for `bench all` — it checks that
    # every scenario still works, not how fast. (Before session 3 "small" meant today's
    # "medium", and the smoke run was called "tiny".)
    "small": Scale("small", 300, 100, 100, 300),
    "medium": Scale("medium", 20_000, 2_000, 2_000, 20_000),
    "large": Scale("large", 1_000_000, 100_000, 50_000, 1_000_000),
}


def _bench_url(url: str, scale: Scale) -> str:
    """A separate, cached database per scale next to the one named by the user."""
    if url.startswith("sqlite"):
        folder = data_dir() / "bench"
        folder.mkdir(exist_ok=True)
        return f"sqlite:///{folder / f'{scale.name}.sqlite3'}"
    # Named after the user's database, so two people benchmarking on one server each have
    # their own set (`.../orderdesk` → orderdesk_bench_small).
    parsed = make_url(normalise_url(url))
    base = parsed.database or "orderdesk"
    return parsed.set(database=f"{base}_bench_{scale.name}").render_as_string(
        hide_password=False)


def _create_pg_database(url: str, rebuild: bool) -> None:
    from sqlalchemy import create_engine

    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname=:n"),
                             {"n": parsed.database})
        if exists and rebuild:
            conn.execute(text(f'DROP DATABASE "{parsed.database}" WITH (FORCE)'))
            exists = None
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def prepared_database(url: str, scale: Scale, rebuild: bool = False) -> Database:
    bench_url = _bench_url(url, scale)
    if bench_url.startswith("sqlite"):
        path = make_url(bench_url).database or ""
        if rebuild:
            from pathlib import Path

            for suffix in ("", "-wal", "-shm"):
                Path(path + suffix).unlink(missing_ok=True)
    else:
        _create_pg_database(bench_url, rebuild)
    db = Database(bench_url)
    migrate.upgrade(db.engine)
    with db.reader() as s:
        have = s.scalar(select(func.count()).select_from(Order)) or 0
        invoices = s.scalar(select(func.count()).select_from(Invoice)) or 0
    changed = False
    if have < scale.orders:
        demo.generate(db, customers=scale.customers, products=scale.products,
                      orders=scale.orders - have, seed=7)
        changed = True
    if invoices < scale.invoices:
        demo.generate_invoices(db, scale.invoices - invoices)
        changed = True
    if changed:
        if db.is_sqlite:
            with db.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
        else:
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))
    return db
