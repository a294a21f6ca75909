"""Pack and ship scans that survive a lost connection to the shared server.

``ship_by_scan`` / ``scan_item`` call the real fulfilment services with an idempotency key.
When the database cannot be reached (the server is down, the network dropped, the connection
was refused) the scan is appended to the workstation's local journal (``scan-journal.sqlite3``
in ``app.config.data_dir()``) and a ``Journalled`` result says so; nothing is lost and nothing
is raised at the station. ``replay`` applies the journalled scans in the order they were made
once the server is back. Each replayed scan claims its key inside the same transaction as the
work (``journal.claim`` in the fulfilment service), so a scan is never applied twice — not
even one that reached the server just before the connection broke. A scan that no longer fits
(the parcel was shipped by someone else meanwhile) is reported with the reason and not applied.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from app import config
from app.db.engine import Database
from app.domain.roles import Permission
from app.services import fulfilment
from app.services.context import Actor
from app.services.errors import ServiceError
from app.services.journal import JournalEntry, ScanJournal

SHIP, PACK = "ship", "pack"
JOURNAL_FILE = "scan-journal.sqlite3"


class NoLongerFits(ServiceError):
    """A journalled scan that the server state no longer allows (reported, not applied)."""


@dataclass(frozen=True)
class Journalled:
    """The server was unreachable: the scan is kept locally and replayed later."""
    key: str
    kind: str
    code: str
    reason: str

    @property
    def message(self) -> str:
        return (f"Server unreachable — scan {self.code} kept on this workstation; it is sent "
                "when the connection is back.")


@dataclass
class OfflineReport:
    applied: list[str] = field(default_factory=list)        # "ship SF123: Shipped …"
    not_applied: list[str] = field(default_factory=list)    # "ship SF123: Already shipped at …"
    duplicates: list[str] = field(default_factory=list)     # reached the server before
    stopped: str = ""                                       # the server went away again
    pending: int = 0

    def text(self) -> str:
        lines = [f"{len(self.applied)} offline scan(s) applied"]
        lines += [f"NOT APPLIED {m}" for m in self.not_applied]
        lines += [f"already on the server: {m}" for m in self.duplicates]
        if self.stopped:
            lines.append(f"stopped, {self.pending} still waiting: {self.stopped}")
        return "\n".join(lines)


def journal_path() -> Path:
    return config.data_dir() / JOURNAL_FILE


def is_unreachable(exc: BaseException) -> bool:
    """The server cannot be reached (as opposed to a refusal or a bug)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, OperationalError | InterfaceError):
        return "locked" not in str(exc).lower()  # SQLite busy: not a lost server
    return False


@contextmanager
def _journal(journal: ScanJournal | None) -> Iterator[ScanJournal]:
    if journal is not None:
        yield journal
        return
    own = ScanJournal(journal_path())
    try:
        yield own
    finally:
        own.close()


def ship_by_scan(db: Database, actor: Actor, code: str, *, journal: ScanJournal | None = None
                 ) -> fulfilment.ShipResult | Journalled:
    """Ship by scan; while the server is unreachable the scan goes to the local journal."""
    actor.require(Permission.SHIP)
    key = uuid.uuid4().hex
    try:
        return fulfilment.ship_by_scan(db, actor, code, scan_key=key)
    except Exception as exc:
        if not is_unreachable(exc):
            raise
        with _journal(journal) as j:
            j.append(SHIP, {"code": code}, actor.workstation, key=key)
        return Journalled(key, SHIP, code.strip(), str(exc).splitlines()[0])


def scan_item(db: Database, actor: Actor, session_id: int, code: str, *,
              journal: ScanJournal | None = None) -> fulfilment.PackView | Journalled:
    """Count an item at the pack station; journalled while the server is unreachable."""
    actor.require(Permission.SHIP)
    key = uuid.uuid4().hex
    try:
        return fulfilment.scan_item(db, actor, session_id, code, scan_key=key)
    except Exception as exc:
        if not is_unreachable(exc):
            raise
        with _journal(journal) as j:
            j.append(PACK, {"session_id": session_id, "code": code}, actor.workstation,
                     key=key)
        return Journalled(key, PACK, code.strip(), str(exc).splitlines()[0])


def _describe(entry: JournalEntry) -> str:
    when = f"{entry.scanned_at.astimezone():%Y-%m-%d %H:%M:%S}"
    return f"{entry.kind} {entry.payload.get('code', '')} (scanned {when})"


def replay(db: Database, actor: Actor, *, journal: ScanJournal | None = None) -> OfflineReport:
    """Apply the journalled scans in order. Stops (keeping the rest) if the server goes away
    again; a scan that no longer fits is reported and never applied."""
    actor.require(Permission.SHIP)
    messages: dict[int, str] = {}

    def apply(entry: JournalEntry) -> None:
        scanner = Actor(actor.user_id, actor.username, actor.role,
                        entry.station or actor.workstation)
        if entry.kind == SHIP:
            result = fulfilment.ship_by_scan(db, scanner, str(entry.payload["code"]),
                                             scan_key=entry.key)
            if result.already:  # someone else shipped it meanwhile: report, do not apply
                raise NoLongerFits(result.message)
            messages[entry.seq] = result.message
        elif entry.kind == PACK:
            view = fulfilment.scan_item(db, scanner, int(entry.payload["session_id"]),
                                        str(entry.payload["code"]), scan_key=entry.key)
            messages[entry.seq] = f"order {view.order_number}: {view.last_scan}"
        else:
            raise NoLongerFits(f"unknown kind of scan {entry.kind!r}")

    with _journal(journal) as j:
        done = j.replay(apply)
    report = OfflineReport(stopped=done.stopped, pending=done.pending)
    report.applied = [f"{_describe(e)}: {messages.get(e.seq, '')}" for e in done.applied]
    report.not_applied = [f"{_describe(e)}: {msg}" for e, msg in done.rejected]
    report.duplicates = [_describe(e) for e in done.duplicates]
    return report
