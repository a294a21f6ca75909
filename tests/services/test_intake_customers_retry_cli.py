"""Imported orders linked to customer records (found by e-mail or phone, else created) with
their tax kept; retrying one unreadable row after fixing its text; and the CLI's exit code
(non-zero only when the file itself cannot be read). SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.channels import read_file
from app.channels.shopify_sample import HEADER, order_rows, write_export
from app.cli import main
from app.db.engine import Database
from app.db.models import Customer, ImportRow, Order
from app.services import intake
from app.services.context import Actor
from app.services.errors import ValidationFailed
from tests.factories import make_shop

GOOD = dict(name="Mary Smith", phone="+1 415-555-2671", city="San Francisco", province="CA",
            postcode="94103", country="US")


def _import(db: Database, actor: Actor, path: Path) -> intake.ImportSummary:
    from app.channels.reading import file_sha256

    return intake.import_items(db, actor, read_file("shopify", path), channel="shopify",
                               fmt="shopify", file_name=path.name,
                               file_sha256=file_sha256(path))


def _customers(db: Database) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(Customer)) or 0)


def _order(db: Database, ref: str) -> Order:
    with db.reader() as s:
        order = s.scalar(select(Order).where(Order.external_ref == ref))
        assert order is not None
        return order


def test_orders_are_linked_to_customers_and_keep_their_tax(db: Database, admin: Actor,
                                                           tmp_path: Path) -> None:
    ids = make_shop(db, admin)
    before = _customers(db)
    path = write_export(tmp_path / "c.csv", [
        # make_shop's Mary Smith has this e-mail: found, not created.
        order_rows("#1", [("MUG-01", "Mug", 1, "25.00")], **GOOD, email="MARY@example.com",
                   taxes="2.50"),
        # A new buyer, twice in the file (by e-mail, then by phone only): one record.
        order_rows("#2", [("MUG-01", "Mug", 1, "25.00")], **{**GOOD, "name": "Ann Lee",
                                                             "phone": "+1 415-555-0199"},
                   email="ann@example.com"),
        order_rows("#3", [("TEE-01", "Tee", 1, "59.90")], **{**GOOD, "name": "Ann Lee",
                                                             "phone": "+1 415-555-0199"},
                   email=""),
        # Neither e-mail nor phone: left without a customer record.
        order_rows("#4", [("MUG-01", "Mug", 1, "25.00")], **{**GOOD, "phone": ""}, email=""),
    ])
    s = _import(db, admin, path)
    assert s.customers_created == 1, s.text()
    assert _customers(db) == before + 1
    first, second, third, fourth = (_order(db, r) for r in ("#1", "#2", "#3", "#4"))
    assert first.customer_id == ids["smith"]
    # 25 + 5 shipping + 2.50 tax
    assert first.tax == Decimal("2.50") and first.total == Decimal("32.50")
    assert second.customer_id is not None and second.customer_id == third.customer_id
    assert fourth.customer_id is None
    with db.reader() as r:
        ann = r.get(Customer, second.customer_id)
        assert ann is not None and ann.name == "Ann Lee" and ann.email == "ann@example.com"
        assert "shopify" in ann.notes
    # The next import of another order by Ann finds her record.
    more = write_export(tmp_path / "d.csv", [order_rows(
        "#5", [("MUG-01", "Mug", 1, "25.00")], **{**GOOD, "name": "Ann Lee",
                                                  "phone": "+1 415-555-0199"},
        email="ann@example.com")])
    assert _import(db, admin, more).customers_created == 0
    assert _order(db, "#5").customer_id == second.customer_id


def _csv_line(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=HEADER, lineterminator="\r\n")
    w.writerows(rows)
    return buf.getvalue()



def test_customers_are_found_again_after_the_run_forgets_them(
        db: Database, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long file forgets contact keys from chunk to chunk (flat memory); a buyer seen in an
    earlier chunk is then found in the database, not created twice."""
    make_shop(db, admin)
    monkeypatch.setattr(intake, "CUSTOMER_KEYS_KEPT", 1)
    before = _customers(db)
    buyers = [("Ann Lee", "+1 415-555-0199", "ann@example.com"),
              ("Bo Chan", "+1 415-555-0142", "bo@example.com")]
    path = write_export(tmp_path / "long.csv", [
        order_rows(f"#{n}", [("MUG-01", "Mug", 1, "25.00")],
                   **{**GOOD, "name": buyers[n % 2][0], "phone": buyers[n % 2][1]},
                   email=buyers[n % 2][2] if n < 4 else "")  # later: by phone only
        for n in range(6)])
    s = intake.import_items(db, admin, read_file("shopify", path), channel="shopify",
                            fmt="shopify", file_name=path.name, chunk_orders=1)
    assert s.imported == 6 and s.customers_created == 2, s.text()
    assert _customers(db) == before + 2
    ids = [_order(db, f"#{n}").customer_id for n in range(6)]
    assert ids[0] == ids[2] == ids[4] and ids[1] == ids[3] == ids[5] and ids[0] != ids[1]

def test_retry_an_unreadable_row_after_fixing_it(db: Database, admin: Actor,
                                                 tmp_path: Path) -> None:
    make_shop(db, admin)
    path = write_export(tmp_path / "r.csv", [order_rows("#1", [("MUG-01", "Mug", 1, "25.00")],
                                                        **GOOD)])
    with open(path, "ab") as fh:
        fh.write(b"#9" + b",x" * 80 + b"\r\n")
    assert _import(db, admin, path).unreadable == 1
    (bad,) = intake.unreadable_rows(db)
    # Still broken: refused with the reason; the text typed is kept for the next attempt.
    with pytest.raises(ValidationFailed, match="still cannot be read"):
        intake.retry_row(db, admin, bad.id, "#9" + ",y" * 80)
    (kept,) = intake.unreadable_rows(db)
    assert kept.raw_text.startswith("#9,y") and "fields" in kept.reason
    fixed = _csv_line(order_rows("#9", [("TEE-01", "Tee", 2, "59.90")], **GOOD))
    summary = intake.retry_row(db, admin, bad.id, fixed)
    assert summary.imported == 1, summary.text()
    assert intake.unreadable_rows(db) == []
    with db.reader() as s:
        order = s.scalar(select(Order).where(Order.external_ref == "#9"))
        assert order is not None and order.status == "draft"
        assert [(li.sku, li.quantity) for li in order.lines] == [("TEE-01", 2)]
        row = s.get(ImportRow, bad.id)
        assert row is not None and row.status == "retried"
    with pytest.raises(Exception, match="not waiting"):
        intake.retry_row(db, admin, bad.id, fixed)


def test_cli_exit_code_is_nonzero_only_when_the_file_cannot_be_read(
        db: Database, admin: Actor, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_shop(db, admin)
    path = write_export(tmp_path / "mixed.csv", [
        order_rows("#1", [("MUG-01", "Mug", 1, "25.00")], **GOOD),
        order_rows("#2", [("NOPE-1", "Unknown", 1, "25.00")], **GOOD)])
    with open(path, "ab") as fh:
        fh.write(b"#9" + b",x" * 80 + b"\r\n")
    # Problems and unreadable rows inside a readable file: exit 0, all reported.
    assert main(["import", "--format", "shopify", str(path), "--json",
                 "--database", db.url]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["imported"], out["needs_attention"], out["unreadable"]) == (1, 1, 1)
    assert any(o["external_ref"] == "#2" and o["reasons"] for o in out["orders"])
    # The file itself cannot be read: non-zero, with the reason on stderr.
    missing = tmp_path / "missing.csv"
    assert main(["import", "--format", "shopify", str(missing), "--database", db.url]) != 0
    assert "missing.csv" in capsys.readouterr().err
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert main(["import", "--format", "shopify", str(empty), "--database", db.url]) != 0
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", "utf-8")
    assert main(["import", "--format", "shopify", str(other), "--database", db.url]) != 0
    assert "not a Shopify file" in capsys.readouterr().err


def test_created_customers_skip_codes_already_in_use(db: Database, admin: Actor,
                                                     tmp_path: Path) -> None:
    from app.services import catalog
    from app.services.catalog import CustomerData

    make_shop(db, admin)
    with db.reader() as s:
        from app.services.numbering import DEFAULT_PREFIXES

        prefix = DEFAULT_PREFIXES["customer"]
        existing = set(s.scalars(select(Customer.code)))
    # Someone typed the codes the sequence would hand out next.
    for n in range(1, 8):
        code = f"{prefix}{n:06d}"
        if code not in existing:
            catalog.create_customer(db, admin, CustomerData(f"Typed {n}", code=code))
    path = write_export(tmp_path / "n.csv", [order_rows(
        f"#{n}", [("MUG-01", "Mug", 1, "25.00")], **{**GOOD, "name": f"Buyer {n}",
                                                     "phone": f"+1 415-555-01{n:02d}"},
        email=f"b{n}@example.com") for n in range(3)])
    assert _import(db, admin, path).customers_created == 3


def test_row_reader_is_registered_whichever_module_is_imported_first() -> None:
    import subprocess
    import sys

    code = ("import app.services.intake as i; import app.channels; "
            "print(i.ROW_PARSER is not None)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "True"
