"""Rating the claim by keys alone in a real headless Chromium: r opens the panel, a digit
rates, Esc closes it, z undoes."""
import pytest

from test_review_browser import db  # noqa: F401 (a fixture: the app's database)

pytestmark = pytest.mark.browser


def _saved(page, db, qid: int, version: int) -> dict:
    """Wait for the card to show the quote at ``version``; its row from the database."""
    page.locator(f"#review[data-quote-id='{qid}'][data-version='{version}']").wait_for()
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")
    return db["quotes"].get(qid)


def test_rate_by_keys_alone(page, live_server, db, seeded):
    qid, v = next(db.query("select id, version from quotes where status = 'unreviewed'"
                           " order by id")).values()
    page.goto(f"{live_server}/review?status=unreviewed&id={qid}")
    panel = page.locator("#rating")
    # A digit does nothing while the panel is closed.
    page.keyboard.press("8")
    page.wait_for_timeout(300)
    assert db["quotes"].get(qid)["version"] == v

    page.keyboard.press("r")
    assert panel.get_attribute("open") is not None
    assert page.locator("#rating button:focus").inner_text().startswith("1")
    page.keyboard.press("8")  # Misleading, the eighth entry
    row = _saved(page, db, qid, v + 1)
    assert (row["rating"], row["rated_by"], row["status"]) == ("misleading", "rev_rita",
                                                               "unreviewed")
    # It stays on the quote, the panel closed, the card showing the rating.
    assert page.locator("#current-rating").inner_text().startswith("Misleading")
    assert panel.get_attribute("open") is None
    assert f"id={qid}" in page.url

    # Inside the panel "2" rates (it asks for a second look elsewhere); Esc closes it.
    page.keyboard.press("r")
    assert "Misleading" in page.locator("#rating button:focus").inner_text()
    page.keyboard.press("2")
    row = _saved(page, db, qid, v + 2)
    assert row["rating"] == "misattributed"
    assert db.execute("select count(*) from second_looks").fetchone()[0] == 0
    page.keyboard.press("r")
    page.keyboard.press("Escape")
    assert panel.get_attribute("open") is None
    page.keyboard.press("5")
    page.wait_for_timeout(300)
    assert db["quotes"].get(qid)["version"] == v + 2

    page.keyboard.press("z")  # undo the last rating: back to Misleading
    row = _saved(page, db, qid, v + 3)
    assert row["rating"] == "misleading"
    page.keyboard.press("r")
    page.keyboard.press("-")  # no rating
    row = _saved(page, db, qid, v + 4)
    assert (row["rating"], row["rated_by"]) == (None, None)
    assert "not rated" in page.locator("#current-rating").inner_text()
