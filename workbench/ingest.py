"""Storing an article with its extracted quotes and speakers, all or nothing."""
from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from . import matching
from .clock import now
from .db import write_transaction
from .documents import SUPPORTED_SUFFIXES, Document, DocumentError, from_upload
from .extract import Extraction, Speaker, extract
from .queries import QuoteFilter, count_quotes

log = logging.getLogger(__name__)
CHECK_NOW_QUOTES = 2000  # quotes of one article matched against sources as it is stored


class DuplicateArticle(ValueError):
    """The same text is already stored; ``article_id`` names the stored copy."""

    def __init__(self, article_id: int, title: str | None):
        self.article_id = article_id
        super().__init__(
            f"Already ingested as article {article_id} ({title or 'untitled'}); not added again"
        )


@dataclass
class Ingested:
    article_id: int
    quotes: int
    title: str | None


def find_duplicate(db: sqlite_utils.Database, doc: Document) -> dict | None:
    rows = list(db.query(
        "select id, title from articles where content_hash = ?", [doc.content_hash]))
    return rows[0] if rows else None


def store(db: sqlite_utils.Database, doc: Document, extraction: Extraction,
          user: str | None = None) -> Ingested:
    """Write the article, its speakers and its quotes in one transaction.

    :raises DuplicateArticle: the text is already stored (nothing is written)
    """
    with write_transaction(db):
        dup = find_duplicate(db, doc)
        if dup:
            raise DuplicateArticle(dup["id"], dup["title"])
        return write_article(db, doc, extraction, user, now())


def write_article(db: sqlite_utils.Database, doc: Document, extraction: Extraction,
                  user: str | None, stamp: str) -> Ingested:
    """Insert the article, its speakers and its quotes inside the caller's write transaction
    (which has checked for a duplicate: see :func:`store` and the bulk import).

    :param stamp: the ingest time written on the article and its quotes
    """
    article_id = db["articles"].insert({
        "title": doc.title, "outlet": doc.outlet, "published": doc.published,
        "url": doc.url, "filename": doc.filename, "text": doc.text,
        "author": doc.author, "source_url": doc.source_url,
        "content_hash": doc.content_hash, "ingested_at": stamp, "ingested_by": user,
    }).last_pk
    speaker_ids = {sp.name: upsert_speaker(db, sp) for sp in extraction.speakers}
    rows = []
    for q in extraction.quotes:
        speaker_id = speaker_ids.get(q.speaker) if q.speaker else None
        if q.speaker and speaker_id is None:
            speaker_id = upsert_speaker(db, Speaker(q.speaker, "unknown", q.speaker_role,
                                                    [q.speaker], None))
        rows.append({
            "article_id": article_id, "start": q.start, "end": q.end,
            "fragments": json.dumps([list(f) for f in q.fragments]), "text": q.text,
            "kind": q.kind, "cue": q.cue, "cue_start": q.cue_start, "cue_end": q.cue_end,
            "speaker_id": speaker_id, "speaker_mention": q.speaker_mention,
            "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
            "speaker_role": q.speaker_role, "reported_by": q.reported_by,
            "confidence": round(q.confidence, 3),
            "rule": q.rule, "origin": "extractor", "status": "unreviewed", "version": 1,
            "created_at": stamp,
        })
    if rows:
        db["quotes"].insert_all(rows)
    return Ingested(article_id, len(rows), doc.title)


def upsert_speaker(db: sqlite_utils.Database, speaker: Speaker) -> int | None:
    """The id of the speaker with this canonical name, merging aliases into a stored one;
    ``None`` for a name a reviewer marked "not a speaker"."""
    rows = list(db.query(
        "select id, aliases, role, gender, merged_into, not_speaker from speakers where name = ?",
        [speaker.name]))
    if not rows:
        return db["speakers"].insert({
            "name": speaker.name, "kind": speaker.kind, "role": speaker.role,
            "gender": speaker.gender, "aliases": json.dumps(sorted(set(speaker.aliases))),
        }).last_pk
    row = rows[0]
    aliases = sorted(set(json.loads(row["aliases"] or "[]")) | set(speaker.aliases))
    changes = {"aliases": json.dumps(aliases), "role": row["role"] or speaker.role,
               "gender": row["gender"] or speaker.gender}
    if any(row[key] != value for key, value in changes.items()):
        # A speaker named in thousands of articles is read each time, rewritten rarely.
        db["speakers"].update(row["id"], changes)
    if row["not_speaker"]:
        return None  # a reviewer said this name is not a speaker: leave quotes unattributed
    # A reviewer's merge is kept for every later article that names the old speaker.
    return row["merged_into"] or row["id"]


def ingest_document(db: sqlite_utils.Database, doc: Document, user: str | None = None) -> Ingested:
    """Extract quotes from a parsed document and store everything.

    :raises DuplicateArticle: the text is already stored
    """
    dup = find_duplicate(db, doc)  # cheap check first: skip extraction of a known text
    if dup:
        raise DuplicateArticle(dup["id"], dup["title"])
    result = store(db, doc, extract(doc.text), user)
    check_sources(db, result.article_id)
    return result


def check_sources(db: sqlite_utils.Database, article_id: int) -> None:
    """Match a stored article's quotes against the sources, and it against other quotes.

    Runs after the article's own transaction: the article is kept even when the database
    is too busy for this step, and its quotes then stay "not checked" until
    ``flask --app app match-all --only-unchecked`` checks them. So does an article with
    more than ``CHECK_NOW_QUOTES`` quotes (a 5 MB text holds ~14,000: minutes of
    matching that an upload should not wait for).
    """
    quotes = count_quotes(db, QuoteFilter(article=article_id))["all"]  # kept counts (m070)
    if quotes > CHECK_NOW_QUOTES:
        log.warning("article %s has %s quotes: not checked against sources now; run "
                    "flask --app app match-all --only-unchecked", article_id, quotes)
        return
    try:
        matching.add_article(db, article_id)
    except sqlite3.OperationalError as exc:
        log.warning("article %s stored, its quotes not checked against sources: %s",
                    article_id, exc)


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every supported file named, or found below a named folder, in a stable order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES - {""} \
                        and not child.name.startswith("."):
                    yield child
        else:
            yield path


def _parse_and_extract(path: Path) -> tuple[Path, Document | None, Extraction | None, str | None]:
    # Runs in a worker process: the CPU-bound part of ingest.
    try:
        doc = from_upload(path.read_bytes(), path.name)
        return path, doc, extract(doc.text), None
    except (OSError, DocumentError) as exc:
        return path, None, None, str(exc)


@dataclass
class BatchResult:
    path: Path
    ingested: Ingested | None = None
    error: str | None = None
    duplicate_of: int | None = None


def ingest_paths(db: sqlite_utils.Database, paths: list[Path], workers: int | None = None,
                 user: str | None = None,
                 on_result: Callable[[BatchResult], None] | None = None,
                 check: bool = True) -> list[BatchResult]:
    """Ingest many files: parse and extract on every core, write from this process.

    Each file is its own transaction, so an interrupted batch keeps what it finished and
    a rerun skips those as duplicates.

    :param workers: processes to use; ``None`` for one per core, ``1`` for no pool
    :param check: match each article's quotes against the sources as it is stored
    """
    results = []

    def handle(item):
        path, doc, extraction, error = item
        if error:
            result = BatchResult(path, error=error)
        else:
            try:
                result = BatchResult(path, ingested=store(db, doc, extraction, user))
                if check:
                    check_sources(db, result.ingested.article_id)
            except DuplicateArticle as dup:
                result = BatchResult(path, error=str(dup), duplicate_of=dup.article_id)
        results.append(result)
        if on_result:
            on_result(result)

    if workers == 1 or len(paths) < 2:
        for path in paths:
            handle(_parse_and_extract(path))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for item in pool.map(_parse_and_extract, paths, chunksize=4):
                handle(item)
    return results
