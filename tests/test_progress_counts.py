"""The per-article, per-speaker and per-reviewer counts kept by triggers (migration m070)
always equal a full count of the quotes, whatever writes came before; and the pages and
the queue position read from them answer as the full count does."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import db as storage
from workbench import kept_counts, queries, stats
from workbench.clock import now
from workbench.queue import neighbour, position
from workbench.queue import first as queue_first

STATUSES = ("unreviewed", "verified", "disputed")


def full_counts(db, key: str) -> dict:
    """What the trigger-kept table of ``key`` must hold, counted from the quotes."""
    return {r[0]: tuple(r[1:]) for r in db.execute(
        f"select {key}, count(*), sum(status = 'verified'), sum(status = 'disputed'),"
        f" sum(status = 'unreviewed') from quotes where {key} is not null group by {key}")}


def assert_counts_right(db) -> None:
    assert kept_counts.differences(db) == []


def small_db(n_articles: int = 3, n_speakers: int = 3):
    db = storage.connect(":memory:")
    stamp = now()
    for a in range(1, n_articles + 1):
        outlet = None if a == 3 else f"Outlet {a % 2}"  # article 3 has no outlet
        db.execute("insert into articles (id, title, outlet, text, content_hash, ingested_at)"
                   " values (?, ?, ?, ?, ?, ?)", [a, f"A{a}", outlet, "x" * 200, f"h{a}", stamp])
    for s in range(1, n_speakers + 1):
        db.execute("insert into speakers (id, name, kind, aliases) values (?, ?, 'person', '[]')",
                   [s, f"Speaker {s}"])
    return db


KINDS = ("direct", "mixed", "reported")


def insert_quote(db, qid, article, speaker, status, reviewer, start, kind=None):
    db.execute(
        "insert into quotes (id, article_id, start, end, fragments, text, kind, speaker_id,"
        " confidence, rule, origin, status, reviewer, version, created_at)"
        " values (?, ?, ?, ?, '[]', 'words', ?, ?, 0.5, 'test', 'extractor', ?, ?, 1, ?)",
        [qid, article, start, start + 5, kind or KINDS[qid % 3], speaker, status, reviewer,
         now()])


ops = st.lists(st.one_of(
    st.tuples(st.just("insert"), st.integers(1, 3), st.one_of(st.none(), st.integers(1, 3)),
              st.sampled_from(STATUSES), st.sampled_from([None, "ana", "ben"]),
              st.integers(0, 150)),
    st.tuples(st.just("status"), st.integers(0, 30), st.sampled_from(STATUSES)),
    st.tuples(st.just("speaker"), st.integers(0, 30), st.one_of(st.none(), st.integers(1, 3))),
    st.tuples(st.just("reviewer"), st.integers(0, 30), st.sampled_from([None, "ana", "ben"])),
    st.tuples(st.just("article"), st.integers(0, 30), st.integers(1, 3)),
    st.tuples(st.just("kind"), st.integers(0, 30), st.sampled_from(KINDS)),
    st.tuples(st.just("both"), st.integers(0, 30), st.sampled_from(STATUSES),
              st.one_of(st.none(), st.integers(1, 3))),
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(st.just("log"), st.integers(0, 30), st.sampled_from([None, "ana", "ben"]),
              st.integers(1, 28)),
), max_size=60)


@settings(max_examples=60, deadline=None)
@given(ops)
def test_kept_counts_equal_a_full_count_after_any_writes(steps):
    db = small_db()
    ids: list[int] = []
    fresh = iter(range(1000, 10_000))  # never an id used before, deleted or not
    for step in steps:
        kind = step[0]
        if kind == "insert":
            ids.append(next(fresh))
            insert_quote(db, ids[-1], *step[1:])
            continue
        if not ids:
            continue
        qid = ids[step[1] % len(ids)]
        if kind == "delete":
            if db.execute("select 1 from review_log where quote_id = ?", [qid]).fetchone():
                continue  # a logged quote is never deleted (the log's foreign key)
            db.execute("delete from quotes where id = ?", [qid])
            ids.remove(qid)
        elif kind == "log":  # the review log, out of time order now and then
            db.execute("insert into review_log (quote_id, action, reviewer, at)"
                       " values (?, 'verdict', ?, ?)", [qid, step[2], f"2026-02-{step[3]:02d}"])
        elif kind == "both":  # one UPDATE moving a quote's status and speaker together
            db.execute("update quotes set status = ?, speaker_id = ? where id = ?",
                       [step[2], step[3], qid])
        else:
            column = {"status": "status", "speaker": "speaker_id", "reviewer": "reviewer",
                      "article": "article_id", "kind": "kind"}[kind]
            db.execute(f"update quotes set {column} = ? where id = ?", [step[2], qid])
    assert_counts_right(db)
    # A row is removed when its last quote leaves it: no zero rows for the pages to show.
    for table in storage.PROGRESS_TABLES:
        assert db.execute(f"select count(*) from {table} where total <= 0").fetchone()[0] == 0


def test_a_drifted_count_is_named():
    db = small_db()
    insert_quote(db, 1, 1, 1, "unreviewed", "ana", 0)
    db.execute("insert into review_log (quote_id, action, reviewer, at)"
               " values (1, 'verdict', 'ana', '2026-01-01T00:00:00')")
    assert kept_counts.differences(db) == []
    db.execute("update quote_progress_by_speaker set verified = 1")
    db.execute("update quote_counts_by_article_kind set n = 2")
    db.execute("update reviewer_activity set actions = 5")
    assert kept_counts.differences(db) == ["quote_progress_by_speaker",
                                           "quote_counts_by_article_kind", "reviewer_activity"]


def test_the_migration_counts_what_is_already_there():
    db = small_db()
    for i in range(30):
        insert_quote(db, i + 1, i % 3 + 1, (i % 4 or None), STATUSES[i % 3],
                     "ana" if i % 3 else None, i)
    made = [r for r in db.execute(
        "select type, name from sqlite_master where type in ('table', 'trigger') and (name like"
        " 'quote_progress_by_%' or name like 'quotes_progress_%' or name like 'quote_counts_%'"
        " or name like 'quotes_counts_%' or name like '%activity')")]
    assert len(made) == 3 + 9 + 2 + 3 + 1  # every table and trigger m070 makes
    db.conn.executescript("".join(f"DROP {kind} {name};" for kind, name in made))
    db.execute("insert into review_log (quote_id, action, reviewer, at) values (1, 'verdict',"
               " 'ana', '2026-01-01T00:00:00')")
    storage.m070_progress_counts(db)
    assert_counts_right(db)
    assert list(db.query("select * from reviewer_activity")) == [
        {"reviewer": "ana", "actions": 1, "last_at": "2026-01-01T00:00:00"}]


def test_reviewer_activity_follows_the_log():
    db = small_db()
    insert_quote(db, 1, 1, 1, "verified", "ana", 0)
    for at in ("2026-01-02T00:00:00", "2026-01-01T00:00:00"):
        db.execute("insert into review_log (quote_id, action, reviewer, at)"
                   " values (1, 'verdict', 'ana', ?)", [at])
    db.execute("insert into review_log (quote_id, action, reviewer, at)"
               " values (1, 'verdict', null, '2026-01-03T00:00:00')")
    (row,) = stats.by_reviewer(db)
    assert (row["reviewer"], row["actions"], row["last_at"], row["verified"]) == (
        "ana", 2, "2026-01-02T00:00:00", 1)


@pytest.fixture
def spread():
    """Quotes over several articles, some articles without quotes of a status, ties on
    start broken by id."""
    db = small_db(n_articles=6)
    qid = 0
    for article in (1, 2, 3, 5, 6):
        for start in (40, 10, 10, 70, 25):
            qid += 1
            insert_quote(db, qid, article, qid % 3 + 1,
                         "verified" if (qid * 7) % 5 == 0 else "unreviewed", None, start)
    return db


@pytest.mark.parametrize("status", [None, "unreviewed", "verified", "disputed"])
def test_the_queue_position_from_kept_counts_is_the_counted_one(spread, status):
    """Walking the queue under a status-only filter gives 1, 2, 3 ... in order; and the
    same quote under a filter that must be counted the slow way gets the same place."""
    filt = queries.QuoteFilter(status=status)
    quote, place = queue_first(spread, filt), 1
    while quote is not None:
        assert position(spread, filt, quote) == place
        # min_confidence=0 selects the same quotes but takes the general counting path.
        assert position(spread, queries.QuoteFilter(status=status, min_confidence=0),
                        quote) == place
        quote, place = neighbour(spread, filt, quote), place + 1
    expected = queries.count_quotes(spread, queries.QuoteFilter())[status or "all"]
    assert place - 1 == expected


@pytest.mark.parametrize("args", [
    {"kind": "direct"}, {"kind": "mixed", "status": "unreviewed"}, {"outlet": "Outlet 0"},
    {"outlet": "Outlet 1", "status": "verified"}, {"outlet": "Outlet 0", "kind": "reported"},
    {"outlet": "Outlet 0", "kind": "direct", "status": "unreviewed"}, {"outlet": "None"},
])
def test_places_and_counts_under_kind_and_outlet_read_from_kept_counts(spread, args):
    """The same answers as the general count (min_confidence=0 selects the same quotes
    but is counted quote by quote)."""
    spread.execute("update quotes set status = 'disputed' where id % 4 = 0")
    filt, slow = queries.QuoteFilter(**args), queries.QuoteFilter(**args, min_confidence=0)
    assert queries.kept_counts_where(filt) is not None
    assert queries.kept_counts_where(slow) is None
    assert queries.count_quotes(spread, filt) == queries.count_quotes(spread, slow)
    quote, place = queue_first(spread, filt), 1
    while quote is not None:
        assert position(spread, filt, quote) == place == position(spread, slow, quote)
        quote, place = neighbour(spread, filt, quote), place + 1
    assert place - 1 == queries.count_quotes(spread, filt)[args.get("status", "all")]


def test_pages_read_the_same_figures_as_a_full_count(spread):
    spread.execute("update quotes set status = 'disputed', reviewer = 'ben' where id in (3, 4)")
    by_speaker = {r["id"]: (r["total"], r["verified"], r["disputed"])
                  for r in stats.by_speaker(spread)}
    assert by_speaker == {k: v[:3] for k, v in full_counts(spread, "speaker_id").items()}
    shares = [r["unreviewed"] / r["total"] for r in stats.by_article(spread)]
    assert shares == sorted(shares, reverse=True) and len(shares) == 5
    listed = {a["id"]: (a["quotes"], a["reviewed"], a["disputed"])
              for a in queries.list_articles(spread)}
    assert listed[4] == (0, 0, 0)  # an article without quotes is listed with zeros
    for aid in (1, 2, 3, 5, 6):
        statuses = [r[0] for r in spread.execute("select status from quotes where article_id = ?",
                                                  [aid])]
        assert listed[aid] == (len(statuses), sum(s != "unreviewed" for s in statuses),
                               statuses.count("disputed"))
    page = stats.speakers(spread)
    assert {r["id"]: r["total"] for r in page} == {
        k: v[0] for k, v in full_counts(spread, "speaker_id").items()}


def test_a_search_of_punctuation_alone_is_no_search():
    """'*' or a lone quote mark searches for no word: the filter is the same as without it
    (and keeps the kept-count paths, which a search turns off)."""
    for q in ("*", '"', "' -- ", "()"):
        filt = queries.QuoteFilter.from_args({"q": q, "kind": "direct"})
        assert filt == queries.QuoteFilter(kind="direct")
        assert queries.kept_counts_where(filt) is not None
    assert queries.QuoteFilter.from_args({"q": "Putin*"}).q == "Putin*"
