"""Searches matching more quotes than can be gathered quickly (issue 14): read in the
full-text index's order, a page at a time, not counted; and searches whose other filters
are narrow are still gathered and counted exactly."""
from __future__ import annotations

import pytest

from workbench import db as storage
from workbench import queries, queue
from workbench.documents import from_text
from workbench.ingest import ingest_document
from workbench.review import Verdict, set_verdict
from workbench.web.context import get_db

WORD = "the"  # in 9 of the seed article's 11 quotes


@pytest.fixture
def db(seed_text):
    db = storage.connect(":memory:")
    ingest_document(db, from_text(seed_text))
    yield db
    db.conn.close()


@pytest.fixture
def small_limit(monkeypatch):
    """Searches of more than 3 matches are wide."""
    monkeypatch.setattr(queries, "SEARCH_GATHER_LIMIT", 3)


def plain_ids(db, **args) -> list[int]:
    return [q["id"] for q in queries.list_quotes(db, queries.QuoteFilter(**args))]


def test_a_search_under_the_limit_is_gathered_and_counted(db):
    filt = queue.prepare(db, queries.QuoteFilter(q=WORD))
    assert isinstance(filt, queue.SearchedFilter)
    assert queries.count_quotes(db, filt)["all"] == len(plain_ids(db, q=WORD))


@pytest.mark.parametrize("status", [None, "unreviewed", "verified"])
def test_a_wide_search_lists_and_walks_the_same_quotes_in_id_order(db, small_limit, status):
    quotes = plain_ids(db, q=WORD)
    assert len(quotes) > 3
    for qid in quotes[1:3]:
        set_verdict(db, qid, Verdict("verified"), "ana")
    expected = sorted(plain_ids(db, q=WORD, status=status))
    filt = queue.prepare(db, queries.QuoteFilter(q=WORD, status=status))
    assert isinstance(filt, queries.WideSearchFilter)
    assert [q["id"] for q in queries.list_quotes(db, filt)] == expected
    assert [q["id"] for q in queries.list_quotes(db, filt, limit=2, offset=1)] == expected[1:3]
    walked, quote = [], queue.first(db, filt)
    while quote is not None:
        walked.append(quote["id"])
        assert queries.in_filter(db, filt, quote["id"])
        assert queue.position(db, filt, quote) is None  # not counted
        quote = queue.neighbour(db, filt, quote)
    assert walked == expected
    assert queue.last(db, filt)["id"] == expected[-1]
    back = queue.neighbour(db, filt, queue.last(db, filt), forward=False)
    assert back["id"] == expected[-2]
    counts = queries.count_quotes(db, filt)
    assert counts["all"] is None and counts["more_than"] == 3


def test_a_wide_search_keeps_its_other_filters(db, small_limit):
    kind = queries.list_quotes(db, queries.QuoteFilter(q=WORD))[0]["kind"]
    # More than 1,000 other quotes would be needed for a wide search with a filter:
    # lower that bound too, so the kind filter leaves "many" quotes.
    queue.NARROW_FILTER_LIMIT, saved = 1, queue.NARROW_FILTER_LIMIT
    try:
        filt = queue.prepare(db, queries.QuoteFilter(q=WORD, kind=kind))
    finally:
        queue.NARROW_FILTER_LIMIT = saved
    assert isinstance(filt, queries.WideSearchFilter)
    assert [q["id"] for q in queries.list_quotes(db, filt)] == sorted(plain_ids(db, q=WORD,
                                                                                kind=kind))


def test_a_common_word_under_a_narrow_filter_is_still_gathered_exactly(db, small_limit):
    """Many matches, but the article filter leaves few quotes: each is checked against the
    index and the counts and places stay exact."""
    article = queries.list_quotes(db, queries.QuoteFilter())[0]["article_id"]
    plain = queries.QuoteFilter(q=WORD, article=article)
    filt = queue.prepare(db, plain)
    assert isinstance(filt, queue.SearchedFilter)
    assert queries.count_quotes(db, filt) == queries.count_quotes(db, plain)
    assert [q["id"] for q in queries.list_quotes(db, filt)] == plain_ids(db, q=WORD,
                                                                          article=article)
    first = queue.first(db, filt)
    assert queue.position(db, filt, first) == 1


def test_pages_say_a_wide_search_is_not_counted(client, seeded, small_limit):
    page = client.get(f"/quotes?q={WORD}").get_data(as_text=True)
    assert "The search words are in more than 3 quotes" in page
    assert "page 1 of" not in page  # not counted, so no number of pages
    resp = client.get(f"/quotes?q={WORD}&page=21")
    assert resp.status_code == 400 and b"first 20 pages" in resp.data
    queue_page = client.get(f"/review?q={WORD}&status=unreviewed").get_data(as_text=True)
    assert "more than 3" in queue_page and 'class="position"' not in queue_page
    assert 'id="review"' in queue_page  # a quote is shown
    narrow = client.get(f"/review?q={WORD}&article={seeded}").get_data(as_text=True)
    assert 'class="position"' in narrow and "More than" not in narrow


def test_the_desk_lists_a_wide_search_assignment_without_counting_it(client, seeded,
                                                                     small_limit):
    resp = client.post(f"/desk/assign?q={WORD}", data={"reviewer": "rev_rita", "label": "wide"})
    assert resp.status_code == 303
    client.post(f"/desk/assign?q={WORD}&article={seeded}",
                data={"reviewer": "rev_rita", "label": "narrow"})
    page = client.get("/desk").get_data(as_text=True)
    assert "a search too wide to count" in page
    n = len(plain_ids_web(client, seeded))
    assert f"{n} of {n} quotes unreviewed" in page  # the narrow one is counted


def plain_ids_web(client, article: int) -> list[int]:
    """The ids the search finds in the app's own database, counted the plain way."""
    with client.application.app_context():
        return [q["id"] for q in queries.list_quotes(
            get_db(), queries.QuoteFilter(q=WORD, article=article))]


@pytest.mark.parametrize("args", [{}, {"status": "unreviewed"}, {"kind": "direct"},
                                  {"q": WORD}, {"q": WORD, "status": "verified"},
                                  {"min_confidence": 0.5}, {"q": WORD, "max_confidence": 0.9}])
@pytest.mark.parametrize("wide", [False, True])
def test_a_page_of_the_list_is_that_slice_of_the_whole_list(db, monkeypatch, args, wide):
    """list_quotes takes a page's ids first, then their columns: the same rows, in the
    same order, with the same columns as the whole list sliced."""
    if wide:
        monkeypatch.setattr(queries, "SEARCH_GATHER_LIMIT", 3)
    for qid in plain_ids(db)[::3]:
        set_verdict(db, qid, Verdict("verified"), "ana")
    filt = queue.prepare(db, queries.QuoteFilter(**args))
    whole = queries.list_quotes(db, filt, limit=None)
    assert whole
    for offset in range(len(whole) + 1):
        page = whole[offset:offset + 2]
        assert queries.list_quotes(db, filt, limit=2, offset=offset) == page
        # Counted few: sorted rather than walked in order, the same page.
        assert queries.list_quotes(db, filt, limit=2, offset=offset,
                                   matching=len(whole)) == page


def test_a_wide_search_that_its_filter_empties_says_so(client, seeded, small_limit,
                                                      monkeypatch):
    """Many quotes hold the words but none is disputed: no page links to empty pages, the
    queue says nothing matches (not "end of the queue")."""
    page = client.get(f"/quotes?q={WORD}&status=disputed").get_data(as_text=True)
    assert "No quotes match." in page and 'rel="next"' not in page
    assert "under the other filters" in page
    queue_page = client.get(f"/review?q={WORD}&status=disputed").get_data(as_text=True)
    assert "No quotes match this filter" in queue_page and "End of the queue" not in queue_page
    # A full page of a wide search offers the next one; the last (short) one does not.
    from workbench.web import quotes as quote_pages
    monkeypatch.setattr(quote_pages, "PAGE_SIZE", 2)
    ids = plain_ids_web(client, seeded)
    assert len(ids) % 2 == 1  # the last page holds one quote
    last = len(ids) // 2 + 1
    assert 'rel="next"' in client.get(f"/quotes?q={WORD}&page=1").get_data(as_text=True)
    tail = client.get(f"/quotes?q={WORD}&page={last}").get_data(as_text=True)
    assert 'rel="next"' not in tail and 'rel="prev"' in tail


def test_a_bulk_verdict_on_a_gathered_search_reads_the_statuses_afresh(db):
    """A search gathered for a page holds that moment's statuses; a verdict given since
    (here on another connection's behalf) must change the bulk's count, not be
    overwritten (found by attacking a real server: 8 disputes of 312 turned verified)."""
    from workbench.bulk import CountChanged, bulk_verdict

    filt = queue.prepare(db, queries.QuoteFilter(q=WORD, status="unreviewed"))
    assert isinstance(filt, queue.SearchedFilter)
    shown = queries.count_quotes(db, filt)["unreviewed"]
    disputed = plain_ids(db, q=WORD)[0]
    set_verdict(db, disputed, Verdict("disputed", reason="misquote"), "ben")
    with pytest.raises(CountChanged):
        bulk_verdict(db, filt, Verdict("verified"), "ana", expected_count=shown)
    bulk_verdict(db, filt, Verdict("verified"), "ana", expected_count=shown - 1)
    assert db.execute("select status, reviewer from quotes where id = ?",
                      [disputed]).fetchone() == ("disputed", "ben")


@pytest.mark.parametrize("args", [{}, {"status": "verified"}, {"reviewer": "ana"},
                                  {"q": WORD, "status": "unreviewed"}])
def test_the_queue_walks_the_same_quotes_when_told_they_are_few(db, args):
    """Seeks told the filter's count (a handful: sorted, not walked in order) go through
    the same quotes, both ways."""
    for qid in plain_ids(db)[::4]:
        set_verdict(db, qid, Verdict("verified"), "ana")
    filt = queue.prepare(db, queries.QuoteFilter(**args))
    n = queries.count_quotes(db, filt)[filt.status or "all"]
    assert n
    for forward in (True, False):
        walks = []
        for matching in (None, n):
            seen = []
            quote = (queue.first if forward else queue.last)(db, filt, matching)
            while quote is not None:
                seen.append(quote["id"])
                quote = queue.neighbour(db, filt, quote, forward, matching)
            walks.append(seen)
        assert walks[0] == walks[1] and len(walks[0]) == n
