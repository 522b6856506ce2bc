"""Article facts: a reviewer corrects title, outlet, date, URL and author; each change is
logged, a stale form is refused, bad values are refused with nothing written."""
from __future__ import annotations

import re

import pytest

from workbench import article_facts
from workbench.article_facts import ArticleConflict, FactsError, update_facts
from workbench.documents import from_text
from workbench.ingest import ingest_document

WIRE = "Storm hits coast\n\nWASHINGTON (AP) \u2014 A storm hit the coast, officials said.\n"


@pytest.fixture
def article_id(fresh_db) -> int:
    return ingest_document(fresh_db, from_text(WIRE)).article_id


def test_update_logs_each_changed_field(fresh_db, article_id):
    assert fresh_db["articles"].get(article_id)["outlet"] == "Associated Press"
    new = update_facts(fresh_db, article_id, {
        "title": "Storm hits the coast", "outlet": "Associated Press", "published": "2024-06-03",
        "url": "https://apnews.example/storm", "author": "  Jo   Reyes "}, "rev", 1)
    assert new["version"] == 2 and new["author"] == "Jo Reyes"
    stored = fresh_db["articles"].get(article_id)
    assert (stored["title"], stored["published"], stored["url"], stored["version"]) == (
        "Storm hits the coast", "2024-06-03", "https://apnews.example/storm", 2)
    log = article_facts.history(fresh_db, article_id)
    # The outlet did not change, so it is not logged.
    assert sorted(h["field"] for h in log) == ["author", "published", "title", "url"]
    title = next(h for h in log if h["field"] == "title")
    assert (title["old_value"], title["new_value"], title["editor"]) == (
        "Storm hits coast", "Storm hits the coast", "rev")
    # Clearing a field is a change too; the text itself is never touched.
    update_facts(fresh_db, article_id, {"author": ""}, "ana", 2)
    assert fresh_db["articles"].get(article_id)["author"] is None
    assert fresh_db["articles"].get(article_id)["text"] == WIRE
    with pytest.raises(Exception, match="append-only"):
        fresh_db.execute("delete from article_log")


def test_stale_version_is_refused(fresh_db, article_id):
    update_facts(fresh_db, article_id, {"outlet": "AP"}, "rev", 1)
    with pytest.raises(ArticleConflict, match="now version 2"):
        update_facts(fresh_db, article_id, {"outlet": "Reuters"}, "ana", 1)
    assert fresh_db["articles"].get(article_id)["outlet"] == "AP"


@pytest.mark.parametrize("values, message", [
    ({"published": "03/06/2024"}, "YYYY-MM-DD"),
    ({"published": "2024-02-30"}, "YYYY-MM-DD"),
    ({"published": "20240603"}, "YYYY-MM-DD"),
    ({"url": "javascript:alert(1)"}, "http:// or https://"),
    ({"title": "x" * 301}, "too long"),
    ({"text": "rewritten"}, "Unknown field 'text'"),
])
def test_bad_values_write_nothing(fresh_db, article_id, values, message):
    with pytest.raises(FactsError, match=message):
        update_facts(fresh_db, article_id, {"outlet": "Changed", **values}, "rev", 1)
    stored = fresh_db["articles"].get(article_id)
    assert (stored["outlet"], stored["version"]) == ("Associated Press", 1)
    assert article_facts.history(fresh_db, article_id) == []


def _post_facts(client, article_id, version=1, htmx=False, **values):
    data = {"title": "Storm hits coast", "outlet": "", "published": "", "url": "",
            "author": "", "version": str(version), **values}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/articles/{article_id}/facts", data=data, headers=headers)


@pytest.fixture
def web_article(client) -> int:
    resp = client.post("/articles", data={"text": WIRE})
    return int(resp.headers["Location"].rsplit("/", 1)[1])


def test_article_page_edits_facts(client, web_article):
    page = client.get(f"/articles/{web_article}").get_data(as_text=True)
    assert "Associated Press" in page and "Edit the article's facts" in page
    resp = _post_facts(client, web_article, htmx=True, title="Storm lashes coast",
                       outlet="AP", published="2024-06-03")
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert body.lstrip().startswith('<section id="article-facts"')
    assert 'id="article-title" hx-swap-oob="true">Storm lashes coast<' in body
    assert "rev_rita changed Outlet from “Associated Press” to “AP”" in body
    page = client.get(f"/articles/{web_article}").get_data(as_text=True)
    assert "2024-06-03" in page and "History of the facts (3 changes)" in page
    # The plain form (no htmx) redirects back to the article.
    assert _post_facts(client, web_article, version=2, author="Jo").status_code == 303


def test_article_facts_errors(client, viewer_client, web_article):
    resp = _post_facts(client, web_article, htmx=True, published="yesterday")
    assert resp.status_code == 400 and "YYYY-MM-DD" in resp.get_data(as_text=True)
    assert 'value="yesterday"' in resp.get_data(as_text=True)  # what was typed is kept
    plain = _post_facts(client, web_article, published="yesterday")
    assert plain.status_code == 400 and "<article" in plain.get_data(as_text=True)
    _post_facts(client, web_article, outlet="AP")
    stale = _post_facts(client, web_article, htmx=True, outlet="Reuters")
    assert stale.status_code == 409 and "reload" in stale.get_data(as_text=True)
    assert _post_facts(client, web_article, version="x").status_code == 400
    assert _post_facts(client, 999999).status_code == 404
    assert _post_facts(viewer_client, web_article, outlet="Viewer").status_code == 403
    page = client.get(f"/articles/{web_article}").get_data(as_text=True)
    assert re.search(r'class="fact-outlet">AP<', page)
