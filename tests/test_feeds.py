"""Feeds: new items only, a rerun adds nothing, the saved feed's last run on its page."""
from __future__ import annotations

import pytest
from local_site import ARTICLE_HTML, FEED_TEMPLATE, ITEM_TEMPLATE, serve_site

from workbench import db as storage
from workbench import feeds


@pytest.fixture
def site():
    with serve_site() as s:
        yield s


def _story(n: int) -> str:
    """A distinct article page (its own text, so its own content hash)."""
    return (ARTICLE_HTML.replace("Harbour council delays ferry vote", f"Ferry story number {n}")
            .replace("ferry-vote", f"ferry-{n}")
            .replace("Edwin Marsh", f"Edwin Marsh the {n}th"))


def _publish(site, numbers, path="/feed.xml", atom=False) -> str:
    for n in numbers:
        site.page(f"/story/{n}", _story(n))
    if atom:
        entries = "".join(
            f'<entry><title>Story {n}</title><link href="/story/{n}"/><id>urn:story:{n}</id>'
            f"<updated>2026-03-14T09:30:00Z</updated></entry>" for n in numbers)
        body = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>Gazette (Atom)</title><id>urn:feed</id><updated>2026-03-14T09:30:00Z</updated>"
                f"{entries}</feed>")
        return site.page(path, body, content_type="application/atom+xml")
    items = "".join(ITEM_TEMPLATE.format(title=f"Story {n}", link=site.url(f"/story/{n}"),
                                         guid=f"story-{n}") for n in numbers)
    return site.page(path, FEED_TEMPLATE.format(base=site.base, items=items),
                     content_type="application/rss+xml")


def test_rss_feed_adds_new_items_only(fresh_db, site):
    url = _publish(site, [1, 2])
    feed_id = feeds.save_feed(fresh_db, url, "rev")
    run = feeds.refresh(fresh_db, feed_id, "rev", allow_private=True)
    assert [t for _, t in run.added] == ["Ferry story number 1", "Ferry story number 2"]
    assert fresh_db["articles"].count == 2
    again = feeds.refresh(fresh_db, feed_id, "rev", allow_private=True)
    assert (again.added, again.already, again.errors) == ([], 0, [])
    assert site.hits["/story/1"] == 1  # a known item is not fetched again
    _publish(site, [3, 1, 2])  # a new item at the top
    third = feeds.refresh(fresh_db, feed_id, "rev", allow_private=True)
    assert [t for _, t in third.added] == ["Ferry story number 3"]
    assert fresh_db["articles"].count == 3
    listed = feeds.list_feeds(fresh_db)[0]
    assert listed["title"] == "Port Avalon Gazette: news"
    assert [t for _, t in listed["last_added"]] == ["Ferry story number 3"]
    assert listed["items"] == 3 and listed["last_run"]


def test_a_run_stops_at_its_limits_and_the_next_goes_on(fresh_db, site):
    url = _publish(site, [1, 2, 3])
    feed_id = feeds.save_feed(fresh_db, url)
    assert len(feeds.refresh(fresh_db, feed_id, allow_private=True, max_items=2).added) == 2
    assert feeds.refresh(fresh_db, feed_id, allow_private=True, max_seconds=0).added == []
    assert len(feeds.refresh(fresh_db, feed_id, allow_private=True).added) == 1


def test_atom_feed_with_relative_links(fresh_db, site):
    url = _publish(site, [7, 8], path="/atom.xml", atom=True)
    run = feeds.refresh(fresh_db, feeds.save_feed(fresh_db, url), allow_private=True)
    assert len(run.added) == 2 and not run.errors


def test_failed_item_is_retried_then_given_up(fresh_db, site):
    url = _publish(site, [1])
    site.routes.pop("/story/1")  # the item's page is a 404 for now
    feed_id = feeds.save_feed(fresh_db, url)
    run = feeds.refresh(fresh_db, feed_id, allow_private=True)
    assert run.added == [] and "/story/1: the server answered 404" in run.errors[0]
    site.page("/story/1", _story(1))
    assert len(feeds.refresh(fresh_db, feed_id, allow_private=True).added) == 1
    site.routes.pop("/story/1")
    _publish(site, [1, 2])
    site.routes.pop("/story/2")
    for _ in range(feeds.MAX_ATTEMPTS + 1):
        feeds.refresh(fresh_db, feed_id, allow_private=True)
    assert site.hits["/story/2"] == feeds.MAX_ATTEMPTS


def test_an_already_stored_article_counts_as_present(fresh_db, site):
    from workbench.ingest_url import ingest_url

    url = _publish(site, [4])
    ingest_url(fresh_db, site.url("/story/4"), allow_private=True)
    run = feeds.refresh(fresh_db, feeds.save_feed(fresh_db, url), allow_private=True)
    assert (run.added, run.already) == ([], 1)


@pytest.mark.parametrize("body, ctype, message", [
    ("<html><body><p>Not a feed</p></body></html>", "text/html", "not an RSS or Atom feed"),
    ("{}", "application/json", "not a web page"),
])
def test_a_bad_feed_is_reported_and_adds_nothing(fresh_db, site, body, ctype, message):
    url = site.page("/feed", body, content_type=ctype)
    run = feeds.refresh(fresh_db, feeds.save_feed(fresh_db, url), allow_private=True)
    assert message in run.error and url in run.summary()
    assert fresh_db["articles"].count == 0
    assert feeds.list_feeds(fresh_db)[0]["last_failed"] == 1


def test_feed_page_saves_and_refreshes(app, client, viewer_client, site):
    app.config["FETCH_ALLOW_PRIVATE"] = True
    url = _publish(site, [1])
    assert client.post("/feeds", data={"url": "ftp://x/feed"}).status_code == 400
    assert viewer_client.post("/feeds", data={"url": url}).status_code == 403
    assert client.post("/feeds", data={"url": url}).status_code == 303
    page = client.get("/feeds").get_data(as_text=True)
    assert url in page and "never" in page
    feed_id = feeds.feed_ids(storage.connect(app.config["DATABASE"], migrate=False))[0]
    assert viewer_client.post(f"/feeds/{feed_id}/refresh").status_code == 403
    resp = client.post(f"/feeds/{feed_id}/refresh")
    assert resp.status_code == 303
    page = client.get("/feeds").get_data(as_text=True)
    assert "1 added, 0 already present, 0 failed" in page
    assert "Ferry story number 1" in page
    assert client.post("/feeds/999/refresh").status_code == 404


def test_cli_ingest_feed_twice_adds_nothing_new(app, runner, site):
    app.config["FETCH_ALLOW_PRIVATE"] = True
    url = _publish(site, [1, 2])
    first = runner.invoke(args=["ingest-feed", url])
    assert first.exit_code == 0, first.output
    assert "2 added, 0 already present, 0 failed" in first.output
    again = runner.invoke(args=["ingest-feed"])  # every saved feed
    assert "0 added, 0 already present, 0 failed" in again.output
    bad = runner.invoke(args=["ingest-feed", "not-a-url"])
    assert bad.exit_code != 0 and "not a web address" in bad.output
