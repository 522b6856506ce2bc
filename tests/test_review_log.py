"""Review-log rows are written by one function, review_log.append."""
import re
from pathlib import Path

import pytest

from workbench import review_log

ROOT = Path(__file__).resolve().parent.parent / "workbench"
WRITES = re.compile(r"""into\s+review_log|\[["']review_log["']\]\.(insert|upsert)""", re.I)


def test_only_review_log_writes_the_review_log():
    writers = sorted(str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py")
                     if WRITES.search(p.read_text()))
    assert writers == ["review_log.py"]


def test_append_writes_every_row_and_leaves_missing_columns_null(fresh_db):
    db = fresh_db
    db.execute("PRAGMA foreign_keys = OFF")  # the log rows alone, no article or quote
    quote = 1
    review_log.append(db, [{"quote_id": quote, "action": "verdict", "at": "t1", "note": "a"},
                           {"quote_id": quote, "action": "undo", "at": "t2", "undoes": "b"}])
    rows = list(db.query("select action, note, undoes, snapshot from review_log order by id"))
    assert rows == [{"action": "verdict", "note": "a", "undoes": None, "snapshot": None},
                    {"action": "undo", "note": None, "undoes": "b", "snapshot": None}]


def test_append_refuses_an_unknown_column_and_writes_nothing(fresh_db):
    with pytest.raises(ValueError, match="no column mood"):
        review_log.append(fresh_db, [{"quote_id": 1, "action": "verdict", "at": "t"},
                                     {"quote_id": 1, "action": "verdict", "at": "t",
                                      "mood": "cross"}])
    assert fresh_db.execute("select count(*) from review_log").fetchone()[0] == 0
