"""The import view, driven like a user would: import a Shopify file, fix and release an
order from "Needs attention", map an unknown SKU, and the inbox folder (done/ and failed/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.channels.shopify_sample import order_rows, write_export
from app.db.engine import Database
from app.db.models import ChannelSkuMap, Order
from app.services.context import Actor
from app.services.intake import ImportSummary
from app.ui.views.intake import ImportView
from tests.factories import make_shop

GOOD = dict(name="Mary Smith", phone="+1 415-555-2671", city="San Francisco", province="CA",
            postcode="94103", country="US")


def _view(qtbot: QtBot, db: Database, admin: Actor) -> ImportView:
    view = ImportView(db, admin)
    qtbot.addWidget(view)
    view.inbox_timer.stop()  # the tests poll by hand
    return view


def _import_through_view(qtbot: QtBot, view: ImportView, path: Path) -> object:
    view.set_file(path)
    view.format_combo.setCurrentIndex(view.format_combo.findData("shopify"))
    with qtbot.waitSignal(view.import_finished, timeout=30_000) as blocker:
        qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def _status(db: Database, ref: str) -> str:
    with db.reader() as s:
        return str(s.scalar(select(Order.status).where(Order.external_ref == ref)))


def _wait_queues(qtbot: QtBot, view: ImportView, rows: int) -> None:
    qtbot.waitUntil(lambda: view.attention_model.rowCount() == rows, timeout=20_000)


def test_import_a_shopify_file_shows_the_summary(qtbot: QtBot, ui_db: Database, admin: Actor,
                                                 tmp_path: Path) -> None:
    make_shop(ui_db, admin)
    path = write_export(tmp_path / "orders.csv", [
        order_rows("#1001", [("MUG-01", "Mug", 2, "25.00")], **GOOD),
        order_rows("#1002", [("TEE-01", "Tee", 1, "59.90")], **{**GOOD, "phone": "12"}),
    ])
    view = _view(qtbot, ui_db, admin)
    view.set_file(path)
    assert view.detected_label.text().endswith("utf-8")
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    assert not view.import_button.isEnabled()  # a dry run is working off the UI thread
    qtbot.waitUntil(lambda: view.preview_model.rowCount() == 1, timeout=20_000)
    assert view.preview_model.highlight == {0}
    assert _status(ui_db, "#1001") == "None"  # nothing written by the preview
    summary = _import_through_view(qtbot, view, path)
    assert isinstance(summary, ImportSummary)
    assert summary.imported == 1 and summary.needs_attention == 1
    assert "1 imported" in view.summary_label.text()
    assert "1 need attention" in view.summary_label.text()
    m = view.preview_model
    shown = {m.data(m.index(r, 2)) for r in range(m.rowCount())}
    assert "needs attention" in shown and "needs_attention" not in shown  # words, not codes
    assert _status(ui_db, "#1001") == "draft"
    assert _status(ui_db, "#1002") == "needs_attention"
    _wait_queues(qtbot, view, 1)
    again = _import_through_view(qtbot, view, path)
    assert isinstance(again, ImportSummary)
    assert again.unchanged == 2 and again.imported == 0


def test_fix_and_release_an_order_from_the_queue(qtbot: QtBot, ui_db: Database, admin: Actor,
                                                 tmp_path: Path) -> None:
    make_shop(ui_db, admin)
    path = write_export(tmp_path / "bad.csv", [
        order_rows("#2001", [("MUG-01", "Mug", 1, "25.00")], **{**GOOD, "phone": "555"})])
    view = _view(qtbot, ui_db, admin)
    _import_through_view(qtbot, view, path)
    _wait_queues(qtbot, view, 1)
    with ui_db.reader() as s:
        oid = s.scalar(select(Order.id).where(Order.external_ref == "#2001"))
    assert oid is not None and view.select_attention(oid)
    assert "not a valid phone number" in view.fix_problems["phone"].text()
    assert not view.release_selected()  # still wrong: refused, with the reason
    assert "still has problems" in view.attention_status.text()
    assert _status(ui_db, "#2001") == "needs_attention"
    view.fix_edits["phone"].setText("+1 415-555-2671")
    assert view.release_selected(), view.attention_status.text()
    assert _status(ui_db, "#2001") == "draft"
    _wait_queues(qtbot, view, 0)


def test_map_an_unknown_sku_and_release(qtbot: QtBot, ui_db: Database, admin: Actor,
                                        tmp_path: Path) -> None:
    ids = make_shop(ui_db, admin)
    path = write_export(tmp_path / "sku.csv", [
        order_rows("#3001", [("SHOP-MUG-RED", "Red mug", 2, "25.00")], **GOOD)])
    view = _view(qtbot, ui_db, admin)
    _import_through_view(qtbot, view, path)
    _wait_queues(qtbot, view, 1)
    with ui_db.reader() as s:
        oid = s.scalar(select(Order.id).where(Order.external_ref == "#3001"))
    assert oid is not None and view.select_attention(oid)
    assert view.held_model.highlight == {0}
    assert not view.map_selected_sku()  # no line chosen yet
    view.held_table.selectRow(0)
    view.map_to_edit.setText("MUG-01")
    assert view.map_selected_sku(), view.attention_status.text()
    with ui_db.reader() as s:
        mapped = s.scalar(select(ChannelSkuMap.product_id).where(
            ChannelSkuMap.channel == "shopify", ChannelSkuMap.external_sku == "SHOP-MUG-RED"))
    assert mapped == ids["mug"]  # remembered for next time
    assert view.held_model.highlight == set()
    assert view.release_selected(), view.attention_status.text()
    assert _status(ui_db, "#3001") == "draft"


def test_inbox_files_go_to_done_or_failed(qtbot: QtBot, ui_db: Database, admin: Actor,
                                          tmp_path: Path) -> None:
    make_shop(ui_db, admin)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    view = _view(qtbot, ui_db, admin)
    view.set_inbox("shopify", inbox, "shopify")
    assert ImportView.inboxes()["shopify"]["folder"] == str(inbox)  # kept in the settings
    write_export(inbox / "good.csv", [order_rows("#4001", [("MUG-01", "Mug", 1, "25.00")],
                                                 **GOOD)])
    with qtbot.waitSignal(view.inbox_processed, timeout=30_000) as first:
        assert view.poll_inboxes() == 1
    assert first.args[0].ok
    assert (inbox / "done" / "good.csv").exists() and not (inbox / "good.csv").exists()
    assert _status(ui_db, "#4001") == "draft"
    (inbox / "broken.csv").write_text("this,is,not\na,shopify,export\n", "utf-8")
    with qtbot.waitSignal(view.inbox_processed, timeout=30_000) as second:
        assert view.poll_inboxes() == 1
    assert not second.args[0].ok
    assert (inbox / "failed" / "broken.csv").exists()
    reason = (inbox / "failed" / "broken.csv.reason.txt").read_text("utf-8")
    assert "not a Shopify file" in reason
    assert view.poll_inboxes() == 0  # nothing left waiting


def test_generic_csv_with_a_mapping_saved_per_channel(qtbot: QtBot, ui_db: Database,
                                                      admin: Actor, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from app.services import intake
    from app.ui.dialogs.column_mapping import ColumnMappingDialog

    make_shop(ui_db, admin)
    path = tmp_path / "erp.csv"
    path.write_text("单号,客户,电话,国家,州,城市,邮编,地址,货号,数量,单价\r\n"
                    "E1,Mary Smith,+1 415-555-2671,US,CA,San Francisco,94103,1 Market St,"
                    "MUG-01,2,25.00\r\n", "utf-8")
    view = _view(qtbot, ui_db, admin)
    view.set_file(path)
    view.format_combo.setCurrentIndex(view.format_combo.findData("csv"))
    view.channel_edit.setText("erp")
    assert view.mapping_button.isEnabled()

    def fill(dialog: ColumnMappingDialog) -> int:
        for name, header in (("order_ref", "单号"), ("customer_name", "客户"),
                             ("phone", "电话"), ("ship_country", "国家"),
                             ("ship_province", "州"), ("ship_city", "城市"),
                             ("ship_postcode", "邮编"), ("ship_street", "地址"),
                             ("sku", "货号"), ("quantity", "数量"), ("unit_price", "单价")):
            dialog.set_column(name, header)
        return int(ColumnMappingDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(ColumnMappingDialog, "exec", fill)
    assert view.edit_mapping()
    saved = intake.column_mapping(ui_db, "erp")
    assert saved is not None and '"货号"' in saved
    with qtbot.waitSignal(view.import_finished, timeout=30_000) as done:
        qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    assert done.args[0].imported == 1, view.summary_label.text()
    assert _status(ui_db, "E1") == "draft"


def test_unreadable_row_retried_from_the_view(qtbot: QtBot, ui_db: Database, admin: Actor,
                                              tmp_path: Path) -> None:
    import csv
    import io

    from app.channels.shopify_sample import HEADER

    make_shop(ui_db, admin)
    path = write_export(tmp_path / "r.csv", [order_rows("#1", [("MUG-01", "Mug", 1, "25.00")],
                                                        **GOOD)])
    with open(path, "ab") as fh:
        fh.write(b"#9" + b",x" * 80 + b"\r\n")
    view = _view(qtbot, ui_db, admin)
    _import_through_view(qtbot, view, path)
    qtbot.waitUntil(lambda: view.unreadable_model.rowCount() == 1, timeout=20_000)
    view.unreadable_table.selectRow(0)
    assert view.raw_edit.toPlainText().startswith("#9,x")
    buf = io.StringIO()
    csv.DictWriter(buf, fieldnames=HEADER, lineterminator="\r\n").writerows(
        order_rows("#9", [("TEE-01", "Tee", 1, "59.90")], **GOOD))
    view.raw_edit.setPlainText(buf.getvalue())
    view.retry_selected()
    assert "1 imported" in view.unreadable_status.text()
    assert _status(ui_db, "#9") == "draft"
    qtbot.waitUntil(lambda: view.unreadable_model.rowCount() == 0, timeout=20_000)
