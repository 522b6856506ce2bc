"""Command-line tools under `flask --app app ...`: ingest and serve."""
from __future__ import annotations

import gc
import os
import sys

import click
from flask import Flask

from .. import db as storage
from ..ingest import BatchResult, ingest_paths, iter_paths


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
    from . import cli_accounts, cli_sources

    cli_accounts.register(app)  # user ..., backup, restore
    cli_sources.register(app)  # add-source, match-all

    @app.cli.command("ingest")
    @click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
    @click.option("--workers", type=int, default=None,
                  help="Processes for extraction (default: one per core).")
    @click.option("--check/--no-check", default=True, show_default=True,
                  help="Check each article's quotes against the sources as it is stored "
                       "(--no-check for a bulk load; then run match-all).")
    def ingest_command(paths: tuple[str, ...], workers: int | None, check: bool) -> None:
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

            ingest_paths(db, files, workers=workers, on_result=report, check=check)
        click.echo(f"{added} added, {dupes} already present, {failed} failed "
                   f"(database {app.config['DATABASE']})")
        if failed and not (added or dupes):
            sys.exit(1)

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
