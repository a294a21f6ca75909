"""Shared-database passwords live in the operating system's keyring, not in settings.

Stored under the service "OrderDesk", keyed by ``user@host`` (the PostgreSQL role and
server). A URL saved in the settings carries no password; ``with_password`` fills it in
from the keyring when the desk connects. Without a usable keyring (a headless Linux box)
nothing is stored and the URL is used as it is; the caller gets a clear message instead.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine import make_url

logger = logging.getLogger(__name__)

SERVICE = "OrderDesk"


class KeyringUnavailable(Exception):
    """No keyring backend on this computer (the message says what to do)."""


def key_for(user: str, host: str) -> str:
    return f"{user}@{host}"


def _is_postgres(url: str) -> bool:
    return make_url(url).drivername.startswith("postgres")


def store_password(url: str, password: str | None = None) -> str:
    """Put the URL's password (or ``password``) in the keyring; return the URL without it."""
    import keyring
    from keyring.errors import KeyringError

    parsed = make_url(url)
    secret = password if password is not None else parsed.password
    if not parsed.username or not parsed.host or secret is None:
        raise ValueError("A shared-database URL needs a user, a host and a password to store.")
    try:
        keyring.set_password(SERVICE, key_for(parsed.username, parsed.host), str(secret))
    except KeyringError as exc:
        raise KeyringUnavailable(
            f"This computer has no usable keyring ({exc}); set the password in the "
            "ORDERDESK_DATABASE_URL environment variable or a ~/.pgpass file instead."
        ) from exc
    return parsed._replace(password=None).render_as_string(hide_password=False)


def forget_password(url: str) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    parsed = make_url(url)
    try:
        keyring.delete_password(SERVICE, key_for(parsed.username or "", parsed.host or ""))
    except (PasswordDeleteError, KeyringError):
        pass


def with_password(url: str) -> str:
    """A PostgreSQL URL without a password gets the one kept in the keyring, if any."""
    if not _is_postgres(url):
        return url
    parsed = make_url(url)
    if parsed.password is not None or not parsed.username or not parsed.host:
        return url
    try:
        import keyring
        from keyring.errors import KeyringError

        secret = keyring.get_password(SERVICE, key_for(parsed.username, parsed.host))
    except (ImportError, KeyringError) as exc:  # no keyring: connect without, say why
        logger.info("no keyring for %s: %s", key_for(parsed.username, parsed.host), exc)
        return url
    if secret is None:
        return url
    return parsed.set(password=secret).render_as_string(hide_password=False)
