"""The reviewer's path in a real headless Chromium: verify, dispute, reload, export."""
import csv
import io

import pytest

pytestmark = pytest.mark.browser


def test_review_persists_and_exports(page, live_server, client, seed_text, tmp_path):
    from conftest import ARTIFACTS

    assert client.post("/articles", data={"text": seed_text}).status_code == 303
    page.goto(f"{live_server}/articles")
    page.get_by_role("link", name="Putin, Cameron Discuss 'Possible Options' to End Syria Crisis").click()
    cards = page.locator("li.quote-card")
    assert cards.count() >= 8
    first, second = cards.nth(0), cards.nth(1)
    first_id, second_id = first.get_attribute("id"), second.get_attribute("id")

    first.get_by_role("button", name="Verify").click()
    page.locator(f"#{first_id}.status-verified").wait_for()
    mark = page.locator(f".quote-mark[data-quote^='{first_id.split('-')[1]}']").first
    assert "status-verified" in mark.get_attribute("class")

    second.locator("summary").click()
    second.locator("select[name=reason]").select_option("wrong_speaker")
    second.locator("textarea[name=note]").fill("Said by the envoy, not the minister")
    second.get_by_role("button", name="Dispute").click()
    page.locator(f"#{second_id}.status-disputed").wait_for()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article-review.png"), full_page=False)

    page.reload()
    assert "status-verified" in page.locator(f"#{first_id}").get_attribute("class")
    assert "status-disputed" in page.locator(f"#{second_id}").get_attribute("class")
    assert "Said by the envoy" in page.locator(f"#{second_id}").inner_text()

    with page.expect_download() as info:
        page.get_by_role("link", name="Export this article's claims").click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == cards.count()
    assert by_id[first_id.split("-")[1]]["status"] == "verified"
    disputed = by_id[second_id.split("-")[1]]
    assert (disputed["status"], disputed["dispute_reason"]) == ("disputed", "Wrong speaker")
    assert disputed["note"] == "Said by the envoy, not the minister"


def test_live_search_filters_and_pushes_url(page, live_server, client, seed_text):
    client.post("/articles", data={"text": seed_text})
    page.goto(f"{live_server}/quotes")
    total = page.locator("li.quote-card").count()
    page.locator("input[name=q]").press_sequentially("contracts", delay=30)
    page.wait_for_function("location.search.includes('q=contracts')")
    page.wait_for_function(f"document.querySelectorAll('li.quote-card').length < {total}")
    # The search covers the quote and the speaker mention, so look at the whole card.
    texts = page.locator("li.quote-card").all_inner_texts()
    assert texts and all("contract" in t.lower() for t in texts), texts
    page.locator("select[name=status]").select_option("verified")
    page.wait_for_function("location.search.includes('status=verified')")
    page.wait_for_function("document.querySelectorAll('li.quote-card').length === 0")
    page.go_back()  # the pushed URL restores the earlier filter
    page.wait_for_function("!location.search.includes('status=verified')")


def test_live_article_search(page, live_server, client, seed_text):
    client.post("/articles", data={"text": seed_text})
    client.post("/articles", data={"text": 'Harbour council vote\n\n"Soon," said Ann Lee.'})
    page.goto(f"{live_server}/articles")
    rows = page.locator("#article-list tbody tr")
    assert rows.count() == 2
    page.locator("input[name=q]").press_sequentially("harbour", delay=30)
    page.wait_for_function("location.search.includes('q=harbour')")
    page.wait_for_function("document.querySelectorAll('#article-list tbody tr').length === 1")
    assert "Harbour council vote" in rows.inner_text()
    page.go_back()
    page.wait_for_function("document.querySelectorAll('#article-list tbody tr').length === 2")
