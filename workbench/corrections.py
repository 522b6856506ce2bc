"""Reviewers' corrections to quotes: speaker, span, cue, kind, missed quotes.

Every change is versioned like a verdict (a stale ``expected_version`` raises
:class:`~workbench.review.VersionConflict` and writes nothing) and logged in the
append-only review_log with the fields' old values, so it can be shown and undone.
"""
from __future__ import annotations

import json
import re

import sqlite_utils

from .clock import now
from .db import write_transaction
from .speaker_names import is_descriptor
from .speakers import get_speaker, speaker_name
from .review import (MAX_NOTE, QuoteNotFound, ReviewError, VersionConflict, get_quote,
                     log_change)

MAX_QUOTE_CHARS = 5000
MAX_NAME = 200
MAX_CUE_CHARS = 200
KINDS = ("direct", "mixed", "reported")
SPEAKER_FIELDS = ("speaker_id", "speaker_role", "speaker_mention", "speaker_start", "speaker_end")
SPAN_FIELDS = ("start", "end", "text", "fragments")


class CorrectionError(ReviewError):
    """The correction is malformed or impossible; nothing was written."""


def _note(note: str | None) -> str | None:
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise CorrectionError(f"Note is too long ({len(note)} characters, at most {MAX_NOTE})")
    return note


# Speakers ------------------------------------------------------------------------------

def find_or_create_speaker(db: sqlite_utils.Database, name: str, role: str | None = None) -> int:
    """The speaker with this name (or alias), following merges; created if unknown."""
    name = " ".join((name or "").split())
    if not name:
        raise CorrectionError("Type the speaker's name")
    if len(name) > MAX_NAME:
        raise CorrectionError(f"Speaker name is too long (at most {MAX_NAME} characters)")
    rows = list(db.query(
        "select id, merged_into from speakers where name = ? collate nocase", [name]))
    if not rows:
        rows = [r for r in db.query(
            "select s.id, s.merged_into from speakers s, json_each(s.aliases) j"
            " where j.value = ? collate nocase", [name])]
    if rows:
        return rows[0]["merged_into"] or rows[0]["id"]
    return db["speakers"].insert({
        "name": name, "kind": "person", "role": (role or "").strip() or None,
        "aliases": json.dumps([name]),
    }).last_pk


def _quote_spans(db: sqlite_utils.Database, article_id: int) -> list[tuple[int, int]]:
    """Every quote's fragments in the article: words a mention must never be taken from."""
    spans = []
    for start, end, frags in db.execute(
            "select start, end, fragments from quotes where article_id = ?", [article_id]):
        spans.extend(tuple(f) for f in json.loads(frags or "[]") or [[start, end]])
    return spans


def _find_mention(text: str, names: list[str], around: int,
                  inside_quotes: list[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """The occurrence of any of the names (or their last words) nearest to ``around``,
    outside every quote: a name said inside a quote is not who says it."""
    candidates = set()
    for n in names:
        if n and not is_descriptor(n):
            candidates.add(n)
            if " " in n:
                candidates.add(n.split()[-1])
    best = None
    lo, hi = max(0, around - 1500), min(len(text), around + 1500)
    for cand in sorted(candidates, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(cand) + r"\b", text[lo:hi]):
            s, e = lo + m.start(), lo + m.end()
            if any(qs < e and s < qe for qs, qe in inside_quotes):
                continue
            dist = abs(s - around)
            if best is None or dist < best[0] - 200:  # prefer longer names unless far
                best = (dist, s, e)
    return (best[1], best[2]) if best else None


def _new_mention(db: sqlite_utils.Database, quote: dict, text: str, names: list[str]
                 ) -> tuple[int, int] | None:
    """Where the new speaker is mentioned for this quote.

    A pronoun or descriptor mention ("she", "the spokesman") stays: it now refers to the
    new speaker. So does a mention that is one of the new speaker's names. Otherwise the
    nearest of the new speaker's names outside every quote, or none.
    """
    s, e = quote["speaker_start"], quote["speaker_end"]
    if s is not None and e is not None:
        said = text[s:e]
        lowered = {n.lower() for n in names} | {n.split()[-1].lower() for n in names if n}
        if is_descriptor(said) or said.lower() in lowered:
            return s, e
    return _find_mention(text, names, quote["start"], _quote_spans(db, quote["article_id"]))


def _as_mentioned(name: str | None, mention: str | None) -> str:
    """A speaker for the history: the name and the words of the article that name them."""
    return f"{name or 'nobody'} ({f'as “{mention}”' if mention else 'no mention'})"


def change_speaker(db: sqlite_utils.Database, quote_id: int, reviewer: str, *,
                   speaker_id: int | None = None, name: str | None = None,
                   expected_version: int | None = None, note: str | None = None) -> dict:
    """Attribute a quote to another speaker: a known one by id, or one typed by name.

    The history records the speaker and the mention before and after.
    """
    note = _note(note)
    with write_transaction(db):
        quote = get_quote(db, quote_id)
        if speaker_id is not None:
            sp = get_speaker(db, speaker_id)
            if sp is None:
                raise CorrectionError(f"No speaker {speaker_id}")
            new_id = sp["merged_into"] or sp["id"]
        elif name:
            new_id = find_or_create_speaker(db, name)
        else:
            raise CorrectionError("Pick a speaker or type a name")
        sp = get_speaker(db, new_id)
        if new_id == quote["speaker_id"]:
            raise CorrectionError(f"The quote is already attributed to {sp['name']}")
        article = _article_text(db, quote["article_id"])
        names = [sp["name"], *json.loads(sp["aliases"] or "[]")]
        mention = _new_mention(db, quote, article, names)
        said = article[mention[0]:mention[1]] if mention else None
        changes = {"speaker_id": new_id, "speaker_role": sp["role"], "speaker_mention": said,
                   "speaker_start": mention[0] if mention else None,
                   "speaker_end": mention[1] if mention else None}
        return log_change(db, quote_id, changes, reviewer=reviewer, action="speaker",
                          field="speaker",
                          old_value=_as_mentioned(speaker_name(db, quote["speaker_id"]),
                                                  quote["speaker_mention"]),
                          new_value=_as_mentioned(sp["name"], said), note=note,
                          expected_version=expected_version)


# Spans ---------------------------------------------------------------------------------

def resolve_span(text: str, start: int, end: int, selected: str | None = None) -> tuple[int, int]:
    """Check a selected span against the article text and trim surrounding whitespace.

    Browsers count offsets in UTF-16 units and may normalise whitespace in the selected
    string, so when ``selected`` does not match ``text[start:end]`` the nearest occurrence
    of it is used; the result always satisfies ``text[s:e] == quote text``.

    :raises CorrectionError: the span is outside the text, empty, too long or not found
    """
    if not (0 <= start < end <= len(text)):
        raise CorrectionError(f"Span {start}–{end} is outside the article (0–{len(text)})")
    if selected is not None:
        want = selected.strip()
        if not want:
            raise CorrectionError("The selection is empty")
        if text[start:end].split() != want.split():
            # Match word by word, so the browser's rendering of line breaks does not matter.
            pattern = r"\s+".join(re.escape(w) for w in want.split())
            hits = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
            if not hits:
                raise CorrectionError("The selected text is not in the article "
                                      "(select within one article's text)")
            start, end = min(hits, key=lambda h: abs(h[0] - start))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        raise CorrectionError("The selection is empty")
    if end - start > MAX_QUOTE_CHARS:
        raise CorrectionError(f"The selection is too long (at most {MAX_QUOTE_CHARS} characters)")
    return start, end


def _article_text(db: sqlite_utils.Database, article_id: int) -> str:
    row = db.execute("select text from articles where id = ?", [article_id]).fetchone()
    if row is None:
        raise CorrectionError(f"No article {article_id}")
    return row[0]


def refit_fragments(fragments: list[list[int]], start: int, end: int) -> list[list[int]]:
    """A split quote's fragments after its outer bounds move to ``start``-``end``.

    The gaps between fragments (the ``he said`` of ``"A," he said, "B."``) stay gaps: the
    fragments inside the new span are kept, the outer ones moved to its edges. A span
    clear of every fragment is one fragment.
    """
    kept = [[max(s, start), min(e, end)] for s, e in fragments if s < end and e > start]
    if not kept:
        return [[start, end]]
    kept[0][0], kept[-1][1] = start, end
    return kept


def change_span(db: sqlite_utils.Database, quote_id: int, start: int, end: int, reviewer: str,
                *, selected: str | None = None, expected_version: int | None = None,
                note: str | None = None) -> dict:
    """Move a quote's boundaries; its text is re-read from the article at the new offsets."""
    note = _note(note)
    with write_transaction(db):
        quote = get_quote(db, quote_id)
        text = _article_text(db, quote["article_id"])
        s, e = resolve_span(text, start, end, selected)
        if (s, e) == (quote["start"], quote["end"]):
            raise CorrectionError("The span is unchanged")
        fragments = refit_fragments(json.loads(quote["fragments"] or "[]"), s, e)
        changes = {"start": s, "end": e, "text": text[s:e], "fragments": json.dumps(fragments)}
        return log_change(db, quote_id, changes, reviewer=reviewer, action="span", field="span",
                          old_value=f"{quote['start']}–{quote['end']}: {quote['text']}",
                          new_value=f"{s}–{e}: {text[s:e]}", note=note,
                          expected_version=expected_version)


def change_cue(db: sqlite_utils.Database, quote_id: int, start: int | None, end: int | None,
               reviewer: str, *, selected: str | None = None,
               expected_version: int | None = None, note: str | None = None) -> dict:
    """Move the quote's cue ("said", "told reporters") to other words of the article, or
    remove it (``start`` and ``end`` both ``None``)."""
    note = _note(note)
    with write_transaction(db):
        quote = get_quote(db, quote_id)
        text = _article_text(db, quote["article_id"])
        if start is None and end is None:
            s = e = None
            if quote["cue_start"] is None:
                raise CorrectionError("The quote has no cue to remove")
        elif start is None or end is None:
            raise CorrectionError("Give both ends of the cue, or neither to remove it")
        else:
            s, e = resolve_span(text, start, end, selected)
            if e - s > MAX_CUE_CHARS:
                raise CorrectionError(f"A cue is a few words (at most {MAX_CUE_CHARS} characters)")
            if (s, e) == (quote["cue_start"], quote["cue_end"]):
                raise CorrectionError("The cue is unchanged")
        changes = {"cue": text[s:e] if s is not None else None, "cue_start": s, "cue_end": e}
        return log_change(db, quote_id, changes, reviewer=reviewer, action="cue", field="cue",
                          old_value=quote["cue"], new_value=changes["cue"] or "no cue",
                          note=note, expected_version=expected_version)


def change_kind(db: sqlite_utils.Database, quote_id: int, kind: str, reviewer: str, *,
                expected_version: int | None = None, note: str | None = None) -> dict:
    """Correct the quote's kind: direct, mixed (partly quoted) or reported."""
    note = _note(note)
    if kind not in KINDS:
        raise CorrectionError(f"Unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    with write_transaction(db):
        quote = get_quote(db, quote_id)
        if quote["kind"] == kind:
            raise CorrectionError(f"The quote is already {kind}")
        return log_change(db, quote_id, {"kind": kind}, reviewer=reviewer, action="kind",
                          field="kind", old_value=quote["kind"], new_value=kind, note=note,
                          expected_version=expected_version)


def add_quote(db: sqlite_utils.Database, article_id: int, start: int, end: int, reviewer: str,
              *, selected: str | None = None, speaker_id: int | None = None,
              speaker: str | None = None, kind: str = "direct",
              note: str | None = None) -> dict:
    """Add a quote the extractor missed (``origin='reviewer'``), logged as an ``add``."""
    note = _note(note)
    if kind not in KINDS:
        raise CorrectionError(f"Unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    with write_transaction(db):
        text = _article_text(db, article_id)
        s, e = resolve_span(text, start, end, selected)
        dup = db.execute("select id from quotes where article_id = ? and start = ? and end = ?",
                         [article_id, s, e]).fetchone()
        if dup:
            raise CorrectionError(f"That text is already quote {dup[0]}")
        sp = None
        if speaker_id is not None:
            sp = get_speaker(db, speaker_id)
            if sp is None:
                raise CorrectionError(f"No speaker {speaker_id}")
            sp = get_speaker(db, sp["merged_into"]) if sp["merged_into"] else sp
        elif speaker and speaker.strip():
            sp = get_speaker(db, find_or_create_speaker(db, speaker))
        mention = None
        if sp:
            mention = _find_mention(text, [sp["name"], *json.loads(sp["aliases"] or "[]")], s,
                                    [*_quote_spans(db, article_id), (s, e)])
        stamp = now()
        quote_id = db["quotes"].insert({
            "article_id": article_id, "start": s, "end": e, "fragments": json.dumps([[s, e]]),
            "text": text[s:e], "kind": kind, "speaker_id": sp["id"] if sp else None,
            "speaker_role": sp["role"] if sp else None,
            "speaker_mention": text[mention[0]:mention[1]] if mention else None,
            "speaker_start": mention[0] if mention else None,
            "speaker_end": mention[1] if mention else None,
            "confidence": 1.0, "rule": "reviewer", "origin": "reviewer",
            "status": "unreviewed", "version": 0, "created_at": stamp,
        }).last_pk
        return log_change(db, quote_id, {}, reviewer=reviewer, action="add", field="quote",
                          old_value=None, new_value=f"{s}–{e}: {text[s:e]}", note=note,
                          stamp=stamp)


def changes_since(db: sqlite_utils.Database, quote_id: int, version: int) -> list[dict]:
    """Log rows that moved the quote past ``version``: what the other reviewer did."""
    return list(db.query(
        "select * from review_log where quote_id = ? and version > ?"
        " order by id", [quote_id, version]))


__all__ = ["CorrectionError", "QuoteNotFound", "VersionConflict", "add_quote", "change_cue",
           "change_kind", "change_span",
           "change_speaker", "resolve_span", "changes_since"]
