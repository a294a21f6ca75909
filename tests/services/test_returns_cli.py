"""orderdesk returns list|show|approve|reject|cancel|resolve on both databases."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from app.cli import main
from app.db.engine import Database
from app.services import orders, returns
from app.services.context import Actor
from app.services.returns import ReturnRequest
from tests.services.fulfilment_helpers import shop_with_carriers
from tests.services.test_returns_service import _ship


def test_returns_cli(db: Database, admin: Actor, capsys: pytest.CaptureFixture[str]) -> None:
    ids = shop_with_carriers(db, admin)
    o = _ship(db, admin, ids["wang"], [("TEE-01", 3)])
    line = o.lines[0].id
    late = returns.open_return(db, admin, [ReturnRequest(line, 1, "changed_mind")],
                               today=date.today() + timedelta(days=40))
    other = returns.open_return(db, admin, [ReturnRequest(line, 1, "wrong_size")])
    url = ["--database", db.url]

    assert main(["returns", "list", "--json", *url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["number"] for r in listed] == [late.number, other.number]
    assert main(["returns", "list", *url]) == 0
    assert other.number in capsys.readouterr().out

    assert main(["returns", "show", late.number.lower(), "--json", *url]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["status"] == "requested" and "14 days" in shown["outside_policy"]
    assert shown["lines"][0]["sku"] == "TEE-01" and shown["expected_units"] == 1

    # Outside the policy: refused without a reason, in plain words; approved with one.
    assert main(["returns", "approve", late.number, *url]) == 1
    assert "a manager must approve it with a reason" in capsys.readouterr().err
    assert main(["returns", "approve", late.number, "--reason", "loyal customer", "--json",
                 *url]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "approved"
    assert main(["returns", "cancel", other.number, "--reason", "kept it", *url]) == 0
    assert "cancelled" in capsys.readouterr().out

    assert main(["returns", "show", "RMA-999999", *url]) == 1
    assert "there is no return RMA-999999" in capsys.readouterr().err
    assert main(["returns", "resolve", late.number, "--as", "refund", *url]) == 1
    assert "inspected" in capsys.readouterr().err  # not received yet

    assert returns.receive_scan(db, admin, late.id, "TEE-01").accepted
    returns.inspect_line(db, admin, returns.get_return(db, late.id).lines[0].id, "as_new",
                         "restock")
    assert main(["returns", "resolve", late.number, *url]) == 1
    assert "--as refund" in capsys.readouterr().err
    assert main(["returns", "resolve", late.number, "--as", "exchange", "--item", "TEE-01:0",
                 *url]) == 1
    assert "CODE:N with N above 0" in capsys.readouterr().err
    assert main(["returns", "resolve", late.number, "--as", "exchange", "--item", "TEE-01:1",
                 "--json", *url]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["status"] == "resolved" and done["resolution"] == "exchange"
    assert orders.get_order(db, done["exchange_order_id"]).status == "confirmed"
    assert main(["returns", "show", late.number, *url]) == 0
    assert "resolved by exchange" in capsys.readouterr().out
