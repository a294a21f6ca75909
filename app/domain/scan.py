"""Classify what a keyboard-wedge barcode scanner typed.

``classify(raw)`` turns one scan into a :class:`Scan`: product codes (EAN-8, UPC-A, EAN-13,
GTIN-14, check digit verified), GS1 element strings (GS1-128 / DataBar / DataMatrix / QR,
parsed with ``biip``), the desk's own documents (orders, RMAs, pick lists, work orders), bin
locations, desk commands, carrier tracking numbers (see :mod:`app.domain.tracking`) and SKUs.

Scanner quirks handled here (sources: /work/shared/testdata/scanner/NOTES.md):

* AIM symbology identifiers (``]C1``, ``]E0``, ``]Q3`` …) are stripped and reported in
  :attr:`Scan.symbology`.
* Trailing CR/LF/Tab terminators are stripped; :func:`split_burst` splits a burst of codes.
* The literal key names ``Alt``/``Shift``/``Control`` that some browser-style wedges leave in the
  text are removed; ``Alt029``/``Alt0029`` (Windows Alt+numpad for ASCII 29) become the GS1 group
  separator ``\\x1d``. ``#`` is read as a group separator only in GS1 context (``#`` is not in the
  GS1 AI character set, so it cannot be data there).
* Caps Lock flips case: document numbers and commands are case-normalised.
* A scanner set to a US layout typing into an AZERTY keyboard layout turns the digit row into
  ``&é"'(-è_çà`` (French) or ``&é"'(§è!çà`` (Belgian / macOS French, as in bhima issue 6436);
  :func:`undo_layout_damage` repairs that when the result is a valid numeric product code.

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

from app.domain.tracking import TrackingMatch, match_tracking, normalise_tracking

# biip is imported where a GS1/UPC-E/AIM-prefixed code is read, not at import time: loading it
# builds its GS1 prefix table, a large share of the desk's start-up.
if TYPE_CHECKING:
    from biip.gs1_element_strings import GS1ElementStrings
    from biip.symbology import GS1Symbology

__all__ = [
    "AZERTY_DIGITS",
    "BIN_PREFIX",
    "COMMANDS",
    "COMMAND_PREFIX",
    "DEFAULT_CONFIG",
    "GS",
    "MIN_LENGTH",
    "ORDER_PREFIX",
    "PICKLIST_PREFIX",
    "RMA_PREFIX",
    "WORK_ORDER_PREFIX",
    "Scan",
    "ScanConfig",
    "ScanKind",
    "classify",
    "classify_burst",
    "gtin_check_digit",
    "split_burst",
    "undo_layout_damage",
]

# --------------------------------------------------------------------------- constants

ORDER_PREFIX = "SO-"
RMA_PREFIX = "RMA-"
PICKLIST_PREFIX = "PL-"
WORK_ORDER_PREFIX = "WO-"
BIN_PREFIX = "BIN:"
COMMAND_PREFIX = "CMD:"
COMMANDS: frozenset[str] = frozenset(
    {"COMPLETE", "UNDO", "NEXT-PARCEL", "REPRINT", "CANCEL", "DELIVERED"}
)
BIN_PATTERN = r"[A-Z]{1,3}[0-9]{0,2}-[0-9]{1,3}-[0-9]{1,3}(?:-[0-9]{1,3})?"
"""Aisle-rack-level(-position), e.g. ``A-01-02`` or ``B2-10-3-1`` (matched on upper case)."""
MIN_LENGTH = 3
GS = "\x1d"
"""ASCII 29, the GS1 group separator (what scanners send for FNC1)."""

AZERTY_DIGITS: Mapping[str, str] = {
    # French AZERTY digit row, unshifted
    "&": "1", "é": "2", '"': "3", "'": "4", "(": "5", "-": "6", "è": "7", "_": "8",
    "ç": "9", "à": "0",
    # Belgian AZERTY / macOS French differ on 6 and 8 (bhima issue 6436 table)
    "§": "6", "!": "8",
    # Caps Lock on Windows French AZERTY upper-cases the accented letters
    "É": "2", "È": "7", "Ç": "9", "À": "0",
}  # fmt: skip
"""What a US-layout scanner's digit keys produce under an AZERTY keyboard layout."""

_GTIN_NAMES: Mapping[int, str] = {8: "EAN-8", 12: "UPC-A", 13: "EAN-13", 14: "GTIN-14"}


@cache
def _gs1_message_symbologies() -> frozenset[GS1Symbology]:
    from biip.symbology import GS1Symbology

    return frozenset(GS1Symbology.with_gs1_messages() | {
        GS1Symbology.GS1_COMPOSITE_WITH_SEPARATOR_CHAR,
        GS1Symbology.GS1_COMPOSITE_WITH_ESCAPE_CHAR,
    })


@cache
def _gtin_symbologies() -> frozenset[GS1Symbology]:
    from biip.symbology import GS1Symbology

    return frozenset(GS1Symbology.with_gtin())


_TERMINATORS = " \t\r\n"
_ALT_GS = re.compile(r"Alt0?029")
# Key names left in the text by wedges that log keydowns. Only when not followed by a lower-case
# letter, so "Shifter-01" or "Alternator" survive while "ShiftA" loses its "Shift".
_NOISE = re.compile(r"(?:Alt|Shift|Control)(?![a-z])")
_CONTROL = re.compile(r"[\x00-\x1c\x1e\x1f\x7f]")
_UNKNOWN_AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_HRI_START = re.compile(r"^\(\d{2,4}\)")
_BURST_SPLIT = re.compile(r"[\r\n\t]+")
_SKU = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/+\-]*")
_DIGITS = re.compile(r"[0-9]+")
_STRICT_TRACKING = re.compile(r"1Z[0-9A-Z]{16}")
"""Only UPS ``1Z`` numbers are distinctive enough to call a failed check digit an error."""


class ScanKind(StrEnum):
    EAN13 = "EAN13"
    UPCA = "UPCA"
    EAN8 = "EAN8"
    GTIN14 = "GTIN14"
    GS1 = "GS1"
    ORDER = "ORDER"
    SKU = "SKU"
    BIN = "BIN"
    TRACKING = "TRACKING"
    RMA = "RMA"
    PICKLIST = "PICKLIST"
    WORK_ORDER = "WORK_ORDER"
    COMMAND = "COMMAND"
    UNKNOWN = "UNKNOWN"
    INVALID = "INVALID"


@dataclass(frozen=True)
class Scan:
    """One classified scan."""

    kind: ScanKind
    raw: str
    """Exactly what the scanner sent."""
    code: str
    """The cleaned value: the code as scanned for product codes, the GTIN (else SSCC) for GS1,
    the upper-cased document number (``SO-000123``), the bin (``A-01-02``), the command word
    (``COMPLETE``), the tracking number without spaces, the SKU as typed."""
    gtin: str | None = None
    """GTIN-14, zero padded, for product codes and GS1 strings with AI 01/02."""
    ais: dict[str, str] = field(default_factory=dict)
    """GS1 application identifiers → values, e.g. ``{"01": "0950…", "10": "LOT1"}``."""
    symbology: str | None = None
    """AIM symbology identifier as sent, e.g. ``"]C1"``."""
    carrier: str | None = None
    """Carrier name for tracking numbers."""
    message: str = ""
    """Human explanation; always set for INVALID and UNKNOWN, otherwise notes (may be empty)."""
    tracking: TrackingMatch | None = None
    """Tracking details (service, format, URL) for TRACKING scans."""

    @property
    def ok(self) -> bool:
        return self.kind not in (ScanKind.INVALID, ScanKind.UNKNOWN)


@dataclass(frozen=True)
class ScanConfig:
    """Document prefixes the desk prints; defaults are the module constants."""

    order_prefix: str = ORDER_PREFIX
    rma_prefix: str = RMA_PREFIX
    picklist_prefix: str = PICKLIST_PREFIX
    work_order_prefix: str = WORK_ORDER_PREFIX
    bin_prefix: str = BIN_PREFIX
    command_prefix: str = COMMAND_PREFIX
    commands: frozenset[str] = COMMANDS
    bin_pattern: str = BIN_PATTERN
    min_length: int = MIN_LENGTH


DEFAULT_CONFIG = ScanConfig()


# --------------------------------------------------------------------------- helpers


def gtin_check_digit(payload: str) -> int:
    """GS1 mod-10 check digit for the digits before the check digit: weights 3, 1, 3, …
    from the right."""
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(payload)))
    return (10 - total % 10) % 10


def split_burst(text: str) -> list[str]:
    """Split a burst holding several codes separated by CR/LF/Tab; blank parts are dropped."""
    return [part for part in _BURST_SPLIT.split(text) if part.strip(" ")]


def _valid_gtin(digits: str) -> bool:
    return (
        len(digits) in _GTIN_NAMES
        and digits.isascii()
        and digits.isdigit()
        and gtin_check_digit(digits[:-1]) == int(digits[-1])
    )


def undo_layout_damage(raw: str) -> str | None:
    """Repair digits typed through an AZERTY layout, if that yields a valid product code.

    ``"&é\\"'(-è_çà"``-style characters (French, Belgian/macOS French, and the Caps Lock upper
    case ``É È Ç À``) are mapped back to digits. Returns the repaired digits only when every
    character was a digit or a mapped one, at least one needed mapping, and the result is an
    EAN-8/UPC-A/EAN-13/GTIN-14 with a correct check digit; otherwise None.
    """
    text = raw.strip(_TERMINATORS)
    if not text or not any(c in AZERTY_DIGITS for c in text):
        return None
    out: list[str] = []
    for c in text:
        if c in AZERTY_DIGITS:
            out.append(AZERTY_DIGITS[c])
        elif c.isascii() and c.isdigit():
            out.append(c)
        else:
            return None
    digits = "".join(out)
    return digits if _valid_gtin(digits) else None


def _strip_symbology(text: str) -> tuple[str | None, GS1Symbology | None, str]:
    if not text.startswith("]") or len(text) < 3:
        return None, None, text
    from biip import ParseError
    from biip.symbology import SymbologyIdentifier

    try:
        sid = SymbologyIdentifier.extract(text)
    except (ParseError, ValueError, IndexError):
        m = _UNKNOWN_AIM.match(text)
        if m is None:
            return None, None, text
        return m.group(0), None, text[m.end() :]
    return sid.value, sid.gs1_symbology, text[len(sid.value) :]


def _remove_noise(text: str) -> str:
    text = _ALT_GS.sub(GS, text)
    text = _NOISE.sub("", text)
    return _CONTROL.sub("", text)


def _looks_like_bare_gs1_with_hash(text: str) -> bool:
    # "0109501101530003#10LOT1": a GS1 string whose FNC1 came through as '#'.
    return "#" in text and text[:2] in ("00", "01", "02") and text[:16].isdigit()


# --------------------------------------------------------------------------- classifiers


def _invalid(
    raw: str, code: str, message: str, *, symbology: str | None, carrier: str | None = None
) -> Scan:
    return Scan(ScanKind.INVALID, raw, code, symbology=symbology, carrier=carrier, message=message)


def _classify_gtin(raw: str, digits: str, symbology: str | None) -> Scan:
    """8/12/13/14 digits: verify the check digit; ``gtin`` is the GTIN-14 form."""
    n = len(digits)
    kind = {8: ScanKind.EAN8, 12: ScanKind.UPCA, 13: ScanKind.EAN13, 14: ScanKind.GTIN14}[n]
    name = _GTIN_NAMES[n]
    expected = gtin_check_digit(digits[:-1])
    got = int(digits[-1])
    if n == 8 and symbology in (None, "]E0") and digits[0] in "01":
        # UPC-E is 8 digits too; its check digit belongs to the expanded UPC-A.
        # ]E4 is EAN-8, ]E0 is EAN-13/UPC family, so prefer UPC-E there.
        from biip import ParseError
        from biip.upc import Upc

        try:
            upc = Upc.parse(digits)
        except (ParseError, ValueError):
            upc = None
        if upc is not None and (symbology == "]E0" or expected != got):
            return Scan(
                ScanKind.UPCA,
                raw,
                digits,
                gtin=upc.as_gtin_14(),
                symbology=symbology,
                message=f"UPC-E {digits} expanded to UPC-A {upc.as_upc_a()}",
            )
    if expected != got:
        return _invalid(
            raw,
            digits,
            f"{name} check digit is wrong: expected {expected}, got {got}",
            symbology=symbology,
        )
    message = ""
    if n == 13 and digits.startswith("0"):
        message = f"UPC-A {digits[1:]} in EAN-13 form"
    return Scan(kind, raw, digits, gtin=digits.zfill(14), symbology=symbology, message=message)


def _element_problem(es_list: GS1ElementStrings) -> str | None:
    for es in es_list:
        ai = es.ai.ai
        if es.gtin_error or es.sscc_error:
            what = "GTIN" if es.gtin_error else "SSCC"
            value = es.value
            if value.isdigit() and len(value) >= 2:
                expected = gtin_check_digit(value[:-1])
                return (
                    f"{what} check digit in AI ({ai}) is wrong: "
                    f"expected {expected}, got {value[-1]}"
                )
            return f"AI ({ai}): {es.gtin_error or es.sscc_error}"
        if es.gln_error:
            return f"AI ({ai}): {es.gln_error}"
    return None


def _classify_gs1(raw: str, payload: str, symbology: str | None) -> Scan:
    from biip import ParseError
    from biip.gs1_digital_link_uris import GS1DigitalLinkURI
    from biip.gs1_messages import GS1Message

    payload = payload.replace("#", GS).strip(GS)
    try:
        if payload.startswith("("):
            elements = GS1Message.parse_hri(payload).element_strings
        elif payload.lower().startswith("http"):
            elements = GS1DigitalLinkURI.parse(payload).element_strings
        else:
            elements = GS1Message.parse(payload).element_strings
    except (ParseError, ValueError, IndexError, KeyError) as exc:
        return _invalid(
            raw,
            payload.replace(GS, "<GS>"),
            f"GS1 data could not be read: {exc}",
            symbology=symbology,
        )
    ais = {es.ai.ai: es.value for es in elements}
    problem = _element_problem(elements)
    code = (
        ais.get("01") or ais.get("02") or ais.get("00") or "".join(es.as_hri() for es in elements)
    )
    if problem is not None:
        return Scan(ScanKind.INVALID, raw, code, ais=ais, symbology=symbology, message=problem)
    gtin = ais.get("01") or ais.get("02")
    return Scan(ScanKind.GS1, raw, code, gtin=gtin, ais=ais, symbology=symbology)


def _try_bare_gs1(raw: str, digits: str, symbology: str | None) -> Scan | None:
    """A GS1 element string scanned without AIM id or FNC1, e.g. ``01…17…``."""
    if len(digits) < 16 or digits[:2] not in ("00", "01", "02"):
        return None
    scan = _classify_gs1(raw, digits, symbology)
    return scan if scan.kind is ScanKind.GS1 else None


def _classify_document(raw: str, text: str, symbology: str | None, cfg: ScanConfig) -> Scan | None:
    upper = text.upper()
    cmd_prefix = cfg.command_prefix.upper()
    if upper.startswith(cmd_prefix):
        word = upper[len(cmd_prefix) :].strip()
        if word in cfg.commands:
            return Scan(ScanKind.COMMAND, raw, word, symbology=symbology)
        known = ", ".join(sorted(cfg.commands))
        return _invalid(
            raw, word, f"unknown command {word!r} (known: {known})", symbology=symbology
        )
    bin_prefix = cfg.bin_prefix.upper()
    if upper.startswith(bin_prefix):
        location = upper[len(bin_prefix) :].strip()
        if len(location) >= 1:
            return Scan(ScanKind.BIN, raw, location, symbology=symbology)
        return _invalid(raw, "", f"bin label {text!r} has no location", symbology=symbology)
    documents = (
        (cfg.order_prefix, ScanKind.ORDER),
        (cfg.rma_prefix, ScanKind.RMA),
        (cfg.picklist_prefix, ScanKind.PICKLIST),
        (cfg.work_order_prefix, ScanKind.WORK_ORDER),
    )
    for prefix, kind in documents:
        p = prefix.upper()
        rest = upper[len(p) :]
        if upper.startswith(p) and rest and rest.isascii() and rest.isdigit():
            return Scan(kind, raw, p + rest, symbology=symbology)
    if re.fullmatch(cfg.bin_pattern, upper):
        return Scan(ScanKind.BIN, raw, upper, symbology=symbology)
    return None


def _tracking_scan(raw: str, match: TrackingMatch, symbology: str | None) -> Scan:
    note = f"{match.format_name}"
    if match.service:
        note += f", {match.service}"
    if not match.has_checksum:
        note += " (format match only, no check digit)"
    return Scan(
        ScanKind.TRACKING,
        raw,
        match.tracking_number,
        symbology=symbology,
        carrier=match.carrier,
        message=note,
        tracking=match,
    )


def _acceptable_tracking(match: TrackingMatch | None) -> TrackingMatch | None:
    """Formats without a check digit are accepted only when distinctive: a fixed prefix of 3+
    characters (``1LSCX``, ``GFUS``, ``LTN``) or at least 8 digits, so SKUs such as
    ``THERMOSTAT2000X`` are not mistaken for DHL e-commerce numbers."""
    if match is None:
        return None
    if match.has_checksum:
        return match
    if len(match.literal_prefix) >= 3:
        return match
    digits = sum(c.isdigit() for c in match.tracking_number)
    return match if digits >= 8 else None


def classify(raw: str, config: ScanConfig = DEFAULT_CONFIG) -> Scan:
    """Classify one scan. Never raises; problems come back as INVALID/UNKNOWN with a message."""
    text = raw.strip(_TERMINATORS)
    symbology, gs1_symbology, text = _strip_symbology(text)
    text = _remove_noise(text).strip(_TERMINATORS)
    gs1_context = gs1_symbology is not None and gs1_symbology in _gs1_message_symbologies()
    if text.startswith(GS):  # FNC1 in first position sent as GS
        gs1_context = True
        text = text.lstrip(GS)

    if not text:
        return _invalid(
            raw, "", "empty scan: nothing but terminators or noise", symbology=symbology
        )

    if gs1_context or GS in text or _HRI_START.match(text) or _looks_like_bare_gs1_with_hash(text):
        return _classify_gs1(raw, text, symbology)

    if len(text) < config.min_length:
        return _invalid(
            raw,
            text,
            f"scan too short: {text!r} has {len(text)} character(s), "
            f"codes need at least {config.min_length}",
            symbology=symbology,
        )

    is_digits = bool(_DIGITS.fullmatch(text))
    if (gs1_symbology is not None and gs1_symbology in _gtin_symbologies()
            and is_digits and len(text) in _GTIN_NAMES):
        return _classify_gtin(raw, text, symbology)

    doc = _classify_document(raw, text, symbology, config)
    if doc is not None:
        return doc

    if is_digits:
        if len(text) in _GTIN_NAMES:
            scan = _classify_gtin(raw, text, symbology)
            if scan.kind is not ScanKind.INVALID:
                return scan
            # A wrong GTIN check digit may still be a check-digit-verified tracking number.
            match = match_tracking(text)
            if match is not None and match.has_checksum:
                return _tracking_scan(raw, match, symbology)
            return scan
        match = _acceptable_tracking(match_tracking(text))
        if match is not None:
            return _tracking_scan(raw, match, symbology)
        bare = _try_bare_gs1(raw, text, symbology)
        if bare is not None:
            return bare
        return Scan(ScanKind.SKU, raw, text, symbology=symbology)

    match = _acceptable_tracking(match_tracking(text))
    if match is not None:
        return _tracking_scan(raw, match, symbology)
    compact = normalise_tracking(text)
    if _STRICT_TRACKING.fullmatch(compact):
        return _invalid(
            raw,
            compact,
            "UPS tracking number check digit is wrong",
            symbology=symbology,
            carrier="UPS",
        )

    repaired = undo_layout_damage(text)
    if repaired is not None:
        fixed = classify(repaired, config)
        return replace(
            fixed,
            raw=raw,
            symbology=symbology,
            message=f"read as {repaired} (keyboard layout: AZERTY?)",
        )

    if _SKU.fullmatch(text):
        return Scan(ScanKind.SKU, raw, text, symbology=symbology)

    odd = sorted({c for c in text if not (c.isascii() and (c.isalnum() or c in "._/+-"))})
    shown = " ".join(repr(c) for c in odd[:8])
    return Scan(
        ScanKind.UNKNOWN,
        raw,
        text,
        symbology=symbology,
        message=f"unrecognised code {text!r}: contains characters not used in codes ({shown})",
    )


def classify_burst(text: str, config: ScanConfig = DEFAULT_CONFIG) -> list[Scan]:
    """Classify every code of a burst (see :func:`split_burst`)."""
    return [classify(part, config) for part in split_burst(text)]
