"""The review log: the append-only history of every change to a quote (verdicts, bulk
verdicts, corrections, ratings, undo), written by :func:`append` and nowhere else.

Each row keeps the fields' old values (``snapshot``) so that a change can be shown and
undone; triggers (migration m001) refuse any UPDATE or DELETE of a row.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import sqlite_utils

COLUMNS = ("quote_id", "reviewer", "action", "field", "old_value", "new_value", "note",
           "evidence_url", "batch_id", "at", "snapshot", "version", "undoes")
_INSERT = (f"insert into review_log ({', '.join(COLUMNS)}) "
           f"values ({', '.join('?' * len(COLUMNS))})")


def append(db: sqlite_utils.Database, rows: Iterable[Mapping]) -> None:
    """Add log rows, inside the caller's write transaction; a column left out is NULL.

    Plain SQL: sqlite-utils' insert reads the schema first (4 more statements), and this
    runs inside the write lock on every verdict.

    :param rows: one mapping per row, keyed by names of :data:`COLUMNS`
    :raises ValueError: a key that is not a column (nothing is written)
    """
    values = []
    for row in rows:
        unknown = set(row) - set(COLUMNS)
        if unknown:
            raise ValueError(f"review_log has no column {', '.join(sorted(unknown))}")
        values.append([row.get(c) for c in COLUMNS])
    db.conn.executemany(_INSERT, values)
