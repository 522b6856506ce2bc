"""The review queue: one quote at a time in filter order, with its neighbours.

The order is (article, start, id). Seeks use row-value comparisons on the quotes indexes
alone (no joins unless the filter needs one), so moving through 100k quotes stays O(log n).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import sqlite_utils

from .queries import QuoteFilter, filter_from, fts_query, get_quote_full

ORDER = ("q.article_id", "q.start", "q.id")


def _key(quote: dict) -> list:
    return [quote["article_id"], quote["start"], quote["id"]]


def _seek(db: sqlite_utils.Database, filt: QuoteFilter, cond: str | None, params: list,
          descending: bool = False) -> dict | None:
    where, fparams = filt.where()
    if cond:
        where = f"{where} and {cond}" if where else f" where {cond}"
    direction = " desc" if descending else ""
    order = ", ".join(c + direction for c in ORDER)
    row = db.execute(f"select q.id {filter_from(filt)} {where} order by {order} limit 1",
                     fparams + params).fetchone()
    return get_quote_full(db, row[0]) if row else None


def first(db: sqlite_utils.Database, filt: QuoteFilter) -> dict | None:
    return _seek(db, filt, None, [])


def last(db: sqlite_utils.Database, filt: QuoteFilter) -> dict | None:
    return _seek(db, filt, None, [], descending=True)


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
              forward: bool = True) -> dict | None:
    """The next (or previous) quote under the filter after ``quote``'s place in the order.

    ``quote`` itself need not match the filter any more (it was just verified away), so the
    queue moves on from where it stood.
    """
    op = ">" if forward else "<"
    return _seek(db, filt, f"({', '.join(ORDER)}) {op} (?, ?, ?)", _key(quote),
                 descending=not forward)


def position(db: sqlite_utils.Database, filt: QuoteFilter, quote: dict) -> int:
    """1-based place of ``quote`` among the filter's quotes (those before it, plus one)."""
    where, params = filt.where()
    cond = f"({', '.join(ORDER)}) < (?, ?, ?)"
    where = f"{where} and {cond}" if where else f" where {cond}"
    return db.execute(f"select count(*) {filter_from(filt)} {where}",
                      params + _key(quote)).fetchone()[0] + 1



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

    def where(self) -> tuple[str, list]:
        clauses, params = ["q.id in (select id from temp.fts_hits)"], []
        if self.status is not None:
            clauses.append("q.status = ?")
            params.append(self.status)
        return " where " + " and ".join(clauses), params


def prepare(db: sqlite_utils.Database, filt: QuoteFilter) -> QuoteFilter:
    """The filter to use on this connection: a search's matches gathered once.

    The table is emptied and refilled on every call, so a connection reused across
    requests never answers from another request's search; call it again after a write.
    """
    match = fts_query(filt.q) if filt.q else ""
    if not match:
        return filt
    rest = QuoteFilter(**{**filt.__dict__, "status": None})
    where, params = rest.where()
    db.execute("create temp table if not exists fts_hits (id integer primary key,"
               " status text, article_id integer, start integer)")
    db.execute("create index if not exists temp.fts_hits_order"
               " on fts_hits (status, article_id, start)")
    db.execute("create index if not exists temp.fts_hits_place on fts_hits (article_id, start)")
    db.execute("delete from temp.fts_hits")
    db.execute(f"insert into temp.fts_hits select q.id, q.status, q.article_id, q.start"
               f" {filter_from(rest)} {where}", params)
    return SearchedFilter(**filt.__dict__)
