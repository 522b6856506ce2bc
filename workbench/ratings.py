"""Claim ratings: a reviewer rates what a quote claims, on a scale an admin can change.

The rating sits beside the attribution verdict (verified / disputed) and is written the
way a verdict is: versioned (a stale write is refused), logged in the review log with
the fields before it, so the reviewer's undo reverses it like any other action.
"""
from __future__ import annotations

import re

import sqlite_utils

from .clock import now
from .db import write_transaction
from .review import log_change

KINDS = ("attribution", "truth")
BEST, WORST = 5, 1  # ClaimReview's scale; an entry valued 0 has no place on it
MAX_LABEL = 80


class RatingError(ValueError):
    """An unknown rating or a bad scale entry; nothing was written."""


def scale(db: sqlite_utils.Database, active_only: bool = True) -> list[dict]:
    """The scale's entries in order (retired ones too unless ``active_only``)."""
    where = " where active = 1" if active_only else ""
    return list(db.query(f"select * from rating_scale{where} order by position, key"))


def labels(db: sqlite_utils.Database) -> dict[str, str]:
    """Every key (retired ones too: old ratings still show) to its label."""
    return {r["key"]: r["label"] for r in db.query("select key, label from rating_scale")}


def set_rating(db: sqlite_utils.Database, quote_id: int, key: str | None, reviewer: str,
               expected_version: int | None = None) -> dict:
    """Rate a quote (``key`` ``None`` clears the rating) and log it, in one transaction.

    :raises RatingError: ``key`` is not an active entry of the scale
    :raises review.QuoteNotFound: no such quote
    :raises VersionConflict: the quote changed since ``expected_version``
    :returns: the quote row after the write
    """
    with write_transaction(db):
        if key is not None and not db.execute(
                "select 1 from rating_scale where key = ? and active = 1", [key]).fetchone():
            raise RatingError(f"Unknown rating {key[:50]!r}; use one of "
                              + ", ".join(r["key"] for r in scale(db)))
        stamp = now()
        return log_change(db, quote_id, {"rating": key, "rated_by": reviewer if key else None,
                                         "rated_at": stamp if key else None},
                          reviewer=reviewer, action="rating", field="rating", new_value=key,
                          expected_version=expected_version, stamp=stamp)


def save_entry(db: sqlite_utils.Database, key: str, label: str, kind: str,
               value: int, position: int | None = None, active: bool = True) -> None:
    """Add or change one entry of the scale (an admin's change).

    :raises RatingError: a malformed key, an empty or long label, an unknown kind or a
        value outside 0-5
    """
    key, label = (key or "").strip(), " ".join((label or "").split())
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", key):
        raise RatingError("A rating key is 1-40 lowercase letters, digits or _ "
                          f"(starting with a letter), not {key!r}")
    if not label or len(label) > MAX_LABEL:
        raise RatingError(f"A rating needs a label of at most {MAX_LABEL} characters")
    if kind not in KINDS:
        raise RatingError(f"Unknown kind {kind!r}; use {' or '.join(KINDS)}")
    if not 0 <= value <= BEST:
        raise RatingError(f"A rating's value is 0 (off the scale) to {BEST} (best)")
    with write_transaction(db):
        if position is None:  # where it stands, or last when it is new
            position = db.execute(
                "select coalesce((select position from rating_scale where key = ?),"
                " (select coalesce(max(position), -1) + 1 from rating_scale))",
                [key]).fetchone()[0]
        db["rating_scale"].upsert({"key": key, "label": label, "kind": kind, "value": value,
                                   "position": position, "active": int(active)}, pk="key")


def retire(db: sqlite_utils.Database, key: str) -> None:
    """Take an entry off the scale; quotes rated with it keep their rating."""
    with write_transaction(db):
        if not db.execute("update rating_scale set active = 0 where key = ?", [key]).rowcount:
            raise RatingError(f"No rating {key!r} on the scale")

