"""Reviewer accounts: users, roles and argon2-hashed passwords (no Flask here).

Roles are ordered: a viewer reads and exports, a reviewer also gives verdicts, corrects
and ingests, an admin also manages users. Passwords are hashed with argon2id
(argon2-cffi); a password set by someone else (first admin, new user, reset) is a
one-time password the user must replace at first sign-in.
"""
from __future__ import annotations

import re
import secrets
import sqlite3

import sqlite_utils
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlite_utils import Migrations

from . import sessions
from .clock import now
from .transactions import write_transaction

ROLES = ("viewer", "reviewer", "admin")
RANK = {role: i for i, role in enumerate(ROLES, 1)}
MIN_PASSWORD = 10
MAX_PASSWORD = 256
MAX_USERNAME = 64
USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
FIRST_ADMIN = "admin"

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
# Verified against when the username is unknown, so a wrong name costs as long as a
# wrong password and the timing does not tell which names exist.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))

# The accounts schema is its own migration set so it can evolve apart from the
# review data; create_app, the CLI and restore apply it with ``migrate``.
migrations = Migrations("workbench-accounts")


@migrations()
def m001_users(db: sqlite_utils.Database) -> None:
    db["users"].create(
        {
            "id": int,
            "username": str,
            "password_hash": str,
            "role": str,
            "disabled": int,
            "must_change_password": int,
            "created_at": str,
            "created_by": str,
            "updated_at": str,
            "last_login_at": str,
        },
        pk="id",
        not_null={"username", "password_hash", "role", "disabled", "must_change_password"},
        defaults={"disabled": 0, "must_change_password": 0},
    )
    db.execute("CREATE UNIQUE INDEX idx_users_username ON users (username COLLATE NOCASE)")


@migrations()
def m006_sessions(db: sqlite_utils.Database) -> None:
    """Sessions kept on the server (workbench/sessions.py): ending one is for good."""
    db["sessions"].create(
        {
            "id": int,
            "token_hash": str,
            "user_id": int,
            "created_at": str,
            "last_seen_at": str,
            "address": str,
            "user_agent": str,
            "ended_at": str,
            "ended_reason": str,
        },
        pk="id",
        not_null={"token_hash", "user_id", "created_at"},
        foreign_keys=[("user_id", "users", "id")],
    )
    db["sessions"].create_index(["token_hash"], unique=True)
    db["sessions"].create_index(["user_id", "ended_at"])


@migrations()
def m060_api_tokens(db: sqlite_utils.Database) -> None:
    """Tokens for the JSON API (workbench/api_tokens.py): only their SHA-256 is kept."""
    db["api_tokens"].create(
        {
            "id": int,
            "token_hash": str,
            "user_id": int,
            "label": str,
            "created_at": str,
            "created_by": str,
            "last_used_at": str,
            "revoked_at": str,
        },
        pk="id",
        not_null={"token_hash", "user_id", "created_at"},
        foreign_keys=[("user_id", "users", "id")],
    )
    db["api_tokens"].create_index(["token_hash"], unique=True)


def migrate(db: sqlite_utils.Database) -> None:
    migrations.apply(db)


class AccountError(ValueError):
    """The request cannot be done; the message says why (nothing was written)."""


class UserNotFound(LookupError):
    pass


def validate_username(username: str) -> str:
    username = (username or "").strip()
    if not username:
        raise AccountError("A username is required")
    if len(username) > MAX_USERNAME or not USERNAME_RE.match(username):
        raise AccountError(
            "A username is 1 to 64 letters, digits, dots, dashes or underscores, "
            "starting with a letter or digit")
    return username


def validate_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; use one of {', '.join(ROLES)}")
    return role


def validate_password(password: str, username: str | None = None) -> str:
    if password is None or not password.strip():
        raise AccountError("A password is required")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password is too short (at least {MIN_PASSWORD} characters)")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"The password is too long (at most {MAX_PASSWORD} characters)")
    if username and password.strip().lower() == username.lower():
        raise AccountError("The password must not be the username")
    return password


def generate_password() -> str:
    """A one-time password: 16 URL-safe characters (96 bits), easy to copy."""
    return secrets.token_urlsafe(12)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def get_user(db: sqlite_utils.Database, user_id: int) -> dict | None:
    rows = list(db.query("select * from users where id = ?", [user_id]))
    return rows[0] if rows else None


def find_user(db: sqlite_utils.Database, username: str) -> dict | None:
    rows = list(db.query("select * from users where username = ? collate nocase",
                         [(username or "").strip()]))
    return rows[0] if rows else None


def _require(db: sqlite_utils.Database, username: str) -> dict:
    user = find_user(db, username)
    if user is None:
        raise UserNotFound(f"No user {username!r}")
    return user


def list_users(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query(
        "select id, username, role, disabled, must_change_password, created_at, created_by,"
        " updated_at, last_login_at from users order by username collate nocase"))


def count_users(db: sqlite_utils.Database) -> int:
    return db.execute("select count(*) from users").fetchone()[0]


def create_user(db: sqlite_utils.Database, username: str, role: str,
                password: str | None = None, created_by: str | None = None,
                must_change: bool | None = None) -> tuple[dict, str | None]:
    """Add a user.

    :param password: the password to set; ``None`` generates a one-time password
    :param must_change: force a new password at first sign-in (default: when generated)
    :returns: the user row and the generated one-time password (``None`` when given)
    :raises AccountError: invalid name, role or password, or the name is taken
    """
    username = validate_username(username)
    validate_role(role)
    generated = None
    if password is None:
        password = generated = generate_password()
    else:
        validate_password(password, username)
    if must_change is None:
        must_change = generated is not None
    hashed = hash_password(password)  # slow: outside the write lock
    taken = AccountError(f"The username {username!r} is taken")
    try:
        with write_transaction(db):
            if find_user(db, username):
                raise taken
            stamp = now()
            user_id = db["users"].insert({
                "username": username, "password_hash": hashed, "role": role, "disabled": 0,
                "must_change_password": int(bool(must_change)), "created_at": stamp,
                "created_by": created_by, "updated_at": stamp,
            }).last_pk
    except sqlite3.IntegrityError:  # created by another process in the meantime
        raise taken from None
    return get_user(db, user_id), generated


def ensure_first_admin(db: sqlite_utils.Database) -> str | None:
    """When there is no user at all, create ``admin`` with a one-time password.

    :returns: the one-time password to show once, or ``None`` when users exist
    """
    if count_users(db):
        return None
    try:
        _, password = create_user(db, FIRST_ADMIN, "admin", created_by="first run")
    except AccountError:  # another process created it a moment ago
        return None
    return password


def authenticate(db: sqlite_utils.Database, username: str, password: str) -> dict | None:
    """The user when the name and password match an enabled account, else ``None``."""
    username = (username or "").strip()
    user = find_user(db, username) if username and len(username) <= MAX_USERNAME else None
    if not password or len(password) > MAX_PASSWORD:
        return None
    try:
        _hasher.verify(user["password_hash"] if user else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if user is None or user["disabled"]:
        return None
    stamp = now()
    updates = {"last_login_at": stamp}
    if _hasher.check_needs_rehash(user["password_hash"]):
        updates["password_hash"] = hash_password(password)
    with write_transaction(db):
        db["users"].update(user["id"], updates)
    return get_user(db, user["id"])


def check_password(user: dict, password: str) -> bool:
    try:
        return _hasher.verify(user["password_hash"], password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def set_password(db: sqlite_utils.Database, username: str, password: str | None = None,
                 must_change: bool | None = None,
                 keep_session: int | None = None) -> tuple[dict, str | None]:
    """Set a new password; ``None`` generates a one-time password to be changed at
    the next sign-in. Every session of the user ends in the same commit.

    :param keep_session: the one session that goes on (the one changing its password)
    :returns: the user row and the generated password (``None`` when given)
    """
    user = _require(db, username)
    generated = None
    if password is None:
        password = generated = generate_password()
    else:
        validate_password(password, user["username"])
        if check_password(user, password):
            raise AccountError("The new password must differ from the current one")
    if must_change is None:
        must_change = generated is not None
    hashed = hash_password(password)
    with write_transaction(db):
        db["users"].update(user["id"], {
            "password_hash": hashed, "must_change_password": int(bool(must_change)),
            "updated_at": now()})
        sessions.end_in_transaction(db, user["id"], "password changed", keep=keep_session)
    return get_user(db, user["id"]), generated


def _active_admins(db: sqlite_utils.Database) -> int:
    return db.execute(
        "select count(*) from users where role = 'admin' and disabled = 0").fetchone()[0]


def set_role(db: sqlite_utils.Database, username: str, role: str) -> dict:
    """Change a user's role; the last enabled admin cannot be demoted (no lock-out)."""
    validate_role(role)
    with write_transaction(db):
        user = _require(db, username)
        if user["role"] == "admin" and role != "admin" and not user["disabled"] \
                and _active_admins(db) <= 1:
            raise AccountError("This is the last admin: make someone else admin first")
        db["users"].update(user["id"], {"role": role, "updated_at": now()})
    return get_user(db, user["id"])


def set_disabled(db: sqlite_utils.Database, username: str, disabled: bool) -> dict:
    """Disable (sign out and refuse) or enable a user; never the last enabled admin.

    Disabling ends every session for good: enabling the user again brings none back.
    """
    with write_transaction(db):
        user = _require(db, username)
        if disabled and user["role"] == "admin" and not user["disabled"] \
                and _active_admins(db) <= 1:
            raise AccountError("This is the last admin: make someone else admin first")
        db["users"].update(user["id"], {"disabled": int(bool(disabled)), "updated_at": now()})
        if disabled:
            sessions.end_in_transaction(db, user["id"], "user disabled")
    return get_user(db, user["id"])


def has_role(user: dict | None, role: str) -> bool:
    """Whether the user's role includes ``role`` (admin > reviewer > viewer)."""
    return bool(user) and not user["disabled"] and RANK.get(user["role"], 0) >= RANK[role]
