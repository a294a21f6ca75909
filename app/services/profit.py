"""Cost and profit: channel fees, per-order costs, indirect cost pools, profit reports by
order, product, category, customer, channel or period, and their CSV/XLSX export.

Revenue is recognised when an order is invoiced. Cost of goods is the moving-average cost
stored on the invoice line at invoicing (shipping). Order-level amounts (shipping charged,
order discount, shipping cost, fees, production and exception costs, overhead) are split
over the order's lines by line revenue to the cent, so every grouping adds up to the same
totals. An order invoiced per shipment has several invoices: its order-level costs and
channel fee are first split over them by invoice total (each invoice carries its share,
in its own period), so they are counted once.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    ChannelFinance,
    Customer,
    IndirectCost,
    Invoice,
    InvoiceLine,
    Order,
    OrderCost,
    OrderCostEntry,
    Product,
)
from app.domain.money import ZERO, parse_money, round_money
from app.domain.order_totals import LineAmounts
from app.domain.profit import (
    IndirectRule,
    OrderBasis,
    Profit,
    allocate_indirect,
    channel_fee,
    margin_warning,
    safe_cell,
    split_to_cent,
)
from app.domain.roles import Permission
from app.services.context import Actor, audit
from app.services.errors import NotFound, ValidationFailed

GROUPINGS = ("order", "product", "category", "customer", "channel", "period")
COST_KINDS = ("shipping", "production", "exception")


def set_channel(db: Database, actor: Actor, channel: str, *, fee_percent: Decimal | str,
                fee_fixed: Decimal | str, invoice_at: str = "ship", prepaid: bool = False
                ) -> None:
    """A channel's fee (percent of revenue + fixed per order) and invoicing moment."""
    actor.require(Permission.FINANCE)
    pct, fixed = parse_money(fee_percent), parse_money(fee_fixed)
    if not channel.strip():
        raise ValidationFailed("Name the channel.")
    if pct < 0 or pct > 100 or fixed < 0:
        raise ValidationFailed("A fee is 0–100 percent plus a fixed amount of 0 or more.")
    if invoice_at not in ("ship", "confirm"):
        raise ValidationFailed("Invoice at 'ship' or 'confirm'.")
    with db.writer() as s:
        row = s.get(ChannelFinance, channel.strip(), with_for_update=True)
        if row is None:
            row = ChannelFinance(channel=channel.strip())
            s.add(row)
        row.fee_percent, row.fee_fixed = pct, fixed
        row.invoice_at, row.prepaid = invoice_at, prepaid
        audit(s, actor, "channel_settings", "channel", channel, fee_percent=pct,
              fee_fixed=fixed, invoice_at=invoice_at, prepaid=prepaid)


def add_order_cost(db: Database, actor: Actor, order_id: int, kind: str, amount: Decimal | str,
                   note: str = "", actual: bool = False) -> int:
    """Book a cost on an order: shipping (carrier rate, or ``actual`` invoice cost, which
    then replaces the rate), production, or exception (reship, refund, claim)."""
    actor.require(Permission.FINANCE)
    if kind not in COST_KINDS:
        raise ValidationFailed(f"Cost kind {kind!r}: use {', '.join(COST_KINDS)}.")
    value = parse_money(amount)
    with db.writer() as s:
        return add_order_cost_in(s, actor, order_id, kind, value, note, actual)


def add_order_cost_in(s: Session, actor: Actor, order_id: int, kind: str, amount: Decimal,
                      note: str = "", actual: bool = False) -> int:
    """In-session form for fulfilment (carrier rate when a label is bought)."""
    if s.get(Order, order_id) is None:
        raise NotFound(f"Order {order_id} does not exist.")
    cost = OrderCost(order_id=order_id, kind=kind, amount=amount, actual=actual, note=note,
                     created_by=actor.username)
    s.add(cost)
    s.flush()
    audit(s, actor, "order_cost", "order", order_id, kind=kind, amount=amount, actual=actual)
    return cost.id


def add_indirect_cost(db: Database, actor: Actor, start: date, end: date,
                      amount: Decimal | str, rule: str, description: str = "") -> int:
    """An overhead pool for a period, spread over the orders invoiced in it by ``rule``
    (revenue, order or unit)."""
    actor.require(Permission.APPROVE)
    try:
        IndirectRule(rule)
    except ValueError as exc:
        raise ValidationFailed("Rule: revenue, order or unit.") from exc
    if end < start:
        raise ValidationFailed("The period ends before it starts.")
    with db.writer() as s:
        row = IndirectCost(period_start=start, period_end=end, amount=parse_money(amount),
                           rule=rule, description=description)
        s.add(row)
        s.flush()
        audit(s, actor, "indirect_cost", "indirect_cost", row.id, amount=row.amount, rule=rule)
        return row.id


@dataclass
class ProfitRow:
    key: str
    label: str
    profit: Profit = field(default_factory=Profit)
    orders: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class _Line:
    invoice_id: int
    order_id: int
    order_number: str
    sku: str
    name: str
    category: str
    customer: str
    channel: str
    period: str
    profit: Profit


def _lines(s: Session, start: date, end: date) -> list[_Line]:
    invoices = list(s.scalars(select(Invoice).where(Invoice.issue_date.between(start, end),
                                                    Invoice.order_id.is_not(None))
                              .order_by(Invoice.id)))
    if not invoices:
        return []
    inv_ids = [i.id for i in invoices]
    order_ids = [i.order_id for i in invoices if i.order_id is not None]
    lines: dict[int, list[tuple[InvoiceLine, str]]] = defaultdict(list)
    for li, cat in s.execute(select(InvoiceLine, Product.category)
                             .outerjoin(Product, Product.id == InvoiceLine.product_id)
                             .where(InvoiceLine.invoice_id.in_(inv_ids))
                             .order_by(InvoiceLine.invoice_id, InvoiceLine.line_no)):
        lines[li.invoice_id].append((li, cat or ""))
    orders = {o.id: o for o in s.scalars(select(Order).where(Order.id.in_(order_ids)))}
    # every invoice of these orders, also those outside the period: the order's costs are
    # shared over all of them
    siblings: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for iid, oid, total in s.execute(select(Invoice.id, Invoice.order_id, Invoice.total)
                                     .where(Invoice.order_id.in_(order_ids))
                                     .order_by(Invoice.id)):
        if oid is not None:
            siblings[oid].append((iid, total))
    costs: dict[int, list[OrderCost]] = defaultdict(list)
    for c in s.scalars(select(OrderCost).where(OrderCost.order_id.in_(order_ids))):
        costs[c.order_id].append(c)
    # Costs the workshop and the exception desk record (work orders, reships, claims).
    desk_costs: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    for e in s.scalars(select(OrderCostEntry).where(OrderCostEntry.order_id.in_(order_ids))):
        group = "production" if e.kind in ("material", "labour") else "exception"
        desk_costs[(e.order_id, group)] += e.amount
    channels = {c.channel: c for c in s.scalars(select(ChannelFinance))}
    codes = dict(s.execute(select(Customer.id, Customer.name)).all())
    indirect = _indirect(s, invoices, lines)
    out: list[_Line] = []
    for inv in invoices:
        assert inv.order_id is not None
        order = orders[inv.order_id]
        items = lines.get(inv.id, [])
        if not items:
            continue
        weights = [li.line_total for li, _ in items]
        line_sum = sum(weights, ZERO)
        ch = channels.get(inv.channel)
        share = _share_of(inv.id, siblings[order.id], inv.currency)
        order_total = sum((t for _, t in siblings[order.id]), ZERO)
        fee = share(channel_fee(order_total, ch.fee_percent, ch.fee_fixed, inv.currency)
                    if ch else ZERO)
        ship_rows = [c for c in costs[order.id] if c.kind == "shipping"]
        actual = [c for c in ship_rows if c.actual]
        shipping = sum((c.amount for c in (actual or ship_rows)), ZERO)
        production = sum((c.amount for c in costs[order.id] if c.kind == "production"),
                         desk_costs[(order.id, "production")])
        exceptions = sum((c.amount for c in costs[order.id] if c.kind == "exception"),
                         desk_costs[(order.id, "exception")])
        parts = {name: split_to_cent(amount, weights, inv.currency) for name, amount in (
            ("revenue_adj", inv.total - line_sum), ("fees", fee), ("shipping", share(shipping)),
            ("production", share(production)), ("exceptions", share(exceptions)),
            ("indirect", indirect.get(inv.id, ZERO)))}
        customer = codes.get(inv.customer_id, inv.customer_name) if inv.customer_id else (
            inv.customer_name or "(walk-in)")
        for n, (li, cat) in enumerate(items):
            p = Profit(revenue=li.line_total + parts["revenue_adj"][n],
                       cost_of_goods=round_money(li.unit_cost * li.quantity, inv.currency),
                       production=parts["production"][n], shipping=parts["shipping"][n],
                       fees=parts["fees"][n], exceptions=parts["exceptions"][n],
                       indirect=parts["indirect"][n])
            out.append(_Line(inv.id, order.id, order.number, li.sku, li.name, cat or "—",
                             customer, inv.channel, f"{inv.issue_date:%Y-%m}", p))
    return out


def _share_of(invoice_id: int, siblings: Sequence[tuple[int, Decimal]], currency: str
              ) -> Callable[[Decimal], Decimal]:
    """This invoice's part of an order-level amount, split over all the order's invoices
    by their totals to the cent (the whole amount when it is the order's only invoice)."""
    ids = [i for i, _ in siblings]
    if ids == [invoice_id] or invoice_id not in ids:
        return lambda amount: amount
    at = ids.index(invoice_id)
    weights = [max(t, ZERO) for _, t in siblings]
    return lambda amount: split_to_cent(amount, weights, currency)[at]


def _indirect(s: Session, invoices: Sequence[Invoice],
              lines: dict[int, list[tuple[InvoiceLine, str]]]) -> dict[int, Decimal]:
    """Each overhead pool spread over the invoices issued in its period."""
    if not invoices:
        return {}
    first, last = min(i.issue_date for i in invoices), max(i.issue_date for i in invoices)
    out: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for pool in s.scalars(select(IndirectCost).where(IndirectCost.period_start <= last,
                                                     IndirectCost.period_end >= first)):
        inside = [i for i in invoices if pool.period_start <= i.issue_date <= pool.period_end]
        basis = [OrderBasis(i.id, i.total, sum(li.quantity for li, _ in lines.get(i.id, [])))
                 for i in inside]
        for inv_id, part in allocate_indirect(pool.amount, basis, IndirectRule(pool.rule)).items():
            out[inv_id] += part
    return out


def profit_report(db: Database, actor: Actor, start: date, end: date, group_by: str = "order",
                  text_filter: str = "") -> list[ProfitRow]:
    """Revenue, each cost, gross and net profit per group, highest net profit first."""
    actor.require(Permission.FINANCE)
    if group_by not in GROUPINGS:
        raise ValidationFailed(f"Group by one of: {', '.join(GROUPINGS)}.")
    with db.reader() as s:
        lines = _lines(s, start, end)
    rows: dict[str, ProfitRow] = {}
    for li in lines:
        key, label = _key_label(li, group_by)
        if text_filter and text_filter.lower() not in f"{key} {label}".lower():
            continue
        row = rows.setdefault(key, ProfitRow(key, label))
        row.profit = row.profit + li.profit
        row.orders.add(li.order_id)
    return sorted(rows.values(), key=lambda r: (-r.profit.net, r.key))


def _key_label(li: _Line, group_by: str) -> tuple[str, str]:
    return {
        "order": (li.order_number, li.customer),
        "product": (li.sku, li.name),
        "category": (li.category, li.category),
        "customer": (li.customer, li.customer),
        "channel": (li.channel, li.channel),
        "period": (li.period, li.period),
    }[group_by]


def profit_trend(db: Database, actor: Actor, start: date, end: date, group_by: str = "order",
                 text_filter: str = "") -> list[tuple[str, Decimal]]:
    """Net profit per period (month), oldest first, of the lines the same grouping and
    filter as ``profit_report`` select — the trend behind that report."""
    actor.require(Permission.FINANCE)
    if group_by not in GROUPINGS:
        raise ValidationFailed(f"Group by one of: {', '.join(GROUPINGS)}.")
    with db.reader() as s:
        lines = _lines(s, start, end)
    by_period: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for li in lines:
        key, label = _key_label(li, group_by)
        if text_filter and text_filter.lower() not in f"{key} {label}".lower():
            continue
        by_period[li.period] += li.profit.net
    return sorted(by_period.items())


HEADERS = ["key", "label", "orders", "revenue", "cost_of_goods", "production", "shipping",
           "fees", "exceptions", "indirect", "gross", "net", "gross_margin_%", "net_margin_%"]


def _cells(r: ProfitRow) -> list[object]:
    p = r.profit
    return [r.key, r.label, len(r.orders), p.revenue, p.cost_of_goods, p.production,
            p.shipping, p.fees, p.exceptions, p.indirect, p.gross, p.net, p.gross_margin,
            p.net_margin]


def export_csv(rows: Sequence[ProfitRow]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADERS)
    for r in rows:
        w.writerow([safe_cell(c) if isinstance(c, str) else ("" if c is None else c)
                    for c in _cells(r)])
    return buf.getvalue()


def export_xlsx(rows: Sequence[ProfitRow], path: Path) -> None:
    """Amounts as numbers (two decimals), text cells made formula-safe."""
    from openpyxl import Workbook  # heavy: imported when first needed

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Profit"
    ws.append(HEADERS)
    for r in rows:
        ws.append([safe_cell(c) if isinstance(c, str) else c for c in _cells(r)])
    for col in ws.iter_cols(min_col=4, max_col=12, min_row=2):
        for cell in col:
            cell.number_format = "#,##0.00"
    wb.save(path)


@dataclass(frozen=True)
class MarginPreview:
    revenue: Decimal
    cost: Decimal
    margin_percent: Decimal | None
    warning: str | None


def order_margin(db: Database, order_id: int, threshold_percent: Decimal = Decimal("15")
                 ) -> MarginPreview:
    """The margin of an order before confirming (cost of goods at today's moving average,
    channel fee, booked costs), with a warning below the threshold."""
    with db.reader() as s:
        order = s.get(Order, order_id)
        if order is None:
            raise NotFound(f"Order {order_id} does not exist.")
        costs = dict(s.execute(select(Product.id, Product.cost).where(
            Product.id.in_([li.product_id for li in order.lines]))).all())
        cogs = sum((round_money(costs.get(li.product_id, ZERO) * li.quantity, order.currency)
                    for li in order.lines), ZERO)
        ch = s.get(ChannelFinance, order.channel)
        fee = channel_fee(order.total, ch.fee_percent, ch.fee_fixed) if ch else ZERO
        booked = sum((c.amount for c in s.scalars(select(OrderCost)
                                                  .where(OrderCost.order_id == order_id))), ZERO)
        revenue = sum((LineAmounts(li.quantity, li.unit_price, li.discount).total(order.currency)
                       for li in order.lines), ZERO) + order.shipping
        cost = cogs + fee + booked
        margin = None if revenue == ZERO else ((revenue - cost) / revenue * 100).quantize(
            Decimal("0.1"))
        return MarginPreview(revenue, cost, margin, margin_warning(revenue, cost,
                                                                   threshold_percent))
