"""Validation rules, one behaviour each, and duplicate detection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from app.domain.china_address import split_address
from app.domain.validation import (
    DuplicateIndex,
    DuplicateKey,
    LineFacts,
    OrderFacts,
    check_address,
    check_email,
    check_lines,
    check_name,
    check_phone,
    customer_key,
    items_key,
    quick_number,
    validate,
)

D = Decimal


def codes(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.code for p in problems]


def good(**kw: object) -> OrderFacts:
    base: dict[str, object] = dict(
        customer_name="王伟", phone="13800138000", email="wang@example.cn", country="CN",
        province="广东省", city="深圳市", district="南山区", street="科技园南路88号",
        postcode="518000",
        lines=[LineFacts("MUG-01", True, 2, D("25.00"))], currency="CNY", shipping=D("10"),
        total=D("60.00"))
    base.update(kw)
    return OrderFacts(**base)  # type: ignore[arg-type]


def test_a_good_order_has_no_problems() -> None:
    assert validate(good()) == []


def test_name_required() -> None:
    assert codes(check_name("  ")) == ["name_missing"]


def test_phone_valid_for_country() -> None:
    assert check_phone("13800138000", "CN") == []
    assert check_phone("+44 7911 123456", "GB") == []
    assert codes(check_phone("555-123-4567", "US")) == ["phone_invalid"]
    assert codes(check_phone("1380013800", "CN")) == ["phone_invalid"]  # one digit short
    assert codes(check_phone("", "CN")) == ["phone_missing"]


def test_quick_phone_reading_is_what_phonenumbers_reads() -> None:
    """The fast path for '+cc …' numbers gives the very number phonenumbers.parse gives, for
    every region's example numbers written internationally, and leaves the rest to parse."""
    import phonenumbers
    from phonenumbers import PhoneNumberFormat, PhoneNumberType

    quick = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            for fmt in (PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.E164):
                text = phonenumbers.format_number(example, fmt)
                for country in (region, "US", "CN"):
                    number = quick_number(text, country)
                    if number is not None:
                        quick += 1
                        assert number == phonenumbers.parse(text, country), (text, country)
    assert quick > 300
    assert quick_number("+1 212-555-0101", "CA") is None  # +1's main region is the US
    assert quick_number("+44 020 7946 0018", "GB") is None  # a national prefix to strip
    assert quick_number("+1 (212) 555-0101 ext. 7", "US") is None  # an extension
    assert quick_number("212-555-0101", "US") is None  # national form
    assert check_phone("+44 020 7946 0018", "GB") == check_phone("+44 20 7946 0018", "GB") == []


def test_region_validity_is_what_phonenumbers_says() -> None:
    """The import's own valid-for-region test answers as phonenumbers does: every region's
    example numbers of several types, each with its last digits changed, some with another
    calling code, and numbers of random digits."""
    import random

    import phonenumbers
    from phonenumbers import PhoneNumber, PhoneNumberType

    from app.domain.validation import _valid_for_region

    rng = random.Random(3)
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    kinds = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.TOLL_FREE,
             PhoneNumberType.PREMIUM_RATE, PhoneNumberType.VOIP)
    valid = tried = 0
    for region in regions:
        for _ in range(40):
            code = phonenumbers.country_code_for_region(region)
            if rng.random() < 0.1:
                code = rng.randrange(1, 999)
            digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(4, 13)))
            example = phonenumbers.example_number_for_type(region, rng.choice(kinds))
            if example is not None and rng.random() < 0.7:
                text, k = str(example.national_number), rng.randint(0, 3)
                digits = text[:len(text) - k] + "".join(rng.choice("0123456789")
                                                        for _ in range(k))
            number = PhoneNumber(country_code=code, national_number=int(digits),
                                 italian_leading_zero=rng.random() < 0.1 or None)
            expected = phonenumbers.is_valid_number_for_region(number, region)
            assert _valid_for_region(number, region) == expected, (number, region)
            tried += 1
            valid += expected
    assert tried > 9000 and valid > 2000


def test_email_well_formed_when_given() -> None:
    assert check_email("") == [] and check_email("a.b@example.co.uk") == []
    for bad in ("a@b", "no-at.example.com", "a@@b.com", "a b@c.com", "a@b..com"):
        assert codes(check_email(bad)) == ["email_invalid"], bad


def test_china_needs_province_city_district_street() -> None:
    assert codes(check_address("CN", "广东省", "深圳市", "", "科技园南路88号", "")) == [
        "district_missing"]
    assert codes(check_address("CN", "", "", "", "", "")) == [
        "street_missing", "province_missing", "city_missing", "district_missing"]


def test_china_district_must_lie_in_city() -> None:
    assert codes(check_address("CN", "广东省", "深圳市", "西湖区", "x路1号", "")) == [
        "district_unknown"]
    assert codes(check_address("CN", "火星省", "深圳市", "南山区", "x路1号", "")) == [
        "province_unknown"]
    assert check_address("CN", "北京", "北京市", "朝阳区", "建国路1号", "100020") == []


def test_china_postcode_six_digits_if_given() -> None:
    assert codes(check_address("CN", "广东省", "深圳市", "南山区", "x路1号", "51800")) == [
        "postcode_invalid"]


def test_postcode_as_the_country_requires() -> None:
    assert check_address("GB", "", "London", "", "1 High St", "SW1A 1AA") == []
    assert codes(check_address("GB", "", "London", "", "1 High St", "")) == ["postcode_missing"]
    assert codes(check_address("US", "CA", "SF", "", "1 Market", "9410")) == ["postcode_invalid"]
    assert codes(check_address("US", "", "SF", "", "1 Market", "94103")) == ["state_missing"]
    assert check_address("HK", "", "Kowloon", "", "1 Nathan Rd", "") == []
    assert codes(check_address("DE", "", "", "", "Hauptstr. 5", "10115")) == ["city_missing"]
    assert codes(check_address("Narnia", "", "x", "", "y", "1")) == ["country_unknown"]


def test_lines_sku_known_quantity_whole_price_not_negative() -> None:
    problems = check_lines([
        LineFacts("X-1", False, 1, D("1")),
        LineFacts("", True, 1, D("1")),
        LineFacts("A", True, None, D("1"), raw_quantity="1.5"),
        LineFacts("A", True, 0, D("1")),
        LineFacts("A", True, 1, D("-1")),
        LineFacts("A", True, 1, None),
    ])
    assert [(p.field, p.code) for p in problems] == [
        ("lines[1].sku", "sku_unknown"), ("lines[2].sku", "sku_missing"),
        ("lines[3].quantity", "quantity_not_whole"), ("lines[4].quantity",
                                                      "quantity_out_of_range"),
        ("lines[5].unit_price", "price_negative"), ("lines[6].unit_price", "price_missing")]
    assert codes(check_lines([])) == ["no_lines"]


def test_totals_within_rounding() -> None:
    lines = [LineFacts("A", True, 3, D("3.333"))]
    assert validate(good(lines=lines, shipping=D(0), total=D("10.00"))) == []
    assert codes(validate(good(lines=lines, shipping=D(0), total=D("10.50")))) == [
        "total_mismatch"]


def test_totals_with_tax_added_or_included_and_discount() -> None:
    lines = [LineFacts("A", True, 2, D("50"))]
    assert validate(good(lines=lines, shipping=D(5), tax=D(8), total=D("113"))) == []
    assert validate(good(lines=lines, shipping=D(5), tax=D(8), total=D("105"))) == []
    assert validate(good(lines=lines, shipping=D(5), discount=D(10), total=D("95"))) == []


def test_field_errors_are_named_problems() -> None:
    problems = validate(good(field_errors=[("placed_at", "'x' is not a date")]))
    assert [(p.field, p.code) for p in problems] == [("placed_at", "unreadable_value")]


def test_possible_duplicate_other_channel_close_in_time() -> None:
    t = datetime(2024, 3, 5, tzinfo=UTC)
    items = items_key([("mug-01", 1), ("MUG-01", 1)])
    assert items == frozenset({("MUG-01", 2)})
    cust = customer_key("+86 138 0013 8000", "", "")
    assert cust == customer_key("13800138000", "x@y.z", "other name")
    index = DuplicateIndex([DuplicateKey("#1", "taobao", cust, items, t)])
    assert [d.ref for d in index.find(DuplicateKey("#2", "shopify", cust, items,
                                                   t + timedelta(hours=3)))] == ["#1"]
    assert index.find(DuplicateKey("#3", "taobao", cust, items, t)) == []  # same channel
    assert index.find(DuplicateKey("#4", "shopify", cust, items, t + timedelta(days=5))) == []
    other_items = items_key([("TEE-01", 1)])
    assert index.find(DuplicateKey("#5", "shopify", cust, other_items, t)) == []


def test_split_chinese_address() -> None:
    p = split_address("广东省 深圳市 南山区 科技园南路88号(518000)")
    assert (p.province, p.city, p.district, p.street, p.postcode) == (
        "广东省", "深圳市", "南山区", "科技园南路88号", "518000")
    p = split_address("上海浦东新区世纪大道100号")
    assert (p.province, p.city, p.district) == ("上海市", "上海市", "浦东新区")
    assert split_address("somewhere unknown").street == "somewhere unknown"
