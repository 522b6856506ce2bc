"""Command line: ``python -m workbench <command>``.

Sub-commands are registered on one argparse parser; ``extract`` runs the quote extractor.
"""
from __future__ import annotations

import argparse
import sys


def _cmd_extract(args) -> int:
    from workbench.records import parse_line, prediction_line, run

    src = open(args.jsonl, encoding="utf-8", errors="replace") if args.jsonl != "-" else sys.stdin
    out = sys.stdout
    problems = 0
    with src:
        for lineno, line in enumerate(src, 1):
            record, extraction = run(parse_line(line))
            if record.problem:
                print(f"line {lineno}: {record.problem}", file=sys.stderr)
                problems += 1
            out.write(prediction_line(record, extraction))
    if problems:
        print(f"{problems} problem line(s)", file=sys.stderr)
    return 0


def _cmd_match(args) -> int:
    from workbench.match_cli import match_jsonl

    src = open(args.jsonl, encoding="utf-8", errors="replace") if args.jsonl != "-" else sys.stdin
    with src:
        return match_jsonl(src, sys.stdout, sys.stderr)

def _cmd_batch(args) -> int:
    from workbench.batch import BatchError, run_batch

    try:
        summary = run_batch(args.inputs, args.outdir, fmt=args.format, workers=args.workers,
                            scheduler=args.scheduler, partition_size=args.partition_size,
                            progress=not args.quiet)
    except BatchError as exc:
        print(f"batch: {exc}", file=sys.stderr)
        return 2
    rate = summary.lines / summary.seconds if summary.seconds else 0.0
    print(f"{summary.articles} articles, {summary.quotes} quotes, {len(summary.problems)} "
          f"skipped lines in {summary.seconds:.1f} s ({rate:.0f} lines/s; cluster ready in "
          f"{summary.startup:.1f} s); partitions: "
          f"{summary.partitions_done} done ({summary.partitions_resumed} from an earlier run), "
          f"{len(summary.partitions_failed)} failed -> {args.outdir}", file=sys.stderr)
    return 1 if summary.partitions_failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m workbench")
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("extract", help="extract attributed quotes from a JSONL of articles")
    p.add_argument("--jsonl", required=True, help="input JSONL with {id, text} per line ('-' = stdin)")
    p.set_defaults(func=_cmd_extract)
    p = sub.add_parser("match", help="check every quote of the article documents against all "
                       "the documents of a JSONL (primary sources first)")
    p.add_argument("--jsonl", required=True, help='input JSONL: {id, text, kind: "article" | '
                   '"primary", title?, speaker?} per line (\'-\' = stdin)')
    p.set_defaults(func=_cmd_match)


    from workbench.batch import DEFAULT_PARTITION_SIZE, FORMATS

    p = sub.add_parser("batch", help="extract quotes from an archive on a Dask cluster",
                       description="Run the extractor over JSON Lines or Parquet inputs "
                       "(files or folders) on a local Dask cluster or a running scheduler. "
                       "A rerun into the same OUTDIR resumes where it stopped.")
    p.add_argument("inputs", nargs="+", metavar="IN", help="input files or folders")
    p.add_argument("outdir", metavar="OUTDIR", help="output folder")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, default=None,
                       help="worker processes of the local cluster (default: one per core)")
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="use a running Dask scheduler, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--format", choices=FORMATS, default="parquet",
                   help="parquet: articles/, quotes/, speakers/ tables; jsonl: the lines "
                   "'extract --jsonl' writes, in part-*.jsonl files (default: parquet)")
    p.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION_SIZE,
                   help=f"input lines per task and output file (default {DEFAULT_PARTITION_SIZE})")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_batch)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
