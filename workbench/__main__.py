"""Command line: ``python -m workbench <command>``.

Sub-commands are registered on one argparse parser; ``extract`` runs the quote extractor.
"""
from __future__ import annotations

import argparse
import json
import sys


def _cmd_extract(args) -> int:
    from workbench.extract import extract, to_prediction

    src = open(args.jsonl, encoding="utf-8", errors="replace") if args.jsonl != "-" else sys.stdin
    out = sys.stdout
    problems = 0
    with src:
        for lineno, line in enumerate(src, 1):
            doc_id = None
            if not line.strip():
                # keep the one-line-per-input-line contract even for blank lines
                print(f"line {lineno}: empty line", file=sys.stderr)
                problems += 1
                out.write(json.dumps({"id": None, "quotes": []}) + "\n")
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                print(f"line {lineno}: bad JSON ({exc})", file=sys.stderr)
                problems += 1
                out.write(json.dumps({"id": None, "quotes": []}) + "\n")
                continue
            if isinstance(rec, dict):
                doc_id = rec.get("id")
                text = rec.get("text")
            else:
                text = None
            if not isinstance(text, str):
                print(f"line {lineno}: no text (id={doc_id!r})", file=sys.stderr)
                problems += 1
                out.write(json.dumps({"id": doc_id, "quotes": []}) + "\n")
                continue
            try:
                pred = to_prediction(doc_id, extract(text))
            except Exception as exc:  # never lose the line
                print(f"line {lineno}: extraction failed ({type(exc).__name__}: {exc})", file=sys.stderr)
                problems += 1
                pred = {"id": doc_id, "quotes": []}
            out.write(json.dumps(pred, ensure_ascii=False) + "\n")
    if problems:
        print(f"{problems} problem line(s)", file=sys.stderr)
    return 0


def _cmd_match(args) -> int:
    from workbench.match_cli import match_jsonl

    src = open(args.jsonl, encoding="utf-8", errors="replace") if args.jsonl != "-" else sys.stdin
    with src:
        return match_jsonl(src, sys.stdout, sys.stderr)


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
