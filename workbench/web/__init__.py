"""The Flask application: configuration, database per request, blueprints, error pages."""
from __future__ import annotations

import os
import secrets
import sqlite3
from datetime import timedelta
from pathlib import Path

from flask import Flask, g, render_template, request
from werkzeug.exceptions import HTTPException, SecurityError, ServiceUnavailable

from .. import db as storage
from ..queries import CHECKS
from ..review import DISPUTE_REASONS
# Re-exported: blueprints import them from .context, older code (and branches) from here.
from .context import current_reviewer, get_db, htmx  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
DEFAULT_HOSTS = ("127.0.0.1", "localhost")

class InsufficientStorage(HTTPException):
    """507: Werkzeug has no class for it."""

    code = 507


def create_app(test_config: dict | None = None) -> Flask:
    """Application factory.

    :param test_config: settings that override the defaults and the environment
        (``DATABASE``, ``SECRET_KEY``, ``TESTING`` ...)
    """
    app = Flask(
        __name__,
        instance_path=os.environ.get("WORKBENCH_INSTANCE", str(ROOT / "instance")),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_mapping(
        DATABASE=os.environ.get("WORKBENCH_DB", str(ROOT / "data" / "workbench.db")),
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        # Werkzeug's default (500 kB) would refuse a long pasted article before the
        # paste view can say how long it may be.
        MAX_FORM_MEMORY_SIZE=MAX_UPLOAD_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # Flask ships defaults for these two (31 days, refresh on every response), so
        # auth.init_app's setdefault could never apply them: set here, before test_config.
        # The cookie lasts 12 hours (auth also caps a session at 12 hours from sign-in) and
        # is rewritten only when "seen" moves on, so a late response can never bring back
        # a session that was just ended.
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        SESSION_REFRESH_EACH_REQUEST=False,
        # Flask answers 400 to any other Host header, so a forged one never reaches a
        # page, a link or a redirect. `serve --host NAME` adds NAME.
        TRUSTED_HOSTS=_hosts(os.environ.get("WORKBENCH_HOSTS")),
        # Absolute links (the CSV export's) start with this, never with the request's
        # Host; `serve` sets it from the address it listens on unless this is given.
        BASE_URL=os.environ.get("WORKBENCH_BASE_URL")
        or f"http://127.0.0.1:{os.environ.get('PORT', 5000)}",
        # Ingest by URL refuses loopback and private addresses unless this is set (tests
        # serving pages on 127.0.0.1; an intranet deployment that means to fetch inside).
        FETCH_ALLOW_PRIVATE=os.environ.get("WORKBENCH_FETCH_ALLOW_PRIVATE") == "1",
        # The organisation that signs the ClaimReview exports (their "author").
        CLAIMREVIEW_ORG_NAME=os.environ.get("WORKBENCH_ORG_NAME", "Quote workbench"),
        CLAIMREVIEW_ORG_URL=os.environ.get("WORKBENCH_ORG_URL"),
    )
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(Path(app.instance_path))

    # Migrate once at start-up (every set) so request connections never race to upgrade
    # the schema.
    storage.connect(app.config["DATABASE"]).conn.close()

    htmx.init_app(app)
    app.jinja_env.globals["dispute_reasons"] = DISPUTE_REASONS
    app.jinja_env.globals["source_checks"] = CHECKS

    @app.teardown_appcontext
    def close_db(_exc: BaseException | None) -> None:
        db = g.pop("db", None)
        if db is not None and db.conn.in_transaction:
            db.conn.rollback()  # the connection goes back to this thread's pool clean

    from . import api

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if api.is_api_request():  # a script reads JSON, never an HTML page
            return api.error_response(exc), exc.code
        if request.headers.get("HX-Request"):
            return render_template("_error.html", error=exc), exc.code
        return render_template("error.html", error=exc), exc.code

    @app.errorhandler(SecurityError)
    def untrusted_host(exc: SecurityError):
        """A Host header outside TRUSTED_HOSTS: plain text, since no URL of this site can
        be built for a host it does not answer to (the page templates build many)."""
        return (f"Bad request: {exc.description} This workbench answers to "
                f"{', '.join(app.config['TRUSTED_HOSTS'])} (WORKBENCH_HOSTS).\n", 400,
                {"Content-Type": "text/plain; charset=utf-8"})

    @app.errorhandler(sqlite3.OperationalError)
    def database_error(exc: sqlite3.OperationalError):
        """A write SQLite could not make: the transaction was rolled back, so say so
        plainly (and whether trying again can help) instead of a bare 500."""
        message = str(exc).lower()
        if "locked" in message or "busy" in message:
            error = ServiceUnavailable("The database is busy with another write; nothing was "
                                       "saved. Try again in a moment.")
            resp = http_error(error)
            return resp[0], resp[1], {"Retry-After": "2"}
        if "disk is full" in message:
            return http_error(InsufficientStorage(
                "The disk holding the database is full; nothing was saved. Tell the "
                "administrator."))
        raise exc

    from . import (account, admin, articles, auth, cli, dashboard, desk, feeds, quotes, ratings,
                   review_queue, server_timing, sources, speakers)

    auth.init_app(app)  # default-deny access policy, CSRF, sign-in pages
    app.register_blueprint(account.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(api.bp)  # CSRF-exempt (auth.init_app): token only
    app.register_blueprint(articles.bp)
    app.register_blueprint(quotes.bp)
    app.register_blueprint(review_queue.bp)
    app.register_blueprint(speakers.bp)
    app.register_blueprint(sources.bp)
    app.register_blueprint(dashboard.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(ratings.bp)
    app.register_blueprint(desk.bp)
    cli.register(app)
    if app.config.get("SERVER_TIMING", os.environ.get("WORKBENCH_SERVER_TIMING")):
        app.wsgi_app = server_timing.wrap(app.wsgi_app)
    return app


def _hosts(raw: str | None) -> list[str]:
    """``WORKBENCH_HOSTS``: host names separated by commas or spaces (a leading dot also
    allows subdomains); unset or blank, 127.0.0.1 and localhost."""
    hosts = [h for h in (raw or "").replace(",", " ").split() if h]
    return hosts or list(DEFAULT_HOSTS)


def _secret_key(instance: Path) -> str:
    """Read the secret key kept in the instance folder, generating it on first run."""
    env = os.environ.get("WORKBENCH_SECRET_KEY")
    if env:
        return env
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key
