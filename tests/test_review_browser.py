"""The review queue in a real headless Chromium: keys, dispute, corrections, bulk + undo,
and two reviewers on one quote. Screenshots of the main screens go to test-output/."""
import json
import os
import shutil

import pytest

from workbench import db as storage

pytestmark = pytest.mark.browser

# Selects `needle` inside the article text (across runs) the way a mouse would, then fires
# the mouseup the page listens for.
SELECT_JS = """
(needle) => {
  const box = document.getElementById('article-text');
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  const nodes = []; let all = ''; let n;
  while ((n = walker.nextNode())) { nodes.push([n, all.length]); all += n.data; }
  const at = all.indexOf(needle);
  if (at < 0) return false;
  const find = (pos) => { for (let i = nodes.length - 1; i >= 0; i--) {
      if (nodes[i][1] <= pos) return [nodes[i][0], pos - nodes[i][1]]; } };
  const [sn, so] = find(at), [en, eo] = find(at + needle.length);
  const r = document.createRange(); r.setStart(sn, so); r.setEnd(en, eo);
  const s = getSelection(); s.removeAllRanges(); s.addRange(r);
  box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
  return true;
}
"""


def _artifacts():
    from conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def db(app):
    conn = storage.connect(app.config["DATABASE"], migrate=False)
    yield conn
    conn.conn.close()


def _current(page) -> int:
    return int(page.locator("#review").get_attribute("data-quote-id"))


def _wait_moved(page, old: int) -> int:
    """The queue shows another quote and htmx has finished with it: settling copies the
    new content's attributes back 20 ms after the swap, so a class set before that (the
    keys help opened by '?') would be undone on a slow machine."""
    page.wait_for_function(
        "(old) => { const r = document.getElementById('review');"
        " return r && r.dataset.quoteId !== String(old)"
        " && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling'); }",
        arg=old)
    return _current(page)


def test_three_quotes_by_keyboard_alone(page, live_server, seeded, db):
    page.goto(f"{live_server}/review?status=unreviewed")
    first = _current(page)
    assert db["quotes"].get(first)["status"] == "unreviewed"
    page.keyboard.press("v")
    second = _wait_moved(page, first)
    page.keyboard.press("j")  # skip one
    third = _wait_moved(page, second)
    page.keyboard.press("k")  # and back
    assert _wait_moved(page, third) == second
    page.keyboard.press("x")  # not a quote
    third = _wait_moved(page, second)
    page.keyboard.press("v")
    fourth = _wait_moved(page, third)
    assert f"id={fourth}" in page.url and "status=unreviewed" in page.url

    rows = {i: db["quotes"].get(i) for i in (first, second, third)}
    assert [rows[i]["status"] for i in (first, second, third)] == [
        "verified", "disputed", "verified"]
    assert rows[second]["dispute_reason"] == "not_a_quote"
    assert rows[first]["reviewer"] == "rev_rita"

    page.keyboard.press("?")
    page.wait_for_function("document.getElementById('keys-help').classList.contains('expanded')")
    art = _artifacts()
    page.screenshot(path=str(art / "review-keys-help.png"))
    page.keyboard.press("Escape")
    page.screenshot(path=str(art / "review-queue.png"))
    # The README's screenshot: written when missing or asked for, so a test run does not
    # dirty a tracked file (UPDATE_DOCS_SCREENSHOT=1 ./test.sh -k keyboard to refresh).
    docs = art.parent / "docs"
    if os.environ.get("UPDATE_DOCS_SCREENSHOT") or not (docs / "review-screen.png").exists():
        docs.mkdir(exist_ok=True)
        shutil.copyfile(art / "review-queue.png", docs / "review-screen.png")

    # The queue survives a reload: the URL names the quote and the filter.
    page.reload()
    assert _current(page) == fourth
    # A key typed into a field is text, not a verdict.
    page.keyboard.press("/")
    page.keyboard.type("v")
    assert page.locator("#q").input_value() == "v"
    page.wait_for_timeout(500)
    assert db["quotes"].get(fourth)["status"] == "unreviewed"


def test_dispute_with_reason_note_and_evidence(page, live_server, seeded, db):
    page.goto(f"{live_server}/review")
    qid = _current(page)
    page.keyboard.press("d")
    page.locator("#dispute-form select[name=reason]").select_option("wrong_speaker")
    page.locator("#dispute-form textarea[name=note]").fill("Said by the envoy, not the minister")
    page.locator("#dispute-form input[name=evidence_url]").fill("https://example.org/transcript")
    page.keyboard.press("Control+Enter")
    after = _wait_moved(page, qid)
    row = db["quotes"].get(qid)
    assert (row["status"], row["dispute_reason"], row["note"], row["evidence_url"]) == (
        "disputed", "wrong_speaker", "Said by the envoy, not the minister",
        "https://example.org/transcript")
    page.keyboard.press("k")
    assert _wait_moved(page, after) == qid
    assert "Wrong speaker" in page.locator("#current").inner_text()
    page.goto(f"{live_server}/quotes/{qid}")
    assert "Said by the envoy" in page.locator("table.history").inner_text()
    page.screenshot(path=str(_artifacts() / "quote-history.png"), full_page=True)


def test_speaker_correction_and_merge(page, live_server, seeded, db):
    page.goto(f"{live_server}/review")
    qid = _current(page)
    page.keyboard.press("e")
    page.locator("#speaker-form input[name=name]").fill("Jane Envoy")
    page.locator("#speaker-form button[type=submit]").click()
    page.locator("#current .speaker-name", has_text="Jane Envoy").wait_for()
    assert db["quotes"].get(qid)["version"] == 2
    page.screenshot(path=str(_artifacts() / "review-edit.png"))

    rows = list(db.query("select s.id, s.name from speakers s join quotes q"
                         " on q.speaker_id = s.id where s.name != 'Jane Envoy'"
                         " group by s.id order by count(*) desc"))
    into = rows[0]
    page.goto(f"{live_server}/speakers")
    page.locator("#merge-from").select_option(str(db.execute(
        "select id from speakers where name = 'Jane Envoy'").fetchone()[0]))
    page.locator("#merge-into").select_option(str(into["id"]))
    page.locator("#merge-submit").click()
    assert "later articles" in page.locator("#merge-plan").inner_text()
    page.locator("#merge-confirm").click()
    page.locator(".flash", has_text="Merged into").wait_for()
    row = page.locator(f"#speaker-{into['id']}")
    assert "Jane Envoy" in row.inner_text()
    assert "Jane Envoy" in json.loads(db["speakers"].get(into["id"])["aliases"])
    assert db["quotes"].get(qid)["speaker_id"] == into["id"]
    page.screenshot(path=str(_artifacts() / "speakers.png"), full_page=True)


def test_add_missed_quote_and_move_span_by_selection(page, live_server, seeded, db):
    text = db["articles"].get(seeded)["text"]
    page.goto(f"{live_server}/review?article={seeded}")
    needle = "The war in Syria has cost an estimated 70,000 lives"
    assert page.evaluate(SELECT_JS, needle)
    assert page.locator("#edit").get_attribute("open") is not None
    assert needle in page.locator("#selection-info").inner_text()
    page.locator("#add-form select[name=kind]").select_option("reported")
    page.locator("#add-form button[type=submit]").click()
    page.locator(".flash", has_text="Added quote").wait_for()
    added = db.execute("select * from quotes where origin = 'reviewer'").fetchone()
    assert added is not None
    new = db["quotes"].get(added[0])
    assert new["text"] == needle == text[new["start"]:new["end"]]
    assert _current(page) == new["id"]

    # Now move the new quote's span to a shorter selection.
    page.keyboard.press("e")
    assert page.evaluate(SELECT_JS, "has cost an estimated 70,000 lives")
    page.locator("#span-form button[type=submit]").click()
    page.locator(".flash", has_text="span changed").wait_for()
    moved = db["quotes"].get(new["id"])
    assert moved["text"] == "has cost an estimated 70,000 lives"
    assert text[moved["start"]:moved["end"]] == moved["text"]
    assert page.locator("#article-text .q-current").inner_text() == moved["text"]


def test_filter_bulk_verdict_and_undo(page, live_server, seeded, db):
    page.goto(f"{live_server}/review")
    page.locator("#q").fill("contracts")
    page.wait_for_url("**/review?q=contracts")
    page.locator("#queue-counts", has_text="in this queue").wait_for()
    n = db.execute("select count(*) from quotes_fts where quotes_fts match 'contracts'"
                   ).fetchone()[0]
    page.locator("#queue-counts strong", has_text=str(n)).wait_for()
    assert n >= 1
    page.screenshot(path=str(_artifacts() / "review-filtered.png"))
    page.locator(".bulk-link").click()
    assert page.locator("#bulk-count").inner_text() == str(n)
    page.screenshot(path=str(_artifacts() / "bulk-confirm.png"))
    page.locator("#bulk-confirm").click()
    page.locator(".flash", has_text=f"Set {n} quote{'s' if n != 1 else ''} to verified").wait_for()
    assert db.execute("select count(*) from quotes where status = 'verified'").fetchone()[0] == n
    page.reload()  # undo is kept in the database, not in the page
    page.keyboard.press("z")
    page.locator(".flash", has_text="Undid verdict").wait_for()
    assert db.execute("select count(*) from quotes where status = 'verified'").fetchone()[0] == 0
    assert db.execute("select count(*) from review_log").fetchone()[0] == 2 * n


def second_reviewer(browser, app, live_server, username="rev_rob"):
    """A second reviewer, created and signed in in a browser context of their own:
    ``(context, page)``; close the context when done."""
    from conftest import add_user, session_cookie

    add_user(app, username, "reviewer")
    other = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    other.add_cookies([{"name": "session", "value": session_cookie(app, username),
                        "url": live_server, "httpOnly": True, "sameSite": "Lax"}])
    return other, other.new_page()


def test_two_reviewers_on_one_quote_get_the_conflict_view(page, browser, app, live_server,
                                                          seeded, db):
    other, rob = second_reviewer(browser, app, live_server)
    try:
        page.goto(f"{live_server}/review?status=unreviewed")
        qid = _current(page)
        rob.goto(f"{live_server}/review?status=unreviewed&id={qid}")
        rob.keyboard.press("v")
        _wait_moved(rob, qid)

        page.keyboard.press("d")
        page.locator("#dispute-form select[name=reason]").select_option("misquote")
        page.locator("#dispute-form textarea[name=note]").fill("Words changed")
        page.locator("#dispute-form button[type=submit]").click()
        conflict = page.locator("#conflict")
        conflict.wait_for()
        body = conflict.inner_text()
        assert "rev_rob" in body and "not saved" in body and "verified" in body
        assert "Words changed" in body
        page.screenshot(path=str(_artifacts() / "conflict.png"))
        row = db["quotes"].get(qid)
        assert (row["status"], row["reviewer"]) == ("verified", "rev_rob")
        # Choosing to apply mine on top is an explicit, logged second write.
        page.locator("#apply-mine").click()
        _wait_moved(page, qid)
        row = db["quotes"].get(qid)
        assert (row["status"], row["reviewer"], row["note"]) == (
            "disputed", "rev_rita", "Words changed")
    finally:
        other.close()


def test_dashboard_chart(page, live_server, seeded, client):
    qid = client.get("/review").get_data(as_text=True).split('data-quote-id="')[1].split('"')[0]
    client.post(f"/review/{qid}/verdict", data={"status": "verified", "version": "1"})
    page.goto(f"{live_server}/dashboard")
    assert page.locator("#reviewed-count").inner_text() == "1"
    assert page.locator("svg.chart rect.verified").count() >= 2
    page.screenshot(path=str(_artifacts() / "dashboard.png"), full_page=True)


def test_keys_work_under_the_content_security_policy(browser, app, live_server, seeded, db):
    """The review keys and htmx swaps need no inline script: a context that enforces the
    app's CSP (the other tests bypass it for Playwright's evaluate) reviews by key too."""
    from conftest import TEST_USERS, session_cookie

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    cookie = session_cookie(app, TEST_USERS["reviewer"])
    context.add_cookies([{"name": "session", "value": cookie, "url": live_server,
                          "httpOnly": True, "sameSite": "Lax"}])
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        page.goto(f"{live_server}/review?status=unreviewed")
        first = _current(page)
        page.keyboard.press("v")
        page.locator(f"#review:not([data-quote-id='{first}'])").wait_for()
        assert db["quotes"].get(first)["status"] == "verified"
        assert not [e for e in errors if "Content Security Policy" in e], errors
    finally:
        context.close()
