"""API tokens: how scripts prove who they are to the JSON API (no Flask here).

A token is shown once, when it is made; the table keeps only its SHA-256, like the
sign-in sessions. A token acts with its user's current role, so changing the role
changes what the token may do; a disabled user's tokens are refused, and a revoked token
is dead for good. The table lives in the accounts migration set (``m060_api_tokens``).
"""
from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from . import accounts
from .clock import now
from .db import write_transaction
from .sessions import token_hash

PREFIX = "wbt_"  # tells a workbench token apart in a script or a leaked log
MAX_TOKEN = 100
MAX_LABEL = 100
SEEN_RESOLUTION = timedelta(minutes=5)  # last_used_at is rewritten at most this often


class TokenError(ValueError):
    """The request cannot be done; the message says why (nothing was written)."""


@dataclass
class Refusal:
    """Why a token was refused: ``status`` 401 (no valid token) or 403 (disabled user)."""

    status: int
    message: str


def create(db: sqlite_utils.Database, username: str, label: str | None = None,
           created_by: str | None = None) -> tuple[dict, str]:
    """Make a new token for a user.

    :param label: what the token is for (shown by ``token list``)
    :param created_by: who made it (``command line``)
    :returns: the token's row (without the token) and the token itself, kept nowhere else
    :raises accounts.UserNotFound: no such user
    :raises TokenError: the label is too long
    """
    label = (label or "").strip() or None
    if label and len(label) > MAX_LABEL:
        raise TokenError(f"The label is too long (at most {MAX_LABEL} characters)")
    user = accounts.find_user(db, username)
    if user is None:
        raise accounts.UserNotFound(f"No user {username!r}")
    token = PREFIX + secrets.token_urlsafe(32)
    with write_transaction(db):
        token_id = db["api_tokens"].insert({
            "token_hash": token_hash(token), "user_id": user["id"], "label": label,
            "created_at": now(), "created_by": created_by,
        }).last_pk
    return get(db, token_id), token


def get(db: sqlite_utils.Database, token_id: int) -> dict | None:
    rows = list(db.query(
        "select t.id, t.user_id, u.username, u.role, u.disabled, t.label, t.created_at,"
        " t.created_by, t.last_used_at, t.revoked_at from api_tokens t"
        " join users u on u.id = t.user_id where t.id = ?", [token_id]))
    return rows[0] if rows else None


def list_tokens(db: sqlite_utils.Database, include_revoked: bool = False) -> list[dict]:
    """Every token (never the token itself), newest first."""
    where = "" if include_revoked else " where t.revoked_at is null"
    return list(db.query(
        "select t.id, u.username, u.role, u.disabled, t.label, t.created_at, t.created_by,"
        " t.last_used_at, t.revoked_at from api_tokens t join users u on u.id = t.user_id"
        f"{where} order by t.id desc"))


def revoke(db: sqlite_utils.Database, token_id: int) -> dict:
    """Revoke a token for good.

    :raises TokenError: no such token, or it is revoked already
    """
    with write_transaction(db):
        row = db.execute("select revoked_at from api_tokens where id = ?",
                         [token_id]).fetchone()
        if row is None:
            raise TokenError(f"No token {token_id}")
        if row[0] is not None:
            raise TokenError(f"Token {token_id} was revoked already ({row[0]})")
        db.execute("update api_tokens set revoked_at = ? where id = ?", [now(), token_id])
    return get(db, token_id)


def authenticate(db: sqlite_utils.Database, token: str | None) -> dict | Refusal:
    """The user a token acts for, or why it is refused.

    :param token: what followed ``Bearer`` in the Authorization header (``None``: none)
    """
    if not token:
        return Refusal(401, "This API needs a token: send the header "
                            "'Authorization: Bearer <token>' (flask --app app token create USER).")
    if len(token) > MAX_TOKEN or not token.isascii():
        return Refusal(401, "The token is not valid.")
    rows = list(db.query(
        "select id, user_id, last_used_at from api_tokens"
        " where token_hash = ? and revoked_at is null", [token_hash(token)]))
    if not rows:
        return Refusal(401, "The token is not valid, or it was revoked.")
    user = accounts.get_user(db, rows[0]["user_id"])
    if user is None:
        return Refusal(401, "The token is not valid.")
    if user["disabled"]:
        return Refusal(403, f"The user {user['username']!r} of this token is disabled.")
    _touch(db, rows[0])
    return user


def _touch(db: sqlite_utils.Database, row: dict) -> None:
    """Note the token's use (for ``token list``), now and then rather than every call."""
    stamp = now()
    last = row["last_used_at"]
    if last:
        try:
            if datetime.fromisoformat(stamp) - datetime.fromisoformat(last) < SEEN_RESOLUTION:
                return
        except ValueError:
            pass
    try:
        with write_transaction(db):
            db.execute("update api_tokens set last_used_at = ? where id = ?", [stamp, row["id"]])
    except sqlite3.OperationalError:  # busy: token list shows an older time
        pass
