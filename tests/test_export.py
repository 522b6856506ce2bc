import csv
import io

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
    assert (row["status"], row["reviewer"], row["dispute_reason"]) == ("disputed", "ana", "misquote")
    assert row["note"].startswith("'=")
    assert row["outlet"] == "Agence France Presse"
    assert row["url"] == f"http://wb/quotes/{first}"
    assert seed_text[int(row["start"]):int(row["end"])] == row["quote"]
    disputed = _read(fresh_db, QuoteFilter(status="disputed"))
    assert [r["id"] for r in disputed] == [str(first)]
