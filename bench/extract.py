"""Speed of the quote extractor.

Prints articles per second on the PolNeAR dev texts (start-up excluded), the ratio to plain
Punkt sentence splitting of the same texts measured in the same run, and linearity checks:
all articles glued into one text against the same articles one by one, and the first article
repeated 100 times in one text (also flattened to a single line) against 100 separate runs of it.

With ``--base REV`` the extractor of that git revision (its ``workbench/extract`` from ``git archive``,
imported as a package of its own) runs in the same process, the two taking turns article set by article
set, and the median of their time ratios is printed: a slow spell of the shared machine hits both alike,
so this answers "what did my change do to the speed" far more steadily than two runs of the ratio to Punkt.

usage: python bench/extract.py [JSONL] [--repeat N] [--base REV [--rounds N]]
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from workbench.extract import extract  # noqa: E402
from workbench.extract.sentences import paragraphs, punkt  # noqa: E402

DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval",
                       "polnear_dev.jsonl")


def _texts(path):
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                t = json.loads(line).get("text")
            except ValueError:
                continue
            if isinstance(t, str):
                out.append(t)
    return out


def _time(fn, texts, repeat):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()   # CPU time of this process: robust to other load on the box
        for t in texts:
            fn(t)
        best = min(best, time.process_time() - t0)
    return best


def _alternating(fn_a, texts_a, fn_b, texts_b, repeat):
    """Best CPU time of each side over `repeat` rounds, the two sides taking turns."""
    best_a = best_b = float("inf")
    for _ in range(repeat):
        best_a = min(best_a, _time(fn_a, texts_a, 1))
        best_b = min(best_b, _time(fn_b, texts_b, 1))
    return best_a, best_b


def _extract_at(rev, tmp):
    """The extract function of workbench/extract at git revision rev, unpacked into tmp and imported as
    the package extract_at_base (the package imports only its own modules)."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    archive = subprocess.run(["git", "-C", root, "archive", rev, "workbench/extract"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
    os.rename(os.path.join(tmp, "workbench", "extract"), os.path.join(tmp, "extract_at_base"))
    sys.path.insert(0, tmp)
    return importlib.import_module("extract_at_base").extract


def _against_base(texts, rev, rounds):
    """Median over rounds of (this extractor's time / rev's time) on texts, the two taking turns."""
    with tempfile.TemporaryDirectory(prefix="extract-base-") as tmp:
        base_extract = _extract_at(rev, tmp)
        for t in texts[:5]:   # warm up: imports, Punkt parameters, caches
            base_extract(t)
            extract(t)
        ratios = []
        for _ in range(rounds):
            t_base = _time(base_extract, texts, 1)
            ratios.append(_time(extract, texts, 1) / t_base)
    return statistics.median(ratios)


def _punkt_split(text):
    tok = punkt()
    for s, e in paragraphs(text):
        list(tok.span_tokenize(text[s:e]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("jsonl", nargs="?", default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--base", help="a git revision to compare this extractor's speed with (e.g. main, HEAD~1)")
    ap.add_argument("--rounds", type=int, default=15, help="alternating rounds against --base")
    a = ap.parse_args()
    texts = _texts(a.jsonl)
    if not texts:
        print("no texts", file=sys.stderr)
        return 1
    extract("Warm up. \"Yes,\" he said.")   # start-up (Punkt parameters, imports) excluded
    _punkt_split("Warm up.")
    # both sides timed in alternation, best of --repeat each: a slow spell of the machine (the box is
    # shared) then hits both alike and the ratio stays put even when the absolute figures move
    t_ex, t_pk = _alternating(extract, texts, _punkt_split, texts, a.repeat)
    n = len(texts)
    chars = sum(map(len, texts))
    print(f"articles                 {n} ({chars} chars)")
    print(f"extract articles/s       {n / t_ex:.1f}")
    print(f"punkt split articles/s   {n / t_pk:.1f}")
    print(f"extract / punkt time     {t_ex / t_pk:.2f}x")
    if a.base:
        try:
            ratio = _against_base(texts, a.base, max(1, a.rounds))
        except subprocess.CalledProcessError as e:
            print(f"--base {a.base}: git archive failed: {e.stderr.decode(errors='replace').strip()}",
                  file=sys.stderr)
            return 2
        print(f"extract time now / at {a.base}  {ratio:.3f} (median of {max(1, a.rounds)} alternating rounds; "
              f"below 1 is faster)")
    # linearity: 100 articles glued into one text vs the same articles one by one
    k = min(100, n)
    glued = "\n\n".join(texts[:k])
    t_one, t_big = _alternating(extract, texts[:k], extract, [glued], 5)
    print(f"linearity (1 text of {k} articles / {k} separate) time ratio {t_big / t_one:.2f} "
          f"(1.0 = linear)")
    # the same article 100 times over in one text against 100 separate runs of it
    big100 = "\n\n".join([texts[0]] * 100)
    t_small, t_big100 = _alternating(extract, [texts[0]] * 100, extract, [big100], 7)
    print(f"text 100x longer: time ratio {100 * t_big100 / t_small:.1f} (100 = linear)")
    # the same, with every line break turned into a space: one line of thousands of sentences
    flat = " ".join(texts[0].split())
    t_flat, t_flat100 = _alternating(extract, [flat] * 100, extract, [" ".join([flat] * 100)], 7)
    print(f"one line 100x longer: time ratio {100 * t_flat100 / t_flat:.1f} (100 = linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
