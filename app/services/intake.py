"""Order intake: import records from any channel, idempotently, in chunks.

Channel + external order id identify an order. Importing the same file twice adds nothing
twice; an order that changed at its source is recorded as a pending change for a person
to accept; an order with problems is imported but parked as ``needs_attention`` with each
problem named per field; a row that could not be read is kept with its raw text.

Each chunk of orders is one transaction: a crash or a cancel leaves no half-imported order,
and running the import again finishes the job (what was committed is then "unchanged").
Writes are bulk Core inserts, and the records are streamed, so memory stays flat.
"""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, or_, select, true, update
from sqlalchemy.orm import Session

from app.channels.records import IntakeItem, IntakeOrder, UnreadableRow
from app.db.bulk import bulk_insert, converter
from app.db.engine import Database
from app.db.models import (
    ChannelColumnMapping,
    ChannelSkuMap,
    Customer,
    ImportBatch,
    ImportRow,
    IntakeChange,
    IntakeLine,
    IntakeProblem,
    IntakeSource,
    Order,
    OrderLine,
    OrderStatusChange,
    Product,
    ProductBarcode,
    Warehouse,
)
from app.db.types import utcnow
from app.domain.money import ZERO, round_money
from app.domain.order_status import OrderStatus, check_move
from app.domain.order_totals import LineAmounts, line_total
from app.domain.roles import Permission, Role
from app.domain.validation import (
    DuplicateIndex,
    DuplicateKey,
    LineFacts,
    OrderFacts,
    Problem,
    customer_key,
    items_key,
    validate,
)
from app.services import stock
from app.services.context import Actor, audit
from app.services.errors import NotFound, ValidationFailed
from app.services.numbering import reserve_block

logger = logging.getLogger(__name__)

CHUNK_ORDERS = 2_000
# Contact keys (e-mail, phone → customer) remembered from chunk to chunk; more are
# forgotten, so a file of millions of orders does not grow memory.
CUSTOMER_KEYS_KEPT = 100_000
DUPLICATE_WINDOW = timedelta(hours=48)
DEFAULT_CURRENCY = "CNY"
# Orders whose address and contact may still be corrected from the source.
_NOT_YET_SHIPPED = {OrderStatus.DRAFT, OrderStatus.NEEDS_ATTENTION, OrderStatus.CONFIRMED,
                    OrderStatus.BACKORDERED, OrderStatus.ON_HOLD, OrderStatus.PICKING,
                    OrderStatus.IN_PRODUCTION, OrderStatus.PACKED}


@dataclass
class OrderOutcome:
    external_ref: str
    outcome: str  # imported, needs_attention, changed, unchanged
    reasons: list[str] = field(default_factory=list)
    order_id: int | None = None
    line: int = 0


@dataclass
class ImportSummary:
    batch_id: int | None
    channel: str
    file_name: str
    dry_run: bool = False
    cancelled: bool = False
    rows: int = 0
    imported: int = 0
    unchanged: int = 0
    changed: int = 0
    needs_attention: int = 0
    unreadable: int = 0
    customers_created: int = 0
    orders: list[OrderOutcome] = field(default_factory=list)  # all but plain imports
    unreadable_rows: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        head = (f"{self.file_name} ({self.channel}): {self.imported} imported, "
                f"{self.unchanged} unchanged, {self.changed} changed, "
                f"{self.needs_attention} need attention, {self.unreadable} unreadable"
                + (" — DRY RUN, nothing written" if self.dry_run else "")
                + (" — CANCELLED, run again to finish" if self.cancelled else ""))
        lines = [head]
        for o in self.orders:
            if o.outcome != "unchanged":
                lines.append(f"  {o.external_ref}: {o.outcome}"
                             + (f" — {'; '.join(o.reasons)}" if o.reasons else ""))
        for r in self.unreadable_rows:
            lines.append(f"  line {r['line_no']}: unreadable — {r['reason']}")
        return "\n".join(lines)


# Called after each chunk with the number of rows done; return False to cancel.
Progress = Callable[[int], bool]


# ---- import ---------------------------------------------------------------------------

def import_items(
    db: Database, actor: Actor, items: Iterable[IntakeItem], *, channel: str, fmt: str,
    file_name: str, file_sha256: str = "", encoding: str = "", dry_run: bool = False,
    progress: Progress | None = None, chunk_orders: int = CHUNK_ORDERS,
    keep_outcomes: bool = True,
) -> ImportSummary:
    """Import intake records. One transaction per chunk of orders."""
    actor.require(Permission.IMPORT_ORDERS)
    summary = ImportSummary(None, channel, file_name, dry_run=dry_run)
    if not dry_run:
        with db.writer() as s:
            s.execute(update(ImportBatch)
                      .where(ImportBatch.channel == channel, ImportBatch.file_name == file_name,
                             ImportBatch.status == "running")
                      .values(status="interrupted"))
            batch = ImportBatch(channel=channel, format=fmt, file_name=file_name,
                                file_sha256=file_sha256, encoding=encoding,
                                username=actor.username)
            s.add(batch)
            s.flush()
            summary.batch_id = int(batch.id)
    state = _RunState(channel=channel, actor=actor, file_sha256=file_sha256,
                      keep_outcomes=keep_outcomes)
    chunks = _chunks(items, chunk_orders)
    while True:
        with _collector_paused():
            chunk = next(chunks, None)
            if chunk is None:
                break
            if dry_run:
                with db.reader() as s:
                    _process_chunk(s, state, summary, chunk, write=False)
            else:
                with db.writer() as s:
                    _process_chunk(s, state, summary, chunk, write=True)
        if progress is not None and not progress(summary.rows):
            summary.cancelled = True
            break
    if not dry_run:
        with db.writer() as s:
            s.execute(update(ImportBatch).where(ImportBatch.id == summary.batch_id).values(
                status="cancelled" if summary.cancelled else "done", finished_at=utcnow()))
            if not summary.cancelled and file_name:
                # Rows that failed in an earlier run of this file and read well now.
                bad_lines = {r["line_no"] for r in summary.unreadable_rows}
                s.execute(
                    update(ImportRow)
                    .where(ImportRow.channel == channel, ImportRow.file_name == file_name,
                           ImportRow.status == "open", ImportRow.file_sha256 != file_sha256)
                    .where(ImportRow.line_no.not_in(bad_lines) if bad_lines else true())
                    .values(status="retried"))
            audit(s, actor, "import", "import_batch", summary.batch_id, channel=channel,
                  file=file_name, imported=summary.imported, unchanged=summary.unchanged,
                  changed=summary.changed, needs_attention=summary.needs_attention,
                  unreadable=summary.unreadable, cancelled=summary.cancelled,
                  customers_created=summary.customers_created)
    return summary


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while one chunk is read and written: the chunk makes
    hundreds of thousands of short-lived objects (freed by reference counting) and the
    collector's passes over them were an eighth of an import's time. It is back on between
    chunks, so whatever cycles a chunk leaves are collected and memory stays flat."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _chunks(items: Iterable[IntakeItem], size: int) -> Iterator[list[IntakeItem]]:
    chunk: list[IntakeItem] = []
    orders = 0
    for item in items:
        chunk.append(item)
        if isinstance(item, IntakeOrder):
            orders += 1
            if orders >= size:
                yield chunk
                chunk, orders = [], 0
    if chunk:
        yield chunk


@dataclass
class _Product:
    id: int
    sku: str
    name: str
    pack_qty: int


@dataclass
class _RunState:
    channel: str
    actor: Actor
    file_sha256: str
    keep_outcomes: bool
    skus: dict[str, _Product | None] = field(default_factory=dict)
    customers: dict[str, int] = field(default_factory=dict)  # "e:mail" / "p:phone" → id
    warehouse_id: int | None = None
    warehouse_looked_up: bool = False


def _resolve_skus(s: Session, state: _RunState, codes: set[str]) -> None:
    todo = {c for c in codes if c and c not in state.skus}
    if not todo:
        return
    found: dict[str, _Product] = {}
    todo_list = list(todo)
    for i in range(0, len(todo_list), 500):
        part = todo_list[i:i + 500]
        for ext, pid, sku, name in s.execute(
            select(ChannelSkuMap.external_sku, Product.id, Product.sku, Product.name)
            .join(Product, Product.id == ChannelSkuMap.product_id)
            .where(ChannelSkuMap.channel == state.channel, ChannelSkuMap.external_sku.in_(part))
        ):
            found[ext] = _Product(pid, sku, name, 1)
        rest = [c for c in part if c not in found]
        if rest:
            for pid, sku, name in s.execute(
                select(Product.id, Product.sku, Product.name).where(Product.sku.in_(rest))
            ):
                found[sku] = _Product(pid, sku, name, 1)
        rest = [c for c in part if c not in found]
        if rest:
            for code, pid, sku, name, pack in s.execute(
                select(ProductBarcode.code, Product.id, Product.sku, Product.name,
                       ProductBarcode.pack_qty)
                .join(Product, Product.id == ProductBarcode.product_id)
                .where(ProductBarcode.code.in_(rest))
            ):
                found[code] = _Product(pid, sku, name, pack)
    for c in todo:
        state.skus[c] = found.get(c)


def _facts(o: IntakeOrder, known: Callable[[str], bool]) -> OrderFacts:
    return OrderFacts(
        customer_name=o.customer_name, phone=o.phone or o.ship.phone, email=o.email,
        country=o.ship.country, province=o.ship.province, city=o.ship.city,
        district=o.ship.district, street=o.ship.street, postcode=o.ship.postcode,
        lines=[LineFacts(li.sku, known(li.sku), li.quantity, li.unit_price, li.discount,
                         li.raw_quantity) for li in o.lines],
        currency=o.currency or DEFAULT_CURRENCY, shipping=o.shipping, discount=o.discount,
        tax=o.tax, total=o.total, field_errors=tuple(o.field_errors),
    )


def _dup_key(o: IntakeOrder, ref: str) -> DuplicateKey | None:
    if o.placed_at is None:
        return None
    return DuplicateKey(ref, o.channel, customer_key(o.phone or o.ship.phone, o.email,
                                                     o.customer_name),
                        items_key((li.sku, li.quantity or 0) for li in o.lines), o.placed_at)


def _existing_duplicates(s: Session, channel: str, orders: list[IntakeOrder]
                         ) -> list[DuplicateKey]:
    """Orders from other channels with the same customer key, close in time (the indexed
    key column: only that customer's orders are read, however common the name)."""
    wanted = sorted({customer_key(o.phone or o.ship.phone, o.email, o.customer_name)
                     for o in orders})
    times = [o.placed_at for o in orders if o.placed_at is not None]
    if not times or not wanted:
        return []
    lo, hi = min(times) - DUPLICATE_WINDOW, max(times) + DUPLICATE_WINDOW
    when = func.coalesce(IntakeSource.placed_at, Order.created_at)
    found: list[tuple[int, str, str]] = []
    for i in range(0, len(wanted), 1000):
        found.extend((oid, ch, key) for oid, ch, key in s.execute(
            select(Order.id, Order.channel, Order.customer_key)
            .outerjoin(IntakeSource, IntakeSource.order_id == Order.id)
            .where(Order.customer_key.in_(wanted[i:i + 1000]), Order.channel != channel,
                   Order.status != "cancelled", when >= lo, when <= hi)))
    if not found:
        return []
    ids = [r[0] for r in found]
    items: dict[int, list[tuple[str, int]]] = {}
    placed: dict[int, datetime] = {}
    for i in range(0, len(ids), 1000):
        part = ids[i:i + 1000]
        placed.update((oid, at) for oid, at in s.execute(
            select(Order.id, when).outerjoin(IntakeSource, IntakeSource.order_id == Order.id)
            .where(Order.id.in_(part))))
        for oid, sku, qty in s.execute(select(OrderLine.order_id, OrderLine.sku,
                                              OrderLine.quantity)
                                       .where(OrderLine.order_id.in_(part))):
            items.setdefault(oid, []).append((sku, qty))
        for oid, sku, held_qty in s.execute(select(IntakeLine.order_id, IntakeLine.sku,
                                                   IntakeLine.quantity)
                                            .where(IntakeLine.order_id.in_(part))):
            items.setdefault(oid, []).append((sku, held_qty or 0))
    return [DuplicateKey(f"#{oid}", ch, key, items_key(items.get(oid, [])), placed[oid])
            for oid, ch, key in found]


def _process_chunk(s: Session, state: _RunState, summary: ImportSummary,
                   chunk: list[IntakeItem], write: bool) -> None:
    channel = state.channel
    orders: list[IntakeOrder] = []
    by_ref: dict[str, IntakeOrder] = {}
    bad_rows: list[UnreadableRow] = []
    for item in chunk:
        if isinstance(item, UnreadableRow):
            bad_rows.append(item)
            continue
        item.channel = channel
        earlier = by_ref.get(item.external_ref)
        if earlier is not None:  # the same order's rows, split apart in the file
            earlier.lines.extend(item.lines)
            continue
        by_ref[item.external_ref] = item
        orders.append(item)
    summary.rows += sum(len(o.lines) for o in orders) + len(bad_rows)

    # Orders already known on this channel, and changes already waiting for them.
    existing: dict[str, tuple[int, str, str | None]] = {}
    refs = list(by_ref)
    for i in range(0, len(refs), 1000):
        for oid, ref, status, content_hash in s.execute(
            select(Order.id, Order.external_ref, Order.status, IntakeSource.content_hash)
            .outerjoin(IntakeSource, IntakeSource.order_id == Order.id)
            .where(Order.channel == channel, Order.external_ref.in_(refs[i:i + 1000]))
        ):
            existing[str(ref)] = (oid, status, content_hash)
    pending: set[tuple[int, str]] = set()
    if existing:
        ids = [v[0] for v in existing.values()]
        for i in range(0, len(ids), 1000):
            pending.update((oid, h) for oid, h in s.execute(
                select(IntakeChange.order_id, IntakeChange.content_hash)
                .where(IntakeChange.order_id.in_(ids[i:i + 1000]),
                       IntakeChange.status == "pending")))

    new_orders = [o for o in orders if o.external_ref not in existing]
    _resolve_skus(s, state, {li.sku for o in new_orders for li in o.lines})

    def known(code: str) -> bool:
        return state.skus.get(code) is not None

    dup_index = DuplicateIndex(_existing_duplicates(s, channel, new_orders) if new_orders else [])
    plans: list[tuple[IntakeOrder, list[Problem], str]] = []
    changes: list[dict[str, Any]] = []
    now = utcnow()
    for o in orders:
        content_hash = o.content_hash()
        if o.external_ref in existing:
            oid, _status, old_hash = existing[o.external_ref]
            if old_hash == content_hash or (oid, content_hash) in pending:
                summary.unchanged += 1
                if state.keep_outcomes:
                    summary.orders.append(OrderOutcome(o.external_ref, "unchanged", [], oid,
                                                       o.first_line))
                continue
            summary.changed += 1
            what = _change_summary(s, oid, o)
            changes.append({"order_id": oid, "batch_id": summary.batch_id,
                            "content_hash": content_hash, "payload": _payload(o),
                            "summary": what, "status": "pending", "detected_at": now})
            summary.orders.append(OrderOutcome(o.external_ref, "changed", [what], oid,
                                               o.first_line))
            continue
        if o.cancelled:
            problems: list[Problem] = []
        else:
            problems = validate(_facts(o, known))
            key = _dup_key(o, o.external_ref)
            if key is not None:
                dups = dup_index.find(key, DUPLICATE_WINDOW)
                if dups:
                    refs_text = ", ".join(d.ref for d in dups[:3])
                    problems.append(Problem("order", "possible_duplicate",
                                            f"Possibly the same purchase as {refs_text} "
                                            "from another channel."))
                dup_index.add(key)
        status = ("cancelled" if o.cancelled else
                  "needs_attention" if problems else "draft")
        plans.append((o, problems, status))
        if problems:
            summary.needs_attention += 1
            summary.orders.append(OrderOutcome(o.external_ref, "needs_attention",
                                               [p.message for p in problems], None,
                                               o.first_line))
        else:
            summary.imported += 1
            if state.keep_outcomes and o.cancelled:
                summary.orders.append(OrderOutcome(o.external_ref, "imported",
                                                   ["cancelled at the source"], None,
                                                   o.first_line))
    summary.unreadable += len(bad_rows)
    for r in bad_rows:
        summary.unreadable_rows.append({"line_no": r.line_no, "reason": r.reason,
                                        "raw": r.raw[:500], "file": r.source_file})
    if not write:
        return
    _write_chunk(s, state, summary, plans, changes, bad_rows, now)


def _write_chunk(s: Session, state: _RunState, summary: ImportSummary,
                 plans: list[tuple[IntakeOrder, list[Problem], str]],
                 changes: list[dict[str, Any]], bad_rows: list[UnreadableRow],
                 now: datetime) -> None:
    conn = s.connection()
    actor = state.actor
    if plans:
        if not state.warehouse_looked_up:
            wid: int | None = s.scalar(select(Warehouse.id).order_by(Warehouse.id).limit(1))
            state.warehouse_id = wid
            state.warehouse_looked_up = True
        cv = _Converters.of(conn)
        at = cv.when(now)
        customer_ids = _link_customers(s, state, summary, [o for o, _p, _s in plans], now)
        prefix, width, first = reserve_block(s, "order", len(plans))
        numbers = [f"{prefix}{first + n:0{width}d}" for n in range(len(plans))]
        rows = [_order_row(o, status, number, customer_ids.get(o.external_ref),
                           actor.username, state.warehouse_id, at, cv.money)
                for number, (o, _problems, status) in zip(numbers, plans, strict=True)]
        # A plain executemany (RETURNING with a guaranteed order would make SQLAlchemy send
        # one INSERT per row), then one query for the new ids by their unique numbers.
        bulk_insert(conn, _t(Order), _ORDER_COLUMNS, rows)
        id_by_number: dict[str, int] = {}
        for i in range(0, len(numbers), 900):
            id_by_number.update((num, oid) for num, oid in conn.execute(
                select(Order.number, Order.id).where(Order.number.in_(numbers[i:i + 900]))))
        ids = [id_by_number[num] for num in numbers]
        lines: list[tuple[Any, ...]] = []
        held: list[tuple[Any, ...]] = []
        problems_rows: list[tuple[Any, ...]] = []
        sources: list[tuple[Any, ...]] = []
        history: list[tuple[Any, ...]] = []
        money, batch_id, how = cv.money, summary.batch_id, f"imported from {state.channel}"
        for oid, (o, problems, status) in zip(ids, plans, strict=True):
            sources.append((oid, batch_id, o.content_hash(), cv.when(o.placed_at), at,
                            money(o.tax), money(o.total), o.financial_status[:32],
                            o.fulfillment_status[:32], o.source_file[:255], o.first_line))
            history.append((oid, at, actor.username, actor.workstation, "", status, how))
            if status == "needs_attention":
                for p in problems:
                    problems_rows.append((oid, p.field, p.code, p.message, at))
                for n, li in enumerate(o.lines, start=1):
                    prod = state.skus.get(li.sku)
                    held.append((oid, n, li.sku[:64], li.name[:255], li.quantity,
                                 li.raw_quantity[:32], money(li.unit_price), money(li.discount),
                                 prod.id if prod else None))
            else:
                _line_rows(lines, oid, o, state.skus, (o.currency or DEFAULT_CURRENCY)[:3],
                           money)
        bulk_insert(conn, _t(OrderLine), _LINE_COLUMNS, lines)
        bulk_insert(conn, _t(IntakeLine), _HELD_COLUMNS, held)
        bulk_insert(conn, _t(IntakeProblem), _PROBLEM_COLUMNS, problems_rows)
        bulk_insert(conn, _t(IntakeSource), _SOURCE_COLUMNS, sources)
        bulk_insert(conn, _t(OrderStatusChange), _HISTORY_COLUMNS, history)
        _attach_ids(summary, plans, ids)
    if changes:
        conn.execute(insert(_t(IntakeChange)), changes)
    if bad_rows:
        values = [{"batch_id": summary.batch_id, "channel": state.channel,
                   "file_name": r.source_file[:255], "file_sha256": state.file_sha256,
                   "line_no": r.line_no, "raw_text": r.raw, "reason": r.reason,
                   "header_text": r.header,
                   "status": "open", "created_at": now} for r in bad_rows]
        if s.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
        conn.execute(dialect_insert(_t(ImportRow)).on_conflict_do_nothing(), values)
    conn.execute(update(ImportBatch).where(ImportBatch.id == summary.batch_id).values(
        rows_read=summary.rows, imported=summary.imported, unchanged=summary.unchanged,
        changed=summary.changed, needs_attention=summary.needs_attention,
        unreadable=summary.unreadable))


# Column orders of the bulk inserts (every column with a default is named: bulk_insert
# leaves unnamed ones NULL).
_ORDER_COLUMNS = (
    "number", "channel", "external_ref", "customer_id", "customer_name", "phone", "email",
    "customer_key", "ship_recipient", "ship_country", "ship_province", "ship_city", "ship_district",
    "ship_street", "ship_postcode", "status", "currency", "subtotal", "discount", "shipping",
    "tax", "total", "notes", "warehouse_id", "version", "created_at", "created_by",
    "updated_at", "updated_by")
_LINE_COLUMNS = ("order_id", "line_no", "product_id", "sku", "name", "quantity", "unit_price",
                 "discount", "line_total", "price_explanation")
_HELD_COLUMNS = ("order_id", "line_no", "sku", "name", "quantity", "raw_quantity",
                 "unit_price", "discount", "product_id")
_PROBLEM_COLUMNS = ("order_id", "field", "code", "message", "created_at")
_SOURCE_COLUMNS = ("order_id", "batch_id", "content_hash", "placed_at", "imported_at", "tax",
                   "source_total", "financial_status", "fulfillment_status", "source_file",
                   "first_line")
_HISTORY_COLUMNS = ("order_id", "at", "username", "workstation", "from_status", "to_status",
                    "reason")
_CUSTOMER_COLUMNS = ("code", "name", "phone", "email", "member_tier", "notes", "version",
                     "created_at", "updated_at", "updated_by")


@dataclass(frozen=True)
class _Converters:
    """Money and UTC-time values as bulk_insert needs them on this connection."""

    money: Callable[[Decimal | None], Any]
    when: Callable[[datetime | None], Any]

    @staticmethod
    def of(conn: Connection) -> _Converters:
        orders = _t(Order)
        return _Converters(converter(conn, orders, "total"),
                           converter(conn, orders, "created_at"))


def _contact_keys(o: IntakeOrder) -> tuple[str, str]:
    return o.email.strip().lower(), (o.phone or o.ship.phone).strip()


def _link_customers(s: Session, state: _RunState, summary: ImportSummary,
                    orders: list[IntakeOrder], now: datetime) -> dict[str, int]:
    """The customer record of each order (external_ref → customer id): found by its e-mail,
    else its phone; created (with the channel noted) when neither is known and the order
    names its customer. One query and one bulk insert per chunk."""
    cache = state.customers
    if len(cache) > CUSTOMER_KEYS_KEPT:
        cache.clear()  # a forgotten key is looked up again by the chunk's one query
    emails = {e for o in orders for e in (_contact_keys(o)[0],) if e and f"e:{e}" not in cache}
    phones = {p for o in orders for p in (_contact_keys(o)[1],) if p and f"p:{p}" not in cache}
    if emails or phones:
        variants = emails | {o.email.strip() for o in orders if o.email.strip()}
        conds = []
        if variants:
            conds.append(Customer.email.in_(variants))
        if phones:
            conds.append(Customer.phone.in_(phones))
        for cid, email, phone in s.execute(select(Customer.id, Customer.email, Customer.phone)
                                           .where(or_(*conds)).order_by(Customer.id)):
            if email:
                cache.setdefault(f"e:{email.strip().lower()}", cid)
            if phone:
                cache.setdefault(f"p:{phone.strip()}", cid)
    out: dict[str, int] = {}
    new: dict[str, IntakeOrder] = {}  # first key → the order that creates the customer
    alias: dict[str, str] = {}  # any contact key of a new customer → its first key
    waiting: list[tuple[IntakeOrder, str]] = []
    for o in orders:
        email, phone = _contact_keys(o)
        known = (cache.get(f"e:{email}") if email else None) or (
            cache.get(f"p:{phone}") if phone else None)
        if known is not None:
            out[o.external_ref] = known
            continue
        if not (email or phone) or not o.customer_name.strip():
            continue
        keys = [k for k in (f"e:{email}" if email else "", f"p:{phone}" if phone else "") if k]
        found = next((alias[k] for k in keys if k in alias), None)
        if found is None:
            found = keys[0]
            new[found] = o
        for k in keys:
            alias.setdefault(k, found)
        waiting.append((o, found))
    if new:
        codes = _free_customer_codes(s, len(new))
        conn = s.connection()
        cv = _Converters.of(conn)
        at = cv.when(now)
        rows, code_of = [], {}
        for code, (key, o) in zip(codes, new.items(), strict=True):
            code_of[key] = code
            rows.append((code, o.customer_name.strip()[:255],
                         (o.phone or o.ship.phone).strip()[:32], o.email.strip()[:255], "",
                         f"created by an import from {state.channel}", 1, at, at,
                         state.actor.username))
        bulk_insert(conn, _t(Customer), _CUSTOMER_COLUMNS, rows)
        id_of_code = dict(conn.execute(select(Customer.code, Customer.id)
                                       .where(Customer.code.in_(list(code_of.values())))).all())
        for key, o in new.items():
            cid = id_of_code[code_of[key]]
            email, phone = _contact_keys(o)
            if email:
                cache[f"e:{email}"] = cid
            if phone:
                cache.setdefault(f"p:{phone}", cid)
        for o, key in waiting:
            out[o.external_ref] = id_of_code[code_of[key]]
        summary.customers_created += len(new)
    return out


def _free_customer_codes(s: Session, count: int) -> list[str]:
    """``count`` new customer codes from the sequence, skipping any a person (or older
    data) already gave a customer."""
    out: list[str] = []
    while len(out) < count:
        need = count - len(out)
        prefix, width, first = reserve_block(s, "customer", need)
        codes = [f"{prefix}{first + n:0{width}d}" for n in range(need)]
        taken = set(s.scalars(select(Customer.code).where(Customer.code.in_(codes))))
        out.extend(c for c in codes if c not in taken)
    return out


def _t(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _attach_ids(summary: ImportSummary, plans: list[tuple[IntakeOrder, list[Problem], str]],
                ids: list[int]) -> None:
    id_by_ref = {o.external_ref: oid for (o, _p, _s), oid in zip(plans, ids, strict=True)}
    for outcome in summary.orders:
        if outcome.order_id is None and outcome.external_ref in id_by_ref:
            outcome.order_id = id_by_ref[outcome.external_ref]


def _order_row(o: IntakeOrder, status: str, number: str, customer_id: int | None,
               username: str, warehouse_id: int | None, at: Any,
               money: Callable[[Decimal | None], Any]) -> tuple[Any, ...]:
    """The order's values in _ORDER_COLUMNS order (``at``: the converted time stamp)."""
    currency = (o.currency or DEFAULT_CURRENCY)[:3]
    gross = ZERO
    line_disc = ZERO
    for li in o.lines:
        if li.unit_price is not None and li.quantity is not None:
            gross += round_money(li.unit_price * li.quantity, currency)
        line_disc += li.discount
    total = o.total if o.total is not None else max(
        ZERO, gross - line_disc - o.discount + o.shipping + o.tax)
    ship = o.ship
    name, phone, email = o.customer_name[:255], (o.phone or ship.phone)[:32], o.email[:255]
    return (
        number, o.channel[:32], o.external_ref[:64], customer_id, name, phone, email,
        customer_key(phone, email, name), ship.recipient[:255],
        (ship.country or "")[:2], ship.province[:64], ship.city[:64], ship.district[:64],
        ship.street[:255], ship.postcode[:16], status, currency, money(gross),
        money(line_disc + o.discount), money(o.shipping), money(o.tax), money(total),
        o.notes, warehouse_id, 1, at, username, at, username,
    )


def _line_rows(out: list[tuple[Any, ...]], order_id: int, o: IntakeOrder,
               skus: dict[str, _Product | None], currency: str,
               money: Callable[[Decimal | None], Any]) -> None:
    """Append the order's lines, in _LINE_COLUMNS order."""
    for n, li in enumerate(o.lines, start=1):
        prod = skus[li.sku]
        assert prod is not None and li.quantity is not None and li.unit_price is not None
        qty = li.quantity * prod.pack_qty
        price = li.unit_price / prod.pack_qty if prod.pack_qty != 1 else li.unit_price
        out.append((order_id, n, prod.id, prod.sku, (li.name or prod.name)[:255], qty,
                    money(price), money(li.discount),
                    money(line_total(qty, price, li.discount, currency)), ""))


def _payload(o: IntakeOrder) -> str:
    data = asdict(o)
    data.pop("field_errors")
    return json.dumps(data, default=str, ensure_ascii=False)


_HEADER_FIELDS = [("customer_name", "customer_name"), ("phone", "phone"), ("email", "email"),
                  ("ship_recipient", "ship.recipient"), ("ship_country", "ship.country"),
                  ("ship_province", "ship.province"), ("ship_city", "ship.city"),
                  ("ship_district", "ship.district"), ("ship_street", "ship.street"),
                  ("ship_postcode", "ship.postcode")]


def _get(o: Any, path: str) -> Any:
    for part in path.split("."):
        o = o[part] if isinstance(o, dict) else getattr(o, part)
    return o


def _change_summary(s: Session, order_id: int, o: IntakeOrder) -> str:
    order = s.get(Order, order_id)
    assert order is not None
    parts = []
    if o.cancelled and order.status != "cancelled":
        parts.append("cancelled at the source")
    for col, path in _HEADER_FIELDS:
        new = _get(o, path) or ""
        if col == "phone":
            new = o.phone or o.ship.phone
        if (getattr(order, col) or "") != new:
            parts.append(f"{col}: {getattr(order, col)!r} → {new!r}")
    if not parts:
        parts.append("lines or amounts changed")
    return "; ".join(parts)


# ---- changes seen at the source ---------------------------------------------------------

@dataclass(frozen=True)
class ChangeView:
    id: int
    order_id: int
    order_number: str
    external_ref: str
    summary: str
    detected_at: datetime


def pending_changes(db: Database, order_id: int | None = None) -> list[ChangeView]:
    with db.reader() as s:
        q = (select(IntakeChange.id, IntakeChange.order_id, Order.number, Order.external_ref,
                    IntakeChange.summary, IntakeChange.detected_at)
             .join(Order, Order.id == IntakeChange.order_id)
             .where(IntakeChange.status == "pending").order_by(IntakeChange.id))
        if order_id is not None:
            q = q.where(IntakeChange.order_id == order_id)
        return [ChangeView(cid, oid, num, ref or "", summ, at)
                for cid, oid, num, ref, summ, at in s.execute(q)]


def accept_change(db: Database, actor: Actor, change_id: int) -> None:
    """Apply a change seen at the source: a cancellation cancels the order (releasing its
    stock); contact and address are corrected until the order ships; lines are replaced
    only while the order is still a draft or needs attention."""
    actor.require(Permission.ENTER_ORDERS)
    with db.writer() as s:
        change = s.get(IntakeChange, change_id, with_for_update=True)
        if change is None or change.status != "pending":
            raise NotFound(f"Change {change_id} is not waiting to be accepted.")
        order = s.get(Order, change.order_id, with_for_update=True)
        assert order is not None
        data = json.loads(change.payload)
        status = OrderStatus(order.status)
        if data["cancelled"]:
            if status != OrderStatus.CANCELLED:
                check_move(status, OrderStatus.CANCELLED)
                stock.release_order(s, order.id)
                _set_status(s, actor, order, OrderStatus.CANCELLED, "cancelled at the source")
        else:
            if status not in _NOT_YET_SHIPPED:
                raise ValidationFailed(
                    f"Order {order.number} is already {order.status}; the change from "
                    f"{order.channel} cannot be applied. Reject it, or handle it as a return.")
            for col, path in _HEADER_FIELDS:
                value = _get(data, path) or ""
                if col == "phone":
                    value = data["phone"] or data["ship"]["phone"]
                setattr(order, col, value)
            old_lines = _line_tuples(s, order)
            new_lines = [(li["sku"], li["quantity"]) for li in data["lines"]]
            if sorted(old_lines) != sorted(new_lines, key=str):
                if status not in (OrderStatus.DRAFT, OrderStatus.NEEDS_ATTENTION):
                    raise ValidationFailed(
                        f"Order {order.number} is {order.status} and its items changed at "
                        f"{order.channel}; cancel it and enter it again, or reject the change.")
                _replace_lines(s, order, data)
        change.status, change.decided_by, change.decided_at = "accepted", actor.username, utcnow()
        src = s.get(IntakeSource, order.id)
        if src is not None:
            src.content_hash = change.content_hash
        s.execute(update(IntakeChange).where(IntakeChange.order_id == order.id,
                                             IntakeChange.status == "pending",
                                             IntakeChange.id < change.id)
                  .values(status="superseded"))
        order.version += 1
        order.updated_at, order.updated_by = utcnow(), actor.username
        if OrderStatus(order.status) == OrderStatus.NEEDS_ATTENTION:
            _revalidate(s, order)
        audit(s, actor, "accept_change", "order", order.id, change=change.id,
              summary=change.summary)


def reject_change(db: Database, actor: Actor, change_id: int, reason: str = "") -> None:
    actor.require(Permission.ENTER_ORDERS)
    with db.writer() as s:
        change = s.get(IntakeChange, change_id, with_for_update=True)
        if change is None or change.status != "pending":
            raise NotFound(f"Change {change_id} is not waiting for a decision.")
        change.status, change.decided_by, change.decided_at = "rejected", actor.username, utcnow()
        audit(s, actor, "reject_change", "order", change.order_id, change=change.id,
              reason=reason)


def _line_tuples(s: Session, order: Order) -> list[tuple[str, int | None]]:
    held = [(sku, qty) for sku, qty in s.execute(select(IntakeLine.sku, IntakeLine.quantity)
                                                  .where(IntakeLine.order_id == order.id))]
    if held:
        return held
    return [(li.sku, li.quantity) for li in order.lines]


def _replace_lines(s: Session, order: Order, data: dict[str, Any]) -> None:
    """Put the source's new lines on a draft/needs-attention order, to be checked again."""
    s.execute(delete(IntakeLine).where(IntakeLine.order_id == order.id))
    order.lines.clear()
    s.flush()
    for n, li in enumerate(data["lines"], start=1):
        s.add(IntakeLine(order_id=order.id, line_no=n, sku=li["sku"], name=li["name"],
                         quantity=li["quantity"], raw_quantity=li["raw_quantity"],
                         unit_price=None if li["unit_price"] is None
                         else Decimal(li["unit_price"]),
                         discount=Decimal(li["discount"]), product_id=None))
    s.flush()
    _rematch_lines(s, order)
    if order.status == OrderStatus.DRAFT:
        _set_status(s, Actor(None, order.updated_by or "system", _admin_role()), order,
                    OrderStatus.NEEDS_ATTENTION, "items changed at the source")


def _admin_role() -> Role:
    return Role.ADMIN


# ---- needs attention ------------------------------------------------------------------

@dataclass(frozen=True)
class AttentionRow:
    order_id: int
    number: str
    channel: str
    external_ref: str
    customer_name: str
    problems: str
    version: int


@dataclass
class HeldLine:
    id: int
    line_no: int
    sku: str
    name: str
    quantity: int | None
    raw_quantity: str
    unit_price: Decimal | None
    discount: Decimal
    product_id: int | None


@dataclass
class AttentionDetail:
    order_id: int
    number: str
    version: int
    status: str
    channel: str
    external_ref: str
    fields: dict[str, str]
    lines: list[HeldLine]
    problems: list[Problem]


FIXABLE_FIELDS = ("customer_name", "phone", "email", "ship_recipient", "ship_country",
                  "ship_province", "ship_city", "ship_district", "ship_street", "ship_postcode")


def needs_attention(db: Database, limit: int = 200, after_id: int = 0) -> list[AttentionRow]:
    """Orders parked for a person, oldest first (keyset paging on the id)."""
    with db.reader() as s:
        orders = s.execute(
            select(Order.id, Order.number, Order.channel, Order.external_ref,
                   Order.customer_name, Order.version)
            .where(Order.status == OrderStatus.NEEDS_ATTENTION.value, Order.id > after_id)
            .order_by(Order.id).limit(limit)).all()
        ids = [r[0] for r in orders]
        problems: dict[int, list[str]] = {}
        if ids:
            for oid, msg in s.execute(select(IntakeProblem.order_id, IntakeProblem.message)
                                      .where(IntakeProblem.order_id.in_(ids))
                                      .order_by(IntakeProblem.id)):
                problems.setdefault(oid, []).append(msg)
        return [AttentionRow(oid, num, ch, ref or "", name, " ".join(problems.get(oid, [])),
                             ver) for oid, num, ch, ref, name, ver in orders]


def attention_detail(db: Database, order_id: int) -> AttentionDetail:
    with db.reader() as s:
        return _detail(s, order_id)


def _detail(s: Session, order_id: int) -> AttentionDetail:
    order = s.get(Order, order_id)
    if order is None:
        raise NotFound(f"Order {order_id} does not exist.")
    lines = [HeldLine(li.id, li.line_no, li.sku, li.name, li.quantity, li.raw_quantity,
                      li.unit_price, li.discount, li.product_id)
             for li in s.scalars(select(IntakeLine).where(IntakeLine.order_id == order_id)
                                 .order_by(IntakeLine.line_no))]
    problems = [Problem(p.field, p.code, p.message)
                for p in s.scalars(select(IntakeProblem).where(IntakeProblem.order_id == order_id)
                                   .order_by(IntakeProblem.id))]
    return AttentionDetail(order.id, order.number, order.version, order.status, order.channel,
                           order.external_ref or "",
                           {f: getattr(order, f) or "" for f in FIXABLE_FIELDS}, lines, problems)


def _load_parked(s: Session, order_id: int, expected_version: int) -> Order:
    from app.services.orders import _load

    order = _load(s, order_id, expected_version)
    if order.status != OrderStatus.NEEDS_ATTENTION:
        raise ValidationFailed(f"Order {order.number} is {order.status}, not waiting for "
                               "attention.")
    return order


def fix_order(
    db: Database, actor: Actor, order_id: int, expected_version: int,
    fields: dict[str, str] | None = None, lines: dict[int, dict[str, Any]] | None = None,
) -> AttentionDetail:
    """Correct header fields and held lines (by line id: sku, quantity, unit_price) in
    place; the order is checked again and its problem list replaced."""
    actor.require(Permission.ENTER_ORDERS)
    with db.writer() as s:
        order = _load_parked(s, order_id, expected_version)
        before = {}
        for name, value in (fields or {}).items():
            if name not in FIXABLE_FIELDS:
                raise ValidationFailed(f"{name} cannot be corrected here.")
            before[name] = getattr(order, name)
            value = value.strip()
            setattr(order, name, value.upper() if name == "ship_country" else value)
        for line_id, change in (lines or {}).items():
            held = s.get(IntakeLine, line_id)
            if held is None or held.order_id != order.id:
                raise NotFound(f"Line {line_id} is not on order {order.number}.")
            if "sku" in change:
                held.sku, held.product_id = str(change["sku"]).strip(), None
            if "quantity" in change:
                held.quantity = _whole(change["quantity"])
                held.raw_quantity = str(change["quantity"])
            if "unit_price" in change:
                held.unit_price = Decimal(str(change["unit_price"]))
        s.flush()
        _rematch_lines(s, order)
        order.version += 1
        order.updated_at, order.updated_by = utcnow(), actor.username
        _revalidate(s, order)
        audit(s, actor, "fix", "order", order.id, before=before, lines=lines or {})
        s.flush()
        return _detail(s, order.id)


def _whole(value: Any) -> int | None:
    try:
        d = Decimal(str(value).strip())
    except ArithmeticError:
        return None
    return int(d) if d.is_finite() and d == d.to_integral_value() else None


def _rematch_lines(s: Session, order: Order) -> None:
    """Give held lines without a product the one their SKU now names (mapping, SKU,
    barcode)."""
    state = _RunState(order.channel, Actor(None, "", _admin_role()), "", False)
    held = list(s.scalars(select(IntakeLine).where(IntakeLine.order_id == order.id,
                                                   IntakeLine.product_id.is_(None))))
    _resolve_skus(s, state, {li.sku for li in held})
    for li in held:
        prod = state.skus.get(li.sku)
        if prod is not None:
            li.product_id = prod.id


def _revalidate(s: Session, order: Order) -> list[Problem]:
    src = s.get(IntakeSource, order.id)
    held = list(s.scalars(select(IntakeLine).where(IntakeLine.order_id == order.id)
                          .order_by(IntakeLine.line_no)))
    facts = OrderFacts(
        order.customer_name, order.phone, order.email, order.ship_country, order.ship_province,
        order.ship_city, order.ship_district, order.ship_street, order.ship_postcode,
        [LineFacts(li.sku, li.product_id is not None, li.quantity, li.unit_price, li.discount,
                   li.raw_quantity) for li in held],
        currency=order.currency, shipping=order.shipping,
        discount=order.discount - sum((li.discount for li in held), ZERO),
        tax=src.tax if src else ZERO, total=src.source_total if src else None)
    problems = validate(facts)
    s.execute(delete(IntakeProblem).where(IntakeProblem.order_id == order.id))
    for p in problems:
        s.add(IntakeProblem(order_id=order.id, field=p.field, code=p.code, message=p.message))
    return problems


def map_sku(db: Database, actor: Actor, channel: str, external_sku: str, product_id: int) -> int:
    """Remember that ``external_sku`` on ``channel`` is our product; every order of that
    channel waiting with the SKU is matched and checked again. Returns how many lines."""
    actor.require(Permission.ENTER_ORDERS)
    external_sku = external_sku.strip()
    if not external_sku:
        raise ValidationFailed("Say which SKU of the channel to map.")
    with db.writer() as s:
        if s.get(Product, product_id) is None:
            raise NotFound(f"Product {product_id} does not exist.")
        row = s.scalar(select(ChannelSkuMap).where(ChannelSkuMap.channel == channel,
                                                   ChannelSkuMap.external_sku == external_sku))
        if row is None:
            s.add(ChannelSkuMap(channel=channel, external_sku=external_sku,
                                product_id=product_id, created_by=actor.username))
        else:
            row.product_id = product_id
        lines = list(s.scalars(
            select(IntakeLine).join(Order, Order.id == IntakeLine.order_id)
            .where(Order.channel == channel, IntakeLine.sku == external_sku,
                   Order.status == OrderStatus.NEEDS_ATTENTION.value)))
        for li in lines:
            li.product_id = product_id
        s.flush()
        for oid in {li.order_id for li in lines}:
            order = s.get(Order, oid)
            assert order is not None
            _revalidate(s, order)
        audit(s, actor, "map_sku", "product", product_id, channel=channel,
              external_sku=external_sku, lines=len(lines))
        return len(lines)


def release(db: Database, actor: Actor, order_id: int, expected_version: int) -> None:
    """Check the order again; if nothing is wrong, its held lines become order lines and
    the order becomes a draft ready for confirmation."""
    actor.require(Permission.ENTER_ORDERS)
    with db.writer() as s:
        order = _load_parked(s, order_id, expected_version)
        _rematch_lines(s, order)
        problems = [p for p in _revalidate(s, order) if p.code != "possible_duplicate"]
        if problems:
            s.flush()
            raise ValidationFailed(f"Order {order.number} still has problems: "
                                   + " ".join(p.message for p in problems))
        held = list(s.scalars(select(IntakeLine).where(IntakeLine.order_id == order.id)
                              .order_by(IntakeLine.line_no)))
        order.lines.clear()
        s.flush()
        for li in held:
            product = s.get(Product, li.product_id)
            assert product is not None and li.quantity is not None and li.unit_price is not None
            order.lines.append(OrderLine(
                line_no=li.line_no, product_id=product.id, sku=product.sku,
                name=li.name or product.name, quantity=li.quantity, unit_price=li.unit_price,
                discount=li.discount,
                line_total=LineAmounts(li.quantity, li.unit_price, li.discount)
                .total(order.currency)))
        s.execute(delete(IntakeLine).where(IntakeLine.order_id == order.id))
        s.execute(delete(IntakeProblem).where(IntakeProblem.order_id == order.id))
        gross = sum((round_money(li.unit_price * li.quantity, order.currency)
                     for li in order.lines), ZERO)
        order.subtotal = gross
        _set_status(s, actor, order, OrderStatus.DRAFT, "released from needs attention")
        order.version += 1
        order.updated_at, order.updated_by = utcnow(), actor.username
        audit(s, actor, "release", "order", order.id, number=order.number)


def _set_status(s: Session, actor: Actor, order: Order, target: OrderStatus,
                reason: str) -> None:
    from app.services.orders import set_status

    set_status(s, actor, order, target, reason)


# ---- unreadable rows and saved column mappings ------------------------------------------

# (fmt, channel, header line, row text, mapping JSON, file name, line no) → records. Set by
# ``app.channels`` when it is imported (the readers live above the services).
# (Importing this module imports app.channels, which may register before this line runs.)
ROW_PARSER: Callable[[str, str, str, str, str | None, str, int], list[IntakeItem]] | None = (
    globals().get("ROW_PARSER"))


def retry_row(db: Database, actor: Actor, row_id: int, fixed_text: str) -> ImportSummary:
    """Read an unreadable row again after a person fixed its raw text; if it reads now, its
    order is imported (checked like any other, so it may still need attention) and the row
    is marked retried. If not, the fixed text and the new reason are kept and the reason is
    raised. One transaction."""
    from app.channels.reading import UnreadableFile

    actor.require(Permission.IMPORT_ORDERS)
    if ROW_PARSER is None:
        raise ValidationFailed("Rows cannot be read again here (no readers are loaded).")
    failure = ""
    with db.writer() as s:
        row = s.get(ImportRow, row_id, with_for_update=True)
        if row is None or row.status != "open":
            raise NotFound(f"Unreadable row {row_id} is not waiting for a retry.")
        if not row.header_text:
            raise ValidationFailed(f"The header of {row.file_name} was not kept; import the "
                                   "corrected file again instead.")
        batch = s.get(ImportBatch, row.batch_id)
        fmt = batch.format if batch is not None else "shopify"
        mapping = s.get(ChannelColumnMapping, row.channel)
        try:
            items = ROW_PARSER(fmt, row.channel, row.header_text, fixed_text,
                               mapping.mapping_json if mapping else None, row.file_name,
                               row.line_no)
        except UnreadableFile as exc:
            raise ValidationFailed(str(exc)) from exc
        still_bad = [i for i in items if isinstance(i, UnreadableRow)]
        summary = ImportSummary(None, row.channel, row.file_name)
        if still_bad or not items:
            reason = still_bad[0].reason if still_bad else "the text holds no order row"
            row.raw_text, row.reason = fixed_text, reason
            audit(s, actor, "retry_failed", "import_row", row.id, reason=reason)
            failure = f"Line {row.line_no} of {row.file_name} still cannot be read: {reason}."
        else:
            state = _RunState(channel=row.channel, actor=actor, file_sha256=row.file_sha256,
                              keep_outcomes=True)
            _process_chunk(s, state, summary, items, write=True)
            row.status, row.raw_text = "retried", fixed_text
            audit(s, actor, "retry", "import_row", row.id, imported=summary.imported,
                  needs_attention=summary.needs_attention, changed=summary.changed,
                  unchanged=summary.unchanged)
    if failure:  # the fixed text and the new reason were kept
        raise ValidationFailed(failure)
    return summary


@dataclass(frozen=True)
class UnreadableView:
    id: int
    channel: str
    file_name: str
    line_no: int
    raw_text: str
    reason: str
    status: str


def unreadable_rows(db: Database, status: str = "open") -> list[UnreadableView]:
    with db.reader() as s:
        return [UnreadableView(r.id, r.channel, r.file_name, r.line_no, r.raw_text, r.reason,
                               r.status)
                for r in s.scalars(select(ImportRow).where(ImportRow.status == status)
                                   .order_by(ImportRow.id))]


def dismiss_row(db: Database, actor: Actor, row_id: int) -> None:
    actor.require(Permission.IMPORT_ORDERS)
    with db.writer() as s:
        row = s.get(ImportRow, row_id)
        if row is None:
            raise NotFound(f"Unreadable row {row_id} does not exist.")
        row.status = "dismissed"
        audit(s, actor, "dismiss", "import_row", row_id)


def save_column_mapping(db: Database, actor: Actor, channel: str, mapping_json: str) -> None:
    actor.require(Permission.IMPORT_ORDERS)
    json.loads(mapping_json)  # refuse garbage
    with db.writer() as s:
        row = s.get(ChannelColumnMapping, channel)
        if row is None:
            s.add(ChannelColumnMapping(channel=channel, mapping_json=mapping_json,
                                       updated_by=actor.username))
        else:
            row.mapping_json, row.updated_at, row.updated_by = (
                mapping_json, utcnow(), actor.username)
        audit(s, actor, "save_mapping", "channel", channel)


def column_mapping(db: Database, channel: str) -> str | None:
    with db.reader() as s:
        row = s.get(ChannelColumnMapping, channel)
        return row.mapping_json if row else None
