"""Merging speakers: a descriptor ("Her campaign") hands over its quotes only; a name merges
globally. The merge says which before it acts."""
import json

import pytest

from workbench import db as storage

CLINTON = ("Clinton campaign raises record sum\n\nThe Clinton campaign said on Friday that it "
           "would appeal the ruling. Her campaign said Monday it had raised $5 million.\n")
DOE = ("Jane Doe enters mayoral race\n\nJane Doe is running for mayor of Springfield. Her "
       "campaign said Monday it had raised $5 million.\n")
LAVROV = ("Talks resume\n\nForeign Minister Sergei Lavrov said the talks would resume. Lavrov "
          "told reporters that nothing was agreed.\n")


def _speaker(db, name):
    rows = list(db.query("select * from speakers where name = ?", [name]))
    return rows[0] if rows else None


def _quote_by_speaker_name(db, article_id):
    return {r[0]: r[1] for r in db.execute(
        "select q.text, s.name from quotes q join speakers s on s.id = q.speaker_id"
        " where q.article_id = ?", [article_id])}


@pytest.mark.parametrize("name, generic", [
    ("Her campaign", True), ("she", True), ("they", True), ("the spokesman", True),
    ("Officials", True), ("a senior official", True), ("U.S. officials", True),
    ("The Clinton campaign", False), ("Sergei Lavrov", False), ("NATO", False),
    ("Trump", False), ("The White House", False)])
def test_descriptors_are_told_from_names(name, generic):
    from workbench.speaker_names import is_descriptor

    assert is_descriptor(name) is generic


def test_merging_a_descriptor_moves_its_quotes_but_never_captures_later_articles(client, app):
    """Bug 1: merge "Her campaign" into "The Clinton campaign", then ingest Jane Doe's
    article: her campaign's quote must not land on The Clinton campaign."""
    assert client.post("/articles", data={"text": CLINTON}).status_code == 303
    db = storage.connect(app.config["DATABASE"], migrate=False)
    her, clinton = _speaker(db, "Her campaign"), _speaker(db, "The Clinton campaign")
    assert client.post("/speakers/merge", data={"from_id": her["id"], "into_id": clinton["id"]},
                       ).status_code == 303
    moved = db.execute("select count(*) from quotes where speaker_id = ?",
                       [clinton["id"]]).fetchone()[0]
    assert moved == 2  # its own quote and Her campaign's
    assert "Her campaign" not in json.loads(_speaker(db, "The Clinton campaign")["aliases"])
    assert _speaker(db, "Her campaign")["merged_into"] is None

    resp = client.post("/articles", data={"text": DOE})
    doe_id = int(resp.headers["Location"].rsplit("/", 1)[1])
    assert _quote_by_speaker_name(db, doe_id) == {"it had raised $5 million": "Her campaign"}
    # Typing the descriptor as a speaker name does not find the Clinton campaign either.
    from workbench.corrections import find_or_create_speaker
    assert find_or_create_speaker(db, "her campaign") != clinton["id"]
    db.conn.close()


def test_the_merge_page_says_a_descriptor_merge_applies_to_its_quotes_only(client, app):
    client.post("/articles", data={"text": CLINTON})
    db = storage.connect(app.config["DATABASE"], migrate=False)
    her, clinton = _speaker(db, "Her campaign"), _speaker(db, "The Clinton campaign")
    db.conn.close()
    preview = client.get(f"/speakers/merge?from_id={her['id']}&into_id={clinton['id']}")
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "these quotes only" in page and "1 quote in 1 article" in page


def test_merging_a_name_is_global_and_says_so(client, app):
    client.post("/articles", data={"text": LAVROV})
    db = storage.connect(app.config["DATABASE"], migrate=False)
    lavrov = _speaker(db, "Sergei Lavrov")
    other = db["speakers"].insert({"name": "S. Lavrov", "kind": "person",
                                   "aliases": json.dumps(["S. Lavrov", "the minister"])}).last_pk
    qid = db.execute("select id from quotes limit 1").fetchone()[0]
    with storage.write_transaction(db):
        db.execute("update quotes set speaker_id = ? where id = ?", [other, qid])
    page = client.get(f"/speakers/merge?from_id={other}&into_id={lavrov['id']}").get_data(
        as_text=True)
    assert "later articles that name S. Lavrov will be attributed to Sergei Lavrov" in page
    client.post("/speakers/merge", data={"from_id": other, "into_id": lavrov["id"]})
    aliases = json.loads(_speaker(db, "Sergei Lavrov")["aliases"])
    assert "S. Lavrov" in aliases and "the minister" not in aliases
    assert db["speakers"].get(other)["merged_into"] == lavrov["id"]
    db.conn.close()


def test_merge_preview_refuses_nonsense(client):
    assert client.get("/speakers/merge?from_id=1&into_id=1").status_code == 400
    assert client.get("/speakers/merge?from_id=x&into_id=1").status_code == 400
    assert client.get("/speakers/merge?from_id=999999&into_id=1").status_code == 400


def test_the_migration_makes_an_old_descriptor_merge_local(tmp_path):
    """A database merged before the fix: the descriptor no longer forwards later articles."""
    path = tmp_path / "old.db"
    db = storage.connect(path)
    clinton = db["speakers"].insert({"name": "The Clinton campaign", "kind": "organisation",
                                     "aliases": json.dumps(["Her campaign", "Clinton camp"])}).last_pk
    her = db["speakers"].insert({"name": "Her campaign", "kind": "organisation",
                                 "aliases": "[]", "merged_into": clinton}).last_pk
    camp = db["speakers"].insert({"name": "Clinton camp", "kind": "organisation",
                                  "aliases": "[]", "merged_into": clinton}).last_pk
    db.execute("delete from _sqlite_migrations where name = 'm040_descriptor_merges_local'")
    db.conn.commit()
    db.conn.close()
    db = storage.connect(path)  # applies the migration again
    assert db["speakers"].get(her)["merged_into"] is None
    assert db["speakers"].get(camp)["merged_into"] == clinton  # a name stays merged
    assert json.loads(db["speakers"].get(clinton)["aliases"]) == ["Clinton camp"]
    db.conn.close()
