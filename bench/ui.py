"""Server time of the review UI on 100,000 quotes.

Builds a synthetic database straight in SQLite (no extraction, no PolNeAR text): articles
of generated sentences, speakers, and quotes whose offsets point into the text, with a mix
of statuses, reviewers, outlets and kinds. Then times, through the Flask test client signed
in as a reviewer, each request many times and prints p50 and p95 in milliseconds:

* the review queue page (full page, and the htmx fragment moving to the next quote)
* filtered lists (/quotes and /review with status + outlet + kind)
* a full-text search (/quotes?q= and the queue with q=)
* a verdict (POST that saves and renders the next quote)
* the speakers page and the progress dashboard

usage: python bench/ui.py [--quotes 100000] [--repeat 200] [--db PATH]
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from workbench import accounts, queries  # noqa: E402
from workbench import db as storage  # noqa: E402
from workbench.clock import now  # noqa: E402
from workbench.web import auth as web_auth  # noqa: E402

SYLLABLES = "ba ko ri ten mal sun dor vi lek an tro pe gul mis far ne so da lin ur".split()
# A vocabulary with a Zipf-like frequency, as in news text: a few words in most quotes,
# most words rare.
WORDS = sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "s", "er", "al")})
random.Random(0).shuffle(WORDS)
WORDS = WORDS[:3000]
WEIGHTS = [1 / (rank + 1) for rank in range(len(WORDS))]
FIRST = "Anna Boris Carla David Elena Farid Greta Hiro Ines Jonas Kofi Lena Marco Nadia".split()
LAST = "Adams Bauer Chen Dubois Evans Fischer Garcia Haddad Ivanova Jensen Kim Lopez".split()
OUTLETS = [f"Outlet {i}" for i in range(20)]
REVIEWERS = [f"reviewer{i}" for i in range(6)]
KINDS = ("direct", "mixed", "reported")
REASONS = ("misquote", "wrong_speaker", "out_of_context", "not_a_quote", "other")


def build(path: str, n_quotes: int, per_article: int = 20, seed: int = 1) -> None:
    rnd = random.Random(seed)
    db = storage.connect(path)
    t0 = time.perf_counter()
    speakers = []
    for i in range(500):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"
        speakers.append((i + 1, name, "person", f"role {i % 30}", json.dumps([name])))
    stamp = now()
    n_articles = (n_quotes + per_article - 1) // per_article
    articles, quotes = [], []
    qid = 0
    for a in range(1, n_articles + 1):
        parts, spans = [], []
        pos = 0
        for _ in range(per_article):
            sp = rnd.choice(speakers)
            words = " ".join(rnd.choices(WORDS, WEIGHTS, k=rnd.randint(8, 25)))
            quote = f"\u201c{words.capitalize()}.\u201d"
            prefix = " ".join(rnd.choices(WORDS, WEIGHTS, k=rnd.randint(5, 15))) + ". "
            sentence = f"{prefix}{quote} said {sp[1]}."
            q_start = pos + len(prefix)
            cue_start = q_start + len(quote) + 1
            spk_start = cue_start + 5
            spans.append((q_start, q_start + len(quote), cue_start, spk_start, sp))
            parts.append(sentence)
            pos += len(sentence) + 2
        text = "\n\n".join(parts)
        articles.append((a, f"Synthetic article {a}", rnd.choice(OUTLETS), "2024-01-01",
                         text, f"hash{a}", stamp))
        for s, e, cs, ss, sp in spans:
            qid += 1
            if qid > n_quotes:
                break
            r = rnd.random()
            status = "unreviewed" if r < 0.7 else ("verified" if r < 0.9 else "disputed")
            reviewer = rnd.choice(REVIEWERS) if status != "unreviewed" else None
            quotes.append((
                qid, a, s, e, json.dumps([[s, e]]), text[s:e], rnd.choice(KINDS), "said", cs,
                cs + 4, sp[0], sp[1], ss, ss + len(sp[1]), sp[3], round(rnd.random(), 3),
                "synthetic", "extractor", status,
                rnd.choice(REASONS) if status == "disputed" else None, None, None, reviewer,
                stamp if reviewer else None, 1, stamp))
    with storage.write_transaction(db):
        db.conn.executemany(
            "insert into speakers (id, name, kind, role, aliases) values (?,?,?,?,?)", speakers)
        db.conn.executemany(
            "insert into articles (id, title, outlet, published, text, content_hash,"
            " ingested_at) values (?,?,?,?,?,?,?)", articles)
        db.conn.executemany(
            "insert into quotes (id, article_id, start, end, fragments, text, kind, cue,"
            " cue_start, cue_end, speaker_id, speaker_mention, speaker_start, speaker_end,"
            " speaker_role, confidence, rule, origin, status, dispute_reason, note,"
            " evidence_url, reviewer, reviewed_at, version, created_at)"
            " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", quotes)
    db.execute("ANALYZE")
    db.conn.close()
    print(f"built {len(articles):,} articles, {len(quotes):,} quotes, {len(speakers)} speakers"
          f" in {time.perf_counter() - t0:.1f} s ({os.path.getsize(path) / 1e6:.0f} MB)")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(label: str, fn, repeat: int) -> tuple[str, float, float]:
    fn()  # warm up (template compile, page cache)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    p50, p95 = statistics.median(times), pct(times, 95)
    print(f"  {label:<48} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    return label, p50, p95


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quotes", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--db", help="database file to build (default: a temporary one)")
    ap.add_argument("--reuse", action="store_true",
                    help="time against --db as it is, without rebuilding it")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-ui-")
    path = args.db or os.path.join(tmp, "bench.db")
    if not (args.reuse and os.path.exists(path)):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        build(path, args.quotes)

    from workbench.web import create_app

    app = create_app({"DATABASE": path, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "TESTING": False})
    db = storage.connect(path, migrate=False)
    user = accounts.find_user(db, "bench_reviewer") or accounts.create_user(
        db, "bench_reviewer", "reviewer", password="bench password for the ui benchmark",
        must_change=False)[0]
    client = app.test_client()
    with client.session_transaction() as sess:
        sess.update(web_auth.session_fields(user, db))
    rnd = random.Random(2)
    unreviewed = [r[0] for r in db.execute(
        "select id from quotes where status = 'unreviewed' order by random() limit ?",
        [args.repeat * 3])]
    hx = {"HX-Request": "true", "HX-Target": "queue"}
    # As `flask serve` does once started (workbench/web/cli.py): what start-up loaded (and
    # here the benchmark's own lists) is kept out of the collector's full collections.
    gc.collect()
    gc.freeze()

    def get(url, headers=None):
        resp = client.get(url, headers=headers)
        assert resp.status_code == 200, (url, resp.status_code, resp.get_data(as_text=True)[:300])

    print(f"server time per request, {args.repeat} requests each (Flask test client):")
    results = []
    results.append(timed("queue page, full (/review?status=unreviewed&id=)", lambda: get(
        f"/review?status=unreviewed&id={rnd.choice(unreviewed)}"), args.repeat))
    results.append(timed("queue next, htmx fragment", lambda: get(
        f"/review?status=unreviewed&id={rnd.choice(unreviewed)}", hx), args.repeat))
    results.append(timed("filtered list (/quotes?status&outlet&kind)", lambda: get(
        f"/quotes?status=disputed&outlet={rnd.choice(OUTLETS)}&kind={rnd.choice(KINDS)}"
        .replace(" ", "+")), args.repeat))
    results.append(timed("filtered queue (/review?status&outlet&kind)", lambda: get(
        f"/review?status=unreviewed&outlet={rnd.choice(OUTLETS)}&kind={rnd.choice(KINDS)}"
        .replace(" ", "+"), hx), args.repeat))
    # Search terms: one word of middling frequency (rank 20-1000), as a name or topic is.
    results.append(timed("search (/quotes?q=word)", lambda: get(
        f"/quotes?q={rnd.choice(WORDS[20:1000])}"), args.repeat))
    results.append(timed("search in the queue (/review?q=word)", lambda: get(
        f"/review?q={rnd.choice(WORDS[20:1000])}", hx), args.repeat))
    results.append(timed("search, the commonest word (/review?q=)", lambda: get(
        f"/review?q={WORDS[0]}", hx), args.repeat))
    results.append(timed("search, the commonest word (/quotes?q=)", lambda: get(
        f"/quotes?q={WORDS[0]}"), args.repeat))
    todo = iter(unreviewed)

    def verdict():
        qid = next(todo)
        resp = client.post(f"/review/{qid}/verdict?status=unreviewed", headers=hx,
                           data={"status": "verified", "version": "1"})
        assert resp.status_code == 200, resp.status_code

    results.append(timed("verdict + next quote (POST /review/<id>/verdict)", verdict,
                         args.repeat))
    filt = queries.QuoteFilter(status="unreviewed", kind="direct")
    results.append(timed("queries.count_quotes (status+kind)",
                         lambda: queries.count_quotes(db, filt), args.repeat))
    results.append(timed("queries.list_quotes (status+kind, 500 rows)",
                         lambda: queries.list_quotes(db, filt), args.repeat))
    results.append(timed("speakers page (/speakers)", lambda: get("/speakers"), args.repeat))
    results.append(timed("progress dashboard (/dashboard)", lambda: get("/dashboard"),
                         args.repeat))
    worst = max(results, key=lambda r: r[2])
    print(f"worst p95: {worst[2]:.1f} ms ({worst[0]}); target < 50 ms")
    few = max(10, args.repeat // 10)
    print(f"other pages, no target ({few} requests each):")
    timed("articles list, first page (/articles)", lambda: get("/articles"), few)
    timed("articles search (/articles?q=word)", lambda: get(
        f"/articles?q={rnd.choice(WORDS[20:1000])}"), few)
    db.conn.close()


if __name__ == "__main__":
    main()
