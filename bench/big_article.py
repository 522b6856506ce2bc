"""A very long article: ingest and article-page time against length (should be linear).

Builds articles of 0.5 to 5 MB from the sample article's paragraphs (renamed so the
speakers vary), then times each stage separately, each on a fresh database:

* parse   documents.from_text (headline, outlet, date, newline normalising)
* extract the quote extractor
* store   ingest.store: article, speakers and quotes in one transaction
* page    GET /articles/<id> through the Flask app: highlight sweep and template

and prints seconds, microseconds per character and the ratio of the largest to the
smallest size per character (about 1 when linear).

usage: python bench/big_article.py [--sizes 0.5,1,2,5]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from workbench import db as storage  # noqa: E402
from workbench.documents import from_text  # noqa: E402
from workbench.extract import extract  # noqa: E402
from workbench.ingest import store  # noqa: E402

NAMES = ["Ann Lee", "Bo Diaz", "Cy Park", "Di Moss", "Ed Wynn", "Flo Reyes", "Gus Tan",
         "Hal Ortiz", "Ivy Chen", "Jo Banks"]


def build(size_bytes: int) -> str:
    seed = (ROOT / "data" / "afp-syria-putin-cameron.txt").read_text(encoding="utf-8")
    head, _, body = seed.partition("\n\n")
    parts, total, i = [head], len(head), 0
    while total < size_bytes:
        a, b = NAMES[i % len(NAMES)], NAMES[(i * 3 + 1) % len(NAMES)]
        chunk = (body.replace("Putin", a.split()[1]).replace("Cameron", b.split()[1])
                 .replace("Vladimir", a.split()[0]).replace("David", b.split()[0]))
        parts.append(f"Part {i}\n\n{chunk}")
        total += len(chunk) + 10
        i += 1
    return "\n\n".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="0.5,1,2,5", help="sizes in MB, comma-separated")
    args = ap.parse_args()
    from conftest import add_user, login

    from workbench.web import create_app

    rows = []
    for mb in (float(s) for s in args.sizes.split(",")):
        text = build(int(mb * 1024 * 1024))
        tmp = Path(tempfile.mkdtemp(prefix="workbench-big-"))
        timings = {}
        t = time.perf_counter()
        doc = from_text(text, filename="big.txt")
        timings["parse"] = time.perf_counter() - t
        t = time.perf_counter()
        ex = extract(doc.text)
        timings["extract"] = time.perf_counter() - t
        db = storage.connect(tmp / "big.db")
        t = time.perf_counter()
        res = store(db, doc, ex, "bench")
        timings["store"] = time.perf_counter() - t
        db.conn.close()
        app = create_app({"DATABASE": str(tmp / "big.db"), "SECRET_KEY": "bench",
                          "WTF_CSRF_ENABLED": False})
        add_user(app, "bench", "reviewer")  # the page with every verdict form
        client = login(app.test_client(), "bench")
        t = time.perf_counter()
        resp = client.get(f"/articles/{res.article_id}")
        timings["page"] = time.perf_counter() - t
        assert resp.status_code == 200, resp.status_code
        page = resp.get_data()
        assert page.count(b'class="quote-mark') >= res.quotes  # every quote highlighted
        rows.append((len(text), res.quotes, len(page), timings))
        print(f"{len(text) / 1e6:5.2f} MB  {res.quotes:6,} quotes  page {len(page) / 1e6:5.1f} MB  "
              + "  ".join(f"{k} {v:6.2f}s ({v / len(text) * 1e6:.2f} us/char)"
                          for k, v in timings.items()), flush=True)
    if len(rows) > 1:
        (n0, _, _, t0), (n1, _, _, t1) = rows[0], rows[-1]
        print("largest / smallest time per character (1.0 = linear): " + "  ".join(
            f"{k} {(t1[k] / n1) / (t0[k] / n0):.2f}" for k in t0))
        total = sum(rows[-1][3].values())
        print(f"{rows[-1][0] / 1e6:.1f} MB article: {total:.1f}s from text to rendered page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
