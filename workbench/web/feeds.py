"""Feeds: the saved RSS/Atom feeds with their last run, saving one, refreshing one."""
from __future__ import annotations

from flask import (Blueprint, abort, current_app, flash, get_flashed_messages, redirect,
                   render_template, request, url_for)

from .. import feeds
from ..fetch import BadURL
from .context import current_reviewer, get_db

bp = Blueprint("feeds", __name__)


@bp.get("/feeds")
def index():
    return render_template("feeds/index.html", feeds=feeds.list_feeds(get_db()),
                           messages=get_flashed_messages())


@bp.post("/feeds")
def add():
    """Save a feed (refreshing is a separate, explicit step)."""
    url = request.form.get("url", "").strip()
    try:
        feeds.save_feed(get_db(), url, current_reviewer())
    except BadURL as exc:
        return render_template("feeds/index.html", feeds=feeds.list_feeds(get_db()),
                               error=str(exc), url=url[:2000], messages=[]), 400
    flash(f"Saved {url}; refresh it to ingest its items.")
    return redirect(url_for("feeds.index"), 303)


@bp.post("/feeds/<int:feed_id>/refresh")
def refresh(feed_id: int):
    """Fetch the feed now and ingest its new items; the tally shows on the list."""
    db = get_db()
    if db["feeds"].count_where("id = ?", [feed_id]) == 0:
        abort(404, f"No feed {feed_id}")
    run = feeds.refresh(db, feed_id, current_reviewer(),
                        allow_private=current_app.config["FETCH_ALLOW_PRIVATE"])
    flash(run.summary())
    return redirect(url_for("feeds.index"), 303)
