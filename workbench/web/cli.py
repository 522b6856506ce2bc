"""Command-line tools under `flask --app app ...`: ingest and serve."""
from __future__ import annotations

import gc
import os
import sys

import click
from flask import Flask

from .. import db as storage
from ..ingest import BatchResult, ingest_paths, iter_paths


def register(app: Flask) -> None:
    from . import cli_accounts

    cli_accounts.register(app)  # user ..., backup, restore

    @app.cli.command("ingest")
    @click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
    @click.option("--workers", type=int, default=None,
                  help="Processes for extraction (default: one per core).")
    def ingest_command(paths: tuple[str, ...], workers: int | None) -> None:
        """Ingest article files (.txt, .md, .html) and folders of them."""
        files = list(iter_paths(paths))
        if not files:
            raise click.ClickException("No .txt, .md or .html files found in " + ", ".join(paths))
        db = storage.connect(app.config["DATABASE"])
        added = dupes = failed = 0
        with click.progressbar(length=len(files), label="Ingesting", file=sys.stderr,
                               show_pos=True) as bar:
            def report(result: BatchResult) -> None:
                nonlocal added, dupes, failed
                bar.update(1)
                if result.ingested:
                    added += 1
                elif result.duplicate_of:
                    dupes += 1
                else:
                    failed += 1
                    click.echo(f"\n  skipped {result.path}: {result.error}", err=True)

            ingest_paths(db, files, workers=workers, on_result=report)
        click.echo(f"{added} added, {dupes} already present, {failed} failed "
                   f"(database {app.config['DATABASE']})")
        if failed and not (added or dupes):
            sys.exit(1)

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
