"""Kill a real child process in the middle of a unit of work.

``crash_at(url, target, *args, at=...)`` starts a fresh (spawned) Python process that opens
``Database(url)`` and calls ``target(db, *args)``. When the child reaches the chosen point it
tells the parent and blocks; the parent then sends SIGKILL — no ``finally``, no rollback,
no atexit, exactly like a power-less crash of the program. Points:

- ``Statement(n)``           after the n-th SQL statement the child executes (1-based);
- ``Statement(n, "INSERT INTO reservations")`` after the n-th statement containing that text;
- ``Commit()``               just before the DBAPI COMMIT (the transaction is complete but
                             not committed); ``Commit(after=True)`` right after it returned;
- ``Named("x")``             at ``app.db.faults.point("x")`` in production code.

``target`` must be importable (a module-level function), because the child is spawned.
``count_statements(url, target, *args)`` runs the target to the end in a child and returns
how many statements it executed, so a test can kill at every one of them in turn.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

WAIT_S = 120.0


@dataclass(frozen=True)
class Statement:
    n: int
    containing: str = ""


@dataclass(frozen=True)
class Commit:
    after: bool = False


@dataclass(frozen=True)
class Named:
    name: str


Point = Statement | Commit | Named


class CrashPointNotReached(AssertionError):
    pass


def _install(point: Point | None, out: Any, counter: list[int]) -> None:
    from sqlalchemy import Engine, event
    from sqlalchemy.orm import Session

    from app.db import faults

    def stop() -> None:
        out.put(("reached", str(point), counter[0]))
        threading.Event().wait()  # block until the parent kills this process

    def after_execute(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if isinstance(point, Statement) and point.containing.lower() not in statement.lower():
            return
        counter[0] += 1
        if isinstance(point, Statement) and counter[0] == point.n:
            stop()

    event.listen(Engine, "after_cursor_execute", after_execute)
    if isinstance(point, Commit) and point.after:
        event.listen(Session, "after_commit", lambda session: stop())
    elif isinstance(point, Commit):
        event.listen(Engine, "commit", lambda conn: stop())  # before the DBAPI COMMIT
    if isinstance(point, Named):
        faults.install(lambda name: stop() if name == point.name else None)


def _child(url: str, target: Callable[..., Any], args: tuple[Any, ...], point: Point | None,
           out: Any) -> None:
    from app.db.engine import Database

    counter = [0]
    _install(point, out, counter)
    db = Database(url)
    try:
        result = target(db, *args)
        out.put(("done", repr(result), counter[0]))
    except BaseException as exc:  # reported to the parent, which decides
        out.put(("error", f"{type(exc).__name__}: {exc}", counter[0]))
    finally:
        db.dispose()


@dataclass(frozen=True)
class Outcome:
    killed: bool
    detail: str = ""
    statements: int = 0


def _start(url: str, target: Callable[..., Any], args: tuple[Any, ...], point: Point | None
           ) -> tuple[Any, Any]:
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    proc = ctx.Process(target=_child, args=(url, target, args, point, out), daemon=True)
    proc.start()
    return proc, out


def crash_at(url: str, target: Callable[..., Any], *args: Any, at: Point) -> Outcome:
    """Run ``target(db, *args)`` in a child and SIGKILL it at ``at``.

    Raises CrashPointNotReached if the child finished (or failed) before the point."""
    proc, out = _start(url, target, args, at)
    status, detail, count = out.get(timeout=WAIT_S)  # the child's first word decides
    if status == "reached":
        assert proc.pid is not None
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(WAIT_S)
        assert proc.exitcode == -signal.SIGKILL, proc.exitcode
        return Outcome(True, detail, count)
    proc.join(WAIT_S)
    raise CrashPointNotReached(f"{at} never reached: the child ended ({status}: {detail}) "
                               f"after {count} statements")


def run_in_child(url: str, target: Callable[..., Any], *args: Any) -> Outcome:
    """Run to the end in a child (same set-up as crash_at); returns what it executed."""
    proc, out = _start(url, target, args, None)
    status, detail, count = out.get(timeout=WAIT_S)
    proc.join(WAIT_S)
    if status != "done":
        raise AssertionError(f"the child failed: {detail}")
    return Outcome(False, detail, count)
