"""Hostile text stops at the service boundary with a clear message, never a driver error.

Two hooks, installed once when the services are imported:
- before every ORM flush, each text value written is checked: longer than its column
  allows, a NUL character, or a lone surrogate (undecodable input) → ValidationFailed naming
  the field. The writer transaction then rolls back: no partial record.
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


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty):
        state = sa_inspect(obj)
        mapper = state.mapper
        for prop in mapper.column_attrs:
            column = prop.columns[0]
            if not isinstance(column.type, String):
                continue
            value = state.dict.get(prop.key)
            if not isinstance(value, str):
                continue
            wrong = problem(value, column.type.length)
            if wrong:
                raise ValidationFailed(f"{_label(mapper.class_.__name__, column.name)} {wrong}.")


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
    if isinstance(parameters, tuple) and not executemany:
        # One statement's values (a multi-row INSERT has thousands): without recursion
        # unless one of them is itself a container.
        kinds = set(map(type, parameters))
        if not any(issubclass(k, dict | list | tuple) for k in kinds):
            return [v for v in parameters if isinstance(v, str)]
    return list(_strings(parameters))


def _before_execute(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                    executemany: bool) -> None:
    values = _flat_strings(parameters, executemany)
    if not values:
        return
    # One check over all the text at once (a bulk import sends thousands of values); the
    # values one by one only when something is wrong.
    joined = "".join(values)
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
