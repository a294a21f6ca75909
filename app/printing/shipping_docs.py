"""Fulfilment documents as PDF bytes: the 100×150 mm shipping label, the packing slip
(A4 or Letter), the pick list, the day-end manifest and the sheet of command barcodes.

Chinese text uses reportlab's built-in CID font STSong-Light (no font file needed).
Addresses wrap inside their box and shrink until they fit: they are never clipped.
reportlab is imported here, so importing this module is what costs start-up time.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

CJK = "STSong-Light"
LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
LABEL_SIZE = (100 * mm, 150 * mm)
PAGE_SIZES = {"A4": A4, "Letter": LETTER}

_registered = False


def _fonts() -> None:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(UnicodeCIDFont(CJK))
        _registered = True


def needs_cjk(text: str) -> bool:
    return any(ord(ch) > 0xFF for ch in text)


def font_for(text: str, bold: bool = False) -> str:
    return CJK if needs_cjk(text) else (LATIN_BOLD if bold else LATIN)


def _style(text: str, size: float, bold: bool = False, leading: float | None = None
           ) -> ParagraphStyle:
    return ParagraphStyle("p", fontName=font_for(text, bold), fontSize=size,
                          leading=leading or size * 1.2,
                          wordWrap="CJK" if needs_cjk(text) else None)


def para(text: str, size: float = 9, bold: bool = False) -> Paragraph:
    body = "<br/>".join(escape(line) for line in text.split("\n"))
    return Paragraph(body, _style(text, size, bold))


def fit_paragraph(text: str, width: float, height: float, size: float, min_size: float = 5,
                  bold: bool = False) -> tuple[Paragraph, float]:
    """The largest size ≤ ``size`` at which ``text`` wraps into the box; below
    ``min_size`` it keeps the minimum and lets the box grow (the caller moves down)."""
    s = size
    while True:
        p = para(text, s, bold)
        _, h = p.wrap(width, 10_000)
        if h <= height or s <= min_size:
            return p, h
        s -= 0.5


def code128(value: str, bar_height: float, bar_width: float = 0.33 * mm,
            quiet: bool = True) -> Code128:
    return _code128(value, bar_height, bar_width, quiet)


@lru_cache(maxsize=4096)
def _code128(value: str, bar_height: float, bar_width: float, quiet: bool) -> Code128:
    """Encoding a Code128 (symbol set choice, check digit, bar widths) happens when the
    widget is made; drawing it is stateless, so a batch reuses one widget per value (the same
    SKU on many slips, labels printed again)."""
    return Code128(value, barHeight=bar_height, barWidth=bar_width, quiet=quiet,
                   humanReadable=False)


class BarcodeFlowable(Flowable):
    """A Code128 barcode with its text underneath, for platypus documents."""

    def __init__(self, value: str, bar_height: float = 10 * mm,
                 bar_width: float = 0.3 * mm, text: bool = True) -> None:
        super().__init__()
        self.value, self.text = value, text
        self.barcode = code128(value, bar_height, bar_width)
        self.width = self.barcode.width
        self.height = bar_height + (3.2 * mm if text else 0)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        """Drawn once per document as a PDF form, then placed by reference: the same SKU on
        every slip of a batch costs one ``Do`` instead of ~30 bar rectangles each time."""
        canv = self.canv
        forms: dict[tuple[object, ...], str] = canv.__dict__.setdefault("_od_barcode_forms", {})
        key = (self.value, self.barcode.barHeight, self.barcode.barWidth, self.text)
        name = forms.get(key)
        if name is None:
            name = forms[key] = f"OdBarcode{len(forms)}"
            canv.beginForm(name, 0, 0, self.width, self.height)
            offset = 3.2 * mm if self.text else 0
            self.barcode.drawOn(canv, 0, offset)
            if self.text:
                canv.setFont(LATIN, 7)
                canv.drawCentredString(self.width / 2, 0.5 * mm, self.value)
            canv.endForm()
        canv.doForm(name)


def clear_caches() -> None:
    """Forget the cached barcode widgets and wrapped lines (benchmarks: time a cold batch)."""
    _code128.cache_clear()
    _wrap_lines.cache_clear()


# --- Shipping label ----------------------------------------------------------------------------

@dataclass(frozen=True)
class LabelData:
    recipient: str
    phone: str
    address_lines: Sequence[str]
    order_number: str
    parcel_no: int
    parcel_count: int
    barcode_value: str  # the tracking number (or the parcel's label code)
    carrier: str = ""
    service: str = ""
    weight_kg: str = ""
    sender: str = ""
    shipped_on: str = ""


def format_address(country: str, province: str, city: str, district: str, street: str,
                   postcode: str) -> list[str]:
    """Chinese addresses run from the province down on one line; others street first."""
    if country.upper() in ("CN", "HK", "MO", "TW") and needs_cjk(province + city + street):
        line = "".join(x for x in (province, city, district, street) if x)
        return [line] + ([postcode] if postcode else [])
    lines = [street] + [" ".join(x for x in (city, province, postcode) if x)]
    return [x for x in lines if x.strip()] + ([country] if country else [])


def draw_label(c: Canvas, d: LabelData) -> None:
    """One 100×150 mm page. Layout top to bottom: carrier, recipient box (wrapping),
    order and parcel n of m, the Code128 barcode of the tracking number."""
    _fonts()
    w, h = LABEL_SIZE
    m = 4 * mm
    inner = w - 2 * m
    y = h - m
    c.setFont(font_for(d.carrier, True), 14)
    c.drawString(m, y - 12, d.carrier or "")
    c.setFont(LATIN, 9)
    c.drawRightString(w - m, y - 11, d.service)
    y -= 17
    c.setLineWidth(1.2)
    c.line(m, y, w - m, y)
    y -= 3 * mm
    c.setFont(LATIN_BOLD, 8)
    c.drawString(m, y - 7, "TO 收件人")
    y -= 10
    name, nh = fit_paragraph(d.recipient, inner, 18 * mm, 16, bold=True)
    name.drawOn(c, m, y - nh)
    y -= nh + 1.5 * mm
    phone = para(d.phone, 12, True)
    _, ph = phone.wrap(inner, 100)
    phone.drawOn(c, m, y - ph)
    y -= ph + 1.5 * mm
    address = "\n".join(x for x in d.address_lines if x)
    addr, ah = fit_paragraph(address, inner, 32 * mm, 13, min_size=5)
    addr.drawOn(c, m, y - ah)
    y -= ah + 2 * mm
    c.line(m, y, w - m, y)
    y -= 3 * mm
    c.setFont(LATIN_BOLD, 12)
    c.drawString(m, y - 10, f"Order {d.order_number}")
    c.setFont(LATIN_BOLD, 16)
    c.drawRightString(w - m, y - 12, f"{d.parcel_no} / {d.parcel_count}")
    y -= 16
    c.setFont(LATIN, 8)
    facts = "  ".join(x for x in (f"{d.weight_kg} kg" if d.weight_kg else "", d.shipped_on) if x)
    c.drawString(m, y - 8, facts)
    if d.sender:
        s_font = font_for(d.sender)
        c.setFont(s_font, 7)
        c.drawRightString(w - m, y - 8, f"From: {d.sender}")
    # Barcode at the bottom: fixed place, scaled to the label's width.
    bar_h = 22 * mm
    bar_w = 0.38 * mm
    bc = code128(d.barcode_value, bar_h, bar_w)
    while bc.width > inner and bar_w > 0.2 * mm:
        bar_w -= 0.02 * mm
        bc = code128(d.barcode_value, bar_h, bar_w)
    bx = (w - bc.width) / 2
    by = m + 7 * mm
    bc.drawOn(c, bx, by)
    c.setFont(LATIN_BOLD, 13)
    c.drawCentredString(w / 2, m + 1.5 * mm, d.barcode_value)


def labels_pdf(labels: Iterable[LabelData]) -> bytes:
    """One label per page (a batch prints as one job)."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=LABEL_SIZE, pageCompression=0)
    c.setTitle("Shipping labels")
    any_page = False
    for d in labels:
        draw_label(c, d)
        c.showPage()
        any_page = True
    if not any_page:
        raise ValueError("No labels to print.")
    c.save()
    return buf.getvalue()


# --- Packing slip ------------------------------------------------------------------------------

@dataclass(frozen=True)
class SlipLine:
    sku: str
    name: str
    ordered: int
    in_this_shipment: int


@dataclass(frozen=True)
class SlipData:
    order_number: str
    shipment_number: str
    customer: str
    phone: str
    address_lines: Sequence[str]
    lines: Sequence[SlipLine]
    backorder: Sequence[tuple[str, str, int]] = ()
    carrier: str = ""
    tracking_numbers: Sequence[str] = ()
    shop_name: str = "OrderDesk"
    return_note: str = (
        "Returns: within 14 days, unused and in the original packaging. Keep this slip and "
        "write the order number on the parcel. "
        "退货：14天内，未使用且包装完好，请保留此单并在包裹上注明订单号。"
    )
    packed_at: datetime | None = None


_CELL_PADDING = 12  # a Table cell's default left + right padding


def _fits(text: str, size: float, width: float, bold: bool = False) -> bool:
    """True if every line of ``text`` fits ``width`` at ``size`` (a Table cell draws a plain
    string line by line)."""
    font = font_for(text, bold)
    return all(pdfmetrics.stringWidth(line, font, size) <= width for line in text.split("\n"))


class _TextLine(Flowable):
    """One line of text that is known to fit: drawn straight onto the canvas, laid out like a
    one-line Paragraph (leading 1.2 × size) at a fraction of the cost."""

    def __init__(self, text: str, size: float, bold: bool = False) -> None:
        super().__init__()
        self.text, self.size, self.font = text, size, font_for(text, bold)
        self.height = size * 1.2

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, self.height

    def draw(self) -> None:
        self.canv.setFont(self.font, self.size)
        self.canv.drawString(0, self.height - self.size, self.text)


# Latin words stay whole; every other character (CJK) may start a new line, as in a Paragraph
# with CJK word wrap.
_TOKENS = re.compile(r"[\x21-\x7e\u00a0-\u024f]+|\s+|.")


@lru_cache(maxsize=1024)
def _wrap_lines(text: str, font: str, size: float, width: float) -> tuple[str, ...] | None:
    """``text`` broken greedily into lines no wider than ``width``; None when a single word
    is wider (then a Paragraph does the work). Cached: the return note is on every slip."""
    lines: list[str] = []
    for source in text.split("\n"):
        line, used = "", 0.0
        for token in _TOKENS.findall(source):
            w = pdfmetrics.stringWidth(token, font, size)
            if used + w <= width:
                line, used = line + token, used + w
            elif token.isspace():
                lines.append(line.rstrip())
                line, used = "", 0.0
            elif w > width:
                return None
            else:
                lines.append(line.rstrip())
                line, used = token, w
        lines.append(line.rstrip())
    return tuple(lines)


class _TextBlock(Flowable):
    """Wrapped lines drawn straight onto the canvas, laid out like the Paragraph it replaces
    (one font, leading 1.2 × size)."""

    def __init__(self, lines: tuple[str, ...], font: str, size: float) -> None:
        super().__init__()
        self.lines, self.font, self.size = lines, font, size
        self.leading = size * 1.2
        self.height = self.leading * len(lines)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, self.height

    def draw(self) -> None:
        self.canv.setFont(self.font, self.size)
        y = self.height - self.size
        for line in self.lines:
            self.canv.drawString(0, y, line)
            y -= self.leading


def text_block(text: str, size: float, width: float, bold: bool = False) -> Flowable:
    """Text wrapped into ``width`` (nothing clipped): a cheap ``_TextBlock`` when every word
    fits a line, else a Paragraph."""
    font = font_for(text, bold)
    lines = _wrap_lines(text, font, size, width)
    return _TextBlock(lines, font, size) if lines is not None else para(text, size, bold)


class _SlipHead(Flowable):
    """The slip's top row: shop name on the left, the order's barcode on the right (what a
    two-cell Table drew, without the Table's layout work on every slip)."""

    def __init__(self, shop_name: str, barcode: BarcodeFlowable, width: float) -> None:
        super().__init__()
        self.name, self.barcode = _TextLine(shop_name, 16, bold=True), barcode
        self.width = width
        self.height = max(self.name.height, barcode.height) + 6  # the cells' top/bottom padding

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        top = self.height - 3
        self.name.drawOn(self.canv, 6, top - self.name.height)
        self.barcode.drawOn(self.canv, self.width - 6 - self.barcode.width,
                            top - self.barcode.height)


def _cell(text: str, size: float, col_width: float, col: int, row: int,
          fonts: list[tuple[str, tuple[int, int], tuple[int, int], str]],
          bold: bool = False) -> object:
    """A table cell: plain text drawn straight onto the canvas when it fits on one line (the
    cell's font goes into ``fonts`` for the table style), else a wrapping Paragraph, so a
    long SKU or item name is never clipped. Most cells fit, and a Paragraph costs ~10× more."""
    font = font_for(text, bold)
    if _fits(text, size, col_width - _CELL_PADDING, bold):
        if font != LATIN:
            fonts.append(("FONTNAME", (col, row), (col, row), font))
        return text
    return para(text, size, bold)


def _slip_story(d: SlipData, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    barcode = BarcodeFlowable(d.order_number, 12 * mm)
    head: Flowable
    if "\n" not in d.shop_name and _fits(d.shop_name, 16, width * 0.55 - _CELL_PADDING, True):
        head = _SlipHead(d.shop_name, barcode, width)
    else:  # a long shop name wraps in its column
        head = Table([[para(d.shop_name, 16, True), barcode]],
                     colWidths=[width * 0.55, width * 0.45])
        head.setStyle(TableStyle([("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                  ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [head, Spacer(1, 3 * mm)]
    title = f"Packing slip 装箱单 — order {d.order_number}, shipment {d.shipment_number}"
    story += [text_block(title, 12, width, bold=True), Spacer(1, 2 * mm)]
    ship_to = "\n".join([d.customer, d.phone, *d.address_lines])
    info = [f"Carrier: {d.carrier}" if d.carrier else "",
            ("Tracking: " + ", ".join(d.tracking_numbers)) if d.tracking_numbers else "",
            f"Packed: {d.packed_at.astimezone():%Y-%m-%d %H:%M}" if d.packed_at else ""]
    addr = Table([[text_block("Ship to 收货人\n" + ship_to, 10, width * 0.55 - _CELL_PADDING),
                   text_block("\n".join(x for x in info if x), 9,
                              width * 0.45 - _CELL_PADDING)]],
                 colWidths=[width * 0.55, width * 0.45])
    addr.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("BOX", (0, 0), (0, 0), 0.5, colors.grey)]))
    story += [addr, Spacer(1, 4 * mm)]
    widths = [width * 0.16, width * 0.36, width * 0.1, width * 0.12, width * 0.26]
    fonts: list[tuple[str, tuple[int, int], tuple[int, int], str]] = []
    rows: list[list[object]] = [[
        _cell(text, 9, widths[c], c, 0, fonts, bold=True)
        for c, text in enumerate(("SKU", "Item 商品", "Ordered", "In this\nparcel", "Barcode"))]]
    for r, li in enumerate(d.lines, start=1):
        rows.append([_cell(li.sku, 9, widths[0], 0, r, fonts),
                     _cell(li.name, 9, widths[1], 1, r, fonts), str(li.ordered),
                     str(li.in_this_shipment), BarcodeFlowable(li.sku, 7 * mm, 0.22 * mm)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 1), (3, -1), "RIGHT"),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        *fonts,
    ]))
    story += [table, Spacer(1, 4 * mm)]
    if d.backorder:
        text = "Still to come (backorder) 待发: " + "; ".join(
            f"{sku} {name} × {q}" for sku, name, q in d.backorder)
        story += [text_block(text, 10, width, True), Spacer(1, 3 * mm)]
    story.append(text_block(d.return_note, 9, width))
    return story


def packing_slips_pdf(slips: Iterable[SlipData], paper: str = "A4") -> bytes:
    _fonts()
    size = PAGE_SIZES[paper]
    buf = io.BytesIO()
    margin = 15 * mm
    doc = SimpleDocTemplate(buf, pagesize=size, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title="Packing slips",
                            pageCompression=0)
    from reportlab.platypus import PageBreak

    story: list[Flowable] = []
    for i, d in enumerate(slips):
        if i:
            story.append(PageBreak())
        story += _slip_story(d, size[0] - 2 * margin)
    if not story:
        raise ValueError("No packing slips to print.")
    doc.build(story)
    return buf.getvalue()


# --- Pick list, manifest, command sheet --------------------------------------------------------

def pick_list_pdf(number: str, created: str, order_numbers: Sequence[str],
                  lines: Sequence[tuple[str, str, str, int, str]], paper: str = "A4") -> bytes:
    """``lines``: (bin, sku, name, quantity, order number), already sorted by bin."""
    _fonts()
    size = PAGE_SIZES[paper]
    margin = 12 * mm
    width = size[0] - 2 * margin
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=size, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=f"Pick list {number}")
    story: list[Flowable] = [
        Table([[para(f"Pick list 拣货单 {number}", 14, True), BarcodeFlowable(number, 11 * mm)]],
              colWidths=[width * 0.6, width * 0.4]),
        para(f"{created} — orders: {', '.join(order_numbers)}", 9), Spacer(1, 3 * mm),
    ]
    rows: list[list[object]] = [[para(x, 9, True) for x in
                                 ("Bin 库位", "SKU", "Item", "Qty", "Order", "Scan")]]
    for bin_, sku, name, qty, order in lines:
        rows.append([para(bin_ or "—", 10, True), para(sku, 9), para(name, 9), str(qty),
                     BarcodeFlowable(order, 6 * mm, 0.2 * mm),
                     BarcodeFlowable(sku, 6 * mm, 0.2 * mm)])
    t = Table(rows, colWidths=[width * w for w in (0.1, 0.14, 0.26, 0.06, 0.22, 0.22)],
              repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story.append(t)
    doc.build(story)
    return buf.getvalue()


def manifest_pdf(carrier: str, day: str, rows: Sequence[Sequence[str]]) -> bytes:
    """``rows``: (shipment, order, parcel, tracking, recipient, city, weight, time)."""
    _fonts()
    size = A4
    margin = 12 * mm
    width = size[0] - 2 * margin
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=size, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=f"Manifest {day}")
    head = ("Shipment", "Order", "Parcel", "Tracking", "Recipient", "City", "kg", "Time")
    table_rows: list[list[object]] = [[para(x, 8, True) for x in head]]
    table_rows += [[para(str(v), 8) for v in r] for r in rows]
    t = Table(table_rows, colWidths=[width * w for w in
                                     (0.12, 0.12, 0.07, 0.19, 0.17, 0.13, 0.08, 0.12)],
              repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
    total = f"{len(rows)} parcels"
    doc.build([para(f"Manifest 交接单 — {carrier} — {day}", 14, True), para(total, 10),
               Spacer(1, 3 * mm), t, Spacer(1, 12 * mm),
               para("Handed over by ____________    Received by (driver) ____________", 10)])
    return buf.getvalue()


COMMANDS: tuple[tuple[str, str], ...] = (
    ("CMD:COMPLETE", "Complete 完成"),
    ("CMD:UNDO", "Undo last scan 撤销"),
    ("CMD:NEXT-PARCEL", "Next parcel 下一箱"),
    ("CMD:REPRINT", "Print again 重打"),
    ("CMD:CANCEL", "Cancel 取消"),
    ("CMD:DELIVERED", "Delivered proof next 签收回单"),
)


def command_sheet_pdf(paper: str = "A4",
                      boxes: Sequence[tuple[str, str]] = ()) -> bytes:
    """Barcodes a packer scans instead of touching the keyboard; with ``boxes`` (code,
    description) a second page of ``BOX:<code>`` barcodes for choosing the box by scan."""
    _fonts()
    size = PAGE_SIZES[paper]
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=size)
    c.setTitle("Pack station commands")
    _barcode_page(c, size, "Pack station commands 打包台指令", COMMANDS, 45 * mm)
    if boxes:
        _barcode_page(c, size, "Box sizes 箱型",
                      [(f"BOX:{code}", text) for code, text in boxes], 30 * mm)
    c.save()
    return buf.getvalue()


def _barcode_page(c: Canvas, size: tuple[float, float], title: str,
                  rows: Sequence[tuple[str, str]], step: float) -> None:
    """One page of Code 128 barcodes with their meaning; more rows than fit go on
    further pages under the same title."""
    bottom = 15 * mm
    bar_h = min(18 * mm, step - 12 * mm)
    y = 0.0
    for i, (code, text) in enumerate(rows):
        if i == 0 or y - bar_h < bottom:
            if i:
                c.showPage()
            c.setFont(CJK, 16)
            c.drawString(20 * mm, size[1] - 20 * mm, title)
            y = size[1] - 35 * mm
        bc = code128(code, bar_h, 0.4 * mm)
        bc.drawOn(c, 20 * mm, y - bc.height)
        c.setFont(CJK, 14)
        c.drawString(20 * mm + bc.width + 8 * mm, y - bc.height / 2 - 1 * mm, text)
        c.setFont(LATIN, 8)
        c.drawString(20 * mm + bc.width + 8 * mm, y - bc.height / 2 - 6 * mm, code)
        y -= step
    c.showPage()
