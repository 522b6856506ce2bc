"""Command-line tools for source checking: add primary sources, match everything."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from flask import Flask

from .. import db as storage
from .. import matching
from ..documents import DocumentError, from_upload
from ..fetch import FetchError
from ..ingest_url import document_from_url, is_url
from ..sources import KINDS, SourceError, store_source


def register(app: Flask) -> None:
    @app.cli.command("add-source")
    @click.argument("paths", nargs=-1, required=True)
    @click.option("--kind", type=click.Choice(list(KINDS)), default="transcript", show_default=True)
    @click.option("--speaker", default=None, help="Who speaks where the text has no labels.")
    def add_source_command(paths: tuple[str, ...], kind: str, speaker: str | None) -> None:
        """Add primary sources (transcripts, statements ...) from files or web addresses
        and match the quotes they hold."""
        db = storage.connect(app.config["DATABASE"])
        failed = 0
        for path in paths:
            try:
                if is_url(path):
                    doc = document_from_url(path, allow_private=app.config["FETCH_ALLOW_PRIVATE"])
                else:
                    doc = from_upload(Path(path).read_bytes(), Path(path).name)
                source_id = store_source(db, doc, kind, speaker)
            except (DocumentError, SourceError, FetchError, OSError) as exc:
                click.echo(f"skipped {path}: {exc}", err=True)
                failed += 1
                continue
            n = matching.add_source(db, source_id)
            click.echo(f"{path}: primary source {source_id}, {n} quotes matched against it")
        if failed == len(paths):
            sys.exit(1)

    @app.cli.command("match-all")
    @click.option("--only-unchecked", is_flag=True,
                  help="Check only quotes never checked (resume an interrupted run).")
    def match_all_command(only_unchecked: bool) -> None:
        """Index every article and primary source and check every quote against them
        (for a database made before source checking, or to start afresh)."""
        db = storage.connect(app.config["DATABASE"])
        t0 = time.perf_counter()
        if not only_unchecked:
            articles, sources = matching.reindex_all(db)
            click.echo(f"Indexed {articles} articles and {sources} primary sources.")
            ids = [r[0] for r in db.execute("select id from quotes order by id")]
        else:
            ids = matching.unchecked_quotes(db)
        with click.progressbar(length=len(ids), label="Matching", file=sys.stderr,
                               show_pos=True) as bar:
            matching.check_quotes(db, ids, progress=bar.update)
        found = db.execute("select count(*) from quote_checks where matches > 0").fetchone()[0]
        click.echo(f"{len(ids)} quotes checked in {time.perf_counter() - t0:.1f} s; "
                   f"{found} have a match.")
