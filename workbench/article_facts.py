"""A reviewer's corrections to an article's facts, versioned and logged.

The text is never edited (every offset points into it); only the facts read from it or
from the page it came from: title, outlet, date, URL and author.
"""
from __future__ import annotations

from datetime import date

import sqlite_utils

from .clock import now
from .db import write_transaction
from .fetch import BadURL, check_url

FACT_FIELDS = {"title": "Title", "outlet": "Outlet", "published": "Date", "url": "URL",
               "author": "Author"}
MAX_LENGTH = {"title": 300, "outlet": 200, "published": 10, "url": 2000, "author": 200}


class FactsError(ValueError):
    """A value cannot be stored; nothing was written."""


class ArticleNotFound(LookupError):
    pass


class ArticleConflict(Exception):
    """The article changed since the editor loaded it; ``current`` is its state now."""

    def __init__(self, current: dict):
        self.current = current
        super().__init__(f"Article {current['id']} was changed meanwhile (now version "
                         f"{current['version']}); reload and try again")


def clean(field: str, value: str | None) -> str | None:
    """A submitted value as stored: stripped, blank as ``None``, checked for its field.

    :raises FactsError: too long, a date that is not YYYY-MM-DD, a URL that is not http(s)
    """
    value = " ".join((value or "").split())  # one line: no newlines in a title or name
    if not value:
        return None
    label = FACT_FIELDS[field]
    if len(value) > MAX_LENGTH[field]:
        raise FactsError(f"{label} is too long (at most {MAX_LENGTH[field]} characters)")
    if field == "published":
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is None or len(value) != 10:  # fromisoformat also takes 20240603
            raise FactsError("Date must be a calendar date written YYYY-MM-DD, e.g. 2024-06-03")
        return parsed.isoformat()
    if field == "url":
        try:
            return check_url(value)
        except BadURL:
            raise FactsError("URL must be a web address starting with http:// or https://") \
                from None
    return value


def update_facts(db: sqlite_utils.Database, article_id: int, values: dict[str, str | None],
                 editor: str, expected_version: int | None = None) -> dict:
    """Store the fields of ``values`` that changed and log each change, in one transaction.

    :param values: field name to submitted value; fields not named are left alone
    :param expected_version: the version the editor saw; a mismatch raises
        :class:`ArticleConflict` and writes nothing
    :returns: the article row after the write
    :raises FactsError: an unknown field or a bad value
    """
    unknown = set(values) - set(FACT_FIELDS)
    if unknown:
        raise FactsError(f"Unknown field {sorted(unknown)[0]!r}; use {', '.join(FACT_FIELDS)}")
    cleaned = {f: clean(f, v) for f, v in values.items()}
    with write_transaction(db):
        rows = list(db.query("select * from articles where id = ?", [article_id]))
        if not rows:
            raise ArticleNotFound(f"No article {article_id}")
        old = rows[0]
        if expected_version is not None and old["version"] != expected_version:
            raise ArticleConflict(old)
        changed = {f: v for f, v in cleaned.items() if v != old[f]}
        if not changed:
            return old
        stamp, version = now(), old["version"] + 1
        sets = ", ".join(f"{f} = ?" for f in changed)
        db.execute(f"update articles set {sets}, version = ? where id = ?",
                   [*changed.values(), version, article_id])
        for f, v in changed.items():
            db.execute("insert into article_log (article_id, editor, field, old_value,"
                       " new_value, version, at) values (?, ?, ?, ?, ?, ?, ?)",
                       [article_id, editor, f, old[f], v, version, stamp])
        return {**old, **changed, "version": version}


def history(db: sqlite_utils.Database, article_id: int) -> list[dict]:
    """The article's fact changes, newest first."""
    return list(db.query("select * from article_log where article_id = ? order by id desc",
                         [article_id]))
