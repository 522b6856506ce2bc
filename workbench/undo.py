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

from . import review_log
from .clock import now
from .db import write_transaction
from .review import VersionConflict


CHUNK = 500


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
    # Correlated NOT EXISTS probes the undoes index per row; NOT IN would gather every
    # undo row ever written on each call.
    rows = list(db.query(
        "select * from review_log r where reviewer = ? and action != 'undo'"
        " and not exists (select 1 from review_log u where u.undoes = r.batch_id)"
        " order by id desc limit 1", [reviewer]))
    return rows[0] if rows else None


LABELS = {"speaker": "speaker change", "span": "span change", "add": "added quote",
          "merge": "speaker merge", "cue": "cue change", "kind": "kind change",
          "split": "speaker split", "not_speaker": "not-a-speaker mark"}


def action_label(action: str) -> str:
    """An action of the review log in words: ``not_speaker`` -> "not-a-speaker mark"."""
    return LABELS.get(action, action.replace("_", " "))


def describe(db: sqlite_utils.Database, row: dict) -> str:
    """A short description of the batch a log row belongs to, for the Undo button."""
    n = db.execute("select count(*) from review_log where batch_id = ?",
                   [row["batch_id"]]).fetchone()[0]
    what = row["new_value"] if row["action"] == "verdict" else action_label(row["action"])
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
        # In chunks, with one UPDATE statement prepared per set of fields: a bulk action
        # on tens of thousands of quotes undoes in seconds, not minutes.
        for first in range(0, len(rows), CHUNK):
            chunk = rows[first:first + CHUNK]
            ids = [r["quote_id"] for r in chunk]
            current = {q["id"]: q for q in db.query(
                f"select * from quotes where id in ({','.join('?' * len(ids))})", ids)}
            updates: dict[tuple, list] = {}
            logs = []
            for row in chunk:
                quote = current[row["quote_id"]]
                if row["version"] is not None and quote["version"] != row["version"]:
                    if len(rows) == 1:
                        raise VersionConflict(quote)
                    result.skipped.append(quote)
                    continue
                restore = _restore_values(row, reviewer, stamp)
                updates.setdefault(tuple(restore), []).append(
                    [*restore.values(), row["quote_id"]])
                logs.append({
                    "quote_id": row["quote_id"], "reviewer": reviewer, "action": "undo",
                    "field": row["field"], "old_value": row["new_value"],
                    "new_value": row["old_value"] if row["action"] != "add" else "withdrawn",
                    "note": f"Undo of {row['action']} by {row['reviewer']} at {row['at']}",
                    "evidence_url": None, "batch_id": result.undo_batch, "at": stamp,
                    "snapshot": json.dumps({k: quote[k] for k in restore}),
                    "version": quote["version"] + 1, "undoes": batch_id,
                })
                result.undone.append(row["quote_id"])
            for keys, params in updates.items():
                sets = "".join(f"[{k}] = ?, " for k in keys)
                db.conn.executemany(
                    f"update quotes set {sets}version = version + 1 where id = ?", params)
            review_log.append(db, logs)
        if rows[0]["action"] == "merge" and not result.undone:
            raise VersionConflict(result.skipped[0])
        if result.undone:
            first = json.loads(rows[-1]["snapshot"] or "{}")
            if rows[0]["action"] in ("merge", "split") and first.get("_speakers"):
                _restore_speakers(db, first["_speakers"])
            flag = first.get("_speaker_flag")
            if flag:  # "not a speaker" undone: the speaker is one again
                db.execute("update speakers set not_speaker = ? where id = ?",
                           [flag["not_speaker"], flag["id"]])
        return result


def _restore_values(row: dict, reviewer: str, stamp: str) -> dict:
    """The fields and values that reverse one log row."""
    if row["action"] == "add":
        # The quote stays on record; undoing its addition withdraws it.
        return {"status": "disputed", "dispute_reason": "not_a_quote",
                "note": "Withdrawn: added in error", "reviewer": reviewer, "reviewed_at": stamp}
    snapshot = json.loads(row["snapshot"]) if row["snapshot"] else {}
    snapshot.pop("_speakers", None)  # speaker rows are restored once, after the quotes
    snapshot.pop("_speaker_flag", None)
    if row["action"] == "verdict" and not snapshot:  # logged before snapshots existed
        snapshot = {"status": row["old_value"]}
    return snapshot


def _restore_speakers(db: sqlite_utils.Database, before: dict) -> None:
    src, dst = before["from"], before["into"]
    db.execute("update speakers set merged_into = ?, aliases = ? where id = ?",
               [src["merged_into"], src["aliases"], src["id"]])
    db.execute("update speakers set aliases = ?, role = ? where id = ?",
               [dst["aliases"], dst["role"], dst["id"]])
    for sid in before.get("chained", []):
        db.execute("update speakers set merged_into = ? where id = ?", [src["id"], sid])
