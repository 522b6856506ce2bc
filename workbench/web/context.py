"""Request context shared by the blueprints: this request's database connection, the
signed-in reviewer's name and the htmx extension.

Its own module so that blueprints import it rather than the package that registers them
(``workbench.web`` imports every blueprint; a blueprint importing it back is a cycle).
"""
from __future__ import annotations

import threading

import sqlite_utils
from flask import abort, current_app, g
from flask_htmx import HTMX

from .. import db as storage
from .. import queries

htmx = HTMX()

_pool = threading.local()


def get_db() -> sqlite_utils.Database:
    """This request's connection: the serving thread's own, opened on its first use.

    Reused across requests because opening costs a dozen statements and closing the
    last connection checkpoints the WAL: together ~2/3 of a verdict's time (bench/load.py).
    """
    if "db" not in g:
        path = current_app.config["DATABASE"]
        pooled = getattr(_pool, "db", None)
        if pooled is None or pooled[0] != path:
            if pooled is not None:
                pooled[1].conn.close()
            pooled = _pool.db = (path, storage.connect(
                path, migrate=False,
                background_checkpoint=current_app.config.get("BACKGROUND_CHECKPOINT", False)))
        g.db = pooled[1]
    return g.db


def article_or_404(article_id: int) -> dict:
    """The article with this id, or a 404 that names it."""
    article = queries.get_article(get_db(), article_id)
    if article is None:
        abort(404, f"No article {article_id}")
    return article


def quote_or_404(quote_id: int) -> dict:
    """The quote with this id and its article and speaker columns, or a 404 that names it."""
    quote = queries.get_quote_full(get_db(), quote_id)
    if quote is None:
        abort(404, f"No quote {quote_id}")
    return quote


def current_reviewer() -> str:
    """Name recorded on verdicts: the signed-in user's (set by auth.enforce_access).

    Never a placeholder: a write without a signed-in user is refused, not recorded as
    nobody's (the access policy already refuses it; this is the second lock).
    """
    user = g.get("user")
    if not user:
        abort(401, "Sign in first: a verdict needs the name of the person who gives it.")
    return user["username"]
