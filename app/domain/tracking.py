"""Carrier tracking-number recognition.

The rules come from jkeen/tracking_number_data (MIT, see ``tracking_data/LICENSE``): one JSON
file per courier, each listing tracking-number formats as a PCRE regex with named groups plus a
check-digit algorithm. This module converts the regexes for Python's :mod:`re` and implements the
check-digit algorithms described in that project's CHECKSUM_ALGORITHMS.md (``mod10``, ``mod7``,
``s10``, ``luhn``, ``mod_37_36`` and ``sum_product_with_weightings_and_modulo``), following the
reference Ruby implementation (jkeen/tracking_number) where the description is silent.

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "CHECKSUM_ALGORITHMS",
    "DATA_DIR",
    "TrackingFormat",
    "TrackingMatch",
    "load_formats",
    "match_all_tracking",
    "match_tracking",
    "normalise_tracking",
]

DATA_DIR: Path = Path(__file__).with_name("tracking_data")
"""Directory holding the copied ``*.json`` courier files and their LICENSE."""

_NAMED_GROUP = re.compile(r"\(\?<([A-Za-z_][A-Za-z0-9_]*)>")
_WHITESPACE = re.compile(r"\s+")
_LEADING_INT = re.compile(r"^[+-]?\d+")


# --------------------------------------------------------------------------- checksums


def _to_i(value: str) -> int:
    """Ruby's ``String#to_i``: the leading integer, or 0 when there is none."""
    m = _LEADING_INT.match(value.strip())
    return int(m.group(0)) if m else 0


def validates_mod10(sequence: str, check_digit: str, extras: Mapping[str, Any]) -> bool:
    """Weighted mod-10; letters count as ``(ord(c) - 3) % 10`` (UPS)."""
    chars = list(reversed(sequence)) if extras.get("reverse") else list(sequence)
    odds = extras.get("odds_multiplier")
    evens = extras.get("evens_multiplier")
    total = 0
    for i, c in enumerate(chars):
        x = int(c) if c.isdigit() else (ord(c) - 3) % 10
        if odds is not None and i % 2 == 1:
            x *= int(odds)
        elif evens is not None and i % 2 == 0:
            x *= int(evens)
        total += x
    check = total % 10
    if check:
        check = 10 - check
    return check == _to_i(check_digit)


def validates_mod7(sequence: str, check_digit: str, extras: Mapping[str, Any]) -> bool:
    """The serial number modulo 7 is the check digit (DHL Express)."""
    return _to_i(sequence) % 7 == _to_i(check_digit)


def validates_s10(sequence: str, check_digit: str, extras: Mapping[str, Any]) -> bool:
    """UPU S10 check digit: weights 8,6,4,2,3,5,9,7, modulo 11."""
    weights: Sequence[int] = extras.get("weightings") or (8, 6, 4, 2, 3, 5, 9, 7)
    total = sum(_to_i(a) * int(b) for a, b in zip(sequence, weights, strict=False))
    remainder = total % int(extras.get("modulo", 11))
    if remainder == 1:
        check = 0
    elif remainder == 0:
        check = 5
    else:
        check = 11 - remainder
    return check == _to_i(check_digit)


def validates_sum_product_with_weightings_and_modulo(
    sequence: str, check_digit: str, extras: Mapping[str, Any]
) -> bool:
    """``sum(digit * weight) % modulo1 % modulo2`` is the check digit (FedEx)."""
    weights: Sequence[int] = extras.get("weightings") or ()
    if len(sequence) > len(weights):
        return False
    total = sum(_to_i(a) * int(b) for a, b in zip(sequence, weights, strict=False))
    return total % int(extras["modulo1"]) % int(extras["modulo2"]) == _to_i(check_digit)


def validates_mod_37_36(sequence: str, check_digit: str, extras: Mapping[str, Any]) -> bool:
    """ISO 7064 MOD 37,36 (DPD); the check character may be a letter."""
    mod = 36
    alphabet = str(extras.get("alphabet") or "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    cd = mod
    for char in sequence.upper():
        val = alphabet.find(char)
        if val < 0:
            return False
        cd = val + cd
        if cd > mod:
            cd -= mod
        cd *= 2
        if cd > mod:
            cd -= mod + 1
    cd = (mod + 1) - cd
    if cd == mod:
        cd = 0
    return alphabet[cd] == check_digit.strip().upper()


def validates_luhn(sequence: str, check_digit: str, extras: Mapping[str, Any]) -> bool:
    """Luhn: double every second digit starting from the rightmost of the sequence."""
    total = 0
    for i, c in enumerate(reversed(sequence)):
        x = _to_i(c)
        if i % 2 == 0:
            x *= 2
        if x > 9:
            x -= 9
        total += x
    check = total % 10
    if check:
        check = 10 - check
    return check == _to_i(check_digit)


ChecksumFn = Callable[[str, str, Mapping[str, Any]], bool]

CHECKSUM_ALGORITHMS: Mapping[str, ChecksumFn] = {
    "mod10": validates_mod10,
    "mod7": validates_mod7,
    "s10": validates_s10,
    "sum_product_with_weightings_and_modulo": validates_sum_product_with_weightings_and_modulo,
    "mod_37_36": validates_mod_37_36,
    "luhn": validates_luhn,
}
"""Check-digit algorithms by the ``validation.checksum.name`` used in the JSON files."""


# --------------------------------------------------------------------------- formats


def convert_regex(pattern: str | Sequence[str]) -> str:
    """Turn a PCRE/Ruby pattern from the JSON into a Python one (``(?<N>`` → ``(?P<N>``)."""
    joined = pattern if isinstance(pattern, str) else "".join(pattern)
    return _NAMED_GROUP.sub(r"(?P<\1>", joined)


def normalise_tracking(code: str) -> str:
    """Upper-case and drop all whitespace (labels print tracking numbers in groups)."""
    return _WHITESPACE.sub("", code).upper()


def _slug(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


@dataclass(frozen=True)
class TrackingFormat:
    """One tracking-number format from the courier JSON files."""

    id: str
    name: str
    carrier: str
    carrier_code: str
    regex: re.Pattern[str]
    checksum: Mapping[str, Any] | None
    serial_prepend_regex: re.Pattern[str] | None
    serial_prepend: str
    required_additional: tuple[str, ...]
    additional: tuple[Mapping[str, Any], ...]
    tracking_url: str | None
    valid_test_numbers: tuple[str, ...]
    invalid_test_numbers: tuple[str, ...]

    @property
    def has_checksum(self) -> bool:
        return self.checksum is not None

    @property
    def literal_prefix(self) -> str:
        """Fixed leading characters of the format, e.g. ``"1Z"`` (UPS), ``"1LSCX"``, ``"TB"``."""
        src = self.regex.pattern
        out: list[str] = []
        i = 0
        while i < len(src):
            if src.startswith(r"\s*", i):
                i += 3
                continue
            c = src[i]
            nxt = src[i + 1] if i + 1 < len(src) else ""
            if c.isalnum() and nxt not in "{*?+":
                out.append(c)
                i += 1
                continue
            break
        return "".join(out)

    @classmethod
    def from_json(cls, courier: Mapping[str, Any], spec: Mapping[str, Any]) -> TrackingFormat:
        validation: Mapping[str, Any] = spec.get("validation") or {}
        checksum: Mapping[str, Any] | None = validation.get("checksum")
        if checksum is not None and checksum.get("name") not in CHECKSUM_ALGORITHMS:
            raise ValueError(f"unsupported checksum {checksum.get('name')!r} in {spec['name']}")
        prepend = (validation.get("serial_number_format") or {}).get("prepend_if") or {}
        tests: Mapping[str, Any] = spec.get("test_numbers") or {}
        additional_check: Mapping[str, Any] = validation.get("additional") or {}
        return cls(
            id=str(spec.get("id") or _slug(str(spec["name"]))),
            name=str(spec["name"]),
            carrier=str(courier["name"]),
            carrier_code=str(courier["courier_code"]),
            regex=re.compile(convert_regex(spec["regex"])),
            checksum=checksum,
            serial_prepend_regex=(
                re.compile(convert_regex(prepend["matches_regex"])) if prepend else None
            ),
            serial_prepend=str(prepend.get("content", "")),
            required_additional=tuple(additional_check.get("exists") or ()),
            additional=tuple(spec.get("additional") or ()),
            tracking_url=spec.get("tracking_url"),
            valid_test_numbers=tuple(tests.get("valid") or ()),
            invalid_test_numbers=tuple(tests.get("invalid") or ()),
        )

    def match(self, code: str) -> TrackingMatch | None:
        """Match ``code`` (any spacing/case) against this format; None if the regex fails."""
        number = normalise_tracking(code)
        m = self.regex.fullmatch(number)
        if m is None:
            return None
        groups = {k: _WHITESPACE.sub("", v) for k, v in m.groupdict().items() if v is not None}
        serial = groups.get("SerialNumber", "")
        if self.serial_prepend_regex is not None and self.serial_prepend_regex.search(serial):
            serial = self.serial_prepend + serial
        check_digit = groups.get("CheckDigit", "")

        checksum_valid = True
        if self.checksum is not None:
            fn = CHECKSUM_ALGORITHMS[str(self.checksum["name"])]
            checksum_valid = bool(check_digit) and fn(serial, check_digit, self.checksum)

        lookups = self._lookups(groups)
        missing = [name for name in self.required_additional if name not in lookups]
        service_entry = lookups.get("Service Type")
        service = str(service_entry["name"]) if service_entry and "name" in service_entry else None
        courier_entry = lookups.get("Courier")
        carrier = self.carrier
        if courier_entry is not None and courier_entry.get("courier"):
            carrier = str(courier_entry["courier"])
        problem = ""
        if not checksum_valid:
            problem = f"{self.name} check digit is wrong"
        elif missing:
            problem = f"{self.name}: unknown {', '.join(missing).lower()}"
        url = None
        if self.tracking_url:
            url = self.tracking_url.replace("%s", number)
        return TrackingMatch(
            carrier=carrier,
            carrier_code=self.carrier_code,
            format_id=self.id,
            format_name=self.name,
            service=service,
            tracking_number=number,
            serial_number=serial,
            check_digit=check_digit or None,
            has_checksum=self.checksum is not None,
            checksum_valid=checksum_valid,
            valid=checksum_valid and not missing,
            problem=problem,
            groups=groups,
            tracking_url=url,
            literal_prefix=self.literal_prefix,
        )

    def _lookups(self, groups: Mapping[str, str]) -> dict[str, Mapping[str, Any]]:
        found: dict[str, Mapping[str, Any]] = {}
        for info in self.additional:
            value = groups.get(str(info.get("regex_group_name")))
            if value is None:
                continue
            for entry in info.get("lookup") or ():
                if "matches" in entry:
                    hit = value == entry["matches"]
                elif "matches_regex" in entry:
                    hit = re.search(convert_regex(entry["matches_regex"]), value) is not None
                else:
                    hit = False
                if hit:
                    found[str(info["name"])] = entry
                    break
        return found


@dataclass(frozen=True)
class TrackingMatch:
    """Result of matching a code against one tracking-number format."""

    carrier: str
    """Courier name, e.g. ``"UPS"``; for S10 the postal service of the country code."""
    carrier_code: str
    """Short courier code from the JSON, e.g. ``"ups"``, ``"usps"``, ``"s10"``."""
    format_id: str
    format_name: str
    service: str | None
    """Service-type lookup (e.g. ``"UPS United States Ground"``) when the format has one."""
    tracking_number: str
    """Normalised number: upper case, no whitespace."""
    serial_number: str
    check_digit: str | None
    has_checksum: bool
    checksum_valid: bool
    """True when the check digit verifies (or the format has none)."""
    valid: bool
    """Regex, check digit and required look-ups (e.g. S10 country) all pass."""
    problem: str = ""
    groups: Mapping[str, str] = field(default_factory=dict)
    tracking_url: str | None = None
    literal_prefix: str = ""
    """Fixed leading characters of the format (see :attr:`TrackingFormat.literal_prefix`)."""


@cache
def load_formats(data_dir: Path | None = None) -> tuple[TrackingFormat, ...]:
    """Load every ``*.json`` courier file in ``data_dir`` (default :data:`DATA_DIR`)."""
    directory = DATA_DIR if data_dir is None else data_dir
    formats: list[TrackingFormat] = []
    for path in sorted(directory.glob("*.json")):
        courier = json.loads(path.read_text(encoding="utf-8"))
        for spec in courier["tracking_numbers"]:
            formats.append(TrackingFormat.from_json(courier, spec))
    return tuple(formats)


def _rank(m: TrackingMatch) -> tuple[int, int]:
    # Valid first; among valid ones a verified check digit beats a bare pattern match.
    return (0 if m.valid else 1, 0 if m.has_checksum else 1)


def match_all_tracking(code: str) -> list[TrackingMatch]:
    """Every format whose regex matches ``code``, best first (valid, then with checksum)."""
    matches = [m for f in load_formats() if (m := f.match(code)) is not None]
    return sorted(matches, key=_rank)  # stable: keeps file order within a rank


def match_tracking(code: str) -> TrackingMatch | None:
    """The best valid tracking-number match for ``code``, or None.

    Whitespace and case are ignored. When no format validates, None is returned even if a
    regex matched (use :func:`match_all_tracking` to see near misses).
    """
    number = normalise_tracking(code)
    if not number or len(number) > 64:
        return None
    for m in match_all_tracking(number):
        if m.valid:
            return m
    return None
