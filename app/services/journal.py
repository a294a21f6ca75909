"""A workstation's offline journal of scans, replayed in order when the server is back.

When the shared server is unreachable, the pack and ship stations append each scan to a
small local SQLite file (``ScanJournal``) instead of losing it. ``replay(apply)`` then feeds
pending scans, oldest first, to ``apply`` (the real service call):

- ``apply`` returns          → the scan is marked applied;
- it raises ``AlreadyApplied`` → marked duplicate (it reached the server before; not again);
- it raises another ``ServiceError`` → marked rejected with the message (it no longer fits,
  e.g. the parcel was shipped by someone else) and reported; replay goes on;
- anything else (the connection dropped again) → replay stops; that scan and the rest stay
  pending, in order, for the next try.

Never twice: every scan carries an idempotency key. The server-side service calls
``claim(session, key, …)`` inside its own transaction; the key is stored in
``scan_receipts`` with the work, so a scan whose result committed but whose journal mark was
lost (a crash in between) is recognised on the next replay.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import ScanReceipt
from app.services.errors import ServiceError

PENDING, APPLIED, REJECTED, DUPLICATE = "pending", "applied", "rejected", "duplicate"


class AlreadyApplied(ServiceError):
    """This scan's key was applied on the server before."""


def claim(session: Session, key: str, station: str = "", kind: str = "") -> None:
    """Record ``key`` in the caller's transaction; AlreadyApplied if it is there already."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
    claimed = session.execute(
        dialect_insert(ScanReceipt).values(key=key, station=station, kind=kind)
        .on_conflict_do_nothing().returning(ScanReceipt.key)
    ).first()
    if claimed is None:
        raise AlreadyApplied(f"Scan {key} was already applied on the server.")




@dataclass(frozen=True)
class JournalEntry:
    seq: int
    key: str
    kind: str
    payload: dict[str, Any]
    station: str
    scanned_at: datetime
    state: str
    message: str


@dataclass
class ReplayReport:
    applied: list[JournalEntry] = field(default_factory=list)
    rejected: list[tuple[JournalEntry, str]] = field(default_factory=list)
    duplicates: list[JournalEntry] = field(default_factory=list)
    stopped: str = ""  # why replay stopped early ("" = it went through)
    pending: int = 0


class ScanJournal:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._conn = sqlite3.connect(str(path), isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")  # a journalled scan survives a power cut
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS scans (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
            "key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, payload TEXT NOT NULL, "
            "station TEXT NOT NULL, scanned_at TEXT NOT NULL, "
            "state TEXT NOT NULL DEFAULT 'pending', message TEXT NOT NULL DEFAULT '', "
            "done_at TEXT)"
        )

    def close(self) -> None:
        self._conn.close()

    def append(self, kind: str, payload: dict[str, Any], station: str = "",
               key: str | None = None) -> JournalEntry:
        """Keep a scan. Appending the same key again returns the first entry."""
        key = key or uuid.uuid4().hex
        self._conn.execute(
            "INSERT OR IGNORE INTO scans (key, kind, payload, station, scanned_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (key, kind, json.dumps(payload, ensure_ascii=False), station,
             datetime.now(UTC).isoformat()))
        return self._one("WHERE key = ?", key)

    def _rows(self, where: str, *args: object) -> list[JournalEntry]:
        rows = self._conn.execute(
            "SELECT seq, key, kind, payload, station, scanned_at, state, message FROM scans "
            f"{where} ORDER BY seq", args).fetchall()
        return [JournalEntry(r[0], r[1], r[2], json.loads(r[3]), r[4],
                             datetime.fromisoformat(r[5]), r[6], r[7]) for r in rows]

    def _one(self, where: str, *args: object) -> JournalEntry:
        return self._rows(where, *args)[0]

    def pending(self) -> list[JournalEntry]:
        return self._rows("WHERE state = ?", PENDING)

    def entries(self) -> list[JournalEntry]:
        return self._rows("")

    def _mark(self, entry: JournalEntry, state: str, message: str = "") -> None:
        self._conn.execute("UPDATE scans SET state = ?, message = ?, done_at = ? WHERE seq = ?",
                           (state, message, datetime.now(UTC).isoformat(), entry.seq))

    def replay(self, apply: Callable[[JournalEntry], object]) -> ReplayReport:
        report = ReplayReport()
        for entry in self.pending():
            try:
                apply(entry)
            except AlreadyApplied:
                self._mark(entry, DUPLICATE, "already applied on the server")
                report.duplicates.append(entry)
            except ServiceError as exc:
                self._mark(entry, REJECTED, str(exc))
                report.rejected.append((entry, str(exc)))
            except Exception as exc:  # noqa: BLE001 - e.g. the connection dropped again
                report.stopped = f"{type(exc).__name__}: {exc}"
                break
            else:
                self._mark(entry, APPLIED)
                report.applied.append(entry)
        report.pending = len(self.pending())
        return report
