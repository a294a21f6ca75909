"""Customer notices: an outbox written in the same transaction as the change it reports,
and a sender that delivers each message at most once.

Queueing is idempotent (``dedupe_key`` is unique). The sender claims a message with a
conditional UPDATE (pending → sending); only the claimer sends it. A failure puts it back
to pending with back-off until ``MAX_ATTEMPTS``; a message left in 'sending' by a crash is
never sent again automatically — it becomes 'unknown' for a person to check.
"""

from __future__ import annotations

import json
import logging
import smtplib
import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from functools import cache
from typing import Protocol

from sqlalchemy import Executable, bindparam, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Notice, Order
from app.db.types import utcnow
from app.domain.roles import Permission
from app.services.context import Actor, audit
from app.services.errors import NotFound, ValidationFailed

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=1)
STUCK_AFTER = timedelta(minutes=10)

TEMPLATES: dict[tuple[str, str], tuple[str, str]] = {
    ("shipped", "en"): (
        "Your order {order} has shipped",
        "Hello {name}, your order {order} has shipped with {carrier}. "
        "Tracking number: {tracking}. {url}",
    ),
    ("shipped", "zh"): (
        "您的订单{order}已发货",
        "{name}您好，您的订单{order}已由{carrier}发出，快递单号：{tracking}。{url}",
    ),
    ("partly_shipped", "en"): (
        "Part of your order {order} has shipped",
        "Hello {name}, part of your order {order} has shipped with {carrier}. Tracking "
        "number: {tracking}. {url} The rest follows as soon as it is in stock.",
    ),
    ("partly_shipped", "zh"): (
        "您的订单{order}已部分发货",
        "{name}您好，您的订单{order}部分商品已由{carrier}发出，快递单号：{tracking}。{url}"
        "其余商品到货后尽快发出。",
    ),
    ("delayed", "en"): (
        "Your order {order} is delayed",
        "Hello {name}, we are sorry: your order {order} is delayed. {reason}",
    ),
    ("delayed", "zh"): (
        "您的订单{order}将延迟发货",
        "{name}您好，很抱歉，您的订单{order}将延迟。{reason}",
    ),
    ("delivered", "en"): (
        "Your order {order} was delivered",
        "Hello {name}, your order {order} was delivered. Thank you for shopping with us.",
    ),
    ("delivered", "zh"): (
        "您的订单{order}已签收",
        "{name}您好，您的订单{order}已签收，感谢您的惠顾。",
    ),
    ("return_approved", "en"): (
        "Your return {rma} for order {order} is approved",
        "Hello {name}, your return {rma} for order {order} is approved. Please put the "
        "return authorisation in the parcel{label}.",
    ),
    ("return_approved", "zh"): (
        "您的退货{rma}（订单{order}）已批准",
        "{name}您好，您的退货{rma}（订单{order}）已批准，请将退货授权单放入包裹{label}。",
    ),
    ("return_resolved", "en"): (
        "Your return {rma} is complete",
        "Hello {name}, we have received and checked your return {rma} for order {order}. "
        "{outcome}",
    ),
    ("return_resolved", "zh"): (
        "您的退货{rma}已处理完毕",
        "{name}您好，您的退货{rma}（订单{order}）已收到并检验完毕。{outcome}",
    ),
}

CHINESE_REGIONS = frozenset({"CN", "HK", "MO", "TW"})


def language_for(order: Order) -> str:
    return "zh" if order.ship_country.upper() in CHINESE_REGIONS else "en"


def render(kind: str, language: str, **values: str) -> tuple[str, str]:
    subject, body = TEMPLATES[(kind, language)]
    values = {k: v for k, v in values.items()}
    for key in ("name", "order", "carrier", "tracking", "url", "reason", "rma", "label",
                "outcome"):
        values.setdefault(key, "")
    return subject.format(**values), " ".join(body.format(**values).split())


@cache
def _queued_keys_statement() -> Executable:
    return select(Notice.dedupe_key).where(Notice.dedupe_key.in_(
        bindparam("keys", expanding=True)))


def queue_for_order(
    s: Session, order: Order, kind: str, key: str, **values: str
) -> list[Notice]:
    """Queue the notice by e-mail and/or SMS (whatever the order has), once per ``key``."""
    language = language_for(order)
    values.setdefault("name", order.ship_recipient or order.customer_name)
    values.setdefault("order", order.number)
    subject, body = render(kind, language, **values)
    made: list[Notice] = []
    wanted = [(channel, recipient, f"{kind}:{key}:{channel}")
              for channel, recipient in (("email", order.email), ("sms", order.phone))
              if recipient.strip()]
    if not wanted:
        return made
    # one query for both channels' keys: those already queued
    queued = set(s.scalars(_queued_keys_statement(),
                           {"keys": [dedupe for _c, _r, dedupe in wanted]}))
    for channel, recipient, dedupe in wanted:
        if dedupe in queued:
            continue
        n = Notice(dedupe_key=dedupe, order_id=order.id, kind=kind, channel=channel,
                   language=language, recipient=recipient.strip(), subject=subject, body=body,
                   status="pending", next_attempt_at=utcnow())
        s.add(n)
        made.append(n)
    return made


@dataclass(frozen=True)
class NoticeView:
    id: int
    order_id: int | None
    kind: str
    channel: str
    recipient: str
    subject: str
    body: str
    status: str
    attempts: int
    last_error: str
    created_at: datetime
    sent_at: datetime | None


def _view(n: Notice) -> NoticeView:
    return NoticeView(n.id, n.order_id, n.kind, n.channel, n.recipient, n.subject, n.body,
                      n.status, n.attempts, n.last_error, n.created_at, n.sent_at)


def list_notices(db: Database, status: str | None = None, limit: int = 200) -> list[NoticeView]:
    with db.reader() as s:
        q = select(Notice).order_by(Notice.id.desc()).limit(limit)
        if status:
            q = q.where(Notice.status == status)
        return [_view(n) for n in s.scalars(q)]


def notices_for_order(db: Database, order_id: int) -> list[NoticeView]:
    """Every message queued for the order, oldest first."""
    with db.reader() as s:
        return [_view(n) for n in s.scalars(select(Notice).where(Notice.order_id == order_id)
                                            .order_by(Notice.id))]


def retry(db: Database, actor: Actor, notice_id: int) -> None:
    """A person puts a failed or unknown message back in the queue."""
    actor.require(Permission.SHIP)
    with db.writer() as s:
        n = s.get(Notice, notice_id, with_for_update=True)
        if n is None:
            raise NotFound(f"Notice {notice_id} does not exist.")
        if n.status not in ("failed", "unknown"):
            raise ValidationFailed(f"Notice {notice_id} is {n.status}; only failed or unknown "
                                   "messages can be sent again.")
        n.status, n.attempts, n.next_attempt_at = "pending", 0, utcnow()
        audit(s, actor, "retry", "notice", n.id)


def backoff(attempts: int) -> timedelta:
    delay: timedelta = BACKOFF_BASE * (2 ** max(0, attempts - 1))
    return min(delay, BACKOFF_MAX)


class Transport(Protocol):
    def send(self, notice: NoticeView) -> None: ...


@dataclass
class SmtpTransport:
    host: str
    port: int = 25
    sender: str = "orders@localhost"
    starttls: bool = False
    username: str = ""
    password: str = ""
    timeout: float = 10.0

    def send(self, notice: NoticeView) -> None:
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = self.sender, notice.recipient, notice.subject
        msg["Message-ID"] = f"<orderdesk-notice-{notice.id}@orderdesk>"
        msg.set_content(notice.body)
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password)
            smtp.send_message(msg)


@dataclass
class HttpSmsTransport:
    """POSTs ``body_template`` (JSON with {phone} and {text} placeholders) to ``url``."""

    url: str
    body_template: str = '{{"to": "{phone}", "text": "{text}"}}'
    content_type: str = "application/json"
    timeout: float = 10.0

    def send(self, notice: NoticeView) -> None:
        def esc(v: str) -> str:
            return json.dumps(v, ensure_ascii=False)[1:-1]

        body = self.body_template.format(phone=esc(notice.recipient), text=esc(notice.body),
                                         id=notice.id)
        req = urllib.request.Request(self.url, data=body.encode("utf-8"), method="POST",
                                     headers={"Content-Type": self.content_type,
                                              "Idempotency-Key": f"notice-{notice.id}"})
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310
            if resp.status >= 300:
                raise OSError(f"SMS gateway answered {resp.status}")


@dataclass
class SendReport:
    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def _claim(db: Database, now: datetime, limit: int) -> list[NoticeView]:
    claimed: list[NoticeView] = []
    with db.writer() as s:
        s.execute(update(Notice).where(Notice.status == "sending",
                                       Notice.next_attempt_at < now - STUCK_AFTER)
                  .values(status="unknown",
                          last_error="the sender stopped while sending; check before resending"))
        ids = list(s.scalars(select(Notice.id).where(Notice.status == "pending",
                                                     Notice.next_attempt_at <= now)
                             .order_by(Notice.next_attempt_at, Notice.id).limit(limit)))
        for nid in ids:
            res = s.execute(update(Notice).where(Notice.id == nid, Notice.status == "pending")
                            .values(status="sending", attempts=Notice.attempts + 1,
                                    next_attempt_at=now))
            if res.rowcount == 1:  # type: ignore[attr-defined]
                n = s.get(Notice, nid, populate_existing=True)
                assert n is not None
                claimed.append(_view(n))
    return claimed


def send_due(
    db: Database, transports: dict[str, Transport], now: datetime | None = None,
    limit: int = 50,
) -> SendReport:
    """Send every message that is due once. Returns what happened to each."""
    now = now or utcnow()
    report = SendReport()
    for notice in _claim(db, now, limit):
        transport = transports.get(notice.channel)
        error = ""
        try:
            if transport is None:
                raise OSError(f"no {notice.channel} transport is set up")
            transport.send(notice)
        except Exception as exc:  # noqa: BLE001 - any failure of the far side
            error = f"{type(exc).__name__}: {exc}"
            logger.warning("notice %s failed: %s", notice.id, error)
        with db.writer() as s:
            n = s.get(Notice, notice.id, with_for_update=True)
            assert n is not None
            if not error:
                n.status, n.sent_at, n.last_error = "sent", utcnow(), ""
                report.sent.append(n.id)
            elif n.attempts >= MAX_ATTEMPTS:
                n.status, n.last_error = "failed", error
                report.failed.append(n.id)
            else:
                n.status, n.last_error = "pending", error
                n.next_attempt_at = now + backoff(n.attempts)
                report.retrying.append(n.id)
    return report


class NoticeSender:
    """Runs ``send_due`` in a background thread every ``interval`` seconds until stopped."""

    def __init__(self, db: Database, transports: dict[str, Transport], interval: float = 15.0,
                 on_report: Callable[[SendReport], None] | None = None) -> None:
        self.db, self.transports, self.interval = db, transports, interval
        self.on_report = on_report
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="notice-sender", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                report = send_due(self.db, self.transports)
                if self.on_report is not None:
                    self.on_report(report)
            except Exception:  # noqa: BLE001 - keep the sender alive; it is logged
                logger.exception("notice sender round failed")
            self._wake.wait(self.interval)
            self._wake.clear()
