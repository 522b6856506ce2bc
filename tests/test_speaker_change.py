"""Changing a quote's speaker: the speaker mention never jumps into another quote's words,
a pronoun or descriptor keeps its place, and the history records the mention (bug 2)."""
import pytest

from workbench.corrections import change_speaker
from workbench.documents import from_text
from workbench.ingest import ingest_document
from workbench.review import get_quote, history

TEXT = ("Rally draws thousands\n\nSmith spoke first. \"Trump will lose this state,\" Smith "
        "said. \"We are ready,\" he added. Pat Smith, a volunteer, handed out leaflets. "
        "\"It was cold,\" she said.\n")


@pytest.fixture
def article(fresh_db):
    aid = ingest_document(fresh_db, from_text(TEXT)).article_id
    quotes = {q["text"]: q for q in fresh_db.query(
        "select * from quotes where article_id = ?", [aid])}
    return fresh_db, quotes


def test_a_pronoun_mention_stays_when_the_speaker_changes(article):
    db, quotes = article
    ready = quotes['"We are ready,"']
    assert ready["speaker_mention"] == "he"
    after = change_speaker(db, ready["id"], "ana", name="Donald Trump")
    # "Trump" occurs only inside the first quote: the mention must not move there.
    assert (after["speaker_mention"], after["speaker_start"]) == ("he", ready["speaker_start"])
    cold = quotes['"It was cold,"']
    after = change_speaker(db, cold["id"], "ana", name="Jane Roe")
    assert after["speaker_mention"] == "she"


def test_a_name_mention_never_lands_inside_another_quote(article):
    db, quotes = article
    lose = quotes['"Trump will lose this state,"']
    assert lose["speaker_mention"] == "Smith"
    ready = quotes['"We are ready,"']
    # Speaker of the second quote is now Trump, named only inside the first quote.
    after = change_speaker(db, lose["id"], "ana", name="Donald Trump")
    text = db.execute("select text from articles").fetchone()[0]
    for q in (lose, ready):
        assert after["speaker_start"] is None or not (
            q["start"] <= after["speaker_start"] < q["end"])
    assert after["speaker_mention"] is None  # "Smith" is not one of Trump's names
    assert text  # the article is unchanged


def test_the_history_records_the_mention_change(article):
    db, quotes = article
    lose = quotes['"Trump will lose this state,"']
    change_speaker(db, lose["id"], "ana", name="Donald Trump")
    row = [h for h in history(db, lose["id"]) if h["action"] == "speaker"][-1]
    assert "“Smith”" in row["old_value"] and "no mention" in row["new_value"]
    assert get_quote(db, lose["id"])["speaker_mention"] is None
