import pytest

from workbench.documents import from_text
from workbench.ingest import ingest_document
from workbench.review import (QuoteNotFound, ReviewError, Verdict, VersionConflict, get_quote,
                              history, set_verdict)


@pytest.fixture
def quote_id(fresh_db, seed_text):
    ingest_document(fresh_db, from_text(seed_text))
    return fresh_db.execute("select min(id) from quotes").fetchone()[0]


def test_verdict_is_stored_versioned_and_logged(fresh_db, quote_id):
    q = set_verdict(fresh_db, quote_id, Verdict("verified"), "ana", expected_version=1)
    assert (q["status"], q["version"], q["reviewer"]) == ("verified", 2, "ana")
    q = set_verdict(fresh_db, quote_id, Verdict("disputed", note="Cut mid-sentence",
                    reason="out_of_context", evidence_url="https://example.org/t"), "ben", 2)
    assert (q["status"], q["dispute_reason"], q["version"]) == ("disputed", "out_of_context", 3)
    log = history(fresh_db, quote_id)
    assert [(h["reviewer"], h["old_value"], h["new_value"]) for h in log] == [
        ("ben", "verified", "disputed"), ("ana", "unreviewed", "verified")]
    assert "Cut mid-sentence" in log[0]["note"] and log[0]["evidence_url"] == "https://example.org/t"


def test_stale_version_is_refused_and_changes_nothing(fresh_db, quote_id):
    set_verdict(fresh_db, quote_id, Verdict("verified"), "ana", expected_version=1)
    with pytest.raises(VersionConflict) as info:
        set_verdict(fresh_db, quote_id, Verdict("disputed", note="no"), "ben", expected_version=1)
    assert info.value.current["reviewer"] == "ana"
    assert get_quote(fresh_db, quote_id)["status"] == "verified"
    assert len(history(fresh_db, quote_id)) == 1


@pytest.mark.parametrize("verdict, message", [
    (Verdict("approved"), "Unknown status"),
    (Verdict("disputed"), "needs a reason or a note"),
    (Verdict("disputed", note="x", reason="because"), "Unknown dispute reason"),
    (Verdict("verified", evidence_url="javascript:alert(1)"), "http"),
    (Verdict("verified", note="x" * 5001), "too long"),
])
def test_bad_verdicts_are_refused(fresh_db, quote_id, verdict, message):
    with pytest.raises(ReviewError, match=message):
        set_verdict(fresh_db, quote_id, verdict, "ana")
    assert get_quote(fresh_db, quote_id)["version"] == 1


def test_unknown_quote(fresh_db):
    with pytest.raises(QuoteNotFound):
        set_verdict(fresh_db, 999, Verdict("verified"), "ana")
