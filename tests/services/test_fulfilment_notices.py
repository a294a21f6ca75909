"""Customer notices: sent once by SMTP (aiosmtpd) and SMS (local HTTP), retried with
back-off on failure, never sent twice."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Notice
from app.db.types import utcnow
from app.services import fulfilment, notices
from app.services.context import Actor
from app.services.fulfilment import ParcelInput
from tests.services.fulfilment_helpers import confirmed_order, shop_with_carriers


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        self.messages.append(envelope.content)  # type: ignore[attr-defined]
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[_Mailbox, int]]:
    box = _Mailbox()
    with socket.socket() as probe:  # a free port (aiosmtpd cannot start on port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ctl = Controller(box, hostname="127.0.0.1", port=port)
    ctl.start()
    try:
        yield box, port
    finally:
        ctl.stop()


class _Gateway(BaseHTTPRequestHandler):
    received: list[dict[str, str]] = []
    fail_next = 0

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if type(self).fail_next > 0:
            type(self).fail_next -= 1
            self.send_response(503)
            self.end_headers()
            return
        type(self).received.append(json.loads(body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def gateway() -> Iterator[tuple[type[_Gateway], str]]:
    handler = type("Gw", (_Gateway,), {"received": [], "fail_next": 0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        yield handler, f"http://127.0.0.1:{server.server_address[1]}/sms"
    finally:
        server.shutdown()
        server.server_close()


def _ship_one(db: Database, admin: Actor) -> str:
    ids = shop_with_carriers(db, admin)
    o = confirmed_order(db, admin, ids["wang"], [("MUG-01", 1)])
    v = fulfilment.start_packing(db, admin, o.number)
    fulfilment.scan_item(db, admin, v.session_id, "MUG-01")
    sh = fulfilment.complete_packing(db, admin, v.session_id,
                                     [ParcelInput(tracking_number="SF5550001")])
    fulfilment.ship_by_scan(db, admin, sh.parcels[0].label_code)
    return o.number


def test_shipped_notice_by_mail_and_sms_once(db: Database, admin: Actor,
                                             smtp: tuple[_Mailbox, int],
                                             gateway: tuple[type[_Gateway], str]) -> None:
    """The shipped notice goes out by e-mail and SMS in Chinese with the tracking link;
    a second round sends nothing."""
    number = _ship_one(db, admin)
    box, port = smtp
    gw, url = gateway
    transports = {"email": notices.SmtpTransport("127.0.0.1", port),
                  "sms": notices.HttpSmsTransport(url)}
    report = notices.send_due(db, transports)
    assert len(report.sent) == 2 and not report.retrying
    assert len(box.messages) == 1
    mail = box.messages[0].decode("utf-8", "replace")
    assert "wang@example.cn" in mail
    assert len(gw.received) == 1 and "SF5550001" in gw.received[0]["text"]
    assert number in gw.received[0]["text"] and "yto.net.cn/?no=SF5550001" in gw.received[0]["text"]
    assert gw.received[0]["to"] == "+86 138 0013 8000"
    again = notices.send_due(db, transports, now=utcnow() + timedelta(days=1))
    assert again.sent == [] and len(box.messages) == 1 and len(gw.received) == 1


def test_failure_retries_with_backoff_then_fails(db: Database, admin: Actor,
                                                 gateway: tuple[type[_Gateway], str]) -> None:
    """A gateway error puts the SMS back with back-off; after MAX_ATTEMPTS it is failed and
    listed for a person; retry puts it back."""
    _ship_one(db, admin)
    gw, url = gateway
    gw.fail_next = 1
    transports: dict[str, notices.Transport] = {"sms": notices.HttpSmsTransport(url)}
    now = utcnow()
    first = notices.send_due(db, transports, now=now)
    # e-mail has no transport here: it fails too and backs off.
    assert len(first.retrying) == 2 and first.sent == []
    assert notices.send_due(db, transports, now=now + timedelta(seconds=5)).sent == []
    later = notices.send_due(db, transports, now=now + timedelta(seconds=31))
    assert len(later.sent) == 1 and len(gw.received) == 1  # the SMS, on its second attempt
    t = now + timedelta(seconds=31)
    for _ in range(notices.MAX_ATTEMPTS):
        t += notices.BACKOFF_MAX
        notices.send_due(db, transports, now=t)
    failed = notices.list_notices(db, "failed")
    assert [(n.channel, n.attempts) for n in failed] == [("email", notices.MAX_ATTEMPTS)]
    assert "no email transport" in failed[0].last_error
    notices.retry(db, admin, failed[0].id)
    assert notices.list_notices(db, "pending")[0].id == failed[0].id


def test_two_senders_never_send_twice(db: Database, admin: Actor,
                                      gateway: tuple[type[_Gateway], str]) -> None:
    """Two senders racing over the same outbox deliver each message exactly once."""
    ids = shop_with_carriers(db, admin)
    for i in range(6):
        o = confirmed_order(db, admin, ids["wang"], [("TEE-01", 1)])
        v = fulfilment.start_packing(db, admin, o.number)
        fulfilment.scan_item(db, admin, v.session_id, "TEE-01")
        fulfilment.complete_packing(db, admin, v.session_id,
                                    [ParcelInput(tracking_number=f"RACE{i:05d}")])
        fulfilment.ship_by_scan(db, admin, f"RACE{i:05d}")
    gw, url = gateway
    transports: dict[str, notices.Transport] = {"sms": notices.HttpSmsTransport(url)}
    barrier = threading.Barrier(2)

    def run() -> None:
        other = Database(db.url)
        barrier.wait()
        notices.send_due(other, transports)
        other.dispose()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    texts = [r["text"] for r in gw.received]
    assert len(texts) == 6 and len(set(texts)) == 6
    with db.reader() as s:
        assert sorted(s.scalars(select(Notice.status).where(Notice.channel == "sms"))) == [
            "sent"] * 6


def test_background_sender_delivers(db: Database, admin: Actor,
                                    gateway: tuple[type[_Gateway], str], qtbot: object) -> None:
    """The background sender thread picks the outbox up without being asked twice."""
    _ship_one(db, admin)
    gw, url = gateway
    sender = notices.NoticeSender(db, {"sms": notices.HttpSmsTransport(url)}, interval=0.05)
    sender.start()
    try:
        qtbot.waitUntil(lambda: len(gw.received) == 1, timeout=10_000)  # type: ignore[attr-defined]
    finally:
        sender.stop()
    assert len(gw.received) == 1


def test_templates_english_and_chinese() -> None:
    """Each notice kind has English and Chinese text."""
    for kind in ("shipped", "partly_shipped", "delayed", "delivered"):
        for lang in ("en", "zh"):
            subject, body = notices.render(kind, lang, name="N", order="SO-1", carrier="C",
                                           tracking="T1", url="http://x/T1", reason="R")
            assert "SO-1" in subject + body
    assert "已发货" in notices.render("shipped", "zh", order="SO-1")[0]
