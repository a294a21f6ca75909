"""Invoice and statement PDFs read back with pypdf, English and Chinese."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from app.config import Settings
from app.db.engine import Database
from app.printing.receivables import invoice_pdf, statement_pdf
from app.services import receivables
from app.services.context import Actor
from tests.factories import make_shop
from tests.services.receivables_helpers import invoiced

SHOP = Settings(company_name="Lotus Trading 莲花贸易", company_address="1 Harbour Rd\nShenzhen",
                extra={"tax_id": "91440300MA5XXXX"})


def _text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def test_invoice_pdf_english_and_chinese(db: Database, admin: Actor, tmp_path: Path) -> None:
    ids = make_shop(db, admin)
    receivables.set_credit(db, admin, ids["wang"], terms="NET30")
    inv = invoiced(db, admin, ids["wang"], "TEE-01", 2, issued=date(2025, 3, 1))
    doc = receivables.invoice_document(db, inv)
    en = _text(invoice_pdf(doc, tmp_path / "en.pdf", "en", SHOP))
    for expected in ("INVOICE", "INV-000001", "2025-03-31", "Net 30 days", "119.80",
                     "Lotus Trading", "91440300MA5XXXX", "TEE-01"):
        assert expected in en
    zh = _text(invoice_pdf(doc, tmp_path / "zh.pdf", "zh", SHOP))
    for expected in ("发票", "王伟", "合计", "119.80", "莲花贸易"):
        assert expected in zh


def test_statement_batch_pdf(db: Database, admin: Actor, tmp_path: Path) -> None:
    ids = make_shop(db, admin)
    invoiced(db, admin, ids["wang"], issued=date(2025, 1, 5))
    invoiced(db, admin, ids["smith"], "LAMP-01", issued=date(2025, 1, 6))
    receivables.record_payment(db, admin, ids["smith"], "99", "card", "POS-1",
                               received_on=date(2025, 1, 20))
    sts = receivables.statements(db, admin, [ids["wang"], ids["smith"]], date(2025, 1, 1),
                                 date(2025, 1, 31))
    reader = PdfReader(str(statement_pdf(sts, tmp_path / "st.pdf", "en", SHOP)))
    assert len(reader.pages) == 2
    second = reader.pages[1].extract_text()
    assert "Mary Smith" in second and "Closing balance" in second and "100.00" in second
    zh = _text(statement_pdf(sts[:1], tmp_path / "zh.pdf", "zh", SHOP))
    assert "客户对账单" in zh and "期末余额" in zh and "25.00" in zh
