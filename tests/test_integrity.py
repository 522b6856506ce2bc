"""The database survives a killed batch ingest, and backups restore what they saved."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from workbench import db as storage
from workbench.backup import BackupError, restore, validate

NAMES = ["Ann Lee", "Bo Diaz", "Cy Park", "Di Moss", "Ed Wynn", "Flo Reyes", "Gus Tan"]


def write_articles(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        paras = [f"Council report number {i}", f"Date: 2024-03-{i % 28 + 1:02d}"]
        for j in range(60):
            name = NAMES[(i + j) % len(NAMES)]
            paras.append(f'"Item {i}-{j} on the budget is not settled yet," said {name}, '
                         f"a councillor. {name} added that the vote on item {j} was delayed.")
        (folder / f"article-{i:04d}.txt").write_text("\n\n".join(paras), encoding="utf-8")


def _flask(db_path: Path, instance: Path, *args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "WORKBENCH_DB": str(db_path), "WORKBENCH_INSTANCE": str(instance),
           "WORKBENCH_SECRET_KEY": "test"}
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True, **kw)


def _articles(db_path: Path) -> int:
    try:
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("select count(*) from articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _by_hash(db_path: Path) -> dict[str, int]:
    conn = sqlite3.connect(db_path)
    try:
        return dict(conn.execute(
            "select a.content_hash, count(q.id) from articles a "
            "left join quotes q on q.article_id = a.id group by a.id"))
    finally:
        conn.close()


@pytest.mark.slow
def test_killed_batch_ingest_leaves_a_sound_db_and_a_rerun_completes(tmp_path):
    folder = tmp_path / "batch"
    count = 120
    write_articles(folder, count)
    db_path, instance = tmp_path / "killed.db", tmp_path / "instance"

    # --no-check: this is about the ingest's own transactions; 120 near-identical articles
    # would spend minutes matching every quote against every other article.
    proc = _flask(db_path, instance, "ingest", "--no-check", str(folder))
    deadline = time.monotonic() + 120
    while _articles(db_path) < 5 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "the batch finished before it could be killed: make it longer"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    try:  # the extraction workers it had started go too (they never write)
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    done = _articles(db_path)
    assert 5 <= done < count

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # Each stored article is whole: no article without its quotes.
        assert conn.execute("select count(*) from articles a where not exists "
                            "(select 1 from quotes q where q.article_id = a.id)").fetchone()[0] == 0
    finally:
        conn.close()

    rerun = _flask(db_path, instance, "ingest", "--no-check", str(folder))
    out = rerun.communicate(timeout=300)[0].decode()
    assert rerun.returncode == 0, out
    assert f"{count - done} added, {done} already present, 0 failed" in out

    reference = tmp_path / "clean.db"
    clean = _flask(reference, instance, "ingest", "--no-check", str(folder))
    assert clean.wait(300) == 0
    assert _by_hash(db_path) == _by_hash(reference)  # same articles, same quotes, no duplicates
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("select count(*), count(distinct content_hash) from articles"
                            ).fetchone() == (count, count)
        assert conn.execute("select count(*) from (select start, article_id from quotes "
                            "group by article_id, start, end having count(*) > 1)"
                            ).fetchone()[0] == 0
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def _verdict(db_path, quote_id: int, status: str) -> None:
    from workbench.review import Verdict, set_verdict

    db = storage.connect(db_path, migrate=False)
    try:
        set_verdict(db, quote_id, Verdict(status, note="x"), "tester")
    finally:
        db.conn.close()


def test_backup_and_restore(app, client, runner, tmp_path, seed_text):
    assert client.post("/articles", data={"text": seed_text}).status_code == 303
    db_path = Path(app.config["DATABASE"])
    _verdict(db_path, 1, "verified")
    backup_file = tmp_path / "saved.db"

    # A backup while another connection holds an open write transaction.
    busy = storage.connect(db_path, migrate=False)
    busy.conn.execute("BEGIN IMMEDIATE")
    busy.conn.execute("update quotes set note = 'uncommitted' where id = 1")
    result = runner.invoke(args=["backup", str(backup_file)])
    busy.conn.rollback()
    busy.conn.close()
    assert result.exit_code == 0, result.output
    saved = validate(backup_file)
    assert saved["quotes"] > 0 and saved["review_log"] == 1
    assert runner.invoke(args=["backup", str(backup_file)]).exit_code != 0  # no overwrite
    assert runner.invoke(args=["backup", "--force", str(backup_file)]).exit_code == 0
    result = runner.invoke(args=["backup", str(tmp_path / "nightly") + "/"])
    assert result.exit_code == 0, result.output
    assert [p.name.startswith("workbench-") for p in (tmp_path / "nightly").iterdir()] == [True]

    _verdict(db_path, 2, "disputed")  # made after the backup: the restore drops it
    result = runner.invoke(args=["restore", "--yes", str(backup_file)])
    assert result.exit_code == 0, result.output
    aside = Path(result.output.split("kept at ")[1].strip())
    assert validate(aside)["review_log"] == 2  # the replaced database, kept whole
    db = storage.connect(db_path, migrate=False)
    try:
        assert [r["quote_id"] for r in db.query("select quote_id from review_log")] == [1]
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("select count(*) from users").fetchone()[0] == 3
    finally:
        db.conn.close()
    # The running app sees the restored data.
    page = client.get("/quotes/2").get_data(as_text=True)
    assert "status-disputed" not in page.split("<h2>In context</h2>")[0]


def test_restore_refuses_what_is_not_a_workbench_database(app, runner, tmp_path):
    db_path = Path(app.config["DATABASE"])
    before = db_path.read_bytes()
    text = tmp_path / "notes.db"
    text.write_text("hello")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table t (x)")
    conn.commit()
    conn.close()
    damaged = tmp_path / "damaged.db"
    runner.invoke(args=["backup", str(damaged)])
    raw = bytearray(damaged.read_bytes())
    raw[4096 + 100: 4096 + 4000] = os.urandom(3900)  # scribble over the second page
    damaged.write_bytes(bytes(raw))
    for bad, why in [(text, "not an SQLite database"), (other, "not a workbench database"),
                     (damaged, ""), (db_path, "the database itself")]:
        result = runner.invoke(args=["restore", "--yes", str(bad)])
        assert result.exit_code != 0, bad
        assert why in result.output, result.output
        with pytest.raises(BackupError):
            restore(db_path, bad)
    assert not list(db_path.parent.glob("*.before-restore-*"))
    assert db_path.read_bytes() == before


def test_background_checkpointer_keeps_the_wal_small(tmp_path):
    db_path = tmp_path / "ckpt.db"
    db = storage.connect(db_path, background_checkpoint=True)
    checkpointer = storage.Checkpointer(db_path, interval=0.05)
    checkpointer.start()
    try:
        assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == \
            storage.BACKGROUND_AUTOCHECKPOINT
        for i in range(300):
            with storage.write_transaction(db):
                db.execute("insert into articles (text, content_hash, ingested_at) "
                           "values (?, ?, 'now')", [f"text {i}", f"h{i}"])
        # The rows reach the database file itself (read ignoring the WAL), with no
        # checkpoint run by a commit (the autocheckpoint is far above 300 writes).
        deadline, in_file = time.monotonic() + 10, 0
        while time.monotonic() < deadline and in_file < 300:
            time.sleep(0.05)
            conn = sqlite3.connect(f"{db_path.as_uri()}?immutable=1", uri=True)
            try:
                in_file = conn.execute("select count(*) from articles").fetchone()[0]
            except sqlite3.DatabaseError:
                in_file = 0
            finally:
                conn.close()
        assert in_file == 300
    finally:
        checkpointer.stop()
        checkpointer.join(5)
        db.conn.close()
    assert not checkpointer.is_alive()
