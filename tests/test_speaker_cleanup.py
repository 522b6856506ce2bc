"""Keeping speakers clean: not a speaker (undoable), rename, remove an alias, split a wrong
merge, where each alias came from, and names listed before descriptors."""
import json

import pytest

from test_review_browser import db  # noqa: F401 (a fixture: the app's database)

ARTICLE = ("Budget row\n\nFinance Minister Ann Lee said the budget was balanced. Officials "
           "said the figures were wrong. Monday's statement said taxes would rise. \"We will "
           "cut taxes,\" Lee told reporters. Bloomberg reported that bonds fell.\n")
LATER = ("Budget row, day two\n\nMonday's statement said the sun would shine. Ann Lee said "
         "she was confident.\n")


@pytest.fixture
def article(client, db):
    resp = client.post("/articles", data={"text": ARTICLE})
    assert resp.status_code == 303
    return int(resp.headers["Location"].rsplit("/", 1)[1])


def _sid(db, name):
    row = db.execute("select id from speakers where name = ?", [name]).fetchone()
    assert row, (name, [r[0] for r in db.execute("select name from speakers")])
    return row[0]


def _on(db, sid):
    return [r[0] for r in db.execute("select id from quotes where speaker_id = ?", [sid])]


def test_not_a_speaker_unattributes_once_later_articles_too_and_undoes(client, db, article):
    statement = _sid(db, "Monday's statement")
    ids = _on(db, statement)
    assert ids
    resp = client.post(f"/speakers/{statement}/not-speaker")
    assert resp.status_code == 303
    assert _on(db, statement) == []
    assert all(db["quotes"].get(i)["speaker_id"] is None for i in ids)
    # The speakers page hides it, and says how many are hidden.
    page = client.get("/speakers").get_data(as_text=True)
    assert f'id="speaker-{statement}"' not in page and "1 marked not a speaker" in page
    assert f'id="speaker-{statement}"' in client.get("/speakers?hidden=1").get_data(as_text=True)
    # A later article naming it leaves the quote unattributed.
    later = int(client.post("/articles", data={"text": LATER}).headers["Location"].rsplit("/", 1)[1])
    rows = {r[0]: r[1] for r in db.execute(
        "select text, speaker_id from quotes where article_id = ?", [later])}
    assert rows["the sun would shine"] is None
    # Marking twice is refused; undo restores the quotes and the flag in one step.
    assert client.post(f"/speakers/{statement}/not-speaker").status_code == 400
    client.post("/review/undo")
    assert sorted(_on(db, statement)) == sorted(ids)
    assert db["speakers"].get(statement)["not_speaker"] == 0


def test_rename_remove_alias_and_where_aliases_came_from(client, db, article):
    lee = _sid(db, "Ann Lee")
    page = client.get(f"/speakers/{lee}").get_data(as_text=True)
    assert "extractor" in page and "named so in #" in page
    assert client.post(f"/speakers/{lee}/rename", data={"name": "Ann B. Lee"}).status_code == 303
    sp = db["speakers"].get(lee)
    assert sp["name"] == "Ann B. Lee" and "Ann Lee" in json.loads(sp["aliases"])
    page = client.get(f"/speakers/{lee}").get_data(as_text=True)
    assert "the old name, renamed by rev_rita" in page
    officials = _sid(db, "Officials")
    assert client.post(f"/speakers/{lee}/rename", data={"name": "officials"}).status_code == 400
    assert client.post(f"/speakers/{lee}/rename", data={"name": "  "}).status_code == 400
    client.post(f"/speakers/{lee}/aliases/remove", data={"alias": "Ann Lee"})
    assert "Ann Lee" not in json.loads(db["speakers"].get(lee)["aliases"])
    assert client.post(f"/speakers/{lee}/aliases/remove", data={"alias": "nobody"}).status_code == 400
    assert client.get("/speakers/999999").status_code == 404
    assert client.post("/speakers/999999/rename", data={"name": "X"}).status_code == 404
    assert officials


def test_split_a_wrong_merge_even_after_reviews(client, db, article):
    lee, bloomberg = _sid(db, "Ann Lee"), _sid(db, "Bloomberg")
    moved = _on(db, bloomberg)
    client.post("/speakers/merge", data={"from_id": bloomberg, "into_id": lee})
    assert db["speakers"].get(bloomberg)["merged_into"] == lee
    assert "Bloomberg" in json.loads(db["speakers"].get(lee)["aliases"])
    page = client.get(f"/speakers/{lee}").get_data(as_text=True)
    assert "merged in by rev_rita" in page and "Split off" in page
    # A verdict after the merge does not block the split (undo would skip that quote).
    q = db["quotes"].get(moved[0])
    client.post(f"/review/{q['id']}/verdict", data={"status": "verified", "version": q["version"]})
    assert client.post(f"/speakers/{bloomberg}/split").status_code == 303
    assert sorted(_on(db, bloomberg)) == sorted(moved)
    assert db["speakers"].get(bloomberg)["merged_into"] is None
    assert "Bloomberg" not in json.loads(db["speakers"].get(lee)["aliases"])
    assert db["quotes"].get(moved[0])["status"] == "verified"
    # Undo re-merges in one step.
    client.post("/review/undo")
    assert db["speakers"].get(bloomberg)["merged_into"] == lee
    assert set(moved) <= set(_on(db, lee))


def test_names_come_before_descriptors(client, db, article):
    page = client.get("/speakers").get_data(as_text=True)
    assert page.index("Ann Lee") < page.index("Officials")
    choices = page[page.index('id="merge-from"'):page.index('id="merge-into"')]
    assert choices.index("Ann Lee") < choices.index("Officials")
