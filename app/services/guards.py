"""Hostile text stops at the service boundary with a clear message, never a driver error.

Two hooks, installed once when the services are imported:
- before every ORM flush, each text value written (all of a new object's, the changed ones
  of a stored object) is checked: longer than its column allows, a NUL character, or a
  lone surrogate (undecodable input) → ValidationFailed naming the field. The writer
  transaction then rolls back: no partial record.
- before every statement, text parameters with a NUL character or broken encoding are
  refused the same way (PostgreSQL cannot even search for them).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Engine, String, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from app.services.errors import ValidationFailed

_installed = False


def problem(value: str, max_length: int | None) -> str | None:
    """What is wrong with ``value`` for a column of ``max_length`` characters (None = ok)."""
    if "\x00" in value:
        return "contains a NUL character (\\x00)"
    if not value.isascii():  # ASCII always encodes: only other text can hold a lone surrogate
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "contains characters that are not valid text (broken encoding)"
    if max_length is not None and len(value) > max_length:
        return f"is {len(value):,} characters long; at most {max_length:,} fit"
    return None


def _label(model: str, column: str) -> str:
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", model).lower()  # CustomerAddress → customer address
    return f"The {column.replace('_', ' ')} of the {words}"


# Per mapped class: (attribute key, max length, label) of each text column, worked out once
# (the flush hook runs for every object of every flush).
_TEXT_COLUMNS: dict[Any, tuple[tuple[str, int | None, str], ...]] = {}


def _text_columns(mapper: Any) -> tuple[tuple[str, int | None, str], ...]:
    cols = _TEXT_COLUMNS.get(mapper)
    if cols is None:
        cols = tuple(
            (prop.key, prop.columns[0].type.length,
             _label(mapper.class_.__name__, prop.columns[0].name))
            for prop in mapper.column_attrs if isinstance(prop.columns[0].type, String))
        _TEXT_COLUMNS[mapper] = cols
    return cols


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.new:
        _check(sa_inspect(obj), None)
    for obj in session.dirty:
        # a stored object writes only what was changed since it was loaded: those values
        state = sa_inspect(obj)
        _check(state, state.committed_state)


def _check(state: Any, changed: Any) -> None:
    values = state.dict
    for key, length, label in _text_columns(state.mapper):
        if changed is not None and key not in changed:
            continue
        value = values.get(key)
        if not isinstance(value, str):
            continue
        wrong = problem(value, length)
        if wrong:
            raise ValidationFailed(f"{label} {wrong}.")


def _strings(parameters: Any) -> Any:
    if isinstance(parameters, dict):
        yield from (v for v in parameters.values() if isinstance(v, str))
    elif isinstance(parameters, list | tuple):
        for p in parameters:
            if isinstance(p, str):
                yield p
            elif isinstance(p, dict | list | tuple):
                yield from _strings(p)


def _flat_strings(parameters: Any, executemany: bool) -> list[str]:
    """Text parameters of one statement; an executemany's rows (dicts or tuples, as the
    driver gets them) without recursion."""
    if executemany and isinstance(parameters, list | tuple) and parameters and all(
            isinstance(row, dict) for row in parameters):
        return [v for row in parameters for v in row.values() if isinstance(v, str)]
    if executemany and isinstance(parameters, list | tuple) and parameters and all(
            isinstance(row, list | tuple) for row in parameters):
        return [v for row in parameters for v in row if isinstance(v, str)]
    if isinstance(parameters, tuple | dict) and not executemany:
        # One statement's values (a multi-row INSERT has thousands): one pass, recursing
        # only if one of them is itself a container.
        values = []
        for v in (parameters.values() if isinstance(parameters, dict) else parameters):
            if isinstance(v, str):
                values.append(v)
            elif isinstance(v, dict | list | tuple):
                return list(_strings(parameters))
        return values
    return list(_strings(parameters))


def _before_execute(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                    executemany: bool) -> None:
    values = _flat_strings(parameters, executemany)
    if not values:
        return
    # One check over all the text at once (a bulk import sends thousands of values); the
    # values one by one only when something is wrong.
    joined = values[0] if len(values) == 1 else "".join(values)
    if problem(joined, None) is None:
        return
    for value in values:
        wrong = problem(value, None)
        if wrong:
            raise ValidationFailed(
                f"The text typed or read {wrong}, so it cannot be stored or searched for; "
                "remove it (it often comes from a broken file or a misconfigured scanner)."
            )


def install() -> None:
    global _installed
    if _installed:
        return
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Engine, "before_cursor_execute", _before_execute)
    _installed = True
