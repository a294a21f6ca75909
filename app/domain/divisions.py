"""China's administrative divisions (province → city → district), read once on demand."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class District:
    province: str
    city: str
    district: str
    code: str


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("app.data").joinpath("china_divisions", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def districts() -> tuple[District, ...]:
    provinces = {r["code"]: r["name"] for r in _rows("provinces.csv")}
    cities = {r["code"]: r["name"] for r in _rows("cities.csv")}
    out = []
    for r in _rows("areas.csv"):
        province = provinces[r["provinceCode"]]
        city = cities.get(r["cityCode"], province)
        # Municipalities list their districts under a "市辖区" city: the city is the province.
        if city in ("市辖区", "县"):
            city = province
        out.append(District(province, city, r["name"], r["code"]))
    return tuple(out)


@cache
def province_names() -> frozenset[str]:
    return frozenset(d.province for d in districts())


def is_known(province: str, city: str, district: str) -> bool:
    """True if the district lies in that city and province (short forms accepted)."""
    p, c, d = (_short(x) for x in (province, city, district))
    return any(_short(x.province) == p and _short(x.city) == c and _short(x.district) == d
               for x in districts())


def _short(name: str) -> str:
    for suffix in ("省", "市", "自治区", "特别行政区", "壮族", "回族", "维吾尔"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
    return name.strip()
