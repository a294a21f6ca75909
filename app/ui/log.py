"""Logging for the desk: one rotating file in the user's log folder, plus stderr."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from app.config import log_dir

LOG_FILE = "orderdesk.log"
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(level: int = logging.INFO) -> Path:
    """Send log records to ``log_dir()/orderdesk.log`` (1 MB × 5 files). Returns the path."""
    path = log_dir() / LOG_FILE
    root = logging.getLogger()
    root.setLevel(level)
    if not any(getattr(h, "_orderdesk", False) for h in root.handlers):
        file_handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        file_handler.setFormatter(logging.Formatter(_FORMAT))
        file_handler._orderdesk = True  # type: ignore[attr-defined]
        root.addHandler(file_handler)
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(logging.WARNING)
        console.setFormatter(logging.Formatter(_FORMAT))
        console._orderdesk = True  # type: ignore[attr-defined]
        root.addHandler(console)

    def _excepthook(kind: type[BaseException], value: BaseException, tb: object) -> None:
        logging.getLogger("orderdesk").critical("unhandled error", exc_info=(kind, value, tb))  # type: ignore[arg-type]
        sys.__excepthook__(kind, value, tb)  # type: ignore[arg-type]

    sys.excepthook = _excepthook
    return path
