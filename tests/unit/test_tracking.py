"""Tracking-number rules from jkeen/tracking_number_data: every test number in every JSON file."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.scan import Scan, ScanKind, classify
from app.domain.tracking import (
    CHECKSUM_ALGORITHMS,
    DATA_DIR,
    TrackingFormat,
    convert_regex,
    load_formats,
    match_all_tracking,
    match_tracking,
    validates_luhn,
    validates_mod7,
    validates_mod10,
    validates_mod_37_36,
    validates_s10,
    validates_sum_product_with_weightings_and_modulo,
)

FORMATS = load_formats()
BY_ID = {f.id: f for f in FORMATS}


def _cases(which: str) -> list[tuple[str, str]]:
    """(format id, number) for every test number in every JSON file, read straight from JSON."""
    cases = []
    for path in sorted(DATA_DIR.glob("*.json")):
        courier = json.loads(path.read_text(encoding="utf-8"))
        for spec in courier["tracking_numbers"]:
            fmt = TrackingFormat.from_json(courier, spec)
            for number in spec["test_numbers"].get(which, []):
                cases.append((fmt.id, number))
    return cases


VALID = _cases("valid")
INVALID = _cases("invalid")


def test_data_copied_with_licence() -> None:
    assert (DATA_DIR / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert len(list(DATA_DIR.glob("*.json"))) == 18
    assert len(FORMATS) == 39
    assert len(VALID) == 192 and len(INVALID) == 88


def test_every_checksum_in_the_data_is_implemented() -> None:
    used = {f.checksum["name"] for f in FORMATS if f.checksum is not None}
    assert used <= set(CHECKSUM_ALGORITHMS)
    assert used == {"mod10", "mod7", "s10", "luhn", "mod_37_36",
                    "sum_product_with_weightings_and_modulo"}


@pytest.mark.parametrize(("format_id", "number"), VALID, ids=[f"{i}:{n}" for i, n in VALID])
def test_valid_number_validates_with_its_format(format_id: str, number: str) -> None:
    m = BY_ID[format_id].match(number)
    assert m is not None, "regex did not match"
    assert m.checksum_valid, m.problem
    assert m.valid, m.problem
    assert m.carrier_code == BY_ID[format_id].carrier_code
    assert " " not in m.tracking_number


@pytest.mark.parametrize(("format_id", "number"), VALID, ids=[f"{i}:{n}" for i, n in VALID])
def test_valid_number_is_detected(format_id: str, number: str) -> None:
    best = match_tracking(number)
    assert best is not None and best.valid
    assert format_id in [m.format_id for m in match_all_tracking(number) if m.valid]


@pytest.mark.parametrize(("format_id", "number"), INVALID, ids=[f"{i}:{n}" for i, n in INVALID])
def test_invalid_number_does_not_validate_with_its_format(format_id: str, number: str) -> None:
    m = BY_ID[format_id].match(number)
    assert m is None or not m.valid


CHECKSUMMED = [(i, n) for i, n in VALID if BY_ID[i].has_checksum]


@pytest.mark.parametrize(
    ("format_id", "number"), CHECKSUMMED, ids=[f"{i}:{n}" for i, n in CHECKSUMMED]
)
def test_changing_the_check_digit_breaks_checksummed_formats(format_id: str, number: str) -> None:
    fmt = BY_ID[format_id]
    m = fmt.match(number)
    assert m is not None
    assert m.check_digit is not None
    compact = m.tracking_number
    # the check digit is the last character matched by the CheckDigit group
    pos = fmt.regex.fullmatch(compact)
    assert pos is not None
    idx = pos.end("CheckDigit") - 1
    assert fmt.checksum is not None
    alphabet = "0123456789"
    if fmt.checksum["name"] == "mod_37_36":
        alphabet += "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    others = [c for c in alphabet if c != compact[idx]]
    still_valid = []
    for c in others:
        other = fmt.match(compact[:idx] + c + compact[idx + 1 :])
        if other is not None and other.checksum_valid:
            still_valid.append(c)
    assert still_valid == []


def test_regex_conversion_keeps_lookarounds() -> None:
    assert convert_regex(r"(?<Serial>\d+)(?<=1)(?<!2)") == r"(?P<Serial>\d+)(?<=1)(?<!2)"
    assert convert_regex(["(?<A>1)", "(?<B>2)"]) == "(?P<A>1)(?P<B>2)"


def test_ups_details() -> None:
    m = match_tracking("1z 999 aa1 01 2345 6784")
    assert m is not None
    assert (m.carrier, m.carrier_code, m.format_id) == ("UPS", "ups", "ups")
    assert m.tracking_number == "1Z999AA10123456784"
    assert m.service == "UPS United States Next Day Air (Red)"
    assert m.tracking_url is not None and m.tracking_url.endswith("1Z999AA10123456784")
    assert match_tracking("1Z999AA10123456785") is None


def test_s10_needs_a_known_country() -> None:
    assert match_tracking("RB123456785GB") is not None
    bad_country = BY_ID["s10"].match("RB123456785XX")
    assert bad_country is not None and bad_country.checksum_valid and not bad_country.valid
    assert "courier" in bad_country.problem


def test_serial_prepend_rule_for_usps_legacy() -> None:
    m = BY_ID["usps_legacy"].match("7196 9010 7560 0307 7385")
    assert m is not None and m.serial_number.startswith("91") and m.valid


# Known check-digit examples, independent of the JSON test numbers.
def test_checksum_functions_directly() -> None:
    ups = {"odds_multiplier": 2, "evens_multiplier": 1}
    assert validates_mod10("999AA1012345678", "4", ups)  # 1Z999AA10123456784
    assert not validates_mod10("999AA1012345678", "5", ups)
    assert validates_mod7("331881002", "5", {})  # 331881002 % 7 == 5
    assert not validates_mod7("331881002", "4", {})
    assert validates_s10("12345678", "5", {})
    assert not validates_s10("12345678", "6", {})
    # FedEx 986578788855: 9*3+8*1+6*7+5*3+7*1+8*7+7*3+8*1+8*7+8*3+5*1 = 269; 269 % 11 % 10 = 5
    w = {"weightings": [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1], "modulo1": 11, "modulo2": 10}
    assert validates_sum_product_with_weightings_and_modulo("98657878885", "5", w)
    assert not validates_sum_product_with_weightings_and_modulo("98657878885", "6", w)
    assert validates_luhn("7992739871", "3", {})  # the classic Luhn example
    assert not validates_luhn("7992739871", "4", {})
    # ISO 7064 MOD 37,36: DPD parcel 09980000020033 has check character F
    assert validates_mod_37_36("09980000020033", "F", {})
    assert not validates_mod_37_36("09980000020033", "D", {})


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_match_tracking_never_raises(text: str) -> None:
    m = match_tracking(text)
    assert m is None or m.valid


@given(st.one_of(
    st.text(max_size=60),
    st.text(alphabet="0123456789]C1E0()\x1d#AltShiftControl\r\n\t -:SOBINCMD", max_size=60),
    st.from_regex(r"\]?[CEIeQd]?[0-9]?[0-9]{6,30}", fullmatch=True),
))
@settings(max_examples=500, deadline=None)
def test_classify_never_raises_and_explains_failures(text: str) -> None:
    scan = classify(text)
    assert isinstance(scan, Scan)
    assert scan.raw == text
    if scan.kind in (ScanKind.INVALID, ScanKind.UNKNOWN):
        assert scan.message.strip()
    if scan.gtin is not None:
        assert len(scan.gtin) == 14 and scan.gtin.isdigit()
