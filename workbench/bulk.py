"""One verdict on every quote under a filter, as one batch that undoes as one step."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import sqlite_utils

from . import review_log
from .clock import now
from .db import write_transaction
from .queries import QuoteFilter, filter_from
from .review import DISPUTE_REASONS, VERDICT_FIELDS, ReviewError, Verdict

MAX_BULK = 50_000


class CountChanged(ReviewError):
    """The filter matches a different number of quotes than the reviewer confirmed."""


@dataclass
class BulkResult:
    batch_id: str
    changed: int


def matching_ids(db: sqlite_utils.Database, filt: QuoteFilter) -> list[int]:
    """The quotes ``filt`` selects now, read from the quotes themselves.

    A search gathered for a page (queue.SearchedFilter) holds the statuses of that moment
    in a temporary table; a bulk verdict filtering on them would overwrite a verdict given
    since, so the filter is read afresh as a plain one.
    """
    live = filt.plain()
    where, params = live.where()
    return [r[0] for r in db.execute(f"select q.id {filter_from(live)} {where}", params)]


def bulk_verdict(db: sqlite_utils.Database, filt: QuoteFilter, verdict: Verdict, reviewer: str,
                 expected_count: int | None = None) -> BulkResult:
    """Set ``verdict`` on every quote the filter matches (those already at it are left).

    :param expected_count: the count the reviewer was shown; if the filter now matches a
        different number, :class:`CountChanged` is raised and nothing is written
    """
    verdict.validate()
    note = (verdict.note or "").strip() or None
    url = (verdict.evidence_url or "").strip() or None
    reason = verdict.reason if verdict.status == "disputed" else None
    batch = uuid.uuid4().hex
    with write_transaction(db):
        ids = matching_ids(db, filt)
        if expected_count is not None and len(ids) != expected_count:
            raise CountChanged(f"The filter now matches {len(ids)} quotes, not {expected_count}:"
                               " check the count and confirm again")
        if len(ids) > MAX_BULK:
            raise ReviewError(f"At most {MAX_BULK:,} quotes at once; narrow the filter")
        stamp = now()
        log_note = "; ".join(filter(None, [DISPUTE_REASONS.get(reason or ""), note])) or None
        cols = ", ".join(VERDICT_FIELDS)
        changed = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            olds = list(db.query(f"select id, version, {cols} from quotes where id in ({marks})"
                                 f" and status != ?", [*chunk, verdict.status]))
            if not olds:
                continue
            db.execute(
                f"update quotes set status = ?, note = ?, evidence_url = ?, dispute_reason = ?,"
                f" reviewer = ?, reviewed_at = ?, version = version + 1"
                f" where id in ({','.join('?' * len(olds))})",
                [verdict.status, note, url, reason, reviewer, stamp, *[o["id"] for o in olds]])
            review_log.append(db, [{
                "quote_id": o["id"], "reviewer": reviewer, "action": "verdict",
                "field": "status", "old_value": o["status"], "new_value": verdict.status,
                "note": log_note, "evidence_url": url, "batch_id": batch, "at": stamp,
                "snapshot": json.dumps({k: o[k] for k in VERDICT_FIELDS}),
                "version": o["version"] + 1, "undoes": None,
            } for o in olds])
            changed += len(olds)
    return BulkResult(batch, changed)
