"""Sign-in sessions kept on the server, so ending one ends it for good (no Flask here).

The browser's signed cookie names a session by a random token; the table keeps only the
token's SHA-256. A session is over once its row has ``ended_at``: signing out, a password
change or reset, disabling the user, or ending it from the sessions page. A cookie copied
before that is dead too, and enabling a user again brings none of their sessions back.
The table lives in the accounts migration set (``accounts.m006_sessions``).
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

import sqlite_utils

from .clock import now
from .transactions import write_transaction

MAX_AGENT = 200  # characters of the browser's User-Agent kept to tell sessions apart
KEEP_DAYS = 30  # ended and expired rows are deleted after this many days


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def start(db: sqlite_utils.Database, user_id: int, address: str | None = None,
          agent: str | None = None) -> tuple[int, str]:
    """Record a new session for a user who has just proved who they are.

    :param address: the client address, shown on the sessions page
    :param agent: the browser's User-Agent, shown (shortened) on the sessions page
    :returns: the session's id and the token for the cookie (kept nowhere else)
    """
    token = secrets.token_urlsafe(32)
    stamp = now()
    old = (datetime.now(timezone.utc) - timedelta(days=KEEP_DAYS)).isoformat(
        timespec="milliseconds")
    with write_transaction(db):
        db.execute("delete from sessions where coalesce(ended_at, last_seen_at) < ?", [old])
        session_id = db["sessions"].insert({
            "token_hash": token_hash(token), "user_id": user_id, "created_at": stamp,
            "last_seen_at": stamp, "address": (address or "")[:64],
            "user_agent": (agent or "")[:MAX_AGENT],
        }).last_pk
    return session_id, token


def find(db: sqlite_utils.Database, token: str, user_id: int) -> dict | None:
    """The live (not ended) session of ``user_id`` with this token, else ``None``."""
    if not isinstance(token, str) or not token or len(token) > 100:
        return None
    rows = list(db.query(
        "select * from sessions where token_hash = ? and user_id = ? and ended_at is null",
        [token_hash(token), user_id]))
    return rows[0] if rows else None


def touch(db: sqlite_utils.Database, session_id: int) -> None:
    """Note that the session was just used (for the sessions page)."""
    with write_transaction(db):
        db.execute("update sessions set last_seen_at = ? where id = ? and ended_at is null",
                   [now(), session_id])


def end_in_transaction(db: sqlite_utils.Database, user_id: int, reason: str,
                       session_id: int | None = None, keep: int | None = None) -> int:
    """End one session of a user (``session_id``) or all of them but ``keep``, inside the
    caller's write transaction (a password change ends them in the same commit).

    :returns: how many sessions ended
    """
    sql = "update sessions set ended_at = ?, ended_reason = ? where user_id = ? " \
          "and ended_at is null"
    params: list = [now(), reason, user_id]
    if session_id is not None:
        sql += " and id = ?"
        params.append(session_id)
    if keep is not None:
        sql += " and id != ?"
        params.append(keep)
    return db.execute(sql, params).rowcount


def end(db: sqlite_utils.Database, user_id: int, reason: str, session_id: int | None = None,
        keep: int | None = None) -> int:
    """:func:`end_in_transaction` in a transaction of its own."""
    with write_transaction(db):
        return end_in_transaction(db, user_id, reason, session_id=session_id, keep=keep)


def live(db: sqlite_utils.Database, user_id: int, started_since: str,
         seen_since: str) -> list[dict]:
    """A user's sessions not ended, most recently used first.

    :param started_since: older sessions have reached their whole-length cap
    :param seen_since: sessions not seen since have timed out idle
    """
    return list(db.query(
        "select id, created_at, last_seen_at, address, user_agent from sessions "
        "where user_id = ? and ended_at is null and created_at >= ? and last_seen_at >= ? "
        "order by last_seen_at desc, id desc", [user_id, started_since, seen_since]))
