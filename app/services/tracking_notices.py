"""Customer notices queued by production, tracking and the exception desk.

A minimal outbox of this area (table ``tracking_notices``): rows are queued inside the
caller's transaction and sent by whoever owns sending. Fulfilment's notices outbox takes
over at merge; then ``queue_notice`` forwards to it and this table can go.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Order, TrackingNotice
from app.services.context import Actor


def queue_notice(s: Session, actor: Actor, order: Order, kind: str, body: str) -> int:
    notice = TrackingNotice(order_id=order.id, kind=kind, body=body,
                            recipient=order.email or order.phone, created_by=actor.username)
    s.add(notice)
    s.flush()
    return notice.id


@dataclass(frozen=True)
class NoticeView:
    id: int
    order_id: int
    kind: str
    recipient: str
    body: str
    created_at: datetime
    sent_at: datetime | None


def notices_for_order(db: Database, order_id: int) -> list[NoticeView]:
    with db.reader() as s:
        return [NoticeView(n.id, n.order_id, n.kind, n.recipient, n.body, n.created_at, n.sent_at)
                for n in s.scalars(select(TrackingNotice).where(TrackingNotice.order_id == order_id)
                                   .order_by(TrackingNotice.id))]
