"""The desk in a real headless Chromium: assign a queue, ask for a second look (2), comment
(m), and the second reviewer's verdict beside the first."""
import pytest

from test_review_browser import _current, _wait_moved, db, second_reviewer  # noqa: F401

pytestmark = pytest.mark.browser


def test_assign_second_look_and_comment_by_keys(page, browser, app, live_server, seeded, db):
    other, rob = second_reviewer(browser, app, live_server)
    try:
        page.goto(f"{live_server}/review?article={seeded}")
        page.locator("#assign summary").click()
        page.locator("#assign-reviewer").select_option("rev_rob")
        page.locator("#assign-submit").click()
        page.locator(".flash", has_text="Assigned to rev_rob").wait_for()

        page.goto(f"{live_server}/review?article={seeded}&status=unreviewed")
        qid = _current(page)
        page.keyboard.press("v")
        _wait_moved(page, qid)
        page.goto(f"{live_server}/review?id={qid}")
        page.keyboard.press("2")  # ask for a second look
        page.locator(".second-look.pending").wait_for()
        page.wait_for_function(
            "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")
        page.keyboard.press("m")  # comment, mentioning Rob
        assert page.evaluate("document.activeElement.name") == "body"
        page.keyboard.type("@rev_rob please check the Sochi transcript")
        page.keyboard.press("Control+Enter")
        page.locator(".flash", has_text="comment added").wait_for()
        assert db.execute("select mentions from comments").fetchone()[0] == '["rev_rob"]'

        rob.goto(f"{live_server}/desk")
        assert "please check the Sochi transcript" in rob.locator("#mentions").inner_text()
        assert rob.locator("#my-queue a", has_text="article").count() >= 1
        rob.locator("#second-looks-link").click()
        rob.wait_for_url(lambda url: "second_look=pending" in url)
        assert _current(rob) == qid
        rob.locator("#second-disputed").click()
        rob.locator(".second-look.disagree").wait_for()
        assert "rev_rita verified, rev_rob disputed" in rob.locator(".second-look.disagree").inner_text()
    finally:
        other.close()
    assert db["quotes"].get(qid)["status"] == "verified"
