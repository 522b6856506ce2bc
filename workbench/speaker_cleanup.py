"""Keeping the speaker list clean: "not a speaker", rename, remove an alias, split a wrong
merge, and where each alias came from.

Changes to quotes go through :func:`~workbench.review.log_change` (one batch, undone
as one step); changes to a speaker row alone are kept in ``speaker_log``.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import sqlite_utils

from .clock import now
from .corrections import MAX_NAME, CorrectionError
from .review import log_change
from .db import write_transaction
from .speaker_names import is_descriptor
from .speakers import get_speaker


def _log(db: sqlite_utils.Database, speaker_id: int, reviewer: str, action: str,
         old_value: str | None, new_value: str | None) -> None:
    db["speaker_log"].insert({"speaker_id": speaker_id, "reviewer": reviewer, "action": action,
                              "old_value": old_value, "new_value": new_value, "at": now()})


def _speaker(db: sqlite_utils.Database, speaker_id: int) -> dict:
    sp = get_speaker(db, speaker_id)
    if sp is None:
        raise CorrectionError(f"No speaker {speaker_id}")
    return sp


def mark_not_speaker(db: sqlite_utils.Database, speaker_id: int, reviewer: str) -> int:
    """Mark a speaker "not a speaker" ("Tuesday", "the statement"): its quotes go back to
    unattributed in one batch that undo reverses (flag included), and later articles
    leave quotes of that name unattributed.

    :returns: the number of quotes unattributed
    """
    with write_transaction(db):
        sp = _speaker(db, speaker_id)
        if sp["not_speaker"]:
            raise CorrectionError(f"{sp['name']} is already marked not a speaker")
        if sp["merged_into"]:
            raise CorrectionError(f"{sp['name']} is merged into another speaker; split it first")
        db.execute("update speakers set not_speaker = 1 where id = ?", [speaker_id])
        _log(db, speaker_id, reviewer, "not_speaker", sp["name"], None)
        ids = [r[0] for r in db.execute(
            "select id from quotes where speaker_id = ? order by id", [speaker_id])]
        batch, stamp = uuid.uuid4().hex, now()
        for qid in ids:
            log_change(db, qid, {"speaker_id": None, "speaker_role": None}, reviewer=reviewer,
                       action="not_speaker", field="speaker", old_value=sp["name"],
                       new_value="unattributed", batch_id=batch, stamp=stamp,
                       extra_snapshot={"_speaker_flag": {"id": speaker_id, "not_speaker": 0}})
        return len(ids)


def mark_speaker(db: sqlite_utils.Database, speaker_id: int, reviewer: str) -> None:
    """Take back "not a speaker" for later articles (quotes already unattributed stay so;
    undo in the queue restores them)."""
    with write_transaction(db):
        sp = _speaker(db, speaker_id)
        if not sp["not_speaker"]:
            raise CorrectionError(f"{sp['name']} is not marked")
        db.execute("update speakers set not_speaker = 0 where id = ?", [speaker_id])
        _log(db, speaker_id, reviewer, "is_speaker", None, sp["name"])


def rename_speaker(db: sqlite_utils.Database, speaker_id: int, name: str, reviewer: str) -> dict:
    """Give a speaker another canonical name; the old one stays an alias if it is a name."""
    name = " ".join((name or "").split())
    if not name:
        raise CorrectionError("Type the new name")
    if len(name) > MAX_NAME:
        raise CorrectionError(f"Speaker name is too long (at most {MAX_NAME} characters)")
    with write_transaction(db):
        sp = _speaker(db, speaker_id)
        if name == sp["name"]:
            raise CorrectionError("The name is unchanged")
        other = db.execute("select id from speakers where name = ? collate nocase and id != ?",
                           [name, speaker_id]).fetchone()
        if other:
            raise CorrectionError(f"Another speaker is called {name} (#{other[0]}): merge the "
                                  "two instead")
        aliases = json.loads(sp["aliases"] or "[]")
        if not is_descriptor(sp["name"]) and sp["name"] not in aliases:
            aliases.append(sp["name"])
        db.execute("update speakers set name = ?, aliases = ? where id = ?",
                   [name, json.dumps(sorted(set(aliases))), speaker_id])
        _log(db, speaker_id, reviewer, "rename", sp["name"], name)
        return _speaker(db, speaker_id)


def remove_alias(db: sqlite_utils.Database, speaker_id: int, alias: str, reviewer: str) -> None:
    """Drop one alias: typed names and later merges no longer find the speaker by it."""
    with write_transaction(db):
        sp = _speaker(db, speaker_id)
        aliases = json.loads(sp["aliases"] or "[]")
        if alias not in aliases:
            raise CorrectionError(f"{sp['name']} has no alias {alias!r}")
        aliases.remove(alias)
        db.execute("update speakers set aliases = ? where id = ?",
                   [json.dumps(aliases), speaker_id])
        _log(db, speaker_id, reviewer, "remove_alias", alias, None)


def split_speaker(db: sqlite_utils.Database, source_id: int, reviewer: str) -> int:
    """Undo a wrong merge of ``source_id`` whenever it was made: its quotes that are still
    on the merged speaker come back (reviewed or not), its names leave the merged speaker's
    aliases and it stands alone again. One batch; undo re-merges.

    :returns: the number of quotes moved back
    """
    with write_transaction(db):
        src = _speaker(db, source_id)
        row = db.execute(
            "select batch_id, snapshot from review_log where action = 'merge'"
            " and json_extract(snapshot, '$._speakers.from.id') = ?"
            " order by id desc limit 1", [source_id]).fetchone()
        if row is None:
            raise CorrectionError(f"{src['name']} was never merged into another speaker")
        before = json.loads(row[1])["_speakers"]
        into = _speaker(db, before["into"]["id"])
        ids = [r[0] for r in db.execute(
            "select l.quote_id from review_log l join quotes q on q.id = l.quote_id"
            " where l.batch_id = ? and q.speaker_id = ? order by l.quote_id",
            [row[0], into["id"]])]
        added = set(json.loads(into["aliases"] or "[]")) - set(
            json.loads(before["into"]["aliases"] or "[]"))
        kept = [a for a in json.loads(into["aliases"] or "[]") if a not in added]
        undo_state = {"from": {"id": src["id"], "merged_into": src["merged_into"],
                               "aliases": src["aliases"]},
                      "into": {"id": into["id"], "aliases": into["aliases"], "role": into["role"]},
                      "chained": []}
        db.execute("update speakers set aliases = ? where id = ?", [json.dumps(kept), into["id"]])
        db.execute("update speakers set merged_into = null where id = ?", [src["id"]])
        for sid in before.get("chained", []):
            db.execute("update speakers set merged_into = ? where id = ?", [src["id"], sid])
        batch, stamp = uuid.uuid4().hex, now()
        for qid in ids:
            log_change(db, qid, {"speaker_id": src["id"]}, reviewer=reviewer, action="split",
                       field="speaker", old_value=into["name"], new_value=src["name"],
                       batch_id=batch, stamp=stamp, extra_snapshot={"_speakers": undo_state})
        _log(db, src["id"], reviewer, "split", into["name"], src["name"])
        return len(ids)


@dataclass
class AliasSource:
    alias: str
    how: str  # "extractor", "merge", "rename"
    detail: str


def alias_sources(db: sqlite_utils.Database, speaker_id: int) -> list[AliasSource]:
    """Where each of a speaker's aliases came from: a merge (whose, by whom, when), a
    rename, or the extractor (the articles whose quotes name the speaker so)."""
    sp = _speaker(db, speaker_id)
    out = []
    for alias in json.loads(sp["aliases"] or "[]"):
        merged = db.execute(
            "select l.reviewer, l.at from review_log l where l.action = 'merge'"
            " and l.old_value = ? and l.new_value = ? order by l.id desc limit 1",
            [alias, sp["name"]]).fetchone()
        renamed = db.execute(
            "select reviewer, at from speaker_log where speaker_id = ? and action = 'rename'"
            " and old_value = ? order by id desc limit 1", [speaker_id, alias]).fetchone()
        merged_names = db.execute(
            "select name from speakers where merged_into = ? and name = ?",
            [speaker_id, alias]).fetchone()
        if merged or merged_names:
            detail = f"merged in by {merged[0]} on {merged[1][:10]}" if merged else "merged in"
            out.append(AliasSource(alias, "merge", detail))
        elif renamed:
            out.append(AliasSource(alias, "rename",
                                   f"the old name, renamed by {renamed[0]} on {renamed[1][:10]}"))
        else:
            rows = db.execute(
                "select a.id, coalesce(a.title, 'Article ' || a.id) from quotes q"
                " join articles a on a.id = q.article_id where q.speaker_id = ?"
                " and q.speaker_mention = ? group by a.id order by a.id limit 4",
                [speaker_id, alias]).fetchall()
            titles = ", ".join(f"#{r[0]} {r[1][:60]}" for r in rows)
            out.append(AliasSource(alias, "extractor",
                                   f"named so in {titles}" if rows else
                                   "found by the extractor (no quote cites it now)"))
    return out
