"""Fill orderdesk_zh_CN.ts with the Simplified Chinese translations kept here.

Run after ``pyside6-lupdate`` (see resources/translations/README.md):
    .venv/bin/python resources/translations/fill_zh_CN.py
Strings without a translation here are listed and left unfinished.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ZH: dict[str, str] = {
    # dialogs: log-in, first run
    "e.g. stock count, damaged, found": "例如：盘点、损坏、找到",
    "On hand now:": "当前库存：",
    "Reserved for orders:": "订单已预留：",
    "&Counted quantity:": "盘点数量(&C)：",
    "&Reason (required):": "原因（必填）(&R)：",
    "Adjust stock": "调整库存",
    "Say why the stock is adjusted.": "请说明调整库存的原因。",
    "%1 — coming soon": "%1 — 即将推出",
    "Choose customer": "选择客户",
    "Name, phone or customer code": "姓名、电话或客户编号",
    "&New customer…": "新建客户(&N)…",
    "Welcome to OrderDesk": "欢迎使用 OrderDesk",
    "This database has no users yet. Create the administrator, who can then add the other "
    "users.": "此数据库还没有用户。请先创建管理员，之后由管理员添加其他用户。",
    "Administrator's &user name:": "管理员用户名(&U)：",
    "&Password:": "密码(&P)：",
    "&Repeat password:": "再次输入密码(&R)：",
    "Create": "创建",
    "The two passwords are not the same.": "两次输入的密码不一致。",
    "Log in to OrderDesk": "登录 OrderDesk",
    "&User:": "用户(&U)：",
    "&Password or PIN:": "密码或 PIN(&P)：",
    "Log in": "登录",
    "Database: %1": "数据库：%1",
    "Enter your user name.": "请输入用户名。",
    # main window
    "OrderDesk": "OrderDesk 订单台",
    "&Desk": "工作台(&D)",
    "&New order": "新建订单(&N)",
    "&Settings…": "设置(&S)…",
    "S&witch user…": "切换用户(&W)…",
    "&Quit": "退出(&Q)",
    "&View": "视图(&V)",
    "User: %1 (%2)": "用户：%1（%2）",
    "Workstation: %1": "工作站：%1",
    "counter": "柜台",
    "warehouse": "仓库",
    "finance": "财务",
    "manager": "经理",
    "admin": "管理员",
    "Unknown code: %1": "无法识别的条码：%1",
    "Scanned %1 (%2) — nothing to do with it here.": "已扫描 %1（%2）— 此页面无法处理。",
    "Logged in as %1.": "已登录为 %1。",
    "&Reload": "重新载入(&R)",
    "Close": "关闭",
    "Orders": "订单",
    "Order entry": "订单录入",
    "Stock": "库存",
    "Shipping": "发货",
    "Receivables": "应收账款",
    "Returns": "退货",
    # customers
    "New customer": "新建客户",
    "&Name:": "姓名(&N)：",
    "&Phone:": "电话(&P)：",
    "&Email:": "电子邮件(&E)：",
    "Country:": "国家/地区：",
    "Province / state:": "省份/州：",
    "City:": "城市：",
    "District:": "区县：",
    "Street address:": "街道地址：",
    "Postcode:": "邮政编码：",
    # order entry
    "&New order (F2)": "新建订单 (F2)(&N)",
    "Customer": "客户",
    "&Choose customer… (F4)": "选择客户… (F4)(&C)",
    "Type or scan an SKU or barcode, then Enter": "输入或扫描 SKU/条码，然后按回车",
    "&Add": "添加(&A)",
    "&Product:": "商品(&P)：",
    "Q&ty:": "数量(&T)：",
    "Lines: Delete removes, + / − change the quantity, Enter edits it.":
        "明细行：Delete 删除，+ / − 增减数量，回车编辑数量。",
    "Subtotal:": "小计：",
    "Discount:": "折扣：",
    "Shipping:": "运费：",
    "Total:": "合计：",
    "Cancel order…": "取消订单…",
    "C&onfirm (Ctrl+Enter)": "确认订单 (Ctrl+Enter)(&O)",
    "New order": "新订单",
    "(not saved yet: add a customer or a line)": "（尚未保存：请选择客户或添加商品）",
    "No customer chosen.": "尚未选择客户。",
    "Someone else changed this order: %1": "其他人已修改此订单：%1",
    "%1: wanted %2, available %3": "%1：需要 %2，可用 %3",
    "Not enough stock — nothing was reserved:": "库存不足 — 未预留任何商品：",
    "Not allowed: %1": "无权操作：%1",
    "%1 × %2 now on the order": "订单中现有 %1 × %2",
    "Order %1 confirmed: stock is reserved.": "订单 %1 已确认：库存已预留。",
    "Cancel order": "取消订单",
    "Why is order %1 cancelled?": "为什么取消订单 %1？",
    "Order %1 cancelled.": "订单 %1 已取消。",
    "No order %1.": "没有订单 %1。",
    "#": "#",
    "SKU": "SKU",
    "Name": "名称",
    "Qty": "数量",
    "Unit price": "单价",
    "Line total": "金额",
    # statuses
    "Draft": "草稿",
    "Needs attention": "待处理",
    "Confirmed": "已确认",
    "Backordered": "缺货待补",
    "In production": "生产中",
    "Picking": "拣货中",
    "Packed": "已打包",
    "Partly shipped": "部分发货",
    "Shipped": "已发货",
    "Delivered": "已送达",
    "On hold": "已暂停",
    "Cancelled": "已取消",
    "Returned": "已退货",
    # order list
    "Number": "订单号",
    "Date": "日期",
    "Phone": "电话",
    "Status": "状态",
    "Channel": "渠道",
    "Total": "合计",
    "Search order number, customer or phone": "搜索订单号、客户或电话",
    "All statuses": "全部状态",
    "&Find:": "查找(&F)：",
    "&Status:": "状态(&S)：",
    "Orders: %1": "订单：%1",
    # stock
    "Specification": "规格",
    "Price": "价格",
    "On hand": "在库",
    "Reserved": "已预留",
    "Available": "可用",
    "goods received": "到货入库",
    "&Quantity received:": "入库数量(&Q)：",
    "&Reference / reason:": "单据号/原因(&R)：",
    "Receive stock": "入库",
    "Search SKU, name or barcode": "搜索 SKU、名称或条码",
    "&Receive…": "入库(&R)…",
    "A&djust…": "调整(&D)…",
    "Products: %1": "商品：%1",
    "No product has the code %1.": "没有商品使用条码 %1。",
    # settings
    "The server refused the user name or password. Check the password for user %1.":
        "服务器拒绝了用户名或密码。请检查用户 %1 的密码。",
    "The server is reachable, but the database \"%1\" does not exist on it. Check the name, "
    "or ask the administrator to create it.":
        "服务器可以连接，但上面没有数据库“%1”。请检查名称，或请管理员创建该数据库。",
    "The server does not know the user \"%1\".": "服务器上没有用户“%1”。",
    "Cannot reach a database server at %1. Check the host name and port, that the server is "
    "running, and that no firewall blocks it.":
        "无法连接到 %1 的数据库服务器。请检查主机名和端口、服务器是否在运行，以及防火墙是否阻止了连接。",  # noqa: E501
    "The database file cannot be opened: check that its folder exists and can be written to.":
        "无法打开数据库文件：请检查其所在文件夹是否存在且可写入。",
    "That file is not an OrderDesk database.": "该文件不是 OrderDesk 数据库。",
    "Could not connect: %1": "无法连接：%1",
    "Settings": "设置",
    "Database": "数据库",
    "Local file on this computer (SQLite)": "本机文件（SQLite）",
    "Shared server (PostgreSQL)": "共享服务器（PostgreSQL）",
    "Browse…": "浏览…",
    "&Test connection": "测试连接(&T)",
    "File:": "文件：",
    "Host:": "主机：",
    "Port:": "端口：",
    "Database name:": "数据库名：",
    "User:": "用户：",
    "Password:": "密码：",
    "This workstation": "本工作站",
    "System default": "跟随系统",
    "Language:": "语言：",
    "Workstation name:": "工作站名称：",
    "Changes take effect when OrderDesk is started again.": "更改将在重新启动 OrderDesk 后生效。",
    "Database file": "数据库文件",
    "SQLite database (*.sqlite3 *.sqlite *.db)": "SQLite 数据库 (*.sqlite3 *.sqlite *.db)",
    "Connecting…": "正在连接…",
    "Connected (server version %1).": "连接成功（服务器版本 %1）。",
    # start-up
    "OrderDesk cannot open its database": "OrderDesk 无法打开数据库",
    "The database could not be opened:\n%1\n\n%2": "无法打开数据库：\n%1\n\n%2",
    "Open settings…": "打开设置…",
}


def fill(ts_path: Path) -> list[str]:
    tree = ET.parse(ts_path)
    missing: list[str] = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source in ZH:
            translation.text = ZH[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    ET.indent(tree)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    text = ts_path.read_text(encoding="utf-8")
    if "<!DOCTYPE TS>" not in text:
        text = text.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
        ts_path.write_text(text, encoding="utf-8")
    return missing


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    gaps = fill(here / "orderdesk_zh_CN.ts")
    for gap in gaps:
        print("untranslated:", gap)
    sys.exit(1 if gaps else 0)
