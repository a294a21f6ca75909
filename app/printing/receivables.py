"""Invoice and customer statement PDFs, in English or Chinese.

Chinese text uses reportlab's built-in CID font STSong-Light (no font file needed); the
company's name, address and tax id come from the settings. Every amount printed comes
from the service's document data, never recomputed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.config import Settings
from app.domain.money import format_money
from app.domain.receivables import BUCKETS, parse_terms
from app.services.receivables import InvoiceDoc, Statement

_FONT = "STSong-Light"

TEXT: dict[str, dict[str, str]] = {
    "en": {"invoice": "INVOICE", "statement": "CUSTOMER STATEMENT", "number": "Invoice no.",
           "order": "Order", "date": "Date", "due": "Due date", "terms": "Terms",
           "bill_to": "Bill to", "sku": "SKU", "item": "Item", "qty": "Qty",
           "price": "Unit price", "disc": "Discount", "amount": "Amount",
           "subtotal": "Subtotal", "discount": "Discount", "shipping": "Shipping",
           "total": "Total", "paid": "Paid", "balance": "Balance due", "tax_id": "Tax ID",
           "period": "Period", "opening": "Opening balance", "closing": "Closing balance",
           "debit": "Debit", "credit": "Credit", "doc": "Document", "kind": "Type",
           "invoice_k": "Invoice", "payment_k": "Payment", "credit_note_k": "Credit note",
           "ageing": "Ageing", "customer": "Customer",
           "current": "Current", "1-30": "1-30 days", "31-60": "31-60 days",
           "61-90": "61-90 days", "90+": "Over 90 days"},
    "zh": {"invoice": "发票", "statement": "客户对账单", "number": "发票号", "order": "订单",
           "date": "日期", "due": "到期日", "terms": "账期", "bill_to": "客户", "sku": "货号",
           "item": "商品", "qty": "数量", "price": "单价", "disc": "折扣", "amount": "金额",
           "subtotal": "小计", "discount": "折扣", "shipping": "运费", "total": "合计",
           "paid": "已付", "balance": "应付余额", "tax_id": "税号", "period": "期间",
           "opening": "期初余额", "closing": "期末余额", "debit": "借方", "credit": "贷方",
           "doc": "单据", "kind": "类型", "invoice_k": "发票", "payment_k": "收款",
           "credit_note_k": "红字发票", "ageing": "账龄", "customer": "客户",
           "current": "未到期", "1-30": "1-30天", "31-60": "31-60天", "61-90": "61-90天",
           "90+": "90天以上"},
}


def _lang(language: str) -> str:
    return "zh" if language.lower().startswith("zh") else "en"


def _canvas(path: Path) -> Any:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    return canvas.Canvas(str(path), pagesize=A4)


def _header(c: Any, title: str, settings: Settings, t: dict[str, str]) -> float:
    from reportlab.lib.pagesizes import A4

    _, h = A4
    c.setFont(_FONT, 16)
    c.drawString(40, h - 50, settings.company_name)
    c.setFont(_FONT, 9)
    y = h - 66
    for line in settings.company_address.splitlines():
        c.drawString(40, y, line)
        y -= 12
    tax_id = str(settings.extra.get("tax_id", ""))
    if tax_id:
        c.drawString(40, y, f"{t['tax_id']}: {tax_id}")
        y -= 12
    c.setFont(_FONT, 18)
    c.drawRightString(555, h - 50, title)
    return min(y, h - 90) - 10


def _new_page_if_needed(c: Any, y: float) -> float:
    from reportlab.lib.pagesizes import A4

    if y < 60:
        c.showPage()
        c.setFont(_FONT, 9)
        return A4[1] - 50
    return y


def invoice_pdf(doc: InvoiceDoc, path: Path, language: str | None = None,
                settings: Settings | None = None) -> Path:
    settings = settings or Settings.load()
    lang = _lang(language or doc.language)
    t = TEXT[lang]
    cur = doc.currency
    c = _canvas(path)
    c.setTitle(f"{t['invoice']} {doc.number}")
    y = _header(c, t["invoice"], settings, t)
    c.setFont(_FONT, 10)
    terms = parse_terms(doc.terms).describe() if lang == "en" else doc.terms
    # an invoice for one shipment of the order names it after the order number
    order = f"{doc.order_number} ({doc.shipment_number})" if doc.shipment_number \
        else doc.order_number
    for label, value in ((t["number"], doc.number), (t["order"], order),
                         (t["date"], f"{doc.issue_date:%Y-%m-%d}"),
                         (t["due"], f"{doc.due_date:%Y-%m-%d}"), (t["terms"], terms)):
        c.drawString(360, y, f"{label}:")
        c.drawString(440, y, value)
        y -= 14
    top = y + 14 * 5
    c.drawString(40, top, f"{t['bill_to']}:")
    c.drawString(40, top - 14, f"{doc.customer_name} {doc.customer_code}".strip())
    c.setFont(_FONT, 8)
    c.drawString(40, top - 28, doc.address[:90])
    y -= 16
    c.setFont(_FONT, 9)
    cols = (40, 110, 330, 380, 440, 500)
    for x, key in zip(cols, ("sku", "item", "qty", "price", "disc", "amount"), strict=True):
        c.drawString(x, y, t[key])
    y -= 4
    c.line(40, y, 555, y)
    y -= 12
    for li in doc.lines:
        y = _new_page_if_needed(c, y)
        c.drawString(cols[0], y, li.sku[:14])
        c.drawString(cols[1], y, li.name[:36])
        c.drawRightString(cols[3] - 15, y, str(li.quantity))
        c.drawRightString(cols[4] - 8, y, format_money(li.unit_price, cur))
        c.drawRightString(cols[5] - 8, y, format_money(li.discount, cur))
        c.drawRightString(555, y, format_money(li.line_total, cur))
        y -= 13
    c.line(330, y + 4, 555, y + 4)
    y -= 10
    for key, value in (("subtotal", doc.subtotal), ("discount", -doc.discount),
                       ("shipping", doc.shipping), ("total", doc.total), ("paid", -doc.paid),
                       ("balance", doc.total - doc.paid)):
        y = _new_page_if_needed(c, y)
        c.setFont(_FONT, 11 if key in ("total", "balance") else 9)
        c.drawString(380, y, t[key])
        c.drawRightString(555, y, f"{cur} {format_money(value, cur)}")
        y -= 14
    c.showPage()
    c.save()
    return path


def statement_pdf(statements: Sequence[Statement], path: Path, language: str | None = None,
                  settings: Settings | None = None) -> Path:
    """One or a batch of statements, each starting on a new page."""
    settings = settings or Settings.load()
    c = _canvas(path)
    c.setTitle("Statements")
    for st in statements:
        lang = _lang(language or st.language)
        t = TEXT[lang]
        cur = st.currency
        y = _header(c, t["statement"], settings, t)
        c.setFont(_FONT, 10)
        c.drawString(40, y, f"{t['customer']}: {st.customer_name} ({st.customer_code})")
        c.drawRightString(555, y, f"{t['period']}: {st.start:%Y-%m-%d} – {st.end:%Y-%m-%d}")
        y -= 22
        c.setFont(_FONT, 9)
        cols = (40, 110, 190, 360, 430, 555)
        for x, key in zip(cols[:5], ("date", "kind", "doc", "debit", "credit"), strict=True):
            c.drawString(x, y, t[key])
        c.drawRightString(cols[5], y, t["balance"])
        y -= 4
        c.line(40, y, 555, y)
        y -= 12
        c.drawString(cols[1], y, t["opening"])
        c.drawRightString(cols[5], y, format_money(st.opening, cur))
        y -= 13
        for e in st.entries:
            y = _new_page_if_needed(c, y)
            c.drawString(cols[0], y, f"{e.day:%Y-%m-%d}")
            c.drawString(cols[1], y, t[f"{e.kind}_k"])
            c.drawString(cols[2], y, e.number[:30])
            if e.debit:
                c.drawRightString(cols[4] - 10, y, format_money(e.debit, cur))
            if e.credit:
                c.drawRightString(cols[5] - 80, y, format_money(e.credit, cur))
            c.drawRightString(cols[5], y, format_money(e.balance, cur))
            y -= 13
        c.line(40, y + 4, 555, y + 4)
        y -= 10
        c.setFont(_FONT, 11)
        c.drawString(cols[1], y, t["closing"])
        c.drawRightString(cols[5], y, f"{cur} {format_money(st.closing, cur)}")
        y -= 26
        y = _new_page_if_needed(c, y)
        c.setFont(_FONT, 9)
        c.drawString(40, y, f"{t['ageing']}:")
        y -= 13
        step = 515 / len(BUCKETS)
        for i, (key, value) in enumerate(st.ageing.as_dict().items()):
            c.drawString(40 + i * step, y, t[key])
            c.drawString(40 + i * step, y - 12, format_money(value, cur))
        c.showPage()
    c.save()
    return path
