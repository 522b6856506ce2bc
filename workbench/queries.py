"""Reading quotes back: filters shared by the quote list, the review queue and exports."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import ClassVar, NamedTuple

import sqlite_utils

from .review import DISPUTE_REASONS, STATUSES

KINDS = ("direct", "mixed", "reported")
# Source-check filters (workbench/matching.py fills quote_checks).
CHECKS = {
    "primary": "has a primary-source match",
    "altered": "altered",
    "speaker_mismatch": "speaker mismatch",
    "not_found": "not found in any source",
    "unchecked": "not checked yet",
}
_CHECK_SQL = {
    "primary": "q.id in (select quote_id from quote_checks where primary_verdict is not null)",
    "altered": "q.id in (select quote_id from quote_checks where verdict = 'altered'"
               " or primary_verdict = 'altered')",
    "speaker_mismatch": "q.id in (select quote_id from quote_checks where speaker_mismatch = 1)",
    "not_found": "q.id in (select quote_id from quote_checks where matches = 0)",
    "unchecked": "q.id not in (select quote_id from quote_checks)",
}

QUOTE_COLUMNS = """
    q.*, a.title as article_title, a.outlet as outlet, a.published as published,
    s.name as speaker, s.role as role_of_speaker
"""
QUOTE_JOINS = """
    join articles a on a.id = q.article_id left join speakers s on s.id = q.speaker_id
"""
QUOTE_FROM = f"from quotes q {QUOTE_JOINS}"


# Second-look states and the second_looks rows that are in them.
SECOND_LOOKS = {
    "pending": "second_status is null",
    "done": "second_status is not null",
    "disagree": "second_status is not null and second_status != first_status",
}


class FilterError(ValueError):
    """A filter parameter is malformed (answered with 400)."""


@dataclass
class QuoteFilter:
    # The order of lists and of the queue (queue.neighbour seeks on it); a subclass may walk
    # another index (WideSearchFilter).
    order: ClassVar[tuple[str, ...]] = ("q.article_id", "q.start", "q.id")
    order_fields: ClassVar[tuple[str, ...]] = ("article_id", "start", "id")  # a quote's

    status: str | None = None
    speaker: int | None = None  # speaker id
    article: int | None = None
    kind: str | None = None
    outlet: str | None = None
    reason: str | None = None
    reviewer: str | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    q: str | None = None  # full-text search
    check: str | None = None  # source check: one of CHECKS
    second_look: str | None = None  # pending, done, disagree (workbench.desk)

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> QuoteFilter:
        """Parse query-string arguments, ignoring empty ones.

        :raises FilterError: a value of the wrong type or outside its choices
        """
        f = cls()
        for field in fields(cls):
            raw = (args.get(field.name) or "").strip()
            if not raw:
                continue
            if len(raw) > 500:
                raise FilterError(f"Filter {field.name!r} is too long")
            if field.name == "q" and not fts_query(raw):
                continue  # punctuation alone searches for nothing: no search at all
            if field.name in ("speaker", "article"):
                # isascii: str.isdigit() accepts "²", which int() refuses; the length bound
                # keeps the id inside SQLite's 64-bit integers.
                if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
                    raise FilterError(f"Filter {field.name!r} must be a number, not {raw!r}")
                value = int(raw)
            elif field.name in ("min_confidence", "max_confidence"):
                try:
                    value = float(raw)
                except ValueError:
                    raise FilterError(f"Filter {field.name!r} must be a number") from None
                if not 0 <= value <= 1:
                    raise FilterError(f"Filter {field.name!r} must be between 0 and 1")
            else:
                value = raw
            setattr(f, field.name, value)
        for name, choices in (("status", STATUSES), ("kind", KINDS), ("reason", DISPUTE_REASONS),
                              ("check", CHECKS), ("second_look", SECOND_LOOKS)):
            value = getattr(f, name)
            if value is not None and value not in choices:
                raise FilterError(f"Unknown {name} {value!r}; use one of {', '.join(choices)}")
        return f

    def plain(self) -> QuoteFilter:
        """The same filter as a plain :class:`QuoteFilter`, whatever subclass this is (a
        search gathered into a temporary table or read a page at a time)."""
        return QuoteFilter(**{f.name: getattr(self, f.name) for f in fields(QuoteFilter)})

    def key(self, quote: dict) -> list:
        """The quote's place in :attr:`order` (the values of its columns)."""
        return [quote[name] for name in self.order_fields]

    def as_args(self) -> dict[str, str]:
        """The filter as query-string arguments (for links, exports and the URL bar)."""
        return {fl.name: str(getattr(self, fl.name)) for fl in fields(self)
                if getattr(self, fl.name) is not None}

    def where(self, ordered: bool = False) -> tuple[str, list]:
        """The WHERE clause (alias ``q`` for quotes) and its parameters.

        :param ordered: the rows are read in :attr:`order`, a few at a time (a seek or a
            page), not all of them (a count)
        """
        clauses, params = [], []
        # The outlet as a list of article ids, not a join: SQLite then walks the quotes
        # index in queue order (a seek under an outlet at a million quotes: 18 ms -> 0.3 ms).
        simple = {"status": "q.status = ?", "speaker": "q.speaker_id = ?",
                  "article": "q.article_id = ?", "kind": "q.kind = ?",
                  "outlet": "q.article_id in (select id from articles where outlet = ?)",
                  "reason": "q.dispute_reason = ?", "reviewer": "q.reviewer = ?"}
        for name, clause in simple.items():
            value = getattr(self, name)
            if value is not None:
                clauses.append(clause)
                params.append(value)
        # The unary plus keeps SQLite from reading a confidence range from its index and
        # sorting it when rows are wanted in queue order (the queue's first quote under
        # min_confidence=0: 2.4 s at a million quotes); counts still use the index.
        confidence = "+q.confidence" if ordered else "q.confidence"
        if self.min_confidence is not None:
            clauses.append(f"{confidence} >= ?")
            params.append(self.min_confidence)
        if self.max_confidence is not None:
            clauses.append(f"{confidence} <= ?")
            params.append(self.max_confidence)
        if self.check:
            clauses.append(_CHECK_SQL[self.check])
        if self.second_look is not None:
            clauses.append(f"q.id in (select quote_id from second_looks where "
                           f"{SECOND_LOOKS[self.second_look]})")
        if self.q:
            match = fts_query(self.q)
            if match:
                clauses.append("q.id in (select rowid from quotes_fts where quotes_fts match ?)")
                params.append(match)
        return (" where " + " and ".join(clauses) if clauses else ""), params


def fts_query(text: str) -> str:
    """Quote every word so user input is searched for, never parsed as FTS5 syntax."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words[:20])


# A search with more matches than this is not gathered and counted (WideSearchFilter):
# gathering costs about 2-4 microseconds a match, 5,000 matches 10-20 ms.
SEARCH_GATHER_LIMIT = 5_000


def search_matches(db: sqlite_utils.Database, match: str, limit: int) -> int:
    """How many quotes a full-text query matches, counted in the index alone and only up
    to ``limit + 1`` (a word in most quotes costs as little as a rare one).

    :param match: an FTS5 query from :func:`fts_query`
    """
    return db.execute("select count(*) from (select 1 from quotes_fts where quotes_fts match ?"
                      " limit ?)", [match, limit + 1]).fetchone()[0]


@dataclass
class WideSearchFilter(QuoteFilter):
    """A search matching more than :data:`SEARCH_GATHER_LIMIT` quotes.

    Its quotes are read in the full-text index's own order (quote id, the order quotes came
    in), so a page or the next quote is found after a few index steps however common the
    word; they are not counted (:func:`count_quotes` says "more than" the limit) and have
    no place number in the queue. At a million quotes the commonest word took 2 s to
    gather and count; this reads one page.
    """

    # f.rowid, not q.id: SQLite reads FTS5 in rowid order but sorts every match for q.id.
    order: ClassVar[tuple[str, ...]] = ("f.rowid",)
    order_fields: ClassVar[tuple[str, ...]] = ("id",)

    def where(self, ordered: bool = False) -> tuple[str, list]:
        where, params = replace(self.plain(), q=None).where(ordered)
        match = "f.quotes_fts match ?"
        return (f"{where} and {match}" if where else f" where {match}"), \
            params + [fts_query(self.q)]


def quote_from(filt: QuoteFilter) -> str:
    """The FROM clause of a list with the article and speaker columns."""
    if isinstance(filt, WideSearchFilter):
        return f"from quotes_fts f join quotes q on q.id = f.rowid {QUOTE_JOINS}"
    return QUOTE_FROM


# A filter known to select at most this many quotes is listed by sorting them (see
# list_quotes' ``matching``). Small: walking the order finds a page of a filter that keeps
# one quote in a hundred after a few thousand steps, but a filter keeping a handful walks
# it all; sorting costs the filter's best index range, which may be large (kind, status).
SORT_FEW = 100


def list_quotes(db: sqlite_utils.Database, filt: QuoteFilter, limit: int | None = 500,
                offset: int = 0, matching: int | None = None) -> list[dict]:
    """The quotes under ``filt`` in its order, a page (``limit``, ``offset``) or all.

    :param matching: how many quotes the filter selects, when the caller counted them: if
        few, they are found through the filter's own index and sorted, rather than by
        walking the whole order and testing each (a reviewer with no verdicts: 270 ms at a
        million quotes)
    """
    where, params = filt.where(ordered=limit is not None)
    if limit is None:
        return list(db.query(f"select {QUOTE_COLUMNS} {quote_from(filt)} {where}"
                             f" order by {', '.join(filt.order)}", params))
    # The page's ids first, from the quotes index alone, then their columns: the rows an
    # offset skips are not joined with their article and speaker (page 40,000 of a million
    # quotes: 300 ms -> 9 ms).
    # A unary plus keeps SQLite from reading the order from an index.
    order = ", ".join(("+" if matching is not None and matching <= SORT_FEW else "") + column
                      for column in filt.order)
    return list(db.query(f"""
        with page as (select q.id {filter_from(filt)} {where}
                      order by {order} limit ? offset ?)
        select {QUOTE_COLUMNS} from page join quotes q on q.id = page.id
        {QUOTE_JOINS}
        order by {', '.join(f"q.{name}" for name in filt.order_fields)}""",
                         params + [limit, offset]))


def quote_position(db: sqlite_utils.Database, article_id: int, quote_id: int) -> int | None:
    """Where a quote stands in its article's list (0-based, in :func:`list_quotes` order),
    or ``None`` if it is not a quote of that article."""
    rows = list(db.query("select start from quotes where id = ? and article_id = ?",
                         [quote_id, article_id]))
    if not rows:
        return None
    return next(db.query(
        "select count(*) as n from quotes where article_id = ? and "
        "(start < ? or (start = ? and id < ?))",
        [article_id, rows[0]["start"], rows[0]["start"], quote_id]))["n"]


def filter_from(filt: QuoteFilter) -> str:
    """The FROM clause a filter needs when no article or speaker column is read.

    Leaving the joins out lets SQLite count or seek in the quotes indexes alone (100k
    quotes: ~3 ms instead of ~90 ms).
    """
    if getattr(filt, "from_clause", None):  # a search gathered once (queue.SearchedFilter)
        return filt.from_clause
    if isinstance(filt, WideSearchFilter):
        return "from quotes_fts f join quotes q on q.id = f.rowid"
    return "from quotes q"


def count_quotes(db: sqlite_utils.Database, filt: QuoteFilter) -> dict[str, int | None]:
    """Counts by status under the filter (the status filter itself left out), and ``all``.

    A wide search is not counted: every count is ``None`` and ``more_than`` holds
    :data:`SEARCH_GATHER_LIMIT` (templates say "more than 5,000").
    """
    if isinstance(filt, WideSearchFilter):
        return {**{s: None for s in STATUSES}, "all": None, "more_than": SEARCH_GATHER_LIMIT}
    base = replace(filt, status=None)  # keeps a subclass's where() (see queue.prepare)
    where, params = base.where()
    by_kind = kept_counts_where(base)
    if not where:  # kept up to date by triggers (migration m003)
        rows = db.query("select status, n from quote_status_counts")
    elif by_kind is not None:  # only kind, outlet, article: counts kept by m070's triggers
        rows = db.query(f"select c.status as status, sum(c.n) as n {by_kind.sql}"
                        " group by c.status", by_kind.params)
    else:
        # Grouped by +q.status: SQLite would otherwise walk the status index to group in
        # order, reading every quote, rather than take the filter's own index (a
        # confidence >= 0.999 count: 520 ms -> 0.2 ms at a million quotes).
        rows = db.query(f"select q.status, count(*) as n {filter_from(base)} {where}"
                        " group by +q.status", params)
    counts = {s: 0 for s in STATUSES}
    counts.update({r["status"]: r["n"] for r in rows})
    counts["all"] = sum(counts[s] for s in STATUSES)
    return counts


class KeptCounts(NamedTuple):
    """How to sum quote_counts_by_article_kind (alias ``c``) for a filter."""
    sql: str  # FROM and WHERE
    params: list
    article: str  # the article id column, to add a condition on it


def kept_counts_where(filt: QuoteFilter) -> KeptCounts | None:
    """The counts kept by m070's triggers that add up to what ``filt`` selects, or ``None``
    when the filter uses more than status, kind, outlet and article."""
    used = {f.name for f in fields(filt) if getattr(filt, f.name) is not None}
    if type(filt) is not QuoteFilter or not used <= {"status", "kind", "outlet", "article"}:
        return None
    clauses = {"outlet": "a.outlet = ?", "article": "c.article_id = ?", "kind": "c.kind = ?",
               "status": "c.status = ?"}
    names = [name for name in clauses if name in used]
    where = " where " + " and ".join(clauses[n] for n in names) if names else ""
    params = [getattr(filt, n) for n in names]
    if filt.outlet is None:
        return KeptCounts(f"from quote_counts_by_article_kind c{where}", params, "c.article_id")
    # An outlet's articles first, then their counts (SQLite would otherwise read every
    # count of the kind and test its article: 13 ms against 3 at a million quotes).
    return KeptCounts("from articles a cross join quote_counts_by_article_kind c"
                      f" on c.article_id = a.id{where}", params, "a.id")


def get_quote_full(db: sqlite_utils.Database, quote_id: int) -> dict | None:
    rows = list(db.query(f"select {QUOTE_COLUMNS} {QUOTE_FROM} where q.id = ?", [quote_id]))
    return rows[0] if rows else None


def words_like(q: str | None, columns: list[str]) -> tuple[list[str], list[str]]:
    """SQL clauses (and their parameters) for "every word of ``q`` is in one of these
    columns", case-insensitively; a ``%`` or ``_`` typed is a literal, not a wildcard."""
    clauses, params = [], []
    for word in (q or "").split()[:10]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        clauses.append("(" + " or ".join(f"{c} like ? escape '\\'" for c in columns) + ")")
        params += [pattern] * len(columns)
    return clauses, params


def _article_where(q: str | None) -> tuple[str, list]:
    clauses, params = words_like(q, ["a.title", "a.outlet"])
    return (" where " + " and ".join(clauses) if clauses else ""), params


def list_articles(db: sqlite_utils.Database, q: str | None = None, limit: int = 50,
                  offset: int = 0) -> list[dict]:
    """Newest first, one page, with quote and review counts for that page's articles (read
    from quote_progress_by_article, migration m070)."""
    where, params = _article_where(q)
    return list(db.query(f"""
        with page as (
          select a.id, a.title, a.outlet, a.published, a.ingested_at, a.filename
          from articles a {where} order by a.id desc limit ? offset ?)
        select page.*, coalesce(p.total, 0) as quotes,
          coalesce(p.verified + p.disputed, 0) as reviewed, coalesce(p.disputed, 0) as disputed
        from page left join quote_progress_by_article p on p.article_id = page.id
        order by page.id desc
    """, params + [limit, offset]))


def count_articles(db: sqlite_utils.Database, q: str | None = None) -> int:
    where, params = _article_where(q)
    return next(db.query(f"select count(*) as n from articles a {where}", params))["n"]


def get_article(db: sqlite_utils.Database, article_id: int) -> dict | None:
    rows = list(db.query("select * from articles where id = ?", [article_id]))
    return rows[0] if rows else None


def speaker_choices(db: sqlite_utils.Database) -> list[dict]:
    """Speakers who have quotes, for a filter drop-down: one index probe per speaker
    rather than a count over every quote."""
    return list(db.query("""
        select s.id, s.name from speakers s
        where s.merged_into is null and exists (select 1 from quotes q where q.speaker_id = s.id)
        order by s.name collate nocase
    """))


def outlet_choices(db: sqlite_utils.Database) -> list[str]:
    return [r["outlet"] for r in db.query(
        "select distinct outlet from articles where outlet is not null order by outlet")]


def list_speakers(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("""
        select s.id, s.name, s.kind, s.role, s.aliases, p.total as quotes
        from speakers s join quote_progress_by_speaker p on p.speaker_id = s.id
        order by s.name collate nocase
    """))


def in_filter(db: sqlite_utils.Database, filt: QuoteFilter, quote_id: int) -> bool:
    """Whether a quote is among those ``filt`` selects (one index probe, no list).

    :param quote_id: the quote to look for
    """
    where, params = filt.where()
    where = f"{where} and q.id = ?" if where else " where q.id = ?"
    row = db.execute(f"select 1 {filter_from(filt)} {where}", params + [quote_id]).fetchone()
    return row is not None


def reviewer_choices(db: sqlite_utils.Database) -> list[str]:
    """Everyone who has given a verdict, for the queue's reviewer filter.

    A skip-scan over the (reviewer, status) index: a few lookups, not one per quote.
    """
    return [r[0] for r in db.execute("""
        with recursive r(name) as (
          select min(reviewer) from quotes where reviewer is not null
          union all
          select (select min(reviewer) from quotes where reviewer > r.name) from r
          where r.name is not null)
        select name from r where name is not null""")]
