"""A user's own sessions: see where they are signed in and end the other sessions.

Every signed-in user may use these pages whatever their role (auth.SELF_SERVICE_ENDPOINTS):
ending a session left open on another machine must not need a reviewer.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone

from flask import Blueprint, abort, current_app, g, redirect, render_template, session, url_for

from .. import sessions
from .context import get_db
from .auth import SEEN_RESOLUTION

bp = Blueprint("account", __name__, url_prefix="/account")


def _ago(seconds: float) -> str:
    return datetime.fromtimestamp(time.time() - seconds, timezone.utc).isoformat(
        timespec="milliseconds")


def _page(status: int = 200, notice: str | None = None):
    """The sessions still able to make requests: within the 12-hour cap and not idle for
    longer than the idle limit (last-seen times move every SEEN_RESOLUTION seconds)."""
    cap = current_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    idle = current_app.config["IDLE_TIMEOUT"].total_seconds() + SEEN_RESOLUTION
    rows = sessions.live(get_db(), g.user["id"], _ago(cap), _ago(idle))
    return render_template("account/sessions.html", sessions=rows, current=g.session_id,
                           notice=notice), status


@bp.get("/sessions")
def list_sessions():
    return _page()


@bp.post("/sessions/<int:session_id>/end")
def end_session(session_id: int):
    """End one of my sessions; ending this one is signing out."""
    if not sessions.end(get_db(), g.user["id"], "ended by its user", session_id=session_id):
        abort(404, f"No session {session_id} of yours is open")
    if session_id == g.session_id:
        session.clear()
        return redirect(url_for("auth.login"), 303)
    return _page(notice="That session is signed out.")


@bp.post("/sessions/end-others")
def end_others():
    ended = sessions.end(get_db(), g.user["id"], "ended by its user", keep=g.session_id)
    return _page(notice=f"Signed out {ended} other session{'s' if ended != 1 else ''}.")
