"""Speed and size of source checking at archive scale.

Builds a workbench database of synthetic documents from real news sentences (the PolNeAR
train texts, read in place from ../shared; never copied): articles of 14-26 sentences in
paragraphs, twelve of whose sentences are stored as direct quotes, and one primary source
(a transcript with speaker labels) per ten documents whose turns repeat quoted sentences,
some word-for-word, some with a word changed or dropped. Every document is a different
draw of sentences, so the index sees a realistic vocabulary, not one text repeated.

Prints, for 1,000 and 10,000 documents (twelve quotes an article: 108,000 quotes at 10,000):
- the time to match one quote (index lookup + alignment + storing), p50 and p95, over a
  sample of quotes, on one core;
- the time to refresh after one new article is ingested (its paragraphs indexed, its
  quotes matched, and quotes elsewhere that it reports re-checked);
- the passage index's size (the passages table and its FTS5 tables);
- each figure's ratio to the 1,000-document run, to show how cost grows.

usage: python bench/match.py [--docs 1000 10000] [--sample 400] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from workbench import db as storage  # noqa: E402
from workbench import matching  # noqa: E402
from workbench.documents import content_hash, from_text  # noqa: E402
from workbench.ingest import ingest_document  # noqa: E402
from workbench.passages import index_document  # noqa: E402

TRAIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval",
                     "polnear_train.jsonl")
QUOTES_PER_DOC = 12
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


def sentences(path: str) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            for para in text.split("\n"):
                for s in _SENT.split(para.strip()):
                    s = s.strip().strip('"\u201c\u201d')
                    if 8 <= len(s.split()) <= 45:
                        out.append(s)
    return out


def alter(sentence: str, rng: random.Random) -> str:
    """A word changed or dropped, as a reporter might."""
    words = sentence.split()
    i = rng.randrange(1, len(words) - 1)
    if rng.random() < 0.5:
        words[i] = rng.choice(["never", "always", "certainly", "perhaps", "strongly"])
    else:
        del words[i]
    return " ".join(words)


def build(db, n_docs: int, pool: list[str], rng: random.Random) -> list[int]:
    """Store ``n_docs`` documents (nine articles to one primary source) and index them."""
    speaker_id = db["speakers"].insert({"name": "Bench Speaker", "aliases": "[]"}).last_pk
    quoted: list[str] = []
    stamp = "2026-01-01T00:00:00"
    with storage.write_transaction(db):
        for d in range(n_docs):
            if d % 10 == 9 and quoted:
                turns = []
                for t in range(rng.randint(6, 14)):
                    s = rng.choice(quoted) if rng.random() < 0.6 else rng.choice(pool)
                    s = alter(s, rng) if rng.random() < 0.3 else s
                    label = rng.choice(["PRESIDENT PUTIN", "MR. LAVROV", "SECRETARY KERRY", "Q"])
                    turns.append(f"{label}: {s} {rng.choice(pool)}")
                text = f"Transcript {d}\n\n" + "\n\n".join(turns)
                sid = db["sources"].insert({
                    "title": f"Transcript {d}", "kind": "transcript", "text": text,
                    "content_hash": content_hash(text), "added_at": stamp}).last_pk
                index_document(db, "source", sid, text)
                continue
            chosen = rng.sample(pool, rng.randint(14, 26))
            paras = [" ".join(chosen[i:i + 3]) for i in range(0, len(chosen), 3)]
            text = f"Article {d}\n\n" + "\n\n".join(paras)
            aid = db["articles"].insert({
                "title": f"Article {d}", "text": text, "content_hash": content_hash(text),
                "ingested_at": stamp}).last_pk
            rows = []
            for s in rng.sample(chosen, QUOTES_PER_DOC):
                start = text.index(s)
                rows.append({"article_id": aid, "start": start, "end": start + len(s),
                             "fragments": json.dumps([[start, start + len(s)]]), "text": s,
                             "kind": "direct", "speaker_id": speaker_id, "status": "unreviewed",
                             "version": 1, "created_at": stamp})
                quoted.append(s)
            db["quotes"].insert_all(rows)
            index_document(db, "article", aid, text)
        # As in a workbench where ingest checked every quote when it arrived (matching
        # all of them here would take longer than everything else together).
        db.execute("insert into quote_checks (quote_id, checked_at, speaker_mismatch, matches)"
                   " select id, ?, 0, 0 from quotes", [stamp])
    return [r[0] for r in db.execute("select id from quotes")]


def index_bytes(db) -> int:
    """Bytes of the passages table and its FTS5 tables (dbstat where SQLite has it)."""
    try:
        return db.execute(
            "select sum(pgsize) from dbstat where name like 'passages%'").fetchone()[0] or 0
    except Exception:  # dbstat not compiled in: the whole file as an upper bound
        return db.execute("select page_count * page_size from pragma_page_count(),"
                          " pragma_page_size()").fetchone()[0]


def run(n_docs: int, sample: int, pool: list[str], folder: str) -> dict:
    rng = random.Random(n_docs)
    path = os.path.join(folder, f"match-{n_docs}.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = storage.connect(path)
    t0 = time.perf_counter()
    quote_ids = build(db, n_docs, pool, rng)
    built = time.perf_counter() - t0
    # CPU time of this process: the figure for one core, whatever else the machine runs
    # (wall time is printed beside it).
    times, walls = [], []
    for qid in rng.sample(quote_ids, min(sample, len(quote_ids))):
        t, w = time.process_time(), time.perf_counter()
        matching.check_quotes(db, [qid])
        times.append((time.process_time() - t) * 1000)
        walls.append((time.perf_counter() - w) * 1000)
    times.sort()
    walls.sort()
    found = db.execute("select count(*) from quote_checks where matches > 0").fetchone()[0]
    primary = db.execute("select count(*) from quote_checks where primary_verdict is not null"
                         ).fetchone()[0]
    # One new article that reports some already-quoted sentences: the whole ingest path
    # (extract, store, index, match its quotes, re-check quotes elsewhere).
    quoted = [r[0] for r in db.execute("select text from quotes order by random() limit 6")]
    body = " ".join(f'"{q}" the minister said.' for q in quoted)
    text = f"A new report\n\n{body}\n\n" + " ".join(rng.sample(pool, 8))
    t, w = time.process_time(), time.perf_counter()
    ingest_document(db, from_text(text))
    refresh, refresh_wall = time.process_time() - t, time.perf_counter() - w
    result = {
        "docs": n_docs, "quotes": len(quote_ids), "build_s": built,
        "p50_ms": statistics.median(times), "p95_ms": times[int(len(times) * 0.95) - 1],
        "p95_wall_ms": walls[int(len(walls) * 0.95) - 1],
        "found": f"{found}/{len(times)} ({primary} in a primary source)",
        "refresh_s": refresh, "refresh_wall_s": refresh_wall, "index_mb": index_bytes(db) / 1e6,
    }
    db.conn.close()
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--train", default=TRAIN)
    parser.add_argument("--keep", help="folder for the databases (default: a temporary one)")
    args = parser.parse_args(argv)
    pool = sentences(args.train)
    print(f"{len(pool):,} distinct-source sentences from {args.train}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or tmp
        results = [run(n, args.sample, pool, folder) for n in args.docs]
    base = results[0]
    print(f"\nCPU time on one core (wall time on this machine in brackets)")
    print(f"{'docs':>7} {'quotes':>8} {'match p50':>10} {'p95':>17} {'refresh':>16} "
          f"{'index':>8}   vs {base['docs']:,} docs: p95 refresh index   found")
    for r in results:
        print(f"{r['docs']:>7,} {r['quotes']:>8,} {r['p50_ms']:>8.1f}ms "
              f"{r['p95_ms']:>6.1f}ms ({r['p95_wall_ms']:>5.0f}) "
              f"{r['refresh_s']:>6.2f}s ({r['refresh_wall_s']:>5.2f}) {r['index_mb']:>6.1f}MB"
              f"   {r['p95_ms'] / base['p95_ms']:>9.2f}x {r['refresh_s'] / base['refresh_s']:>5.2f}x"
              f" {r['index_mb'] / base['index_mb']:>5.2f}x   {r['found']}")
    print("\ntargets: match p95 < 50 ms on one core; refresh after one article < 2 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
