import csv
import io
import json

import pytest

from workbench.documents import from_text
from workbench.export import COLUMNS, iter_csv, neutralise
from workbench.ingest import ingest_document
from workbench.queries import QuoteFilter
from workbench.review import Verdict, set_verdict


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("plain", "plain"), (5, 5), (None, None),
])
def test_formula_cells_are_neutralised(value, expected):
    assert neutralise(value) == expected


def _read(db, filt):
    text = "".join(iter_csv(db, filt, lambda i: f"http://wb/quotes/{i}"))
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_row_per_quote_with_review_fields(fresh_db, seed_text):
    ingest_document(fresh_db, from_text(seed_text))
    first = fresh_db.execute("select min(id) from quotes").fetchone()[0]
    set_verdict(fresh_db, first, Verdict("disputed", note="=cmd|' /C calc'!A0",
                                         reason="misquote"), "ana")
    rows = _read(fresh_db, QuoteFilter())
    assert len(rows) == fresh_db["quotes"].count
    assert list(rows[0].keys()) == COLUMNS
    row = next(r for r in rows if r["id"] == str(first))
    assert (row["status"], row["reviewer"], row["dispute_reason"]) == ("disputed", "ana", "Misquote")
    assert row["note"].startswith("'=")
    assert row["outlet"] == "Agence France Presse"
    assert row["workbench_url"] == f"http://wb/quotes/{first}"
    assert seed_text[int(row["start"]):int(row["end"])] == row["quote"]
    disputed = _read(fresh_db, QuoteFilter(status="disputed"))
    assert [r["id"] for r in disputed] == [str(first)]


# --- issue 10: what an editor needs, BOM, JSON Lines, the command line ---------------------

WIRE = ("Ferry vote delayed\n\nPORT AVALON (AP) \u2014 The council met on Friday. "
        "\"We cannot sign a cheque this size on trust alone,\" said councillor Edwin Marsh, "
        "who chairs the finance committee. Mr. Marsh left early.\n\nCouncil leader Priya "
        "Anand told reporters the vote would be held within a month.\n")


@pytest.fixture
def wire_db(fresh_db):
    doc = from_text(WIRE)
    doc.url = "https://gazette.example/ferry"
    doc.published = "2026-03-14"
    ingest_document(fresh_db, doc)
    return fresh_db


def _marsh(rows):
    return next(r for r in rows if r["quote"].startswith('"We cannot'))


def test_rows_carry_the_article_speaker_role_and_sentence(wire_db):
    from workbench.ratings import set_rating

    set_rating(wire_db, _marsh(_read(wire_db, QuoteFilter()))["id"], "mostly_true", "rev")
    rows = _read(wire_db, QuoteFilter())
    row = _marsh(rows)
    assert row["rating"] == "Mostly true"
    assert len(rows) > 1 and {r["rating"] for r in rows if r is not row} == {""}
    assert (row["article_url"], row["outlet"], row["date"]) == (
        "https://gazette.example/ferry", "Associated Press", "2026-03-14")
    assert (row["speaker"], row["speaker_role"]) == ("Edwin Marsh", "councillor")
    # The whole sentence around the quote: not the one before, not "Mr. Marsh left early".
    assert row["context"] == ('"We cannot sign a cheque this size on trust alone," said '
                              "councillor Edwin Marsh, who chairs the finance committee.")


@pytest.mark.parametrize("text, quote, expected", [
    ("A b. \"Yes,\" said Dr. Ray Lo of the U.S. Navy. Next one.", "\"Yes,\"",
     "\"Yes,\" said Dr. Ray Lo of the U.S. Navy."),
    ("First line\nSecond \"here\" line\nThird", "\"here\"", "Second \"here\" line"),
    ("\"Go!\" she said. \"Now.\"", "\"Go!\"", "\"Go!\" she said."),
    ("No stop at all \"x\" in this", "\"x\"", "No stop at all \"x\" in this"),
])
def test_context_is_the_sentence_around(text, quote, expected):
    from workbench.export import context, sentence_starts

    start = text.index(quote)
    assert context(text, sentence_starts(text), start, start + len(quote)) == expected


def test_bom_on_request_only(wire_db):
    plain = "".join(iter_csv(wire_db, QuoteFilter()))
    excel = "".join(iter_csv(wire_db, QuoteFilter(), bom=True))
    assert plain.startswith("id,") and excel == "\ufeff" + plain


def test_jsonl_one_object_per_quote(wire_db):
    from workbench.export import iter_jsonl

    lines = "".join(iter_jsonl(wire_db, QuoteFilter(), lambda i: f"http://wb/quotes/{i}"))
    records = [json.loads(line) for line in lines.splitlines()]
    assert len(records) == wire_db["quotes"].count
    assert sorted(records[0]) == sorted(COLUMNS)
    marsh = _marsh(records)
    assert marsh["speaker_role"] == "councillor" and isinstance(marsh["start"], int)
    assert marsh["workbench_url"] == f"http://wb/quotes/{marsh['id']}"


def test_csv_and_jsonl_come_in_chunks(wire_db, monkeypatch):
    """A download starts before the last row is read: chunks of CHUNK_ROWS rows."""
    from workbench import export

    for n in range(3):
        ingest_document(wire_db, from_text(WIRE.replace("Friday", f"day {n}")))
    monkeypatch.setattr(export, "CHUNK_ROWS", 2)
    total = wire_db["quotes"].count
    chunks = list(export.iter_csv(wire_db, QuoteFilter()))
    assert len(chunks) == total // 2 + 1
    assert chunks[0].count("\n") == 3  # the header and two rows
    assert "".join(chunks).count("\n") == total + 1
    assert len(list(export.iter_jsonl(wire_db, QuoteFilter()))) == total // 2 + 1


def test_cli_export_csv_jsonl_filters_and_file(app, runner, client, seed_text, tmp_path):
    assert client.post("/articles", data={"text": seed_text}).status_code == 303
    from workbench import db as storage

    db = storage.connect(app.config["DATABASE"], migrate=False)
    qid = db.execute("select min(id) from quotes").fetchone()[0]
    db.conn.close()
    client.post(f"/quotes/{qid}/verdict", data={"status": "disputed", "reason": "misquote",
                                                  "version": "1"})
    out = runner.invoke(args=["export", "--status", "disputed"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert [(r["id"], r["dispute_reason"]) for r in rows] == [(str(qid), "Misquote")]
    target = tmp_path / "claims.csv"
    done = runner.invoke(args=["export", "--bom", "-o", str(target),
                               "--base-url", "https://wb.example/"])
    assert done.exit_code == 0, done.output
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["workbench_url"] == f"https://wb.example/quotes/{rows[0]['id']}"
    jsonl = runner.invoke(args=["export", "--format", "jsonl", "--kind", "direct"])
    kinds = {json.loads(line)["kind"] for line in jsonl.output.splitlines()}
    assert kinds == {"direct"}
    for bad in (["--status", "bogus"], ["--format", "jsonl", "--bom"], ["--speaker", "x"]):
        result = runner.invoke(args=["export", *bad])
        assert result.exit_code == 2, (bad, result.output)


def test_ui_excel_and_jsonl_downloads(client, seeded):
    excel = client.get("/export.csv?bom=1&kind=direct")
    assert excel.status_code == 200 and excel.data.startswith(b"\xef\xbb\xbf")
    assert 'filename="claims-kind-direct.csv"' in excel.headers["Content-Disposition"]
    jsonl = client.get("/export.jsonl?kind=direct")
    assert jsonl.status_code == 200 and jsonl.mimetype == "application/jsonl"
    records = [json.loads(line) for line in jsonl.get_data(as_text=True).splitlines()]
    assert records and {r["kind"] for r in records} == {"direct"}
    assert client.get("/export.jsonl?status=bogus").status_code == 400
    page = client.get("/quotes?kind=direct").get_data(as_text=True)
    assert "/export.csv?bom=1&amp;kind=direct" in page and "/export.jsonl?kind=direct" in page


def test_a_quote_reported_through_an_outlet_exports_the_person_and_the_outlet(fresh_db):
    ingest_document(fresh_db, from_text("Ann Cole said the pier would reopen in May, the Gazette reported.\n\n"
                                        "Tom Reed said the pier was safe."))
    rows = {r["quote"]: r for r in _read(fresh_db, QuoteFilter())}
    assert (rows["the pier would reopen in May"]["speaker"],
            rows["the pier would reopen in May"]["reported_by"]) == ("Ann Cole", "the Gazette")
    assert rows["the pier was safe"]["reported_by"] == ""
