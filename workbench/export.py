"""Claims as CSV or JSON Lines: one row per quote, streamed, safe to open in a spreadsheet.

Rows are read from one cursor and written as they come, so memory stays flat however
many quotes there are (``bench/export.py``: a million quotes). Each row carries what an
editor needs without the workbench: the article's own URL, outlet and date, the
speaker's role, the sentence around the quote, the dispute reason and the rating as
their labels, and a link back to the quote in the workbench. Per-row work that SQL can do (labels, the
formula guard, JSON objects) is done by SQLite, in C.
"""
from __future__ import annotations

import csv
import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator

import sqlite_utils

from .queries import QuoteFilter
from .review import DISPUTE_REASONS

# Each column and where it comes from; context and workbench_url are made in Python.
_SOURCES = [
    ("id", "q.id"), ("article_title", "a.title"), ("outlet", "a.outlet"),
    ("date", "a.published"), ("article_url", "a.url"),
    ("speaker", "coalesce(s.name, q.speaker_mention)"),
    ("speaker_role", "coalesce(q.speaker_role, s.role)"),
    # the outlet or document the speaker's words are reported through ('..., CNN reported')
    ("reported_by", "q.reported_by"), ("quote", "q.text"),
    ("context", None), ("kind", "q.kind"), ("cue", "q.cue"), ("status", "q.status"),
    ("dispute_reason", "q.dispute_reason"),
    ("rating", "(select label from rating_scale where key = q.rating)"), ("note", "q.note"),
    ("evidence_url", "q.evidence_url"),
    # The source check (workbench/matching.py): the best match's verdict ("not found" when
    # checked with no match, empty when never checked), its document, and whether a source
    # gives the words to someone else.
    ("source_check", "(select case when c.matches = 0 then 'not found' else c.verdict end"
                     " from quote_checks c where c.quote_id = q.id)"),
    ("source_document", "(select case m.doc_type when 'source' then (select title from sources"
                        " where id = m.doc_id) else (select title from articles where id ="
                        " m.doc_id) end from quote_matches m where m.quote_id = q.id"
                        " and m.rank = 0)"),
    ("source_speaker_mismatch", "(select case c.speaker_mismatch when 1 then 'yes' else ''"
                                " end from quote_checks c where c.quote_id = q.id)"),
    ("reviewer", "q.reviewer"),
    ("reviewed_at", "q.reviewed_at"), ("article_id", "q.article_id"), ("start", "q.start"),
    ("end", 'q."end"'), ("speaker_mention", "q.speaker_mention"),
    ("speaker_start", "q.speaker_start"), ("speaker_end", "q.speaker_end"),
    ("cue_start", "q.cue_start"), ("cue_end", "q.cue_end"), ("confidence", "q.confidence"),
    ("workbench_url", None),
]
COLUMNS = [name for name, _ in _SOURCES]
_FROM = """
    from quotes q join articles a on a.id = q.article_id
    left join speakers s on s.id = q.speaker_id
"""
_ORDER = " order by q.article_id, q.start, q.id"
# Cells that hold text someone typed or a page supplied: the only ones a spreadsheet
# could be made to run (numbers and fixed codes cannot start with = + - @).
_TEXT_CELLS = {"article_title", "outlet", "date", "article_url", "speaker", "speaker_role", "reported_by",
               "quote", "cue", "note", "evidence_url", "reviewer", "speaker_mention",
               "source_document"}
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
MAX_CONTEXT = 600  # characters of context on each side of a quote, at most
CHUNK_ROWS = 500  # rows per chunk handed to the response or the file

# Where a sentence ends: a stop (with any closing quote or bracket) and a space before
# anything but a lowercase word ('"Go!" she said' goes on), or a line break. A stop after
# a title or an initial ("Mr.", "J.") is no end; the look-behinds run only after a stop.
_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt",
           "Rev", "Prof", "St", "Jr", "Sr", "No", "vs", "U.S", "Jan", "Feb", "Mar", "Apr",
           "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
# One character class first, so that re scans for it fast (2x on the export's texts).
_BOUNDARY = re.compile(
    r"[.!?\n](?:(?<=\n)\s*|(?<!\b[A-Z]\.)"
    + "".join(rf"(?<!\b{re.escape(t)}\.)" for t in _TITLES)
    + r"[\"'\u201d\u2019)\]]*\s+(?=[^\sa-z]|$))")


def neutralise(value: object) -> object:
    """Prefix a text cell a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _expressions(guard: bool) -> list[tuple[str, str | None]]:
    """Each column's SQL: the dispute reason as its label, and with ``guard`` the text
    cells passed through :func:`neutralise`'s rule."""
    prefixes = ", ".join(f"char({ord(c)})" for c in FORMULA_PREFIXES)
    labels = " ".join(f"when {_sql_text(code)} then {_sql_text(label)}"
                      for code, label in DISPUTE_REASONS.items())
    out = []
    for name, expr in _SOURCES:
        if name == "dispute_reason":
            expr = f"case {expr} {labels} else {expr} end"
        if guard and name in _TEXT_CELLS:
            expr = (f"case when substr({expr}, 1, 1) in ({prefixes})"
                    f" then {_sql_text(chr(39))} || {expr} else {expr} end")
        out.append((name, expr))
    return out


def _select(guard: bool) -> str:
    return "select " + ", ".join(e or "null" for _, e in _expressions(guard)) + _FROM


_CSV_SELECT = _select(guard=True)
# JSON Lines: SQLite writes each object but for context and workbench_url, added after.
_JSON_SELECT = ("select json_object(" + ", ".join(
    f"{_sql_text(n)}, {e}" for n, e in _expressions(False) if e)
    + '), q.id, q.article_id, q.start, q."end"' + _FROM)
_I_CONTEXT, _I_LINK = COLUMNS.index("context"), COLUMNS.index("workbench_url")
_I_ARTICLE, _I_START, _I_END = (COLUMNS.index(c) for c in ("article_id", "start", "end"))


def sentence_starts(text: str) -> list[int]:
    """Offsets where a sentence starts, 0 first, in order."""
    return [0, *(m.end() for m in _BOUNDARY.finditer(text))]


def context(text: str, starts: list[int], start: int, end: int) -> str:
    """The sentence (or sentences) holding ``text[start:end]``, trimmed (a sentence holds
    no line break: a break ends one)."""
    first = starts[max(0, bisect_right(starts, start) - 1)]
    after = bisect_right(starts, max(start, end - 1))
    last = starts[after] if after < len(starts) else len(text)
    return text[max(first, start - MAX_CONTEXT):min(last, end + MAX_CONTEXT)].strip()


def _with_context(db: sqlite_utils.Database, cursor, i_article: int, i_start: int,
                  i_end: int) -> Iterator[tuple[tuple, str]]:
    """Each row of ``cursor`` (ordered by article) with the sentence around its quote,
    reading each article's text and finding its sentences once."""
    article_id, text, starts = None, "", [0]
    for record in cursor:
        if record[i_article] != article_id:
            article_id = record[i_article]
            text = db.conn.execute("select text from articles where id = ?",
                                   [article_id]).fetchone()[0]
            starts = sentence_starts(text)
        yield record, context(text, starts, record[i_start], record[i_end])


def rows(db: sqlite_utils.Database, filt: QuoteFilter,
         link: Callable[[int], str] | None = None, guard: bool = False) -> Iterator[list]:
    """Export rows (lists in :data:`COLUMNS` order) for every quote under the filter,
    article by article, read from one cursor.

    :param link: builds the absolute URL of a quote in the workbench from its id
    :param guard: prefix text cells a spreadsheet would run (see :func:`neutralise`)
    """
    where, params = filt.where()
    select = _CSV_SELECT if guard else _select(guard=False)
    cursor = db.conn.execute(select + where + _ORDER, params)
    for record, sentence in _with_context(db, cursor, _I_ARTICLE, _I_START, _I_END):
        row = list(record)
        row[_I_CONTEXT] = neutralise(sentence) if guard else sentence
        if link is not None:
            row[_I_LINK] = link(row[0])
        yield row


class _Sink(list):
    """A write target that keeps the pieces (cheaper than StringIO's seek and truncate)."""

    write = list.append

    def take(self) -> str:
        out = "".join(self)
        self.clear()
        return out


def iter_csv(db: sqlite_utils.Database, filt: QuoteFilter,
             link: Callable[[int], str] | None = None, bom: bool = False) -> Iterator[str]:
    """The CSV text in chunks, header first, for a streamed download or a file.

    :param bom: start with a UTF-8 byte-order mark, which Excel needs to read UTF-8
    """
    sink = _Sink([BOM] if bom else [])
    writer = csv.writer(sink)
    writer.writerow(COLUMNS)
    for i, row in enumerate(rows(db, filt, link, guard=True), 1):
        writer.writerow(row)
        if i % CHUNK_ROWS == 0:
            yield sink.take()
    yield sink.take()


def iter_jsonl(db: sqlite_utils.Database, filt: QuoteFilter,
               link: Callable[[int], str] | None = None) -> Iterator[str]:
    """JSON Lines in chunks: one object per quote with the CSV's columns as keys, values
    as stored (no formula prefixes: JSON is read by programs, not run by spreadsheets)."""
    where, params = filt.where()
    cursor = db.conn.execute(_JSON_SELECT + where + _ORDER, params)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    sink = _Sink()
    for i, (record, sentence) in enumerate(_with_context(db, cursor, 2, 3, 4), 1):
        url = encode(link(record[1])) if link is not None else "null"
        sink.append(f'{record[0][:-1]},"context":{encode(sentence)},"workbench_url":{url}}}\n')
        if i % CHUNK_ROWS == 0:
            yield sink.take()
    yield sink.take()


FORMATS = {"csv": iter_csv, "jsonl": iter_jsonl}
