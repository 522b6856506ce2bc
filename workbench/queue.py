"""The review queue: one quote at a time in filter order, with its neighbours."""
from __future__ import annotations

import sqlite_utils

from .queries import QUOTE_COLUMNS, QUOTE_FROM, QuoteFilter

ORDER = "q.article_id, q.start, q.id"


def _key(quote: dict) -> list:
    return [quote["article_id"], quote["start"], quote["id"]]


def first(db: sqlite_utils.Database, filt: QuoteFilter) -> dict | None:
    where, params = filt.where()
    rows = list(db.query(f"select {QUOTE_COLUMNS} {QUOTE_FROM} {where} order by {ORDER} limit 1",
                         params))
    return rows[0] if rows else None


def neighbour(db: sqlite_utils.Database, filt: QuoteFilter, quote: dict,
              forward: bool = True) -> dict | None:
    """The next (or previous) quote under the filter after ``quote``'s place in the order.

    ``quote`` itself need not match the filter any more (it was just verified away), so the
    queue moves on from where it stood.
    """
    where, params = filt.where()
    op, direction = (">", "asc") if forward else ("<", "desc")
    cond = f"(q.article_id, q.start, q.id) {op} (?, ?, ?)"
    where = f"{where} and {cond}" if where else f" where {cond}"
    order = ", ".join(f"{c} {direction}" for c in ORDER.split(", "))
    rows = list(db.query(f"select {QUOTE_COLUMNS} {QUOTE_FROM} {where} order by {order} limit 1",
                         params + _key(quote)))
    return rows[0] if rows else None


def position(db: sqlite_utils.Database, filt: QuoteFilter, quote: dict) -> int:
    """1-based place of ``quote`` among the filter's quotes (those before it, plus one)."""
    where, params = filt.where()
    cond = "(q.article_id, q.start, q.id) < (?, ?, ?)"
    where = f"{where} and {cond}" if where else f" where {cond}"
    return db.execute(f"select count(*) {QUOTE_FROM} {where}", params + _key(quote)).fetchone()[0] + 1
