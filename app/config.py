"""Where the desk keeps its data and which database it talks to.

The database URL is chosen in this order: the ``--database`` option, the
``ORDERDESK_DATABASE_URL`` environment variable, the saved settings, then a SQLite
file in the user's data folder.  Settings live in a small JSON file so that the
command line (which has no Qt) and the UI read the same values.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from app.domain.idle import IdlePolicy

APP_NAME = "OrderDesk"
ENV_URL = "ORDERDESK_DATABASE_URL"
ENV_HOME = "ORDERDESK_HOME"  # tests and portable installs put everything under one folder


def data_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    path = Path(home) if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    path = Path(home, "logs") if home else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def resource_dir() -> Path:
    """The ``resources/`` folder (translations, fonts, icons): in the source tree, or
    inside the PyInstaller bundle (``sys._MEIPASS/resources``)."""
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parents[1]
    return base / "resources"


def docs_dir() -> Path:
    """The ``docs/`` folder (the user guide shown in Help), source tree or bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parents[1]
    return base / "docs"


def default_sqlite_url() -> str:
    return f"sqlite:///{data_dir() / 'orderdesk.sqlite3'}"


@dataclass
class Settings:
    database_url: str = ""
    language: str = ""  # "" = follow the system, "en" or "zh_CN"
    workstation: str = ""
    company_name: str = "OrderDesk Demo Shop"
    company_address: str = ""
    currency: str = "CNY"
    idle_lock_minutes: int = 5  # the counter locks after this long without input; 0 = never
    company_phone: str = ""
    company_email: str = ""
    company_tax_id: str = ""
    label_printer: str = ""  # "" = write a PDF file instead of printing
    slip_printer: str = ""
    default_warehouse: str = ""  # warehouse code
    first_run_done: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def path() -> Path:
        return data_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        try:
            raw = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def idle_policy(self) -> IdlePolicy:
        """The counter's auto-lock; a hand-edited bad value falls back to the default."""
        try:
            return IdlePolicy(int(self.idle_lock_minutes))
        except (TypeError, ValueError):
            return IdlePolicy()

    def save(self) -> None:
        tmp = self.path().with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.path())  # atomic: a crash never leaves half a settings file


def resolve_database_url(cli_value: str | None = None) -> str:
    """The URL to use; a PostgreSQL URL without a password gets it from the keyring."""
    from app.credentials import with_password

    return with_password(_chosen_url(cli_value))


def _chosen_url(cli_value: str | None) -> str:
    if cli_value:
        return cli_value
    env = os.environ.get(ENV_URL)
    if env:
        return env
    saved = Settings.load().database_url
    return saved or default_sqlite_url()


def workstation_name() -> str:
    import socket

    return Settings.load().workstation or socket.gethostname()
