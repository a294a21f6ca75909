"""Sales channels and member tiers as a manager sets them up, in one place: per channel
the invoicing moment, paid-through-the-channel, how long an unpaid order's reservation
lasts, what an imported order does with a short line, the marketplace/payment fee and the
channel's price list; the member tiers and their discounts.

The settings live where the services that use them read them (``channel_settings`` for
allocation, ``channel_finance`` for invoicing and profit, ``price_lists`` for pricing);
this module reads and writes them together, in one transaction per save.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    ChannelFinance,
    ChannelSettings,
    Customer,
    MemberTier,
    Order,
    PriceList,
    PriceListItem,
    Product,
)
from app.domain.allocation import Choice
from app.domain.money import ZERO, parse_money
from app.domain.roles import Permission
from app.services.context import Actor, audit
from app.services.errors import ValidationFailed
from app.services.pricing import DEFAULT_TIERS

BASIC_CHANNELS = ("counter", "phone", "web")  # always offered, even before any order
INVOICE_MOMENTS = ("ship", "confirm")
CHANNEL_DEFAULTS = (Choice.ALL_OR_NOTHING, Choice.SHIP_AND_BACKORDER, Choice.WAIT_ALL,
                    Choice.CANCEL_LINE)
MAX_CHANNEL = 32
MAX_TIER = 16


@dataclass(frozen=True)
class ChannelConfig:
    channel: str
    invoice_at: str = "ship"  # ship | confirm
    prepaid: bool = False  # paid through the channel (marketplaces)
    reservation_minutes: int | None = None  # unpaid orders' reservations; None: for ever
    default_allocation: Choice = Choice.ALL_OR_NOTHING  # imported orders' short lines
    fee_percent: Decimal = ZERO
    fee_fixed: Decimal = ZERO
    prices: int = 0  # products on the channel's price list (read only)


@dataclass(frozen=True)
class TierView:
    code: str
    name: str
    discount_pct: Decimal
    customers: int


@dataclass(frozen=True)
class ChannelPrice:
    product_id: int
    sku: str
    name: str
    list_price: Decimal
    unit_price: Decimal


# --- Channels ---------------------------------------------------------------------------


def _known_channels(s: Session) -> list[str]:
    names = set(BASIC_CHANNELS)
    for model in (ChannelSettings, ChannelFinance, PriceList):
        names.update(s.scalars(select(model.channel).distinct()))
    names.update(s.scalars(select(Order.channel).distinct()))
    return sorted(n for n in names if n)


def _config(s: Session, channel: str) -> ChannelConfig:
    alloc = s.get(ChannelSettings, channel)
    fin = s.get(ChannelFinance, channel)
    prices = s.scalar(select(func.count()).select_from(PriceListItem)
                      .join(PriceList, PriceList.id == PriceListItem.price_list_id)
                      .where(PriceList.channel == channel)) or 0
    return ChannelConfig(
        channel,
        invoice_at=fin.invoice_at if fin is not None else "ship",
        prepaid=bool(fin.prepaid) if fin is not None else False,
        reservation_minutes=alloc.reservation_minutes if alloc is not None else None,
        default_allocation=Choice(alloc.default_allocation) if alloc is not None
        else Choice.ALL_OR_NOTHING,
        fee_percent=fin.fee_percent if fin is not None else ZERO,
        fee_fixed=fin.fee_fixed if fin is not None else ZERO,
        prices=int(prices))


def list_channels(db: Database) -> list[ChannelConfig]:
    """Every channel in use or configured, with its settings (defaults where none)."""
    with db.reader() as s:
        return [_config(s, c) for c in _known_channels(s)]


def check_channel(config: ChannelConfig) -> str:
    """The cleaned channel name, or ValidationFailed naming what is wrong."""
    name = config.channel.strip()  # as the orders spell it: the settings are keyed by it
    if not name or len(name) > MAX_CHANNEL or any(ch.isspace() for ch in name):
        raise ValidationFailed(f"A channel name has 1 to {MAX_CHANNEL} characters, no spaces.")
    if config.invoice_at not in INVOICE_MOMENTS:
        raise ValidationFailed("Invoice at shipment ('ship') or at confirmation ('confirm').")
    if config.default_allocation not in CHANNEL_DEFAULTS:
        raise ValidationFailed("A channel default cannot be 'substitute': it needs a product.")
    minutes = config.reservation_minutes
    if minutes is not None and minutes < 1:
        raise ValidationFailed("A reservation lasts at least one minute (empty: for ever).")
    if not ZERO <= config.fee_percent <= 100 or config.fee_fixed < 0:
        raise ValidationFailed("A fee is 0–100 percent plus a fixed amount of 0 or more.")
    return name


def save_channel(db: Database, actor: Actor, config: ChannelConfig) -> ChannelConfig:
    """Create or change a channel's settings (manager). Returns them as saved."""
    actor.require(Permission.MANAGE_PRICING)
    name = check_channel(config)
    with db.writer() as s:
        alloc = s.get(ChannelSettings, name, with_for_update=True)
        if alloc is None:
            alloc = ChannelSettings(channel=name)
            s.add(alloc)
        alloc.default_allocation = config.default_allocation.value
        alloc.reservation_minutes = config.reservation_minutes
        fin = s.get(ChannelFinance, name, with_for_update=True)
        if fin is None:
            fin = ChannelFinance(channel=name)
            s.add(fin)
        fin.invoice_at, fin.prepaid = config.invoice_at, config.prepaid
        fin.fee_percent, fin.fee_fixed = config.fee_percent, config.fee_fixed
        s.flush()
        audit(s, actor, "channel_settings", "channel", name, invoice_at=config.invoice_at,
              prepaid=config.prepaid, reservation_minutes=config.reservation_minutes,
              default_allocation=config.default_allocation.value,
              fee_percent=config.fee_percent, fee_fixed=config.fee_fixed)
        return _config(s, name)


# --- Channel price lists ------------------------------------------------------------------


def channel_prices(db: Database, channel: str) -> list[ChannelPrice]:
    with db.reader() as s:
        rows = s.execute(
            select(Product.id, Product.sku, Product.name, Product.list_price,
                   PriceListItem.unit_price)
            .join(PriceListItem, PriceListItem.product_id == Product.id)
            .join(PriceList, PriceList.id == PriceListItem.price_list_id)
            .where(PriceList.channel == channel).order_by(Product.sku))
        return [ChannelPrice(int(i), sku, name, lp, up) for i, sku, name, lp, up in rows]


@dataclass(frozen=True)
class PriceImport:
    saved: int
    unchanged: int


def _read_price_rows(s: Session, text: str) -> list[tuple[int, Decimal]]:
    """``sku,price`` rows (a header row is skipped). Every problem is collected, so the
    user fixes the file once; nothing is saved while any row is wrong."""
    problems: list[str] = []
    out: list[tuple[int, Decimal]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if number == 1 and cells[0].lower() in ("sku", "product", "商品编码"):
            continue
        if len(cells) < 2:
            problems.append(f"row {number}: expected 'sku,price'")
            continue
        sku, price_text = cells[0], cells[1]
        product_id = s.scalar(select(Product.id).where(Product.sku == sku))
        if product_id is None:
            problems.append(f"row {number}: no product with SKU {sku!r}")
            continue
        try:
            price = parse_money(price_text)
        except ValueError:
            problems.append(f"row {number}: {price_text!r} is not a price")
            continue
        if price < 0:
            problems.append(f"row {number}: a price cannot be negative")
            continue
        if sku in seen:
            problems.append(f"row {number}: SKU {sku} also on row {seen[sku]}")
            continue
        seen[sku] = number
        out.append((int(product_id), price))
    if problems:
        shown = "; ".join(problems[:10]) + (f"; … {len(problems) - 10} more"
                                            if len(problems) > 10 else "")
        raise ValidationFailed(f"Nothing imported, fix the file first: {shown}.")
    return out


def import_channel_prices(db: Database, actor: Actor, channel: str, text: str) -> PriceImport:
    """Set a channel's prices from CSV text (``sku,price``); products not in the file keep
    their channel price. All rows or none."""
    actor.require(Permission.MANAGE_PRICING)
    name = check_channel(ChannelConfig(channel))
    with db.writer() as s:
        rows = _read_price_rows(s, text)
        plist = s.scalar(select(PriceList).where(PriceList.channel == name))
        if plist is None:
            plist = PriceList(name=f"{name} prices", channel=name, active=True)
            s.add(plist)
            s.flush()
        saved = unchanged = 0
        for product_id, price in rows:
            item = s.get(PriceListItem, (plist.id, product_id))
            if item is None:
                s.add(PriceListItem(price_list_id=plist.id, product_id=product_id,
                                    unit_price=price))
            elif item.unit_price == price:
                unchanged += 1
                continue
            else:
                item.unit_price = price
            saved += 1
        audit(s, actor, "channel_prices_imported", "channel", name, saved=saved,
              unchanged=unchanged)
        return PriceImport(saved, unchanged)


# --- Member tiers ------------------------------------------------------------------------


def list_tiers(db: Database) -> list[TierView]:
    """The tiers with their discount and how many customers are in each; the built-in
    silver and gold count (as pricing does) until they are saved with other values."""
    with db.reader() as s:
        counts = dict(s.execute(select(Customer.member_tier, func.count())
                                .group_by(Customer.member_tier)).all())
        saved = {t.code: (t.name, t.discount_pct) for t in s.scalars(select(MemberTier))}
    tiers = {code: (code.capitalize(), pct) for code, pct in DEFAULT_TIERS.items()}
    tiers.update(saved)
    return sorted((TierView(code, name, pct, int(counts.get(code, 0)))
                   for code, (name, pct) in tiers.items()),
                  key=lambda t: (t.discount_pct, t.code))


def check_tier(code: str, discount_pct: Decimal) -> str:
    clean = code.strip()  # as customers' member_tier spells it
    if not clean or len(clean) > MAX_TIER or any(ch.isspace() for ch in clean):
        raise ValidationFailed(f"A tier code has 1 to {MAX_TIER} characters, no spaces.")
    if not ZERO <= discount_pct <= 100:
        raise ValidationFailed("A member tier discount is between 0 and 100 %.")
    return clean
