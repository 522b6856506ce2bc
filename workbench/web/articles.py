"""Articles: the list, one article with its quotes in place, and ingest by paste, upload
or URL."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from .. import article_facts, queries
from ..documents import DocumentError, from_text, from_upload
from ..fetch import BadURL, FetchError
from ..highlight import paragraphs
from ..ingest import DuplicateArticle, ingest_document
from ..ingest_url import ingest_url
from .context import article_or_404, current_reviewer, get_db, htmx
from .params import searched_page, whole_number
from .quotes import PAGE_SIZE as QUOTE_LIST_PAGE

bp = Blueprint("articles", __name__)

MAX_PASTE = 5 * 1024 * 1024
MAX_TITLE = 300
# Quote cards rendered at once in the article page's side panel; the rest load as the
# reviewer scrolls (a 5 MB article holds ~14,000 quotes: 39 MB of HTML all at once).
PANEL_SIZE = 50
ARTICLES_PAGE = 50


@bp.get("/")
def home():
    return redirect(url_for("articles.index"))


@bp.get("/articles")
def index():
    """Articles newest first, a page at a time, searchable by title or outlet (live)."""
    context = _list_context()
    if htmx.target == "article-list":
        return render_template("articles/_list.html", **context)
    return render_template("articles/index.html", **context)


def _list_context() -> dict:
    db = get_db()
    return searched_page("articles", lambda q: queries.count_articles(db, q),
                         lambda q, limit, offset: queries.list_articles(db, q, limit, offset),
                         ARTICLES_PAGE)


@bp.post("/articles")
def paste():
    """Ingest pasted text; errors come back on the form with what was typed kept."""
    text = request.form.get("text", "")
    title = request.form.get("title", "").strip() or None
    try:
        if len(text) > MAX_PASTE:
            raise DocumentError(f"The text is too long ({len(text):,} characters, "
                                f"at most {MAX_PASTE:,})")
        if title and len(title) > MAX_TITLE:
            raise DocumentError(f"The title is too long (at most {MAX_TITLE} characters)")
        doc = from_text(text, title=title)
        result = ingest_document(get_db(), doc, current_reviewer())
    except DocumentError as exc:
        return _form_error(str(exc), 400, text, title)
    except DuplicateArticle as exc:
        return _form_error(str(exc), 409, text, title, duplicate_of=exc.article_id)
    return redirect(url_for("articles.show", article_id=result.article_id), 303)


@bp.post("/articles/url")
def from_url():
    """Fetch a pasted web address and ingest the article it holds."""
    url = request.form.get("url", "").strip()
    try:
        result = ingest_url(get_db(), url, current_reviewer(),
                            allow_private=current_app.config["FETCH_ALLOW_PRIVATE"])
    except BadURL as exc:
        return _form_error(str(exc), 400, url=url)
    except FetchError as exc:  # the other site failed us, not the reviewer
        return _form_error(str(exc), 502, url=url)
    except DocumentError as exc:
        return _form_error(str(exc), 422, url=url)
    except DuplicateArticle as exc:
        return _form_error(str(exc), 409, url=url, duplicate_of=exc.article_id)
    return redirect(url_for("articles.show", article_id=result.article_id), 303)


@bp.post("/articles/upload")
def upload():
    """Ingest one or many files; each is stored whole or not at all, and reported."""
    files = [f for f in request.files.getlist("files") if f and f.filename]
    if not files:
        return _form_error("Choose one or more .txt, .md or .html files to upload", 400)
    db = get_db()
    results = []
    for f in files:
        try:
            doc = from_upload(f.read(), f.filename)
            res = ingest_document(db, doc, current_reviewer())
            results.append({"filename": f.filename, "ok": True, "article_id": res.article_id,
                            "title": res.title, "quotes": res.quotes})
        except DuplicateArticle as exc:
            results.append({"filename": f.filename, "ok": False, "error": str(exc),
                            "article_id": exc.article_id})
        except DocumentError as exc:
            results.append({"filename": f.filename, "ok": False, "error": str(exc)})
    ok = sum(r["ok"] for r in results)
    if ok == 1 and len(results) == 1:
        return redirect(url_for("articles.show", article_id=results[0]["article_id"]), 303)
    status = 200 if ok else (409 if all("article_id" in r for r in results) else 400)
    return render_template("articles/uploaded.html", results=results), status


@bp.get("/articles/<int:article_id>")
def show(article_id: int):
    return render_template("articles/show.html", **_show_context(article_id))


def _show_context(article_id: int) -> dict:
    db = get_db()
    article = article_or_404(article_id)
    filt = queries.QuoteFilter(article=article_id)
    quotes = queries.list_quotes(db, filt, limit=None)  # every highlight needs its quote
    return dict(
        article=article, article_id=article_id, **_facts_context(db, article_id),
        quotes=quotes[:PANEL_SIZE],
        quotes_by_id={q["id"]: q for q in quotes},
        paragraphs=paragraphs(article["text"], quotes),
        counts=queries.count_quotes(db, filt),
        next_offset=PANEL_SIZE if len(quotes) > PANEL_SIZE else None, total=len(quotes),
    )


@bp.post("/articles/<int:article_id>/facts")
def facts(article_id: int):
    """Correct the article's title, outlet, date, URL or author (logged, versioned)."""
    db = get_db()
    # Before the values are judged: an error about them is shown on the article's page.
    article_or_404(article_id)
    values = {f: request.form[f] for f in article_facts.FACT_FIELDS if f in request.form}
    try:
        article = article_facts.update_facts(
            db, article_id, values, current_reviewer(),
            expected_version=whole_number(request.form.get("version"), "version"))
    except article_facts.ArticleNotFound:
        abort(404, f"No article {article_id}")
    except article_facts.FactsError as exc:
        return _facts_response(article_id, 400, str(exc), values)
    except article_facts.ArticleConflict as exc:
        return _facts_response(article_id, 409, str(exc))
    if htmx:
        return _facts_response(article_id, 200, article=article)
    return redirect(url_for("articles.show", article_id=article_id), 303)


def _facts_context(db, article_id: int) -> dict:
    return {"facts_history": article_facts.history(db, article_id),
            "fact_labels": article_facts.FACT_FIELDS}


def _facts_response(article_id: int, status: int, error: str | None = None,
                    values: dict | None = None, article: dict | None = None):
    """The facts partial (htmx), or the whole article page (a plain form's error)."""
    db = get_db()
    article = article or queries.get_article(db, article_id)
    context = {"article": article, "facts_error": error, "facts_values": values,
               **_facts_context(db, article_id)}
    if htmx:  # a saved title also replaces the page's heading
        return render_template("articles/_facts.html", **context, title_oob=not error), status
    # A plain form: the whole page, the error above the reopened form.
    return render_template("articles/show.html",
                           **{**_show_context(article_id), **context}), status


@bp.get("/articles/<int:article_id>/panel")
def panel(article_id: int):
    """More quote cards for the article page's side panel (htmx), from ``offset`` on.

    ``until`` (a quote id) extends the page to reach that quote's card, so a click on a
    highlight far down the text can bring its card in. Without htmx the same cards are
    in the quote list, so a plain request goes there.
    """
    db = get_db()
    article_or_404(article_id)
    offset = whole_number(request.args.get("offset"), "offset") or 0
    until = whole_number(request.args.get("until"), "until")
    filt = queries.QuoteFilter(article=article_id)
    if not htmx:
        page = offset // QUOTE_LIST_PAGE + 1
        return redirect(url_for("quotes.index", article=article_id, page=page))
    limit = PANEL_SIZE
    if until is not None:
        position = queries.quote_position(db, article_id, until)
        if position is None:
            abort(404, f"No quote {until} in article {article_id}")
        limit = max(limit, position - offset + 1)
    total = queries.count_quotes(db, filt)["all"]
    quotes = queries.list_quotes(db, filt, limit=limit, offset=offset)
    end = offset + len(quotes)
    return render_template("articles/_panel.html", article_id=article_id, quotes=quotes,
                           next_offset=end if end < total else None, total=total)


def _form_error(message: str, status: int, text: str = "", title: str | None = None,
                duplicate_of: int | None = None, url: str = ""):
    return render_template(
        "articles/index.html", **_list_context(), error=message,
        text=text, title=title, duplicate_of=duplicate_of, url=url[:2000],
    ), status
