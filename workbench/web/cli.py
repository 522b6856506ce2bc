"""Command-line tools under `flask --app app ...`: ingest (files and URLs), feeds,
export and serve."""
from __future__ import annotations

import gc
import os
import sys

import click
from flask import Flask

from .. import db as storage
from .. import claimreview, export, feeds
from ..documents import DocumentError
from ..fetch import BadURL, FetchError
from ..ingest import BatchResult, DuplicateArticle, ingest_paths, iter_paths
from ..ingest_url import ingest_url, is_url
from ..queries import FilterError, QuoteFilter


def _served_at(app: Flask, host: str, port: int) -> None:
    """Trust the host served on and build absolute links from it (unless configured)."""
    wildcard = host in ("0.0.0.0", "::", "")
    if not wildcard and host not in app.config["TRUSTED_HOSTS"]:
        app.config["TRUSTED_HOSTS"] = [*app.config["TRUSTED_HOSTS"], host]
    if not os.environ.get("WORKBENCH_BASE_URL"):
        name = app.config["TRUSTED_HOSTS"][0] if wildcard else host
        name = f"[{name}]" if ":" in name else name
        app.config["BASE_URL"] = f"http://{name}:{port}"


def register(app: Flask) -> None:
    from . import cli_accounts, cli_sources, cli_tokens

    cli_accounts.register(app)  # user ..., backup, restore
    cli_tokens.register(app)  # token create|list|revoke (the JSON API)
    cli_sources.register(app)  # add-source, match-all

    @app.cli.command("ingest")
    @click.argument("sources", nargs=-1, required=True)
    @click.option("--workers", type=int, default=None,
                  help="Processes for extraction (default: one per core).")
    @click.option("--check/--no-check", default=True, show_default=True,
                  help="Check each article's quotes against the sources as it is stored "
                       "(--no-check for a bulk load; then run match-all --only-unchecked).")
    def ingest_command(sources: tuple[str, ...], workers: int | None, check: bool) -> None:
        """Ingest article files (.txt, .md, .html), folders of them and web pages by URL
        (http:// or https://), mixed in any order."""
        urls = [s for s in sources if is_url(s)]
        paths = [s for s in sources if not is_url(s)]
        missing = [p for p in paths if not os.path.exists(p)]
        if missing:
            raise click.ClickException("No such file or folder: " + ", ".join(missing))
        files = list(iter_paths(paths))
        if paths and not files:
            raise click.ClickException("No .txt, .md or .html files found in " + ", ".join(paths))
        db = storage.connect(app.config["DATABASE"])
        tally = {"added": 0, "dupes": 0, "failed": 0}
        if files:
            with click.progressbar(length=len(files), label="Ingesting", file=sys.stderr,
                                   show_pos=True) as bar:
                def report(result: BatchResult) -> None:
                    bar.update(1)
                    if result.ingested:
                        tally["added"] += 1
                    elif result.duplicate_of:
                        tally["dupes"] += 1
                    else:
                        tally["failed"] += 1
                        click.echo(f"\n  skipped {result.path}: {result.error}", err=True)

                ingest_paths(db, files, workers=workers, on_result=report, check=check)
        for url in urls:
            try:
                done = ingest_url(db, url, allow_private=app.config["FETCH_ALLOW_PRIVATE"])
            except DuplicateArticle as exc:
                tally["dupes"] += 1
                click.echo(f"  {url}: {exc}", err=True)
            except (FetchError, DocumentError) as exc:
                tally["failed"] += 1
                click.echo(f"  skipped {exc}", err=True)
            else:
                tally["added"] += 1
                click.echo(f"  {url}: article {done.article_id} ({done.title or 'untitled'}), "
                           f"{done.quotes} quotes", err=True)
        click.echo(f"{tally['added']} added, {tally['dupes']} already present, "
                   f"{tally['failed']} failed (database {app.config['DATABASE']})")
        if tally["failed"] and not (tally["added"] or tally["dupes"]):
            sys.exit(1)

    @app.cli.command("ingest-feed")
    @click.argument("feed_urls", nargs=-1)
    def ingest_feed_command(feed_urls: tuple[str, ...]) -> None:
        """Ingest the new items of RSS or Atom feeds (saved for later runs); with no
        FEED_URL, refresh every saved feed. Items seen before are not fetched again."""
        db = storage.connect(app.config["DATABASE"])
        try:
            ids = [feeds.save_feed(db, url) for url in feed_urls] or feeds.feed_ids(db)
        except BadURL as exc:
            raise click.ClickException(str(exc)) from None
        if not ids:
            raise click.ClickException("No saved feeds: give a FEED_URL")
        failed = 0
        for feed_id in ids:
            run = feeds.refresh(db, feed_id, allow_private=app.config["FETCH_ALLOW_PRIVATE"])
            for article_id, title in run.added:
                click.echo(f"  added article {article_id} ({title or 'untitled'})", err=True)
            for error in run.errors:
                click.echo(f"  skipped {error}", err=True)
            click.echo(run.summary())
            failed += bool(run.error)
        if failed == len(ids):
            sys.exit(1)

    @app.cli.command("export")
    @click.option("--format", "fmt", type=click.Choice([*sorted(export.FORMATS), "claimreview"]),
                  default="csv", show_default=True,
                  help="claimreview: schema.org ClaimReview (JSON-LD) of the rated or "
                       "reviewed quotes.")
    @click.option("--bom", is_flag=True,
                  help="Start the CSV with a UTF-8 byte-order mark (for Excel).")
    @click.option("-o", "--output", type=click.Path(dir_okay=False),
                  help="Write to FILE (standard output without it).")
    @click.option("--base-url", envvar="WORKBENCH_BASE_URL",
                  help="The workbench's address, for each row's workbench_url "
                       "(default $WORKBENCH_BASE_URL; left empty without it).")
    @click.option("--status")
    @click.option("--speaker", help="Speaker id.")
    @click.option("--article", help="Article id.")
    @click.option("--kind")
    @click.option("--outlet")
    @click.option("--reason", help="Dispute reason code.")
    @click.option("--reviewer")
    @click.option("--min-confidence")
    @click.option("--max-confidence")
    @click.option("--q", "--search", "q", help="Search words.")
    def export_command(fmt: str, bom: bool, output: str | None, base_url: str | None,
                       **filters: str | None) -> None:
        """Export the claims (one row per quote) as CSV or JSON Lines, with the quote
        list's filters; streamed, so any number of quotes fits in memory."""
        if bom and fmt != "csv":
            raise click.UsageError("--bom is for CSV only")
        try:
            filt = QuoteFilter.from_args({k: v for k, v in filters.items() if v is not None})
        except FilterError as exc:
            raise click.UsageError(str(exc)) from None
        link = None
        if base_url:
            base = base_url.rstrip("/")

            def link(quote_id: int) -> str:
                return f"{base}/quotes/{quote_id}"

        db = storage.connect(app.config["DATABASE"])  # migrated: an old file exports too
        if fmt == "claimreview":
            chunks = claimreview.iter_claimreview(
                db, filt, {"name": app.config["CLAIMREVIEW_ORG_NAME"],
                           "url": app.config["CLAIMREVIEW_ORG_URL"]}, link)
        else:
            kwargs = {"bom": bom} if fmt == "csv" else {}
            chunks = export.FORMATS[fmt](db, filt, link, **kwargs)
        if output:
            # Written beside the target and renamed at the end: a failed export never
            # leaves a half file where a complete one was.
            partial = f"{output}.part"
            with open(partial, "w", encoding="utf-8", newline="") as fh:
                for chunk in chunks:
                    fh.write(chunk)
            os.replace(partial, output)
        else:
            out = sys.stdout.buffer  # bytes: UTF-8 whatever the terminal's locale says
            for chunk in chunks:
                out.write(chunk.encode("utf-8"))
            out.flush()
        db.conn.close()

    @app.cli.command("import")
    @click.argument("outdir", type=click.Path(exists=True, file_okay=False))
    def import_command(outdir: str) -> None:
        """Import the Parquet output of 'python -m workbench batch'."""
        from ..batch_import import BatchImportError, check_batch, import_batch

        try:
            _, unfinished, total = check_batch(outdir)
        except BatchImportError as exc:
            raise click.ClickException(str(exc)) from None
        if unfinished:
            click.echo(f"partitions {', '.join(map(str, unfinished))} have no output yet "
                       "(rerun the batch to finish them); importing the rest", err=True)
        db = storage.connect(app.config["DATABASE"])
        with click.progressbar(length=total, label="Importing", file=sys.stderr,
                               show_pos=True) as bar:
            try:
                summary = import_batch(db, outdir, on_article=lambda: bar.update(1))
            except BatchImportError as exc:  # what was committed stays: a rerun skips it
                raise click.ClickException(f"{exc} (articles before it were imported)") \
                    from None
        for where, message in summary.skipped:
            click.echo(f"  skipped {where}: {message}", err=True)
        seconds = max(summary.seconds, 1e-9)
        click.echo(f"{summary.added} articles added ({summary.added / seconds:.0f}/s), "
                   f"{summary.quotes} quotes ({summary.quotes / seconds:.0f}/s), "
                   f"{summary.duplicates} already present, {len(summary.skipped)} skipped, "
                   f"in {summary.seconds:.1f} s (database {app.config['DATABASE']})")

    @app.cli.command("serve")
    @click.option("--host", default="127.0.0.1", show_default=True)
    @click.option("--port", default=lambda: int(os.environ.get("PORT", 5000)), type=int,
                  show_default="5000 or $PORT")
    @click.option("--threads", default=8, show_default=True)
    def serve_command(host: str, port: int, threads: int) -> None:
        """Serve the workbench with waitress."""
        from waitress import create_server

        from .cli_accounts import announce_first_admin

        announce_first_admin(app)  # never an open workbench nor a default password
        # WAL checkpoints in a thread of their own, not inside a reviewer's commit.
        checkpointer = storage.Checkpointer(app.config["DATABASE"])
        checkpointer.start()
        app.config["BACKGROUND_CHECKPOINT"] = True
        server = create_server(app, host=host, port=port, threads=threads)
        _served_at(app, host, server.effective_port)
        # Everything loaded so far lives as long as the server: out of the collector's
        # sight, a full collection walks only what requests create (measured under
        # bench/load.py: full-collection pauses of 24-100 ms down to ~2 ms).
        gc.collect()
        gc.freeze()
        click.echo(f"Quote workbench running at http://{host}:{server.effective_port}/ "
                   "(Ctrl+C to stop)")
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            checkpointer.stop()
