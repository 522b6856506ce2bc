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
    # Inside the write lock every other reviewer's verdict waits, so only what needs the
    # lock runs there: read the version, update (RETURNING the new row), log, commit.
    with write_transaction(db):
        stamp = now()
        return log_change(
            db, quote_id, {"status": verdict.status, "note": note, "evidence_url": url,
                           "dispute_reason": reason, "reviewer": reviewer, "reviewed_at": stamp},
            reviewer=reviewer, action="verdict", field="status", new_value=verdict.status,
            note=log_note, evidence_url=url, batch_id=batch_id, stamp=stamp,
            expected_version=expected_version)


_OLD = object()  # log_change's default old value: the quote's own ``field`` before the change


def log_change(db: sqlite_utils.Database, quote_id: int, changes: dict, *, reviewer: str,
               action: str, field: str, new_value, old_value=_OLD, note: str | None = None,
               evidence_url: str | None = None, batch_id: str | None = None,
               expected_version: int | None = None, undoes: str | None = None,
               extra_snapshot: dict | None = None, stamp: str | None = None) -> dict:
    """Apply ``changes`` to one quote, bump its version and log it, with the old values of
    the changed columns as the log row's snapshot (what undo restores). Verdicts, ratings,
    corrections, merges and clean-ups go through here (a bulk verdict and an undo write
    their rows in chunks of their own); call it inside a write transaction.

    :param old_value: the log's old value; by default the quote's ``field`` before
    :raises QuoteNotFound: no such quote
    :raises VersionConflict: the quote changed since ``expected_version``
    :returns: the quote row after the change
    """
    old = get_quote(db, quote_id)
    if expected_version is not None and old["version"] != expected_version:
        raise VersionConflict(old)
    snapshot = {k: old[k] for k in changes}
    if extra_snapshot:
        snapshot.update(extra_snapshot)
    sets = "".join(f"[{k}] = ?, " for k in changes)
    cur = db.conn.execute(f"update quotes set {sets}version = version + 1 where id = ?"
                          " returning *", [*changes.values(), quote_id])
    new = dict(zip((c[0] for c in cur.description), cur.fetchall()[0]))  # run to the end
    if old_value is _OLD:
        old_value = old.get(field)
    review_log.append(db, [{
        "quote_id": quote_id, "reviewer": reviewer, "action": action, "field": field,
        "old_value": None if old_value is None else str(old_value),
        "new_value": None if new_value is None else str(new_value),
        "note": note, "evidence_url": evidence_url, "batch_id": batch_id or uuid.uuid4().hex,
        "at": stamp or now(), "snapshot": json.dumps(snapshot), "version": new["version"],
        "undoes": undoes,
    }])
    return new


def history(db: sqlite_utils.Database, quote_id: int) -> list[dict]:
    return list(db.query(
        "select * from review_log where quote_id = ? order by id desc", [quote_id]))
