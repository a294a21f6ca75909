"""Intake service on SQLite and PostgreSQL: idempotence, changes at the source, needs
attention (fix, map SKU, release), unreadable rows, and crashes mid-import."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.channels import read_file
from app.channels.shopify_sample import order_rows, write_export
from app.db.engine import Database
from app.db.models import (
    ImportRow,
    IntakeChange,
    IntakeLine,
    IntakeProblem,
    IntakeSource,
    Order,
    OrderLine,
)
from app.services import intake
from app.services.context import Actor, system_actor
from app.services.errors import ValidationFailed
from tests.factories import make_shop

GOOD = dict(name="Mary Smith", phone="+1 415-555-2671", city="San Francisco", province="CA",
            postcode="94103", country="US")


def _import(db: Database, actor: Actor, path: Path, **kw: object) -> intake.ImportSummary:
    return intake.import_items(db, actor, read_file("shopify", path), channel="shopify",
                               fmt="shopify", file_name=path.name, **kw)  # type: ignore[arg-type]


def _count(db: Database, model: object) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0  # type: ignore[arg-type]


def _export(tmp_path: Path, name: str = "orders.csv", n: int = 3, **over: str) -> Path:
    orders = [order_rows(f"#{1000 + i}", [("MUG-01", "Mug", 2, "25.00"),
                                          ("TEE-01", "Tee", 1, "59.90")], **{**GOOD, **over})
              for i in range(n)]
    return write_export(tmp_path / name, orders)


def test_import_creates_draft_orders_with_lines(db: Database, admin: Actor,
                                                tmp_path: Path) -> None:
    """Clean orders become drafts with their lines and totals."""
    make_shop(db, admin)
    s = _import(db, admin, _export(tmp_path))
    assert (s.imported, s.needs_attention, s.unreadable) == (3, 0, 0), s.text()
    with db.reader() as r:
        order = r.scalar(select(Order).where(Order.external_ref == "#1000"))
        assert order is not None and order.status == "draft" and order.channel == "shopify"
        assert str(order.total) == "114.9000" and order.ship_city == "San Francisco"
        assert [(li.sku, li.quantity) for li in order.lines] == [("MUG-01", 2), ("TEE-01", 1)]


def test_importing_twice_adds_nothing(db: Database, admin: Actor, tmp_path: Path) -> None:
    make_shop(db, admin)
    path = _export(tmp_path)
    _import(db, admin, path)
    again = _import(db, admin, path)
    assert (again.imported, again.unchanged, again.changed) == (0, 3, 0)
    assert _count(db, Order) == 3 and _count(db, OrderLine) == 6


def test_overlapping_export_adds_only_new(db: Database, admin: Actor, tmp_path: Path) -> None:
    make_shop(db, admin)
    _import(db, admin, _export(tmp_path, "a.csv", n=2))
    s = _import(db, admin, _export(tmp_path, "b.csv", n=4))
    assert (s.imported, s.unchanged) == (2, 2)
    assert _count(db, Order) == 4


def test_changed_address_waits_for_a_person(db: Database, admin: Actor,
                                            tmp_path: Path) -> None:
    """A corrected address is recorded as a change, applied only when accepted."""
    make_shop(db, admin)
    _import(db, admin, _export(tmp_path, "a.csv", n=1))
    s = _import(db, admin, _export(tmp_path, "b.csv", n=1, street="2 Market St"))
    assert (s.changed, s.imported) == (1, 0)
    assert "ship_street" in s.orders[0].reasons[0]
    # The same changed export again: still one pending change, nothing new.
    s2 = _import(db, admin, _export(tmp_path, "c.csv", n=1, street="2 Market St"))
    assert (s2.changed, s2.unchanged) == (0, 1)
    (change,) = intake.pending_changes(db)
    with db.reader() as r:
        assert r.scalar(select(Order.ship_street)) == "1 Market St"  # not overwritten
    intake.accept_change(db, admin, change.id)
    with db.reader() as r:
        assert r.scalar(select(Order.ship_street)) == "2 Market St"
    assert intake.pending_changes(db) == []
    s3 = _import(db, admin, _export(tmp_path, "d.csv", n=1, street="2 Market St"))
    assert s3.unchanged == 1


def test_cancelled_at_source_cancels_confirmed_order(db: Database, admin: Actor,
                                                     tmp_path: Path) -> None:
    from app.services import orders

    make_shop(db, admin)
    _import(db, admin, _export(tmp_path, "a.csv", n=1))
    with db.reader() as r:
        oid, ver = r.execute(select(Order.id, Order.version)).one()
    orders.confirm(db, admin, oid, ver)
    _import(db, admin, _export(tmp_path, "b.csv", n=1, cancelled_at="2024-03-06 10:00"))
    (change,) = intake.pending_changes(db)
    assert "cancelled" in change.summary
    intake.accept_change(db, admin, change.id)
    view = orders.get_order(db, oid)
    assert view.status == "cancelled"


def test_reject_change(db: Database, admin: Actor, tmp_path: Path) -> None:
    make_shop(db, admin)
    _import(db, admin, _export(tmp_path, "a.csv", n=1))
    _import(db, admin, _export(tmp_path, "b.csv", n=1, city="Oakland"))
    (change,) = intake.pending_changes(db)
    intake.reject_change(db, admin, change.id, "customer called: keep")
    with db.reader() as r:
        assert r.scalar(select(IntakeChange.status)) == "rejected"
        assert r.scalar(select(Order.ship_city)) == "San Francisco"


def test_problem_order_parked_then_fixed_mapped_and_released(
        db: Database, admin: Actor, tmp_path: Path) -> None:
    ids = make_shop(db, admin)
    path = write_export(tmp_path / "p.csv", [order_rows(
        "#2000", [("SHOP-MUG", "Mug", 1, "25.00")], **{**GOOD, "phone": "12"})])
    s = _import(db, admin, path)
    assert s.needs_attention == 1 and s.imported == 0
    (row,) = intake.needs_attention(db)
    detail = intake.attention_detail(db, row.order_id)
    assert {p.field for p in detail.problems} == {"phone", "lines[1].sku"}
    assert _count(db, OrderLine) == 0 and _count(db, IntakeLine) == 1
    with pytest.raises(ValidationFailed, match="still has problems"):
        intake.release(db, admin, row.order_id, detail.version)
    detail = intake.fix_order(db, admin, row.order_id, detail.version,
                              {"phone": "+1 415-555-2671"})
    assert [p.field for p in detail.problems] == ["lines[1].sku"]
    assert intake.map_sku(db, admin, "shopify", "SHOP-MUG", ids["mug"]) == 1
    detail = intake.attention_detail(db, row.order_id)
    assert detail.problems == []
    intake.release(db, admin, row.order_id, detail.version)
    with db.reader() as r:
        order = r.get(Order, row.order_id)
        assert order is not None and order.status == "draft"
        assert [(li.sku, li.quantity) for li in order.lines] == [("MUG-01", 1)]
    assert _count(db, IntakeLine) == 0 and _count(db, IntakeProblem) == 0
    # The mapping is remembered: the next order with that SKU goes straight in.
    nxt = write_export(tmp_path / "n.csv", [order_rows("#2001", [("SHOP-MUG", "Mug", 1,
                                                                  "25.00")], **GOOD)])
    assert _import(db, admin, nxt).imported == 1


def test_unreadable_rows_kept_and_not_duplicated(db: Database, admin: Actor,
                                                 tmp_path: Path) -> None:
    make_shop(db, admin)
    path = _export(tmp_path, n=1)
    with open(path, "ab") as fh:
        fh.write(b"#9" + b",x" * 80 + b"\r\n")
    from app.channels.reading import file_sha256

    for _ in range(2):
        s = intake.import_items(db, admin, read_file("shopify", path), channel="shopify",
                                fmt="shopify", file_name=path.name, file_sha256=file_sha256(path))
        assert s.unreadable == 1
    (bad,) = intake.unreadable_rows(db)
    assert bad.line_no == 4 and bad.raw_text.startswith("#9,x") and "fields" in bad.reason
    # Fixed file imported again: the old row counts as retried.
    fixed = _export(tmp_path, n=1)
    intake.import_items(db, admin, read_file("shopify", fixed), channel="shopify",
                        fmt="shopify", file_name=path.name, file_sha256=file_sha256(fixed))
    assert intake.unreadable_rows(db) == []
    assert _count(db, ImportRow) == 1


def test_dry_run_writes_nothing(db: Database, admin: Actor, tmp_path: Path) -> None:
    make_shop(db, admin)
    s = _import(db, admin, _export(tmp_path), dry_run=True)
    assert s.imported == 3 and s.dry_run
    assert _count(db, Order) == 0


def test_possible_duplicate_across_channels(db: Database, admin: Actor,
                                            tmp_path: Path) -> None:
    make_shop(db, admin)
    path = _export(tmp_path, n=1)
    _import(db, admin, path)
    s = intake.import_items(db, admin, read_file("shopify", path, channel="web"),
                            channel="web", fmt="shopify", file_name=path.name)
    assert s.needs_attention == 1
    assert any("same purchase" in r for r in s.orders[0].reasons)


def test_crash_inside_a_chunk_leaves_no_half_order(db: Database, admin: Actor,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """An error while writing chunk 2 rolls that chunk back whole; re-running finishes."""
    make_shop(db, admin)
    path = _export(tmp_path, n=5)
    real = intake._write_chunk
    calls = {"n": 0}

    def failing(*args: object, **kw: object) -> None:
        calls["n"] += 1
        real(*args, **kw)  # type: ignore[arg-type]
        if calls["n"] == 2:
            raise RuntimeError("power cut")

    monkeypatch.setattr(intake, "_write_chunk", failing)
    with pytest.raises(RuntimeError):
        _import(db, admin, path, chunk_orders=2)
    assert _count(db, Order) == 2 and _count(db, OrderLine) == 4
    assert _count(db, IntakeSource) == 2
    monkeypatch.setattr(intake, "_write_chunk", real)
    s = _import(db, admin, path, chunk_orders=2)
    assert (s.imported, s.unchanged) == (3, 2)
    assert _count(db, Order) == 5 and _count(db, OrderLine) == 10


def _import_then_die(url: str, path: str, ready: object) -> None:
    db = Database(url)
    actor = system_actor("child")
    real = intake._write_chunk
    n = {"chunks": 0}

    def killed(s, *a, **kw):  # type: ignore[no-untyped-def]
        n["chunks"] += 1
        real(s, *a, **kw)
        if n["chunks"] == 2:
            s.flush()
            os.kill(os.getpid(), signal.SIGKILL)  # dies inside the open transaction

    intake._write_chunk = killed  # type: ignore[assignment]
    intake.import_items(db, actor, read_file("shopify", Path(path)), channel="shopify",
                        fmt="shopify", file_name="k.csv", chunk_orders=2)


def test_sigkill_mid_import_then_rerun_completes(db: Database, admin: Actor,
                                                 tmp_path: Path) -> None:
    make_shop(db, admin)
    path = _export(tmp_path, "k.csv", n=5)
    ctx = multiprocessing.get_context("spawn")
    proc = ctx.Process(target=_import_then_die, args=(db.url, str(path), None))
    proc.start()
    proc.join(120)
    assert proc.exitcode == -signal.SIGKILL
    assert _count(db, Order) == 2 and _count(db, OrderLine) == 4  # chunk 1 only
    with db.reader() as r:
        orphans = r.scalar(select(func.count()).select_from(Order)
                           .where(~Order.id.in_(select(OrderLine.order_id))))
        assert orphans == 0
    s = _import(db, admin, path, chunk_orders=2)
    assert (s.imported, s.unchanged) == (3, 2)
    assert _count(db, Order) == 5 and _count(db, OrderLine) == 10
