"""Corrections, bulk verdicts, undo and progress figures, without the web layer."""
import json

import pytest

from workbench import stats
from workbench.bulk import CountChanged, bulk_verdict
from workbench.corrections import (CorrectionError, add_quote, change_span, change_speaker,
                                   changes_since, refit_fragments, resolve_span)
from workbench.documents import from_text
from workbench.ingest import ingest_document
from workbench.queries import QuoteFilter, count_quotes
from workbench.queue import first, neighbour, position
from workbench.speaker_merge import merge_speakers
from workbench.review import Verdict, VersionConflict, get_quote, history, set_verdict
from workbench.undo import NothingToUndo, last_action, undo_last


@pytest.fixture
def seeded(fresh_db, seed_text):
    art = ingest_document(fresh_db, from_text(seed_text))
    return fresh_db, art.article_id


def _quotes(db):
    return list(db.query("select * from quotes order by article_id, start, id"))


def _article(db, aid):
    return db.execute("select text from articles where id = ?", [aid]).fetchone()[0]


def test_speaker_change_is_versioned_logged_and_undone(seeded):
    db, _ = seeded
    q = _quotes(db)[0]
    new = change_speaker(db, q["id"], "ana", name="Jane Envoy", expected_version=1,
                         note="It was the envoy")
    assert new["version"] == 2 and new["speaker_id"] != q["speaker_id"]
    assert db.execute("select name from speakers where id = ?",
                      [new["speaker_id"]]).fetchone()[0] == "Jane Envoy"
    log = history(db, q["id"])[0]
    assert (log["action"], log["reviewer"], log["new_value"], log["note"]) == (
        "speaker", "ana", "Jane Envoy (no mention)", "It was the envoy")
    with pytest.raises(VersionConflict):
        change_speaker(db, q["id"], "ben", name="Someone Else", expected_version=1)
    res = undo_last(db, "ana")
    assert res.undone == [q["id"]]
    back = get_quote(db, q["id"])
    assert back["speaker_id"] == q["speaker_id"] and back["version"] == 3
    assert [h["action"] for h in history(db, q["id"])] == ["undo", "speaker"]
    with pytest.raises(NothingToUndo):
        undo_last(db, "ana")


def test_span_change_keeps_offsets_true_to_the_source(seeded):
    db, aid = seeded
    text = _article(db, aid)
    q = _quotes(db)[0]
    s, e = q["start"], q["end"]
    new = change_span(db, q["id"], s + 1, e, "ana", selected=text[s + 1:e], expected_version=1)
    assert new["text"] == text[new["start"]:new["end"]]
    assert json.loads(new["fragments"]) == [[new["start"], new["end"]]]
    # A selection whose offsets are off (UTF-16, whitespace) is found by its text nearby.
    new2 = change_span(db, q["id"], s + 3, e + 3, "ana", selected=text[s:e], expected_version=2)
    assert (new2["start"], new2["end"]) == (s, e) and new2["text"] == text[s:e]
    with pytest.raises(CorrectionError):
        change_span(db, q["id"], 0, len(text) + 5, "ana")
    with pytest.raises(CorrectionError):
        change_span(db, q["id"], s, e, "ana", selected="words that are nowhere in it")


def test_resolve_span_trims_whitespace():
    assert resolve_span("ab  cd  ef", 2, 8) == (4, 6)
    with pytest.raises(CorrectionError):
        resolve_span("ab   ", 2, 5)


def test_add_missed_quote_and_undo_withdraws_it(seeded):
    db, aid = seeded
    text = _article(db, aid)
    word = "Syria"
    s = text.index(word, 200)
    sentence_end = text.index(".", s) + 1
    added = add_quote(db, aid, s, sentence_end, "ana", selected=text[s:sentence_end],
                      speaker="Vladimir Putin", kind="reported")
    assert added["origin"] == "reviewer" and added["version"] == 1
    assert added["text"] == text[added["start"]:added["end"]]
    assert count_quotes(db, QuoteFilter(q="Syria"))["all"] >= 1
    with pytest.raises(CorrectionError, match="already quote"):
        add_quote(db, aid, s, sentence_end, "ana")
    undo_last(db, "ana")
    row = get_quote(db, added["id"])
    assert (row["status"], row["dispute_reason"]) == ("disputed", "not_a_quote")


def test_merge_speakers_keeps_aliases_and_undoes_as_one(seeded):
    db, _ = seeded
    quotes = _quotes(db)
    by_speaker = {}
    for q in quotes:
        if q["speaker_id"]:
            by_speaker.setdefault(q["speaker_id"], []).append(q["id"])
    (a, a_ids), (b, b_ids) = list(by_speaker.items())[:2]
    a_name = db.execute("select name from speakers where id = ?", [a]).fetchone()[0]
    res = merge_speakers(db, a, b, "ana")
    assert res.quotes == len(a_ids)
    into = db.execute("select * from speakers where id = ?", [b]).fetchone()
    assert a_name in json.loads(db["speakers"].get(b)["aliases"])
    assert db["speakers"].get(a)["merged_into"] == b
    assert all(get_quote(db, i)["speaker_id"] == b for i in a_ids)
    assert into is not None
    res = undo_last(db, "ana")
    assert sorted(res.undone) == sorted(a_ids)
    assert db["speakers"].get(a)["merged_into"] is None
    assert a_name not in json.loads(db["speakers"].get(b)["aliases"])
    assert all(get_quote(db, i)["speaker_id"] == a for i in a_ids)
    with pytest.raises(CorrectionError):
        merge_speakers(db, b, b, "ana")


def test_bulk_verdict_is_one_batch_and_undoes_as_one_step(seeded):
    db, aid = seeded
    filt = QuoteFilter(article=aid)
    n = count_quotes(db, filt)["all"]
    set_verdict(db, _quotes(db)[0]["id"], Verdict("disputed", reason="misquote"), "ben")
    with pytest.raises(CountChanged):
        bulk_verdict(db, filt, Verdict("verified"), "ana", expected_count=n + 1)
    res = bulk_verdict(db, QuoteFilter(article=aid, status="unreviewed"), Verdict("verified"),
                       "ana", expected_count=n - 1)
    assert res.changed == n - 1
    assert count_quotes(db, filt)["verified"] == n - 1
    assert db.execute("select count(distinct batch_id) from review_log where reviewer='ana'"
                      ).fetchone()[0] == 1
    # Someone changes one quote after the bulk action: undo leaves theirs alone.
    victim = _quotes(db)[1]
    set_verdict(db, victim["id"], Verdict("disputed", note="no"), "ben", victim["version"])
    res = undo_last(db, "ana")
    assert len(res.undone) == n - 2 and [q["id"] for q in res.skipped] == [victim["id"]]
    counts = count_quotes(db, filt)
    assert (counts["unreviewed"], counts["disputed"]) == (n - 2, 2)
    assert last_action(db, "ana") is None
    # Nothing was deleted: the log only grew.
    assert db.execute("select count(*) from review_log").fetchone()[0] == 1 + (n - 1) + 1 + (n - 2)


def test_undo_of_a_stale_single_action_is_a_conflict(seeded):
    db, _ = seeded
    q = _quotes(db)[0]
    set_verdict(db, q["id"], Verdict("verified"), "ana", 1)
    set_verdict(db, q["id"], Verdict("disputed", note="x"), "ben", 2)
    with pytest.raises(VersionConflict):
        undo_last(db, "ana")
    assert [h["reviewer"] for h in changes_since(db, q["id"], 2)] == ["ben"]


def test_undo_restores_the_whole_verdict(seeded):
    db, _ = seeded
    q = _quotes(db)[0]
    set_verdict(db, q["id"], Verdict("disputed", reason="misquote", note="n",
                                     evidence_url="https://e.org"), "ana", 1)
    set_verdict(db, q["id"], Verdict("verified"), "ana", 2)
    undo_last(db, "ana")
    row = get_quote(db, q["id"])
    assert (row["status"], row["dispute_reason"], row["note"], row["evidence_url"]) == (
        "disputed", "misquote", "n", "https://e.org")


def test_queue_navigation_and_stats(seeded):
    db, aid = seeded
    filt = QuoteFilter(status="unreviewed")
    q1 = first(db, filt)
    q2 = neighbour(db, filt, q1)
    assert position(db, filt, q1) == 1 and position(db, filt, q2) == 2
    assert neighbour(db, filt, q2, forward=False)["id"] == q1["id"]
    set_verdict(db, q1["id"], Verdict("verified"), "ana")
    # The verified quote left the filter; the queue still moves on from its place.
    assert neighbour(db, filt, get_quote(db, q1["id"]) | {"article_id": aid})["id"] == q2["id"]
    o = stats.overall(db)
    assert o["verified"] == 1 and o["reviewed"] == 1 and o["total"] == len(_quotes(db))
    assert stats.by_reviewer(db)[0]["reviewer"] == "ana"
    assert stats.by_article(db)[0]["id"] == aid
    assert sum(s["total"] for s in stats.speakers(db)) == sum(
        1 for q in _quotes(db) if q["speaker_id"])


def test_status_counts_kept_by_triggers_match_a_full_count(seeded):
    db, aid = seeded
    quotes = _quotes(db)
    set_verdict(db, quotes[0]["id"], Verdict("verified"), "ana")
    bulk_verdict(db, QuoteFilter(article=aid, status="unreviewed"),
                 Verdict("disputed", reason="other"), "ana")
    undo_last(db, "ana")
    add_quote(db, aid, 0, 20, "ana")
    fast = count_quotes(db, QuoteFilter())
    slow = count_quotes(db, QuoteFilter(article=aid))
    assert fast == slow and fast["verified"] == 1 and fast["all"] == len(quotes) + 1


@pytest.mark.parametrize("args", [
    {"q": "Russia"}, {"q": "Russia", "status": "unreviewed"}, {"q": "said Putin", "kind": "direct"},
    {"q": "Syria", "outlet": "Agence France Presse"}, {"q": "nothingmatchesthis"},
])
def test_a_search_gathered_once_answers_like_the_plain_filter(seeded, args):
    from workbench.queue import prepare

    db, _ = seeded
    set_verdict(db, _quotes(db)[2]["id"], Verdict("verified"), "ana")
    plain = QuoteFilter(**args)
    fast = prepare(db, plain)
    assert type(fast).__name__ == "SearchedFilter"
    assert count_quotes(db, fast) == count_quotes(db, plain)
    from workbench.queries import list_quotes
    assert [q["id"] for q in list_quotes(db, fast)] == [q["id"] for q in list_quotes(db, plain)]
    for q in _quotes(db):
        for forward in (True, False):
            a, b = neighbour(db, fast, q, forward), neighbour(db, plain, q, forward)
            assert (a and a["id"]) == (b and b["id"])
        assert position(db, fast, q) == position(db, plain, q)


@pytest.mark.parametrize("fragments, start, end, expected", [
    ([[1, 10], [20, 30]], 3, 30, [[3, 10], [20, 30]]),  # trim the first fragment
    ([[1, 10], [20, 30]], 1, 35, [[1, 10], [20, 35]]),  # extend the last
    ([[1, 10], [20, 30]], 22, 28, [[22, 28]]),  # inside the second only
    ([[1, 10], [20, 30]], 12, 18, [[12, 18]]),  # only the gap: one new fragment
    ([[1, 10], [20, 30], [40, 50]], 5, 45, [[5, 10], [20, 30], [40, 45]]),
    ([], 4, 9, [[4, 9]]),
])
def test_refit_fragments(fragments, start, end, expected):
    assert refit_fragments(fragments, start, end) == expected


def test_a_split_quote_keeps_its_gap_when_its_span_changes(fresh_db):
    text = 'Ferry fares\n\n"The fares will rise," the mayor said, "and soon after the vote."'
    art = ingest_document(fresh_db, from_text(text))
    q = next(q for q in _quotes(fresh_db) if len(json.loads(q["fragments"])) == 2)
    body = _article(fresh_db, art.article_id)
    (s1, e1), (s2, e2) = json.loads(q["fragments"])
    assert "The fares" in body[s1:e1] and "and soon" in body[s2:e2]
    cut = body.index(" after the vote")
    new = change_span(fresh_db, q["id"], s1, cut, "ana", selected=body[s1:cut],
                      expected_version=1)
    assert json.loads(new["fragments"]) == [[s1, e1], [s2, cut]]
    assert new["text"] == body[s1:cut]
    undo_last(fresh_db, "ana")
    assert json.loads(get_quote(fresh_db, q["id"])["fragments"]) == [[s1, e1], [s2, e2]]
