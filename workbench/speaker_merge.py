"""Merging two speakers into one, with a plan that says what the merge will apply to.

A named speaker merges globally (its names become aliases, later articles follow the
merge); a descriptor ("Her campaign", "the spokesman") only hands over its quotes.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import sqlite_utils

from .clock import now
from .corrections import CorrectionError, _note
from .review import log_change
from .db import write_transaction
from .speaker_names import is_descriptor, names_only
from .speakers import get_speaker


@dataclass
class MergeResult:
    into: dict
    quotes: int
    batch_id: str
    scope: str = "global"  # "global": later articles follow; "quotes": these quotes only


@dataclass
class MergePlan:
    """What a merge will do, shown before it is done."""
    source: dict
    into: dict
    quotes: int
    articles: int
    scope: str  # "global" or "quotes" (a descriptor: its quotes move, nothing else)
    new_aliases: list[str]  # names the merged speaker will also be known by
    kept_out: list[str]  # descriptors that stay out of its aliases

    def describe(self) -> str:
        n = f"{self.quotes} quote{'s' if self.quotes != 1 else ''}"
        a = f"{self.articles} article{'s' if self.articles != 1 else ''}"
        if self.scope == "quotes":
            return (f"Moves {n} in {a} from “{self.source['name']}” to {self.into['name']}. "
                    f"“{self.source['name']}” is a descriptor, not a name, so this applies to "
                    "these quotes only: later articles and other people's quotes that say "
                    f"“{self.source['name']}” are not affected.")
        also = ", ".join(f"“{x}”" for x in self.new_aliases) or "no new names"
        return (f"Moves {n} in {a} from {self.source['name']} to {self.into['name']}; "
                f"{self.into['name']} will also be known as {also}, and later articles "
                f"that name {self.source['name']} will be attributed to {self.into['name']}.")


def _merge_pair(db: sqlite_utils.Database, from_id: int, into_id: int) -> tuple[dict, dict]:
    src, dst = get_speaker(db, from_id), get_speaker(db, into_id)
    if src is None or dst is None:
        raise CorrectionError(f"No speaker {from_id if src is None else into_id}")
    if dst["merged_into"]:
        dst = get_speaker(db, dst["merged_into"])
    if src["id"] == dst["id"]:
        raise CorrectionError("Pick two different speakers to merge")
    if src["merged_into"]:
        raise CorrectionError(f"{src['name']} is already merged into another speaker")
    return src, dst


def plan_merge(db: sqlite_utils.Database, from_id: int, into_id: int) -> MergePlan:
    """What merging ``from_id`` into ``into_id`` would do, without doing it.

    :raises CorrectionError: unknown or identical speakers, or nothing to move
    """
    src, dst = _merge_pair(db, from_id, into_id)
    quotes, articles = db.execute(
        "select count(*), count(distinct article_id) from quotes where speaker_id = ?",
        [src["id"]]).fetchone()
    if not quotes:
        raise CorrectionError(f"{src['name']} has no quotes to merge")
    if is_descriptor(src["name"]):
        return MergePlan(src, dst, quotes, articles, "quotes", [],
                         sorted(set(json.loads(src["aliases"] or "[]")) | {src["name"]}))
    have = {a.lower() for a in json.loads(dst["aliases"] or "[]")} | {dst["name"].lower()}
    offered = sorted(set(json.loads(src["aliases"] or "[]")) | {src["name"]})
    return MergePlan(src, dst, quotes, articles, "global",
                     [a for a in names_only(offered) if a.lower() not in have],
                     [a for a in offered if is_descriptor(a)])


def merge_speakers(db: sqlite_utils.Database, from_id: int, into_id: int, reviewer: str,
                   note: str | None = None) -> MergeResult:
    """Merge speaker ``from_id`` into ``into_id``: its quotes move, its names become aliases.

    The old speaker row stays with ``merged_into`` set, so later articles naming it land on
    the merged speaker; the whole merge is one batch and undoes as one step. A descriptor
    ("Her campaign", "the spokesman") only hands over its quotes: it is somebody else in
    the next article, so it never becomes an alias or a global merge, and no descriptor
    alias of a named speaker is carried over either.
    """
    note = _note(note)
    with write_transaction(db):
        plan = plan_merge(db, from_id, into_id)
        src, dst = plan.source, plan.into
        quote_ids = [r[0] for r in db.execute(
            "select id from quotes where speaker_id = ? order by id", [src["id"]])]
        chained = [r[0] for r in db.execute(
            "select id from speakers where merged_into = ?", [src["id"]])]
        speakers_before = {
            "from": {"id": src["id"], "merged_into": src["merged_into"], "aliases": src["aliases"]},
            "into": {"id": dst["id"], "aliases": dst["aliases"], "role": dst["role"]},
            "chained": chained,
        }
        if plan.scope == "global":
            aliases = sorted(set(json.loads(dst["aliases"] or "[]")) | set(plan.new_aliases))
            db.execute("update speakers set aliases = ?, role = coalesce(role, ?) where id = ?",
                       [json.dumps(aliases), src["role"], dst["id"]])
            db.execute("update speakers set merged_into = ? where id = ? or merged_into = ?",
                       [dst["id"], src["id"], src["id"]])
        batch = uuid.uuid4().hex
        stamp = now()
        for qid in quote_ids:
            log_change(db, qid, {"speaker_id": dst["id"]}, reviewer=reviewer, action="merge",
                       field="speaker", old_value=src["name"], new_value=dst["name"],
                       note=note, batch_id=batch, stamp=stamp,
                       extra_snapshot={"_speakers": speakers_before})
        return MergeResult(get_speaker(db, dst["id"]), len(quote_ids), batch, plan.scope)
