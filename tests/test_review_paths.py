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


def test_bad_input_on_the_new_routes_is_a_clear_400_never_a_500(client, seeded):
    bad = [
        ("/review/1/cue", {"start": "50", "end": "10", "version": "1"}),
        ("/review/1/cue", {"start": "0", "end": "999999", "version": "1"}),
        ("/review/1/cue", {"start": "x", "end": "3", "version": "1"}),
        ("/review/1/cue", {"version": "1"}),
        ("/review/1/cue", {"start": "0", "end": "900", "version": "1"}),  # not a few words
        ("/review/1/kind", {"kind": "poetry", "version": "1"}),
        ("/review/1/kind", {"version": "1"}),
        ("/review/1/kind", {"kind": "reported", "version": "1"}),  # unchanged
        ("/speakers/1/rename", {"name": "x" * 201}),
        ("/speakers/1/aliases/remove", {"alias": ""}),
        ("/speakers/1/split", {}),  # never merged
        ("/desk/assign?article=99999999999999999999", {"reviewer": "rev_rita"}),
        ("/review/1/second-verdict", {"status": "verified", "version": "1"}),  # none asked
    ]
    for url, data in bad:
        resp = client.post(url, data=data)
        assert resp.status_code == 400, (url, data, resp.status_code)
    assert client.post("/review/999999/kind", data={"kind": "mixed", "version": "1"}).status_code == 404
    assert client.post("/review/999999/second-look", data={"version": "1"}).status_code == 404
    assert client.get("/speakers/merge?from_id=1&into_id=" + "9" * 30).status_code == 400
