"""How right source checking is on real news, with transcripts and altered copies.

From each real article (PolNeAR dev by default, read in place from ../shared; nothing is
copied) this builds what a desk would have: a transcript whose turns hold the article's
direct quotes inside other talk (from other articles), with typography changed (curly
marks, dashes, spacing). Each quote is, at random: in the transcript word for word and
given to its speaker; given to somebody else; with one word changed in the transcript
(so the article now misquotes it); or left out. One article in five also gets a copy from
"another agency" with a word of one quote changed. Then it runs
``python -m workbench match --jsonl`` on everything and scores, per quote:

- verbatim: a word-for-word quote's best primary match is verbatim (or elided);
- altered: a changed quote's best primary match is altered, and the diff names the word;
- speaker: the primary match's speaker agreement is right (agrees / disagrees);
- not found: a left-out quote has no primary match at all (never a weak altered);
- copies: the altered copy's quote is altered against the original article.

usage: python bench/match_eval.py [JSONL] [--seed N]
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from workbench.extract import extract  # noqa: E402
from workbench.match_cli import match_jsonl  # noqa: E402

DEV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval",
                   "polnear_dev.jsonl")
SWAPS = ["never", "always", "certainly", "perhaps", "strongly", "entirely", "hardly"]
OTHERS = ["MR. SMITH", "MS. JONES", "SENATOR BROWN", "MINISTER KOVAC"]


def inner(text: str, q) -> str:
    """The quote's words without its marks (fragments joined)."""
    parts = [text[s:e] for s, e in q.fragments]
    return " ".join(p.strip().strip('"\u201c\u201d\u2018\u2019\' ,.') for p in parts)


def typographic(s: str) -> str:
    return s.replace(" -- ", " \u2014 ").replace("'", "\u2019").replace(",", " ,").replace("  ", " ")


def build(path: str, seed: int) -> tuple[list[dict], dict]:
    rng = random.Random(seed)
    articles = [json.loads(line) for line in open(path, encoding="utf-8")]
    filler = [s for a in articles for s in re.split(r"(?<=[.!?])\s+", a["text"])
              if 8 <= len(s.split()) <= 30 and '"' not in s and "\u201c" not in s]
    docs, expect = [], {}
    for a in articles:
        text = a["text"]
        docs.append({"id": a["id"], "text": text})
        turns, copy_done = [], False
        for q in extract(text).quotes:
            words = inner(text, q).split()
            if q.kind != "direct" or len(words) < 6 or not q.speaker:
                continue
            label = q.speaker.split()[-1].upper()
            roll = rng.random()
            key = (a["id"], q.start, q.end)
            body = " ".join(words)
            if roll < 0.35:
                expect[key] = ("verbatim", True, None)
            elif roll < 0.5:
                expect[key] = ("verbatim", False, None)
                label = rng.choice(OTHERS)
            elif roll < 0.75:
                i = rng.randrange(1, len(words) - 1)
                new = rng.choice([w for w in SWAPS if w != words[i].lower()])
                expect[key] = ("altered", True, (words[i].strip(",.;:"), new))
                body = " ".join(words[:i] + [new] + words[i + 1:])
            else:
                expect[key] = ("none", None, None)
                continue
            turns.append(f"{label}: {rng.choice(filler)} {typographic(body)}. {rng.choice(filler)}")
            i = rng.randrange(1, len(words) - 1)
            hit = re.compile(rf"\b{re.escape(words[i])}\b").search(text, q.fragments[0][0])
            if not copy_done and hit and hit.start() < q.fragments[0][1] and rng.random() < 0.2:
                # Another agency's copy of the article with one word of this quote changed.
                new = rng.choice([w for w in SWAPS if w != words[i].lower()])
                start = hit.start()
                copy = text[:start] + new + text[start + len(words[i]):]
                docs.append({"id": a["id"] + "#copy", "text": copy})
                expect[(a["id"] + "#copy", q.start, q.end + len(new) - len(words[i]))] = (
                    "copy", None, (new, words[i].strip(",.;:")))
                copy_done = True
        rng.shuffle(turns)
        if turns:
            docs.append({"id": a["id"] + "#transcript", "kind": "primary",
                         "text": "Transcript\n\n" + "\n\n".join(turns)})
    return docs, expect


def score(rows: list[dict], expect: dict, show: bool = False) -> dict[str, Counter]:
    out = {k: Counter() for k in ("verbatim", "altered", "speaker", "not found", "copies")}
    before = {k: 0 for k in out}
    for r in rows:
        key = (r["doc"], r["start"], r["end"])
        if key not in expect:
            continue
        want, agrees, change = expect[key]
        prim = next((m for m in r["matches"] if m["kind"] == "primary"), None)
        if want == "verbatim":
            ok = prim is not None and prim["verdict"] in ("verbatim", "elided")
            out["verbatim"][ok] += 1
        elif want == "altered":
            ok = prim is not None and prim["verdict"] == "altered" and any(
                d["op"] == "replace" and change[0].lower() in d["quote"].lower()
                and change[1] in d["source"].lower() for d in prim["diff"])
            out["altered"][ok] += 1
        elif want == "none":
            out["not found"][prim is None] += 1
        elif want == "copy":
            art = next((m for m in r["matches"] if m["kind"] == "article"
                        and m["doc"] == r["doc"].removesuffix("#copy")), None)
            out["copies"][art is not None and art["verdict"] == "altered"] += 1
        if agrees is not None and prim is not None:
            out["speaker"][prim["speaker_agrees"] is agrees] += 1
        if show:
            for k, c in out.items():
                if c[False] > before[k]:
                    print(f"WRONG {k}: {want} {agrees} {change} | {r['text'][:150]!r} speaker "
                          f"{r['speaker']!r}\n   {json.dumps(prim or r['matches'][:1])[:600]}")
                before[k] = c[False]
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("jsonl", nargs="?", default=DEV)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="print every wrong answer")
    args = parser.parse_args(argv)
    docs, expect = build(args.jsonl, args.seed)
    src = io.StringIO("\n".join(json.dumps(d) for d in docs))
    out, err = io.StringIO(), io.StringIO()
    match_jsonl(src, out, err)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    results = score(rows, expect, args.show)
    print(f"{len(docs)} documents, {len(expect)} quotes with a known answer ({args.jsonl})")
    for name, c in results.items():
        total = c[True] + c[False]
        print(f"  {name:<10} {c[True]:>4} / {total:<4} right"
              + (f"  ({c[True] / total:.1%})" if total else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
