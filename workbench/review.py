"""Reviewers' verdicts on quotes: versioned writes and the append-only review log."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import sqlite_utils

from . import review_log
from .clock import now
from .db import write_transaction

STATUSES = ("unreviewed", "verified", "disputed")
DISPUTE_REASONS = {
    "misquote": "Misquote",
    "wrong_speaker": "Wrong speaker",
    "out_of_context": "Truncated or out of context",
    "not_a_quote": "Not a quote",
    "other": "Other",
}
# What a verdict changes; the log keeps their old values so a verdict can be undone.
VERDICT_FIELDS = ("status", "note", "evidence_url", "dispute_reason", "reviewer", "reviewed_at")
MAX_NOTE = 5000
MAX_URL = 2000


class ReviewError(ValueError):
    """The request is malformed; nothing was written."""


class QuoteNotFound(LookupError):
    pass


class VersionConflict(Exception):
    """The quote changed since the reviewer loaded it; ``current`` is its state now."""

    def __init__(self, current: dict):
        self.current = current
        super().__init__(
            f"Quote {current['id']} was changed by {current.get('reviewer') or 'someone'} "
            f"(now version {current['version']}, {current['status']}); reload and try again"
        )


@dataclass
class Verdict:
    status: str
    note: str | None = None
    evidence_url: str | None = None
    reason: str | None = None

    def validate(self) -> None:
        if self.status not in STATUSES:
            raise ReviewError(f"Unknown status {self.status!r}; use one of {', '.join(STATUSES)}")
        if self.reason is not None and self.reason not in DISPUTE_REASONS:
            raise ReviewError(f"Unknown dispute reason {self.reason!r}")
        if self.note and len(self.note) > MAX_NOTE:
            raise ReviewError(f"Note is too long ({len(self.note)} characters, at most {MAX_NOTE})")
        if self.evidence_url:
            if len(self.evidence_url) > MAX_URL:
                raise ReviewError("Evidence URL is too long")
            if not self.evidence_url.lower().startswith(("http://", "https://")):
                raise ReviewError("Evidence URL must start with http:// or https://")
        if self.status == "disputed" and not (self.note or self.reason):
            raise ReviewError("A dispute needs a reason or a note saying what is wrong")


def get_quote(db: sqlite_utils.Database, quote_id: int) -> dict:
    # Plain cursor, not db.query: it wraps each query in a savepoint (two more statements),
    # and this runs inside the write lock on every verdict.
    cur = db.conn.execute("select * from quotes where id = ?", [quote_id])
    rows = cur.fetchall()
    if not rows:
        raise QuoteNotFound(f"No quote {quote_id}")
    return dict(zip((c[0] for c in cur.description), rows[0]))


def set_verdict(db: sqlite_utils.Database, quote_id: int, verdict: Verdict, reviewer: str,
                expected_version: int | None = None, batch_id: str | None = None) -> dict:
    """Record a verdict on one quote and log it, in one transaction.

    :param expected_version: the version the reviewer saw; a mismatch raises
        :class:`VersionConflict` and writes nothing. ``None`` skips the check (bulk actions).
    :returns: the quote row after the write
    """
    verdict.validate()
    note = (verdict.note or "").strip() or None
    url = (verdict.evidence_url or "").strip() or None
    reason = verdict.reason if verdict.status == "disputed" else None
    log_note = "; ".join(filter(None, [DISPUTE_REASONS.get(reason or ""), note])) or None
    batch_id = batch_id or uuid.uuid4().hex
    # Inside the write lock every other reviewer's verdict waits, so only what needs the
    # lock runs there: read the version, update (RETURNING the new row), log, commit.
    with write_transaction(db):
        old = get_quote(db, quote_id)
        if expected_version is not None and old["version"] != expected_version:
            raise VersionConflict(old)
        stamp = now()
        cur = db.conn.execute(
            "update quotes set status = ?, note = ?, evidence_url = ?, dispute_reason = ?,"
            " reviewer = ?, reviewed_at = ?, version = version + 1 where id = ? returning *",
            [verdict.status, note, url, reason, reviewer, stamp, quote_id],
        )
        new = dict(zip((c[0] for c in cur.description), cur.fetchall()[0]))  # run to the end
        log = {
            "quote_id": quote_id, "reviewer": reviewer, "action": "verdict", "field": "status",
            "old_value": old["status"], "new_value": verdict.status, "note": log_note,
            "evidence_url": url, "batch_id": batch_id, "at": stamp,
            "snapshot": json.dumps({k: old[k] for k in VERDICT_FIELDS}),
            "version": new["version"],
        }
        review_log.append(db, [log])
        return new


def history(db: sqlite_utils.Database, quote_id: int) -> list[dict]:
    return list(db.query(
        "select * from review_log where quote_id = ? order by id desc", [quote_id]))
