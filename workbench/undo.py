"""Undo, kept in the database: an undo appends log rows restoring the before-state.

The review log is append-only, so undoing never deletes anything: each undone row gets a
new ``undo`` row whose ``undoes`` names the batch it reverses. A bulk action or a speaker
merge shares one ``batch_id`` and so undoes as one step. A quote changed by someone after
the action is left as it is (never silently overwritten) and reported as skipped.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

import sqlite_utils

from .clock import now
from .corrections import log_change
from .db import write_transaction
from .review import VersionConflict, get_quote


class NothingToUndo(LookupError):
    pass


@dataclass
class UndoResult:
    batch_id: str  # the batch that was undone
    action: str
    undone: list[int] = field(default_factory=list)  # quote ids restored
    skipped: list[dict] = field(default_factory=list)  # quotes changed since: current rows
    undo_batch: str = ""


def last_action(db: sqlite_utils.Database, reviewer: str) -> dict | None:
    """The reviewer's latest log row whose batch is not undone yet (``None`` if none)."""
    rows = list(db.query(
        "select * from review_log where reviewer = ? and action != 'undo'"
        " and batch_id not in (select undoes from review_log where undoes is not null)"
        " order by id desc limit 1", [reviewer]))
    return rows[0] if rows else None


def describe(db: sqlite_utils.Database, row: dict) -> str:
    """A short description of the batch a log row belongs to, for the Undo button."""
    n = db.execute("select count(*) from review_log where batch_id = ?",
                   [row["batch_id"]]).fetchone()[0]
    what = {"verdict": f"{row['new_value']}", "speaker": "speaker change", "span": "span change",
            "add": "added quote", "merge": "speaker merge"}.get(row["action"], row["action"])
    return f"{what} on {n} quotes" if n > 1 else f"{what} on quote {row['quote_id']}"


def undo_last(db: sqlite_utils.Database, reviewer: str) -> UndoResult:
    row = last_action(db, reviewer)
    if row is None:
        raise NothingToUndo(f"{reviewer} has nothing to undo")
    return undo_batch(db, row["batch_id"], reviewer)


def undo_batch(db: sqlite_utils.Database, batch_id: str, reviewer: str) -> UndoResult:
    """Reverse every change of one batch that is still the quote's latest state.

    :raises NothingToUndo: unknown batch, or it is already undone
    :raises VersionConflict: a one-quote action whose quote changed since
    """
    with write_transaction(db):
        rows = list(db.query("select * from review_log where batch_id = ? order by id desc",
                             [batch_id]))
        if not rows or rows[0]["action"] == "undo":
            raise NothingToUndo("Nothing to undo")
        if db.execute("select 1 from review_log where undoes = ? limit 1",
                      [batch_id]).fetchone():
            raise NothingToUndo("That action is already undone")
        result = UndoResult(batch_id, rows[0]["action"], undo_batch=uuid.uuid4().hex)
        stamp = now()
        for row in rows:
            quote = get_quote(db, row["quote_id"])
            if row["version"] is not None and quote["version"] != row["version"]:
                if len(rows) == 1:
                    raise VersionConflict(quote)
                result.skipped.append(quote)
                continue
            snapshot = json.loads(row["snapshot"]) if row["snapshot"] else {}
            snapshot.pop("_speakers", None)  # speaker rows are restored once, below
            if row["action"] == "verdict" and not snapshot:  # logged before snapshots
                snapshot = {"status": row["old_value"]}
            if row["action"] == "add":
                # The quote stays on record; undoing its addition withdraws it.
                snapshot = {"status": "disputed", "dispute_reason": "not_a_quote",
                            "note": "Withdrawn: added in error", "reviewer": reviewer,
                            "reviewed_at": stamp}
            log_change(db, row["quote_id"], snapshot, reviewer=reviewer, action="undo",
                       field=row["field"], old_value=row["new_value"],
                       new_value=row["old_value"] if row["action"] != "add" else "withdrawn",
                       note=f"Undo of {row['action']} by {row['reviewer']} at {row['at']}",
                       batch_id=result.undo_batch, undoes=batch_id, stamp=stamp)
            result.undone.append(row["quote_id"])
        if rows[0]["action"] == "merge" and not result.undone:
            raise VersionConflict(result.skipped[0])
        if rows[0]["action"] == "merge" and result.undone:
            first = json.loads(rows[-1]["snapshot"] or "{}").get("_speakers")
            if first:
                _restore_speakers(db, first)
        return result


def _restore_speakers(db: sqlite_utils.Database, before: dict) -> None:
    src, dst = before["from"], before["into"]
    db.execute("update speakers set merged_into = ?, aliases = ? where id = ?",
               [src["merged_into"], src["aliases"], src["id"]])
    db.execute("update speakers set aliases = ?, role = ? where id = ?",
               [dst["aliases"], dst["role"], dst["id"]])
    for sid in before.get("chained", []):
        db.execute("update speakers set merged_into = ? where id = ?", [src["id"], sid])
