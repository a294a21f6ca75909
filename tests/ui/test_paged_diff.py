"""diff_rows: the edits that turn the loaded rows into the refreshed ones."""

from __future__ import annotations

import random

from app.ui.models.paged import RowEdit, diff_rows


def _apply(rows: list[tuple[int, str]], edits: list[RowEdit[tuple[int, str]]]
           ) -> list[tuple[int, str]]:
    out = list(rows)
    for e in edits:
        if e.kind == "set":
            out[e.pos:e.pos + len(e.rows)] = list(e.rows)
        elif e.kind == "insert":
            out[e.pos:e.pos] = list(e.rows)
        else:
            del out[e.pos:e.pos + e.count]
    return out


def test_diff_rows_turns_old_into_new() -> None:
    """Newest-first lists with rows added, removed and changed: applying the edits in order
    gives exactly the new list, and unchanged rows produce no edit."""
    rng = random.Random(5)
    for _ in range(300):
        ids = sorted(rng.sample(range(200), rng.randint(0, 40)), reverse=True)
        old = [(i, "a") for i in ids]
        new_ids = sorted({i for i in ids if rng.random() > 0.2}
                         | set(rng.sample(range(200), rng.randint(0, 10))), reverse=True)
        new = [(i, "b" if rng.random() < 0.2 else "a") for i in new_ids]
        edits = diff_rows(old, new, key=lambda r: r[0], before=lambda x, y: x[0] > y[0])
        assert _apply(old, edits) == new
    assert diff_rows(old, list(old), key=lambda r: r[0], before=lambda x, y: x[0] > y[0]) == []


def test_diff_rows_groups_neighbours() -> None:
    old = [(5, "a"), (4, "a"), (3, "a"), (2, "a")]
    new = [(7, "n"), (6, "n"), (5, "x"), (4, "x"), (2, "a")]
    edits = diff_rows(old, new, key=lambda r: r[0], before=lambda x, y: x[0] > y[0])
    assert edits == [RowEdit("insert", 0, ((7, "n"), (6, "n"))),
                     RowEdit("set", 2, ((5, "x"), (4, "x"))),
                     RowEdit("remove", 4, count=1)]
