"""The review queue: one quote at a time in filter order, with its neighbours.

The order is (article, start, id). Seeks use row-value comparisons on the quotes indexes
alone (no joins unless the filter needs one), so moving through 100k quotes stays O(log n).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import sqlite_utils

from . import queries
from .queries import (SORT_FEW, QuoteFilter, WideSearchFilter, filter_from, fts_query,
                      get_quote_full, kept_counts_where, search_matches)
from .review import STATUSES

def _seek(db: sqlite_utils.Database, filt: QuoteFilter, cond: str | None, params: list,
          descending: bool = False, matching: int | None = None) -> dict | None:
    """The first quote under ``filt`` (and ``cond``) in the order, or in reverse.

    :param matching: the filter's count, when known: a handful of quotes are found through
        the filter's own index and sorted (as queries.list_quotes does) instead of walking
        the whole order to find them
    """
    where, fparams = filt.where(ordered=True)
    if cond:
        where = f"{where} and {cond}" if where else f" where {cond}"
    direction = " desc" if descending else ""
    few = "+" if matching is not None and matching <= SORT_FEW else ""
    order = ", ".join(few + c + direction for c in filt.order)
    row = db.execute(f"select q.id {filter_from(filt)} {where} order by {order} limit 1",
                     fparams + params).fetchone()
    return get_quote_full(db, row[0]) if row else None


def first(db: sqlite_utils.Database, filt: QuoteFilter,
          matching: int | None = None) -> dict | None:
    return _seek(db, filt, None, [], matching=matching)


def last(db: sqlite_utils.Database, filt: QuoteFilter,
         matching: int | None = None) -> dict | None:
    return _seek(db, filt, None, [], descending=True, matching=matching)


def first_of(db: sqlite_utils.Database, quote_ids: list[int]) -> int | None:
    """The id among ``quote_ids`` that comes first in queue order (any number of ids)."""
    row = db.execute("select id from quotes where id in (select value from json_each(?))"
                     " order by article_id, start, id limit 1",
                     [json.dumps(quote_ids)]).fetchone()
    return row[0] if row else None


def next_article(db: sqlite_utils.Database, after: int | None) -> int | None:
    """The next article (by id, wrapping round) with unreviewed quotes, or ``None``."""
    for cond, params in (("article_id > ?", [after or 0]), ("1", [])):
        row = db.execute("select article_id from quotes where status = 'unreviewed'"
                         f" and {cond} order by article_id limit 1", params).fetchone()
        if row:
            return row[0]
    return None


def neighbour(db: sqlite_utils.Database, filt: QuoteFilter, quote: dict,
              forward: bool = True, matching: int | None = None) -> dict | None:
    """The next (or previous) quote under the filter after ``quote``'s place in the order.

    ``quote`` itself need not match the filter any more (it was just verified away), so the
    queue moves on from where it stood.
    """
    op = ">" if forward else "<"
    marks = ", ".join("?" * len(filt.order))
    return _seek(db, filt, f"({', '.join(filt.order)}) {op} ({marks})", filt.key(quote),
                 descending=not forward, matching=matching)


def position(db: sqlite_utils.Database, filt: QuoteFilter, quote: dict) -> int | None:
    """1-based place of ``quote`` among the filter's quotes (those before it, plus one);
    ``None`` in a wide search, which is not counted."""
    if isinstance(filt, WideSearchFilter):
        return None
    earlier = _in_earlier_articles(db, filt, quote["article_id"])
    where, params = filt.where()
    if earlier is not None:  # then only the quote's own article is counted
        cond = "q.article_id = ? and (q.start, q.id) < (?, ?)"
    else:
        cond, earlier = f"({', '.join(filt.order)}) < (?, ?, ?)", 0
    where = f"{where} and {cond}" if where else f" where {cond}"
    return earlier + db.execute(f"select count(*) {filter_from(filt)} {where}",
                                params + filt.key(quote)).fetchone()[0] + 1


def _in_earlier_articles(db: sqlite_utils.Database, filt: QuoteFilter,
                         article_id: int) -> int | None:
    """How many of the filter's quotes are in articles before ``article_id``, added up
    from the counts migration m070 keeps by article (counting every earlier quote cost up
    to 100 ms at a million quotes); ``None`` when the filter is not made of status, kind
    and outlet alone."""
    kept = kept_counts_where(filt)
    if kept is None or filt.article is not None:
        return None
    if filt.kind is None and filt.outlet is None:  # status alone: one row per article
        column = {None: "total", **{s: s for s in STATUSES}}[filt.status]
        return db.execute(f"select coalesce(sum({column}), 0) from quote_progress_by_article"
                          " where article_id < ?", [article_id]).fetchone()[0]
    return db.execute(f"select coalesce(sum(c.n), 0) {kept.sql} and {kept.article} < ?",
                      kept.params + [article_id]).fetchone()[0]


@dataclass
class SearchedFilter(QuoteFilter):
    """A search filter whose matches were gathered once into ``temp.fts_hits``.

    A queue page asks its filter up to five questions (counts, place, previous, next,
    first) and SQLite would run the FTS match and look up every hit again for each. The
    temporary table holds the quotes matching everything but the status, with the columns
    the queue orders and counts by, so the questions are answered from its indexes.
    ``where()`` stays correct against ``quotes q`` too (membership plus status).
    """

    from_clause = "from temp.fts_hits q"

    def where(self, ordered: bool = False) -> tuple[str, list]:
        clauses, params = ["q.id in (select id from temp.fts_hits)"], []
        if self.status is not None:
            clauses.append("q.status = ?")
            params.append(self.status)
        return " where " + " and ".join(clauses), params


# A search matching many quotes is still gathered when the other filters leave at most
# this many quotes: each is checked against the full-text index (about 27 microseconds).
NARROW_FILTER_LIMIT = 1_000


def prepare(db: sqlite_utils.Database, filt: QuoteFilter) -> QuoteFilter:
    """The filter to use on this connection for a search: its matches gathered once
    (:class:`SearchedFilter`, exact counts and places), or, when there are too many of
    them to gather quickly, a :class:`~workbench.queries.WideSearchFilter`.

    The table is emptied and refilled on every call, so a connection reused across
    requests never answers from another request's search; call it again after a write.
    """
    match = fts_query(filt.q) if filt.q else ""
    if not match:
        return filt
    rest = QuoteFilter(**{**filt.__dict__, "status": None})
    limit = queries.SEARCH_GATHER_LIMIT
    if search_matches(db, match, limit) <= limit:
        where, params = rest.where()
    else:
        others = QuoteFilter(**{**rest.__dict__, "q": None})
        where, params = others.where()
        if not where or _more_than(db, others, NARROW_FILTER_LIMIT):
            return WideSearchFilter(**filt.__dict__)
        where += (" and exists (select 1 from quotes_fts f where f.rowid = q.id"
                  " and f.quotes_fts match ?)")
        params = params + [match]
    db.execute("create temp table if not exists fts_hits (id integer primary key,"
               " status text, article_id integer, start integer)")
    db.execute("create index if not exists temp.fts_hits_order"
               " on fts_hits (status, article_id, start)")
    db.execute("create index if not exists temp.fts_hits_place on fts_hits (article_id, start)")
    db.execute("delete from temp.fts_hits")
    db.execute(f"insert into temp.fts_hits select q.id, q.status, q.article_id, q.start"
               f" {filter_from(rest)} {where}", params)
    return SearchedFilter(**filt.__dict__)


def _more_than(db: sqlite_utils.Database, filt: QuoteFilter, limit: int) -> bool:
    """Whether ``filt`` selects more than ``limit`` quotes (stops counting there)."""
    where, params = filt.where()
    return db.execute(f"select count(*) from (select 1 {filter_from(filt)} {where} limit ?)",
                      params + [limit + 1]).fetchone()[0] > limit
