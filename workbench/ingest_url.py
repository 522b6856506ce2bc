"""Ingesting an article by its web address: fetch, reduce to main text, store."""
from __future__ import annotations

import sqlite_utils

from .documents import Document, DocumentError, from_html
from .fetch import decode_html, fetch
from .ingest import DuplicateArticle, Ingested, ingest_document

# Fewer words than this is a page whose article did not come through (it is drawn by
# JavaScript, or behind a paywall): a photo caption or a menu, not something to review.
MIN_WORDS = 40


def is_url(value: str) -> bool:
    """Whether a command-line argument or pasted value is meant as a web address."""
    return value.strip().lower().startswith(("http://", "https://"))


def find_by_url(db: sqlite_utils.Database, *urls: str | None) -> dict | None:
    """The stored article whose own or fetched-from address is one of ``urls``."""
    wanted = [u for u in dict.fromkeys(urls) if u]
    if not wanted:
        return None
    marks = ", ".join("?" * len(wanted))
    rows = list(db.query(
        f"select id, title from articles where url in ({marks}) or source_url in ({marks})"
        " order by id limit 1", wanted + wanted))
    return rows[0] if rows else None


def document_from_url(url: str, allow_private: bool = False) -> Document:
    """Fetch a page and reduce it to an article document (nothing is stored).

    :raises FetchError: the page could not be had (the message names the URL)
    :raises DocumentError: the page has no article text
    """
    page = fetch(url, allow_private=allow_private)
    doc = from_html(decode_html(page), url=page.url)
    words = len(doc.text.split()) - len((doc.title or "").split())
    if words < MIN_WORDS:
        raise DocumentError(f"{url}: only {words} words of article text found; the page "
                            "may draw its article with JavaScript or keep it behind a login")
    if doc.url != page.url:
        doc.source_url = page.url
    return doc


def ingest_url(db: sqlite_utils.Database, url: str, user: str | None = None,
               allow_private: bool = False) -> Ingested:
    """Fetch ``url``, extract its quotes and store the article with its address.

    An address already stored (as the article's own or the one it was fetched from) is
    refused before fetching; after fetching, the canonical address and the text are
    checked again.

    :raises DuplicateArticle: already stored
    :raises FetchError: the page could not be had
    :raises DocumentError: the page has no article text
    """
    url = url.strip()
    known = find_by_url(db, url)
    if known:
        raise DuplicateArticle(known["id"], known["title"])
    doc = document_from_url(url, allow_private=allow_private)
    known = find_by_url(db, doc.url, doc.source_url)
    if known:
        raise DuplicateArticle(known["id"], known["title"])
    return ingest_document(db, doc, user)
