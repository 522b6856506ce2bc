"""The write lock and the write transaction: how every writer of the database takes turns.

Below ``db`` (which opens connections and re-exports these) so that modules whose
migrations ``db`` applies, such as ``accounts``, can write without importing ``db``.
"""
from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlite_utils

BUSY_TIMEOUT_MS = 10_000

_write_locks: dict[str, threading.RLock] = {}
_write_locks_guard = threading.Lock()


def write_lock(path: str | Path) -> threading.RLock:
    """The process-wide lock of one database file (see :func:`write_transaction`)."""
    key = str(Path(path).resolve())
    with _write_locks_guard:
        return _write_locks.setdefault(key, threading.RLock())


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run a block as one write transaction that takes the write lock up front.

    ``BEGIN IMMEDIATE`` waits (up to the busy timeout) for other writers instead of failing
    half-way when a read transaction cannot be upgraded; sqlite-utils calls inside nest as
    savepoints.

    Writers of one process (the server's threads) queue on a lock first: SQLite's busy
    handler polls with sleeps growing to 100 ms, which put whole sleeps into the tail
    latency when twenty reviewers write at once; a lock hands over at once. Other
    processes (a CLI ingest) still meet at SQLite's own lock and busy timeout.
    """
    lock = getattr(db, "write_lock", None)
    if lock is not None and not lock.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
        raise sqlite3.OperationalError("database is locked (waited for another writer)")
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.rollback()
            raise
        else:
            db.conn.execute("COMMIT")
    finally:
        if lock is not None:
            lock.release()
