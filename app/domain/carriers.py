"""Carrier choice: chargeable weight, zones, rate bands, limits, the freight rule, and
tracking numbers taken from a carrier's range with its check digit. Pure: no SQL, no Qt.

``choose`` returns the cheapest service that accepts every parcel and arrives in time,
with a sentence per service saying why it was or was not chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class ParcelSpec:
    weight_kg: Decimal
    length_cm: Decimal = Decimal(0)
    width_cm: Decimal = Decimal(0)
    height_cm: Decimal = Decimal(0)

    @property
    def longest_cm(self) -> Decimal:
        return max(self.length_cm, self.width_cm, self.height_cm)

    @property
    def girth_cm(self) -> Decimal:
        """Longest side + 2 × (the other two), the usual courier size measure."""
        sides = sorted((self.length_cm, self.width_cm, self.height_cm), reverse=True)
        return sides[0] + 2 * (sides[1] + sides[2])


@dataclass(frozen=True)
class Destination:
    country: str
    province: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class Band:
    max_weight_kg: Decimal
    price: Decimal


@dataclass(frozen=True)
class Zone:
    name: str
    country: str  # "*" = any country
    bands: tuple[Band, ...]
    province: str = ""
    postcode_prefix: str = ""
    transit_days: int | None = None
    extra_per_kg: Decimal | None = None  # per started kg beyond the last band

    def matches(self, dest: Destination) -> bool:
        if self.country != "*" and self.country.upper() != dest.country.upper():
            return False
        if self.province and self.province != dest.province:
            return False
        postcode = dest.postcode.replace(" ", "").upper()
        return not self.postcode_prefix or postcode.startswith(self.postcode_prefix.upper())

    @property
    def specificity(self) -> tuple[int, int, int]:
        return (len(self.postcode_prefix), int(bool(self.province)), int(self.country != "*"))


@dataclass(frozen=True)
class Service:
    carrier: str
    code: str
    name: str
    zones: tuple[Zone, ...]
    transit_days: int = 3
    volumetric_divisor: int = 6000
    max_weight_kg: Decimal | None = None
    max_length_cm: Decimal | None = None
    max_girth_cm: Decimal | None = None
    is_freight: bool = False
    id: int | None = None

    @property
    def label(self) -> str:
        return f"{self.carrier} {self.name}"


def fmt_kg(value: Decimal) -> str:
    """A weight or length as people write it: 2.4, 30 — no trailing zeros from the
    database's fixed scale, no exponent."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def fmt_money(value: Decimal) -> str:
    return f"{value:.2f}"


def round_up(value: Decimal, step: Decimal = _TENTH) -> Decimal:
    return ((value / step).to_integral_value(rounding=ROUND_CEILING) * step).quantize(step)


def volumetric_kg(parcel: ParcelSpec, divisor: int) -> Decimal:
    return round_up(parcel.length_cm * parcel.width_cm * parcel.height_cm / Decimal(divisor))


def chargeable_kg(parcel: ParcelSpec, divisor: int) -> Decimal:
    """The larger of actual and volumetric weight (L×W×H ÷ divisor), up to the next 0.1 kg."""
    return max(round_up(parcel.weight_kg), volumetric_kg(parcel, divisor))


def find_zone(service: Service, dest: Destination) -> Zone | None:
    matching = [z for z in service.zones if z.matches(dest)]
    return max(matching, key=lambda z: z.specificity) if matching else None


def band_price(zone: Zone, kg: Decimal) -> Decimal | None:
    """Price of the first band that holds ``kg``; beyond the last, extra per started kg."""
    bands = sorted(zone.bands, key=lambda b: b.max_weight_kg)
    for band in bands:
        if kg <= band.max_weight_kg:
            return band.price
    if not bands or zone.extra_per_kg is None:
        return None
    over = round_up(kg - bands[-1].max_weight_kg, Decimal(1))
    return bands[-1].price + over * zone.extra_per_kg


@dataclass(frozen=True)
class Quote:
    service: Service
    price: Decimal
    transit_days: int
    zone: str
    chargeable_kg: Decimal


@dataclass(frozen=True)
class Refusal:
    service: Service
    reason: str


def quote(service: Service, parcels: list[ParcelSpec], dest: Destination) -> Quote | Refusal:
    """Price for sending every parcel with ``service`` to ``dest``, or why it cannot."""
    zone = find_zone(service, dest)
    if zone is None:
        where = " ".join(x for x in (dest.country, dest.province, dest.postcode) if x)
        return Refusal(service, f"does not deliver to {where}")
    total, total_kg = Decimal(0), Decimal(0)
    for n, p in enumerate(parcels, start=1):
        which = f"parcel {n}" if len(parcels) > 1 else "the parcel"
        if service.max_weight_kg is not None and p.weight_kg > service.max_weight_kg:
            return Refusal(service, f"{which} weighs {fmt_kg(p.weight_kg)} kg, over its "
                                    f"{fmt_kg(service.max_weight_kg)} kg limit")
        if service.max_length_cm is not None and p.longest_cm > service.max_length_cm:
            return Refusal(service, f"{which} is {fmt_kg(p.longest_cm)} cm long, over its "
                                    f"{fmt_kg(service.max_length_cm)} cm limit")
        if service.max_girth_cm is not None and p.girth_cm > service.max_girth_cm:
            return Refusal(service, f"{which} measures {fmt_kg(p.girth_cm)} cm length + girth, "
                                    f"over its {fmt_kg(service.max_girth_cm)} cm limit")
        kg = chargeable_kg(p, service.volumetric_divisor)
        price = band_price(zone, kg)
        if price is None:
            return Refusal(service, f"has no rate for {kg} kg to zone {zone.name}")
        total += price
        total_kg += kg
    days = zone.transit_days if zone.transit_days is not None else service.transit_days
    return Quote(service, total, days, zone.name, total_kg)


@dataclass(frozen=True)
class FreightRule:
    """Large or bulk shipments go to freight: total weight or parcel count at the limit."""

    min_total_kg: Decimal = Decimal(50)
    min_parcels: int = 6

    def applies(self, parcels: list[ParcelSpec]) -> str | None:
        total = sum((p.weight_kg for p in parcels), Decimal(0))
        if total >= self.min_total_kg:
            return f"{fmt_kg(total)} kg in total is at least {fmt_kg(self.min_total_kg)} kg"
        if len(parcels) >= self.min_parcels:
            return f"{len(parcels)} parcels is at least {self.min_parcels}"
        return None


@dataclass
class Choice:
    chosen: Quote | None
    explanation: str
    quotes: list[Quote] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    freight: bool = False


def choose(
    services: list[Service], parcels: list[ParcelSpec], dest: Destination,
    days_available: int | None = None, rule: FreightRule | None = None,
) -> Choice:
    """The cheapest service that takes every parcel and arrives within ``days_available``
    (ties: faster, then name). Bulk goes to freight by ``rule``; small parcels use parcel
    services and fall back to freight only when none takes them."""
    if not parcels:
        return Choice(None, "Nothing to send: no parcels.")
    rule = rule or FreightRule()
    bulk = rule.applies(parcels)
    pool = [s for s in services if s.is_freight == bool(bulk)]
    note = f"Freight, because {bulk}. " if bulk else ""
    choice = _cheapest(pool, parcels, dest, days_available)
    if choice.chosen is None and not bulk:
        fallback = _cheapest([s for s in services if s.is_freight], parcels, dest,
                             days_available)
        if fallback.chosen is not None:
            fallback.refusals = choice.refusals + fallback.refusals
            fallback.explanation = ("No parcel service takes it, so freight. "
                                    + fallback.explanation)
            fallback.freight = True
            return fallback
    choice.freight = bool(bulk)
    choice.explanation = note + choice.explanation
    return choice


def _cheapest(
    services: list[Service], parcels: list[ParcelSpec], dest: Destination,
    days_available: int | None,
) -> Choice:
    quotes: list[Quote] = []
    refusals: list[Refusal] = []
    for s in services:
        q = quote(s, parcels, dest)
        (quotes if isinstance(q, Quote) else refusals).append(q)  # type: ignore[arg-type]
    quotes.sort(key=lambda q: (q.price, q.transit_days, q.service.label))
    in_time = [q for q in quotes if days_available is None or q.transit_days <= days_available]
    late = [q for q in quotes if q not in in_time]
    skipped = [f"{r.service.label} {r.reason}" for r in refusals]
    skipped += [f"{q.service.label} takes {q.transit_days} days, {days_available} available"
                for q in late]
    tail = (" Not chosen: " + "; ".join(skipped) + ".") if skipped else ""
    if in_time:
        best = in_time[0]
        why = (f"{best.service.label}: {fmt_money(best.price)} for {best.chargeable_kg} kg "
               f"to zone {best.zone}, {best.transit_days} days — the cheapest that accepts it"
               + (" in time" if days_available is not None else "") + ".")
        others = [f"{q.service.label} {fmt_money(q.price)}" for q in in_time[1:]]
        if others:
            why += " Dearer: " + ", ".join(others) + "."
        return Choice(best, why + tail, quotes, refusals)
    if late:
        fastest = min(late, key=lambda q: (q.transit_days, q.price))
        why = (f"No service arrives within {days_available} days; the fastest is "
               f"{fastest.service.label} ({fastest.transit_days} days, "
               f"{fmt_money(fastest.price)}).")
        return Choice(fastest, why + tail, quotes, refusals)
    return Choice(None, "No service accepts this shipment." + tail, quotes, refusals)


# --- Tracking numbers ---------------------------------------------------------------------

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial: str) -> int:
    """UPU S10: weights 8 6 4 2 3 5 9 7, mod 11; 10 → 0, 11 → 5."""
    if len(serial) != 8 or not serial.isdigit():
        raise ValueError(f"An S10 serial is 8 digits, not {serial!r}.")
    check = 11 - sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(check, check)


def mod7_check_digit(serial: str) -> int:
    """Serial mod 7 (DHL Express, Canpar and others)."""
    return int(serial) % 7


def make_tracking_number(prefix: str, serial: int, width: int, rule: str, suffix: str) -> str:
    digits = f"{serial:0{width}d}"
    if len(digits) != width:
        raise ValueError(f"Serial {serial} does not fit in {width} digits.")
    if rule == "s10":
        check: str = str(s10_check_digit(digits))
    elif rule == "mod7":
        check = str(mod7_check_digit(digits))
    elif rule == "none":
        check = ""
    else:
        raise ValueError(f"Unknown check-digit rule {rule!r}.")
    return f"{prefix}{digits}{check}{suffix}"


def is_valid_s10(number: str) -> bool:
    n = number.replace(" ", "").upper()
    if len(n) != 13 or not (n[:2].isalpha() and n[2:11].isdigit() and n[11:].isalpha()):
        return False
    return s10_check_digit(n[2:10]) == int(n[10])


def tracking_url(template: str, tracking_number: str) -> str:
    return template.replace("{tracking}", tracking_number) if template else ""
