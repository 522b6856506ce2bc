"""The passage index: every article paragraph and primary-source turn, searchable by words.

Candidates for a quote come from SQLite FTS5 (``passages_fts`` for articles,
``primary_fts`` for primary sources): the quote's rarest content words, each looked up
alone, and the passages holding most of them (weighted by rarity) first. Rarity is read
from the indexes' own vocabularies (``fts5vocab``), so a quote full of common words ("the
situation in the country") asks only for the words that tell passages apart. Why not one
OR query ranked by bm25: at 10,000 documents bm25 scored every passage holding any of the
words, 40 ms a quote; plain lookups of rare words cost a few milliseconds
(bench/match.py).
"""
from __future__ import annotations

import heapq
import math
import unicodedata
from dataclasses import dataclass

import sqlite_utils

from .transcripts import Passage, article_passages, turns
from .wording import Word, is_content

QUERY_TERMS = 8  # rarest content words of a quote asked of the index
MAX_POSTINGS = 5000  # a word in more passages than this tells too little to be read
FTS_DOC = {"article": "a", "source": "s"}
FTS_TABLE = {"article": "passages_fts", "source": "primary_fts"}
VOCABS = ("passages_vocab", "primary_vocab")


@dataclass
class PassageRow:
    id: int
    doc_type: str  # "article" | "source"
    doc_id: int
    start: int
    end: int
    speaker: str | None
    labelled: bool

    @property
    def primary(self) -> bool:
        return self.doc_type == "source"


def index_document(db: sqlite_utils.Database, doc_type: str, doc_id: int, text: str,
                   speaker: str | None = None) -> list[int]:
    """Split a document into passages and add them to the index (inside the caller's
    transaction); a document indexed before is indexed afresh.

    :param doc_type: ``article`` (paragraphs) or ``source`` (turns of a primary source)
    :param speaker: a primary source's stated speaker
    """
    remove_document(db, doc_type, doc_id)
    parts: list[Passage] = article_passages(text) if doc_type == "article" else turns(text, speaker)
    ids = []
    table = FTS_TABLE[doc_type]
    for p in parts:
        cur = db.conn.execute(
            "insert into passages (doc_type, doc_id, start, end, speaker, labelled)"
            " values (?, ?, ?, ?, ?, ?)",
            [doc_type, doc_id, p.start, p.end, p.speaker, int(p.label)])
        pid = cur.lastrowid
        db.conn.execute(f"insert into {table} (rowid, text, doc) values (?, ?, ?)",
                        [pid, text[p.start:p.end], f"{FTS_DOC[doc_type]}{doc_id}"])
        ids.append(pid)
    return ids


def remove_document(db: sqlite_utils.Database, doc_type: str, doc_id: int) -> None:
    old = [r[0] for r in db.conn.execute(
        "select id from passages where doc_type = ? and doc_id = ?", [doc_type, doc_id])]
    for pid in old:
        db.conn.execute(f"delete from {FTS_TABLE[doc_type]} where rowid = ?", [pid])
    db.conn.execute("delete from passages where doc_type = ? and doc_id = ?", [doc_type, doc_id])


def _fold(norm: str) -> str:
    # What the index's unicode61 tokenizer (remove_diacritics 2) makes of a word.
    return "".join(c for c in unicodedata.normalize("NFKD", norm)
                   if not unicodedata.combining(c))


def fts_terms(words: list[Word]) -> list[str]:
    """A quote's distinct content words as the index spells them."""
    out: dict[str, None] = {}
    for w in words:
        if is_content(w.norm):
            for piece in _fold(w.norm).replace("'", " ").split():
                if is_content(piece):
                    out[piece] = None
    return list(out)


def rarest(db: sqlite_utils.Database, terms: list[str], k: int = QUERY_TERMS,
            at_least: int = 1, counts: dict[str, int] | None = None) -> list[str]:
    """The ``k`` terms found in the fewest passages.

    :param at_least: passages a term must be in to count (never a term no passage has;
        2 when looking from a new passage for others that share its words)
    :param counts: passage counts already read (a run over many quotes passes one dict,
        filled as it goes, so each word is looked up once)
    """
    if not terms:
        return []
    counts = {} if counts is None else counts
    missing = [t for t in terms if t not in counts]
    for i in range(0, len(missing), 200):
        chunk = missing[i:i + 200]
        found: dict[str, int] = {}
        for vocab in VOCABS:
            for term, n in db.conn.execute(
                    f"select term, doc from {vocab} where term in ({','.join('?' * len(chunk))})",
                    chunk):
                found[term] = found.get(term, 0) + n
        counts.update({t: found.get(t, 0) for t in chunk})
    present = [t for t in terms if counts.get(t, 0) >= at_least]
    present.sort(key=lambda t: (counts[t], -len(t), t))
    return present[:k]


def candidates(db: sqlite_utils.Database, words: list[Word], primary: bool,
               exclude: tuple[str, int] | None = None, limit: int = 12,
               counts: dict[str, int] | None = None) -> list[PassageRow]:
    """Passages sharing most of the quote's rarest words, best first.

    :param primary: primary sources only, or articles only
    :param exclude: a document to leave out (the quote's own article)
    :param counts: see :func:`rarest`
    """
    counts = {} if counts is None else counts
    terms = rarest(db, fts_terms(words), counts=counts)
    table = FTS_TABLE["source" if primary else "article"]
    skip = f" NOT doc:{FTS_DOC[exclude[0]]}{exclude[1]}" if exclude else ""
    return get_passages(db, [rowid for rowid, _ in
                             coordinate_search(db, table, terms, counts, limit, skip)])


def coordinate_search(db: sqlite_utils.Database, table: str, terms: list[str],
                      counts: dict[str, int], limit: int,
                      extra: str = "") -> list[tuple[int, float]]:
    """Rowids of ``table`` holding most of ``terms``, each weighted by its rarity, with
    their scores, best first.

    :param terms: rarest first (as :func:`rarest` gives them)
    :param counts: passages per term, for the weights
    :param extra: FTS5 syntax appended to each term's query (``NOT doc:a7``)
    """
    score: dict[int, float] = {}
    for n, t in enumerate(terms):
        if n >= 2 and counts.get(t, 0) > MAX_POSTINGS:
            break
        weight = 1.0 / (1.0 + math.log1p(counts.get(t, 0)))
        for (rowid,) in db.conn.execute(
                f"select rowid from {table} where {table} match ?", [f'"{t}"{extra}']):
            score[rowid] = score.get(rowid, 0.0) + weight
    return heapq.nlargest(limit, score.items(), key=lambda kv: (kv[1], -kv[0]))


def get_passages(db: sqlite_utils.Database, ids: list[int]) -> list[PassageRow]:
    if not ids:
        return []
    rows = {r[0]: PassageRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]))
            for r in db.conn.execute(
                "select id, doc_type, doc_id, start, end, speaker, labelled from passages"
                f" where id in ({','.join('?' * len(ids))})", ids)}
    return [rows[i] for i in ids if i in rows]


def document_passages(db: sqlite_utils.Database, doc_type: str, doc_id: int) -> list[PassageRow]:
    ids = [r[0] for r in db.conn.execute(
        "select id from passages where doc_type = ? and doc_id = ? order by start",
        [doc_type, doc_id])]
    return get_passages(db, ids)
