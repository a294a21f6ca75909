"""Offline scans at the pack and ship stations: kept in the local journal while the server is
unreachable, replayed in order when it is back, never applied twice, and a scan that no
longer fits is reported. On both databases with an unreachable server address, and in a
scripted session that stops and starts a real (throwaway) PostgreSQL server."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db import migrate
from app.db.engine import Database
from app.db.models import AuditEntry, Parcel, ScanReceipt, StockMove
from app.domain.roles import Role
from app.services import fulfilment, offline, stock
from app.services.context import Actor
from app.services.fulfilment import ParcelInput
from app.services.journal import ScanJournal
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers

ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PACKER = Actor(None, "wu.packer", Role.WAREHOUSE, "ship-2")
OTHER = Actor(None, "li.other", Role.WAREHOUSE, "ship-1")


def _parcels(db: Database, admin: Actor, n: int, prefix: str = "OFF") -> list[str]:
    """n orders, each packed into one parcel with its own tracking number."""
    ids = shop_with_carriers(db, admin)
    codes = []
    for i in range(n):
        o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1)])
        view = fulfilment.start_packing(db, admin, o.number)
        fulfilment.scan_item(db, admin, view.session_id, "MUG-01")
        code = f"{prefix}{i + 1:06d}"
        fulfilment.complete_packing(db, admin, view.session_id, [ParcelInput(tracking_number=code)])
        codes.append(code)
    return codes


def _shipped_once(db: Database, codes: list[str]) -> None:
    with db.reader() as s:
        for code in codes:
            p = s.scalars(select(Parcel).where(Parcel.tracking_number == code)).one()
            assert p.status == "shipped", code
            sales = s.scalar(select(func.count()).select_from(StockMove).where(
                StockMove.kind == "sale", StockMove.reason.like(f"%/{p.parcel_no}"),
                StockMove.order_id == s.scalar(
                    select(fulfilment.Shipment.order_id)
                    .where(fulfilment.Shipment.id == p.shipment_id))))
            assert sales == 1, f"{code} moved stock {sales} times"
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "ship")) == len(codes)
    assert stock.verify(db) == []


def _unreachable() -> Database:
    with socket.socket() as sock:  # a port nobody listens on: connection refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return Database(f"postgresql+psycopg://postgres@127.0.0.1:{port}/gone")


def test_offline_scans_journal_and_replay(db: Database, admin: Actor, tmp_path: Path) -> None:
    codes = _parcels(db, admin, 3)
    journal = ScanJournal(tmp_path / "journal.sqlite3")
    down = _unreachable()
    try:
        results = [offline.ship_by_scan(down, PACKER, c, journal=journal)
                   for c in (codes[0], codes[1], codes[0], codes[2])]
    finally:
        down.dispose()
    assert all(isinstance(r, offline.Journalled) for r in results)
    assert "Server unreachable" in results[0].message  # type: ignore[union-attr]
    assert [e.payload["code"] for e in journal.pending()] == [codes[0], codes[1], codes[0],
                                                            codes[2]]
    # meanwhile another station (still online) ships the third parcel
    assert not fulfilment.ship_by_scan(db, OTHER, codes[2]).already
    report = offline.replay(db, PACKER, journal=journal)
    assert len(report.applied) == 2 and report.pending == 0 and not report.stopped
    assert [m.split(":")[0].split(" (")[0] for m in report.not_applied] == [
        f"ship {codes[0]}", f"ship {codes[2]}"]
    assert "Already shipped at" in report.not_applied[0]
    assert f"by {PACKER.username}" in report.not_applied[0]
    assert f"by {OTHER.username}" in report.not_applied[1]
    assert "NOT APPLIED" in report.text()
    _shipped_once(db, codes)
    # replaying again does nothing: every entry is settled
    again = offline.replay(db, PACKER, journal=journal)
    assert (again.applied, again.not_applied, again.pending) == ([], [], 0)
    _shipped_once(db, codes)
    journal.close()


def test_scan_that_reached_the_server_is_not_applied_twice(db: Database, admin: Actor,
                                                           tmp_path: Path) -> None:
    """The answer was lost on the way back: the scan committed on the server but the station
    journalled it. Replay recognises its key (claimed in the same transaction)."""
    codes = _parcels(db, admin, 2)
    journal = ScanJournal(tmp_path / "journal.sqlite3")
    fulfilment.ship_by_scan(db, PACKER, codes[0], scan_key="k-lost-ack")
    journal.append(offline.SHIP, {"code": codes[0]}, "ship-2", key="k-lost-ack")
    journal.append(offline.SHIP, {"code": codes[1]}, "ship-2", key="k-second")
    report = offline.replay(db, PACKER, journal=journal)
    assert len(report.duplicates) == 1 and codes[0] in report.duplicates[0]
    assert len(report.applied) == 1 and report.not_applied == []
    _shipped_once(db, codes)
    with db.reader() as s:
        assert set(s.scalars(select(ScanReceipt.key))) == {"k-lost-ack", "k-second"}
    journal.close()


def test_pack_scans_offline_replay_in_order(db: Database, admin: Actor, tmp_path: Path) -> None:
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 2)])
    view = fulfilment.start_packing(db, PACKER, o.number)
    journal = ScanJournal(tmp_path / "journal.sqlite3")
    down = _unreachable()
    try:
        for _ in range(3):  # the third is one too many
            r = offline.scan_item(down, PACKER, view.session_id, "MUG-01", journal=journal)
            assert isinstance(r, offline.Journalled)
    finally:
        down.dispose()
    report = offline.replay(db, PACKER, journal=journal)
    assert len(report.applied) == 2 and len(report.not_applied) == 1
    assert "TOO MANY" in report.not_applied[0]
    assert fulfilment.get_pack_view(db, view.session_id).complete
    journal.close()


def test_refusals_are_not_journalled(db: Database, admin: Actor, tmp_path: Path) -> None:
    """Only an unreachable server journals; a refusal on a live server is raised as usual."""
    _parcels(db, admin, 1)
    journal = ScanJournal(tmp_path / "journal.sqlite3")
    with pytest.raises(fulfilment.NotFound):
        offline.ship_by_scan(db, PACKER, "NOPE0001", journal=journal)
    assert journal.entries() == []
    journal.close()


# --- a real PostgreSQL server stopped and started during a scripted session --------------------

@dataclass
class Cluster:
    datadir: Path
    port: int
    bindir: Path

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        cmd = [str(self.bindir / "pg_ctl"), "-D", str(self.datadir), *args]
        subprocess.run(_as_postgres(cmd), check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self._ctl("-w", "-l", str(self.datadir / "server.log"), "-o",
                  f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1", "start")

    def stop(self) -> None:
        self._ctl("-w", "-m", "fast", "stop")


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd  # a developer's own account can run its own cluster
    return ["runuser", "-u", "postgres", "--", *cmd]


def _free_port(preferred: int = 55432) -> int:
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise RuntimeError("no free port")


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found or (os.geteuid() == 0 and shutil.which("runuser") is None):
        reason = "initdb (PostgreSQL server binaries) not available for a throwaway cluster"
        if ON_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    bindir = Path(found[-1]).parent
    datadir = Path(tempfile.mkdtemp(prefix="orderdesk-pg-"))
    if os.geteuid() == 0:
        shutil.chown(datadir, "postgres", "postgres")
    subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(datadir), "-U", "postgres",
                                 "--auth=trust", "-E", "UTF8", "--no-sync"]),
                   check=True, capture_output=True, timeout=120)
    c = Cluster(datadir, _free_port(), bindir)
    c.start()
    try:
        yield c
    finally:
        try:
            c.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(datadir, ignore_errors=True)


def test_scripted_session_with_server_stopped_and_started(cluster: Cluster,
                                                          tmp_path: Path) -> None:
    from app.services.context import system_actor

    admin = system_actor("setup")
    db = Database(cluster.url)
    migrate.upgrade(db.engine)
    codes = _parcels(db, admin, 4, prefix="LIVE")
    journal = ScanJournal(tmp_path / "journal.sqlite3")
    try:
        # 1. the server is up: the scan ships at once
        up = offline.ship_by_scan(db, PACKER, codes[0], journal=journal)
        assert isinstance(up, fulfilment.ShipResult) and not up.already
        # 2. the server goes away: scans are kept, in order (one scanned twice by mistake)
        cluster.stop()
        kept = [offline.ship_by_scan(db, PACKER, c, journal=journal)
                for c in (codes[1], codes[2], codes[1], codes[0])]
        assert all(isinstance(k, offline.Journalled) for k in kept), kept
        assert len(journal.pending()) == 4
        # 3. the server is back: replay in order
        cluster.start()
        report = offline.replay(db, PACKER, journal=journal)
        assert not report.stopped, report.stopped
        assert len(report.applied) == 2, report.text()
        assert len(report.not_applied) == 2  # codes[1] twice, codes[0] shipped before
        assert all("Already shipped at" in m for m in report.not_applied)
        assert report.pending == 0
        # 4. the station carries on online
        later = offline.ship_by_scan(db, PACKER, codes[3], journal=journal)
        assert isinstance(later, fulfilment.ShipResult) and not later.already
        _shipped_once(db, codes)
    finally:
        journal.close()
        db.dispose()
