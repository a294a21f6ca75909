"""Keyring-held passwords and TLS (sslmode) on PostgreSQL URLs."""

from __future__ import annotations

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from sqlalchemy.engine import make_url

from app import config, credentials
from app.cli import main
from app.db.connect import ConnectionProblem, check_connection
from app.db.engine import Database


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    import keyring

    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


def test_password_moves_from_url_to_keyring_and_back(memory_keyring: MemoryKeyring,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://clerk:s3cr%40t@db.shop.lan:5433/orderdesk?sslmode=require"
    assert main(["password", "store", url]) == 0
    clean = capsys.readouterr().out.rsplit(" ", 1)[-1].strip()
    assert make_url(clean).password is None and "s3cr" not in clean
    assert memory_keyring.store == {("OrderDesk", "clerk@db.shop.lan"): "s3cr@t"}
    settings = config.Settings(database_url=clean)
    settings.save()
    resolved = make_url(config.resolve_database_url())
    assert (resolved.password, resolved.query["sslmode"], resolved.port) == ("s3cr@t", "require",
                                                                            5433)
    assert "s3cr" not in config.Settings.path().read_text(encoding="utf-8")
    monkeypatch.setenv(config.ENV_URL, "postgresql://other@db.shop.lan/orderdesk")
    assert make_url(config.resolve_database_url()).password is None  # other user: none kept
    assert config.resolve_database_url("sqlite:///x.sqlite3") == "sqlite:///x.sqlite3"
    assert main(["password", "forget", clean]) == 0
    assert memory_keyring.store == {}


def test_a_url_without_user_or_password_cannot_be_stored(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(ValueError, match="user, a host and a password"):
        credentials.store_password("postgresql://db.shop.lan/orderdesk", None)


def test_sslmode_is_passed_through(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("TLS is for the shared PostgreSQL server")
    plain = Database(db.url + "?sslmode=disable")
    check_connection(plain)  # accepted
    plain.dispose()
    tls = Database(db.url + "?sslmode=require")
    with pytest.raises(ConnectionProblem, match=r"does not accept encrypted \(TLS\) connections"
                                                r".*sslmode=require"):
        check_connection(tls)
    tls.dispose()
    bogus = Database(db.url + "?sslmode=sometimes")
    with pytest.raises(ConnectionProblem, match="sslmode=sometimes is not a PostgreSQL TLS mode"):
        check_connection(bogus)
    bogus.dispose()
    gone = Database("postgresql://postgres@127.0.0.1:1/nothing")
    with pytest.raises(ConnectionProblem, match="cannot be reached"):
        check_connection(gone)
    gone.dispose()
