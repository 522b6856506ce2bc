"""Primary sources: the speaker's own words (transcripts, statements, speeches ...).

A primary source is stored once, like an article, but it is a reference, not a quote
source: its text is never split into quotes. It is cut into passages (transcript turns)
that quotes are matched against.
"""
from __future__ import annotations

import sqlite_utils

from .clock import now
from .db import write_transaction
from .documents import Document
from .passages import index_document

KINDS = {
    "transcript": "Transcript",
    "statement": "Statement",
    "speech": "Speech",
    "press_release": "Press release",
    "interview": "Interview",
}
MAX_SPEAKER = 200


class SourceError(ValueError):
    """The source cannot be stored as given; nothing was written."""


class DuplicateSource(SourceError):
    def __init__(self, source_id: int, title: str | None):
        self.source_id = source_id
        super().__init__(f"Already stored as primary source {source_id} "
                         f"({title or 'untitled'}); not added again")


def store_source(db: sqlite_utils.Database, doc: Document, kind: str,
                 speaker: str | None = None, user: str | None = None) -> int:
    """Store a primary source and index its passages, in one transaction.

    Matching the quotes it may hold is separate (``matching.add_source``): it reads for a
    while and should not hold the write lock.

    :param kind: one of :data:`KINDS`
    :param speaker: who speaks where the text has no speaker labels
    :raises DuplicateSource: the same text is already stored
    """
    if kind not in KINDS:
        raise SourceError(f"Unknown kind of source {kind!r}; use one of {', '.join(KINDS)}")
    speaker = (speaker or "").strip() or None
    if speaker and len(speaker) > MAX_SPEAKER:
        raise SourceError(f"Speaker is too long (at most {MAX_SPEAKER} characters)")
    with write_transaction(db):
        row = db.conn.execute("select id, title from sources where content_hash = ?",
                              [doc.content_hash]).fetchone()
        if row:
            raise DuplicateSource(row[0], row[1])
        source_id = db["sources"].insert({
            "title": doc.title, "kind": kind, "speaker": speaker, "url": doc.url,
            "published": doc.published, "filename": doc.filename, "text": doc.text,
            "content_hash": doc.content_hash, "added_at": now(), "added_by": user,
        }).last_pk
        index_document(db, "source", source_id, doc.text, speaker)
    return source_id


def get_source(db: sqlite_utils.Database, source_id: int) -> dict | None:
    rows = list(db.query("select * from sources where id = ?", [source_id]))
    return rows[0] if rows else None


def list_sources(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query(
        "select s.id, s.title, s.kind, s.speaker, s.published, s.added_at,"
        " (select count(*) from passages p where p.doc_type = 'source' and p.doc_id = s.id)"
        " as passages,"
        " (select count(distinct quote_id) from quote_matches m where m.doc_type = 'source'"
        " and m.doc_id = s.id) as quotes"
        " from sources s order by s.id desc"))


def source_quotes(db: sqlite_utils.Database, source_id: int) -> list[dict]:
    """The quotes matched to a primary source, in the source's order, each with its match
    verdict, span and speaker's name."""
    return list(db.query(
        "select m.quote_id, m.verdict, m.start, m.end, q.text, s.name as speaker"
        " from quote_matches m join quotes q on q.id = m.quote_id"
        " left join speakers s on s.id = q.speaker_id"
        " where m.doc_type = 'source' and m.doc_id = ? order by m.start, m.quote_id",
        [source_id]))
