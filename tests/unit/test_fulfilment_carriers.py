"""Carrier choice: worked examples, one table per rule."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from app.domain.carriers import (
    Band,
    Destination,
    FreightRule,
    ParcelSpec,
    Service,
    Zone,
    chargeable_kg,
    choose,
    is_valid_s10,
    make_tracking_number,
    quote,
    s10_check_digit,
    tracking_url,
)

SF = Service("SF", "STD", "Standard", transit_days=2, volumetric_divisor=6000,
             max_weight_kg=D(30), max_length_cm=D(120), zones=(
                 Zone("GD", "CN", (Band(D(1), D(12)), Band(D(5), D(20))), province="广东省",
                      transit_days=1, extra_per_kg=D(2)),
                 Zone("CN", "CN", (Band(D(1), D(23)), Band(D(5), D(40))), extra_per_kg=D(8)),
             ))
YTO = Service("YTO", "ECO", "Economy", transit_days=4, volumetric_divisor=8000,
              max_weight_kg=D(20), zones=(
                  Zone("CN", "CN", (Band(D(1), D(8)), Band(D(5), D(15))), extra_per_kg=D(3)),
                  Zone("Xinjiang", "CN", (Band(D(1), D(20)),), province="新疆维吾尔自治区"),
              ))
EMS = Service("EMS", "INT", "International", transit_days=7, volumetric_divisor=5000,
              zones=(Zone("UK", "GB", (Band(D(2), D(180)), Band(D(10), D(420)))),
                     Zone("London", "GB", (Band(D(2), D(160)), Band(D(10), D(400))),
                          postcode_prefix="SW", transit_days=6)))
FREIGHT = Service("FWD", "LTL", "Freight", transit_days=5, is_freight=True,
                  zones=(Zone("any", "*", (Band(D(1000), D(300)),)),))
ALL = [SF, YTO, EMS, FREIGHT]
SZ = Destination("CN", "广东省", "518000")
SH = Destination("CN", "上海市", "200000")
XJ = Destination("CN", "新疆维吾尔自治区", "830000")
LONDON = Destination("GB", "", "SW1A 1AA")


@pytest.mark.parametrize(("parcel", "divisor", "kg"), [
    (ParcelSpec(D("0.42")), 6000, D("0.5")),                      # rounds up to 0.1 kg
    (ParcelSpec(D("1.0"), D(30), D(20), D(10)), 6000, D("1.0")),  # 6000 cm³ / 6000 = 1.0
    (ParcelSpec(D("1.0"), D(40), D(30), D(20)), 6000, D("4.0")),  # volumetric wins
    (ParcelSpec(D("1.0"), D(40), D(30), D(20)), 8000, D("3.0")),
    (ParcelSpec(D("5.0"), D(40), D(30), D(20)), 5000, D("5.0")),  # 4.8 < 5.0 actual
])
def test_chargeable_weight(parcel: ParcelSpec, divisor: int, kg: D) -> None:
    """Chargeable weight is the larger of actual and L×W×H ÷ divisor, up to 0.1 kg."""
    assert chargeable_kg(parcel, divisor) == kg


@pytest.mark.parametrize(("service", "parcels", "dest", "price", "days"), [
    (SF, [ParcelSpec(D("0.8"))], SZ, D(12), 1),           # province zone beats country zone
    (SF, [ParcelSpec(D("0.8"))], SH, D(23), 2),           # country zone, service days
    (SF, [ParcelSpec(D("6.2"))], SH, D(40) + 2 * D(8), 2),  # 1.2 kg over → 2 started kg
    (SF, [ParcelSpec(D(1)), ParcelSpec(D(3))], SZ, D(32), 1),  # per parcel: 12 + 20
    (YTO, [ParcelSpec(D("0.8"))], XJ, D(20), 4),
    (EMS, [ParcelSpec(D("1.5"))], LONDON, D(160), 6),      # postcode prefix zone
    (EMS, [ParcelSpec(D("1.5"))], Destination("GB", "", "M1 1AA"), D(180), 7),
])
def test_quote_worked_examples(service: Service, parcels: list[ParcelSpec], dest: Destination,
                               price: D, days: int) -> None:
    """Zone by most specific match, band price, extra per started kg, transit days."""
    q = quote(service, parcels, dest)
    assert not hasattr(q, "reason"), q
    assert (q.price, q.transit_days) == (price, days)  # type: ignore[union-attr]


@pytest.mark.parametrize(("service", "parcel", "dest", "reason"), [
    (SF, ParcelSpec(D(31)), SH, "weighs 31 kg, over its 30 kg limit"),
    (SF, ParcelSpec(D(2), D(130), D(10), D(10)), SH, "130 cm long, over its 120 cm limit"),
    (SF, ParcelSpec(D(1)), LONDON, "does not deliver to GB SW1A 1AA"),
    (YTO, ParcelSpec(D(3)), XJ, "has no rate for 3.0 kg to zone Xinjiang"),
])
def test_quote_refusals(service: Service, parcel: ParcelSpec, dest: Destination,
                        reason: str) -> None:
    """A service that cannot take the parcel says why."""
    q = quote(service, [parcel], dest)
    assert reason in q.reason  # type: ignore[union-attr]


@pytest.mark.parametrize(("parcels", "dest", "days", "chosen", "says"), [
    # Shanghai, 0.8 kg: YTO 8 beats SF 23.
    ([ParcelSpec(D("0.8"))], SH, None, "YTO ECO", "the cheapest that accepts it"),
    # Promised in 2 days: YTO (4 days) is too slow, SF it is.
    ([ParcelSpec(D("0.8"))], SH, 2, "SF STD", "YTO Economy takes 4 days, 2 available"),
    # Shenzhen, 0.8 kg: YTO 8 still beats SF's local 12.
    ([ParcelSpec(D("0.8"))], SZ, None, "YTO ECO", "Dearer: SF Standard 12"),
    # 25 kg: over YTO's 20 kg limit; SF takes it.
    ([ParcelSpec(D(25))], SH, None, "SF STD", "over its 20 kg limit"),
    # 60 kg in total: freight by rule.
    ([ParcelSpec(D(20))] * 3, SH, None, "FWD LTL", "Freight, because 60 kg in total"),
    # 40 kg single piece: too heavy for every parcel service → freight as fallback.
    ([ParcelSpec(D(40))], SH, None, "FWD LTL", "No parcel service takes it"),
    # Nobody arrives in 1 day to Shanghai: the fastest is offered, and it says so.
    ([ParcelSpec(D("0.8"))], SH, 1, "SF STD", "No service arrives within 1 days"),
    # London: only EMS.
    ([ParcelSpec(D("1.5"))], LONDON, None, "EMS INT", "SF Standard does not deliver"),
])
def test_choose_worked_examples(parcels: list[ParcelSpec], dest: Destination, days: int | None,
                                chosen: str, says: str) -> None:
    """The cheapest service that accepts all parcels in time, with the reason in words."""
    c = choose(ALL, parcels, dest, days)
    assert c.chosen is not None, c.explanation
    assert f"{c.chosen.service.carrier} {c.chosen.service.code}" == chosen
    assert says in c.explanation, c.explanation


def test_choose_nothing_accepts() -> None:
    """Nobody delivers: no choice, and the explanation lists each refusal."""
    c = choose([SF, YTO], [ParcelSpec(D(1))], Destination("US", "", "10001"))
    assert c.chosen is None
    assert "SF Standard does not deliver to US 10001" in c.explanation


def test_freight_rule_by_parcel_count() -> None:
    """Six small parcels are bulk."""
    assert FreightRule().applies([ParcelSpec(D(1))] * 6) == "6 parcels is at least 6"
    assert FreightRule().applies([ParcelSpec(D(1))] * 5) is None


S10_DATA = Path("/work/shared/testdata/tracking/jkeen_tracking_number_data/s10.json")


def test_s10_against_published_numbers() -> None:
    """The S10 rule agrees with the published valid and invalid test numbers."""
    if S10_DATA.exists():
        data = json.loads(S10_DATA.read_text())["tracking_numbers"][0]["test_numbers"]
        valid, invalid = data["valid"], data["invalid"]
    else:
        valid, invalid = ["RB123456785GB"], ["RB123456786US"]
    assert all(is_valid_s10(n) for n in valid)
    assert not is_valid_s10(invalid[0])


def test_tracking_from_range() -> None:
    """A range number gets its check digit; the stdnum-free S10 rule matches by hand."""
    assert s10_check_digit("12345678") == 5
    assert make_tracking_number("EE", 12345678, 8, "s10", "CN") == "EE123456785CN"
    assert is_valid_s10(make_tracking_number("EA", 1, 8, "s10", "CN"))
    assert make_tracking_number("", 1234567, 9, "mod7", "") == "0012345675"
    assert make_tracking_number("SF", 42, 10, "none", "") == "SF0000000042"
    with pytest.raises(ValueError):
        make_tracking_number("EE", 123456789, 8, "s10", "CN")


def test_tracking_url() -> None:
    """The carrier's template gets the number."""
    assert tracking_url("https://t.example/?n={tracking}", "EE1") == "https://t.example/?n=EE1"
    assert tracking_url("", "EE1") == ""
