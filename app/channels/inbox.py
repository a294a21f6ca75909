"""Inbox folders: a file dropped into a channel's folder is imported, then moved to
``done/`` or, when the file itself cannot be read, to ``failed/`` next to a
``<name>.reason.txt`` saying why."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from app.channels import UnreadableFile, read_file
from app.channels.reading import file_sha256
from app.db.engine import Database
from app.services import intake
from app.services.context import Actor

SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm"}


@dataclass
class InboxResult:
    file: Path  # where the file is now
    ok: bool
    message: str
    summary: intake.ImportSummary | None = None


def waiting_files(folder: Path) -> list[Path]:
    """Files in the folder itself (not done/ or failed/), oldest first; files still being
    written (a temporary name or suffix) are left alone."""
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir()
             if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))


def _move(path: Path, target_dir: Path) -> Path:
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    n = 1
    while target.exists():
        target = target_dir / f"{path.stem}-{n}{path.suffix}"
        n += 1
    shutil.move(str(path), target)
    return target


def process_file(db: Database, actor: Actor, path: Path, fmt: str, channel: str,
                 mapping: object = None, timezone: tzinfo | None = None) -> InboxResult:
    """Import one inbox file and move it to done/ or failed/."""
    kwargs = {"timezone": timezone} if timezone is not None else {}
    try:
        items = read_file(fmt, path, channel, None, None, mapping, **kwargs)
        sha = file_sha256(path)
        summary = intake.import_items(db, actor, items, channel=channel, fmt=fmt,
                                      file_name=path.name, file_sha256=sha)
    except (UnreadableFile, OSError) as exc:
        reason = str(exc)
        moved = _move(path, path.parent / "failed")
        moved.with_name(moved.name + ".reason.txt").write_text(reason + "\n", "utf-8")
        return InboxResult(moved, False, reason)
    moved = _move(path, path.parent / "done")
    return InboxResult(moved, True, summary.text(), summary)
