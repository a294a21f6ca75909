"""Connecting to the database, with failures told in words a shop can act on.

``check_connection(db)`` opens one connection and runs ``SELECT 1``; on failure it raises
``ConnectionProblem`` whose message says what is wrong (server down, TLS required but not
offered, wrong password, unknown database, bad ``sslmode``) instead of a driver traceback.
The UI's connection banner and the CLI use the same text.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from app.db.engine import Database

SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


class ConnectionProblem(Exception):
    """The database cannot be reached; the message is for the person at the desk."""


def explain(exc: BaseException, url: str) -> str:
    parsed = make_url(url)
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    raw = str(getattr(exc, "orig", None) or exc)
    low = raw.lower()
    sslmode = parsed.query.get("sslmode")
    if "server does not support ssl" in low or ("ssl" in low and "required" in low):
        return (f"The database server at {where} does not accept encrypted (TLS) connections, "
                f"but this workstation asks for one (sslmode={sslmode}). Turn TLS on at the "
                "server (ssl = on in postgresql.conf), or on a trusted network use "
                "sslmode=prefer or sslmode=disable.")
    if "invalid sslmode" in low:
        return (f"sslmode={sslmode} is not a PostgreSQL TLS mode; use one of "
                f"{', '.join(SSL_MODES)}.")
    if "password authentication failed" in low or "no password supplied" in low:
        return (f"The database server at {where} refused the user {parsed.username}: the "
                "password is wrong or missing. Store it again in the keyring "
                "(orderdesk password store URL).")
    if f'database "{parsed.database}" does not exist' in low:
        return f"The server at {where} has no database called {parsed.database}."
    if "connection refused" in low or "could not connect" in low or "timeout" in low:
        return (f"The database server at {where} cannot be reached (is it running, and is "
                "the network up?). Work typed so far is kept; the desk reconnects by itself.")
    return f"The database at {where} cannot be used: {raw.strip().splitlines()[0]}"


def check_connection(db: Database) -> None:
    if db.is_sqlite:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (OperationalError, DBAPIError) as exc:
        raise ConnectionProblem(explain(exc, db.url)) from exc
    except Exception as exc:  # psycopg raises ProgrammingError for a bad sslmode value
        raise ConnectionProblem(explain(exc, db.url)) from exc
