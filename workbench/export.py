"""Claims as CSV: one row per quote, safe to open in a spreadsheet."""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

import sqlite_utils

from .queries import QuoteFilter, list_quotes

COLUMNS = [
    "id", "article_title", "outlet", "date", "speaker", "quote", "kind", "cue", "status",
    "dispute_reason", "note", "evidence_url", "reviewer", "reviewed_at", "article_id",
    "start", "end", "speaker_mention", "speaker_start", "speaker_end", "cue_start", "cue_end",
    "confidence", "url",
]
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix a text cell a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def rows(db: sqlite_utils.Database, filt: QuoteFilter,
         link: Callable[[int], str]) -> Iterator[list]:
    """Export rows for every quote under the filter.

    :param link: builds the absolute URL of a quote in the UI from its id
    """
    for q in list_quotes(db, filt, limit=None):
        record = {
            **q, "date": q["published"], "quote": q["text"], "url": link(q["id"]),
            "speaker": q["speaker"] or q["speaker_mention"],
        }
        yield [neutralise(record.get(c)) for c in COLUMNS]


def iter_csv(db: sqlite_utils.Database, filt: QuoteFilter,
             link: Callable[[int], str]) -> Iterator[str]:
    """The CSV text in chunks, header first, for a streamed download."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    for i, row in enumerate(rows(db, filt, link)):
        writer.writerow(row)
        if i % 200 == 199:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
