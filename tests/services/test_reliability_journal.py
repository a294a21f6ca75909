"""The offline scan journal: replayed in order, misfits reported, nothing applied twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app.db.engine import Database
from app.db.models import AuditEntry, ScanReceipt
from app.services import journal
from app.services.context import Actor, audit
from app.services.errors import ValidationFailed
from app.services.journal import JournalEntry, ScanJournal


@pytest.fixture
def book(tmp_path: Path) -> ScanJournal:
    j = ScanJournal(tmp_path / "offline" / "scans.sqlite3")
    yield j
    j.close()


def test_replay_in_order_and_report_what_no_longer_fits(book: ScanJournal) -> None:
    for n in ("SO-1", "SO-2", "SO-3", "SO-4"):
        book.append("ship", {"order": n, "tracking": f"T{n}"}, station="ship-1")
    seen: list[str] = []

    def apply(entry: JournalEntry) -> None:
        seen.append(entry.payload["order"])
        if entry.payload["order"] == "SO-2":
            raise ValidationFailed("Order SO-2 was already shipped by pack-2 at 10:04.")

    report = book.replay(apply)
    assert seen == ["SO-1", "SO-2", "SO-3", "SO-4"]
    assert [e.payload["order"] for e in report.applied] == ["SO-1", "SO-3", "SO-4"]
    assert [(e.payload["order"], m) for e, m in report.rejected] == [
        ("SO-2", "Order SO-2 was already shipped by pack-2 at 10:04.")]
    assert report.pending == 0 and report.stopped == ""
    assert book.replay(apply).applied == [] and seen == ["SO-1", "SO-2", "SO-3", "SO-4"]
    assert [e.state for e in book.entries()] == ["applied", "rejected", "applied", "applied"]


def test_connection_lost_mid_replay_keeps_the_rest_in_order(book: ScanJournal,
                                                            tmp_path: Path) -> None:
    for n in range(1, 6):
        book.append("pack", {"n": n})
    calls: list[int] = []

    def flaky(entry: JournalEntry) -> None:
        if entry.payload["n"] == 3 and 3 not in calls:
            calls.append(3)
            raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))
        calls.append(entry.payload["n"])

    first = book.replay(flaky)
    assert [e.payload["n"] for e in first.applied] == [1, 2]
    assert "server closed the connection" in first.stopped and first.pending == 3
    book.close()
    reopened = ScanJournal(tmp_path / "offline" / "scans.sqlite3")  # survives a restart
    second = reopened.replay(flaky)
    assert [e.payload["n"] for e in second.applied] == [3, 4, 5]
    assert calls == [1, 2, 3, 3, 4, 5]  # 3 was attempted, failed untouched, then applied once
    reopened.close()


def test_appending_the_same_key_twice_keeps_one(book: ScanJournal) -> None:
    a = book.append("ship", {"order": "SO-9"}, key="k-1")
    b = book.append("ship", {"order": "SO-9"}, key="k-1")
    assert a == b and len(book.entries()) == 1


def _server_apply(db: Database, actor: Actor) -> object:
    def apply(entry: JournalEntry) -> None:
        with db.writer() as s:
            journal.claim(s, entry.key, entry.station, entry.kind)
            audit(s, actor, "scan_ship", "order", entry.payload["order"])
    return apply


def test_never_applied_twice_even_if_the_journal_mark_was_lost(
        db: Database, admin: Actor, book: ScanJournal) -> None:
    """The server committed the scan, then the station crashed before marking it: the next
    replay finds the key on the server and records a duplicate instead of shipping again."""
    first = book.append("ship", {"order": "SO-1"}, station="ship-1")
    book.append("ship", {"order": "SO-2"}, station="ship-1")
    apply = _server_apply(db, admin)
    apply(first)  # reached the server; the local mark never happened
    report = book.replay(apply)
    assert [e.key for e in report.duplicates] == [first.key]
    assert [e.payload["order"] for e in report.applied] == ["SO-2"]
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "scan_ship")) == 2
        assert s.scalar(select(func.count()).select_from(ScanReceipt)) == 2
