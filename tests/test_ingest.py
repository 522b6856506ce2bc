import json

import pytest

from workbench import db as storage
from workbench.documents import from_text
from workbench.ingest import DuplicateArticle, ingest_document, ingest_paths, iter_paths

# Scored seed quotes (gold, non-optional) that the foundation must find with the right person.
MIN_SEED_QUOTES_RIGHT = 8


def _last(name):
    return (name or "").split()[-1].lower() if name else ""


def test_seed_ingest_finds_quotes_with_resolved_people(fresh_db, seed_text, seed_gold):
    result = ingest_document(fresh_db, from_text(seed_text, "seed.txt"))
    rows = list(fresh_db.query(
        "select q.*, s.name as speaker from quotes q left join speakers s on s.id = q.speaker_id"))
    assert result.quotes == len(rows) > 0
    right = 0
    for gold in (g for g in seed_gold["quotes"] if not g["optional"]):
        g_chars = set(range(gold["start"], gold["end"]))
        for r in rows:
            overlap = len(g_chars & set(range(r["start"], r["end"])))
            if overlap >= 0.3 * len(g_chars) and overlap >= 0.3 * (r["end"] - r["start"]) \
                    and _last(r["speaker"]) == _last(gold["speaker_canonical"]):
                right += 1
                break
    assert right >= MIN_SEED_QUOTES_RIGHT
    for r in rows:  # offsets point into the stored text
        assert seed_text[r["start"]:r["end"]] == r["text"]
        for s, e in json.loads(r["fragments"]):
            assert r["start"] <= s < e <= r["end"]
    names = {r["name"] for r in fresh_db["speakers"].rows}
    assert {"Vladimir Putin", "David Cameron", "Sergei Lavrov"} <= names


def test_reingesting_the_same_text_is_refused(fresh_db, seed_text):
    first = ingest_document(fresh_db, from_text(seed_text))
    with pytest.raises(DuplicateArticle) as info:
        ingest_document(fresh_db, from_text(seed_text + "\n\n"))
    assert info.value.article_id == first.article_id
    assert fresh_db["articles"].count == 1


def test_a_failed_write_leaves_no_half_article(fresh_db, seed_text, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(type(fresh_db["quotes"]), "insert_all", boom)
    with pytest.raises(RuntimeError):
        ingest_document(fresh_db, from_text(seed_text))
    assert fresh_db["articles"].count == 0
    assert fresh_db["speakers"].count == 0
    assert not fresh_db.conn.in_transaction


def test_speakers_are_shared_across_articles_with_aliases_merged(fresh_db):
    a = 'Headline one\n\n"We will not retreat," said Russian President Vladimir Putin.'
    b = 'Headline two\n\n"Talks are over," Vladimir Putin told reporters on Monday.'
    ingest_document(fresh_db, from_text(a))
    ingest_document(fresh_db, from_text(b))
    rows = list(fresh_db.query("select * from speakers where name = 'Vladimir Putin'"))
    assert len(rows) == 1
    assert fresh_db.execute(
        "select count(*) from quotes where speaker_id = ?", [rows[0]["id"]]).fetchone()[0] == 2


def test_batch_ingest_uses_a_pool_and_reports_each_file(tmp_path, seed_text):
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    (folder / "seed.txt").write_text(seed_text)
    (folder / "nested" / "other.md").write_text(
        'Other story\n\n"It is over," the minister said on Tuesday.')
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    (folder / "notes.pdf").write_bytes(b"%PDF")  # not a supported type: not even listed
    paths = list(iter_paths([folder]))
    assert [p.name for p in paths] == ["bad.txt", "other.md", "seed.txt"]
    db = storage.connect(tmp_path / "wb.db")
    seen = []
    results = ingest_paths(db, paths, workers=2, on_result=seen.append)
    assert seen == results
    by_name = {r.path.name: r for r in results}
    assert by_name["bad.txt"].error and "binary" in by_name["bad.txt"].error
    assert by_name["seed.txt"].ingested.quotes > 5
    assert db["articles"].count == 2
    again = ingest_paths(db, paths, workers=2)
    assert sum(r.duplicate_of is not None for r in again) == 2
    assert db["articles"].count == 2


REPORTED = ("Harbour board meets.\n\n"
            "Ann Cole said the pier would reopen in May, the Gazette reported.\n\n"
            '"We will rebuild it," Tom Reed said, according to a transcript of the meeting.')


def test_a_quote_reported_through_an_outlet_is_stored_with_the_person_and_the_outlet(fresh_db):
    ingest_document(fresh_db, from_text(REPORTED, "reported.txt"))
    rows = {r["text"]: r for r in fresh_db.query(
        "select q.text, q.reported_by, s.name as speaker from quotes q"
        " left join speakers s on s.id = q.speaker_id")}
    assert (rows["the pier would reopen in May"]["speaker"],
            rows["the pier would reopen in May"]["reported_by"]) == ("Ann Cole", "the Gazette")
    direct = rows['"We will rebuild it,"']
    assert (direct["speaker"], direct["reported_by"]) == ("Tom Reed", "a transcript")


def test_the_reported_by_migration_keeps_the_quotes_already_stored(fresh_db):
    ingest_document(fresh_db, from_text(REPORTED, "reported.txt"))
    before = list(fresh_db.query("select id, text, speaker_id from quotes order by id"))
    fresh_db.conn.execute("alter table quotes drop column reported_by")   # as before m072
    storage.m072_reported_by(fresh_db)
    assert list(fresh_db.query("select id, text, speaker_id from quotes order by id")) == before
    assert {r["reported_by"] for r in fresh_db.query("select reported_by from quotes")} == {None}
