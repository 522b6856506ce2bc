"""The desk: my queue (assignments), second looks and comments with mentions."""
from __future__ import annotations

from flask import (Blueprint, abort, flash, get_flashed_messages, redirect, render_template,
                   request, url_for)

from .. import desk
from ..queries import FilterError, QuoteFilter
from ..review import QuoteNotFound
from .context import current_reviewer, get_db, htmx
from .review_queue import moved_to, queue_filter, queue_url

bp = Blueprint("desk", __name__)


@bp.get("/desk")
def index():
    """My queue (what I was assigned, with what is left), the desk's assignments, second
    looks waiting, disagreements, and the comments that mention me."""
    db = get_db()
    me = current_reviewer()
    waiting, disagree = desk.second_look_counts(db, me)
    everyone = desk.assignments(db)
    return render_template(
        # Counted once: each assignment's counts are a query (or several) of their own.
        "desk/index.html", mine=[a for a in everyone if a.reviewer == me], everyone=everyone,
        mentions=desk.mentions_of(db, me), reviewers=desk.reviewers(db), queue_url=queue_url,
        waiting=waiting, disagree=disagree, messages=get_flashed_messages())


@bp.post("/desk/assign")
def assign():
    """Assign the filter in the query string (a queue) to a reviewer."""
    try:
        filt = QuoteFilter.from_args(request.args)
    except FilterError as exc:
        abort(400, str(exc))
    reviewer = (request.form.get("reviewer") or "").strip()
    if not reviewer:
        abort(400, "Choose a reviewer")
    try:
        desk.assign(get_db(), reviewer, filt, current_reviewer(), request.form.get("label"))
    except desk.DeskError as exc:
        abort(400, str(exc))
    flash(f"Assigned to {reviewer}.")
    return redirect(url_for("desk.index"), 303)


@bp.post("/desk/assignments/<int:assignment_id>/remove")
def unassign(assignment_id: int):
    try:
        desk.unassign(get_db(), assignment_id)
    except desk.DeskError as exc:
        abort(404, str(exc))
    flash("Assignment removed.")
    return redirect(url_for("desk.index"), 303)


def _queue_action(quote_id: int, act, done: str):
    """A desk action from the review card: the queue at the quote again, saying so."""
    db = get_db()
    try:
        act(db)
    except QuoteNotFound:
        abort(404, f"No quote {quote_id}")
    except desk.DeskError as exc:
        if not htmx:
            abort(400, str(exc))
        return moved_to(queue_filter(), quote_id, str(exc), status=400)
    return moved_to(queue_filter(), quote_id, done)


@bp.post("/review/<int:quote_id>/second-look")
def ask_second_look(quote_id: int):
    """Mark a reviewed quote for a second reviewer."""
    return _queue_action(quote_id, lambda db: desk.request_second_look(
        db, quote_id, current_reviewer()), f"Quote {quote_id}: a second look is asked for.")


@bp.post("/review/<int:quote_id>/second-verdict")
def second_verdict(quote_id: int):
    """The second reviewer's verdict, recorded beside the first."""
    status = (request.form.get("status") or "").strip()
    return _queue_action(quote_id, lambda db: desk.record_second_look(
        db, quote_id, current_reviewer(), status, request.form.get("note")),
        f"Quote {quote_id}: second look recorded ({status}).")


@bp.post("/quotes/<int:quote_id>/comments")
def comment(quote_id: int):
    """A comment on a quote; from the review card (htmx) or the quote's page."""
    act = (lambda db: desk.add_comment(db, quote_id, current_reviewer(),
                                       request.form.get("body", "")))
    if htmx:
        return _queue_action(quote_id, act, f"Quote {quote_id}: comment added.")
    try:
        act(get_db())
    except QuoteNotFound:
        abort(404, f"No quote {quote_id}")
    except desk.DeskError as exc:
        abort(400, str(exc))
    return redirect(url_for("quotes.show", quote_id=quote_id) + "#comments", 303)
