"""`python -m workbench batch` on a Dask cluster gives what `extract --jsonl` gives, and
`flask --app app import` brings its output into the workbench once."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from workbench import db as storage
from workbench import records
from workbench.batch import BatchError, run_batch
from workbench.batch_import import BatchImportError, import_batch
from workbench.documents import from_text
from workbench.ingest import store
from workbench.extract import extract

ROOT = Path(__file__).resolve().parents[1]
SEED_GOLD = ROOT / "tests" / "data" / "seed_gold.jsonl"
CORRUPT = '{"id": "broken", "text": "He said'  # a line cut off mid-record


def _articles(n: int, seed: int = 14) -> list[dict]:
    """Varied news-like articles: several speakers, cue verbs, quote marks and layouts."""
    rnd = random.Random(seed)
    people = [("Prime Minister", "Helen Marsh"), ("Senator", "Omar Diallo"),
              ("Mayor", "Zoë Lindqvist"), ("Chancellor", "Pieter de Vries"),
              ("spokeswoman", "Ana Gómez")]
    cues = ["said", "told reporters", "added", "warned", "insisted"]
    claims = ["the budget will be balanced by next year", "nobody was consulted",
              "talks with the unions have stalled", "the bridge is unsafe",
              "prices rose faster than wages"]
    out = []
    for i in range(n):
        paras = [f"Story {i}: {rnd.choice(claims).capitalize()}"]
        for _ in range(rnd.randint(1, 5)):
            role, name = rnd.choice(people)
            claim, cue = rnd.choice(claims), rnd.choice(cues)
            form = rnd.randrange(4)
            if form == 0:
                paras.append(f'"{claim.capitalize()}," {cue} {role} {name}.')
            elif form == 1:
                paras.append(f"{role.capitalize()} {name} {cue} that {claim}.")
            elif form == 2:
                paras.append(f"“{claim.capitalize()},” {name.split()[-1]} {cue}. "
                             f"“We will see.”")
            else:
                paras.append(f"According to {name}, {claim}.")
        sep = "\r\n\r\n" if i % 7 == 3 else "\n\n"  # Windows line ends stay as they are
        rec = {"id": i if i % 5 == 0 else f"gen-{i}", "text": sep.join(paras)}
        if i % 3:
            rec.update(title=paras[0], outlet=rnd.choice(["Daily Bugle", "Le Monde"]),
                       date=f"2024-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}")
        out.append(rec)
    return out


@pytest.fixture(scope="module")
def scheduler():
    """A local cluster of 2 worker processes, shared by the tests of this module."""
    import logging

    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The seed article, a corrupt line, blank and text-less lines and generated articles."""
    path = tmp_path_factory.mktemp("in") / "archive.jsonl"
    lines = [SEED_GOLD.read_text(encoding="utf-8").strip()]
    gen = [json.dumps(a, ensure_ascii=i % 2 == 0) for i, a in enumerate(_articles(40))]
    lines += gen[:10] + [CORRUPT, "", json.dumps({"id": "no-text"})] + gen[10:]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def expected(archive) -> str:
    """What the single-process command writes for the archive."""
    return _single_process(archive)[0]


def _single_process(path: Path) -> tuple[str, str]:
    proc = subprocess.run([sys.executable, "-m", "workbench", "extract", "--jsonl", str(path)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                          timeout=120, check=True)
    return proc.stdout, proc.stderr


def _jsonl_output(outdir: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(outdir.glob("part-*.jsonl")))


def _tables(outdir: Path) -> dict:
    return {t: pq.read_table(outdir / t).to_pylist() for t in ("articles", "quotes", "speakers")}


def test_cli_on_two_local_workers_writes_the_single_process_lines(archive, expected, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "workbench", "batch", "--workers", "2", "--format", "jsonl",
         "--partition-size", "7", str(archive), str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len(list(out.glob("part-*.jsonl"))) == 7  # 44 lines in partitions of 7
    assert _jsonl_output(out) == expected
    # The corrupt line (line 12) and the text-less one are reported and skipped.
    assert f"skipped {archive}:12: bad JSON" in proc.stderr
    assert f"skipped {archive}:14: no text" in proc.stderr
    assert "41 articles" in proc.stderr and "3 skipped lines" in proc.stderr


@pytest.mark.parametrize("size", [3, 100])
def test_jsonl_output_is_the_same_for_any_partition_size(archive, expected, tmp_path, scheduler,
                                                         size):
    summary = run_batch([archive], tmp_path / "out", fmt="jsonl", scheduler=scheduler,
                        partition_size=size, progress=False, report=lambda msg: None)
    assert _jsonl_output(tmp_path / "out") == expected
    assert summary.partitions_done == -(-44 // size) and not summary.partitions_failed
    assert [where for where, _ in summary.problems] == [
        f"{archive}:12", f"{archive}:13", f"{archive}:14"]


def test_parquet_tables_hold_the_predictions_whatever_the_partitions(archive, expected,
                                                                      tmp_path, scheduler):
    run = dict(scheduler=scheduler, progress=False, report=lambda msg: None)
    run_batch([archive], tmp_path / "a", partition_size=3, **run)
    run_batch([archive], tmp_path / "b", partition_size=50, **run)
    tables = _tables(tmp_path / "a")
    assert tables == _tables(tmp_path / "b")

    predictions = [json.loads(line) for line in expected.splitlines()]
    inputs = archive.read_text(encoding="utf-8").splitlines()
    articles = tables["articles"]
    # Every line with a text is an article, in input order; the problem lines are not.
    assert [a["seq"] for a in articles] == [i for i in range(44) if i not in (11, 12, 13)]
    for article in articles:
        pred, given = predictions[article["seq"]], json.loads(inputs[article["seq"]])
        assert article["text"] == given["text"]
        assert article["id"] == (given["id"] if isinstance(given["id"], str)
                                 else json.dumps(given["id"]))
        assert (article["title"], article["date"]) == (given.get("title"), given.get("date"))
        quotes = [q for q in tables["quotes"] if q["article_seq"] == article["seq"]]
        assert [q["n"] for q in quotes] == list(range(len(pred["quotes"]))) \
            == list(range(article["quotes"]))
        for got, want in zip(quotes, pred["quotes"]):
            assert {k: got[k] for k in want} == want
    seed_speakers = {s["name"] for s in tables["speakers"] if s["article_seq"] == 0}
    assert seed_speakers >= {"Sergei Lavrov", "Vladimir Putin", "David Cameron"}
    assert sum(a["quotes"] for a in articles) == len(tables["quotes"]) > 100


def test_parquet_input_gives_the_lines_of_the_same_jsonl(tmp_path, scheduler):
    rows = _articles(12, seed=3)
    jsonl = tmp_path / "same.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    ids_as_text = [{**r, "id": str(r["id"])} for r in rows]  # one type per Parquet column
    pq.write_table(pa.Table.from_pylist(ids_as_text[:5]), folder / "a.parquet")
    pq.write_table(pa.Table.from_pylist(ids_as_text[5:]), folder / "b.parquet")
    run_batch([folder], tmp_path / "out", fmt="jsonl", scheduler=scheduler, partition_size=4,
              progress=False)
    expected = "".join(json.dumps({**json.loads(line), "id": str(json.loads(line)["id"])},
                                  ensure_ascii=False) + "\n"
                       for line in _single_process(jsonl)[0].splitlines())
    assert _jsonl_output(tmp_path / "out") == expected


def test_rerun_resumes_and_refuses_other_inputs(archive, expected, tmp_path, scheduler):
    out = tmp_path / "out"
    run = dict(fmt="jsonl", scheduler=scheduler, partition_size=10, progress=False,
               report=lambda msg: None)
    first = run_batch([archive], out, **run)
    assert (first.partitions_done, first.partitions_resumed) == (5, 0)
    # An interrupted run: partition 2 never finished, a half-written file was left behind.
    (out / "_done" / "part-000002.json").unlink()
    (out / "part-000002.jsonl").write_text("half a li", encoding="utf-8")
    second = run_batch([archive], out, **run)
    assert (second.partitions_done, second.partitions_resumed) == (5, 4)
    assert (second.articles, second.quotes) == (first.articles, first.quotes)
    assert _jsonl_output(out) == expected

    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": 1, "text": "Quiet day."}) + "\n", encoding="utf-8")
    with pytest.raises(BatchError, match="other inputs"):
        run_batch([other], out, **run)
    with pytest.raises(BatchError, match="no such file"):
        run_batch([tmp_path / "missing.jsonl"], tmp_path / "x", **run)
    with pytest.raises(BatchError, match="cannot reach the Dask scheduler"):
        run_batch([archive], tmp_path / "z", scheduler="no-port-here", progress=False)
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not a Parquet file")
    with pytest.raises(BatchError, match="not a readable Parquet file"):
        run_batch([tmp_path / "bad.parquet"], tmp_path / "y", **run)


def test_a_failing_article_is_reported_and_the_rest_kept(monkeypatch):
    def explode(text):
        if "boom" in text:
            raise RecursionError("too deep")
        return extract(text)

    monkeypatch.setattr(records, "extract", explode)
    bad, extraction = records.run(records.parse_line(json.dumps({"id": "x", "text": "boom"})))
    assert extraction is None and bad.problem == "extraction failed (RecursionError: too deep)"
    assert records.prediction_line(bad, None) == '{"id": "x", "quotes": []}\n'
    good, extraction = records.run(records.parse_line(
        json.dumps({"id": "y", "text": '"Fine," said Ann Lee.'})))
    assert good.problem is None and extraction.quotes[0].speaker == "Ann Lee"


def _counts(db) -> dict:
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("select count(*) from articles"),
        "quotes": one("select count(*) from quotes"),
        "speakers": one("select count(*) from speakers"),
        "fts": one("select count(*) from quotes_fts"),
        "unreviewed": one("select n from quote_status_counts where status = 'unreviewed'"),
    }


def test_import_into_a_fresh_database_and_again_adds_nothing(archive, tmp_path, scheduler,
                                                             seed_text):
    out = tmp_path / "out"
    run_batch([archive], out, scheduler=scheduler, partition_size=8, progress=False,
              report=lambda msg: None)
    tables = _tables(out)
    texts = {a["text"] for a in tables["articles"]}
    db = storage.connect(tmp_path / "wb.db")
    seen = []
    summary = import_batch(db, out, on_article=lambda: seen.append(1), quotes_per_commit=50)
    assert len(seen) == len(tables["articles"]) == 41
    assert summary.added == len(texts) and summary.duplicates == 41 - len(texts)
    counts = _counts(db)
    assert counts["articles"] == len(texts)
    assert counts["quotes"] == counts["fts"] == counts["unreviewed"] == summary.quotes > 100
    # A quote is found by the search index and points into its stored text.
    row = db.execute("select q.text, q.start, q.end, a.text from quotes q "
                     "join quotes_fts f on f.rowid = q.id join articles a on a.id = q.article_id "
                     "where quotes_fts match 'unsafe' limit 1").fetchone()
    assert row and row[3][row[1]:row[2]] == row[0]

    again = import_batch(db, out)
    assert (again.added, again.quotes, again.duplicates) == (0, 0, 41)
    assert _counts(db) == counts

    # Speakers are resolved as ingest resolves them: the seed ingested by hand lands on
    # the same speaker rows and adds none.
    ingest_db = storage.connect(":memory:")
    doc = from_text(seed_text)
    store(ingest_db, doc, extract(doc.text))
    seed_names = {r[0] for r in ingest_db.execute("select name from speakers")}
    imported = {r[0] for r in db.execute(
        "select s.name from quotes q join speakers s on s.id = q.speaker_id "
        "join articles a on a.id = q.article_id where a.filename = 'seed'")}
    assert imported and imported <= seed_names


def test_import_cli_prints_rates_and_refuses_jsonl_output(archive, tmp_path, scheduler,
                                                          runner, app):
    out = tmp_path / "out"
    run_batch([archive], out, scheduler=scheduler, partition_size=20, progress=False,
              report=lambda msg: None)
    result = runner.invoke(args=["import", str(out)])
    assert result.exit_code == 0, result.output
    assert "articles added (" in result.output and "quotes (" in result.output
    db = storage.connect(app.config["DATABASE"], migrate=False)
    assert db.execute("select count(*) from articles").fetchone()[0] > 0

    jsonl_out = tmp_path / "jsonl"
    shutil.copytree(out, jsonl_out)
    manifest = json.loads((jsonl_out / "_batch.json").read_text())
    (jsonl_out / "_batch.json").write_text(json.dumps({**manifest, "format": "jsonl"}))
    result = runner.invoke(args=["import", str(jsonl_out)])
    assert result.exit_code != 0 and "--format parquet" in result.output
    with pytest.raises(BatchImportError, match="not the output folder"):
        import_batch(db, tmp_path)


def test_import_skips_an_article_whose_quotes_miss_its_text_and_refuses_foreign_files(
        archive, tmp_path, scheduler):
    out = tmp_path / "out"
    run_batch([archive], out, scheduler=scheduler, partition_size=100, progress=False,
              report=lambda msg: None)
    quotes_file = out / "quotes" / "part-000000.parquet"
    quotes = pq.read_table(quotes_file)
    rows = quotes.to_pylist()
    rows[0]["end"] += 10_000  # a tampered offset, past the end of the seed's text
    pq.write_table(pa.Table.from_pylist(rows, schema=quotes.schema), quotes_file)
    db = storage.connect(tmp_path / "wb.db")
    summary = import_batch(db, out)
    assert [where for where, _ in summary.skipped] == [f"{archive}:1"]
    assert "does not match the article text" in summary.skipped[0][1]
    assert summary.added == len({a["text"] for a in _tables(out)["articles"]}) - 1
    assert db.execute("select count(*) from articles where filename = 'seed'").fetchone()[0] == 0

    pq.write_table(pa.table({"article_seq": [0], "text": ["x"]}), quotes_file)
    with pytest.raises(BatchImportError, match="not a quotes table"):
        import_batch(db, out)
    quotes_file.write_bytes(b"PAR1 not really")
    with pytest.raises(BatchImportError, match="cannot be read"):
        import_batch(db, out)


def test_a_client_whose_event_loop_did_not_start_is_tried_again():
    from workbench.batch import BatchError, _started

    tries = []

    class Flaky:
        def __init__(self, address, timeout=None):
            tries.append(address)
            if len(tries) < 3:
                raise AssertionError  # distributed's LoopRunner: "assert loop is not None"

    assert isinstance(_started(Flaky, "tcp://127.0.0.1:1", timeout="1s"), Flaky)
    assert len(tries) == 3
    tries.clear()

    class Broken:
        def __init__(self, *args, **kwargs):
            tries.append(1)
            raise AssertionError

    with pytest.raises(BatchError, match="event loop"):
        _started(Broken, "tcp://127.0.0.1:1")
    assert len(tries) == 3


def test_the_parquet_schema_holds_every_field_of_a_quote_and_a_speaker():
    # the rows are the extractor's objects field for field, and the import rebuilds them from the row
    import dataclasses

    from workbench.batch import schemas
    from workbench.extract import Quote, Speaker

    tables = schemas()
    for table, cls in (("quotes", Quote), ("speakers", Speaker)):
        assert {f.name for f in dataclasses.fields(cls)} <= set(tables[table].names), table
