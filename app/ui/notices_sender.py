"""The desk's background notice sender: a QTimer that runs ``notices.send_due`` off the
UI thread every little while, with the SMTP / SMS gateway settings from
``Settings.extra``. The main window starts it with ``start_notice_sender(db, parent)``.

Settings (``extra``): ``smtp_host`` (no host: e-mail is not sent, messages wait),
``smtp_port`` (25), ``smtp_sender``, ``smtp_starttls``, ``smtp_username``,
``smtp_password``, ``sms_gateway_url``, ``sms_body_template``, ``notice_interval_seconds``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.db.engine import Database
from app.services import notices
from app.ui.periodic import PeriodicJob

logger = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 30


def transports_from_settings(extra: Mapping[str, Any]) -> dict[str, notices.Transport]:
    """The transports the settings describe; a channel without settings has none, and
    its messages stay pending (the sender retries later) rather than failing."""
    found: dict[str, notices.Transport] = {}
    host = str(extra.get("smtp_host") or "").strip()
    if host:
        found["email"] = notices.SmtpTransport(
            host=host, port=int(extra.get("smtp_port") or 25),
            sender=str(extra.get("smtp_sender") or "orders@localhost"),
            starttls=bool(extra.get("smtp_starttls", False)),
            username=str(extra.get("smtp_username") or ""),
            password=str(extra.get("smtp_password") or ""))
    url = str(extra.get("sms_gateway_url") or "").strip()
    if url:
        template = str(extra.get("sms_body_template") or "")
        found["sms"] = (notices.HttpSmsTransport(url, template) if template
                        else notices.HttpSmsTransport(url))
    return found


class NoticeSenderTimer(PeriodicJob):
    """Every ``interval_ms`` (and on ``send_now``) one round of ``send_due`` on a pool
    thread; never two rounds at once. ``round_done`` carries the SendReport,
    ``round_failed`` the error text (the database was unreachable, …)."""

    round_done = Signal(object)
    round_failed = Signal(str)

    def __init__(self, db: Database, transports: Mapping[str, notices.Transport],
                 interval_ms: int = DEFAULT_INTERVAL_S * 1000,
                 parent: QObject | None = None) -> None:
        super().__init__(interval_ms, parent)
        self.db = db
        self.transports = dict(transports)

    send_now = PeriodicJob.run_now  # the name callers have used

    def work(self) -> Callable[[], notices.SendReport]:
        db, transports = self.db, self.transports
        return lambda: notices.send_due(db, transports)

    def handle_result(self, report: notices.SendReport) -> None:
        self.round_done.emit(report)

    def handle_error(self, exc: BaseException) -> None:
        logger.warning("notice round failed: %s", exc)
        self.round_failed.emit(str(exc))


def start_notice_sender(db: Database, parent: QObject | None = None,
                        extra: Mapping[str, Any] | None = None) -> NoticeSenderTimer:
    """Build the sender from the settings and start it; returns it (keep a reference;
    ``stop()`` it when the window closes)."""
    if extra is None:
        from app.config import Settings

        extra = Settings.load().extra
    interval = int(extra.get("notice_interval_seconds") or DEFAULT_INTERVAL_S)
    sender = NoticeSenderTimer(db, transports_from_settings(extra), interval * 1000, parent)
    sender.start()
    return sender
