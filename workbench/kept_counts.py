"""Checking the counts that triggers keep (migrations m003 and m070) against a full count.

Pages read those tables instead of counting quotes; if one ever drifted (a trigger bug, a
hand edit of the database) every page would show the wrong figure without an error. This
recounts from the quotes and the review log and names each table that differs; it reads
every quote, so it is for tests, benchmarks and maintenance, not for requests.
"""
from __future__ import annotations

import sqlite3

import sqlite_utils

from .db import PROGRESS_TABLES

SUMS = ("count(*), sum(status = 'verified'), sum(status = 'disputed'),"
        " sum(status = 'unreviewed')")

# table -> (what it holds, what a full count gives), each as rows sorted by their key
CHECKS = {
    **{table: (f"select {key}, total, verified, disputed, unreviewed from {table} order by 1",
               f"select {key}, {SUMS} from quotes where {key} is not null group by 1 order by 1")
       for table, (key, _) in PROGRESS_TABLES.items()},
    "quote_counts_by_article_kind": (
        "select article_id, kind, status, n from quote_counts_by_article_kind order by 1, 2, 3",
        "select article_id, coalesce(kind, ''), status, count(*) from quotes"
        " group by 1, 2, 3 order by 1, 2, 3"),
    "quote_status_counts": (
        "select status, n from quote_status_counts where n != 0 order by 1",
        "select status, count(*) from quotes group by 1 order by 1"),
    "reviewer_activity": (
        "select reviewer, actions, last_at from reviewer_activity order by 1",
        "select reviewer, count(*), max(at) from review_log where reviewer is not null"
        " group by 1 order by 1"),
}


def differences(db: sqlite_utils.Database | sqlite3.Connection) -> list[str]:
    """The kept-count tables whose rows differ from a full count (empty when all agree).

    :param db: a workbench database (or a plain connection to one)
    """
    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    return [table for table, (kept, full) in CHECKS.items()
            if conn.execute(kept).fetchall() != conn.execute(full).fetchall()]
