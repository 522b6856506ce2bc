"""The speaker clean-up pages in a real headless Chromium: mark "not a speaker" and undo it
from the review queue by key."""
import pytest

from test_speaker_cleanup import ARTICLE
from workbench import db as storage

pytestmark = pytest.mark.browser


def test_not_a_speaker_then_undo_by_key(page, live_server, client, app):
    client.post("/articles", data={"text": ARTICLE})
    db = storage.connect(app.config["DATABASE"], migrate=False)
    try:
        sid, = db.execute("select id from speakers where name = 'Officials'").fetchone()
        quotes = [r[0] for r in db.execute("select id from quotes where speaker_id = ?", [sid])]
        page.goto(f"{live_server}/speakers")
        page.locator(f"#speaker-{sid} a", has_text="Officials").first.click()
        page.locator("#not-speaker").click()
        page.locator(".flash", has_text="Marked not a speaker").wait_for()
        assert db.execute("select count(*) from quotes where speaker_id = ?", [sid]
                          ).fetchone()[0] == 0
        page.goto(f"{live_server}/speakers")
        assert page.locator(f"#speaker-{sid}").count() == 0
        assert "1 marked not a speaker" in page.locator("#show-hidden").inner_text()
        page.goto(f"{live_server}/review")
        page.keyboard.press("z")
        page.locator(".flash", has_text="Undid not-a-speaker mark").wait_for()
        assert [r[0] for r in db.execute("select id from quotes where speaker_id = ?", [sid])
                ] == quotes
        assert db["speakers"].get(sid)["not_speaker"] == 0
    finally:
        db.conn.close()
