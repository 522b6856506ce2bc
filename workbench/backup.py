"""Backing up and restoring the workbench database with SQLite's online backup API.

Both work while the workbench is serving: the backup API copies a consistent snapshot
page by page (WAL included) and a restore writes into the live file under SQLite's own
locks, so open connections see the restored data on their next transaction instead of
a file swapped under their feet.
"""
from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from . import db as storage
from .clock import now

SQLITE_HEADER = b"SQLite format 3\x00"
REQUIRED_TABLES = {"articles", "quotes", "speakers", "review_log", "_sqlite_migrations"}


class BackupError(ValueError):
    """The file cannot be used; the message says why. Nothing was changed."""


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _copy(src: sqlite3.Connection, dest_path: Path) -> None:
    """Write a consistent snapshot of ``src`` to ``dest_path`` (atomically renamed)."""
    tmp = dest_path.with_name(dest_path.name + f".partial-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    dest = sqlite3.connect(str(tmp))
    try:
        src.backup(dest, pages=1024)
        dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        dest.commit()
    finally:
        dest.close()
    os.replace(tmp, dest_path)


def backup(db_path: str | Path, dest: str | Path, overwrite: bool = False) -> Path:
    """Copy the live database at ``db_path`` to ``dest``; returns the file written.

    :raises BackupError: ``dest`` exists (and ``overwrite`` is false) or is the database
    """
    folder = str(dest).endswith(("/", os.sep))
    db_path, dest = Path(db_path), Path(dest)
    if not db_path.exists():
        raise BackupError(f"There is no database at {db_path}")
    if dest.is_dir() or folder:
        dest = dest / f"workbench-{_stamp()}.db"
    if dest.exists():
        if dest.resolve() == db_path.resolve():
            raise BackupError("The backup file cannot be the database itself")
        if not overwrite:
            raise BackupError(f"{dest} exists; choose another name or pass --force")
    dest.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(db_path), timeout=storage.BUSY_TIMEOUT_MS / 1000)
    try:
        _copy(src, dest)
    finally:
        src.close()
    validate(dest)
    return dest


def validate(path: str | Path) -> dict:
    """Check that ``path`` is a sound workbench database; returns counts of its rows.

    :raises BackupError: not SQLite, damaged, or not a workbench database
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    with open(path, "rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise BackupError(f"{path} is not an SQLite database")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"{path} cannot be opened: {exc}") from None
    try:
        check = conn.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            raise BackupError(f"{path} is damaged: {check[0][0]}")
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        missing = REQUIRED_TABLES - tables
        if missing:
            raise BackupError(f"{path} is not a workbench database "
                              f"(no {', '.join(sorted(missing))} table)")
        sets = {r[0] for r in conn.execute("select migration_set from _sqlite_migrations")}
        if "workbench" not in sets:
            raise BackupError(f"{path} is not a workbench database (no workbench schema)")
        return {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0]
                for t in ("articles", "quotes", "review_log")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a usable SQLite database: {exc}") from None
    finally:
        conn.close()


def restore(db_path: str | Path, src: str | Path) -> tuple[dict, Path | None]:
    """Replace the database at ``db_path`` with the backup ``src``.

    The current database is first copied aside to ``<db>.before-restore-<time>``; the
    restored data is then migrated to the current schema.

    :returns: the restored row counts and the path of the copy kept aside (``None`` when
        there was no database)
    :raises BackupError: ``src`` is not a sound workbench database (nothing changed)
    """
    db_path, src = Path(db_path), Path(src)
    if db_path.exists() and src.resolve() == db_path.resolve():
        raise BackupError("That file is the database itself")
    counts = validate(src)
    aside = None
    if db_path.exists():
        aside = db_path.with_name(f"{db_path.name}.before-restore-{_stamp()}")
        live = sqlite3.connect(str(db_path), timeout=storage.BUSY_TIMEOUT_MS / 1000)
        try:
            _copy(live, aside)
        finally:
            live.close()
    source = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)
    live = storage.connect(db_path, migrate=False)  # WAL, busy timeout
    try:
        source.backup(live.conn)
    finally:
        source.close()
        live.conn.close()
    db = storage.connect(db_path)  # bring an older backup's schema up to date (every set)
    try:
        # The backup's sessions include ones ended since it was taken: end them all, so
        # a restore never brings back a signed-out (or stolen and revoked) session.
        with storage.write_transaction(db):
            db.execute("update sessions set ended_at = ?, ended_reason = 'database restored' "
                       "where ended_at is null", [now()])
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"The restored database fails its integrity check; "
                              f"the previous one is kept at {aside}")
    finally:
        db.conn.close()
    return counts, aside
