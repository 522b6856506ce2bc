"""Quotes: the filterable list, verdicts, one quote's page and the exports (CSV, JSON
Lines)."""
from __future__ import annotations

import re

from flask import (Blueprint, Response, abort, current_app, redirect, render_template,
                   request, url_for)

from .. import db as storage
from .. import desk, export, queries, queue
from ..review import (DISPUTE_REASONS, QuoteNotFound, ReviewError, VersionConflict, history,
                      set_verdict)
from .context import current_reviewer, get_db, htmx, quote_or_404
from .auth import safe_next
from .params import expected_version, page_count, page_number, verdict_from_form
from .sources import match_context

bp = Blueprint("quotes", __name__)


def _filter() -> queries.QuoteFilter:
    try:
        return queries.QuoteFilter.from_args(request.args)
    except queries.FilterError as exc:
        abort(400, str(exc))


PAGE_SIZE = 25
WIDE_SEARCH_PAGES = 20


@bp.get("/quotes")
def index():
    db = get_db()
    filt = queue.prepare(db, _filter())
    page = page_number()
    counts = queries.count_quotes(db, filt)
    total = counts[filt.status or "all"]
    if total is None:  # a wide search: its first pages only (each later one costs more)
        pages = WIDE_SEARCH_PAGES
        if page > pages:
            abort(400, f"The search words are in more than {counts['more_than']:,} quotes:"
                       f" only the first {pages} pages are listed. Add a word or a filter.")
    else:
        pages = page_count(total, PAGE_SIZE)
    context = dict(
        quotes=queries.list_quotes(db, filt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE,
                                   matching=total),
        filt=filt, counts=counts, page=page, pages=pages, page_size=PAGE_SIZE,
        speakers=queries.speaker_choices(db), outlets=queries.outlet_choices(db),
        article=queries.get_article(db, filt.article) if filt.article else None,
        args_without_article={k: v for k, v in filt.as_args().items() if k != "article"},
        kinds=queries.KINDS, reasons=DISPUTE_REASONS,
    )
    # Live filtering swaps only the results; a plain request gets the whole page.
    if htmx and htmx.target == "results":
        return render_template("quotes/_results.html", **context)
    return render_template("quotes/index.html", **context)


@bp.get("/quotes/<int:quote_id>")
def show(quote_id: int):
    db = get_db()
    quote = quote_or_404(quote_id)
    return render_template("quotes/show.html", **_show_context(db, quote))


def _show_context(db, quote: dict) -> dict:
    return dict(quote=quote, article=queries.get_article(db, quote["article_id"]),
                history=history(db, quote["id"]), reasons=DISPUTE_REASONS,
                second_looks=desk.second_looks(db, quote["id"]),
                comments=desk.comments(db, quote["id"]),
                **match_context(db, quote),
                accept_action=url_for("quotes.verdict", quote_id=quote["id"]),
                accept_next=url_for("quotes.show", quote_id=quote["id"]))


@bp.post("/quotes/<int:quote_id>/verdict")
def verdict(quote_id: int):
    """Record a verdict; htmx gets the updated quote fragment, a plain form a redirect."""
    db = get_db()
    v = verdict_from_form()
    version = expected_version()
    try:
        set_verdict(db, quote_id, v, current_reviewer(),
                    expected_version=version)
    except QuoteNotFound:
        abort(404, f"No quote {quote_id}")
    except ReviewError as exc:
        return _quote_response(quote_id, 400, error=str(exc))
    except VersionConflict as exc:
        return _quote_response(quote_id, 409, error=str(exc))
    if htmx:
        return _quote_response(quote_id, 200)
    return redirect(safe_next(request.form.get("next"),
                              url_for("quotes.show", quote_id=quote_id)), 303)


def _quote_response(quote_id: int, status: int, error: str | None = None):
    quote = quote_or_404(quote_id)  # a bad verdict on a quote that does not exist
    if htmx:
        return render_template("quotes/_quote.html", q=quote, error=error,
                               reasons=DISPUTE_REASONS), status
    return render_template("quotes/show.html", error=error,
                           **_show_context(get_db(), quote)), status


@bp.get("/export.csv")
def export_csv():
    """The claims under the quote list's filter as CSV; ``?bom=1`` for Excel."""
    return _export("csv", "text/csv", bom=request.args.get("bom") == "1")


@bp.get("/export.jsonl")
def export_jsonl():
    """The claims under the quote list's filter as JSON Lines."""
    return _export("jsonl", "application/jsonl")


def _export(fmt: str, mimetype: str, **options: bool) -> Response:
    filt = _filter()
    # From configuration, not the request: a forged Host must not end up in the file.
    base = current_app.config["BASE_URL"].rstrip("/") + url_for("quotes.show", quote_id=0)[:-1]

    def link(quote_id: int) -> str:
        return f"{base}{quote_id}"

    path = current_app.config["DATABASE"]

    def stream():
        # The download outlives the request's connection, so it reads on its own one.
        db = storage.connect(path, migrate=False)
        try:
            yield from export.FORMATS[fmt](db, filt, link, **options)
        finally:
            db.conn.close()

    name = "claims" + "".join(f"-{k}-{v}" for k, v in filt.as_args().items() if k != "q")
    name = re.sub(r"[^\w.-]+", "_", name, flags=re.ASCII)
    return Response(
        stream(), mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name[:80]}.{fmt}"'},
    )
