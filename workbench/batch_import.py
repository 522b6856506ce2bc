"""Loading the Parquet output of ``python -m workbench batch`` into the workbench database.

Articles go through the same writer as ingest (:func:`workbench.ingest.write_article`):
the same duplicate check by content hash, the same speaker resolution, the same quote rows,
so the FTS index and the status counts follow through their triggers. Only the
transactions differ: many articles per commit instead of one.
"""
from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from .batch import DONE_DIR, MANIFEST, TABLES, part_name, schemas
from .clock import now
from .db import write_transaction
from .documents import Document, DocumentError, check_text, guess_date, guess_outlet, guess_title
from .extract import Extraction, Quote, Speaker
from .ingest import find_duplicate, write_article

# A transaction ends after this many quotes or articles: large enough that commits cost
# little, small enough that a reviewer's verdict waits at most a second or so for the
# import's write lock.
QUOTES_PER_COMMIT = 5000
ARTICLES_PER_COMMIT = 1000


class BatchImportError(ValueError):
    """The folder is not a batch output that can be imported; the message says why."""


@dataclass
class ImportSummary:
    added: int = 0
    duplicates: int = 0
    quotes: int = 0
    skipped: list = field(default_factory=list)  # [where, message]
    unfinished: list = field(default_factory=list)  # partition numbers without output
    seconds: float = 0.0


def check_batch(outdir: str | Path) -> tuple[list[int], list[int], int]:
    """The finished and unfinished partitions of a Parquet batch and its article count.

    :raises BatchImportError: no batch output, or one written with ``--format jsonl``
    """
    outdir = Path(outdir)
    manifest = outdir / MANIFEST
    if not manifest.is_file():
        raise BatchImportError(f"{outdir} is not the output folder of 'python -m workbench batch'")
    fmt = json.loads(manifest.read_text(encoding="utf-8")).get("format")
    if fmt != "parquet":
        raise BatchImportError(f"{outdir} holds --format {fmt} output, which has no article "
                           "texts: run the batch again with --format parquet")
    done, articles = [], 0
    for marker in sorted((outdir / DONE_DIR).glob("part-*.json")):
        done.append(int(marker.stem.split("-")[1]))
        articles += json.loads(marker.read_text(encoding="utf-8"))["articles"]
    # Partitions are numbered from 0 without gaps: a missing number is a failed one.
    unfinished = sorted(set(range(max(done) + 1)) - set(done)) if done else []
    return done, unfinished, articles


def _document(article: dict) -> Document:
    text = article["text"]
    where = f"{article['source']}:{article['line']}"
    check_text(text, where)
    date = article["date"]
    return Document(
        # The stored text is the one the offsets point into: exactly as extracted.
        text=text,
        title=article["title"] or guess_title(text),
        outlet=article["outlet"] or guess_outlet(text),
        published=(guess_date(date) or date) if date else guess_date(text),
        filename=article["id"],  # the archive's own name for the article
        url=article["url"],
    )


def _extraction(quotes: list[dict], speakers: list[dict]) -> Extraction:
    return Extraction(
        quotes=[Quote(**{**q, "fragments": [tuple(f) for f in q["fragments"]]})
                for q in quotes],
        speakers=[Speaker(**sp) for sp in speakers],
    )


def _read(path: Path, table: str):
    """A table of the batch, refused unless it has the batch's own schema."""
    import pyarrow.parquet as pq

    try:
        data = pq.read_table(path)
    except (OSError, ValueError) as exc:  # missing, truncated or not Parquet (ArrowInvalid)
        raise BatchImportError(f"{path}: cannot be read ({exc})") from None
    if not data.schema.equals(schemas()[table]):
        raise BatchImportError(f"{path}: not a {table} table written by the batch")
    return data


def _check_offsets(text: str, extraction: Extraction) -> None:
    """:raises DocumentError: a quote does not point into the text it came with"""
    for q in extraction.quotes:
        spans = [(q.start, q.end), *q.fragments]
        if q.speaker_start is not None:
            spans.append((q.speaker_start, q.speaker_end))
        if any(not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text))
               for s, e in spans) or text[q.start:q.end] != q.text:
            raise DocumentError(f"quote {q.text[:40]!r} does not match the article text")


def iter_articles(outdir: str | Path, parts: list[int]) -> Iterator[tuple[dict, Extraction]]:
    """Each article of the given partitions in input order, with its extraction."""

    for index in parts:
        tables = {t: _read(Path(outdir) / t / f"{part_name(index)}.parquet", t).to_pylist()
                  for t in TABLES}
        by_article: dict[str, dict[int, list]] = {"quotes": defaultdict(list),
                                                  "speakers": defaultdict(list)}
        for table, rows in by_article.items():
            for row in tables[table]:
                seq = row.pop("article_seq")
                if table == "quotes":
                    del row["article_id"], row["n"]  # kept in Parquet for its readers
                rows[seq].append(row)
        for article in tables["articles"]:
            seq = article["seq"]
            yield article, _extraction(by_article["quotes"][seq], by_article["speakers"][seq])


def import_batch(db: sqlite_utils.Database, outdir: str | Path, user: str | None = None,
                 on_article: Callable[[], None] | None = None,
                 quotes_per_commit: int = QUOTES_PER_COMMIT) -> ImportSummary:
    """Store every article of a finished batch that is not stored yet.

    :param on_article: called after each article (added, duplicate or skipped)
    :raises BatchImportError: see :func:`check_batch`
    """
    started = time.perf_counter()
    done, unfinished, _ = check_batch(outdir)
    summary = ImportSummary(unfinished=unfinished)
    articles = iter_articles(outdir, done)
    exhausted = False
    while not exhausted:
        # One transaction per run of articles holding about ``quotes_per_commit`` quotes.
        with write_transaction(db):
            stamp, quotes, seen = now(), 0, 0
            while quotes < quotes_per_commit and seen < ARTICLES_PER_COMMIT:
                seen += 1
                item = next(articles, None)
                if item is None:
                    exhausted = True
                    break
                article, extraction = item
                try:
                    doc = _document(article)
                    _check_offsets(doc.text, extraction)
                except DocumentError as exc:
                    summary.skipped.append([f"{article['source']}:{article['line']}", str(exc)])
                else:
                    if find_duplicate(db, doc):
                        summary.duplicates += 1
                    else:
                        stored = write_article(db, doc, extraction, user, stamp)
                        summary.added += 1
                        quotes += stored.quotes
                if on_article:
                    on_article()
            summary.quotes += quotes
    summary.seconds = time.perf_counter() - started
    return summary
