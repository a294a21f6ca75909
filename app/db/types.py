"""Column types shared by all models."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Numeric
from sqlalchemy.types import TypeDecorator, TypeEngine

_SCALE = Decimal(10_000)
_QUANTUM = Decimal("0.0001")


class Money(TypeDecorator[Decimal]):
    """Decimal money. PostgreSQL stores NUMERIC(18,4); SQLite has no exact decimal,
    so there it is stored as an integer count of 1/10000 units — SUM() stays exact."""

    impl = Numeric(18, 4)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(18, 4, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        value = Decimal(value)
        if dialect.name == "sqlite":
            return int((value * _SCALE).to_integral_value())
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return _from_units(value)
        return Decimal(value).quantize(_QUANTUM)

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        # SQLite: a plain function per column rather than the generic wrapper and the
        # dialect test on every value (reports read hundreds of thousands of amounts)
        if dialect.name == "sqlite":
            return _from_units_or_none
        return super().result_processor(dialect, coltype)


def _from_units(value: Any) -> Decimal:
    """Integer 1/10000 units → Decimal with four places (exact: a shift, no division)."""
    return Decimal(int(value)).scaleb(-4)


def _from_units_or_none(value: Any) -> Decimal | None:
    return None if value is None else Decimal(int(value)).scaleb(-4)


class UTCDateTime(TypeDecorator[datetime]):
    """Times are stored in UTC and always come back timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)
