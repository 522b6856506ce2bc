"""One input article (a JSON line or a Parquet row) -> its prediction line.

``python -m workbench extract --jsonl`` and the Dask batch both go through these functions,
so the two write the same bytes for the same input, problem lines included.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .extract import Extraction, extract, to_prediction

# Optional metadata an archive may carry next to ``id`` and ``text``.
META_FIELDS = ("title", "outlet", "date", "url")


@dataclass
class Record:
    """An input article, or the reason it is not one (``problem``)."""

    id: Any = None
    text: str | None = None
    meta: dict | None = None  # META_FIELDS present as strings
    problem: str | None = None


def from_mapping(rec: Any) -> Record:
    """The record of an already-decoded input (a JSON value or a Parquet row)."""
    if not isinstance(rec, dict):
        return Record(problem=f"no text (id={None!r})")
    doc_id, text = rec.get("id"), rec.get("text")
    if not isinstance(text, str):
        return Record(id=doc_id, problem=f"no text (id={doc_id!r})")
    meta = {k: rec[k] for k in META_FIELDS if isinstance(rec.get(k), str)}
    return Record(id=doc_id, text=text, meta=meta)


def parse_line(line: str) -> Record:
    """The record of one JSON Lines input line."""
    if not line.strip():
        return Record(problem="empty line")
    try:
        rec = json.loads(line)
    except ValueError as exc:
        return Record(problem=f"bad JSON ({exc})")
    return from_mapping(rec)


def run(record: Record) -> tuple[Record, Extraction | None]:
    """Extract the quotes of a record; a failure becomes the record's problem, never a raise."""
    if record.problem:
        return record, None
    try:
        return record, extract(record.text)
    except Exception as exc:  # one article must never stop an archive
        record.problem = f"extraction failed ({type(exc).__name__}: {exc})"
        return record, None


def prediction_line(record: Record, extraction: Extraction | None) -> str:
    """The line ``extract --jsonl`` writes for this record (newline included).

    A problem record keeps its place with an empty prediction, so output line N always
    answers input line N.
    """
    if extraction is None:
        # ``id`` is null where the line could not be read as an object at all.
        return json.dumps({"id": record.id, "quotes": []}) + "\n"
    return json.dumps(to_prediction(record.id, extraction), ensure_ascii=False) + "\n"
