"""The article page's side panel on a long article: the first cards at once, the rest on
demand (scrolling, or a click on a highlight whose card is not loaded yet)."""
import re

import pytest

from workbench.web.articles import PANEL_SIZE
from workbench.web.quotes import PAGE_SIZE

N_QUOTES = PANEL_SIZE * 2 + 7
SPEAKERS = ["Ann Lee", "Bo Diaz", "Cy Park"]


@pytest.fixture
def long_article(client):
    paras = [f'"Point number {i} stands," said {SPEAKERS[i % 3]}.' for i in range(N_QUOTES)]
    resp = client.post("/articles", data={"text": "Long council story\n\n" + "\n\n".join(paras)})
    assert resp.status_code == 303
    return int(resp.headers["Location"].rsplit("/", 1)[1])


def _cards(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="quote-card[^"]*" id="quote-(\d+)"', html)]


def _marks(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'data-quote="(\d+)', html)]


def test_page_renders_the_first_cards_and_every_highlight(client, long_article):
    html = client.get(f"/articles/{long_article}").get_data(as_text=True)
    marks = _marks(html)
    assert len(set(marks)) == N_QUOTES  # the text shows every quote
    assert _cards(html) == marks[:PANEL_SIZE]  # the panel only the first ones, in text order
    assert f"{N_QUOTES - PANEL_SIZE} of {N_QUOTES} not shown yet" in html


def test_panel_pages_follow_on_until_the_last_card(client, long_article):
    html = client.get(f"/articles/{long_article}").get_data(as_text=True)
    every = _marks(html)
    seen, offset = _cards(html), PANEL_SIZE
    while True:
        resp = client.get(f"/articles/{long_article}/panel?offset={offset}",
                          headers={"HX-Request": "true"})
        assert resp.status_code == 200
        part = resp.get_data(as_text=True)
        assert "<html" not in part
        seen += _cards(part)
        more = re.search(r'panel\?offset=(\d+)', part)
        if not more:
            break
        offset = int(more.group(1))
    assert seen == every


def test_until_reaches_a_card_far_down(client, long_article):
    every = _marks(client.get(f"/articles/{long_article}").get_data(as_text=True))
    target = every[-3]
    part = client.get(f"/articles/{long_article}/panel?offset={PANEL_SIZE}&until={target}",
                      headers={"HX-Request": "true"}).get_data(as_text=True)
    assert _cards(part) == every[PANEL_SIZE:N_QUOTES - 2]
    assert "panel?offset" in part  # two cards are still to come


def test_without_htmx_the_panel_sends_to_the_quote_list(client, long_article):
    resp = client.get(f"/articles/{long_article}/panel?offset={PANEL_SIZE}")
    assert resp.status_code == 302
    assert f"article={long_article}" in resp.headers["Location"]
    assert f"page={PANEL_SIZE // PAGE_SIZE + 1}" in resp.headers["Location"]


@pytest.mark.parametrize("query, status", [
    ("offset=abc", 400), ("offset=-1", 400), ("offset=1e3", 400), ("until=x", 400),
    ("offset=0&until=987654", 404),
])
def test_bad_panel_parameters(client, long_article, query, status):
    resp = client.get(f"/articles/{long_article}/panel?{query}", headers={"HX-Request": "true"})
    assert resp.status_code == status


def test_panel_of_an_unknown_article_is_404(client):
    assert client.get("/articles/987654/panel", headers={"HX-Request": "true"}).status_code == 404


@pytest.mark.browser
def test_a_click_on_a_far_highlight_loads_its_card(page, live_server, long_article):
    page.goto(f"{live_server}/articles/{long_article}")
    cards = page.locator(".quote-panel .quote-card")
    assert cards.count() == PANEL_SIZE
    last = page.locator("#article-text .quote-mark").last
    qid = last.get_attribute("data-quote").split()[0]
    assert page.locator(f"#quote-{qid}").count() == 0
    last.click()
    card = page.locator(f"#quote-{qid}")
    card.wait_for()
    assert cards.count() == N_QUOTES
    card.get_by_role("button", name="Verify").click()
    page.wait_for_function(f"document.querySelector('#quote-{qid}').dataset.status "
                           "=== 'verified'")
    assert "status-verified" in last.get_attribute("class")


@pytest.mark.browser
def test_scrolling_the_panel_loads_more_cards(page, live_server, long_article):
    page.goto(f"{live_server}/articles/{long_article}")
    page.locator(".quote-panel .panel-more a").scroll_into_view_if_needed()
    page.wait_for_function(f"document.querySelectorAll('.quote-panel .quote-card').length "
                           f">= {2 * PANEL_SIZE}")
