"""Progress: reviewed of total, by article, by speaker and by reviewer, with bar charts."""
from __future__ import annotations

from flask import Blueprint, render_template

from .. import stats
from .context import get_db

bp = Blueprint("dashboard", __name__)


@bp.get("/dashboard")
def index():
    db = get_db()
    return render_template(
        "dashboard/index.html", overall=stats.overall(db), articles=stats.by_article(db, 50),
        speakers=stats.by_speaker(db, 25), reviewers=stats.by_reviewer(db))
