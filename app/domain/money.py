"""Money is Decimal, rounded half-up to the currency's minor unit. Never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MINOR_UNITS = {"CNY": 2, "USD": 2, "EUR": 2, "GBP": 2, "HKD": 2, "JPY": 0, "KRW": 0}
ZERO = Decimal("0")
MAX_AMOUNT = Decimal(10) ** 14  # Money columns are NUMERIC(18, 4)


_QUANTA = {code: Decimal(1).scaleb(-units) for code, units in MINOR_UNITS.items()}
_DEFAULT_QUANTUM = Decimal("0.01")


def quantum(currency: str = "CNY") -> Decimal:
    return _QUANTA.get(currency, _DEFAULT_QUANTUM)


def round_money(value: Decimal, currency: str = "CNY") -> Decimal:
    # hot in pricing (hundreds of calls per order): the quantum is looked up, not built
    return value.quantize(_QUANTA.get(currency, _DEFAULT_QUANTUM), rounding=ROUND_HALF_UP)


def parse_money(text: str | int | Decimal) -> Decimal:
    """Read an amount as people type it: '1,234.50', '¥12', ' 3 '. Raises ValueError."""
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int):
        return Decimal(text)
    cleaned = text.strip()
    for symbol in ("¥", "￥", "$", "€", "£", "RMB", "CNY", "USD", ","):
        cleaned = cleaned.replace(symbol, "")
    cleaned = cleaned.strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text!r}") from None
    if not value.is_finite():
        raise ValueError(f"not an amount: {text!r}")
    if abs(value) >= MAX_AMOUNT:
        raise ValueError(f"amount too large: {text[:40]!r}")
    return value


def format_money(value: Decimal, currency: str = "CNY") -> str:
    return f"{round_money(value, currency):,.{MINOR_UNITS.get(currency, 2)}f}"
