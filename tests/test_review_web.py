"""The review queue, corrections, undo, speakers and progress pages through the test client."""
import json
import re

import pytest

from workbench import db as storage


HX = {"HX-Request": "true", "HX-Target": "queue"}


def _current(html):
    return int(re.search(r'id="review" data-quote-id="(\d+)"', html).group(1))


def _version(html):
    return int(re.search(r'data-version="(\d+)"', html).group(1))


def _db(app):
    return storage.connect(app.config["DATABASE"], migrate=False)


def test_queue_full_page_and_fragment(client, seeded):
    full = client.get("/review?status=unreviewed").get_data(as_text=True)
    assert "<html" in full and 'id="filters"' in full and 'class="q-current"' in full
    assert "sp-current" in full and "cue-current" in full
    for key in ("j", "k", "v", "d", "u", "e", "/", "?"):
        assert f"<kbd>{key}</kbd>" in full
    part = client.get("/review?status=unreviewed", headers=HX)
    body = part.get_data(as_text=True)
    assert part.status_code == 200 and "<html" not in body and 'id="review"' in body
    assert part.headers["HX-Push-Url"].startswith("/review?status=unreviewed")


def test_verdict_saves_and_moves_to_the_next(client, seeded):
    html = client.get("/review?status=unreviewed").get_data(as_text=True)
    first = _current(html)
    resp = client.post(f"/review/{first}/verdict?status=unreviewed",
                       data={"status": "verified", "version": "1"}, headers=HX)
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200 and _current(body) != first
    assert f"id={_current(body)}" in resp.headers["HX-Push-Url"]
    # Without JavaScript: a redirect to the next quote of the same queue.
    second = _current(body)
    resp = client.post(f"/review/{second}/verdict?status=unreviewed",
                       data={"status": "disputed", "reason": "misquote", "version": "1"})
    assert resp.status_code == 303 and "status=unreviewed" in resp.headers["Location"]
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "disputed (Misquote)" in page


def test_stale_verdict_gets_the_conflict_view(client, client_as, app, seeded):
    from conftest import add_user

    add_user(app, "rev_rob", "reviewer")
    rob = client_as("rev_rob")
    qid = _current(client.get("/review").get_data(as_text=True))
    rob.post(f"/review/{qid}/verdict", data={"status": "verified", "version": "1"})
    resp = client.post(f"/review/{qid}/verdict", headers=HX,
                       data={"status": "disputed", "reason": "wrong_speaker", "version": "1",
                             "note": "mine"})
    body = resp.get_data(as_text=True)
    assert resp.status_code == 409 and 'id="conflict"' in body
    assert "rev_rob" in body and "not saved" in body and "Wrong speaker" in body
    assert 'name="version" value="2"' in body  # "apply mine on top" carries the new version
    # Same for a correction.
    resp = client.post(f"/review/{qid}/speaker", data={"name": "Someone", "version": "1"})
    assert resp.status_code == 409 and "rev_rob" in resp.get_data(as_text=True)


def test_speaker_change_span_and_added_quote(client, app, seeded, seed_text):
    html = client.get("/review").get_data(as_text=True)
    qid = _current(html)
    resp = client.post(f"/review/{qid}/speaker", headers=HX,
                       data={"name": "Jane Envoy", "version": "1", "note": "envoy"})
    assert resp.status_code == 200 and "Jane Envoy" in resp.get_data(as_text=True)
    db = _db(app)
    q = db["quotes"].get(qid)
    text = db["articles"].get(q["article_id"])["text"]
    resp = client.post(f"/review/{qid}/span", headers=HX,
                       data={"start": q["start"] + 1, "end": q["end"], "version": "2",
                             "selected": text[q["start"] + 1:q["end"]]})
    assert resp.status_code == 200
    q2 = db["quotes"].get(qid)
    assert q2["text"] == text[q2["start"]:q2["end"]] and q2["version"] == 3
    resp = client.post(f"/review/{qid}/span", headers=HX,
                       data={"start": 0, "end": 10**6, "version": "3"})
    assert resp.status_code == 400
    s = text.index("Syria", 300)
    resp = client.post("/review/add", data={"article_id": q["article_id"], "start": s,
                                            "end": s + 40, "selected": text[s:s + 40],
                                            "kind": "reported"})
    assert resp.status_code == 303
    new = db.execute("select * from quotes where origin = 'reviewer'").fetchone()
    assert new is not None
    hist = client.get(f"/quotes/{qid}").get_data(as_text=True)
    assert "Jane Envoy" in hist and "envoy" in hist and "span" in hist
    db.conn.close()


def test_bulk_shows_the_count_then_acts_and_undoes_as_one(client, app, seeded):
    page = client.get("/review/bulk?status=unreviewed").get_data(as_text=True)
    n = int(re.search(r'id="bulk-count">(\d+)<', page).group(1))
    assert n > 3 and f'value="{n}"' in page
    resp = client.post("/review/bulk?status=unreviewed",
                       data={"status_to": "verified", "expected_count": n - 1})
    assert resp.status_code == 409  # the count shown is not the count now
    resp = client.post("/review/bulk?status=unreviewed",
                       data={"status_to": "verified", "expected_count": n})
    assert resp.status_code == 303
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert f"Set {n} quotes to verified" in page and f"Undo verified on {n} quotes" in page
    resp = client.post("/review/undo", data={})
    assert resp.status_code == 303
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert f"Undid verdict on {n} quotes" in page
    db = _db(app)
    assert db.execute("select count(*) from quotes where status = 'unreviewed'").fetchone()[0] == n
    assert db.execute("select count(*) from review_log where action = 'undo'").fetchone()[0] == n
    db.conn.close()


def test_speakers_page_merge_and_dashboard(client, app, seeded):
    page = client.get("/speakers").get_data(as_text=True)
    assert "Vladimir Putin" in page and "Merge two speakers" in page
    db = _db(app)
    rows = list(db.query("select s.id, s.name, count(q.id) n from speakers s join quotes q"
                         " on q.speaker_id = s.id group by s.id order by n desc"))
    db.conn.close()
    (a, b) = rows[1], rows[0]
    resp = client.post("/speakers/merge", data={"from_id": a["id"], "into_id": b["id"]})
    assert resp.status_code == 303
    page = client.get("/speakers").get_data(as_text=True)
    assert f"merged in: {a['name']}" in page
    resp = client.post("/speakers/merge", data={"from_id": b["id"], "into_id": b["id"]})
    assert resp.status_code == 400
    dash = client.get("/dashboard").get_data(as_text=True)
    assert "<svg" in dash and "quotes reviewed" in dash and "rev_rita" in dash


def test_viewer_sees_the_queue_but_cannot_act(viewer_client, client, seeded):
    page = viewer_client.get("/review").get_data(as_text=True)
    assert 'id="review"' in page and 'id="verify-form"' not in page
    qid = _current(page)
    assert viewer_client.post(f"/review/{qid}/verdict",
                              data={"status": "verified"}).status_code == 403


@pytest.mark.parametrize("url", ["/review?status=nope", "/review?id=abc", "/review?speaker=x"])
def test_bad_queue_args(client, seeded, url):
    assert client.get(url).status_code == 400


def test_unknown_quote_in_queue_is_404(client, seeded):
    assert client.get("/review?id=999999").status_code == 404
    assert client.post("/review/999999/verdict",
                       data={"status": "verified", "version": "1"}).status_code == 404


@pytest.fixture
def many_speakers(app, seeded):
    db = _db(app)
    db["speakers"].insert_all([{"name": f"Zed Person {i:03d}", "kind": "person",
                                "aliases": json.dumps([f"Alias{i:03d}"])} for i in range(130)])
    db.conn.close()


def _speaker_rows(html):
    return re.findall(r'<tr id="speaker-(\d+)">\s*<td><a [^>]*>([^<]+)</a>', html)


def test_speakers_come_a_page_at_a_time_with_a_search(client, many_speakers):
    first = client.get("/speakers").get_data(as_text=True)
    names = [n for _, n in _speaker_rows(first)]
    assert len(names) == 100 and names == sorted(names, key=str.lower)
    assert "page 1 of 2" in first
    second = [n for _, n in _speaker_rows(client.get("/speakers?page=2").get_data(as_text=True))]
    assert len(second) + 100 == int(re.search(r"\((\d+) speakers\)", first).group(1))
    assert not set(names) & set(second)
    # the merge form still offers every speaker, whatever the page
    last = second[-1]
    assert last not in names and f">{last} (0)</option>" in first
    found = client.get("/speakers?q=alias042", headers={"HX-Request": "true",
                                                        "HX-Target": "speaker-list"})
    body = found.get_data(as_text=True)
    assert "<html" not in body and [n for _, n in _speaker_rows(body)] == ["Zed Person 042"]
    putin = client.get("/speakers?q=putin").get_data(as_text=True)
    assert [n for _, n in _speaker_rows(putin)] == ["Vladimir Putin"]
    assert "Quotes" in putin and client.get("/speakers?page=0").status_code == 400


def test_the_queue_and_the_list_show_the_outlet_a_quote_is_reported_through(client):
    resp = client.post("/articles", data={
        "text": "Harbour news\n\nAnn Cole said the pier would reopen in May, the Gazette reported."})
    assert resp.status_code == 303
    html = client.get("/review?q=pier").get_data(as_text=True)
    assert "Reported by" in html and "the Gazette" in html and "Ann Cole" in html
    listed = client.get("/quotes?q=pier").get_data(as_text=True)
    assert "via the Gazette" in listed
