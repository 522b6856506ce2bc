"""Rating the claim from the review queue: the card's rating panel as a plain form and as
an htmx swap, bad input, stale versions and undo."""
import re

import pytest

from workbench import db as storage

HX = {"HX-Request": "true", "HX-Target": "queue"}


@pytest.fixture
def db(app):
    conn = storage.connect(app.config["DATABASE"], migrate=False)
    yield conn
    conn.conn.close()


@pytest.fixture
def quote(db, seeded) -> dict:
    return next(db.query("select * from quotes where status = 'unreviewed' order by id"))


def _rating_of(db, quote_id: int) -> tuple:
    row = db["quotes"].get(quote_id)
    return row["rating"], row["rated_by"], row["version"]


def test_card_shows_the_rating_and_a_numbered_panel(client, db, quote):
    html = client.get(f"/review?id={quote['id']}").get_data(as_text=True)
    assert '<details id="rating"' in html and "<kbd>r</kbd>" in html
    assert "not rated" in html
    # Every active entry is a submit button of the plain form, numbered in screen order:
    # the default scale's ten entries take 1-9 and 0.
    keys = re.findall(r'name="rating" value="([a-z_]+)" data-rating-key="(\d)"', html)
    assert [k for _, k in keys] == list("1234567890")
    assert keys[0][0] == "correct_attribution" and keys[5][0] == "true"


def test_plain_form_rates_logs_and_stays_on_the_quote(client, db, quote):
    qid, v = quote["id"], quote["version"]
    resp = client.post(f"/review/{qid}/rating?status=unreviewed",
                       data={"rating": "misleading", "version": v})
    assert resp.status_code == 303
    assert resp.headers["Location"] == f"/review?status=unreviewed&id={qid}"
    assert _rating_of(db, qid) == ("misleading", "rev_rita", v + 1)
    log = next(db.query("select * from review_log where quote_id = ? order by id desc", [qid]))
    assert (log["action"], log["old_value"], log["new_value"]) == ("rating", None, "misleading")
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "Quote %d: rated Misleading." % qid in page
    assert re.search(r'id="current-rating"><span class="rating rating-misleading">Misleading'
                     r'</span> <span class="by">by rev_rita', page)
    assert 'value="misleading" data-rating-key="8" class="chosen" aria-pressed="true"' in page
    assert quote["status"] == db["quotes"].get(qid)["status"] == "unreviewed"  # verdict untouched


def test_htmx_rating_answers_the_queue_at_the_same_quote(client, db, quote):
    qid, v = quote["id"], quote["version"]
    resp = client.post(f"/review/{qid}/rating", data={"rating": "altered_quote", "version": v},
                       headers=HX)
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "<html" not in body
    assert f'id="review" data-quote-id="{qid}" data-version="{v + 1}"' in body
    assert resp.headers["HX-Push-Url"] == f"/review?id={qid}"
    # "-" (an empty rating) clears it, and only a rated quote offers that.
    assert 'data-rating-key="-"' in body
    client.post(f"/review/{qid}/rating", data={"rating": "", "version": v + 1}, headers=HX)
    assert _rating_of(db, qid) == (None, None, v + 2)


def test_bad_input_is_refused_and_changes_nothing(client, db, quote):
    qid, v = quote["id"], quote["version"]
    url = f"/review/{qid}/rating"
    unknown = client.post(url, data={"rating": "pants_on_fire", "version": v})
    assert unknown.status_code == 400 and "Unknown rating" in unknown.get_data(as_text=True)
    in_queue = client.post(url, data={"rating": "pants_on_fire", "version": v}, headers=HX)
    assert in_queue.status_code == 400 and 'class="error">Unknown rating' in \
        in_queue.get_data(as_text=True)
    missing = client.post(url, data={"rating": "false"})
    assert missing.status_code == 400 and "version" in missing.get_data(as_text=True)
    assert client.post(url, data={"rating": "false", "version": "x1"}).status_code == 400
    assert client.post("/review/99999999/rating",
                       data={"rating": "false", "version": 1}).status_code == 404
    assert _rating_of(db, qid) == (None, None, v)


def test_retired_entry_is_refused(client, db, quote):
    from workbench import ratings
    ratings.retire(db, "unproven")
    resp = client.post(f"/review/{quote['id']}/rating",
                       data={"rating": "unproven", "version": quote["version"]})
    assert resp.status_code == 400
    assert 'value="unproven"' not in client.get(f"/review?id={quote['id']}").get_data(as_text=True)


def test_stale_version_is_a_conflict_that_can_be_reapplied(client, db, quote):
    qid, v = quote["id"], quote["version"]
    client.post(f"/review/{qid}/rating", data={"rating": "true", "version": v})
    stale = client.post(f"/review/{qid}/rating?status=unreviewed",
                        data={"rating": "false", "version": v}, headers=HX)
    body = stale.get_data(as_text=True)
    assert stale.status_code == 409 and "not saved" in body
    assert _rating_of(db, qid) == ("true", "rev_rita", v + 1)
    # "Apply mine" posts the same rating to the same route with the version now.
    assert f'action="/review/{qid}/rating?status=unreviewed"' in body
    assert '<input type="hidden" name="rating" value="false">' in body
    assert client.post(f"/review/{qid}/rating", data={"rating": "false", "version": v + 1}
                       ).status_code == 303
    assert _rating_of(db, qid)[0] == "false"


def test_undo_reverses_a_rating_made_in_the_queue(client, db, quote):
    qid, v = quote["id"], quote["version"]
    client.post(f"/review/{qid}/rating", data={"rating": "out_of_context", "version": v})
    page = client.get(f"/review?id={qid}").get_data(as_text=True)
    assert f"Undo rating on quote {qid}" in page
    resp = client.post("/review/undo", data={"from_quote": qid}, headers=HX)
    assert resp.status_code == 200 and "Undid rating on 1 quote." in resp.get_data(as_text=True)
    assert _rating_of(db, qid) == (None, None, v + 2)


def test_viewer_cannot_rate(viewer_client, db, quote):
    resp = viewer_client.post(f"/review/{quote['id']}/rating",
                              data={"rating": "false", "version": quote["version"]})
    assert resp.status_code == 403
    assert _rating_of(db, quote["id"])[0] is None
