"""Paths through the work: from an article to its queue, and the bulk verdict's preview."""
import re


def test_an_article_page_links_to_its_review(client, seeded):
    page = client.get(f"/articles/{seeded}").get_data(as_text=True)
    link = re.search(r'id="review-article" href="([^"]+)"', page)
    assert link and link.group(1).replace("&amp;", "&") == \
        f"/review?article={seeded}&status=unreviewed"
    n = len(re.findall(r'id="quote-(\d+)"',
                       client.get(f"/quotes?article={seeded}").get_data(as_text=True)))
    assert f"Review this article ({n} unreviewed)" in page


def test_the_bulk_verdict_lists_the_quotes_before_it_acts(client, seeded):
    ids = [int(i) for i in re.findall(r'id="quote-(\d+)"',
                                      client.get(f"/quotes?article={seeded}").get_data(as_text=True))]
    client.post(f"/review/{ids[0]}/verdict", data={"status": "verified", "version": "1"})
    page = client.get(f"/review/bulk?article={seeded}").get_data(as_text=True)
    preview = page[page.index('id="bulk-preview"'):]
    listed = [int(i) for i in re.findall(r'<a href="/quotes/(\d+)">', preview)]
    assert listed == ids  # every quote it will touch, in queue order
    assert preview.count("(left as it is)") == 1  # the one already verified
    # Nothing changed by looking.
    assert client.get(f"/review/bulk?article={seeded}&status_to=verified").status_code == 200
    counts = client.get("/quotes?status=verified").get_data(as_text=True)
    assert "1 verified quote" in " ".join(re.sub(r"<[^>]+>", " ", counts).split())
