"""``python -m workbench match --jsonl DOCS.jsonl``: source checking as a batch command.

The documents go into a throwaway in-memory workbench database and through the same code
as the web app (extract and store the articles, store the primary sources, index, match),
so the command and the app can never disagree. Offsets in the output point into the input
texts exactly as given.
"""
from __future__ import annotations

import json
from typing import IO

from . import db as storage
from . import matching
from .documents import Document, content_hash
from .extract import extract
from .ingest import store
from .passages import index_document
from .sources import KINDS, store_source


class _InputDocument(Document):
    """A document keyed by its input id, so two lines with the same text both count."""

    key: str = ""

    @property
    def content_hash(self) -> str:
        return content_hash(f"{self.key}\n{self.text}")


def _read(src: IO[str], err: IO[str]) -> tuple[list[dict], int]:
    docs, problems = [], 0
    for lineno, line in enumerate(src, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as exc:
            print(f"line {lineno}: bad JSON ({exc}); skipped", file=err)
            problems += 1
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            print(f"line {lineno}: no text; skipped", file=err)
            problems += 1
            continue
        kind = rec.get("kind") or "article"
        if kind not in ("article", "primary"):
            print(f"line {lineno}: kind must be 'article' or 'primary', not {kind!r}; skipped",
                  file=err)
            problems += 1
            continue
        source_kind = rec.get("source_kind") or "transcript"
        if kind == "primary" and source_kind not in KINDS:
            print(f"line {lineno}: source_kind must be one of {', '.join(KINDS)}; skipped", file=err)
            problems += 1
            continue
        docs.append({**rec, "kind": kind, "source_kind": source_kind, "line": lineno})
    return docs, problems


def match_jsonl(src: IO[str], out: IO[str], err: IO[str]) -> int:
    """Read documents, write one JSON line per quote of each article document.

    :returns: the exit status (0; problems are reported on ``err`` and skipped)
    """
    docs, problems = _read(src, err)
    db = storage.connect(":memory:")
    ids: dict[tuple[str, int], object] = {}  # (doc_type, row id) -> input id
    articles: list[tuple[object, int]] = []
    for rec in docs:
        doc = _InputDocument(text=rec["text"], title=rec.get("title"))
        doc.key = f"{rec['line']}"
        if rec["kind"] == "primary":
            sid = store_source(db, doc, rec["source_kind"], rec.get("speaker"))
            ids[("source", sid)] = rec.get("id")
            continue
        try:
            extraction = extract(rec["text"])
        except Exception as exc:  # one bad article never stops the others
            print(f"line {rec['line']}: extraction failed ({type(exc).__name__}: {exc})", file=err)
            problems += 1
            continue
        aid = store(db, doc, extraction).article_id
        with storage.write_transaction(db):
            index_document(db, "article", aid, rec["text"])
        ids[("article", aid)] = rec.get("id")
        articles.append((rec.get("id"), aid))
    matching.check_quotes(db, [r[0] for r in db.conn.execute("select id from quotes order by id")])
    for doc_id, aid in articles:
        for q in db.query(
                "select q.id, q.start, q.end, q.text, q.kind, q.fragments, s.name as speaker"
                " from quotes q left join speakers s on s.id = q.speaker_id"
                " where q.article_id = ? order by q.start, q.id", [aid]):
            matches = [{
                "doc": ids.get((m.doc_type, m.doc_id)),
                "kind": "primary" if m.primary else "article",
                "start": m.start, "end": m.end, "verdict": m.verdict, "score": m.score,
                "speaker": m.speaker, "speaker_agrees": m.speaker_agrees,
                "diff": [d.as_dict() for d in m.diff],
            } for m in matching.load(db, q["id"])]
            out.write(json.dumps({
                "doc": doc_id, "start": q["start"], "end": q["end"], "text": q["text"],
                "speaker": q["speaker"], "kind": q["kind"],
                "fragments": json.loads(q["fragments"] or "[]"), "matches": matches,
            }, ensure_ascii=False) + "\n")
    if problems:
        print(f"{problems} problem line(s)", file=err)
    return 0
