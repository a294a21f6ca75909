"""Reading files as they really arrive: encoding detection (BOM, UTF-8, GB18030, cp1252),
CRLF, quoted fields with line breaks, and values written the way people write them.

Rows are streamed: a file of any size is read with flat memory.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zoneinfo import ZoneInfo

SAMPLE_BYTES = 256 * 1024

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


class UnreadableFile(Exception):
    """The file itself cannot be read (missing, empty, not a table, unknown encoding)."""


def detect_encoding(sample: bytes) -> str:
    """The encoding of a file's first bytes: a BOM wins; then UTF-8 if it decodes;
    then GB18030 (Chinese Excel) or Windows-1252 (Western Excel), whichever fits."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)  # a character cut at the sample's end is fine
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return _guess_legacy(sample)


_CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def _guess_legacy(sample: bytes) -> str:
    high = sum(1 for b in sample if b >= 0x80)
    try:
        text = sample.decode("gb18030", errors="strict")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        # Real Chinese text is mostly common CJK characters; cp1252 bytes read as GB18030
        # give rare characters and odd symbols.
        cjk = len(_CJK.findall(text))
        if high and cjk * 2 >= high * 0.8:
            try:
                from charset_normalizer import from_bytes

                best = from_bytes(sample, cp_isolation=["gb18030", "cp1252"]).best()
                if best is not None and best.encoding == "cp1252" and cjk * 2 < high:
                    return "cp1252"
            except ImportError:  # pragma: no cover - optional helper
                pass
            return "gb18030"
    return "cp1252"


def open_text(path: Path, encoding: str | None = None) -> tuple[Iterator[str], str]:
    """Lines of ``path`` (line endings kept) and the encoding used. Bytes the encoding
    cannot decode become lone surrogates, so one bad row does not sink the file."""
    try:
        with open(path, "rb") as fh:
            sample = fh.read(SAMPLE_BYTES)
    except OSError as exc:
        raise UnreadableFile(f"{path}: {exc.strerror or exc}") from exc
    if not sample.strip():
        raise UnreadableFile(f"{path} is empty.")
    enc = encoding or detect_encoding(sample)
    try:
        codecs.lookup(enc)
    except LookupError as exc:
        raise UnreadableFile(f"Unknown encoding {enc!r}.") from exc

    def lines() -> Iterator[str]:
        with open(path, encoding=enc, errors="surrogateescape", newline="") as fh:
            yield from fh

    return lines(), enc


_BAD = re.compile(r"[\udc80-\udcff]")


def has_undecodable(text: str) -> bool:
    return _BAD.search(text) is not None


def printable_raw(text: str, encoding: str) -> str:
    """Raw text safe to store: undecodable bytes shown as U+FFFD."""
    if not has_undecodable(text):
        return text
    return text.encode(encoding, "surrogateescape").decode(encoding, "replace")


@dataclass
class RawRow:
    line_no: int  # first physical line of the record, 1-based
    fields: list[str]
    raw: str


class _Tap:
    """Feeds lines to csv.reader and remembers the ones used for the current record."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.buffer: list[str] = []

    def __iter__(self) -> _Tap:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.buffer.append(line)
        return line


def csv_rows(lines: Iterator[str], delimiter: str = ",") -> Iterator[RawRow]:
    """Records with their starting line number and raw text; blank rows are skipped.
    A malformed record is yielded with ``fields == []`` and the csv module's reason in raw."""
    tap = _Tap(lines)
    reader = csv.reader(tap, delimiter=delimiter)
    line_no = 1
    while True:
        tap.buffer.clear()
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raw = "".join(tap.buffer)
            yield RawRow(line_no, [], raw + "\x00" + str(exc))
            line_no = reader.line_num + 1
            continue
        raw = "".join(tap.buffer)
        start = line_no
        line_no = reader.line_num + 1
        if not any(f.strip() for f in fields):
            continue
        yield RawRow(start, fields, raw)


def sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


# ---- values ---------------------------------------------------------------------------

_CURRENCY_WORDS = re.compile(r"[A-Za-z]{3}|[¥￥$€£₩₹]|RMB|元|\s|\u00a0|'")


_PLAIN_AMOUNT = re.compile(r"\d+(?:\.\d+)?")  # "12", "1234.50": nothing to clean up


def parse_amount(text: str) -> Decimal | None:
    """'$1,234.50', '1.234,50 €', '¥1,299', 'USD 12', '(3.00)', '' → Decimal or None.
    Raises ValueError when the text is not an amount at all."""
    t = text.strip()
    if not t:
        return None
    if _PLAIN_AMOUNT.fullmatch(t):
        return Decimal(t)
    negative = t.startswith("(") and t.endswith(")")
    t = t.strip("()")
    t = _CURRENCY_WORDS.sub("", t)
    if t.startswith("-"):
        negative, t = not negative, t[1:]
    if "," in t and "." in t:
        if t.rfind(",") > t.rfind("."):
            t = t.replace(".", "").replace(",", ".")  # 1.234,50
        else:
            t = t.replace(",", "")  # 1,234.50
    elif "," in t:
        head, _, tail = t.rpartition(",")
        if t.count(",") == 1 and len(tail) in (1, 2):
            t = head + "." + tail  # 12,50
        else:
            t = t.replace(",", "")  # 1,299 / 1,234,567
    try:
        value = Decimal(t)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text!r}") from None
    if not value.is_finite():
        raise ValueError(f"not an amount: {text!r}")
    return -value if negative else value


def parse_quantity(text: str) -> int | None:
    """A whole number ('2', '2.0', ' 3 '); None if it is not one."""
    t = text.strip()
    if t.isascii() and t.isdigit():
        return int(t)
    t = t.replace(",", "")
    if not t:
        return None
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    if value != value.to_integral_value():
        return None
    return int(value)


_DATE_FORMATS = [
    "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d",
    "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日",
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y",
    "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%m/%d/%Y", "%m/%d/%y",
    "%d %b %Y %H:%M", "%d %b %Y", "%b %d, %Y %H:%M", "%b %d, %Y",
]
_TZ_NAMES = {"UTC": "UTC", "GMT": "UTC", "Z": "UTC", "CST": "Asia/Shanghai",
             "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
             "EST": "America/New_York", "EDT": "America/New_York",
             "CET": "Europe/Berlin", "CEST": "Europe/Berlin", "BST": "Europe/London"}


def parse_datetime(text: str, default_tz: tzinfo = UTC) -> datetime | None:
    """Many date formats and time zones → an aware UTC datetime. Times without a zone are
    read in ``default_tz`` (the channel's). Raises ValueError for text that is no date."""
    t = text.strip()
    if not t:
        return None
    tz: tzinfo = default_tz
    head, _, last = t.rpartition(" ")
    if head and last.upper() in _TZ_NAMES:
        tz, t = ZoneInfo(_TZ_NAMES[last.upper()]), head
    if t.endswith("Z"):
        t, tz = t[:-1] + "+0000", UTC
    value: datetime | None = None
    try:
        value = datetime.fromisoformat(t)
    except ValueError:
        for fmt in _DATE_FORMATS:
            try:
                value = datetime.strptime(t, fmt)
                break
            except ValueError:
                continue
    if value is None:
        raise ValueError(f"not a date: {text!r}")
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(UTC)


_COUNTRIES = {
    "china": "CN", "中国": "CN", "people's republic of china": "CN", "prc": "CN",
    "中华人民共和国": "CN", "中国大陆": "CN", "united states": "US", "usa": "US",
    "united states of america": "US", "美国": "US", "united kingdom": "GB", "uk": "GB",
    "great britain": "GB", "英国": "GB", "germany": "DE", "deutschland": "DE", "德国": "DE",
    "france": "FR", "法国": "FR", "japan": "JP", "日本": "JP", "canada": "CA", "加拿大": "CA",
    "australia": "AU", "澳大利亚": "AU", "hong kong": "HK", "香港": "HK", "macau": "MO",
    "macao": "MO", "澳门": "MO", "taiwan": "TW", "台湾": "TW", "singapore": "SG", "新加坡": "SG",
    "netherlands": "NL", "italy": "IT", "spain": "ES", "ireland": "IE", "korea": "KR",
    "south korea": "KR", "韩国": "KR", "new zealand": "NZ", "switzerland": "CH",
    "austria": "AT", "belgium": "BE", "sweden": "SE", "india": "IN", "brazil": "BR",
    "mexico": "MX",
}


def country_code(text: str, default: str = "") -> str:
    """'US', 'us', 'United States', '中国' → ISO 3166 alpha-2; unknown names kept upper-cased."""
    t = text.strip()
    if not t:
        return default
    if len(t) == 2 and t.isascii() and t.isalpha():
        return t.upper()
    return _COUNTRIES.get(t.lower(), t)


def channel_zone(name: str | None) -> tzinfo:
    return ZoneInfo(name) if name else UTC


def file_sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
