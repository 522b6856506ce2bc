import csv
import io
import re

import pytest

from workbench import db as storage


def _quote_ids(client, article_id):
    html = client.get(f"/articles/{article_id}").get_data(as_text=True)
    return [int(i) for i in re.findall(r'id="quote-(\d+)"', html)]


def test_article_page_highlights_quotes_in_place(client, seeded):
    html = client.get(f"/articles/{seeded}").get_data(as_text=True)
    assert "Putin, Cameron Discuss" in html
    assert 'class="quote-mark status-unreviewed' in html
    assert "Vladimir Putin" in html and "Sergei Lavrov" in html
    assert 'class="speaker-mark"' in html or "speaker-mark" in html


def test_paste_errors_keep_the_text_and_say_why(client, seeded, seed_text):
    resp = client.post("/articles", data={"text": "   "})
    assert resp.status_code == 400 and "empty" in resp.get_data(as_text=True)
    resp = client.post("/articles", data={"text": seed_text})
    body = resp.get_data(as_text=True)
    assert resp.status_code == 409 and "Already ingested" in body
    assert f"/articles/{seeded}" in body


def test_upload_many_files_reports_each(client, seed_text):
    data = {"files": [
        (io.BytesIO(seed_text.encode()), "seed.txt"),
        (io.BytesIO(b'Other\n\n"Enough," the mayor said.'), "other.md"),
        (io.BytesIO(b"\xff\xfe\xfa"), "broken.txt"),
    ]}
    resp = client.post("/articles/upload", data=data, content_type="multipart/form-data")
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "broken.txt" in body and "UTF-8" in body
    assert client.get("/articles").get_data(as_text=True).count("/articles/") >= 2


def test_upload_over_the_limit_is_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    resp = client.post("/articles/upload", data={"files": (io.BytesIO(b"x" * 5000), "big.txt")},
                       content_type="multipart/form-data")
    assert resp.status_code == 413


def test_verdict_with_htmx_returns_the_fragment_and_persists(client, seeded):
    qid = _quote_ids(client, seeded)[0]
    resp = client.post(f"/quotes/{qid}/verdict", data={"status": "verified", "version": "1"},
                       headers={"HX-Request": "true"})
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert body.lstrip().startswith(f'<li class="quote-card status-verified" id="quote-{qid}"')
    assert "<html" not in body
    page = client.get(f"/quotes/{qid}").get_data(as_text=True)
    assert "status-verified" in page and "rev_rita" in page  # the signed-in reviewer


def test_verdict_without_js_redirects(client, seeded):
    qid = _quote_ids(client, seeded)[0]
    resp = client.post(f"/quotes/{qid}/verdict",
                       data={"status": "disputed", "note": "Wrong", "version": "1",
                             "reason": "misquote", "next": f"/articles/{seeded}"})
    assert resp.status_code == 303 and resp.headers["Location"].endswith(f"/articles/{seeded}")


def test_stale_verdict_is_a_409_showing_the_current_state(client, seeded):
    qid = _quote_ids(client, seeded)[0]
    client.post(f"/quotes/{qid}/verdict", data={"status": "verified", "version": "1"})
    resp = client.post(f"/quotes/{qid}/verdict", data={"status": "disputed", "note": "x",
                       "version": "1"}, headers={"HX-Request": "true"})
    assert resp.status_code == 409
    assert "status-verified" in resp.get_data(as_text=True)


@pytest.mark.parametrize("url, data, code", [
    ("/quotes/999999/verdict", {"status": "verified", "version": "1"}, 404),
    ("/quotes/{qid}/verdict", {"status": "verified"}, 400),  # no version: see issue 11
    ("/quotes/{qid}/verdict", {}, 400),
    ("/quotes/{qid}/verdict", {"status": "maybe"}, 400),
    ("/quotes/{qid}/verdict", {"status": "verified", "version": "abc"}, 400),
    ("/quotes/{qid}/verdict", {"status": "disputed"}, 400),
])
def test_bad_verdict_requests(client, seeded, url, data, code):
    qid = _quote_ids(client, seeded)[0]
    assert client.post(url.format(qid=qid), data=data).status_code == code


@pytest.mark.parametrize("query, code", [
    ("status=verified", 200), ("status=bogus", 400), ("speaker=abc", 400),
    ("article=1&q=putin", 200), ("min_confidence=2", 400), ("q=%22unbalanced", 200),
])
def test_quote_list_filters(client, seeded, query, code):
    assert client.get(f"/quotes?{query}").status_code == code


def test_quote_list_partial_for_htmx(client, seeded):
    full = client.get("/quotes?q=Russia").get_data(as_text=True)
    part = client.get("/quotes?q=Russia", headers={"HX-Request": "true", "HX-Target": "results"})
    body = part.get_data(as_text=True)
    assert "<html" in full and "<html" not in body
    assert "Russia" in body


def test_unknown_ids_are_404(client):
    assert client.get("/articles/12345").status_code == 404
    assert client.get("/quotes/12345").status_code == 404


def test_csv_export_of_the_current_filter(client, seeded):
    qids = _quote_ids(client, seeded)
    client.post(f"/quotes/{qids[1]}/verdict", data={"status": "verified", "version": "1"})
    resp = client.get("/export.csv?status=verified")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert "attachment" in resp.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True))))
    assert [int(r["id"]) for r in rows] == [qids[1]]
    assert rows[0]["workbench_url"].endswith(f"/quotes/{qids[1]}")
    everything = list(csv.DictReader(io.StringIO(client.get("/export.csv").get_data(as_text=True))))
    assert len(everything) == len(qids)


def test_ingest_cli(runner, app, tmp_path, seed_text):
    (tmp_path / "a.txt").write_text(seed_text)
    result = runner.invoke(args=["ingest", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output
    result = runner.invoke(args=["ingest", str(tmp_path / "a.txt")])
    assert "1 already present" in result.output


def test_quote_list_pages_through_every_quote(client, seeded, monkeypatch):
    from workbench.web import quotes as quotes_view

    monkeypatch.setattr(quotes_view, "PAGE_SIZE", 4)
    total = len(_quote_ids(client, seeded))
    seen = []
    page = 1
    while True:
        html = client.get(f"/quotes?article={seeded}&page={page}").get_data(as_text=True)
        ids = [int(i) for i in re.findall(r'id="quote-(\d+)"', html)]
        if not ids:
            break
        assert len(ids) <= 4
        seen += ids
        assert (f"page {page} of {-(-total // 4)}") in html
        page += 1
    assert sorted(seen) == sorted(_quote_ids(client, seeded)) and len(seen) == total
    assert client.get("/quotes?page=0").status_code == 400
    assert client.get("/quotes?page=x").status_code == 400


def test_article_filter_shows_a_removable_chip(client, seeded):
    html = client.get(f"/quotes?article={seeded}&status=unreviewed").get_data(as_text=True)
    assert "Article: " in html
    assert 'href="/quotes?status=unreviewed"' in html


def test_verdicts_survive_a_restart(app, client, seeded):
    """A new app process on the same database file sees every verdict and its log."""
    from conftest import TEST_USERS, login

    from workbench.web import create_app

    qids = _quote_ids(client, seeded)
    client.post(f"/quotes/{qids[0]}/verdict", data={"status": "verified", "version": "1"})
    client.post(f"/quotes/{qids[1]}/verdict", data={"status": "disputed", "version": "1",
                                                    "reason": "misquote", "note": "Cut"})
    restarted = create_app({"TESTING": True, "DATABASE": app.config["DATABASE"],
                            "SECRET_KEY": "other-secret", "WTF_CSRF_ENABLED": False})
    fresh = login(restarted.test_client(), TEST_USERS["reviewer"])
    assert "status-verified" in fresh.get(f"/quotes/{qids[0]}").get_data(as_text=True)
    page = fresh.get(f"/quotes/{qids[1]}").get_data(as_text=True)
    assert "status-disputed" in page and "Cut" in page


@pytest.fixture
def many_articles(app):
    """60 small articles, oldest first; every 7th from the 'Harbour Post'."""
    from workbench.documents import from_text
    from workbench.ingest import ingest_document

    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        for i in range(60):
            outlet = "Source: Harbour Post\n\n" if i % 7 == 0 else ""
            ingest_document(db, from_text(
                f'Council item {i:02d} of 100% certainty\n\n{outlet}"Item {i} waits," said Ann Lee.'))
    finally:
        db.conn.close()


def _titles(html):
    return re.findall(r'<a href="/articles/\d+">([^<]+)</a>', html)


def test_articles_come_a_page_at_a_time_newest_first(client, many_articles):
    first = client.get("/articles").get_data(as_text=True)
    titles = _titles(first)
    assert len(titles) == 50 and titles[0].startswith("Council item 59")
    assert "page 1 of 2 (60 articles)" in first
    second = _titles(client.get("/articles?page=2").get_data(as_text=True))
    assert len(second) == 10 and second[-1].startswith("Council item 00")
    assert not set(titles) & set(second)
    assert client.get("/articles?page=0").status_code == 400
    assert client.get("/articles?page=x").status_code == 400


@pytest.mark.parametrize("q, expected", [
    ("item 42", ["Council item 42 of 100% certainty"]),
    ("harbour", [f"Council item {i:02d} of 100% certainty" for i in range(56, -1, -7)]),
    ("100%", None),  # a typed % is a literal, not a wildcard: every title has "100%"
    ("1_0", []),  # and so is _
])
def test_article_search_by_title_or_outlet(client, many_articles, q, expected):
    resp = client.get("/articles", query_string={"q": q},
                      headers={"HX-Request": "true", "HX-Target": "article-list"})
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "<html" not in body
    if expected is None:
        assert "(60 articles)" in body
    else:
        assert _titles(body) == expected
    assert f'name="q" value="{q}"' in client.get(
        "/articles", query_string={"q": q}).get_data(as_text=True)


def test_article_search_too_long_is_400(client):
    resp = client.get("/articles", query_string={"q": "x" * 301})
    assert resp.status_code == 400 and "too long" in resp.get_data(as_text=True)
