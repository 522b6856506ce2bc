"""Checking quotes against their sources: find, align, judge, store, refresh.

For each quote the passage index (``passages``) proposes passages of primary sources and
of other articles; each is aligned word by word (``alignment``) and judged verbatim,
elided, altered or paraphrase; the best passage of each document is kept, primary
sources first. The web app, ``flask --app app match-all`` and
``python -m workbench match --jsonl`` all run this module; it imports no Flask.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlite_utils

from . import passages as index
from .alignment import VERDICTS, Alignment, DiffOp, align, index_words
from .clock import now
from .db import write_transaction
from .queries import QuoteFilter, count_quotes
from .transcripts import same_speaker
from .wording import QuoteWords, Word, quote_words, words

PRIMARY_MATCHES = 5  # kept per quote, each from a different document
ARTICLE_MATCHES = 5
CANDIDATES = 8  # passages aligned per quote and per kind of document
REVERSE_CHUNK = 60  # words of a new passage asked for quotes at a time
REVERSE_PASSAGES = 3  # of a new document aligned with each quote it may hold
REVERSE_QUOTES = 20  # quotes proposed per chunk of a new passage, best first (bm25)
# A speaker disagreement is flagged only where the words really are the same words.
SPEAKER_VERDICTS = {"verbatim", "elided", "altered"}


@dataclass
class Match:
    passage_id: int
    doc_type: str  # "source" (a primary source) or "article"
    doc_id: int
    start: int
    end: int
    verdict: str
    score: float
    speaker: str | None = None  # the turn's label, the source's speaker, or the other report's
    speaker_agrees: bool | None = None  # None: cannot be told
    other_quote_id: int | None = None  # the other article's quote holding these words
    diff: list[DiffOp] = field(default_factory=list)
    make_diff: Callable[[], list[DiffOp]] | None = field(default=None, repr=False,
                                                         compare=False)

    @property
    def primary(self) -> bool:
        return self.doc_type == "source"

    def sort_key(self) -> tuple:
        return (not self.primary, -self.score, VERDICTS.index(self.verdict), self.doc_id,
                self.start)


class Texts:
    """Document texts and passage words, read once per refresh (bounded)."""

    LIMIT = 2000

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self._docs: dict[tuple[str, int], tuple[str, str | None]] = {}
        self._words: dict[int, tuple[list[Word], dict[str, list[int]]]] = {}
        self.counts: dict[str, int] = {}  # passages per word, read once per run

    def doc(self, doc_type: str, doc_id: int) -> tuple[str, str | None]:
        """(text, stated speaker) of a document."""
        key = (doc_type, doc_id)
        if key not in self._docs:
            if len(self._docs) > self.LIMIT:
                self._docs.clear()
            if doc_type == "source":
                row = self.db.conn.execute(
                    "select text, speaker from sources where id = ?", [doc_id]).fetchone()
            else:
                row = self.db.conn.execute(
                    "select text, null from articles where id = ?", [doc_id]).fetchone()
            self._docs[key] = (row[0], row[1]) if row else ("", None)
        return self._docs[key]

    def passage_words(self, p: index.PassageRow) -> tuple[list[Word], dict[str, list[int]]]:
        if p.id not in self._words:
            if len(self._words) > self.LIMIT * 10:
                self._words.clear()
            ws = words(self.doc(p.doc_type, p.doc_id)[0], p.start, p.end)
            self._words[p.id] = (ws, index_words(ws))
        return self._words[p.id]


@dataclass
class QuoteInfo:
    """What matching needs of a stored quote."""

    id: int
    article_id: int
    kind: str
    fragments: list[tuple[int, int]]
    speaker_id: int | None
    speaker: str | None
    aliases: list[str]

    @classmethod
    def load(cls, db: sqlite_utils.Database, quote_ids: Iterable[int]) -> list[QuoteInfo]:
        ids = list(quote_ids)
        out = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in db.conn.execute(
                    "select q.id, q.article_id, q.kind, q.fragments, q.start, q.end,"
                    " q.speaker_id, s.name, s.aliases from quotes q"
                    " left join speakers s on s.id = q.speaker_id"
                    f" where q.id in ({','.join('?' * len(chunk))}) order by q.id", chunk):
                frags = [tuple(f) for f in json.loads(r[3] or "[]")] or [(r[4], r[5])]
                out.append(cls(r[0], r[1], r[2], frags, r[6], r[7], json.loads(r[8] or "[]")))
        return out


def judge(quote: QuoteWords, quote_text: str, kind: str, passage: index.PassageRow,
          texts: Texts) -> Alignment:
    source_words, positions = texts.passage_words(passage)
    source_text = texts.doc(passage.doc_type, passage.doc_id)[0]
    return align(quote, quote_text, source_words, source_text, kind, positions)


def match_quote(db: sqlite_utils.Database, q: QuoteInfo, texts: Texts,
                only: list[index.PassageRow] | None = None) -> list[Match]:
    """The best match of each document for one quote, primary sources first.

    :param only: align with these passages instead of asking the index (a refresh after
        one new document)
    """
    article_text = texts.doc("article", q.article_id)[0]
    qw = quote_words(article_text, q.fragments, q.kind)
    if not qw.words:
        return []
    if only is None:
        pool = [p for primary in (True, False)
                for p in index.candidates(db, qw.words, primary, ("article", q.article_id),
                                          CANDIDATES, texts.counts)]
    else:
        pool = [p for p in only if (p.doc_type, p.doc_id) != ("article", q.article_id)]
    best: dict[tuple[str, int], Match] = {}
    for p in pool:
        a = judge(qw, article_text, q.kind, p, texts)
        if a.verdict is None:
            continue
        m = Match(p.id, p.doc_type, p.doc_id, a.start, a.end, a.verdict, a.score,
                  speaker=p.speaker if p.primary else None, make_diff=a.make_diff)
        key = (p.doc_type, p.doc_id)
        if key not in best or m.sort_key() < best[key].sort_key():
            best[key] = m
    out = sorted(best.values(), key=Match.sort_key)
    for m in out:
        _attribute(db, m, q, texts)
    return out


def _attribute(db: sqlite_utils.Database, m: Match, q: QuoteInfo, texts: Texts) -> None:
    """Who the source gives the words to, and whether that is the quote's speaker."""
    if m.primary:  # the turn's label (set from its passage), else the stated speaker
        m.speaker = m.speaker or texts.doc("source", m.doc_id)[1]
        m.speaker_agrees = same_speaker(m.speaker, q.speaker, q.aliases)
        return
    # Another report of the words: the speaker of its quote that holds them.
    row = db.conn.execute(
        "select q.id, q.speaker_id, s.name from quotes q left join speakers s"
        " on s.id = q.speaker_id where q.article_id = ? and q.start < ? and q.end > ?"
        " order by min(q.end, ?) - max(q.start, ?) desc limit 1",
        [m.doc_id, m.end, m.start, m.end, m.start]).fetchone()
    if row is None:
        return
    m.other_quote_id, m.speaker = row[0], row[2]
    if row[1] is not None and row[1] == q.speaker_id:
        m.speaker_agrees = True
    else:
        m.speaker_agrees = same_speaker(row[2], q.speaker, q.aliases)


def _trim(matches: list[Match]) -> list[Match]:
    primary = [m for m in matches if m.primary][:PRIMARY_MATCHES]
    others = [m for m in matches if not m.primary][:ARTICLE_MATCHES]
    kept = sorted(primary + others, key=Match.sort_key)
    for m in kept:
        if m.make_diff is not None:
            m.diff, m.make_diff = m.make_diff(), None
    return kept


def save(db: sqlite_utils.Database, quote_id: int, matches: list[Match], stamp: str,
         checked: bool = True) -> None:
    """Replace a quote's matches and its check summary (inside the caller's transaction).

    :param checked: the matches come from the whole index (else only some documents were
        compared, and the quote keeps no check summary)
    """
    db.conn.execute("delete from quote_matches where quote_id = ?", [quote_id])
    for rank, m in enumerate(matches):
        db.conn.execute(
            "insert into quote_matches (quote_id, passage_id, doc_type, doc_id, start, end,"
            " verdict, score, speaker, speaker_agrees, other_quote_id, diff, rank)"
            " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [quote_id, m.passage_id, m.doc_type, m.doc_id, m.start, m.end, m.verdict, m.score,
             m.speaker, None if m.speaker_agrees is None else int(m.speaker_agrees),
             m.other_quote_id, json.dumps([d.as_dict() for d in m.diff], ensure_ascii=False),
             rank])
    if not checked:
        return
    primary = next((m.verdict for m in matches if m.primary), None)
    mismatch = any(m.speaker_agrees is False and m.verdict in SPEAKER_VERDICTS for m in matches)
    db.conn.execute(
        "insert or replace into quote_checks (quote_id, checked_at, verdict, primary_verdict,"
        " speaker_mismatch, matches) values (?, ?, ?, ?, ?, ?)",
        [quote_id, stamp, matches[0].verdict if matches else None, primary, int(mismatch),
         len(matches)])


def check_summary(db: sqlite_utils.Database, quote_id: int) -> dict | None:
    """A quote's check summary (``quote_checks`` row as a dict), ``None`` if never checked."""
    rows = list(db.query("select * from quote_checks where quote_id = ?", [quote_id]))
    return rows[0] if rows else None


def load(db: sqlite_utils.Database, quote_id: int) -> list[Match]:
    """A quote's stored matches, best first."""
    out = []
    for r in db.conn.execute(
            "select passage_id, doc_type, doc_id, start, end, verdict, score, speaker,"
            " speaker_agrees, other_quote_id, diff from quote_matches where quote_id = ?"
            " order by rank", [quote_id]):
        out.append(Match(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                         None if r[8] is None else bool(r[8]), r[9],
                         [DiffOp(**d) for d in json.loads(r[10] or "[]")]))
    return out


_refresh_locks: dict[str, threading.RLock] = {}
_refresh_guard = threading.Lock()


def refresh_lock(db: sqlite_utils.Database) -> threading.RLock:
    """One refresh at a time per database file in this process.

    A refresh reads a quote's matches, aligns for a while, and writes them back: two at
    once (twelve reports ingested in parallel on the server) dropped each other's matches.
    Reviewers' verdicts do not take this lock. A refresh in another process (a CLI ingest
    beside the server) is not covered: ``match-all --only-unchecked`` or ``match-all``
    settles what such a race left.
    """
    path = db.conn.execute("pragma database_list").fetchone()[2] or f"memory:{id(db.conn)}"
    with _refresh_guard:
        return _refresh_locks.setdefault(path, threading.RLock())


def check_quotes(db: sqlite_utils.Database, quote_ids: Iterable[int],
                 progress: Callable[[int], None] | None = None, batch: int = 200) -> int:
    """Match quotes against the whole index and store the results.

    Reading and aligning run outside any write transaction; each ``batch`` of results is
    written in one short transaction, so reviewers' verdicts never wait long.
    """
    with refresh_lock(db):
        return _check_quotes(db, quote_ids, progress, batch)


def _check_quotes(db: sqlite_utils.Database, quote_ids: Iterable[int],
                  progress: Callable[[int], None] | None, batch: int) -> int:
    texts = Texts(db)
    done = 0
    ids = list(quote_ids)
    for i in range(0, len(ids), batch):
        infos = QuoteInfo.load(db, ids[i:i + batch])
        results = [(q.id, _trim(match_quote(db, q, texts))) for q in infos]
        stamp = now()
        with write_transaction(db):
            for qid, matches in results:
                save(db, qid, matches, stamp)
        done += len(infos)
        if progress:
            progress(len(infos))
    return done


def add_article(db: sqlite_utils.Database, article_id: int) -> int:
    """After an article is stored: index its paragraphs, check its quotes, and add it as
    a match to quotes elsewhere that it reports too. Returns the quotes checked."""
    with refresh_lock(db):
        return _add_article(db, article_id)


def _add_article(db: sqlite_utils.Database, article_id: int) -> int:
    text = texts_of(db, "article", article_id)
    with write_transaction(db):
        index.index_document(db, "article", article_id, text)
    own = [r[0] for r in db.conn.execute(
        "select id from quotes where article_id = ? order by id", [article_id])]
    n = check_quotes(db, own)
    return n + _recheck_against(db, "article", article_id, exclude_article=article_id)


def add_source(db: sqlite_utils.Database, source_id: int) -> int:
    """After a primary source is stored (``sources.store_source`` indexed its turns in the
    same transaction): add it to the matches of every quote its passages may hold.
    Returns the quotes re-checked."""
    with refresh_lock(db):
        return _recheck_against(db, "source", source_id)


def texts_of(db: sqlite_utils.Database, doc_type: str, doc_id: int) -> str:
    table = "sources" if doc_type == "source" else "articles"
    row = db.conn.execute(f"select text from {table} where id = ?", [doc_id]).fetchone()
    if row is None:
        raise LookupError(f"No {doc_type} {doc_id}")
    return row[0]


def _recheck_against(db: sqlite_utils.Database, doc_type: str, doc_id: int,
                     exclude_article: int | None = None) -> int:
    """Quotes elsewhere that a new document's passages may hold: aligned with those
    passages only, and merged into the matches they already have."""
    texts = Texts(db)
    text = texts.doc(doc_type, doc_id)[0]
    # The new article's own quotes share every word of its paragraphs: ask for enough
    # more that they cannot crowd the others out (they are dropped below).
    own = count_quotes(db, QuoteFilter(article=exclude_article))["all"] \
        if exclude_article else 0
    by_quote: dict[int, dict[int, tuple[float, index.PassageRow]]] = {}
    for p in index.document_passages(db, doc_type, doc_id):
        ws = words(text, p.start, p.end)
        # A long turn is asked for piece by piece: the rarest words of a whole speech
        # would all come from one part of it. A word no other passage has cannot be in
        # any stored article's quote, so only shared words are asked for.
        for i in range(0, max(len(ws), 1), REVERSE_CHUNK):
            terms = index.rarest(db, index.fts_terms(ws[i:i + REVERSE_CHUNK]), at_least=2,
                                 counts=texts.counts)
            if not terms:
                continue
            for qid, score in index.coordinate_search(db, "quotes_fts", terms, texts.counts,
                                                      REVERSE_QUOTES + own):
                hits = by_quote.setdefault(qid, {})
                hits[p.id] = max(hits.get(p.id, (0.0, p)), (score, p), key=lambda h: h[0])
    infos = [q for q in QuoteInfo.load(db, by_quote) if q.article_id != exclude_article]
    checked = {r[0] for r in db.conn.execute(
        "select quote_id from quote_checks where quote_id in"
        f" ({','.join('?' * len(infos))})", [q.id for q in infos])} if infos else set()
    updates = []
    for q in infos:
        # The passages that share most of its words: a document of near-copies (wire
        # stories) would otherwise align every quote with every paragraph.
        best = sorted(by_quote[q.id].values(), key=lambda h: -h[0])[:REVERSE_PASSAGES]
        fresh = match_quote(db, q, texts, only=[p for _, p in best])
        stored = load(db, q.id)
        old = [m for m in stored if (m.doc_type, m.doc_id) != (doc_type, doc_id)]
        if fresh or len(old) != len(stored):
            # The stored matches' speakers were judged when they were found; kept as is.
            updates.append((q.id, _trim(sorted(old + fresh, key=Match.sort_key))))
    stamp = now()
    with write_transaction(db):
        for qid, matches in updates:
            # A quote never checked (a database from before source checking) gets these
            # matches but stays "not checked" until match-all compares it with everything.
            save(db, qid, matches, stamp, checked=qid in checked)
    return len(updates)


def unchecked_quotes(db: sqlite_utils.Database) -> list[int]:
    return [r[0] for r in db.conn.execute(
        "select id from quotes where id not in (select quote_id from quote_checks) order by id")]


def reindex_all(db: sqlite_utils.Database) -> tuple[int, int]:
    """Index every article and primary source afresh (a database made before source
    checking, or after a change to how passages are cut). Returns (articles, sources)."""
    arts = [r[0] for r in db.conn.execute("select id from articles order by id")]
    srcs = db.conn.execute("select id, speaker from sources order by id").fetchall()
    with write_transaction(db):
        for aid in arts:
            index.index_document(db, "article", aid, texts_of(db, "article", aid))
        for sid, speaker in srcs:
            index.index_document(db, "source", sid, texts_of(db, "source", sid), speaker)
    return len(arts), len(srcs)
