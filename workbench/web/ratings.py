"""Claim ratings and ClaimReview: rating a quote, its ClaimReview JSON-LD, and the admin's
page for the rating scale (under /admin, so admin-only by the central policy)."""
from __future__ import annotations

import json
from collections.abc import Callable

from flask import (Blueprint, Response, abort, current_app, g, redirect, render_template,
                   request, url_for)

from .. import claimreview, ratings
from ..review import DISPUTE_REASONS, QuoteNotFound, VersionConflict
from .context import current_reviewer, get_db, htmx, quote_or_404
from .params import expected_version, whole_number

bp = Blueprint("ratings", __name__)


@bp.app_context_processor
def rating_helpers() -> dict:
    """The scale for the quote cards' rating menus: read when a template first asks, then
    kept for the request (an article page renders fifty cards)."""
    def cached(name: str, read):
        if name not in g:
            setattr(g, name, read(get_db()))
        return g.get(name)

    return {"rating_choices": lambda: cached("rating_scale", ratings.scale),
            "rating_labels": lambda: cached("rating_labels", ratings.labels)}


def organisation() -> dict:
    """The fact-checking organisation that signs the ClaimReviews (configuration)."""
    return {"name": current_app.config["CLAIMREVIEW_ORG_NAME"],
            "url": current_app.config["CLAIMREVIEW_ORG_URL"]}


def quote_link() -> Callable[[int], str]:
    base = url_for("quotes.show", quote_id=0, _external=True)[:-1]
    return lambda quote_id: f"{base}{quote_id}"


@bp.post("/quotes/<int:quote_id>/rating")
def rate(quote_id: int):
    """Rate the claim (an empty rating clears it); htmx gets the quote card back."""
    db = get_db()
    key = request.form.get("rating", "").strip() or None
    try:
        ratings.set_rating(db, quote_id, key, current_reviewer(),
                           expected_version=expected_version())
    except QuoteNotFound:
        abort(404, f"No quote {quote_id}")
    except ratings.RatingError as exc:
        return _card(quote_id, 400, str(exc))
    except VersionConflict as exc:
        return _card(quote_id, 409, str(exc))
    if htmx:
        return _card(quote_id, 200)
    return redirect(url_for("quotes.show", quote_id=quote_id), 303)


def _card(quote_id: int, status: int, error: str | None = None):
    quote = quote_or_404(quote_id)
    if not htmx and error:
        abort(status, error)
    return render_template("quotes/_quote.html", q=quote, error=error,
                           reasons=DISPUTE_REASONS), status


@bp.get("/quotes/<int:quote_id>/claimreview.jsonld")
def quote_claimreview(quote_id: int):
    node = claimreview.for_quote(get_db(), quote_id, organisation(), quote_link())
    if node is None:
        abort(404, f"Quote {quote_id} has no ClaimReview: it is neither rated nor reviewed "
                   "(or does not exist)")
    return Response(json.dumps(node, ensure_ascii=False, indent=2),
                    mimetype="application/ld+json")


@bp.get("/admin/ratings")
def scale():
    return _scale_page()


def _scale_page(status: int = 200, error: str | None = None, form: dict | None = None):
    return render_template("ratings/scale.html", entries=ratings.scale(get_db(), False),
                           kinds=ratings.KINDS, error=error, form=form or {}), status


@bp.post("/admin/ratings")
def save_entry():
    """Add an entry to the scale or change one (label, kind, value, on or off)."""
    form = {k: request.form.get(k, "")[:200] for k in ("key", "label", "kind", "value")}
    value = whole_number(form["value"], "value")
    try:
        ratings.save_entry(get_db(), form["key"], form["label"], form["kind"],
                           value if value is not None else 0,
                           active=request.form.get("active", "1") == "1")
    except ratings.RatingError as exc:
        return _scale_page(400, str(exc), form)
    return redirect(url_for("ratings.scale"), 303)
