"""Speakers: everyone quoted, with aliases, role and counts by status; merging two, and
keeping the list clean (not a speaker, rename, remove an alias, split)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, get_flashed_messages, redirect, render_template, \
    request, url_for

from .. import speakers, stats
from ..corrections import CorrectionError
from ..speaker_cleanup import (alias_sources, mark_not_speaker, mark_speaker, remove_alias,
                               rename_speaker, split_speaker)
from ..speaker_names import is_descriptor
from ..speaker_merge import merge_speakers, plan_merge
from ..speakers import get_speaker
from .context import current_reviewer, get_db, htmx
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
    hidden = request.args.get("hidden") == "1"
    context = searched_page("speakers", lambda q: stats.count_speakers(db, q, hidden),
                            lambda q, limit, offset: stats.speakers(db, q, limit, offset,
                                                                    hidden),
                            PAGE_SIZE)
    return {**context, "choices": stats.merge_choices(db), "hidden": hidden,
            "hidden_count": stats.count_speakers(db, None, True)}


@bp.get("/speakers/<int:speaker_id>")
def show(speaker_id: int):
    """One speaker: names and where each alias came from, with the clean-up actions."""
    return _show(speaker_id)


def _show(speaker_id: int, error: str | None = None, status: int = 200):
    db = get_db()
    sp = get_speaker(db, speaker_id)
    if sp is None:
        abort(404, f"No speaker {speaker_id}")
    return render_template(
        "speakers/show.html", sp=sp, sources=alias_sources(db, speaker_id),
        counts=speakers.speaker_status_counts(db, speaker_id),
        into=get_speaker(db, sp["merged_into"]) if sp["merged_into"] else None,
        merged=speakers.speakers_merged_into(db, speaker_id),
        log=speakers.speaker_history(db, speaker_id),
        generic=is_descriptor(sp["name"]), error=error,
        messages=get_flashed_messages()), status


def _act(speaker_id: int, action, done: str):
    """Run a clean-up action; back to the speaker's page, saying what happened or why not."""
    db = get_db()
    if get_speaker(db, speaker_id) is None:
        abort(404, f"No speaker {speaker_id}")
    try:
        result = action(db)
    except CorrectionError as exc:
        return _show(speaker_id, str(exc), 400)
    flash(done.format(result=result))
    return redirect(url_for("speakers.show", speaker_id=speaker_id), 303)


@bp.post("/speakers/<int:speaker_id>/not-speaker")
def not_speaker(speaker_id: int):
    """Mark "not a speaker": its quotes go back to unattributed (undo restores them)."""
    return _act(speaker_id, lambda db: mark_not_speaker(db, speaker_id, current_reviewer()),
                "Marked not a speaker: {result} quotes are unattributed now "
                "(Undo in the review queue reverses it).")


@bp.post("/speakers/<int:speaker_id>/is-speaker")
def is_speaker(speaker_id: int):
    return _act(speaker_id, lambda db: mark_speaker(db, speaker_id, current_reviewer()),
                "A speaker again: later articles attribute quotes to this name.")


@bp.post("/speakers/<int:speaker_id>/rename")
def rename(speaker_id: int):
    name = request.form.get("name", "")
    return _act(speaker_id, lambda db: rename_speaker(db, speaker_id, name, current_reviewer()),
                "Renamed to {result[name]}.")


@bp.post("/speakers/<int:speaker_id>/aliases/remove")
def remove_alias_(speaker_id: int):
    alias = request.form.get("alias", "")
    return _act(speaker_id, lambda db: remove_alias(db, speaker_id, alias, current_reviewer()),
                "Removed the alias.")


@bp.post("/speakers/<int:speaker_id>/split")
def split(speaker_id: int):
    """Split a wrongly merged speaker off the one it was merged into."""
    return _act(speaker_id, lambda db: split_speaker(db, speaker_id, current_reviewer()),
                "Split off: {result} quotes moved back (Undo in the review queue re-merges).")


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
