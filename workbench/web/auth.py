"""Signing in and out, and the one central access policy every request goes through.

Access is default-deny and decided in one ``before_request`` from the endpoint and the
HTTP method, so a route added later is covered without doing anything:

* ``static`` and the login page are open to everyone;
* everything else needs a signed-in, enabled user;
* state-changing methods (anything but GET/HEAD/OPTIONS) need a reviewer or an admin;
* URLs under ``/admin`` and endpoints of the ``admin`` blueprint need an admin;
* a view can ask for more (never less) with :func:`requires`.

CSRF protection (Flask-WTF) covers every state-changing request, htmx included: the
token travels in the ``X-CSRFToken`` header set by ``hx-headers`` on ``<body>`` or in a
``csrf_token`` hidden field of plain forms.

The JSON API under ``/api/v1`` goes through the same policy with one difference: its
user comes from an API token (``Authorization: Bearer ...``), never from the session
cookie. A browser sends no such header on its own, so the API needs no CSRF token and is
exempt from it (web/api.py).
"""
from __future__ import annotations

import os
import sqlite3
import time
from datetime import timedelta
from urllib.parse import urlsplit

from flask import (Blueprint, Flask, abort, current_app, g, redirect,
                   render_template, request, session, url_for)
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge, SecurityError
from werkzeug.routing import IntegerConverter

from .. import accounts, api_tokens, sessions
from ..throttle import Throttle
from .context import get_db

bp = Blueprint("auth", __name__)
csrf = CSRFProtect()

PUBLIC_ENDPOINTS = frozenset({"auth.login", "static", "api.openapi"})
# Any signed-in user may sign out and change their own password, whatever the method.
SELF_SERVICE_ENDPOINTS = frozenset({"auth.logout", "auth.change_password",
                                    "account.list_sessions", "account.end_session",
                                    "account.end_others"})
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ADMIN_PREFIX = "/admin"
API_PREFIX = "/api/"

SEEN_RESOLUTION = 300  # seconds: how stale the session's last-seen time may get
LOGIN_ATTEMPTS = 5  # password checks per account (from anywhere) ...
# ... and per client address, whatever the accounts: high, since a whole desk may come
# from one address (a proxy, or the shared machine itself) and sign in at once ...
ADDRESS_ATTEMPTS = 100
LOGIN_WINDOW = 300  # ... within this many seconds, then wait

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


class BoundedInt(IntegerConverter):
    """``<int:...>`` that only matches what SQLite can store: a larger id is a 404, not
    an OverflowError (500) in the query."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(map, *args, **kwargs)


def requires(role: str):
    """Raise the role a view needs above what its method asks (e.g. an admin-only GET)."""
    accounts.validate_role(role)

    def decorate(view):
        view.required_role = role
        return view

    return decorate


def required_role(endpoint: str | None, method: str, path: str = "") -> str | None:
    """The role a request needs: ``None`` for public, else viewer, reviewer or admin."""
    if endpoint in PUBLIC_ENDPOINTS:
        return None
    if endpoint in SELF_SERVICE_ENDPOINTS:
        role = "viewer"
    elif method.upper() in READ_METHODS:
        role = "viewer"
    else:
        role = "reviewer"
    if path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/") or \
            (endpoint or "").startswith("admin."):
        role = "admin"
    view = current_app.view_functions.get(endpoint) if endpoint else None
    extra = getattr(view, "required_role", None)
    if extra and accounts.RANK[extra] > accounts.RANK[role]:
        role = extra
    return role


def safe_next(target: str | None, default: str | None = None) -> str:
    """A redirect target on this site only (no scheme, no host, no ``//``)."""
    default = default or url_for("articles.index")
    if not target or len(target) > 2000:
        return default
    target = target.strip()
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or \
            target.startswith(("//", "/\\")) or "\\" in target or any(ord(c) < 32 for c in target):
        return default
    return target


def _load_user() -> dict | None:
    uid, sid, seen = session.get("uid"), session.get("sid"), session.get("seen")
    since = session.get("since")
    if not isinstance(uid, int) or not isinstance(sid, str):
        return None
    now = int(time.time())
    idle = current_app.config["IDLE_TIMEOUT"].total_seconds()
    if not isinstance(seen, int) or now - seen > idle:
        session.clear()  # left signed in on a shared machine: sign in again
        return None
    # The cookie's expiry moves on whenever it is rewritten, so the cap on a session's
    # whole length is kept here, from the sign-in time.
    if not isinstance(since, int) or \
            now - since > current_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds():
        session.clear()
        return None
    db = get_db()
    record = sessions.find(db, sid, uid)
    user = accounts.get_user(db, uid) if record else None
    if user is None or user["disabled"]:
        # Signed out, ended from another session, password changed, disabled or
        # deleted: the record is over, so this cookie (or any copy of it) is too.
        session.clear()
        return None
    g.session_id = record["id"]
    if now - seen > SEEN_RESOLUTION:  # rewrite the cookie now and then, not every request
        session["seen"] = now
        try:
            sessions.touch(db, record["id"])
        except sqlite3.OperationalError:  # busy: the sessions page shows an older time
            pass
    return user


def session_fields(user: dict, db=None, address: str | None = None,
                   agent: str | None = None) -> dict:
    """Start a session record for ``user`` and return what the cookie holds: the user,
    the session's token, the sign-in time and the last time seen.

    :param db: the database (default: this request's connection)
    :param address: the client address, shown on the sessions page
    :param agent: the browser's User-Agent, shown on the sessions page
    """
    _, token = sessions.start(db if db is not None else get_db(), user["id"], address, agent)
    now = int(time.time())
    return {"uid": user["id"], "sid": token, "since": now, "seen": now}


def login_user(user: dict) -> None:
    """Start a new session for ``user`` in this browser; a session the browser had
    (signing in again, or as someone else) ends, so no copy of its cookie lives on."""
    if g.get("session_id") is not None and g.get("user") is not None:
        sessions.end(get_db(), g.user["id"], "signed in again", session_id=g.session_id)
    session.clear()
    session.permanent = True
    session.update(session_fields(user, address=request.remote_addr,
                                  agent=request.headers.get("User-Agent")))


def _sign_in_first():
    login = url_for("auth.login", next=request.full_path.rstrip("?")
                    if request.method in READ_METHODS else None)
    if request.headers.get("HX-Request"):
        # htmx follows HX-Redirect whatever the status: the whole page goes to sign-in.
        resp = current_app.make_response(("Sign in first", 401))
        resp.headers["HX-Redirect"] = login
        return resp
    if request.method in READ_METHODS:
        return redirect(login, 302)
    abort(401, "Sign in first: your session has ended or you are not signed in.")


def _bearer_token() -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").strip().partition(" ")
    return (value.strip() or None) if scheme.lower() == "bearer" else None


def _api_user() -> dict:
    """The user of the request's API token; refused with 401 (no valid token) or 403
    (the token's user is disabled). The session cookie is not read."""
    found = api_tokens.authenticate(get_db(), _bearer_token())
    if isinstance(found, api_tokens.Refusal):
        abort(found.status, found.message)
    return found


def enforce_access():
    """The central before_request: who may do what (see the module docstring)."""
    if isinstance(request.routing_exception, SecurityError):
        raise request.routing_exception  # an untrusted Host: nothing else runs
    if request.endpoint == "static":
        g.user = None
        return None
    api = request.path.startswith(API_PREFIX) or request.path == API_PREFIX.rstrip("/")
    if api:
        g.user = None
        if request.endpoint in PUBLIC_ENDPOINTS:
            return None
        g.user = _api_user()
    else:
        g.user = _load_user()
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if g.user is None:
        return _sign_in_first()
    if request.endpoint is None:  # no such URL or method: let routing answer 404/405
        return None
    # A token is made by an admin for a script: the one-time password is the browser's
    # business, so it does not hold the API back.
    if g.user["must_change_password"] and request.endpoint not in SELF_SERVICE_ENDPOINTS \
            and not api:
        if request.method in READ_METHODS and not request.headers.get("HX-Request"):
            return redirect(url_for("auth.change_password", next=request.full_path.rstrip("?")))
        abort(403, "Choose your own password first (your password is a one-time password).")
    role = required_role(request.endpoint, request.method, request.path)
    if role and not accounts.has_role(g.user, role):
        current_app.logger.warning("refused %s %s to %s (%s; needs %s)", request.method,
                                   request.path, g.user["username"], g.user["role"], role)
        abort(403, f"This needs the {role} role; you are signed in as "
                   f"{g.user['username']} ({g.user['role']}).")
    return None


def security_headers(resp):
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("X-Frame-Options", "DENY")
    resp.headers.setdefault("Referrer-Policy", "same-origin")
    csp = current_app.config.get("CONTENT_SECURITY_POLICY")
    if csp:
        resp.headers.setdefault("Content-Security-Policy", csp)
    if g.get("user") is not None or request.endpoint in PUBLIC_ENDPOINTS - {"static"}:
        # Pages with review data or forms must not be kept by shared-machine caches.
        resp.headers.setdefault("Cache-Control", "no-store")
    return resp


def init_app(app: Flask) -> None:
    """Wire accounts into the app; called by create_app before blueprints register."""
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # valid for the whole session
    # Signed out after 2 idle hours (shared machine); the 12-hour cap and the cookie
    # refresh policy are set in create_app (Flask has defaults for them).
    idle = os.environ.get("WORKBENCH_IDLE_MINUTES")
    app.config.setdefault("IDLE_TIMEOUT", timedelta(minutes=int(idle) if idle else 120))
    app.config.setdefault("CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY)
    if os.environ.get("WORKBENCH_HTTPS"):  # served behind TLS: cookies only over https
        app.config["SESSION_COOKIE_SECURE"] = True
    app.url_map.converters["int"] = BoundedInt
    csrf.init_app(app)
    app.before_request_funcs.setdefault(None, []).insert(0, enforce_access)
    app.after_request(security_headers)

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        error = BadRequest("The form is out of date or did not come from this workbench "
                           f"({exc.description}). Reload the page and try again.")
        template = "_error.html" if request.headers.get("HX-Request") else "error.html"
        return render_template(template, error=error), 400

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(exc: RequestEntityTooLarge):
        limit = app.config.get("MAX_CONTENT_LENGTH") or 0
        size = f"{limit / 1024 / 1024:.0f} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"
        exc.description = (f"The upload is larger than the {size} this "
                           "workbench accepts at once; nothing was stored. Upload fewer or "
                           "smaller files.")
        if api.is_api_request():
            return api.error_response(exc), 413
        template = "_error.html" if request.headers.get("HX-Request") else "error.html"
        return render_template(template, error=exc), 413

    @app.context_processor
    def user_context():
        user = g.get("user")
        return {"current_user": user,
                "can_review": accounts.has_role(user, "reviewer"),
                "is_admin": accounts.has_role(user, "admin")}

    app.register_blueprint(bp)
    from . import api

    # Token only, never the cookie: see the module docstring. create_app registers it.
    csrf.exempt(api.bp)


# --- password checks: counted before they are made ------------------------------------

_throttle = Throttle({"account": LOGIN_ATTEMPTS, "address": ADDRESS_ATTEMPTS}, LOGIN_WINDOW)
_failures = _throttle.attempts  # tests clear it: throttling is per process


def _guess_keys(username: str) -> list[tuple[str, str]]:
    return [("account", username.strip().lower()), ("address", request.remote_addr or "")]


def _too_many(wait: int) -> str:
    return f"Too many failed sign-ins (or password checks): wait {wait} seconds and try again."


@bp.route("/login", methods=["GET", "POST"])
def login():
    next_url = safe_next(request.values.get("next"))
    if request.method == "GET":
        if g.user is not None:
            return redirect(next_url)
        return render_template("auth/login.html", next=next_url)
    username = request.form.get("username", "")[: accounts.MAX_USERNAME + 1].strip()
    password = request.form.get("password", "")
    if not username or not password:
        return render_template("auth/login.html", next=next_url, username=username,
                               error="Enter your username and password."), 400
    keys = _guess_keys(username)
    wait, attempt = _throttle.acquire(keys)  # counted now, before the slow check
    if wait:
        return render_template("auth/login.html", next=next_url, username=username,
                               error=_too_many(wait)), 429
    user = accounts.authenticate(get_db(), username, password)
    if user is None:
        current_app.logger.warning("failed sign-in for %r from %s", username[:64],
                                   request.remote_addr)
        return render_template("auth/login.html", next=next_url, username=username,
                               error="Wrong username or password, or the account is disabled."), 401
    _throttle.release(keys, attempt, clear=keys[:1])
    login_user(user)
    if user["must_change_password"]:
        return redirect(url_for("auth.change_password", next=next_url), 303)
    return redirect(next_url, 303)


@bp.post("/logout")
def logout():
    session_id = g.get("session_id")
    if session_id is not None:
        sessions.end(get_db(), g.user["id"], "signed out", session_id=session_id)
    session.clear()
    return redirect(url_for("auth.login"), 303)


@bp.route("/account/password", methods=["GET", "POST"])
def change_password():
    next_url = safe_next(request.values.get("next"))
    forced = bool(g.user["must_change_password"])
    if request.method == "GET":
        return render_template("auth/password.html", next=next_url, forced=forced)
    current = request.form.get("current_password", "")
    new = request.form.get("new_password", "")
    confirm = request.form.get("confirm_password", "")

    def refuse(error: str, status: int = 400):
        return render_template("auth/password.html", next=next_url, forced=forced,
                               error=error), status

    # Everything that can be said about the new password is said before the current one
    # is checked, so no answer differs by whether the guess was right.
    if new != confirm:
        return refuse("The two new passwords differ.")
    if new == current:
        return refuse("The new password must differ from the current one.")
    try:
        accounts.validate_password(new, g.user["username"])
    except accounts.AccountError as exc:
        return refuse(str(exc))
    keys = _guess_keys(g.user["username"])
    wait, attempt = _throttle.acquire(keys)
    if wait:
        return refuse(_too_many(wait), 429)
    if not accounts.check_password(g.user, current):
        current_app.logger.warning("wrong current password for %r from %s",
                                   g.user["username"], request.remote_addr)
        return refuse("The current password is wrong.")
    _throttle.release(keys, attempt, clear=keys[:1])
    accounts.set_password(get_db(), g.user["username"], new, must_change=False,
                          keep_session=g.session_id)  # every other session ends
    return redirect(next_url, 303)
