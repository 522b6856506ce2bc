"""Export speed and memory at a million quotes (CSV and JSON Lines).

Builds a synthetic database with bench/ui.py's builder (generated text, no news), then, in
a fresh child process per run so that each peak is its own, exports every quote to a file
the way `flask --app app export` does and prints rows per second and the peak resident
memory. The baseline, timed in the same run, is the floor: the same rows read from SQLite
by a bare cursor and written by csv.writer with nothing else done (no context sentence, no
labels, no formula guard).

Targets (issue 10): >= 100,000 rows/s; peak < 150 MB.

usage: python bench/export.py [--quotes 1000000] [--db PATH] [--reuse]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, HERE)


def _peak_mb() -> float:
    """This process's peak resident memory. Not getrusage's ru_maxrss: Linux carries the
    forking parent's peak across exec into it, and the parent built the database."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def child(kind: str, path: str, out: str) -> None:
    """One measured run; prints a JSON line for the parent."""
    import csv

    from workbench import db as storage
    from workbench import export
    from workbench.queries import QuoteFilter

    db = storage.connect(path, migrate=False)
    start_mb = _peak_mb()
    t0 = time.perf_counter()
    n = 0
    with open(out, "w", encoding="utf-8", newline="") as fh:
        if kind == "baseline":
            writer = csv.writer(fh)
            for row in db.conn.execute(export._select(guard=False) + export._ORDER):
                writer.writerow(row)
                n += 1
        else:
            link = "https://wb.example/quotes/{}".format
            for chunk in export.FORMATS[kind](db, QuoteFilter(), link):
                fh.write(chunk)
            n = db.execute("select count(*) from quotes").fetchone()[0]
    seconds = time.perf_counter() - t0
    print(json.dumps({"rows": n, "seconds": seconds, "peak_mb": _peak_mb(),
                      "start_mb": start_mb, "bytes": os.path.getsize(out)}))


def run(kind: str, path: str, tmp: str) -> dict:
    out = os.path.join(tmp, f"out.{kind}")
    proc = subprocess.run([sys.executable, __file__, "--child", kind, "--db", path, "--out", out],
                          capture_output=True, text=True, check=True)
    os.remove(out)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _remove_db(path: str) -> None:
    for name in (path, path + "-wal", path + "-shm"):
        if os.path.exists(name):
            os.remove(name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--db", help="database file to build (default: a temporary one)")
    ap.add_argument("--reuse", action="store_true", help="use --db as it is")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.db, args.out)
        return
    tmp = tempfile.mkdtemp(prefix="bench-export-")
    path = args.db or os.path.join(tmp, "bench.db")
    if not (args.reuse and os.path.exists(path)):
        from ui import build

        _remove_db(path)
        build(path, args.quotes)
    results = {}
    for kind in ("baseline", "csv", "jsonl"):
        r = results[kind] = run(kind, path, tmp)
        rate = r["rows"] / r["seconds"]
        ratio = r["seconds"] / results["baseline"]["seconds"]
        print(f"  {kind:<9} {r['rows']:>9,} rows in {r['seconds']:6.2f} s = {rate:9,.0f} rows/s"
              f"  ({ratio:.2f}x the baseline's time)   peak {r['peak_mb']:6.1f} MB"
              f" (of which {r['start_mb']:.1f} MB before the first row)"
              f"   {r['bytes'] / 1e6:,.0f} MB written")
    if not args.db:
        _remove_db(path)
    os.rmdir(tmp)


if __name__ == "__main__":
    main()
