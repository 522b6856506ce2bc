"""Writes the database cannot take: a clear answer, nothing half-done, and the reviewer
told in the page instead of a verdict that silently did not happen."""
import sqlite3

import pytest

from workbench import transactions


@pytest.fixture
def short_busy(monkeypatch):
    """Writers give up after 0.2 s instead of 10 (set before the app opens a connection)."""
    monkeypatch.setattr(transactions, "BUSY_TIMEOUT_MS", 200)


def _quote(app, quote_id):
    conn = sqlite3.connect(app.config["DATABASE"])
    try:
        status, version = conn.execute("select status, version from quotes where id = ?",
                                       [quote_id]).fetchone()
        logged = conn.execute("select count(*) from review_log where quote_id = ?",
                              [quote_id]).fetchone()[0]
    finally:
        conn.close()
    return status, version, logged


def _first_quote(app, article_id):
    conn = sqlite3.connect(app.config["DATABASE"])
    try:
        return conn.execute("select min(id) from quotes where article_id = ?",
                            [article_id]).fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain-form"])
def test_a_verdict_on_a_busy_database_is_a_503_and_changes_nothing(
        short_busy, app, client, seeded, htmx):
    qid = _first_quote(app, seeded)
    headers = {"HX-Request": "true"} if htmx else {}
    conn = sqlite3.connect(app.config["DATABASE"])
    conn.execute("BEGIN IMMEDIATE")
    try:
        resp = client.post(f"/quotes/{qid}/verdict", headers=headers,
                           data={"status": "verified", "version": "1"})
    finally:
        conn.rollback()
        conn.close()
    body = resp.get_data(as_text=True)
    assert resp.status_code == 503 and resp.headers["Retry-After"] == "2"
    assert "nothing was saved" in body and ("<html" in body) != htmx
    assert _quote(app, qid) == ("unreviewed", 1, 0)
    again = client.post(f"/quotes/{qid}/verdict", headers=headers,
                        data={"status": "verified", "version": "1"})
    assert again.status_code in (200, 303)
    assert _quote(app, qid) == ("verified", 2, 1)


def test_a_full_disk_is_a_507(app, client, seeded, monkeypatch):
    from workbench.web import quotes

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(quotes, "set_verdict", full)
    qid = _first_quote(app, seeded)
    resp = client.post(f"/quotes/{qid}/verdict", headers={"HX-Request": "true"},
                       data={"status": "verified", "version": "1"})
    assert resp.status_code == 507 and "disk" in resp.get_data(as_text=True)


@pytest.mark.browser
def test_the_page_says_a_verdict_was_not_saved(short_busy, app, page, live_server, seeded):
    qid = _first_quote(app, seeded)
    page.goto(f"{live_server}/quotes/{qid}")
    card = page.locator(f"#quote-{qid}")
    alert = page.locator("#request-error")
    assert alert.is_hidden()
    conn = sqlite3.connect(app.config["DATABASE"])
    conn.execute("BEGIN IMMEDIATE")
    try:
        with page.expect_response(lambda r: r.url.endswith("/verdict")) as info:
            card.get_by_role("button", name="Verify").click()
        assert info.value.status == 503
    finally:
        conn.rollback()
        conn.close()
    alert.wait_for(state="visible")
    assert "Not saved" in alert.inner_text() and "busy" in alert.inner_text()
    assert card.get_attribute("data-status") == "unreviewed"  # the card still offers Verify
    card.get_by_role("button", name="Verify").click()  # and trying again works
    page.wait_for_function(f"document.querySelector('#quote-{qid}').dataset.status "
                           "=== 'verified'")
    assert alert.is_hidden()
    assert _quote(app, qid) == ("verified", 2, 1)


@pytest.mark.browser
def test_the_page_says_the_server_could_not_be_reached(app, page, live_server, seeded):
    qid = _first_quote(app, seeded)
    page.goto(f"{live_server}/quotes/{qid}")
    page.route("**/verdict", lambda route: route.abort("connectionrefused"))
    page.locator(f"#quote-{qid}").get_by_role("button", name="Verify").click()
    alert = page.locator("#request-error")
    alert.wait_for(state="visible")
    assert "could not be reached" in alert.inner_text()
    alert.get_by_role("button", name="Dismiss").click()
    assert alert.is_hidden()
    assert _quote(app, qid) == ("unreviewed", 1, 0)
