"""Scan classification: product codes, GS1, desk documents, tracking, scanner noise, AZERTY."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.domain.scan import (
    AZERTY_DIGITS,
    GS,
    ORDER_PREFIX,
    ScanConfig,
    ScanKind,
    classify,
    classify_burst,
    split_burst,
    undo_layout_damage,
)
from app.domain.tracking import load_formats

BHIMA = Path("/work/shared/testdata/scanner/bhima_issue6436_keyboard_layout_table.csv")
# The table from bhima issue 6436 (one barcode typed under US+Caps, FR-AZERTY, FR+Caps).
# Embedded so the test does not depend on the shared folder; checked against it when present.
BHIMA_ROWS = [
    ("004HQ3NIDBVD", "004hq3nidbvd", "àà'HA\"NIDBVD", "004ha3nidbvd"),
    ("00AHRR8B8KUY", "00ahrr8b8kuy", "ààQHRR!B!KUY", "00qhrr8b8kuy"),
    ("00JL6RVTT36W", "00jl6rvtt36w", "ààJL§RVTT\"§Z", "00jl6rvtt36z"),
    ("00P6A949HF4P", "00p6a949hf4p", "ààP§Qç'çHF'P", "00p6q949hf4p"),
    ("00WMYP2Y8V3E", "00wmyp2y8v3e", "ààZ?YPéY!V\"E", "00z,yp2y8v3e"),
    ("0138U9Q6AABD", "0138u9q6aabd", "à&\"!UçA§QQBD", "0138u9a6qqbd"),
    ("0178N53Y98TL", "0178n53y98tl", "à&è!N(\"Yç!TL", "0178n53y98tl"),
    ("01F79FNRJAVB", "01f79fnrjavb", "à&FèçFNRJQVB", "01f79fnrjqvb"),
    ("01KK3H2ZY8OK", "01kk3h2zy8ok", "à&KK\"HéWY!OK", "01kk3h2wy8ok"),
    ("01NNGCXUHM2K", "01nngcxuhm2k", "à&NNGCXUH?éK", "01nngcxuh,2k"),
]


# --------------------------------------------------------------------------- product codes


@pytest.mark.parametrize(
    ("raw", "kind", "code", "gtin"),
    [
        ("4006381333931", ScanKind.EAN13, "4006381333931", "04006381333931"),
        ("036000291452", ScanKind.UPCA, "036000291452", "00036000291452"),
        ("0036000291452", ScanKind.EAN13, "0036000291452", "00036000291452"),
        ("96385074", ScanKind.EAN8, "96385074", "00000096385074"),
        ("10036000291459", ScanKind.GTIN14, "10036000291459", "10036000291459"),
        ("4006381333931\r\n", ScanKind.EAN13, "4006381333931", "04006381333931"),
        ("]E04006381333931", ScanKind.EAN13, "4006381333931", "04006381333931"),
        ("]E496385074", ScanKind.EAN8, "96385074", "00000096385074"),
        ("]I110036000291459", ScanKind.GTIN14, "10036000291459", "10036000291459"),
    ],
)
def test_product_codes(raw: str, kind: ScanKind, code: str, gtin: str) -> None:
    scan = classify(raw)
    assert (scan.kind, scan.code, scan.gtin) == (kind, code, gtin)
    assert scan.raw == raw
    assert scan.ok


def test_upc_a_in_ean13_form_is_reported_as_ean13_with_note() -> None:
    scan = classify("0036000291452")
    assert scan.kind is ScanKind.EAN13
    assert "UPC-A 036000291452" in scan.message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("4006381333939", "EAN-13 check digit is wrong: expected 1, got 9"),
        ("96385075", "EAN-8 check digit is wrong: expected 4, got 5"),
        ("]E04006381333932", "EAN-13 check digit is wrong: expected 1, got 2"),
        ("10036000291458", "GTIN-14 check digit is wrong: expected 9, got 8"),
    ],
)
def test_wrong_check_digit_is_invalid_with_expected_and_got(raw: str, message: str) -> None:
    scan = classify(raw)
    assert scan.kind is ScanKind.INVALID
    assert scan.message == message
    assert scan.gtin is None


def test_upc_e_expands_to_upc_a() -> None:
    scan = classify("]E004252614")
    assert scan.kind is ScanKind.UPCA
    assert scan.gtin == "00042100005264"
    assert scan.symbology == "]E0"


# --------------------------------------------------------------------------- GS1


GTIN = "09501101530003"


@pytest.mark.parametrize(
    "raw",
    [
        f"]C101{GTIN}10LOT1{GS}17261231{GS}21SER",
        f"]C101{GTIN}10LOT1Alt02917261231Alt002921SER",
        f"]C101{GTIN}10LOT1#17261231#21SER\r",
        f"{GS}01{GTIN}10LOT1{GS}17261231{GS}21SER",
        f"(01){GTIN}(10)LOT1(17)261231(21)SER",
        f"]e001{GTIN}10LOT1{GS}17261231{GS}21SER",
        f"01{GTIN}10LOT1#17261231#21SER",
    ],
)
def test_gs1_element_strings(raw: str) -> None:
    scan = classify(raw)
    assert scan.kind is ScanKind.GS1, scan.message
    assert scan.ais == {"01": GTIN, "10": "LOT1", "17": "261231", "21": "SER"}
    assert scan.gtin == GTIN
    assert scan.code == GTIN


def test_gs1_symbology_is_reported() -> None:
    assert classify(f"]C101{GTIN}").symbology == "]C1"
    assert classify(f"]e001{GTIN}").symbology == "]e0"
    assert classify(f"(01){GTIN}").symbology is None


def test_sscc_and_counts() -> None:
    sscc = classify("]C100106141411234567897")
    assert sscc.kind is ScanKind.GS1
    assert sscc.ais == {"00": "106141411234567897"}
    assert sscc.code == "106141411234567897"
    assert sscc.gtin is None
    pallet = classify(f"]C100106141411234567897" f"02{GTIN}3712")
    assert pallet.ais == {"00": "106141411234567897", "02": GTIN, "37": "12"}
    assert pallet.gtin == GTIN
    count = classify(f"]C101{GTIN}3024{GS}10A")
    assert count.ais["30"] == "24" and count.ais["10"] == "A"


def test_gs1_digital_link_qr() -> None:
    scan = classify(f"]Q3https://id.gs1.org/01/{GTIN}/10/LOT1")
    assert scan.kind is ScanKind.GS1
    assert scan.ais == {"01": GTIN, "10": "LOT1"}


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("]C1010950110153000417261231", "GTIN check digit in AI (01) is wrong: expected 3, got 4"),
        ("(01)09501101530004", "GTIN check digit in AI (01) is wrong: expected 3, got 4"),
        ("]C100106141411234567898", "SSCC check digit in AI (00) is wrong: expected 7, got 8"),
        (f"]C101{GTIN}17261399", "GS1 data could not be read"),
        ("]C1ZZZ", "GS1 data could not be read"),
    ],
)
def test_gs1_errors(raw: str, fragment: str) -> None:
    scan = classify(raw)
    assert scan.kind is ScanKind.INVALID
    assert fragment in scan.message


def test_hash_is_not_a_separator_outside_gs1_context() -> None:
    scan = classify("ABC#123")
    assert scan.kind is ScanKind.UNKNOWN
    assert "'#'" in scan.message
    assert GS not in scan.code


# --------------------------------------------------------------------------- documents


@pytest.mark.parametrize(
    ("raw", "kind", "code"),
    [
        ("SO-000123", ScanKind.ORDER, "SO-000123"),
        ("so-000123", ScanKind.ORDER, "SO-000123"),
        ("]C0SO-000123\r", ScanKind.ORDER, "SO-000123"),
        ("RMA-42", ScanKind.RMA, "RMA-42"),
        ("rma-42", ScanKind.RMA, "RMA-42"),
        ("PL-7", ScanKind.PICKLIST, "PL-7"),
        ("WO-000099", ScanKind.WORK_ORDER, "WO-000099"),
        ("wo-000099\t", ScanKind.WORK_ORDER, "WO-000099"),
        ("A-01-02", ScanKind.BIN, "A-01-02"),
        ("b2-10-3", ScanKind.BIN, "B2-10-3"),
        ("BIN:A-01-02", ScanKind.BIN, "A-01-02"),
        ("bin:overflow", ScanKind.BIN, "OVERFLOW"),
        ("CMD:COMPLETE", ScanKind.COMMAND, "COMPLETE"),
        ("cmd:undo", ScanKind.COMMAND, "UNDO"),
        ("CMD:NEXT-PARCEL", ScanKind.COMMAND, "NEXT-PARCEL"),
        ("CMD:REPRINT", ScanKind.COMMAND, "REPRINT"),
        ("CMD:CANCEL", ScanKind.COMMAND, "CANCEL"),
    ],
)
def test_documents_bins_commands(raw: str, kind: ScanKind, code: str) -> None:
    scan = classify(raw)
    assert (scan.kind, scan.code) == (kind, code)


def test_unknown_command_is_invalid() -> None:
    scan = classify("CMD:SELFDESTRUCT")
    assert scan.kind is ScanKind.INVALID
    assert "unknown command 'SELFDESTRUCT'" in scan.message
    assert "NEXT-PARCEL" in scan.message


def test_prefixes_are_configurable() -> None:
    cfg = ScanConfig(order_prefix="ORD/")
    assert classify("ord/55", cfg).kind is ScanKind.ORDER
    assert classify("ord/55", cfg).code == "ORD/55"
    assert classify("SO-55", cfg).kind is ScanKind.SKU
    assert ORDER_PREFIX == "SO-"


def test_document_prefix_with_non_digits_is_a_sku() -> None:
    assert classify("SO-ABC").kind is ScanKind.SKU


# --------------------------------------------------------------------------- tracking


def _tracking_valid_numbers() -> list[tuple[str, str]]:
    return [(f.id, n) for f in load_formats() for n in f.valid_test_numbers]


# dhl_ecommerce_14 is 14 bare digits with no check digit: on a desk that scans products, a
# 14-digit number with a wrong GS1 check digit is reported as a bad GTIN-14, not as DHL.
AMBIGUOUS = {"60120172242323", "60120174971147"}


@pytest.mark.parametrize(("format_id", "number"), _tracking_valid_numbers())
def test_classify_tracking_numbers(format_id: str, number: str) -> None:
    scan = classify(number)
    if number in AMBIGUOUS:
        assert scan.kind is ScanKind.INVALID and "GTIN-14" in scan.message
        return
    assert scan.kind is ScanKind.TRACKING, scan.message
    assert scan.carrier
    assert scan.tracking is not None and scan.tracking.valid
    assert scan.code == "".join(number.split()).upper()


def test_ups_tracking() -> None:
    scan = classify("1Z999AA10123456784\r")
    assert (scan.kind, scan.carrier, scan.code) == (ScanKind.TRACKING, "UPS", "1Z999AA10123456784")
    bad = classify("1Z999AA10123456785")
    assert bad.kind is ScanKind.INVALID and "check digit" in bad.message and bad.carrier == "UPS"


def test_sku_lookalike_is_not_tracking() -> None:
    # would match DHL e-commerce's "TH" + 10..39 alphanumerics, which has no check digit
    assert classify("THERMOSTAT2000X").kind is ScanKind.SKU


# --------------------------------------------------------------------------- SKU, noise, errors


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("ABC-123", "ABC-123"),
        ("widget.blue/xl", "widget.blue/xl"),
        ("123", "123"),
        ("ShiftAShiftB-1", "AB-1"),
        ("Shifter-01", "Shifter-01"),
        ("ControlX99", "X99"),
        ("]J0abc", "abc"),
    ],
)
def test_skus_and_noise(raw: str, code: str) -> None:
    scan = classify(raw)
    assert (scan.kind, scan.code) == (ScanKind.SKU, code)


@pytest.mark.parametrize(
    ("raw", "kind", "fragment"),
    [
        ("", ScanKind.INVALID, "empty"),
        ("\r\n", ScanKind.INVALID, "empty"),
        ("ShiftAlt", ScanKind.INVALID, "empty"),
        ("AB", ScanKind.INVALID, "too short"),
        ("]C0AB", ScanKind.INVALID, "too short"),
        ("héllo wörld", ScanKind.UNKNOWN, "unrecognised"),
    ],
)
def test_invalid_and_unknown_have_messages(raw: str, kind: ScanKind, fragment: str) -> None:
    scan = classify(raw)
    assert scan.kind is kind
    assert fragment in scan.message


def test_split_burst() -> None:
    assert split_burst("SO-000001\r\nA-01-02\t4006381333931\r") == [
        "SO-000001",
        "A-01-02",
        "4006381333931",
    ]
    assert split_burst("\r\n\t") == []
    assert split_burst(f"]C101{GTIN}10A{GS}21B\r") == [f"]C101{GTIN}10A{GS}21B"]
    kinds = [s.kind for s in classify_burst("SO-1\nCMD:UNDO\n4006381333931\n")]
    assert kinds == [ScanKind.ORDER, ScanKind.COMMAND, ScanKind.EAN13]


# --------------------------------------------------------------------------- keyboard layout


def test_bhima_table_matches_embedded_copy() -> None:
    if not BHIMA.exists():
        pytest.skip("shared test data not mounted")
    with BHIMA.open(encoding="utf-8", newline="") as fh:
        rows = [tuple(r.values()) for r in csv.DictReader(fh)]
    assert rows == BHIMA_ROWS


@pytest.mark.parametrize(("intended", "us_caps", "azerty", "azerty_caps"), BHIMA_ROWS)
def test_azerty_digit_map_agrees_with_bhima(
    intended: str, us_caps: str, azerty: str, azerty_caps: str
) -> None:
    for want, typed in zip(intended, azerty, strict=True):
        if want.isdigit():
            assert AZERTY_DIGITS[typed] == want
    # These are alphanumeric asset codes, not numeric product codes: leave them alone.
    assert undo_layout_damage(azerty) is None
    assert undo_layout_damage(azerty_caps) is None
    assert classify(azerty).kind not in (ScanKind.EAN13, ScanKind.UPCA, ScanKind.EAN8)


def _to_azerty(digits: str) -> str:
    """Type digits the way the bhima table shows an AZERTY layout does."""
    table = {}
    for intended, _, azerty, _ in BHIMA_ROWS:
        for want, typed in zip(intended, azerty, strict=True):
            if want.isdigit():
                table[want] = typed
    assert sorted(table) == list("0123456789")
    return "".join(table[d] for d in digits)


@pytest.mark.parametrize("code", ["4006381333931", "036000291452", "96385074", "10036000291459"])
def test_azerty_damaged_product_codes_are_repaired(code: str) -> None:
    damaged = _to_azerty(code)
    assert undo_layout_damage(damaged) == code
    scan = classify(damaged + "\r")
    assert scan.code == code
    assert scan.gtin == code.zfill(14)
    assert scan.message == f"read as {code} (keyboard layout: AZERTY?)"
    assert scan.raw == damaged + "\r"


def test_french_variant_and_caps_lock_accents() -> None:
    # French AZERTY has '-' for 6 and '_' for 8; Caps Lock gives É È Ç À.
    assert undo_layout_damage("'àà-\"_&\"\"\"ç\"&") == "4006381333931"
    assert undo_layout_damage("'ÀÀ-\"_&\"\"\"Ç\"&") == "4006381333931"


def test_layout_repair_requires_a_valid_check_digit() -> None:
    wrong = _to_azerty("4006381333932")
    assert undo_layout_damage(wrong) is None
    assert classify(wrong).kind is ScanKind.UNKNOWN
    assert undo_layout_damage("4006381333931") is None  # nothing to repair
