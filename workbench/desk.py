"""A desk's workflow: queues assigned to reviewers, a second look beside the first verdict,
and comments on quotes that can mention a reviewer."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

import sqlite_utils

from .clock import now
from .db import write_transaction
from .queries import FilterError, QuoteFilter, count_quotes
from .queue import prepare
from .review import MAX_NOTE, ReviewError, get_quote

MAX_COMMENT = 5000
MAX_LABEL = 200
VERDICTS = ("verified", "disputed")


class DeskError(ReviewError):
    """The desk action is malformed or impossible; nothing was written."""


def _user_exists(db: sqlite_utils.Database, username: str) -> bool:
    return db.execute("select 1 from users where username = ? and not disabled",
                      [username]).fetchone() is not None


# Assignments ---------------------------------------------------------------------------

def reviewers(db: sqlite_utils.Database) -> list[str]:
    """Everyone who may review, for the assign menu."""
    return [r[0] for r in db.execute(
        "select username from users where role in ('reviewer', 'admin') and not disabled"
        " order by username")]


# Every assignment is counted on each view of the desk: a bound keeps the page's cost
# bounded (a reviewer could otherwise add any number through POST /desk/assign).
MAX_ASSIGNMENTS = 50


def assign(db: sqlite_utils.Database, reviewer: str, filt: QuoteFilter, by: str,
           label: str | None = None) -> int:
    """Give ``reviewer`` the queue of quotes under ``filt`` (an article, a speaker, a
    search...). It shows on their desk as "my queue" until removed."""
    if not _user_exists(db, reviewer):
        raise DeskError(f"No reviewer {reviewer!r}")
    label = " ".join((label or "").split())[:MAX_LABEL] or None
    with write_transaction(db):
        held = db.execute("select count(*) from assignments where reviewer = ?",
                          [reviewer]).fetchone()[0]
        if held >= MAX_ASSIGNMENTS:
            raise DeskError(f"{reviewer} already has {held} queues assigned (at most "
                            f"{MAX_ASSIGNMENTS}): remove one first")
        return db["assignments"].insert({
            "reviewer": reviewer, "args": json.dumps(filt.as_args(), sort_keys=True),
            "label": label, "assigned_by": by, "at": now()}).last_pk


def unassign(db: sqlite_utils.Database, assignment_id: int) -> None:
    with write_transaction(db):
        if not db.execute("select 1 from assignments where id = ?", [assignment_id]).fetchone():
            raise DeskError(f"No assignment {assignment_id}")
        db.execute("delete from assignments where id = ?", [assignment_id])


@dataclass
class Assignment:
    id: int
    reviewer: str
    filt: QuoteFilter
    label: str
    assigned_by: str
    at: str
    unreviewed: int | None  # None: a search too wide to count
    total: int | None
    more_than: int | None = None  # a wide search: its words are in more quotes than this


def assignments(db: sqlite_utils.Database) -> list[Assignment]:
    """Every assignment, by reviewer, with how much of each is left (the desk picks a
    reviewer's own from these, so each is counted once a view)."""
    rows = db.query("select * from assignments order by reviewer, id")
    out = []
    for r in rows:
        try:
            filt = QuoteFilter.from_args(json.loads(r["args"]))
        except (FilterError, ValueError):
            continue  # a filter no longer valid (a removed choice): not shown
        # prepare: a wide search is not counted (None), as in the queue.
        counts = count_quotes(db, prepare(db, filt))
        label = r["label"] or ", ".join(f"{k} {v}" for k, v in filt.as_args().items()) \
            or "every quote"
        out.append(Assignment(r["id"], r["reviewer"], filt, label, r["assigned_by"], r["at"],
                              counts["unreviewed"], counts["all"], counts.get("more_than")))
    return out


# Second looks --------------------------------------------------------------------------

def pending_second_look(db: sqlite_utils.Database, quote_id: int) -> dict | None:
    rows = list(db.query("select * from second_looks where quote_id = ? and second_status"
                         " is null order by id desc limit 1", [quote_id]))
    return rows[0] if rows else None


def second_looks(db: sqlite_utils.Database, quote_id: int) -> list[dict]:
    """Every second look on a quote, newest first, with ``disagree`` set on finished ones."""
    rows = list(db.query("select * from second_looks where quote_id = ? order by id desc",
                         [quote_id]))
    for r in rows:
        r["disagree"] = r["second_status"] is not None and r["second_status"] != r["first_status"]
    return rows


def second_look_counts(db: sqlite_utils.Database, reviewer: str) -> tuple[int, int]:
    """For the desk: second looks ``reviewer`` may give (those they did not ask for
    themselves) and the second looks that disagree with the first verdict.

    :param reviewer: the desk's user; their own first verdicts are not theirs to check
    """
    waiting = db.execute("select count(*) from second_looks where second_status is null"
                         " and coalesce(first_reviewer, '') != ?", [reviewer]).fetchone()[0]
    disagree = db.execute("select count(*) from second_looks where second_status is not"
                          " null and second_status != first_status").fetchone()[0]
    return waiting, disagree


def request_second_look(db: sqlite_utils.Database, quote_id: int, by: str) -> dict:
    """Mark a reviewed quote for a second reviewer; the first verdict is kept as it is."""
    with write_transaction(db):
        quote = get_quote(db, quote_id)
        if quote["status"] not in VERDICTS:
            raise DeskError("Only a verified or disputed quote can have a second look")
        if pending_second_look(db, quote_id):
            raise DeskError("A second look is already asked for")
        db["second_looks"].insert({
            "quote_id": quote_id, "requested_by": by, "requested_at": now(),
            "first_status": quote["status"], "first_reviewer": quote["reviewer"]})
        return pending_second_look(db, quote_id)


def record_second_look(db: sqlite_utils.Database, quote_id: int, reviewer: str, status: str,
                       note: str | None = None) -> dict:
    """The second reviewer's verdict, beside the first (the quote's status is not changed:
    a disagreement is shown for the desk to settle)."""
    if status not in VERDICTS:
        raise DeskError(f"A second look is verified or disputed, not {status!r}")
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise DeskError(f"Note is too long (at most {MAX_NOTE} characters)")
    with write_transaction(db):
        look = pending_second_look(db, quote_id)
        if look is None:
            raise DeskError("No second look is asked for on this quote")
        if reviewer == look["first_reviewer"]:
            raise DeskError("The second look is for another reviewer than the first")
        db["second_looks"].update(look["id"], {
            "second_status": status, "second_reviewer": reviewer, "second_note": note,
            "second_at": now()})
        return db["second_looks"].get(look["id"])


# Comments ------------------------------------------------------------------------------

_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_.-]{1,64})")


def add_comment(db: sqlite_utils.Database, quote_id: int, author: str, body: str) -> dict:
    """A comment on a quote; ``@name`` of a user mentions them (listed on their desk)."""
    body = (body or "").strip()
    if not body:
        raise DeskError("Write a comment first")
    if len(body) > MAX_COMMENT:
        raise DeskError(f"The comment is too long (at most {MAX_COMMENT} characters)")
    with write_transaction(db):
        get_quote(db, quote_id)  # raises QuoteNotFound
        named = sorted({m.rstrip(".-") for m in _MENTION.findall(body)})
        mentions = [n for n in named if _user_exists(db, n)]
        cid = db["comments"].insert({"quote_id": quote_id, "author": author, "body": body,
                                     "mentions": json.dumps(mentions), "at": now()}).last_pk
        return db["comments"].get(cid)


def comments(db: sqlite_utils.Database, quote_id: int) -> list[dict]:
    rows = list(db.query("select * from comments where quote_id = ? order by id", [quote_id]))
    for r in rows:
        r["mentions"] = json.loads(r["mentions"] or "[]")
    return rows


def mentions_of(db: sqlite_utils.Database, username: str, limit: int = 50) -> list[dict]:
    """Comments that mention ``username``, newest first."""
    return list(db.query(
        "select c.*, q.text as quote_text from comments c join quotes q on q.id = c.quote_id"
        " where exists (select 1 from json_each(c.mentions) j where j.value = ?)"
        " order by c.id desc limit ?", [username, limit]))
