"""Which database failures mean "the database cannot be reached" (red banner) and which
are a statement's own error: an SQLite statement refused for its size or a lock is not a
lost connection."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from app.ui.connection import is_disconnect


def _sqlite_error(message: str) -> OperationalError:
    return OperationalError("SELECT 1", {}, sqlite3.OperationalError(message))


@pytest.mark.parametrize("message", ["unable to open database file", "disk I/O error",
                                     "attempt to write a readonly database"])
def test_sqlite_file_unreachable_is_a_disconnect(message: str) -> None:
    assert is_disconnect(_sqlite_error(message))


@pytest.mark.parametrize("message", ["too many SQL variables", "database is locked",
                                     "no such table: orders"])
def test_sqlite_statement_errors_are_not(message: str) -> None:
    assert not is_disconnect(_sqlite_error(message))


def test_server_errors_and_business_errors() -> None:
    assert is_disconnect(OperationalError("SELECT 1", {}, Exception("server closed")))
    assert not is_disconnect(IntegrityError("INSERT", {}, Exception("duplicate key")))
    assert not is_disconnect(ValueError("no"))
