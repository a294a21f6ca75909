"""Pricing on orders: reprice a draft on every change, freeze at confirmation, coupons
used at confirmation and given back at cancellation; promotions and coupons maintained by
managers, with a "try it on this order" preview.

The rules themselves are in ``app.domain.pricing``; this module loads what they need.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from functools import cache

from sqlalchemy import Executable, String, bindparam, func, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Coupon,
    CouponRedemption,
    MemberTier,
    Order,
    OrderCoupon,
    OrderLine,
    OrderLineAdjustment,
    OrderPricing,
    PriceList,
    PriceListItem,
    Product,
    PromotionRow,
)
from app.db.models import Customer as CustomerRow
from app.db.types import utcnow
from app.domain import pricing as rules
from app.domain.money import ZERO, round_money
from app.domain.roles import Permission
from app.services.context import Actor, audit
from app.services.errors import ConcurrentChange, NotFound, PermissionDenied, ValidationFailed

DEFAULT_TIERS = {"silver": Decimal(5), "gold": Decimal(10)}


# --- Loading what the rules need --------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in text.replace(",", " ").split() if w)


def to_rule(row: PromotionRow) -> rules.Promotion:
    return rules.Promotion(
        row.id, row.name, rules.PromoKind(row.kind), value=row.value, threshold=row.threshold,
        repeating=row.repeating, cap=row.cap, buy_qty=row.buy_qty, get_qty=row.get_qty,
        same_item=row.same_item, starts_at=row.starts_at, ends_at=row.ends_at,
        channels=_words(row.channels), tiers=_words(row.tiers), skus=_words(row.skus),
        categories=_words(row.categories), exclusive=row.exclusive, priority=row.priority,
        coupon_only=row.coupon_only, active=row.active)


def live_promotions(s: Session, at: datetime) -> list[rules.Promotion]:
    rows = s.scalars(_live_promotions_statement(), {"at": at})
    return [to_rule(r) for r in rows]


@cache
def _live_promotions_statement() -> Executable:
    at = bindparam("at", type_=PromotionRow.__table__.c.starts_at.type)
    return select(PromotionRow).where(
        PromotionRow.active.is_(True),
        (PromotionRow.ends_at.is_(None)) | (PromotionRow.ends_at > at),
        (PromotionRow.starts_at.is_(None)) | (PromotionRow.starts_at <= at))


def tier_discount(s: Session, tier: str) -> Decimal:
    if not tier:
        return ZERO
    pct = s.scalar(select(MemberTier.discount_pct).where(MemberTier.code == tier))
    return pct if pct is not None else DEFAULT_TIERS.get(tier, ZERO)


def _coupon_rule(c: Coupon) -> rules.CouponRule:
    return rules.CouponRule(c.code, c.promotion_id, c.starts_at, c.ends_at, c.max_uses,
                            c.max_uses_per_customer, c.min_spend, c.active)


def _customer_uses(s: Session, coupon_id: int, customer_id: int | None,
                   order_id: int | None = None) -> int:
    if customer_id is None:
        return 0
    q = select(func.count()).select_from(CouponRedemption).where(
        CouponRedemption.coupon_id == coupon_id, CouponRedemption.customer_id == customer_id,
        CouponRedemption.status == "used")
    if order_id is not None:
        q = q.where(CouponRedemption.order_id != order_id)
    return int(s.scalar(q) or 0)


def _coupon_uses(s: Session, order: Order) -> list[rules.CouponUse]:
    codes = coupon_codes(s, order.id)
    # confirm redeems the codes it priced with (``priced_coupon_codes``), not a second read
    s.info.setdefault("priced_coupon_codes", {})[order.id] = codes
    uses = []
    for code in codes:
        c = s.scalar(select(Coupon).where(Coupon.code == code))
        if c is None:
            uses.append(rules.CouponUse(rules.CouponRule(code, -1, active=False)))
            continue
        uses.append(rules.CouponUse(_coupon_rule(c), c.used_count,
                                    _customer_uses(s, c.id, order.customer_id, order.id)))
    return uses


@cache
def _prices_statement() -> Executable:
    """Each product's list price and category with its active channel price: one query,
    built once (repricing runs on every line added)."""
    channel_lists = select(PriceList.id).where(
        PriceList.channel == bindparam("channel", type_=String), PriceList.active.is_(True))
    return (select(Product.id, Product.list_price, Product.category, PriceListItem.unit_price)
            .outerjoin(PriceListItem, (PriceListItem.product_id == Product.id)
                       & PriceListItem.price_list_id.in_(channel_lists))
            .where(Product.id.in_(bindparam("ids", expanding=True))))


@cache
def _adjustments_statement() -> Executable:
    return (select(OrderLineAdjustment.order_line_id, OrderLineAdjustment.discount_pct,
                   OrderLineAdjustment.approved_by)
            .where(OrderLineAdjustment.order_line_id.in_(bindparam("ids", expanding=True))))


def _inputs(s: Session, order: Order) -> list[rules.LineInput]:
    product_ids = [li.product_id for li in order.lines]
    products: dict[int, tuple[Decimal, str]] = {}
    channel_prices: dict[int, Decimal] = {}
    for pid, list_price, category, channel_price in s.execute(
            _prices_statement(), {"ids": product_ids, "channel": order.channel}):
        products[pid] = (list_price, category)
        if channel_price is not None:
            channel_prices[pid] = channel_price
    line_ids = [li.id for li in order.lines if li.id is not None]
    # (discount, approved by) per line: plain rows, the entities are not needed here
    adjustments: dict[int, tuple[Decimal, str]] = {
        lid: (pct, approved) for lid, pct, approved in s.execute(
            _adjustments_statement(), {"ids": line_ids})} if line_ids else {}
    out = []
    for li in order.lines:
        list_price, category = products[li.product_id]
        pct, approved_by = adjustments.get(li.id, (ZERO, ""))
        note = f"approved by {approved_by}" if approved_by else ""
        out.append(rules.LineInput(
            li.line_no, li.sku, li.quantity, list_price, category=category,
            channel_price=channel_prices.get(li.product_id),
            manual_discount_pct=pct, manual_note=note))
    return out


@cache
def _tier_statement() -> Executable:
    """The customer's member tier with its discount, one query (``tier_discount``'s rule)."""
    return (select(CustomerRow.member_tier, MemberTier.discount_pct)
            .outerjoin(MemberTier, MemberTier.code == CustomerRow.member_tier)
            .where(CustomerRow.id == bindparam("customer_id")))


def _customer_tier(s: Session, customer_id: int | None) -> tuple[str, Decimal]:
    """(tier, discount %) of the customer: as ``tier_discount`` answers for the tier."""
    if customer_id is None:
        return "", ZERO
    row = s.execute(_tier_statement(), {"customer_id": customer_id}).first()
    tier = (row[0] if row is not None else "") or ""
    if not tier:
        return "", ZERO
    pct = row[1] if row is not None else None
    return tier, pct if pct is not None else DEFAULT_TIERS.get(tier, ZERO)


def _context(s: Session, order: Order, at: datetime,
             state: OrderPricing | None = None, state_read: bool = False) -> rules.PricingContext:
    tier, pct = _customer_tier(s, order.customer_id)
    if not state_read:
        state = s.get(OrderPricing, order.id)
    fee = state.shipping_fee if state is not None else order.shipping
    return rules.PricingContext(at=at, channel=order.channel, tier=tier,
                                tier_discount_pct=pct, shipping=fee,
                                currency=order.currency)


def quote(s: Session, order: Order, at: datetime | None = None,
          extra: Sequence[rules.Promotion] = ()) -> rules.PricingResult:
    """Price the order as it stands, without writing anything."""
    at = at or utcnow()
    promos = live_promotions(s, at)
    if extra:
        ids = {p.id for p in extra}
        promos = [p for p in promos if p.id not in ids] + list(extra)
    return rules.price_with_coupons(_inputs(s, order), promos, _context(s, order, at),
                                    _coupon_uses(s, order), order.customer_id is not None)


def reprice(s: Session, order: Order, at: datetime | None = None, *,
            flush_first: bool = True) -> rules.PricingResult:
    """Recompute every line and the totals, keeping each line's explanation.

    ``flush_first=False`` (adding a line): nothing pending changes what pricing reads —
    a new line has no id and so no manual adjustment yet — so the reads run without
    autoflush and the new line is inserted once, already priced, with the order's update."""
    if flush_first:
        s.flush()  # new lines need their ids for manual adjustments
    at = at or utcnow()
    with s.no_autoflush:
        state = s.get(OrderPricing, order.id)
        result = rules.price_with_coupons(
            _inputs(s, order), live_promotions(s, at),
            _context(s, order, at, state, state_read=True), _coupon_uses(s, order),
            order.customer_id is not None)
    by_key = {li.key: li for li in result.lines}
    for li in order.lines:
        priced = by_key[li.line_no]
        li.unit_price, li.discount, li.line_total = priced.unit_price, priced.discount, priced.total
        li.price_explanation = rules.explanation_json(priced)
    order.subtotal, order.discount = result.subtotal, result.discount
    order.shipping, order.total = result.shipping, result.total
    if state is None:
        state = OrderPricing(order_id=order.id, shipping_fee=order.shipping)
        s.add(state)
    state.summary = summary_json(result)
    state.priced_at = utcnow()
    return result


def summary_json(result: rules.PricingResult) -> str:
    return json.dumps({
        "applied": [{"id": a.id, "name": a.name, "amount": str(a.amount)} for a in result.applied],
        "hints": list(result.hints),
        "coupon_problems": [list(p) for p in result.coupon_problems],
    }, ensure_ascii=False)


@dataclass(frozen=True)
class PricingSummary:
    applied: list[tuple[str, Decimal]]
    hints: list[str]
    coupon_problems: list[tuple[str, str]]
    coupons: list[str]


def order_summary(db: Database, order_id: int) -> PricingSummary:
    with db.reader() as s:
        state = s.get(OrderPricing, order_id)
        codes = list(s.scalars(select(OrderCoupon.code).where(OrderCoupon.order_id == order_id)))
        data = json.loads(state.summary) if state is not None and state.summary else {}
        return PricingSummary([(a["name"], Decimal(a["amount"])) for a in data.get("applied", [])],
                              list(data.get("hints", [])),
                              [(c, r) for c, r in data.get("coupon_problems", [])], codes)


def line_explanation(db: Database, line_id: int) -> list[rules.Step]:
    with db.reader() as s:
        text = s.scalar(select(OrderLine.price_explanation).where(OrderLine.id == line_id))
        if text is None:
            raise NotFound(f"Order line {line_id} does not exist.")
        return rules.explanation_from_json(text)


# --- Coupons at confirmation and cancellation --------------------------------------------


@cache
def _coupon_codes_statement() -> Executable:
    return (select(OrderCoupon.code).where(OrderCoupon.order_id == bindparam("order_id"))
            .order_by(OrderCoupon.code))


def coupon_codes(s: Session, order_id: int) -> list[str]:
    return list(s.scalars(_coupon_codes_statement(), {"order_id": order_id}))


def priced_coupon_codes(s: Session, order_id: int) -> list[str]:
    """The order's coupon codes as the last ``reprice`` in this session read them (the
    order row is locked, so they still stand), else read now."""
    codes: list[str] | None = s.info.get("priced_coupon_codes", {}).get(order_id)
    return list(codes) if codes is not None else coupon_codes(s, order_id)


def redeem_coupons(s: Session, order: Order, result: rules.PricingResult,
                   codes: list[str] | None = None) -> list[str]:
    """Use the order's coupons (``codes``: as read by ``coupon_codes`` earlier in the same
    transaction). Refuses (raises) if any no longer applies; the limits hold under
    concurrency: the count is one conditional UPDATE that also locks the coupon row, and
    the per-customer count is taken while that lock is held."""
    if result.coupon_problems:
        code, why = result.coupon_problems[0]
        raise ValidationFailed(f"Coupon {code} cannot be used on order {order.number}: {why}. "
                               "Remove it or change the order.")
    used = []
    for code in coupon_codes(s, order.id) if codes is None else codes:
        coupon = s.scalar(select(Coupon).where(Coupon.code == code))
        assert coupon is not None
        done = s.execute(update(Coupon).where(
            Coupon.id == coupon.id,
            (Coupon.max_uses.is_(None)) | (Coupon.used_count < Coupon.max_uses))
            .values(used_count=Coupon.used_count + 1))
        if done.rowcount != 1:  # type: ignore[attr-defined]
            raise ValidationFailed(f"Coupon {code} has just been used up "
                                   f"({coupon.max_uses} uses); remove it from the order.")
        limit = coupon.max_uses_per_customer
        if limit is not None and _customer_uses(s, coupon.id, order.customer_id) >= limit:
            raise ValidationFailed(f"Coupon {code} has already been used {limit} time(s) by "
                                   "this customer; remove it from the order.")
        s.add(CouponRedemption(coupon_id=coupon.id, order_id=order.id,
                               customer_id=order.customer_id))
        used.append(code)
    return used


def return_coupons(s: Session, order_id: int) -> list[int]:
    rows = s.scalars(select(CouponRedemption).where(CouponRedemption.order_id == order_id,
                                                    CouponRedemption.status == "used")).all()
    for r in rows:
        r.status, r.returned_at = "returned", utcnow()
        s.execute(update(Coupon).where(Coupon.id == r.coupon_id)
                  .values(used_count=Coupon.used_count - 1))
    return [r.coupon_id for r in rows]


# --- Changing prices on a draft order ----------------------------------------------------


def _load_draft(s: Session, order_id: int, expected_version: int) -> Order:
    from app.services.orders import _editable, _load

    order = _load(s, order_id, expected_version)
    _editable(order)
    return order


def _touch(order: Order, actor: Actor) -> None:
    from app.services.orders import _touch as touch

    touch(order, actor)


def add_coupon(db: Database, actor: Actor, order_id: int, expected_version: int,
               code: str) -> rules.PricingResult:
    """Enter a coupon code; the result's coupon_problems says why it does not apply."""
    actor.require(Permission.ENTER_ORDERS)
    code = code.strip().upper()
    if not code:
        raise ValidationFailed("Type a coupon code.")
    with db.writer() as s:
        order = _load_draft(s, order_id, expected_version)
        if s.scalar(select(Coupon.id).where(Coupon.code == code)) is None:
            raise NotFound(f"There is no coupon {code}.")
        if s.get(OrderCoupon, (order.id, code)) is None:
            s.add(OrderCoupon(order_id=order.id, code=code))
        result = reprice(s, order)
        _touch(order, actor)
        audit(s, actor, "add_coupon", "order", order.id, code=code)
        return result


def remove_coupon(db: Database, actor: Actor, order_id: int, expected_version: int,
                  code: str) -> rules.PricingResult:
    actor.require(Permission.ENTER_ORDERS)
    with db.writer() as s:
        order = _load_draft(s, order_id, expected_version)
        row = s.get(OrderCoupon, (order.id, code.strip().upper()))
        if row is not None:
            s.delete(row)
        result = reprice(s, order)
        _touch(order, actor)
        audit(s, actor, "remove_coupon", "order", order.id, code=code)
        return result


def set_line_discount(
    db: Database, actor: Actor, order_id: int, expected_version: int, line_id: int,
    percent: Decimal, reason: str = "", approver: Actor | None = None,
) -> rules.PricingResult:
    """A manual line discount. Above the actor's limit a manager (``approver`` with the
    approve permission and a high enough limit) must approve; the approval is recorded."""
    actor.require(Permission.ENTER_ORDERS)
    if percent < 0 or percent > 100:
        raise ValidationFailed(f"A discount is between 0 and 100 %, not {percent} %.")
    approved_by = ""
    if rules.needs_approval(actor.role, percent):
        limit = rules.manual_discount_limit(actor.role)
        if approver is None:
            raise PermissionDenied(
                f"{actor.username} may give up to {limit} % off; {percent} % needs a "
                "manager's approval.")
        approver.require(Permission.APPROVE)
        if rules.needs_approval(approver.role, percent):
            raise PermissionDenied(f"{approver.username} may not approve {percent} % off.")
        approved_by = approver.username
    with db.writer() as s:
        order = _load_draft(s, order_id, expected_version)
        line = next((li for li in order.lines if li.id == line_id), None)
        if line is None:
            raise NotFound(f"Line {line_id} is not on order {order.number}.")
        adj = s.get(OrderLineAdjustment, line_id)
        if adj is None:
            adj = OrderLineAdjustment(order_line_id=line_id)
            s.add(adj)
        adj.discount_pct, adj.given_by, adj.approved_by = percent, actor.username, approved_by
        adj.reason = reason
        result = reprice(s, order)
        _touch(order, actor)
        audit(s, actor, "line_discount", "order", order.id, line=line.line_no, percent=percent,
              approved_by=approved_by, reason=reason)
        return result


def set_shipping_fee(db: Database, actor: Actor, order_id: int, expected_version: int,
                     fee: Decimal) -> rules.PricingResult:
    actor.require(Permission.ENTER_ORDERS)
    if fee < 0:
        raise ValidationFailed("A shipping fee cannot be negative.")
    with db.writer() as s:
        order = _load_draft(s, order_id, expected_version)
        state = s.get(OrderPricing, order.id)
        if state is None:
            state = OrderPricing(order_id=order.id)
            s.add(state)
        state.shipping_fee = round_money(fee, order.currency)
        result = reprice(s, order)
        _touch(order, actor)
        audit(s, actor, "shipping_fee", "order", order.id, fee=fee)
        return result


# --- Maintaining promotions, coupons, tiers and price lists ------------------------------


@dataclass
class PromotionData:
    name: str
    kind: str
    value: Decimal = ZERO
    threshold: Decimal = ZERO
    repeating: bool = False
    cap: Decimal | None = None
    buy_qty: int = 0
    get_qty: int = 0
    same_item: bool = True
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    channels: str = ""
    tiers: str = ""
    skus: str = ""
    categories: str = ""
    exclusive: bool = False
    priority: int = 0
    coupon_only: bool = False
    active: bool = True


@dataclass(frozen=True)
class PromotionView:
    id: int
    version: int
    data: PromotionData
    coupons: list[str] = field(default_factory=list)


def check_promotion(data: PromotionData) -> None:
    if not data.name.strip():
        raise ValidationFailed("A promotion needs a name.")
    try:
        kind = rules.PromoKind(data.kind)
    except ValueError:
        raise ValidationFailed(f"Unknown promotion kind {data.kind!r}.") from None
    if data.value < 0 or data.threshold < 0 or (data.cap is not None and data.cap < 0):
        raise ValidationFailed("Amounts in a promotion cannot be negative.")
    if kind is rules.PromoKind.PERCENT and data.value > 100:
        raise ValidationFailed("A percent off cannot be more than 100 %.")
    if kind is rules.PromoKind.BUY_X_GET_Y and (data.buy_qty < 1 or data.get_qty < 1):
        raise ValidationFailed("Buy X get Y needs X and Y of at least 1.")
    if kind is rules.PromoKind.SPEND_THRESHOLD and data.threshold <= 0:
        raise ValidationFailed("A spend threshold needs an amount to spend.")
    if data.starts_at and data.ends_at and data.ends_at <= data.starts_at:
        raise ValidationFailed("A promotion must end after it starts.")


def save_promotion(db: Database, actor: Actor, data: PromotionData,
                   promotion_id: int | None = None, expected_version: int | None = None) -> int:
    actor.require(Permission.MANAGE_PRICING)
    check_promotion(data)
    with db.writer() as s:
        if promotion_id is None:
            row = PromotionRow()
            s.add(row)
        else:
            row_or_none = s.get(PromotionRow, promotion_id, with_for_update=True)
            if row_or_none is None:
                raise NotFound(f"Promotion {promotion_id} does not exist.")
            row = row_or_none
            if expected_version is not None and row.version != expected_version:
                raise ConcurrentChange(f"Promotion {row.name} was changed by {row.updated_by} "
                                       f"at {row.updated_at:%Y-%m-%d %H:%M} UTC — reload it.")
            row.version += 1
        for k, v in vars(data).items():
            setattr(row, k, v.strip() if isinstance(v, str) else v)
        row.updated_at, row.updated_by = utcnow(), actor.username
        s.flush()
        audit(s, actor, "save" if promotion_id else "create", "promotion", row.id,
              **{k: v for k, v in vars(data).items() if v not in ("", None)})
        return row.id


def set_promotion_active(db: Database, actor: Actor, promotion_id: int, active: bool) -> None:
    actor.require(Permission.MANAGE_PRICING)
    with db.writer() as s:
        row = s.get(PromotionRow, promotion_id, with_for_update=True)
        if row is None:
            raise NotFound(f"Promotion {promotion_id} does not exist.")
        row.active, row.version = active, row.version + 1
        row.updated_at, row.updated_by = utcnow(), actor.username
        audit(s, actor, "enable" if active else "disable", "promotion", row.id)


def list_promotions(db: Database) -> list[PromotionView]:
    with db.reader() as s:
        coupons: dict[int, list[str]] = {}
        for pid, code in s.execute(select(Coupon.promotion_id, Coupon.code).order_by(Coupon.code)):
            coupons.setdefault(pid, []).append(code)
        out = []
        for r in s.scalars(select(PromotionRow).order_by(PromotionRow.priority.desc(),
                                                          PromotionRow.id)):
            data = PromotionData(**{k: getattr(r, k) for k in PromotionData.__dataclass_fields__})
            out.append(PromotionView(r.id, r.version, data, coupons.get(r.id, [])))
        return out


@dataclass
class CouponData:
    code: str
    promotion_id: int
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    max_uses: int | None = None
    max_uses_per_customer: int | None = None
    min_spend: Decimal = ZERO
    active: bool = True


def save_coupon(db: Database, actor: Actor, data: CouponData) -> int:
    """Create a coupon, or update the one with the same code."""
    actor.require(Permission.MANAGE_PRICING)
    code = data.code.strip().upper()
    if not code or len(code) > 32:
        raise ValidationFailed("A coupon code has 1 to 32 characters.")
    for limit in (data.max_uses, data.max_uses_per_customer):
        if limit is not None and limit < 1:
            raise ValidationFailed("A use limit must be at least 1 (leave it empty for none).")
    with db.writer() as s:
        if s.get(PromotionRow, data.promotion_id) is None:
            raise NotFound(f"Promotion {data.promotion_id} does not exist.")
        row = s.scalar(select(Coupon).where(Coupon.code == code).with_for_update())
        if row is None:
            row = Coupon(code=code, used_count=0)
            s.add(row)
        elif data.max_uses is not None and data.max_uses < row.used_count:
            raise ValidationFailed(f"Coupon {code} has been used {row.used_count} times already.")
        for k, v in vars(data).items():
            if k != "code":
                setattr(row, k, v)
        s.flush()
        audit(s, actor, "save", "coupon", row.id, code=code, promotion=data.promotion_id)
        return row.id


@dataclass(frozen=True)
class CouponView:
    id: int
    data: CouponData
    used_count: int


def list_coupons(db: Database) -> list[CouponView]:
    with db.reader() as s:
        return [CouponView(c.id, CouponData(c.code, c.promotion_id, c.starts_at, c.ends_at,
                                            c.max_uses, c.max_uses_per_customer, c.min_spend,
                                            c.active), c.used_count)
                for c in s.scalars(select(Coupon).order_by(Coupon.code))]


def set_tier(db: Database, actor: Actor, code: str, discount_pct: Decimal, name: str = "") -> None:
    actor.require(Permission.MANAGE_PRICING)
    if not 0 <= discount_pct <= 100:
        raise ValidationFailed("A member tier discount is between 0 and 100 %.")
    with db.writer() as s:
        row = s.get(MemberTier, code) or MemberTier(code=code)
        row.name, row.discount_pct = name or code.capitalize(), discount_pct
        s.add(row)
        audit(s, actor, "save", "member_tier", code, discount_pct=discount_pct)


def set_channel_price(db: Database, actor: Actor, channel: str, product_id: int,
                      unit_price: Decimal | None) -> None:
    """Set (or with None remove) a product's price on a channel's price list."""
    actor.require(Permission.MANAGE_PRICING)
    if unit_price is not None and unit_price < 0:
        raise ValidationFailed("A price cannot be negative.")
    with db.writer() as s:
        plist = s.scalar(select(PriceList).where(PriceList.channel == channel))
        if plist is None:
            plist = PriceList(name=f"{channel} prices", channel=channel, active=True)
            s.add(plist)
            s.flush()
        item = s.get(PriceListItem, (plist.id, product_id))
        if unit_price is None:
            if item is not None:
                s.delete(item)
        elif item is None:
            s.add(PriceListItem(price_list_id=plist.id, product_id=product_id,
                                unit_price=unit_price))
        else:
            item.unit_price = unit_price
        audit(s, actor, "channel_price", "product", product_id, channel=channel,
              unit_price=unit_price)


def preview(db: Database, order_id: int, data: PromotionData,
            promotion_id: int | None = None) -> rules.PricingResult:
    """"Try it on this order": the order priced as if this promotion were saved and live.
    Nothing is written."""
    check_promotion(data)
    probe = rules.Promotion(
        promotion_id if promotion_id is not None else -1, data.name, rules.PromoKind(data.kind),
        value=data.value, threshold=data.threshold, repeating=data.repeating, cap=data.cap,
        buy_qty=data.buy_qty, get_qty=data.get_qty, same_item=data.same_item,
        channels=_words(data.channels), tiers=_words(data.tiers), skus=_words(data.skus),
        categories=_words(data.categories), exclusive=data.exclusive, priority=data.priority)
    with db.reader() as s:
        order = s.get(Order, order_id)
        if order is None:
            raise NotFound(f"Order {order_id} does not exist.")
        return quote(s, order, extra=[replace(probe, active=True)])
