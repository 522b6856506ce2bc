"""Ingest by URL: pages served by a local site on 127.0.0.1 that each test starts."""
from __future__ import annotations

import socket

import pytest
from local_site import ARTICLE_HTML, drip, endless, serve_site, slow

from workbench import fetch
from workbench.documents import DocumentError
from workbench.fetch import BadURL, FetchError
from workbench.ingest import DuplicateArticle
from workbench.ingest_url import ingest_url


@pytest.fixture
def site():
    with serve_site() as s:
        yield s


def _articles(db) -> int:
    return db["articles"].count


def test_article_by_url_keeps_text_metadata_and_address(fresh_db, site):
    url = site.page("/news/ferry", ARTICLE_HTML)
    done = ingest_url(fresh_db, url, "rev", allow_private=True)
    art = fresh_db["articles"].get(done.article_id)
    assert art["title"] == "Harbour council delays ferry vote"
    assert art["outlet"] == "The Port Avalon Gazette"
    assert art["author"] == "Mara Quill"
    assert art["published"] == "2026-03-14"
    assert art["url"] == "https://gazette.example/2026/03/14/ferry-vote"  # canonical
    assert art["source_url"] == url
    assert art["ingested_by"] == "rev"
    # Main text only: the navigation, the advert and the footer are gone.
    assert "We cannot sign a cheque this size on trust alone" in art["text"]
    for boilerplate in ("Subscribe now", "Cookie settings", "Sport"):
        assert boilerplate not in art["text"]
    speakers = {r["name"] for r in fresh_db.query(
        "select s.name from quotes q join speakers s on s.id = q.speaker_id")}
    assert "Edwin Marsh" in speakers
    assert site.user_agents[-1].startswith("QuoteWorkbench/")


def test_same_url_twice_is_refused_without_fetching_again(fresh_db, site):
    url = site.page("/news/ferry", ARTICLE_HTML)
    first = ingest_url(fresh_db, url, allow_private=True)
    with pytest.raises(DuplicateArticle) as dup:
        ingest_url(fresh_db, url, allow_private=True)
    assert dup.value.article_id == first.article_id
    assert site.hits["/news/ferry"] == 1
    # Another address of the same page (same canonical URL) is caught after the fetch.
    other = site.page("/amp/ferry", ARTICLE_HTML)
    with pytest.raises(DuplicateArticle):
        ingest_url(fresh_db, other, allow_private=True)
    assert _articles(fresh_db) == 1


def test_redirects_are_followed_within_bounds(fresh_db, site):
    site.page("/final", ARTICLE_HTML.replace('<link rel="canonical"', '<link rel="x"'))
    start = site.redirect("/r1", site.url("/r2"))
    site.redirect("/r2", "/final", 301)
    done = ingest_url(fresh_db, start, allow_private=True)
    art = fresh_db["articles"].get(done.article_id)
    assert art["url"] == site.url("/final")  # no canonical link: where the page was found
    site.redirect("/loop", "/loop")
    with pytest.raises(FetchError, match=r"/loop: more than 5 redirects"):
        fetch.fetch(site.url("/loop"), allow_private=True)


@pytest.mark.parametrize("setup, message", [
    (lambda s: s.url("/missing"), r"/missing: the server answered 404"),
    (lambda s: s.page("/error", "boom", status=500), r"/error: the server answered 500"),
    (lambda s: s.page("/doc.pdf", b"%PDF-1.4", content_type="application/pdf"),
     r"/doc.pdf: not a web page \(application/pdf\)"),
    (lambda s: s.page("/data", "{}", content_type="application/json"), r"not a web page"),
    (lambda s: s.page("/empty", "<html><body></body></html>"), r"/empty: no article text"),
    (lambda s: s.page("/shell", "<html><body><nav>Home</nav><p>Loading…</p></body></html>"),
     r"/shell: only \d words of article text found"),
])
def test_bad_pages_name_the_url_and_add_nothing(fresh_db, site, setup, message):
    url = setup(site)
    with pytest.raises((FetchError, DocumentError), match=message) as err:
        ingest_url(fresh_db, url, allow_private=True)
    assert url in str(err.value)
    assert _articles(fresh_db) == 0


def test_refused_connection_and_timeout(fresh_db, site, monkeypatch):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    closed = f"http://127.0.0.1:{port}/story"
    with pytest.raises(FetchError, match=rf"{closed}: connection refused"):
        ingest_url(fresh_db, closed, allow_private=True)
    site.routes["/slow"] = slow(3)
    with pytest.raises(FetchError, match=r"/slow: .*timed out"):
        fetch.fetch(site.url("/slow"), timeout=0.5, allow_private=True)
    assert _articles(fresh_db) == 0


def test_a_dripping_server_meets_the_total_limit(site):
    site.routes["/drip"] = drip(0.05)
    with pytest.raises(FetchError, match=r"/drip: the page took too long to arrive"):
        fetch.fetch(site.url("/drip"), timeout=1, total_seconds=0.5, allow_private=True)


def test_size_limit_with_and_without_content_length(site):
    big = site.page("/big", "<p>" + "x" * 5000 + "</p>")
    with pytest.raises(FetchError, match=r"/big: too large \(5,007 bytes"):
        fetch.fetch(big, max_bytes=1000, allow_private=True)
    site.routes["/stream"] = endless()
    with pytest.raises(FetchError, match=r"/stream: too large \(more than 200,000 bytes\)"):
        fetch.fetch(site.url("/stream"), max_bytes=200_000, allow_private=True)


@pytest.mark.parametrize("url", [
    "", "ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)", "/etc/passwd",
    "http://", "http://exa mple.org/", "https://example.org/" + "a" * 3000,
])
def test_unusable_addresses_are_refused_before_any_request(url):
    with pytest.raises(BadURL):
        fetch.fetch(url)


def test_local_and_private_addresses_are_refused_by_default(fresh_db, site):
    url = site.page("/news/ferry", ARTICLE_HTML)
    with pytest.raises(BadURL, match="local or private address"):
        ingest_url(fresh_db, url)
    assert site.hits.get("/news/ferry") is None
    for private in ("http://10.1.2.3/", "http://192.168.0.1/", "http://[::1]/",
                    "http://169.254.169.254/latest/meta-data/"):
        with pytest.raises(BadURL, match="local or private address"):
            fetch.fetch(private)


def test_a_redirect_inside_is_refused_at_the_hop(site, monkeypatch):
    """Each hop is checked like the first: the test site stands for a public one."""
    real_check = fetch._check_host
    monkeypatch.setattr(fetch, "_check_host",
                        lambda url: None if url.startswith(site.base) else real_check(url))
    start = site.redirect("/out", "http://169.254.169.254/latest/meta-data/")
    with pytest.raises(BadURL, match="169.254.169.254.*local or private address"):
        fetch.fetch(start)
    assert site.hits["/out"] == 1


# --- the web form and the command line ---------------------------------------------

@pytest.fixture
def local_app(app):
    app.config["FETCH_ALLOW_PRIVATE"] = True
    return app


def test_paste_a_url_in_the_ui(local_app, client, site):
    url = site.page("/news/ferry", ARTICLE_HTML)
    resp = client.post("/articles/url", data={"url": url})
    assert resp.status_code == 303
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "Harbour council delays ferry vote" in page
    assert "The Port Avalon Gazette" in page
    again = client.post("/articles/url", data={"url": url})
    assert again.status_code == 409
    assert "Already ingested" in again.get_data(as_text=True)


@pytest.mark.parametrize("path, status", [("/missing", 502), ("/notes.txt", 502)])
def test_ui_reports_a_failed_fetch_and_keeps_the_url(local_app, client, site, path, status):
    site.page("/notes.txt", "plain", content_type="text/plain")
    url = site.url(path)
    resp = client.post("/articles/url", data={"url": url})
    body = resp.get_data(as_text=True)
    assert resp.status_code == status
    assert f"{url}: " in body and f'value="{url}"' in body
    assert "Harbour" not in client.get("/articles").get_data(as_text=True)


def test_ui_refuses_a_non_web_address_and_private_hosts(app, client, site):
    assert client.post("/articles/url", data={"url": "file:///etc/passwd"}).status_code == 400
    url = site.page("/news/ferry", ARTICLE_HTML)
    resp = client.post("/articles/url", data={"url": url})  # FETCH_ALLOW_PRIVATE is off
    assert resp.status_code == 400
    assert "local or private address" in resp.get_data(as_text=True)
    assert "/news/ferry" not in site.hits


def test_viewer_cannot_ingest_a_url(local_app, viewer_client, site):
    url = site.page("/news/ferry", ARTICLE_HTML)
    assert viewer_client.post("/articles/url", data={"url": url}).status_code == 403
    assert "/news/ferry" not in site.hits


def test_cli_ingests_urls_and_paths_mixed(local_app, runner, site, tmp_path):
    url = site.page("/news/ferry", ARTICLE_HTML)
    note = tmp_path / "note.txt"
    note.write_text("Council notes\n\nThe mayor said the budget was \"balanced\".\n")
    result = runner.invoke(args=["ingest", url, str(note), site.url("/missing")])
    assert result.exit_code == 0, result.output
    assert "2 added, 0 already present, 1 failed" in result.output
    assert f"{site.url('/missing')}: the server answered 404" in result.output
    result = runner.invoke(args=["ingest", url])
    assert "0 added, 1 already present" in result.output
    result = runner.invoke(args=["ingest", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0 and "No such file or folder" in result.output


def test_headline_kept_in_the_main_text_is_not_doubled(fresh_db, site):
    url = site.page("/news/ferry", ARTICLE_HTML)
    art = fresh_db["articles"].get(ingest_url(fresh_db, url, allow_private=True).article_id)
    assert art["text"].count("Harbour council delays ferry vote") == 1
    assert art["text"].startswith("Harbour council delays ferry vote\n\nThe Port Avalon")
