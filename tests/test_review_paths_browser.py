"""Paths through the work in a real headless Chromium: verify with a note, and a finished
queue leading on to the next article."""
import pytest

from test_review_browser import _current, _wait_moved, db  # noqa: F401 (fixture)
from test_speaker_cleanup import ARTICLE

pytestmark = pytest.mark.browser


def test_verify_with_a_note_and_evidence(page, live_server, seeded, db):
    page.goto(f"{live_server}/review?status=unreviewed")
    qid = _current(page)
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.name") == "note"
    page.keyboard.type("Checked against the Kremlin transcript")
    page.locator("#verify-note-form input[name=evidence_url]").fill("https://example.org/t")
    page.keyboard.press("Control+Enter")
    _wait_moved(page, qid)
    row = db["quotes"].get(qid)
    assert (row["status"], row["note"], row["evidence_url"]) == (
        "verified", "Checked against the Kremlin transcript", "https://example.org/t")


def test_a_finished_article_leads_to_the_next(page, live_server, seeded, db, client):
    other = int(client.post("/articles", data={"text": ARTICLE}).headers["Location"]
                .rsplit("/", 1)[1])
    page.goto(f"{live_server}/articles/{seeded}")
    page.locator("#review-article").click()
    page.wait_for_url(lambda url: f"article={seeded}" in url and "status=unreviewed" in url)
    page.goto(f"{live_server}/review/bulk?article={seeded}&status=unreviewed")
    page.locator("#bulk-confirm").click()
    page.locator("#queue-done h2", has_text="Queue finished").wait_for()
    page.keyboard.press("j")  # on to the next article with unreviewed quotes
    page.locator("#review").wait_for()
    assert db["quotes"].get(_current(page))["article_id"] == other
    assert f"article={other}" in page.url
