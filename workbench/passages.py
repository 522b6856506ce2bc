"""The passage index: every article paragraph and primary-source turn, searchable by words.

Candidates for a quote come from SQLite FTS5 (``passages_fts``): the quote's rarest
content words, OR-ed, ranked by bm25. Rarity is read from the index's own vocabulary
(``passages_vocab``), so a quote full of common words ("the situation in the country")
still asks only for the words that tell passages apart, and a query stays a few index
lookups however large the archive grows (bench/match.py).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import sqlite_utils

from .transcripts import Passage, article_passages, turns
from .wording import Word, is_content

QUERY_TERMS = 8  # rarest content words of a quote asked of the index
FTS_DOC = {"article": "a", "source": "s"}


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
    kind = "primary" if doc_type == "source" else "article"
    for p in parts:
        cur = db.conn.execute(
            "insert into passages (doc_type, doc_id, start, end, speaker, labelled)"
            " values (?, ?, ?, ?, ?, ?)",
            [doc_type, doc_id, p.start, p.end, p.speaker, int(p.label)])
        pid = cur.lastrowid
        db.conn.execute("insert into passages_fts (rowid, text, kind, doc) values (?, ?, ?, ?)",
                        [pid, text[p.start:p.end], kind, f"{FTS_DOC[doc_type]}{doc_id}"])
        ids.append(pid)
    return ids


def remove_document(db: sqlite_utils.Database, doc_type: str, doc_id: int) -> None:
    old = [r[0] for r in db.conn.execute(
        "select id from passages where doc_type = ? and doc_id = ?", [doc_type, doc_id])]
    for pid in old:
        db.conn.execute("delete from passages_fts where rowid = ?", [pid])
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
        found = dict(db.conn.execute(
            f"select term, doc from passages_vocab where term in ({','.join('?' * len(chunk))})",
            chunk).fetchall())
        counts.update({t: found.get(t, 0) for t in chunk})
    present = [t for t in terms if counts.get(t, 0) >= at_least]
    present.sort(key=lambda t: (counts[t], -len(t), t))
    return present[:k]


def candidates(db: sqlite_utils.Database, words: list[Word], primary: bool,
               exclude: tuple[str, int] | None = None, limit: int = 12,
               counts: dict[str, int] | None = None) -> list[PassageRow]:
    """Passages sharing the quote's rarest words, best first.

    :param primary: primary sources only, or articles only
    :param exclude: a document to leave out (the quote's own article)
    :param counts: see :func:`rarest`
    """
    terms = rarest(db, fts_terms(words), counts=counts)
    if not terms:
        return []
    any_term = " OR ".join(f'"{t}"' for t in terms)
    query = f"kind:{'primary' if primary else 'article'} AND ({any_term})"
    if exclude:
        query += f" NOT doc:{FTS_DOC[exclude[0]]}{exclude[1]}"
    ids = [r[0] for r in db.conn.execute(
        "select rowid from passages_fts where passages_fts match ? order by rank limit ?",
        [query, limit])]
    return get_passages(db, ids)


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
