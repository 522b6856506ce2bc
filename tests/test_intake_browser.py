"""Ingest by URL and correcting an article's facts in a real headless Chromium."""
import pytest
from local_site import ARTICLE_HTML, serve_site

pytestmark = pytest.mark.browser


def test_ingest_a_url_then_correct_its_facts(app, page, live_server):
    from conftest import ARTIFACTS

    app.config["FETCH_ALLOW_PRIVATE"] = True
    with serve_site() as site:
        url = site.page("/news/ferry", ARTICLE_HTML)
        page.goto(f"{live_server}/articles")
        page.locator("input[name=url]").fill(url)
        page.get_by_role("button", name="Fetch and ingest").click()
        page.locator("#article-title").wait_for()
    assert page.locator("#article-title").inner_text() == "Harbour council delays ferry vote"
    assert page.locator(".fact-outlet").inner_text() == "The Port Avalon Gazette"
    assert page.locator(".fact-author").inner_text() == "by Mara Quill"
    assert page.locator("li.quote-card").count() >= 3

    page.get_by_text("Edit the article's facts").click()
    page.locator("#article-facts input[name=title]").fill("Ferry vote delayed")
    page.locator("#article-facts input[name=outlet]").fill("Port Avalon Gazette")
    page.get_by_role("button", name="Save facts").click()
    page.locator(".facts-history").wait_for()
    # The swap replaced the facts and, out of band, the heading; no reload.
    assert page.locator("#article-title").inner_text() == "Ferry vote delayed"
    assert page.locator(".fact-outlet").inner_text() == "Port Avalon Gazette"
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".facts-history summary").click()
    page.screenshot(path=str(ARTIFACTS / "article-facts.png"), full_page=False)
    page.reload()
    assert "2 changes" in page.locator(".facts-history summary").inner_text()


def test_rate_a_quote_in_place(page, live_server, client, seed_text):
    from conftest import ARTIFACTS

    assert client.post("/articles", data={"text": seed_text}).status_code == 303
    page.goto(f"{live_server}/quotes?kind=direct")
    card = page.locator("li.quote-card").first
    card_id = card.get_attribute("id")
    card.get_by_role("button", name="Verify").click()
    page.locator(f"#{card_id}.status-verified").wait_for()
    card = page.locator(f"#{card_id}")
    card.locator("select[name=rating]").select_option("misleading")
    card.get_by_role("button", name="Rate").click()
    page.locator(f"#{card_id} .rating-misleading").wait_for()
    assert page.locator(f"#{card_id} .rating").inner_text() == "Misleading"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "rating-a-quote.png"), clip={"x": 0, "y": 0, "width": 1400, "height": 560})
    link = page.locator(f"#{card_id} a.claimreview-link").get_attribute("href")
    node = page.request.get(f"{live_server}{link}").json()
    assert node["@type"] == "ClaimReview"
    assert node["reviewRating"]["alternateName"] == "Misleading"
