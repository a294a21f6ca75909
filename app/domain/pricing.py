"""Pricing: list price → channel price → member tier → manual discount → promotions → final.

Pure rules, no database. The order in which things apply is fixed and documented here,
so the same order always gets the same price:

1. Base unit price: the channel's price list when it has the product, else the list price.
   Line gross = unit price × quantity, rounded to the currency's minor unit.
2. Member tier discount: a percent of the line's gross, rounded per line.
3. Manual line discount: a percent of what is left on the line, rounded per line.
4. Promotions, sorted by priority (highest first), then stage (line promotions — fixed
   price, percent, buy X get Y — before order promotions — amount off, spend thresholds),
   then id. An exclusive promotion applies only when no promotion has given a discount yet,
   and once it has applied no further promotion does. Each promotion works on the amounts
   left after the ones before it.
5. Order-level discounts are spread over the eligible lines in proportion to what is left on
   each (so a later return refunds the right share), in whole minor units; the units left
   over after rounding down go to the lines with the largest remainders, ties to the lower
   line key. No step takes a line below zero.
6. Free shipping is decided last, on the goods total after every discount, and combines
   with everything.

A clerk reads each line's ``steps`` (list → tier → promotion … → final) to answer
"why is this price".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum

from app.domain.money import ZERO, format_money, quantum, round_money
from app.domain.roles import Role

HUNDRED = Decimal(100)


class PromoKind(StrEnum):
    PERCENT = "percent"  # value % off each eligible line
    AMOUNT = "amount"  # value off the eligible lines together (minimum spend: threshold)
    FIXED_PRICE = "fixed_price"  # eligible units cost value each
    BUY_X_GET_Y = "buy_x_get_y"  # buy buy_qty, get get_qty free (same item or cheapest)
    SPEND_THRESHOLD = "spend_threshold"  # spend threshold, get value off (repeating, cap)
    FREE_SHIPPING = "free_shipping"  # goods total ≥ threshold: shipping is free


_STAGE = {PromoKind.FIXED_PRICE: 0, PromoKind.PERCENT: 1, PromoKind.BUY_X_GET_Y: 2,
          PromoKind.AMOUNT: 3, PromoKind.SPEND_THRESHOLD: 4, PromoKind.FREE_SHIPPING: 5}

# Manual line discount a role may give without a manager's approval (percent).
MANUAL_DISCOUNT_LIMITS: dict[Role, Decimal] = {
    Role.COUNTER: Decimal(10), Role.WAREHOUSE: ZERO, Role.FINANCE: ZERO,
    Role.MANAGER: HUNDRED, Role.ADMIN: HUNDRED,
}


def manual_discount_limit(role: Role | str) -> Decimal:
    return MANUAL_DISCOUNT_LIMITS.get(Role(role), ZERO)


def needs_approval(role: Role | str, percent: Decimal) -> bool:
    """True when ``percent`` is above what ``role`` may give on its own."""
    return percent > manual_discount_limit(role)


@dataclass(frozen=True)
class Promotion:
    id: int
    name: str
    kind: PromoKind
    value: Decimal = ZERO
    threshold: Decimal = ZERO
    repeating: bool = False
    cap: Decimal | None = None
    buy_qty: int = 0
    get_qty: int = 0
    same_item: bool = True
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    channels: frozenset[str] = frozenset()  # empty: every channel
    tiers: frozenset[str] = frozenset()  # empty: every customer
    skus: frozenset[str] = frozenset()  # empty skus and categories: every product
    categories: frozenset[str] = frozenset()
    exclusive: bool = False
    priority: int = 0
    coupon_only: bool = False
    active: bool = True

    def covers(self, sku: str, category: str) -> bool:
        if not self.skus and not self.categories:
            return True
        return sku in self.skus or (bool(category) and category in self.categories)

    def not_live_reason(self, ctx: PricingContext) -> str | None:
        """Why the promotion does not apply to this order at all (None: it may)."""
        if not self.active:
            return "disabled"
        if self.starts_at is not None and ctx.at < self.starts_at:
            return f"starts on {self.starts_at:%Y-%m-%d}"
        if self.ends_at is not None and ctx.at >= self.ends_at:
            return f"ended on {self.ends_at:%Y-%m-%d}"
        if self.channels and ctx.channel not in self.channels:
            return f"not for the {ctx.channel or 'unknown'} channel"
        if self.tiers and ctx.tier not in self.tiers:
            return "not for this customer's member tier"
        if self.coupon_only and self.id not in ctx.coupon_promotion_ids:
            return "needs its coupon code"
        return None


@dataclass(frozen=True)
class LineInput:
    key: int  # stable and unique within the order (the line number)
    sku: str
    quantity: int
    list_price: Decimal
    category: str = ""
    channel_price: Decimal | None = None
    manual_discount_pct: Decimal = ZERO
    manual_note: str = ""  # e.g. "approved by manager li"


@dataclass(frozen=True)
class PricingContext:
    at: datetime
    channel: str = ""
    tier: str = ""
    tier_discount_pct: Decimal = ZERO
    shipping: Decimal = ZERO
    currency: str = "CNY"
    coupon_promotion_ids: frozenset[int] = frozenset()
    hint_ratio: Decimal = Decimal("0.2")  # hint when within 20 % of a threshold


@dataclass(frozen=True)
class Step:
    kind: str  # list, channel, tier, manual, promotion, final
    label: str
    change: Decimal  # negative: a discount
    amount: Decimal  # what the line costs after this step
    promotion_id: int | None = None


@dataclass(frozen=True)
class PricedLine:
    key: int
    sku: str
    quantity: int
    unit_price: Decimal  # base unit price (channel or list)
    gross: Decimal
    discount: Decimal  # everything taken off the gross
    total: Decimal
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class AppliedPromotion:
    id: int
    name: str
    amount: Decimal  # discount given (for free shipping: the shipping waived)


@dataclass(frozen=True)
class PricingResult:
    lines: tuple[PricedLine, ...]  # in the order given
    subtotal: Decimal  # sum of gross
    discount: Decimal  # sum of line discounts
    shipping: Decimal
    total: Decimal
    applied: tuple[AppliedPromotion, ...]
    skipped: tuple[tuple[int, str], ...]  # (promotion id, reason)
    hints: tuple[str, ...]
    coupon_problems: tuple[tuple[str, str], ...] = ()  # (code, reason)

    def line(self, key: int) -> PricedLine:
        return next(li for li in self.lines if li.key == key)


def spread(
    amount: Decimal, weights: Mapping[int, Decimal], currency: str = "CNY"
) -> dict[int, Decimal]:
    """Split ``amount`` over keys in proportion to ``weights`` in whole minor units.

    Rounded down first; the units left over go to the largest remainders, ties to the lower
    key. No share exceeds its weight, and the shares sum to min(amount, sum of weights).
    """
    q = quantum(currency)
    units = int((round_money(amount, currency) / q).to_integral_value(rounding=ROUND_FLOOR))
    w_units = {k: int(round_money(w, currency) / q) for k, w in weights.items()}
    total = sum(w for w in w_units.values() if w > 0)
    shares = dict.fromkeys(weights, ZERO)
    units = min(units, total)
    if units <= 0 or total <= 0:
        return {k: round_money(ZERO, currency) for k in shares}
    base: dict[int, int] = {}
    rem: dict[int, int] = {}
    for k, w in w_units.items():
        w = max(w, 0)
        base[k], rem[k] = divmod(units * w, total)
    left = units - sum(base.values())
    for k in sorted(base, key=lambda k: (-rem[k], k))[:left]:
        base[k] += 1
    return {k: round_money(Decimal(base[k]) * q, currency) for k in shares}


@dataclass
class _Line:
    inp: LineInput
    unit: Decimal
    gross: Decimal
    amount: Decimal
    steps: list[Step] = field(default_factory=list)

    def take(self, change: Decimal, kind: str, label: str, promo: int | None = None) -> Decimal:
        change = min(max(change, ZERO), self.amount)
        if change > 0:
            self.amount -= change
            self.steps.append(Step(kind, label, -change, self.amount, promo))
        return change


def _pct(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return f"{text} %"


def _base(inp: LineInput, ctx: PricingContext) -> _Line:
    cur = ctx.currency
    unit = inp.channel_price if inp.channel_price is not None else inp.list_price
    unit = max(unit, ZERO)
    gross = round_money(unit * inp.quantity, cur)
    line = _Line(inp, unit, gross, gross)
    list_gross = round_money(max(inp.list_price, ZERO) * inp.quantity, cur)
    line.steps.append(Step("list", f"List price {format_money(inp.list_price, cur)} × "
                                   f"{inp.quantity}", ZERO, list_gross))
    if inp.channel_price is not None and gross != list_gross:
        line.steps.append(Step("channel", f"{ctx.channel or 'Channel'} price "
                                          f"{format_money(unit, cur)} × {inp.quantity}",
                               gross - list_gross, gross))
    if ctx.tier and ctx.tier_discount_pct > 0:
        line.take(round_money(gross * ctx.tier_discount_pct / HUNDRED, cur), "tier",
                  f"{ctx.tier.capitalize()} member −{_pct(ctx.tier_discount_pct)}")
    if inp.manual_discount_pct > 0:
        note = f" ({inp.manual_note})" if inp.manual_note else ""
        line.take(round_money(line.amount * inp.manual_discount_pct / HUNDRED, cur), "manual",
                  f"Manual discount −{_pct(inp.manual_discount_pct)}{note}")
    return line


def _money(v: Decimal, cur: str) -> str:
    return format_money(v, cur)


def _apply(promo: Promotion, lines: list[_Line], ctx: PricingContext,
           hints: list[str]) -> tuple[Decimal, str | None]:
    """Apply one promotion to the eligible lines. Returns (discount given, reason if none)."""
    cur = ctx.currency
    eligible = [li for li in lines if promo.covers(li.inp.sku, li.inp.category)]
    if not eligible:
        return ZERO, "no line qualifies"
    label = promo.name
    given = ZERO
    if promo.kind is PromoKind.PERCENT:
        text = f"{label} −{_pct(promo.value)}"  # once per promotion, not per line
        for li in eligible:
            given += li.take(round_money(li.amount * promo.value / HUNDRED, cur), "promotion",
                             text, promo.id)
    elif promo.kind is PromoKind.FIXED_PRICE:
        text = f"{label}: {_money(promo.value, cur)} each"
        each = max(promo.value, ZERO)
        for li in eligible:
            target = round_money(each * li.inp.quantity, cur)
            given += li.take(li.amount - target, "promotion", text, promo.id)
    elif promo.kind is PromoKind.BUY_X_GET_Y:
        given = _buy_x_get_y(promo, eligible, cur)
    elif promo.kind in (PromoKind.AMOUNT, PromoKind.SPEND_THRESHOLD):
        base = sum((li.amount for li in eligible), ZERO)
        off = _order_discount(promo, base, ctx, hints)
        if off <= 0:
            need = promo.threshold - base
            return ZERO, f"needs {_money(need, cur)} more" if need > 0 else "nothing to take off"
        shares = spread(off, {li.inp.key: li.amount for li in eligible}, cur)
        text = f"{label} (share of {_money(off, cur)} off)"
        for li in eligible:
            given += li.take(shares[li.inp.key], "promotion", text, promo.id)
    if given <= 0:
        return ZERO, "gives nothing on this order"
    return given, None


def _order_discount(promo: Promotion, base: Decimal, ctx: PricingContext,
                    hints: list[str]) -> Decimal:
    cur = ctx.currency
    value = max(promo.value, ZERO)
    if promo.threshold <= 0:
        times = 1
    else:
        times = int((base / promo.threshold).to_integral_value(rounding=ROUND_FLOOR))
        if not promo.repeating:
            times = min(times, 1)
    off = value * times
    if promo.cap is not None:
        off = min(off, promo.cap)
    off = min(round_money(off, cur), base)
    # A hint when the next step is close.
    if promo.threshold > 0:
        next_off = value * (times + 1) if (promo.repeating or times == 0) else None
        if next_off is not None and (promo.cap is None or next_off <= promo.cap):
            need = promo.threshold * (times + 1) - base
            if 0 < need <= promo.threshold * ctx.hint_ratio:
                hints.append(f"Spend {_money(need, cur)} more for "
                             f"{_money(next_off, cur)} off ({promo.name}).")
    return off


def _buy_x_get_y(promo: Promotion, eligible: list[_Line], cur: str) -> Decimal:
    group = promo.buy_qty + promo.get_qty
    if promo.buy_qty <= 0 or promo.get_qty <= 0:
        return ZERO
    label = f"{promo.name}: buy {promo.buy_qty} get {promo.get_qty} free"
    free: dict[int, int] = {}
    if promo.same_item:
        for li in eligible:
            free[li.inp.key] = (li.inp.quantity // group) * promo.get_qty
    else:
        units = sum(li.inp.quantity for li in eligible)
        todo = (units // group) * promo.get_qty
        # The cheapest units go free: by unit amount left, ties to the lower key.
        for li in sorted(eligible, key=lambda li: (li.amount / li.inp.quantity, li.inp.key)):
            n = min(todo, li.inp.quantity)
            free[li.inp.key], todo = n, todo - n
    given = ZERO
    for li in eligible:
        n = free.get(li.inp.key, 0)
        if n > 0:
            given += li.take(round_money(li.amount * n / li.inp.quantity, cur), "promotion",
                             f"{label} ({n} free)", promo.id)
    return given


def _order_key(p: Promotion) -> tuple[int, int, int]:
    return (-p.priority, _STAGE[p.kind], p.id)


def price_order(
    lines: Sequence[LineInput], promotions: Iterable[Promotion], ctx: PricingContext
) -> PricingResult:
    """Price an order. Deterministic: the same lines (in any order) give the same result."""
    cur = ctx.currency
    keys = [li.key for li in lines]
    if len(set(keys)) != len(keys):
        raise ValueError("line keys must be unique")
    work = {li.key: _base(li, ctx) for li in lines}
    ordered = [work[k] for k in sorted(work)]
    applied: list[AppliedPromotion] = []
    skipped: list[tuple[int, str]] = []
    hints: list[str] = []
    exclusive_applied: Promotion | None = None
    shipping = round_money(max(ctx.shipping, ZERO), cur)
    promos = sorted(promotions, key=_order_key)
    for promo in promos:
        if promo.kind is PromoKind.FREE_SHIPPING:
            continue
        reason = promo.not_live_reason(ctx)
        if reason is None and exclusive_applied is not None:
            reason = f"not combined with {exclusive_applied.name} (exclusive)"
        if reason is None and promo.exclusive and applied:
            reason = f"exclusive, and {applied[0].name} already applies"
        if reason is not None:
            skipped.append((promo.id, reason))
            continue
        given, why = _apply(promo, ordered, ctx, hints)
        if why is not None:
            skipped.append((promo.id, why))
            continue
        applied.append(AppliedPromotion(promo.id, promo.name, given))
        if promo.exclusive:
            exclusive_applied = promo
    goods = sum((li.amount for li in ordered), ZERO)
    for promo in promos:
        if promo.kind is not PromoKind.FREE_SHIPPING:
            continue
        reason = promo.not_live_reason(ctx)
        if reason is not None:
            skipped.append((promo.id, reason))
        elif shipping <= 0:
            skipped.append((promo.id, "no shipping to waive"))
        elif goods >= promo.threshold:
            applied.append(AppliedPromotion(promo.id, promo.name, shipping))
            shipping = round_money(ZERO, cur)
        else:
            need = promo.threshold - goods
            skipped.append((promo.id, f"needs {_money(need, cur)} more"))
            if need <= promo.threshold * ctx.hint_ratio:
                hints.append(f"Spend {_money(need, cur)} more for free shipping "
                             f"({promo.name}).")
    priced: list[PricedLine] = []
    for inp in lines:
        w = work[inp.key]
        steps = (*w.steps, Step("final", "Final", ZERO, w.amount))
        priced.append(PricedLine(inp.key, inp.sku, inp.quantity, w.unit, w.gross,
                                 w.gross - w.amount, w.amount, steps))
    subtotal = sum((p.gross for p in priced), ZERO)
    discount = sum((p.discount for p in priced), ZERO)
    total = subtotal - discount + shipping
    return PricingResult(tuple(priced), round_money(subtotal, cur), round_money(discount, cur),
                         shipping, round_money(total, cur), tuple(applied), tuple(skipped),
                         tuple(hints))


# --- Coupons -------------------------------------------------------------------------


@dataclass(frozen=True)
class CouponRule:
    code: str
    promotion_id: int
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    max_uses: int | None = None
    max_uses_per_customer: int | None = None
    min_spend: Decimal = ZERO
    active: bool = True


@dataclass(frozen=True)
class CouponUse:
    rule: CouponRule
    used_total: int = 0
    used_by_customer: int = 0


def coupon_problem(use: CouponUse, at: datetime, goods_total: Decimal, has_customer: bool,
                   currency: str = "CNY") -> str | None:
    """Why a coupon does not apply to this order, in words a clerk can read out."""
    rule = use.rule
    if not rule.active:
        return "this coupon has been disabled"
    if rule.starts_at is not None and at < rule.starts_at:
        return f"valid from {rule.starts_at:%Y-%m-%d}"
    if rule.ends_at is not None and at >= rule.ends_at:
        return f"expired on {rule.ends_at:%Y-%m-%d}"
    if rule.max_uses is not None and use.used_total >= rule.max_uses:
        return f"all {rule.max_uses} uses have been taken"
    if rule.max_uses_per_customer is not None:
        if not has_customer:
            return "needs a customer on the order (limited uses per customer)"
        if use.used_by_customer >= rule.max_uses_per_customer:
            return f"this customer has already used it {use.used_by_customer} time(s)"
    if goods_total < rule.min_spend:
        return (f"needs {_money(rule.min_spend - goods_total, currency)} more "
                f"(minimum spend {_money(rule.min_spend, currency)})")
    return None


def price_with_coupons(
    lines: Sequence[LineInput], promotions: Sequence[Promotion], ctx: PricingContext,
    coupons: Sequence[CouponUse], has_customer: bool = True,
) -> PricingResult:
    """Price without coupons first (the minimum spend is checked against that goods total),
    then again with the promotions of the coupons that apply."""
    first = price_order(lines, promotions, replace(ctx, coupon_promotion_ids=frozenset()))
    goods = first.subtotal - first.discount
    problems: list[tuple[str, str]] = []
    unlocked: set[int] = set()
    known = {p.id for p in promotions}
    for use in coupons:
        why = coupon_problem(use, ctx.at, goods, has_customer, ctx.currency)
        if why is None and use.rule.promotion_id not in known:
            why = "its promotion is not available"
        if why is None:
            unlocked.add(use.rule.promotion_id)
        else:
            problems.append((use.rule.code, why))
    result = first if not unlocked else price_order(
        lines, promotions, replace(ctx, coupon_promotion_ids=frozenset(unlocked)))
    for code, promo_id in ((u.rule.code, u.rule.promotion_id) for u in coupons):
        if promo_id in unlocked and not any(a.id == promo_id for a in result.applied):
            why = next((r for pid, r in result.skipped if pid == promo_id), "gives nothing")
            problems.append((code, why))
    return replace(result, coupon_problems=tuple(problems))


# --- The explanation kept on each line -------------------------------------------------


def explanation_json(line: PricedLine) -> str:
    return json.dumps([{"kind": s.kind, "label": s.label, "change": str(s.change),
                        "amount": str(s.amount), "promotion_id": s.promotion_id}
                       for s in line.steps], ensure_ascii=False)


def explanation_from_json(text: str) -> list[Step]:
    if not text:
        return []
    return [Step(d["kind"], d["label"], Decimal(d["change"]), Decimal(d["amount"]),
                 d.get("promotion_id")) for d in json.loads(text)]


def explanation_text(steps: Sequence[Step], currency: str = "CNY") -> str:
    """One line per step, e.g. "Gold member −10 %   −5.00 → 45.00"."""
    out = []
    for s in steps:
        if s.kind in ("list", "final"):
            out.append(f"{s.label} = {_money(s.amount, currency)}")
        else:
            out.append(f"{s.label}  {_money(s.change, currency)} → {_money(s.amount, currency)}")
    return "\n".join(out)
