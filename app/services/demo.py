"""Realistic demo data, written in bulk (many rows per INSERT statement), fast enough for
a million orders. Stock, reservations and the ledger are made consistent with the orders:
on hand equals the ledger's sum and reserved equals the open reservations."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from app.db.bulk import bulk_insert, converter
from app.db.engine import Database
from app.db.models import (
    Allocation,
    BinLocation,
    Customer,
    CustomerAddress,
    Invoice,
    Order,
    OrderLine,
    OrderStatusChange,
    Payment,
    Product,
    ProductBarcode,
    Reservation,
    StockLevel,
    StockMove,
    User,
    Warehouse,
)
from app.domain.divisions import districts
from app.domain.gtin import make_ean13
from app.domain.roles import Role
from app.domain.validation import customer_key
from app.services.auth import hash_secret
from app.services.numbering import reserve_block

CHUNK = 5_000

# Demo log-ins, listed in the README: user name → (role, password).
DEMO_USERS: dict[str, tuple[Role, str]] = {
    "admin": (Role.ADMIN, "admin123"),
    "manager": (Role.MANAGER, "manager1"),
    "counter": (Role.COUNTER, "1234"),
    "warehouse": (Role.WAREHOUSE, "5678"),
    "finance": (Role.FINANCE, "finance1"),
}

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
    "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
    "顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红梅鑫波斌宇浩凯健俊帆帅旭宁"
    "龙林欣悦晨"
)
FIRST_EN = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David",
            "Elizabeth", "William", "Susan", "Richard", "Jessica", "Thomas", "Sarah", "Emma",
            "Oliver", "Sophie", "Daniel", "Grace", "Lucas", "Chloe", "Henry", "Amelia"]
LAST_EN = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson",
           "Taylor", "Clarke", "Walker", "Wright", "Thompson", "White", "Hughes", "Edwards"]
STREETS_ZH = ["人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "胜利路", "长江路",
              "滨江大道",
              "科技园南路", "文化路", "青年路"]
STREETS_EN = ["High Street", "Station Road", "Main Street", "Park Road", "Church Lane",
              "Victoria Road", "Green Lane", "Mill Road"]
UK_TOWNS = [("London", "SW1A 1AA"), ("Manchester", "M1 1AE"), ("Leeds", "LS1 4AP"),
            ("Bristol", "BS1 4DJ"), ("Glasgow", "G1 1XQ"), ("Cambridge", "CB2 1TN")]
PRODUCT_KINDS = [("Mug", "马克杯", "Kitchen"), ("T-shirt", "T恤", "Apparel"),
                 ("Notebook", "笔记本", "Stationery"), ("Backpack", "双肩包", "Bags"),
                 ("Umbrella", "雨伞", "Outdoor"), ("Tea set", "茶具", "Kitchen"),
                 ("Phone case", "手机壳", "Electronics"), ("USB cable", "数据线", "Electronics"),
                 ("Water bottle", "水杯", "Outdoor"), ("Desk lamp", "台灯", "Home"),
                 ("Cushion", "靠垫", "Home"), ("Scarf", "围巾", "Apparel"),
                 ("Wardrobe", "衣柜", "Furniture"), ("Gel pen", "中性笔", "Stationery")]
COLOURS = [("Red", "红色"), ("Blue", "蓝色"), ("Black", "黑色"), ("White", "白色"),
           ("Green", "绿色"), ("Grey", "灰色")]
SIZES = ["S", "M", "L", "XL", "500ml", "A5", "1m", "2m", ""]
CHANNELS = ["counter", "phone", "web", "shopify", "amazon", "taobao"]
STATUS_WEIGHTS = [
    ("draft", 4), ("confirmed", 10), ("picking", 4), ("packed", 5), ("backordered", 2),
    ("on_hold", 2), ("partly_shipped", 2), ("shipped", 30), ("delivered", 34),
    ("cancelled", 5), ("returned", 2),
]
HOLDS_STOCK = {"confirmed", "picking", "packed", "on_hold", "partly_shipped"}
LEFT_STOCK = {"shipped", "delivered", "partly_shipped", "returned"}


@dataclass
class DemoResult:
    customers: int
    products: int
    orders: int
    lines: int
    seconds: float


def _phone(rng: random.Random, chinese: bool) -> str:
    if chinese:
        return f"+86 1{rng.choice('3589')}{rng.randint(0, 9)} {rng.randint(1000, 9999)} " \
               f"{rng.randint(1000, 9999)}"
    return f"+44 7{rng.randint(100, 999)} {rng.randint(100000, 999999)}"


def _ensure_base(s: Session) -> int:
    wid = s.scalar(select(Warehouse.id).where(Warehouse.code == "MAIN"))
    if wid is None:
        wid = s.execute(insert(Warehouse).values(code="MAIN", name="Main warehouse 主仓库")
                        .returning(Warehouse.id)).scalar_one()
        s.execute(insert(BinLocation), [
            {"warehouse_id": wid, "code": f"{a}-{r:02d}-{lv:02d}"}
            for a in "ABCD" for r in range(1, 11) for lv in range(1, 4)
        ])
    for username, (role, password) in DEMO_USERS.items():
        if s.scalar(select(User.id).where(User.username == username)) is None:
            s.add(User(username=username, display_name=username.title(), role=role.value,
                       password_hash=hash_secret(password)))
    return wid


def _max_id(s: Session, column: object) -> int:
    return int(s.scalar(select(func.coalesce(func.max(column), 0))) or 0)


def _products(s: Session, rng: random.Random, n: int) -> list[tuple[int, str, str, Decimal]]:
    start = _max_id(s, Product.id)
    rows, codes, out = [], [], []
    for i in range(start + 1, start + n + 1):
        kind_en, kind_zh, category = rng.choice(PRODUCT_KINDS)
        colour_en, colour_zh = rng.choice(COLOURS)
        size = rng.choice(SIZES)
        price = Decimal(rng.randint(590, 59900)) / 100
        cost = (price * Decimal(rng.randint(35, 70)) / 100).quantize(Decimal("0.01"))
        sku = f"SKU-{i:06d}"
        name = f"{kind_en} {kind_zh}"
        rows.append({"id": i, "sku": sku, "name": name,
                     "specification": f"{colour_en} {colour_zh} {size}".strip(),
                     "category": category, "unit": "pc",
                     "weight_kg": Decimal(rng.randint(50, 3000)) / 1000,
                     "length_cm": Decimal(rng.randint(5, 60)),
                     "width_cm": Decimal(rng.randint(5, 40)),
                     "height_cm": Decimal(rng.randint(2, 30)), "cost": cost, "list_price": price,
                     "active": True, "version": 1, "updated_by": "demo"})
        # 692 is a GS1 China prefix; the body is unique per product id.
        codes.append({"product_id": i, "code": make_ean13(f"692{i:09d}"), "pack_qty": 1})
        if i % 5 == 0:  # every fifth product also has a case of 12
            codes.append({"product_id": i, "code": make_ean13(f"693{i:09d}"), "pack_qty": 12})
        out.append((i, sku, name, price))
    for chunk in range(0, len(rows), CHUNK):
        s.execute(insert(Product), rows[chunk:chunk + CHUNK])
    for chunk in range(0, len(codes), CHUNK):
        s.execute(insert(ProductBarcode), codes[chunk:chunk + CHUNK])
    return out


def _customers(s: Session, rng: random.Random, n: int) -> list[dict[str, object]]:
    start = _max_id(s, Customer.id)
    places = districts()
    rows, addresses = [], []
    for i in range(start + 1, start + n + 1):
        chinese = rng.random() < 0.75
        if chinese:
            given = "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
            name = rng.choice(SURNAMES) + given
            place = rng.choice(places)
            addr = {"country": "CN", "province": place.province, "city": place.city,
                    "district": place.district, "postcode": "",
                    "street": f"{rng.choice(STREETS_ZH)}{rng.randint(1, 999)}号"
                              f"{rng.randint(1, 30)}栋{rng.randint(101, 2505)}室"}
            email = f"user{i}@example.cn"
        else:
            first, last = rng.choice(FIRST_EN), rng.choice(LAST_EN)
            name = f"{first} {last}"
            town, postcode = rng.choice(UK_TOWNS)
            addr = {"country": "GB", "province": "", "city": town, "district": "",
                    "postcode": postcode,
                    "street": f"{rng.randint(1, 250)} {rng.choice(STREETS_EN)}"}
            email = f"{first}.{last}{i}@example.com".lower()
        phone = _phone(rng, chinese)
        rows.append({"id": i, "code": f"C{i:06d}", "name": name, "phone": phone, "email": email,
                     "member_tier": rng.choice(["", "", "silver", "gold"]), "notes": "",
                     "version": 1, "updated_by": "demo"})
        addresses.append({"customer_id": i, "label": "default", "recipient": name,
                          "phone": phone, "is_default": True, **addr})
    for chunk in range(0, len(rows), CHUNK):
        s.execute(insert(Customer), rows[chunk:chunk + CHUNK])
        s.execute(insert(CustomerAddress), addresses[chunk:chunk + CHUNK])
    return [{**c, **a} for c, a in zip(rows, addresses, strict=True)]


def generate(
    db: Database, customers: int = 200, products: int = 100, orders: int = 1000, seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> DemoResult:
    """Add demo customers, products, stock and orders in every status. One transaction."""
    import time

    started = time.perf_counter()
    rng = random.Random(seed)
    statuses = [st for st, _ in STATUS_WEIGHTS]
    weights = [w for _, w in STATUS_WEIGHTS]
    with db.writer() as s:
        wid = _ensure_base(s)
        prods = _products(s, rng, max(1, products))
        custs = _customers(s, rng, max(1, customers))
        sold: dict[int, int] = defaultdict(int)
        held: dict[int, int] = defaultdict(int)
        prefix, width, first_no = reserve_block(s, "order", orders)
        order_id = _max_id(s, Order.id)
        line_id = _max_id(s, OrderLine.id)
        now = datetime.now(UTC)
        n_lines = 0
        for chunk_start in range(0, orders, CHUNK):
            o_rows, l_rows, h_rows, r_rows = [], [], [], []
            for k in range(chunk_start, min(orders, chunk_start + CHUNK)):
                order_id += 1
                c = custs[rng.randrange(len(custs))]
                status = rng.choices(statuses, weights)[0]
                created = now - timedelta(minutes=rng.randint(10, 365 * 24 * 60))
                subtotal = Decimal(0)
                for line_no in range(1, rng.choice((1, 2, 3, 3, 4, 5)) + 1):
                    line_id += 1
                    pid, sku, pname, price = prods[rng.randrange(len(prods))]
                    qty = rng.choice((1, 1, 1, 2, 2, 3, 5))
                    total = price * qty
                    subtotal += total
                    l_rows.append({"id": line_id, "order_id": order_id, "line_no": line_no,
                                   "product_id": pid, "sku": sku, "name": pname, "quantity": qty,
                                   "unit_price": price, "discount": 0, "line_total": total,
                                   "price_explanation": ""})
                    if status in LEFT_STOCK:
                        sold[pid] += qty
                    elif status in HOLDS_STOCK:
                        held[pid] += qty
                        r_rows.append({"order_id": order_id, "order_line_id": line_id,
                                       "product_id": pid, "warehouse_id": wid, "quantity": qty,
                                       "status": "open", "created_at": created})
                shipping = Decimal("0") if subtotal > 99 else Decimal("12.00")
                o_rows.append({
                    "id": order_id, "number": f"{prefix}{first_no + k:0{width}d}",
                    "channel": rng.choice(CHANNELS), "external_ref": None,
                    "customer_id": c["id"], "customer_name": c["name"], "phone": c["phone"],
                    "email": c["email"],
                    "customer_key": customer_key(str(c["phone"]), str(c["email"]),
                                                 str(c["name"])),
                    "ship_recipient": c["name"],
                    "ship_country": c["country"], "ship_province": c["province"],
                    "ship_city": c["city"], "ship_district": c["district"],
                    "ship_street": c["street"], "ship_postcode": c["postcode"],
                    "status": status, "currency": "CNY", "subtotal": subtotal, "discount": 0,
                    "shipping": shipping, "total": subtotal + shipping, "notes": "",
                    "warehouse_id": wid, "version": 1, "created_at": created,
                    "created_by": "demo", "updated_at": created, "updated_by": "demo",
                    "confirmed_at": None if status in ("draft", "cancelled") else created,
                })
                h_rows.append({"order_id": order_id, "at": created, "username": "demo",
                               "workstation": "demo", "from_status": "", "to_status": status,
                               "reason": "demo data"})
            # Many rows per statement (app.db.bulk): an executemany of orders pays the
            # full-text trigger's flush once per order on SQLite.
            _bulk(s, Order, o_rows)
            _bulk(s, OrderLine, l_rows)
            _bulk(s, OrderStatusChange, h_rows)
            _bulk(s, Reservation, r_rows)
            n_lines += len(l_rows)
            if progress:
                progress(min(orders, chunk_start + CHUNK), orders)
        _stock(s, rng, wid, [p[0] for p in prods], sold, held)
        if db.dialect == "postgresql":
            _fix_sequences(s)
    return DemoResult(len(custs), len(prods), orders, n_lines, time.perf_counter() - started)


def _stock(
    s: Session, rng: random.Random, wid: int, product_ids: list[int],
    sold: dict[int, int], held: dict[int, int],
) -> None:
    """Receipts cover what was sold and reserved, plus some free stock (some products none)."""
    bins = s.scalars(select(BinLocation.id).where(BinLocation.warehouse_id == wid)).all()
    levels, moves = [], []
    old = datetime.now(UTC) - timedelta(days=400)
    for pid in product_ids:
        free = 0 if rng.random() < 0.08 else rng.randint(5, 300)
        received = sold[pid] + held[pid] + free
        levels.append({"product_id": pid, "warehouse_id": wid, "on_hand": received - sold[pid],
                       "reserved": held[pid], "bin_id": rng.choice(bins) if bins else None,
                       "reorder_point": rng.choice((0, 5, 10, 20))})
        if received:
            moves.append({"at": old, "product_id": pid, "warehouse_id": wid, "quantity": received,
                          "kind": "receipt", "reason": "opening stock (demo)", "username": "demo"})
        if sold[pid]:
            moves.append({"at": old + timedelta(days=1), "product_id": pid, "warehouse_id": wid,
                          "quantity": -sold[pid], "kind": "sale",
                          "reason": "demo orders shipped", "username": "demo"})
    for chunk in range(0, len(levels), CHUNK):
        s.execute(insert(StockLevel), levels[chunk:chunk + CHUNK])
    for chunk in range(0, len(moves), CHUNK):
        s.execute(insert(StockMove), moves[chunk:chunk + CHUNK])


def _bulk(s: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """INSERT dict rows through app.db.bulk (all rows name the same columns; the columns
    they leave out that have a plain default get it, as a Core insert would)."""
    if not rows:
        return
    conn = s.connection()
    table = model.__table__
    named = list(rows[0])
    fill = {c.name: c.default.arg for c in table.columns
            if c.name not in rows[0] and c.default is not None and c.default.is_scalar}
    columns = named + list(fill)
    convert = [converter(conn, table, c) for c in columns]
    extra = tuple(fill.values())
    bulk_insert(conn, table, columns,
                [tuple(f(v) for f, v in zip(convert, (*(r[c] for c in named), *extra),
                                            strict=True)) for r in rows])


def _fix_sequences(s: Session) -> None:
    """Explicit ids were inserted: move PostgreSQL's id sequences past them."""
    for table in ("products", "customers", "orders", "order_lines"):
        s.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        ))


def generate_invoices(
    db: Database, invoices: int, seed: int = 11,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Add ``invoices`` invoices in bulk for the ageing report: one per shipped or delivered
    order that has none yet, the rest counter invoices without an order; issue dates over
    the last 200 days, a third part-paid by a payment allocated to it. No invoice lines
    (the ageing report reads only the headers). Numbers come from one reserved block."""
    rng = random.Random(seed)
    today = datetime.now(UTC).date()
    with db.writer() as s:
        customer_ids = list(s.scalars(select(Customer.id)))
        if not customer_ids:
            raise ValueError("generate customers before invoices")
        invoiced = select(Invoice.order_id).where(Invoice.order_id.is_not(None))
        shipped = s.execute(
            select(Order.id, Order.customer_id, Order.customer_name, Order.channel, Order.total)
            .where(Order.status.in_(("shipped", "delivered")), Order.id.not_in(invoiced))
            .order_by(Order.id).limit(invoices)).all()
        prefix, width, first_no = reserve_block(s, "invoice", invoices)
        inv_id = _max_id(s, Invoice.id)
        pay_id = _max_id(s, Payment.id)
        inv_rows: list[dict[str, object]] = []
        pay_rows: list[dict[str, object]] = []
        alloc_rows: list[dict[str, object]] = []

        def flush(final: bool = False) -> None:
            if inv_rows and (final or len(inv_rows) >= CHUNK):
                s.execute(insert(Invoice), inv_rows)
                if pay_rows:
                    s.execute(insert(Payment), pay_rows)
                    s.execute(insert(Allocation), alloc_rows)
                inv_rows.clear()
                pay_rows.clear()
                alloc_rows.clear()

        for k in range(invoices):
            inv_id += 1
            if k < len(shipped):
                order_id, cid, name, channel, total = shipped[k]
                cid = cid or customer_ids[rng.randrange(len(customer_ids))]
            else:
                order_id, name, channel = None, "", "counter"
                cid = customer_ids[rng.randrange(len(customer_ids))]
                total = Decimal(rng.randrange(100, 500_000)) / 100
            issued = today - timedelta(days=rng.randrange(200))
            paid = Decimal(0)
            if k % 3 == 0:
                paid = (total * Decimal(rng.randrange(1, 100)) / 100).quantize(Decimal("0.01"))
            inv_rows.append({
                "id": inv_id, "number": f"{prefix}{first_no + k:0{width}d}",
                "order_id": order_id, "customer_id": cid, "customer_name": name,
                "address": "", "channel": channel, "issue_date": issued,
                "due_date": issued + timedelta(days=rng.choice((0, 7, 30, 60))),
                "terms": "NET30", "currency": "CNY", "subtotal": total, "discount": 0,
                "shipping": 0, "total": total, "paid": paid,
                "status": "paid" if paid == total else "open", "created_by": "demo"})
            if paid:
                pay_id += 1
                pay_rows.append({"id": pay_id, "customer_id": cid, "received_on": issued,
                                 "method": "bank_transfer", "amount": paid, "allocated": paid,
                                 "reference": "", "created_by": "demo"})
                alloc_rows.append({"invoice_id": inv_id, "payment_id": pay_id, "amount": paid,
                                   "allocated_on": issued, "created_by": "demo",
                                   "undone_by": ""})
            flush()
            if progress and k % CHUNK == 0:
                progress(k, invoices)
        flush(final=True)
        if db.dialect == "postgresql":
            for table in ("invoices", "payments"):
                s.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))
    return invoices


def is_empty(db: Database) -> bool:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(Order)) == 0 and \
            s.scalar(select(func.count()).select_from(Product)) == 0


def has_demo_users(db: Database) -> bool:
    """Whether every demo log-in of the README exists (the log-in dialog then names the
    demo administrator's password; on a real database it does not)."""
    with db.reader() as s:
        found = s.scalar(select(func.count()).select_from(User)
                         .where(User.username.in_(list(DEMO_USERS))))
    return found == len(DEMO_USERS)
