"""Split a one-line Chinese address into province, city, district and street."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from app.domain.divisions import District, districts

_POSTCODE = re.compile(r"[（(]?\s*(\d{6})\s*[)）]?\s*$")


@dataclass(frozen=True)
class AddressParts:
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    postcode: str = ""


@cache
def _index() -> dict[str, list[District]]:
    by_province: dict[str, list[District]] = {}
    for d in districts():
        by_province.setdefault(d.province, []).append(d)
    return by_province


def _take(text: str, names: list[str]) -> tuple[str, str] | None:
    """The longest name (full, or without its suffix) that ``text`` starts with."""
    best: tuple[str, str] | None = None
    for name in names:
        for form in {name, _strip(name)}:
            if form and text.startswith(form) and (best is None or len(form) > len(best[1])):
                best = (name, form)
    return best


def _strip(name: str) -> str:
    for suffix in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市",
                   "自治州", "地区", "盟", "区", "县"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _compact(text: str) -> str:
    return text.lstrip(" ,，")


def split_address(text: str) -> AddressParts:
    """'广东省 深圳市 南山区 科技园南路88号(518000)' → its parts. Unknown leading parts stay
    in the street; nothing is guessed."""
    rest = text.strip()
    postcode = ""
    m = _POSTCODE.search(rest)
    if m:
        postcode, rest = m.group(1), rest[: m.start()].strip()
    rest = _compact(rest)
    index = _index()
    hit = _take(rest, list(index))
    if hit is None:
        return AddressParts(street=rest, postcode=postcode)
    province = hit[0]
    rest = _compact(rest[len(hit[1]):])
    in_province = index[province]
    cities = sorted({d.city for d in in_province})
    city = ""
    hit = _take(rest, [c for c in cities if c != province])
    if hit is not None:
        city, rest = hit[0], _compact(rest[len(hit[1]):])
    elif province in cities:
        city = province  # municipalities: the city is the province
        again = _take(rest, [province])
        if again is not None:
            rest = _compact(rest[len(again[1]):])
    district = ""
    candidates = [d.district for d in in_province if not city or d.city == city]
    hit = _take(rest, candidates)
    if hit is not None:
        district, rest = hit[0], _compact(rest[len(hit[1]):])
        if not city:
            city = next(d.city for d in in_province if d.district == district)
    return AddressParts(province, city, district, rest.strip(), postcode)
