"""What each extractor rule contributes, and what a change did to it.

For every rule (the ``rule`` field of a quote: a registered rule name, '+adjustment' appended where an
adjustment rule changed the speaker afterwards) on PolNeAR train and dev: predicted quotes, quotes
matched to a gold attribution, matched quotes whose speaker is right, and attributed quotes (matched
with the right speaker), with the matching and speaker rules of ../shared/eval/score.py (threshold
0.3). Then precision per confidence band, and the scorer's headline figures.

With ``--base REV`` the extractor of that git revision (``git archive REV workbench`` into a
temporary directory) runs on the same texts and every count is shown as ``now (+delta)``, so one
command answers "what did my change do".

usage: python bench/rules.py [--base REV] [--splits train,dev] [--threshold 0.3]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
EVAL = os.environ.get("EVAL_DIR") or os.path.join(ROOT, "..", "shared", "eval")
BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def _scorer():
    spec = importlib.util.spec_from_file_location("polnear_score", os.path.join(EVAL, "score.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _extract(src_root: str, gold_path: str) -> dict:
    """Predictions of the extractor under src_root, by article id.

    :param src_root: a directory holding the ``workbench`` package to run
    :param gold_path: the gold JSONL whose texts are extracted
    """
    proc = subprocess.run([sys.executable, "-m", "workbench", "extract", "--jsonl", gold_path], cwd=src_root,
                          check=True, capture_output=True, text=True)
    failed = [line for line in proc.stderr.splitlines() if "extraction failed" in line]
    if failed:
        # an exception inside the extractor leaves that article without quotes (extract --jsonl
        # goes on with the archive): counted silently it would read as lost recall, not a bug
        sys.exit(f"{src_root}: the extractor raised on {len(failed)} article(s) of {gold_path}:\n"
                 + "\n".join(failed[:5]))
    out = proc.stdout
    preds = {}
    for line in out.splitlines():
        if line.strip():
            rec = json.loads(line)
            preds[rec["id"]] = rec.get("quotes") or []
    return preds


def tally(score, gold: list, preds: dict, threshold: float) -> dict:
    """Per-rule and per-band counts, and the headline figures, of one prediction set.

    :param score: the score.py module
    :param gold: gold articles
    :param preds: predictions by article id
    :param threshold: overlap threshold of a match
    """
    rules = defaultdict(lambda: [0, 0, 0, 0, 0])   # predicted, matched, scored matched, speaker right, attributed
    bands = defaultdict(lambda: [0, 0, 0])          # predicted, matched, attributed
    n_gold = 0
    for art in gold:
        ps = preds.get(art["id"], [])
        gs = art["quotes"]
        n_gold += sum(score.scored(g) for g in gs)
        matched = {pi: gi for gi, pi in score.match(gs, ps, threshold)}
        for pi, p in enumerate(ps):
            r = rules[p.get("rule") or "?"]
            b = bands[max(x for x in BANDS if (p.get("confidence") or 0.0) >= x)]
            r[0] += 1
            b[0] += 1
            if pi not in matched:
                continue
            g = gs[matched[pi]]
            ok = score.speaker_ok(g, p, art["text"])
            r[1] += 1
            b[1] += 1
            if score.scored(g):
                r[2] += 1
                r[3] += ok
            r[4] += ok
            b[2] += ok
    tot = [sum(v[i] for v in rules.values()) for i in range(5)]
    p_att = tot[4] / tot[0] if tot[0] else 0.0
    r_att = tot[3] / n_gold if n_gold else 0.0
    head = {"predicted": tot[0], "span_P": tot[1] / tot[0] if tot[0] else 0.0,
            "span_R": tot[2] / n_gold if n_gold else 0.0,
            "speaker_acc": tot[3] / tot[2] if tot[2] else 0.0,
            "attributed_P": p_att, "attributed_R": r_att,
            "attributed_F1": 2 * p_att * r_att / (p_att + r_att) if p_att + r_att else 0.0}
    return {"rules": dict(rules), "bands": dict(bands), "head": head}


def _cell(now, base, width=6):
    if base is None:
        return f"{now:>{width}}"
    d = now - base
    return f"{now:>{width}} {('(%+d)' % d) if d else '':>6}"


def report(split: str, now: dict, base: dict | None) -> None:
    """Print the per-rule table, the confidence bands and the headline figures of one split."""
    print(f"\n== {split}" + (" (now, (+change) against the base revision)" if base else ""))
    names = sorted(set(now["rules"]) | set(base["rules"] if base else ()),
                   key=lambda n: -now["rules"].get(n, [0])[0])
    print(f"{'rule':44} {'predicted':>13} {'matched':>13} {'speaker ok':>13} {'attributed':>13}  attr.P")
    for n in names:
        v = now["rules"].get(n, [0] * 5)
        b = base["rules"].get(n, [0] * 5) if base else None
        cells = " ".join(_cell(v[i], b[i] if b else None) for i in (0, 1, 3, 4))
        prec = f"{v[4] / v[0]:.3f}" if v[0] else "  -  "
        print(f"{n:44} {cells}  {prec}")
    print(f"\n{'confidence':12} {'predicted':>13} {'span P':>8} {'attr. P':>8}")
    for lo in BANDS:
        v = now["bands"].get(lo, [0, 0, 0])
        hi = BANDS[BANDS.index(lo) + 1] if lo != BANDS[-1] else 1.0
        b = base["bands"].get(lo, [0, 0, 0]) if base else None
        sp = f"{v[1] / v[0]:.3f}" if v[0] else "-"
        ap = f"{v[2] / v[0]:.3f}" if v[0] else "-"
        print(f"[{lo:.1f}, {hi:.1f}{']' if hi == 1.0 else ')'}  {_cell(v[0], b[0] if b else None)} {sp:>8} {ap:>8}")
    print()
    for k, v in now["head"].items():
        extra = ""
        if base:
            d = v - base["head"][k]
            extra = f"   base {base['head'][k]:.4f} ({d:+.4f})" if k != "predicted" else f"   base {base['head'][k]}"
        print(f"{k:14} {v:.4f}{extra}" if k != "predicted" else f"{k:14} {v}{extra}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", help="a git revision to compare with (e.g. main, HEAD~1)")
    ap.add_argument("--splits", default="train,dev")
    ap.add_argument("--threshold", type=float, default=0.3)
    a = ap.parse_args(argv)
    score = _scorer()
    splits = [s.strip() for s in a.splits.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="rules-base-") as tmp:
        if a.base:
            archive = subprocess.run(["git", "-C", ROOT, "archive", a.base, "workbench"], check=True,
                                     capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        for split in splits:
            path = os.path.join(EVAL, f"polnear_{split}.jsonl") if split in ("train", "dev") else split
            gold = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
            now = tally(score, gold, _extract(ROOT, path), a.threshold)
            base = tally(score, gold, _extract(tmp, path), a.threshold) if a.base else None
            report(split, now, base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
