import sqlite3

import pytest

from workbench import db as storage


def test_schema_is_created_by_migrations(fresh_db):
    tables = set(fresh_db.table_names())
    assert {"articles", "quotes", "speakers", "review_log", "_sqlite_migrations"} <= tables
    assert "quotes_fts" in tables
    assert [m.name for m in storage.migrations.applied(fresh_db)][0] == "m001_initial"
    cols = fresh_db["quotes"].columns_dict
    for name in ("start", "end", "speaker_start", "cue_start", "status", "version", "confidence"):
        assert name in cols


def test_file_database_uses_wal_and_reopens_without_reapplying(tmp_path):
    path = tmp_path / "sub" / "wb.db"
    db = storage.connect(path)
    assert db.journal_mode == "wal"
    applied = storage.migrations.applied(db)
    db["articles"].insert({"text": "x", "content_hash": "h", "ingested_at": "t"})
    db.conn.close()
    again = storage.connect(path)
    assert storage.migrations.applied(again) == applied
    assert again["articles"].count == 1


def test_pending_migration_upgrades_an_existing_database(tmp_path):
    path = tmp_path / "wb.db"
    storage.connect(path).conn.close()
    extra = storage.Migrations("workbench")
    for m in storage.migrations._migrations:
        extra._migrations.append(m)

    @extra()
    def m999_add_column(db):
        db["articles"].add_column("language", str)

    db = storage.connect(path, migrate=False)
    extra.apply(db)
    assert "language" in db["articles"].columns_dict
    assert [m.name for m in extra.applied(db)][-1] == "m999_add_column"


def test_review_log_is_append_only(fresh_db):
    fresh_db["articles"].insert({"id": 1, "text": "t", "content_hash": "h", "ingested_at": "x"})
    fresh_db["quotes"].insert({"id": 1, "article_id": 1, "start": 0, "end": 1, "text": "t",
                               "kind": "direct"})
    fresh_db["review_log"].insert({"quote_id": 1, "action": "verdict", "at": "now"})
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        fresh_db.execute("update review_log set note = 'rewritten'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        fresh_db.execute("delete from review_log")


def test_duplicate_content_hash_is_refused_by_the_schema(fresh_db):
    fresh_db["articles"].insert({"text": "a", "content_hash": "same", "ingested_at": "x"})
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db["articles"].insert({"text": "b", "content_hash": "same", "ingested_at": "y"})


def test_progress_by_article_reads_an_index_alone(fresh_db):
    plan = " ".join(r["detail"] for r in fresh_db.query(
        "explain query plan select a.id, count(q.id), sum(q.status = 'verified')"
        " from articles a join quotes q on q.article_id = a.id group by a.id"))
    assert "COVERING INDEX idx_quotes_article_id_status" in plan, plan
    names = {r["name"] for r in fresh_db.query("select name from sqlite_master where type = 'index'")}
    assert "idx_quotes_status" not in names  # (status, article_id, start) serves status


def test_connect_applies_every_migration_set(tmp_path):
    """A connection from db.connect is fully migrated, the accounts set included: a CLI
    or script that opens the database needs no second step before users can sign in."""
    db = storage.connect(tmp_path / "full.db")
    try:
        sets = {r[0] for r in db.execute("select migration_set from _sqlite_migrations")}
        assert sets == {m.name for m in storage.MIGRATION_SETS}
        assert {"workbench", "workbench-accounts"} <= sets
        assert {"users", "sessions"} <= set(db.table_names())
    finally:
        db.conn.close()
