"""Speakers: everyone quoted, with aliases, role and counts by status; merging two."""
from __future__ import annotations

from flask import Blueprint, abort, flash, get_flashed_messages, redirect, render_template, \
    request, url_for

from .. import stats
from ..corrections import CorrectionError
from ..speaker_merge import merge_speakers, plan_merge
from . import current_reviewer, get_db, htmx
from .params import searched_page, whole_number

bp = Blueprint("speakers", __name__)


PAGE_SIZE = 100


@bp.get("/speakers")
def index():
    """Speakers by name, a page at a time, searchable by name or alias (live)."""
    context = _list_context()
    if htmx.target == "speaker-list":
        return render_template("speakers/_list.html", **context)
    return render_template("speakers/index.html", **context, messages=get_flashed_messages())


def _list_context() -> dict:
    db = get_db()
    context = searched_page("speakers", lambda q: stats.count_speakers(db, q),
                            lambda q, limit, offset: stats.speakers(db, q, limit, offset),
                            PAGE_SIZE)
    return {**context, "choices": stats.merge_choices(db)}


def _id(name: str) -> int:
    problem = f"Choose a speaker for {name!r}"
    speaker_id = whole_number(request.values.get(name), name, problem)
    if speaker_id is None:
        abort(400, problem)
    return speaker_id


@bp.get("/speakers/merge")
def merge_preview():
    """What a merge will apply to (its quotes only, or later articles too), before it acts."""
    try:
        plan = plan_merge(get_db(), _id("from_id"), _id("into_id"))
    except CorrectionError as exc:
        return render_template("speakers/index.html", **_list_context(), error=str(exc),
                               messages=[]), 400
    return render_template("speakers/merge.html", plan=plan, note=request.args.get("note", ""))


@bp.post("/speakers/merge")
def merge():
    """Merge one speaker into another; their names become aliases. Undo reverses it."""
    db = get_db()
    try:
        result = merge_speakers(db, _id("from_id"), _id("into_id"), current_reviewer(),
                                note=request.form.get("note"))
    except CorrectionError as exc:
        return render_template("speakers/index.html", **_list_context(), error=str(exc),
                               messages=[]), 400
    n = f"{result.quotes} quote{'s' if result.quotes != 1 else ''}"
    scope = " (these quotes only: the old name was a descriptor)" if result.scope == "quotes" else ""
    flash(f"Merged into {result.into['name']}: {n} moved{scope}. "
          "Undo in the review queue reverses it.")
    return redirect(url_for("speakers.index") + f"#speaker-{result.into['id']}", 303)
