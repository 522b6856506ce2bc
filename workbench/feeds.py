"""RSS and Atom feeds: saved once, refreshed on command, each new item ingested by URL.

An item is known by its id (or its link when it has none) per feed; once ingested, or
found to be an article already stored, it is never fetched again, so a rerun adds
nothing that is not new. An item that failed is tried again on later runs, up to
:data:`MAX_ATTEMPTS` times.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin

import sqlite_utils

from .clock import now
from .db import write_transaction
from .documents import DocumentError
from .fetch import FEED_TYPES, BadURL, FetchError, check_url, fetch
from .ingest import DuplicateArticle
from .ingest_url import ingest_url

MAX_ITEMS = 50  # new items ingested per run; the rest wait for the next one
MAX_RUN_SECONDS = 120.0  # no new item is started after this: a refresh from the page ends
MAX_ATTEMPTS = 3
MAX_TITLE = 300


class FeedError(ValueError):
    """The feed itself could not be read; the message names its URL."""


@dataclass
class FeedItem:
    key: str
    link: str
    title: str | None = None


@dataclass
class FeedRun:
    feed_id: int
    url: str
    added: list[tuple[int, str | None]] = field(default_factory=list)
    already: int = 0
    errors: list[str] = field(default_factory=list)
    error: str | None = None  # the feed itself failed: nothing was tried

    def summary(self) -> str:
        if self.error:
            return f"{self.url}: {self.error}"
        return (f"{self.url}: {len(self.added)} added, {self.already} already present, "
                f"{len(self.errors)} failed")


def save_feed(db: sqlite_utils.Database, url: str, user: str | None = None) -> int:
    """The id of the feed at ``url``, saving it first if it is new.

    :raises BadURL: not an http(s) address
    """
    url = check_url(url)
    with write_transaction(db):
        rows = list(db.query("select id from feeds where url = ?", [url]))
        if rows:
            return rows[0]["id"]
        return db["feeds"].insert({"url": url, "added_by": user, "added_at": now()}).last_pk


def parse_items(body: bytes, url: str) -> tuple[str | None, list[FeedItem]]:
    """The feed's title and its items with a usable link, in the feed's order.

    :raises FeedError: the body is not an RSS or Atom feed
    """
    import feedparser  # only feeds need it

    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        raise FeedError(f"{url}: not an RSS or Atom feed")
    items = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        link = urljoin(url, link)
        try:
            check_url(link)
        except BadURL:
            continue
        key = (entry.get("id") or link).strip()[:2000]
        items.append(FeedItem(key=key, link=link, title=(entry.get("title") or None)))
    title = (parsed.feed.get("title") or "").strip()[:MAX_TITLE] or None
    return title, items


def _pending(db: sqlite_utils.Database, feed_id: int, items: list[FeedItem]) -> list[FeedItem]:
    """The items not yet ingested nor given up on."""
    done = {r["item_key"] for r in db.query(
        "select item_key from feed_items where feed_id = ? and"
        " (article_id is not null or attempts >= ?)", [feed_id, MAX_ATTEMPTS])}
    seen, out = set(), []
    for item in items:
        if item.key not in done and item.key not in seen:
            seen.add(item.key)
            out.append(item)
    return out


def _record(db: sqlite_utils.Database, feed_id: int, item: FeedItem, article_id: int | None,
            error: str | None) -> None:
    with write_transaction(db):
        db.execute(
            "insert into feed_items (feed_id, item_key, link, article_id, error, attempts,"
            " seen_at) values (?, ?, ?, ?, ?, 1, ?) on conflict (feed_id, item_key) do update"
            " set article_id = excluded.article_id, error = excluded.error,"
            " attempts = attempts + 1, seen_at = excluded.seen_at",
            [feed_id, item.key, item.link, article_id, error, now()])


def refresh(db: sqlite_utils.Database, feed_id: int, user: str | None = None,
            allow_private: bool = False, max_items: int = MAX_ITEMS,
            max_seconds: float = MAX_RUN_SECONDS) -> FeedRun:
    """Fetch one saved feed and ingest its new items; the run is recorded either way.
    Items left over (more than ``max_items``, or past ``max_seconds``) wait for the next
    run.

    :param allow_private: let the feed and its links be on local addresses (tests)
    """
    deadline = time.monotonic() + max_seconds
    feed = db["feeds"].get(feed_id)
    run = FeedRun(feed_id, feed["url"])
    started = now()
    try:
        page = fetch(feed["url"], accept=FEED_TYPES, allow_private=allow_private)
        title, items = parse_items(page.body, feed["url"])
    except (FetchError, FeedError) as exc:
        run.error = str(exc).removeprefix(f"{feed['url']}: ")
        items, title = [], None
    if title and title != feed["title"]:
        with write_transaction(db):
            db["feeds"].update(feed_id, {"title": title})
    for item in _pending(db, feed_id, items)[:max_items]:
        if time.monotonic() > deadline:
            break
        try:
            done = ingest_url(db, item.link, user, allow_private=allow_private)
        except DuplicateArticle as dup:
            run.already += 1
            _record(db, feed_id, item, dup.article_id, None)
        except (FetchError, DocumentError) as exc:
            run.errors.append(str(exc))
            _record(db, feed_id, item, None, str(exc))
        else:
            run.added.append((done.article_id, done.title))
            _record(db, feed_id, item, done.article_id, None)
    errors = [run.error] if run.error else run.errors
    with write_transaction(db):
        db["feed_runs"].insert({
            "feed_id": feed_id, "started_at": started, "finished_at": now(), "run_by": user,
            "added": json.dumps(run.added), "already": run.already,
            "failed": len(errors), "errors": json.dumps(errors),
        })
    return run


def list_feeds(db: sqlite_utils.Database) -> list[dict]:
    """Saved feeds with their last run (time, articles added, failures), newest first."""
    feeds = list(db.query("""
        select f.*, r.started_at as last_run, r.finished_at as last_finished,
          r.added as last_added, r.already as last_already, r.failed as last_failed,
          r.errors as last_errors,
          (select count(*) from feed_items i where i.feed_id = f.id
            and i.article_id is not null) as items
        from feeds f left join feed_runs r
          on r.id = (select max(id) from feed_runs where feed_id = f.id)
        order by f.id desc
    """))
    for feed in feeds:
        feed["last_added"] = json.loads(feed["last_added"] or "[]")
        feed["last_errors"] = json.loads(feed["last_errors"] or "[]")
    return feeds


def feed_ids(db: sqlite_utils.Database) -> list[int]:
    return [r["id"] for r in db.query("select id from feeds order by id")]
