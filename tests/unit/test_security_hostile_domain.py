"""Hostile input against pure rules: the money parser and export neutralising."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.money import MAX_AMOUNT, format_money, parse_money, round_money
from app.domain.safe_export import is_dangerous, neutralise, neutralise_row


@given(st.text(max_size=200))
def test_money_parser_accepts_or_refuses_clearly(text: str) -> None:
    try:
        value = parse_money(text)
    except ValueError as exc:
        assert "amount" in str(exc)
        return
    assert value.is_finite() and abs(value) < MAX_AMOUNT
    format_money(value)  # whatever it accepts can be rounded and shown
    assert round_money(value) == round_money(parse_money(format_money(value)))


@given(st.decimals(min_value=Decimal("-1e13"), max_value=Decimal("1e13"), places=2,
                   allow_nan=False, allow_infinity=False))
def test_money_round_trips_through_its_own_format(value: Decimal) -> None:
    assert parse_money(format_money(value)) == value


@pytest.mark.parametrize("text", ["1e999999", "-1E+20", "9" * 10_000, "NaN", "sNaN", "-Infinity",
                                  "", "¥", "1,2,3.4.5", "\x00", "１２３"])
def test_absurd_amounts_are_refused_or_read(text: str) -> None:
    try:
        assert abs(parse_money(text)) < MAX_AMOUNT
    except ValueError:
        pass


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example","click")',
                                  "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1",
                                  "\r=1", "  =1+1", "=1", "-", "+"])
def test_formula_strings_are_neutralised(text: str) -> None:
    assert is_dangerous(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["王伟", "Mary Smith", "-12.50", "+3", "1e5", 42,
                                   Decimal("-1.5"), None, "", "a=b", "mail@example.com"])
def test_ordinary_values_pass_unchanged(value: object) -> None:
    assert neutralise(value) == value


@given(st.lists(st.text(max_size=30), min_size=1, max_size=6))
def test_no_exported_csv_cell_can_start_a_formula(row: list[str]) -> None:
    out = io.StringIO()
    csv.writer(out).writerow(neutralise_row(row))
    back = next(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert len(back) == len(row)
    for original, cell in zip(row, back, strict=True):
        assert not is_dangerous(cell) or cell == original == ""  # never live
        assert cell in (original, "'" + original)


@settings(deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
                min_size=1, max_size=4))
def test_no_exported_xlsx_cell_is_a_formula(row: list[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")  # the importers' dependency
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(neutralise_row(row))
    assert all(cell.data_type != "f" for cell in sheet[1])
