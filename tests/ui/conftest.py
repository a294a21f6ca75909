"""UI test helpers: a database whose background work is drained before it is closed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication

from app.db.engine import Database
from app.ui.worker import wait_for_all


@pytest.fixture
def ui_db(db: Database) -> Iterator[Database]:
    yield db
    assert wait_for_all(20_000), "background database work did not finish"
    # The answers of that work are delivered now, to this test, not to the next one.
    QCoreApplication.processEvents()
